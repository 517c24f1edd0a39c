/*
 * proc.h - threads and processes: the table, their states, and the
 * operations on them.
 *
 * A struct proc is one thread: what the scheduler runs (Linux calls it a
 * task, task_struct). Its pid is the thread id (gettid). A process is a
 * group of threads that share an address space, open files and signal
 * handlers; its id (getpid) is the thread-group id, the pid of its first
 * thread. What the threads of a process share lives behind pointers, each
 * with a reference count, so that clone(2) can share or copy each part:
 *
 *    struct proc (tid 7)    struct proc (tid 8)    struct proc (tid 9)
 *    registers, kernel      registers, kernel      registers, kernel
 *    stack, state, signal   stack, state, signal   stack, state, signal
 *    mask, altstack         mask, altstack         mask, altstack
 *        |    \__________________|_____________________/   |
 *        |            tg ->  struct thread_group (tgid 7): |  CLONE_THREAD
 *        |                   pgid, sid, parent, exit status, process-wide
 *        |                   pending signals, wait queue for children
 *        +--> mm        address space              CLONE_VM
 *        +--> files     descriptor table           CLONE_FILES
 *        +--> fs        current directory          CLONE_FS
 *                   (tg->sighand: signal handlers  CLONE_SIGHAND)
 *
 * fork() copies every part; pthread_create and Go's runtime share them all.
 *
 *           clone()           schedule()              exit() / signal
 *   UNUSED -> NEW -> RUNNABLE <----------> RUNNING ------------------> ZOMBIE
 *                      ^   \                |  \                    |      \
 *                      |    \ wake_up()     |   \ SIGSTOP    parent's       \ not the
 *                      |     `--------- SLEEPING  `--> STOPPED  wait4()      \ leader
 *                      |                               | SIGCONT  |           v
 *                      `-------------------------------'          v         DEAD
 *                                                              UNUSED   (freed by the
 *                                                                        next task run)
 */
#ifndef PROC_H
#define PROC_H

#include <stdbool.h>
#include <stdint.h>

#include "file.h"
#include "initrd.h"
#include "mm.h"
#include "segregs.h"
#include "signals.h"
#include "trapframe.h"
#include "uapi/resource.h"
#include "uapi/sched.h"
#include "waitqueue.h"

#define MAX_PROCS 64             /* threads; fork and clone fail with -EAGAIN beyond this */
#define PROC_NAME_MAX 16
#define TIME_SLICE_TICKS 10      /* 10 ms at HZ = 1000 */

enum proc_state {
	PROC_UNUSED,
	PROC_NEW,                /* being set up by fork/clone: invisible to everyone else */
	PROC_RUNNABLE,           /* ready, waiting for the CPU */
	PROC_RUNNING,            /* on the CPU */
	PROC_SLEEPING,           /* waiting on a wait queue or a deadline */
	PROC_STOPPED,            /* SIGSTOP and friends; SIGCONT resumes */
	PROC_ZOMBIE,             /* a process's first thread, ended: kept for wait4 */
	PROC_DEAD,               /* any other thread, ended: its slot is freed at once */
};

/*
 * What the threads of one process share (Linux keeps most of this in its
 * signal_struct). It lives as long as some thread of the process does,
 * and until the parent has collected the exit status with wait4.
 */
struct thread_group {
	int refs;                    /* threads pointing here, ended or not; 0 = free */
	int tgid;                    /* the process id: getpid() */
	struct proc *leader;         /* the first thread (tid == tgid) */
	int nr_threads;              /* threads that have not ended yet */
	struct thread_group *parent; /* the process that created this one */
	int exit_signal;             /* sent to the parent at the end (clone's CSIGNAL: SIGCHLD) */
	int pgid;                    /* process group (job control, kill(-pgid)) */
	int sid;                     /* session */
	struct initrd_node *exe;     /* the program it runs (/proc/<pid>/exe) */
	struct sighand *sighand;     /* signal handlers: all the threads share them
				      * (and with CLONE_SIGHAND, other processes too) */

	/* Signals sent to the process as a whole (kill, ^C, SIGCHLD, itimers). */
	struct sigpending shared_pending;
	bool group_exiting;          /* exit_group or a fatal signal: every thread ends */
	int group_exit_code;         /*   with this wait status */
	struct proc *exec_thread;    /* execve in progress: every other thread ends */
	bool stopping;               /* a stop signal: every thread stops */
	bool stopped;                /*   and all have: reported to the parent */
	int stop_signal;

	struct rlimit rlim[RLIM_NLIMITS];   /* getrlimit(2) (proc/rlimit.c) */

	/* setitimer(2): ITIMER_REAL (wall clock), ITIMER_VIRTUAL, ITIMER_PROF (CPU time). */
	struct itimer {
		uint64_t value_ns;   /* REAL: the deadline; the others: CPU ns left; 0 = off */
		uint64_t interval_ns;
	} itimer[3];

	/* Ending: set by the last thread to end, read by the parent's wait4. */
	bool exited;                 /* every thread has ended: a zombie process */
	int exit_code;               /* wait status, Linux encoding (signals.h) */
	bool reported;               /* a stop/continue already reported to wait4 */
	struct wait_queue child_exit;  /* our threads sleep here in wait4 */
};

/*
 * How restart_syscall(2) continues a wait cut short by a signal that ran
 * no handler (Linux's restart_block): with the original deadline, not a
 * fresh timeout, so that a stopped-and-continued nanosleep(5 s) still
 * ends 5 s after it began.
 */
struct restart_block {
	long (*fn)(struct restart_block *rb);   /* NULL: nothing to continue, -EINTR */
	uint64_t deadline;           /* CLOCK_MONOTONIC ns (0: none) */
	union {
		struct { uint64_t urem; } nanosleep;           /* time left goes here */
		struct { uint64_t ufds; unsigned nfds; } poll;
		struct { uint64_t uaddr; uint32_t val, bitset; bool shared; } futex;
	};
};

/* The address space, descriptor table, current directory and handlers are
 * shared the same way: struct mm (mm.h), struct fd_table (file.h), and: */
struct fs_struct {               /* Linux's name: what CLONE_FS shares */
	int refs;
	struct initrd_node *cwd;     /* current directory (NULL: /) */
};

struct proc {
	/* Identity. */
	int pid;                     /* the thread id: gettid(); tg->tgid is getpid() */
	char name[PROC_NAME_MAX];
	enum proc_state state;
	struct thread_group *tg;     /* the process this thread belongs to */

	/* Execution: kernel stack, saved kernel RSP while switched out, user TLS. */
	uint64_t kstack_top;         /* the user trap frame sits just below */
	uint64_t saved_rsp;          /* proc/switch.S: context_switch */
	uint64_t fs_base;            /* arch_prctl(ARCH_SET_FS): thread-local storage */
	uint64_t gs_base;            /* arch_prctl(ARCH_SET_GS) */
	struct segregs seg;          /* DS, ES, FS, GS as it left them (cpu/segregs.c) */
	int ticks_left;              /* of this time slice */
	uint8_t fpu[512] __attribute__((aligned(16)));   /* FXSAVE area */

	/* Shared with other threads (clone flags), each reference counted. */
	struct mm *mm;               /* address space */
	struct fd_table *files;      /* open files */
	struct fs_struct *fs;        /* current directory */

	/* Sleeping. */
	uint64_t wake_deadline;      /* CLOCK_MONOTONIC ns, or 0 */

	/* Signals (signals.h, proc/signal.c). */
	bool sigpending;             /* a signal to act on before returning to user mode */
	struct signal_state sig;     /* mask, thread-directed pending signals, altstack */
	struct restart_block restart;
	struct {                     /* the last fault, for the signal frame's sigcontext */
		uint64_t trapno, error, cr2;
	} fault;

	/* Ending. */
	struct proc *vfork_parent;   /* sleeping in vfork until we exec or exit */
	uint64_t set_child_tid;      /* CLONE_CHILD_SETTID: our id goes here when we first run */
	uint64_t clear_child_tid;    /* set_tid_address, CLONE_CHILD_CLEARTID: 0 here at exit */
	uint64_t robust_list;        /* set_robust_list: futexes to release if we die holding them */

	/* Tracing (trace/trace.c): NULL when not traced - the usual case. */
	struct trace_session *trace;
	bool trace_armed;            /* tracing starts at the next execve */
	bool trace_unfinished;       /* our open line was cut by another process */
	int trace_argpos;            /* arguments printed at entry */
	int trace_nr;                /* the call whose line is printed but not finished, or -1 */
	int trace_prev_nr;           /* the call before (restart_syscall names it), or -1 */
	size_t trace_col;            /* length of the entry part of the line */
	uint64_t trace_start;        /* TSC at entry, for -c */

	/* Accounting. */
	uint64_t syscalls;
	uint64_t cpu_ticks;
	uint64_t cpu_cycles;         /* TSC cycles spent running, before run_start */
	uint64_t run_start;          /* TSC when it last got the CPU */
};

extern struct proc procs[MAX_PROCS];
extern struct proc *init_proc;

struct proc *proc_alloc(void);
void proc_set_name(struct proc *p, const char *path);
struct proc *proc_find(int pid);
struct thread_group *process_find(int tgid);
int proc_count(void);
void proc_reap(struct proc *p);
void proc_exit(struct proc *p, int wait_status) __attribute__((noreturn));
void proc_kill(struct proc *p, int sig) __attribute__((noreturn));
const char *signal_name(int sig);

/* The shared parts: a new one, one more reference, one less (freed at zero). */
struct thread_group *thread_group_new(struct proc *leader);
void thread_group_put(struct thread_group *tg);
struct fs_struct *fs_new(struct initrd_node *cwd);
struct fs_struct *fs_get(struct fs_struct *fs);
void fs_put(struct fs_struct *fs);

/* Does slot p hold a thread (set up; running, sleeping, or ended but not freed)? */
static inline bool
proc_exists(const struct proc *p)
{
	return p->state != PROC_UNUSED && p->state != PROC_NEW;
}

/* ... the first thread of its process: the slot that stands for the process. */
static inline bool
proc_is_leader(const struct proc *p)
{
	return proc_exists(p) && p->tg->leader == p;
}

/* Resource limits (proc/rlimit.c). */
void rlimit_init(struct thread_group *tg);
int rlimit_get(struct thread_group *tg, int resource, struct rlimit *out);
int rlimit_set(struct thread_group *tg, struct fd_table *files, int resource,
	       const struct rlimit *new);

/* The saved user registers of p: always at the top of its kernel stack. */
static inline struct trap_frame *
proc_frame(struct proc *p)
{
	return (struct trap_frame *)(p->kstack_top - sizeof(struct trap_frame));
}

/* Scheduler (proc/sched.c). */
void sched_init(void);
void sched_make_runnable(struct proc *p);
void schedule(void);
void sched_yield_cpu(void);
void sched_timer_tick(bool from_user);
void sched_idle_loop(void) __attribute__((noreturn));
void sched_print_stats(void);
uint64_t proc_cpu_cycles(const struct proc *p);   /* CPU time so far, in TSC cycles */
void sched_prepare_new(struct proc *p);
void sched_prepare_fpu(struct proc *p);
void sched_finish_switch(struct proc *prev);
void sched_first_return(struct proc *prev);
extern uint64_t idle_ticks, context_switches;

/* Creating and replacing programs. */
struct exec_args;
int exec_program(struct proc *p, const char *path, const struct exec_args *args,
		 const char **reason);
/* clone(2)'s arguments, in its x86-64 order: clone(flags, stack, parent_tid, child_tid, tls)
 * (Linux's name; struct clone_args is clone3's, uapi/sched.h). */
struct kernel_clone_args {
	uint64_t flags, stack, parent_tid, child_tid, tls;
};
long proc_clone(struct proc *parent, const struct kernel_clone_args *a);   /* proc/clone.c */
void vfork_release(struct proc *child);     /* at execve or exit: the vfork parent goes on */

/* Assembly (proc/switch.S). */
struct proc *context_switch(uint64_t *save_rsp, uint64_t load_rsp, struct proc *prev);
void proc_first_return(void);

#endif
