/* uapi/sched.h - clone(2) flags, Linux x86-64's values (include/uapi/linux/sched.h). */
#ifndef UAPI_SCHED_H
#define UAPI_SCHED_H

#define CSIGNAL              0x000000ff  /* signal sent to the parent when the child ends */
#define CLONE_VM             0x00000100  /* share the address space */
#define CLONE_FS             0x00000200  /* share the current directory */
#define CLONE_FILES          0x00000400  /* share the descriptor table */
#define CLONE_SIGHAND        0x00000800  /* share the signal handlers */
#define CLONE_PIDFD          0x00001000
#define CLONE_PTRACE         0x00002000
#define CLONE_VFORK          0x00004000  /* the parent sleeps until the child execs or exits */
#define CLONE_PARENT         0x00008000  /* the child's parent is the caller's parent */
#define CLONE_THREAD         0x00010000  /* a thread of the caller's process */
#define CLONE_NEWNS          0x00020000
#define CLONE_SYSVSEM        0x00040000  /* share System V semaphore undo lists */
#define CLONE_SETTLS         0x00080000  /* the child's FS base = tls */
#define CLONE_PARENT_SETTID  0x00100000  /* write the child's id to *parent_tid */
#define CLONE_CHILD_CLEARTID 0x00200000  /* at its end: *child_tid = 0, futex wake */
#define CLONE_DETACHED       0x00400000  /* ignored */
#define CLONE_UNTRACED       0x00800000
#define CLONE_CHILD_SETTID   0x01000000  /* write the child's id to *child_tid, in the child */
#define CLONE_NEWCGROUP      0x02000000
#define CLONE_NEWUTS         0x04000000
#define CLONE_NEWIPC         0x08000000
#define CLONE_NEWUSER        0x10000000
#define CLONE_NEWPID         0x20000000
#define CLONE_NEWNET         0x40000000
#define CLONE_IO             0x80000000

/* sched_getaffinity(2) and friends: a CPU set is a bit mask, one bit per CPU. */

#endif
