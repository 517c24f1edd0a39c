/*
 * sys_signal.c - the signal system calls: sending (kill, tkill, tgkill),
 * handlers (rt_sigaction, sigaltstack, rt_sigreturn), the mask
 * (rt_sigprocmask, rt_sigpending) and waiting for signals (pause,
 * rt_sigsuspend, rt_sigtimedwait), plus restart_syscall. The machinery
 * behind them is proc/signal.c and proc/sigframe.c.
 */
#include "clock.h"
#include "cpu.h"
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/time.h"
#include "x86.h"

/* kill(pid, sig) reaches these processes (Linux's rules; everyone is root here,
 * and -1 spares init and the caller). */
static bool
kill_matches(const struct thread_group *tg, const struct thread_group *self, int pid)
{
	if (pid > 0)
		return tg->tgid == pid;
	if (pid == 0)
		return tg->pgid == self->pgid;
	if (pid == -1)
		return tg != init_proc->tg && tg != self;
	return tg->pgid == -pid;
}

long
sys_kill(int pid, int sig)
{
	struct thread_group *self = current_proc()->tg;
	int found = 0;

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;               /* -pid would overflow */
	for (int i = 0; i < MAX_PROCS; i++) {
		struct proc *p = &procs[i];
		if (!proc_is_leader(p) || p->tg->exited ||
		    !kill_matches(p->tg, self, pid))
			continue;
		found++;
		if (sig != 0)
			signal_send(p->tg, sig, SI_USER, signal_sender_pid(), 0);
	}
	return found ? 0 : -ESRCH;
}

/* tkill and tgkill: one thread, found by its id (and, for tgkill, its process's). */
static long
send_to_thread(int tgid, int tid, int sig)
{
	struct proc *t = proc_find(tid);

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (t == NULL || t->state == PROC_ZOMBIE || t->state == PROC_DEAD ||
	    (tgid > 0 && t->tg->tgid != tgid))
		return -ESRCH;
	if (sig != 0)
		signal_send_thread(t, sig, SI_TKILL, signal_sender_pid(), 0);
	return 0;
}

long
sys_tkill(int tid, int sig)
{
	if (tid <= 0)
		return -EINVAL;
	return send_to_thread(0, tid, sig);
}

long
sys_tgkill(int tgid, int tid, int sig)
{
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	return send_to_thread(tgid, tid, sig);
}

/* POSIX: making a signal ignored discards the pending ones, in every thread. */
static void
discard_pending(struct thread_group *tg, int sig)
{
	tg->shared_pending.set &= ~sig_bit(sig);
	for (int i = 0; i < MAX_PROCS; i++)
		if (proc_exists(&procs[i]) && procs[i].tg == tg)
			procs[i].sig.pending.set &= ~sig_bit(sig);
}

long
sys_rt_sigaction(int sig, uint64_t uact, uint64_t uoldact, size_t sigsetsize)
{
	struct proc *p = current_proc();
	struct kernel_sigaction act, old;

	if (sigsetsize != sizeof(sigset_t) || !sig_valid(sig))
		return -EINVAL;
	if (uact != 0) {
		if (copy_from_user(&act, uact, sizeof act) < 0)
			return -EFAULT;
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
	}
	old = *sig_action(p, sig);
	old.flags &= SA_KNOWN_FLAGS;
	if (uact != 0) {
		act.flags &= SA_KNOWN_FLAGS;     /* unknown flags read back as 0: programs probe this */
		act.mask &= ~SIG_UNBLOCKABLE;
		bool irq = irq_save();
		p->tg->sighand->action[sig - 1] = act;
		if (sig_ignored(p, sig))
			discard_pending(p->tg, sig);
		irq_restore(irq);
	}
	/* Like Linux, the new action stays even if the old one cannot be copied out. */
	if (uoldact != 0 && copy_to_user(uoldact, &old, sizeof old) < 0)
		return -EFAULT;
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
		signal_set_blocked(p, blocked);
	}
	if (uoldset != 0 && copy_to_user(uoldset, &old, sizeof old) < 0)
		return -EFAULT;
	return 0;
}

/* The blocked signals that are pending: for the thread, and for its process. */
long
sys_rt_sigpending(uint64_t uset, size_t sigsetsize)
{
	struct proc *p = current_proc();
	sigset_t set = (p->sig.pending.set | p->tg->shared_pending.set) & p->sig.blocked;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	return copy_to_user(uset, &set, sigsetsize) < 0 ? -EFAULT : 0;
}

long
sys_sigaltstack(uint64_t uss, uint64_t uoss)
{
	struct proc *p = current_proc();
	uint64_t sp = proc_frame(p)->rsp;
	struct sigaltstack old, ss;

	signal_get_altstack(p, sp, &old);
	if (uss != 0) {
		if (copy_from_user(&ss, uss, sizeof ss) < 0)
			return -EFAULT;
		int err = signal_set_altstack(p, &ss, sp);
		if (err)
			return err;
	}
	if (uoss != 0 && copy_to_user(uoss, &old, sizeof old) < 0)
		return -EFAULT;
	return 0;
}

long
sys_rt_sigreturn(void)
{
	struct proc *p = current_proc();

	return sigframe_return(p, proc_frame(p));
}

/* Sleep until a signal is to be acted on. -ERESTARTNOHAND: after a handler
 * the call fails with EINTR; if no handler ran, it starts again. */
static long
wait_for_signal(void)
{
	wait_event(NULL, NULL, NULL, 0);     /* returns only when sigpending is set */
	return -ERESTARTNOHAND;
}

long
sys_pause(void)
{
	return wait_for_signal();
}

/* Wait with another mask; the old one is back once a handler has run (it is in the frame). */
long
sys_rt_sigsuspend(uint64_t umask, size_t sigsetsize)
{
	sigset_t mask;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof mask) < 0)
		return -EFAULT;
	signal_use_temporary_mask(current_proc(), mask);
	return wait_for_signal();
}

/*
 * Take one of the signals in set (normally blocked by the caller, so that
 * no handler takes it first), waiting up to the timeout: its number, with
 * its siginfo; -EAGAIN after the timeout; -EINTR if another signal came.
 */
long
sys_rt_sigtimedwait(uint64_t uset, uint64_t uinfo, uint64_t uts, size_t sigsetsize)
{
	struct proc *p = current_proc();
	struct sig_info info;
	uint64_t deadline;
	sigset_t set;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof set) < 0)
		return -EFAULT;
	set &= ~SIG_UNBLOCKABLE;
	long err = timeout_from_user(uts, &deadline);
	if (err)
		return err;
	bool irq = irq_save();
	int sig = signal_dequeue(p, set, &info);
	if (sig == 0 && deadline != 1) {
		/* Sleep with the set unblocked, so that its signals wake us -
		 * without acting on them: `waiting` keeps a fatal one from
		 * ending the process on arrival. */
		sigset_t blocked = p->sig.blocked;
		p->sig.waiting = set;
		signal_set_blocked(p, blocked & ~set);
		wait_event(NULL, NULL, NULL, deadline);
		signal_set_blocked(p, blocked);
		p->sig.waiting = 0;
		sig = signal_dequeue(p, set, &info);
	}
	irq_restore(irq);
	if (sig == 0)
		return deadline != 0 && clock_monotonic_ns() >= deadline ? -EAGAIN : -EINTR;
	if (uinfo != 0) {
		struct siginfo si;
		signal_fill_siginfo(&si, sig, &info);
		if (copy_to_user(uinfo, &si, sizeof si) < 0)
			return -EFAULT;
	}
	return sig;
}

/*
 * restart_syscall(2): RAX is set to its number by the kernel itself when a
 * sleep (nanosleep) was cut short by a signal that ran no handler - SIGSTOP
 * and SIGCONT, say. It continues that sleep until its original deadline.
 */
long
sys_restart_syscall(void)
{
	struct restart_block *rb = &current_proc()->restart;
	long (*fn)(struct restart_block *) = rb->fn;

	rb->fn = NULL;
	return fn != NULL ? fn(rb) : -EINTR;
}
