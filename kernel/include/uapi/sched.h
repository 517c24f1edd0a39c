/* uapi/sched.h - clone(2)'s flags and clone3(2)'s arguments, as Linux's
 * <linux/sched.h>. */
#ifndef UAPI_SCHED_H
#define UAPI_SCHED_H

#include <stdint.h>

#define CSIGNAL              0x000000ff  /* low byte: the signal sent to the parent at exit */
#define CLONE_VM             0x00000100  /* share the address space (a thread) */
#define CLONE_FS             0x00000200  /* share cwd, root, umask */
#define CLONE_FILES          0x00000400  /* share the file descriptor table */
#define CLONE_SIGHAND        0x00000800  /* share signal handlers */
#define CLONE_PIDFD          0x00001000  /* put a pidfd in *parent_tid */
#define CLONE_PTRACE         0x00002000
#define CLONE_VFORK          0x00004000  /* the parent waits until the child execs or exits */
#define CLONE_PARENT         0x00008000  /* same parent as the caller */
#define CLONE_THREAD         0x00010000  /* same thread group (same pid, own tid) */
#define CLONE_NEWNS          0x00020000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000  /* FS base = tls */
#define CLONE_PARENT_SETTID  0x00100000  /* store the child's tid at *parent_tid */
#define CLONE_CHILD_CLEARTID 0x00200000  /* at exit, *child_tid = 0 and a futex wake */
#define CLONE_DETACHED       0x00400000  /* ignored by Linux (strace shows 0x400000) */
#define CLONE_UNTRACED       0x00800000
#define CLONE_CHILD_SETTID   0x01000000  /* store the child's tid at *child_tid, in the child */
#define CLONE_NEWCGROUP      0x02000000
#define CLONE_NEWUTS         0x04000000
#define CLONE_NEWIPC         0x08000000
#define CLONE_NEWUSER        0x10000000
#define CLONE_NEWPID         0x20000000
#define CLONE_NEWNET         0x40000000
#define CLONE_IO             0x80000000

/* clone3(2)'s argument (its size is the second argument: 64, 80 or 88 bytes). */
struct clone_args {
	uint64_t flags;          /* CLONE_* (no CSIGNAL byte: exit_signal instead) */
	uint64_t pidfd;
	uint64_t child_tid;
	uint64_t parent_tid;
	uint64_t exit_signal;
	uint64_t stack;          /* lowest address of the stack */
	uint64_t stack_size;
	uint64_t tls;
	uint64_t set_tid;        /* since size 80 */
	uint64_t set_tid_size;
	uint64_t cgroup;         /* since size 88 */
};
#define CLONE_ARGS_SIZE_VER0 64
#define CLONE_INTO_CGROUP    0x200000000ULL

#endif
