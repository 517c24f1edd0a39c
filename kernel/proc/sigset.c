/*
 * sigset.c - the pure rules of signals (see signals.h). No process state
 * beyond the struct passed in, so tests/host/test_sigset.c checks them.
 */
#include "signals.h"
#include "uapi/errno.h"

/* Linux's default actions (man 7 signal); "Core" counts as terminate here. */
enum sig_action
sig_default_action(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH:
		return SIGACT_IGNORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIGACT_STOP;
	case SIGCONT:
		return SIGACT_CONTINUE;
	default:
		return SIGACT_TERMINATE;    /* including the real-time signals 32..64 */
	}
}

int
sig_next_deliverable(const struct signal_state *s)
{
	sigset_t ready = s->pending & ~(s->blocked & ~SIG_UNBLOCKABLE);

	return ready ? __builtin_ctzll(ready) + 1 : 0;
}

int
sig_change_mask(sigset_t *blocked, int how, sigset_t set)
{
	switch (how) {
	case SIG_BLOCK:
		*blocked |= set;
		break;
	case SIG_UNBLOCK:
		*blocked &= ~set;
		break;
	case SIG_SETMASK:
		*blocked = set;
		break;
	default:
		return -EINVAL;
	}
	*blocked &= ~SIG_UNBLOCKABLE;    /* silently, as Linux does */
	return 0;
}
