/*
 * proc.h - processes: the table, their states, and the operations on them.
 *
 * A process here is also its one thread (pid == tid). It owns an address
 * space (struct mm), a kernel stack, saved FPU registers, its signal state,
 * and its place in the process tree (parent, process group, session).
 *
 *           fork()            schedule()              exit() / signal
 *   UNUSED -------> RUNNABLE <----------> RUNNING ------------------> ZOMBIE
 *                      ^   \                |  \                        |
 *                      |    \ wake_up()     |   \ SIGSTOP               | parent's
 *                      |     `--------- SLEEPING  `--> STOPPED          | wait4()
 *                      |                               | SIGCONT        v
 *                      `-------------------------------'             UNUSED
 */
#ifndef PROC_H
#define PROC_H

#include <stdbool.h>
#include <stdint.h>

#include "file.h"
#include "initrd.h"
#include "mm.h"
#include "signals.h"
#include "trapframe.h"
#include "waitqueue.h"

#define MAX_PROCS 64             /* fork fails with -EAGAIN beyond this */
#define PROC_NAME_MAX 16
#define TIME_SLICE_TICKS 10      /* 10 ms at HZ = 1000 */

enum proc_state {
	PROC_UNUSED,
	PROC_RUNNABLE,           /* ready, waiting for the CPU */
	PROC_RUNNING,            /* on the CPU */
	PROC_SLEEPING,           /* waiting on a wait queue or a deadline */
	PROC_STOPPED,            /* SIGSTOP and friends; SIGCONT resumes */
	PROC_ZOMBIE,             /* ended; its parent has not called wait4 yet */
};

struct proc {
	/* Identity and the process tree. */
	int pid;
	char name[PROC_NAME_MAX];
	enum proc_state state;
	struct proc *parent;
	int pgid;                    /* process group (job control, kill(-pgid)) */
	int sid;                     /* session */

	/* Execution: kernel stack, saved kernel RSP while switched out, user TLS. */
	uint64_t kstack_top;         /* the user trap frame sits just below */
	uint64_t saved_rsp;          /* proc/switch.S: context_switch */
	uint64_t fs_base;            /* arch_prctl(ARCH_SET_FS): thread-local storage */
	int ticks_left;              /* of this time slice */
	uint8_t fpu[512] __attribute__((aligned(16)));   /* FXSAVE area */

	struct mm mm;                /* address space */
	struct fd_table fds;         /* open files */
	struct initrd_node *cwd;     /* current directory (NULL: /) */

	/* Sleeping. */
	uint64_t wake_deadline;      /* CLOCK_MONOTONIC ns, or 0 */
	bool woken;                  /* set by wake_task */

	/* Signals. */
	struct signal_state sig;
	struct sig_info siginfo[NSIG + 1];   /* who sent each pending signal, for strace */

	/* Ending. */
	int exit_code;               /* wait status, Linux encoding (signal.h) */
	bool reported;               /* a stop/continue already reported to wait4 */
	struct wait_queue child_exit;  /* the parent sleeps here in wait4 */
	struct proc *vfork_parent;   /* sleeping in vfork until we exec or exit */
	uint64_t clear_child_tid;    /* set_tid_address: write 0 here at exit */

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
int proc_count(void);
void proc_reap(struct proc *p);
void proc_exit(struct proc *p, int wait_status) __attribute__((noreturn));
void proc_kill(struct proc *p, int sig) __attribute__((noreturn));
const char *signal_name(int sig);

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
extern uint64_t idle_ticks, context_switches;

/* Creating and replacing programs. */
struct exec_args;
int exec_program(struct proc *p, const char *path, const struct exec_args *args,
		 const char **reason);
int proc_fork(struct proc *parent, bool vfork);

/* Assembly (proc/switch.S). */
void context_switch(uint64_t *save_rsp, uint64_t load_rsp);
void proc_first_return(void);

#endif
