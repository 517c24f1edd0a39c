/*
 * signals.h - a process's signal state, and the pure rules about signals
 * (proc/sigset.c, host-tested): which are pending and deliverable, what the
 * default action of each is, and how wait4() encodes how a process ended.
 *
 * Handlers in user space come in a later issue; until then a disposition
 * is SIG_DFL or SIG_IGN, and delivering means: ignore, terminate, stop, or
 * continue - exactly Linux's default actions.
 */
#ifndef SIGNALS_H
#define SIGNALS_H

#include <stdbool.h>
#include <stdint.h>

#include "uapi/signal.h"

typedef uint64_t sigset_t;       /* bit sig-1 for signal sig, as in Linux's sigset_t */

/* What strace shows about a signal: si_code (SI_*, CLD_*: uapi/signal.h),
 * the sender (or child) and a value. */
struct sig_info {
	int code;
	int pid;
	uint64_t value;              /* fault address, or a child's status */
};

struct signal_state {
	sigset_t pending;            /* sent, not yet acted on */
	sigset_t blocked;            /* rt_sigprocmask: held back while blocked */
	sigset_t ignored;            /* disposition SIG_IGN */
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

enum sig_action sig_default_action(int sig);
/* The signal to act on next (lowest number first), or 0. */
int sig_next_deliverable(const struct signal_state *s);
/* Apply rt_sigprocmask(how, set): 0 or -EINVAL. */
int sig_change_mask(sigset_t *blocked, int how, sigset_t set);

/* Sending and acting on signals (proc/signal.c). */
struct proc;
void signal_send(struct proc *p, int sig);   /* SI_USER from the current process */
void signal_send_info(struct proc *p, int sig, int code, int pid, uint64_t value);
void signal_deliver(struct proc *p);          /* on the way back to user mode */
bool signal_fatal_pending(const struct proc *p);
void notify_parent(struct proc *p);           /* SIGCHLD + wake the parent's wait4 */

/* wait4() status words (Linux's encoding; WIFEXITED etc. decode them). */
static inline int wstatus_exited(int code) { return (code & 0xff) << 8; }
static inline int wstatus_signaled(int sig) { return sig & 0x7f; }
static inline int wstatus_stopped(int sig) { return ((sig & 0xff) << 8) | 0x7f; }
#define WSTATUS_CONTINUED 0xffff

#endif
