/*
 * sigset.c - the pure rules of signals (see signals.h). No process state
 * beyond the values passed in, so tests/host/test_sigset.c checks them.
 */
#include "signals.h"
#include "uapi/errno.h"
#include "uapi/ucontext.h"

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

/*
 * Faults first: a SIGSEGV raised by the instruction that just ran must be
 * handled before, say, a SIGALRM that happened to arrive, or the handler
 * would run with a misleading context (Linux's SYNCHRONOUS_MASK).
 */
int
sig_pick(sigset_t ready)
{
	sigset_t sync = ready & SIG_SYNCHRONOUS;

	if (sync)
		ready = sync;
	return ready ? __builtin_ctzll(ready) + 1 : 0;
}

int
sig_next_deliverable(sigset_t pending, sigset_t blocked)
{
	return sig_pick(pending & ~(blocked & ~SIG_UNBLOCKABLE));
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

/*
 * Linux's table (arch/x86/kernel/signal.c, handle_signal and
 * arch_do_signal_or_restart):
 *
 *   returned                 a handler runs            no handler runs
 *   ERESTARTSYS              restart if SA_RESTART,    restart
 *                            else EINTR
 *   ERESTARTNOINTR           restart                   restart
 *   ERESTARTNOHAND           EINTR                     restart
 *   ERESTART_RESTARTBLOCK    EINTR                     restart_syscall(2)
 */
enum restart_action
sig_restart_action(long ret, bool handler, uint64_t sa_flags)
{
	switch (-ret) {
	case ERESTARTSYS:
		return !handler || (sa_flags & SA_RESTART) ? RESTART_AGAIN : RESTART_EINTR;
	case ERESTARTNOINTR:
		return RESTART_AGAIN;
	case ERESTARTNOHAND:
		return handler ? RESTART_EINTR : RESTART_AGAIN;
	case ERESTART_RESTARTBLOCK:
		return handler ? RESTART_EINTR : RESTART_BLOCK;
	default:
		return RESTART_NONE;
	}
}

bool
sig_on_altstack(uint64_t sp, uint64_t ss_sp, uint64_t ss_size)
{
	/* sp may equal the top (nothing pushed yet) but not the bottom. */
	return ss_size != 0 && sp > ss_sp && sp - ss_sp <= ss_size;
}

uint64_t
sig_frame_address(uint64_t rsp, bool use_altstack, uint64_t ss_sp, uint64_t ss_size,
		  uint64_t *fpstate)
{
	bool on_altstack = sig_on_altstack(rsp, ss_sp, ss_size);
	uint64_t sp = rsp - SIGNAL_RED_ZONE;

	/* A nested signal while already on the alternate stack stays on it. */
	if (use_altstack && ss_size != 0 && !sig_on_altstack(sp, ss_sp, ss_size)) {
		sp = ss_sp + ss_size;
		on_altstack = true;
	}
	sp = (sp - FXSAVE_SIZE) & ~63UL;           /* FXSAVE needs 16; Linux gives 64 */
	*fpstate = sp;
	sp = ((sp - sizeof(struct rt_sigframe)) & ~15UL) - 8;   /* as if `call handler` had pushed */
	if (on_altstack && !sig_on_altstack(sp, ss_sp, ss_size))
		return 0;                /* it would run off the alternate stack: SIGSEGV */
	return sp;
}

uint64_t
sig_frame_max_size(void)
{
	/* The FXSAVE image and the frame, each with its worst alignment loss,
	 * and the 8 bytes of the pretend return address; rounded to 16. */
	uint64_t size = FXSAVE_SIZE + 63 + sizeof(struct rt_sigframe) + 15 + 8;

	return (size + 15) & ~15UL;
}

uint64_t
sig_restored_rflags(uint64_t current, uint64_t from_frame)
{
	return (current & ~RFLAGS_USER_CHANGEABLE) | (from_frame & RFLAGS_USER_CHANGEABLE);
}
