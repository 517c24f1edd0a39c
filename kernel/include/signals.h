/*
 * signals.h - signal state and the operations on it.
 *
 * A signal is sent to a process (kill, ^C, SIGCHLD, an itimer) or to one
 * thread (tgkill, a fault in that thread). Sending only marks it pending;
 * the receiving thread acts on it on its way back to user mode, at the end
 * of a system call, an interrupt or an exception (signal_deliver): it runs
 * the program's handler on a frame built on the user stack (proc/sigframe.c),
 * or takes the default action - terminate, stop, continue or ignore.
 *
 *   sender                          receiving thread, before returning to user mode
 *   ------                          ------------------------------------------------
 *   kill(pid, SIGUSR1)              sigpending set? (one test: the fast path)
 *     set bit in pending  ------->    pick the lowest unblocked signal
 *     pick a thread that              handler?  build the frame, RIP = handler
 *     does not block it               default?  terminate / stop / ignore
 *     set its sigpending;             a system call cut short (-ERESTART*)?
 *     wake it if it sleeps              restart it, or fail with EINTR
 *
 * The pure rules (default actions, masks, restarting, where the frame goes,
 * what rt_sigreturn may restore) are in proc/sigset.c and host-tested.
 */
#ifndef SIGNALS_H
#define SIGNALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kerrno.h"
#include "uapi/signal.h"

typedef uint64_t sigset_t;       /* bit sig-1 for signal sig, as in Linux's sigset_t */

/*
 * Where a pending signal came from: si_code (SI_USER, SI_TKILL, SEGV_MAPERR,
 * CLD_EXITED, ...), the sending process (or the child, for SIGCHLD), and a
 * value: the faulting address, a child's status, or sigqueue's value.
 */
struct sig_info {
	int code;
	int pid;
	uint64_t value;
};

/* Signals sent and not yet acted on: one instance of each (a second of the
 * same number while one is pending is merged into it, as Linux does for the
 * classic signals 1..31; Linux queues every instance of 32..64). */
struct sigpending {
	sigset_t set;
	struct sig_info info[NSIG + 1];
};

/* A thread's own signal state. */
struct signal_state {
	sigset_t blocked;            /* rt_sigprocmask: held back while blocked */
	struct sigpending pending;   /* sent to this thread: tgkill, its own faults */
	sigset_t saved_mask;         /* sigsuspend, ppoll, pselect6, epoll_pwait: the mask */
	bool restore_mask;           /*   to put back after the call (or in the frame) */
	sigset_t waiting;            /* rt_sigtimedwait: these wake it, they are not acted on */
	struct {                     /* sigaltstack */
		uint64_t sp, size;
		uint32_t flags;      /* SS_DISABLE or 0, and SS_AUTODISARM */
	} altstack;
};

/* The handlers, shared by the threads of a process (CLONE_SIGHAND). */
struct sighand {
	int refs;
	struct kernel_sigaction action[NSIG];    /* action[sig - 1] */
};

enum sig_action {
	SIGACT_TERMINATE,
	SIGACT_IGNORE,
	SIGACT_STOP,
	SIGACT_CONTINUE,
};

static inline bool
sig_valid(int sig)
{
	return sig >= 1 && sig <= NSIG;
}

static inline sigset_t
sig_bit(int sig)
{
	return 1ULL << (sig - 1);
}

/* SIGKILL and SIGSTOP can be neither blocked, ignored nor caught. */
#define SIG_UNBLOCKABLE (sig_bit(SIGKILL) | sig_bit(SIGSTOP))
/* Signals from faults: delivered before any other pending signal, as on Linux. */
#define SIG_SYNCHRONOUS (sig_bit(SIGSEGV) | sig_bit(SIGBUS) | sig_bit(SIGILL) | \
			 sig_bit(SIGTRAP) | sig_bit(SIGFPE) | sig_bit(SIGSYS))

/* ------------------------------------------------------------ pure rules (sigset.c) */

enum sig_action sig_default_action(int sig);
/* The signal to act on next among ready (faults first, then the lowest number), or 0. */
int sig_pick(sigset_t ready);
/* The signal to act on next (lowest number first), or 0. */
int sig_next_deliverable(sigset_t pending, sigset_t blocked);
/* Apply rt_sigprocmask(how, set): 0 or -EINVAL. */
int sig_change_mask(sigset_t *blocked, int how, sigset_t set);

/* A system call cut short by a signal (kerrno.h): what happens on the way out. */
enum restart_action {
	RESTART_NONE,            /* not a cut-short call: leave RAX alone */
	RESTART_EINTR,           /* RAX = -EINTR */
	RESTART_AGAIN,           /* run the same call again */
	RESTART_BLOCK,           /* run restart_syscall(2), which continues the call */
};
/* What to do with a call that returned ret, if a handler (with sa_flags) is about
 * to run (handler == true) or not. */
enum restart_action sig_restart_action(long ret, bool handler, uint64_t sa_flags);

/* Is sp on the alternate stack [ss_sp, ss_sp + ss_size)? (Linux's on_sig_stack) */
bool sig_on_altstack(uint64_t sp, uint64_t ss_sp, uint64_t ss_size);
/*
 * Where the frame goes for a handler, given the interrupted RSP: skip the
 * red zone (or jump to the top of the alternate stack), room for the FXSAVE
 * image 64-byte aligned, then the struct rt_sigframe with the alignment of
 * a function entry. Sets *fpstate; returns the frame address, or 0 if the
 * frame would run off the alternate stack it started on.
 */
uint64_t sig_frame_address(uint64_t rsp, bool use_altstack, uint64_t ss_sp, uint64_t ss_size,
			   uint64_t *fpstate);
/* The most bytes sig_frame_address takes below the top of a stack: what
 * AT_MINSIGSTKSZ tells programs (Linux's get_sigframe_size()). */
uint64_t sig_frame_max_size(void);
/* The RFLAGS a user may choose through rt_sigreturn: the arithmetic flags,
 * DF, TF, AC, RF; never IF, IOPL or the rest (Linux's FIX_EFLAGS). */
#define RFLAGS_USER_CHANGEABLE 0x50dd5UL
uint64_t sig_restored_rflags(uint64_t current, uint64_t from_frame);

/* wait4() status words (Linux's encoding; WIFEXITED etc. decode them). */
static inline int wstatus_exited(int code) { return (code & 0xff) << 8; }
static inline int wstatus_signaled(int sig) { return sig & 0x7f; }
static inline int wstatus_stopped(int sig) { return ((sig & 0xff) << 8) | 0x7f; }
#define WSTATUS_CONTINUED 0xffff

/* ------------------------------------------------------------ sending (signal.c) */

struct proc;
struct thread_group;
struct trap_frame;

/* To a process (any thread that does not block it acts on it). */
void signal_send(struct thread_group *tg, int sig, int code, int pid, uint64_t value);
/* To one thread. */
void signal_send_thread(struct proc *p, int sig, int code, int pid, uint64_t value);
/* A fault in p: delivered even if blocked or ignored (then with the default action). */
void signal_force(struct proc *p, int sig, int code, uint64_t addr);
/* The sender's identity for SI_USER/SI_TKILL: the current process id, 0 from the kernel. */
int signal_sender_pid(void);
/* The whole process is ending (exit_group or a fatal signal): every thread exits. */
void signal_group_exit(struct thread_group *tg, int wait_status);
/* execve by p: every other thread of its process exits. */
void signal_exec_zap(struct proc *p);
/* Is p about to end without returning to user mode (group exit, execve, SIGKILL)? */
bool signal_exiting(const struct proc *p);

/* ------------------------------------------------------------ receiving */

/* On the way back to user mode, when p->sigpending: act on pending signals. */
void signal_deliver(struct proc *p, struct trap_frame *f);
/* Is something pending that p must act on (handler, default action, exit)? */
void recalc_sigpending(struct proc *p);
bool signal_fatal_pending(const struct proc *p);
/* The handler table of p's process, and whether sig is ignored there. */
const struct kernel_sigaction *sig_action(const struct proc *p, int sig);
bool sig_ignored(const struct proc *p, int sig);
/* Set the mask (SIGKILL and SIGSTOP stay unblocked) and recompute sigpending. */
void signal_set_blocked(struct proc *p, sigset_t mask);
/* sigsuspend, ppoll, pselect6, epoll_pwait: wait with another mask. The old
 * one comes back when the call ends - at once if it was not interrupted,
 * else after the handler (it is saved in the frame). */
void signal_use_temporary_mask(struct proc *p, sigset_t mask);
void signal_end_temporary_mask(struct proc *p, bool interrupted);
int signal_use_user_mask(uint64_t umask, size_t sigsetsize);   /* NULL: none; 0/-EINVAL/-EFAULT */
/* Take one pending signal out of p's queues that is in `wanted`: its number, or 0. */
int signal_dequeue(struct proc *p, sigset_t wanted, struct sig_info *info);
void signal_fill_siginfo(struct siginfo *si, int sig, const struct sig_info *info);
/* sigaltstack: read (SS_ONSTACK if sp is on it) and set (0, -EPERM, -EINVAL, -ENOMEM). */
void signal_get_altstack(const struct proc *p, uint64_t sp, struct sigaltstack *ss);
int signal_set_altstack(struct proc *p, const struct sigaltstack *ss, uint64_t sp);

struct sighand *sighand_new(void);           /* all SIG_DFL, refs = 1; or NULL */
struct sighand *sighand_copy(const struct sighand *src);   /* fork */
struct sighand *sighand_get(struct sighand *sh);           /* CLONE_SIGHAND */
void sighand_put(struct sighand *sh);
void sighand_reset_for_exec(struct sighand *sh);   /* handlers -> SIG_DFL; SIG_IGN stays */

void notify_parent(struct thread_group *tg);  /* SIGCHLD + wake the parent's wait4 */

/* Signal frames (proc/sigframe.c). */
int sigframe_setup(struct proc *p, struct trap_frame *f, int sig, const struct sig_info *info,
		   const struct kernel_sigaction *ka, sigset_t saved_mask);
long sigframe_return(struct proc *p, struct trap_frame *f);

#endif
