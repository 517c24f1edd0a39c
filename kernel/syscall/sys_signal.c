/*
 * sys_signal.c - kill(2), rt_sigaction(2), rt_sigprocmask(2).
 * Only the default actions exist so far: rt_sigaction accepts SIG_DFL and
 * SIG_IGN; installing a handler function returns -EINVAL until signal
 * delivery to user handlers arrives (docs/processes.md).
 */
#include "cpu.h"
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "uapi/errno.h"

/* May the caller signal p? Everyone is root here; only init is protected from -1. */
static int
send_to_matching(int pid, int sig)
{
	struct proc *self = current_proc();
	int found = 0;

	for (int i = 0; i < MAX_PROCS; i++) {
		struct proc *p = &procs[i];
		if (p->state == PROC_UNUSED || p->tg->leader != p || p->tg->exited)
			continue;
		bool match = pid > 0 ? p->tg->tgid == pid :
			     pid == 0 ? p->tg->pgid == self->tg->pgid :
			     pid == -1 ? p->tg != init_proc->tg && p->tg != self->tg :
			     p->tg->pgid == -pid;
		if (!match)
			continue;
		found++;
		if (sig != 0)
			signal_send(p, sig);
	}
	return found ? 0 : -ESRCH;
}

long
sys_kill(int pid, int sig)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;               /* -pid would overflow */
	return send_to_matching(pid, sig);
}

long
sys_rt_sigaction(int sig, uint64_t uact, uint64_t uoldact, size_t sigsetsize)
{
	struct proc *p = current_proc();
	struct kernel_sigaction act, old = { 0 };

	if (sigsetsize != sizeof(sigset_t) || !sig_valid(sig))
		return -EINVAL;
	old.handler = (p->sig.ignored & sig_bit(sig)) ? SIG_IGN : SIG_DFL;
	if (uact != 0) {
		if (copy_from_user(&act, uact, sizeof act) < 0)
			return -EFAULT;
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
		if (act.handler != SIG_DFL && act.handler != SIG_IGN)
			return -EINVAL;      /* user handlers: not yet */
	}
	if (uoldact != 0 && copy_to_user(uoldact, &old, sizeof old) < 0)
		return -EFAULT;
	if (uact != 0) {
		if (act.handler == SIG_IGN) {
			p->sig.ignored |= sig_bit(sig);
			p->sig.pending &= ~sig_bit(sig);   /* POSIX: pending ones are dropped */
		} else {
			p->sig.ignored &= ~sig_bit(sig);
		}
	}
	return 0;
}

long
sys_rt_sigprocmask(int how, uint64_t uset, uint64_t uoldset, size_t sigsetsize)
{
	struct proc *p = current_proc();
	sigset_t set, old = p->sig.blocked;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (uset != 0) {
		if (copy_from_user(&set, uset, sizeof set) < 0)
			return -EFAULT;
		sigset_t blocked = p->sig.blocked;
		if (sig_change_mask(&blocked, how, set) < 0)
			return -EINVAL;
		p->sig.blocked = blocked;
	}
	if (uoldset != 0 && copy_to_user(uoldset, &old, sizeof old) < 0)
		return -EFAULT;
	return 0;
}
