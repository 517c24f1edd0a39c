/*
 * signal.c - sending signals and acting on them, with Linux's default
 * actions (the pure rules are in sigset.c).
 *
 * A signal is only *marked* pending when sent (signal_send). The target
 * acts on it when it is about to return to user mode (signal_deliver,
 * called at the end of every system call and every trap from ring 3):
 * that is where it terminates, stops, or ignores it. A task asleep in the
 * kernel is woken if the signal would end it, so that kill works on a
 * process blocked in nanosleep or wait4.
 */
#include "cpu.h"
#include "proc.h"
#include "trace.h"
#include "x86.h"

static bool
is_ignored(const struct proc *p, int sig)
{
	return (p->sig.ignored & sig_bit(sig)) || sig_default_action(sig) == SIGACT_IGNORE;
}

/* Would a pending, unblocked signal end p? (Then sleeps are cut short.) */
bool
signal_fatal_pending(const struct proc *p)
{
	sigset_t ready = p->sig.pending & ~(p->sig.blocked & ~SIG_UNBLOCKABLE);

	for (int sig = 1; ready != 0; sig++, ready >>= 1)
		if ((ready & 1) && !is_ignored(p, sig) &&
		    sig_default_action(sig) == SIGACT_TERMINATE)
			return true;
	return false;
}

/* Tell p's parent that p stopped, continued or ended: SIGCHLD and a wake-up in wait4. */
void
notify_parent(struct proc *p)
{
	int s = p->exit_code, code = CLD_EXITED;
	uint64_t value = (uint64_t)(s >> 8) & 0xff;

	if (p->parent == NULL)
		return;
	if (s == WSTATUS_CONTINUED)
		code = CLD_CONTINUED, value = SIGCONT;
	else if ((s & 0xff) == 0x7f)
		code = CLD_STOPPED, value = (uint64_t)(s >> 8) & 0xff;
	else if (s & 0x7f)
		code = CLD_KILLED, value = (uint64_t)s & 0x7f;
	signal_send_info(p->parent, SIGCHLD, code, p->pid, value);
	wake_up(&p->parent->child_exit);
}

void
signal_send(struct proc *p, int sig)
{
	struct proc *sender = current_proc();
	signal_send_info(p, sig, SI_USER, sender ? sender->pid : 0, 0);
}

void
signal_send_info(struct proc *p, int sig, int code, int pid, uint64_t value)
{
	bool irq = irq_save();

	p->siginfo[sig] = (struct sig_info){ code, pid, value };

	if (sig == SIGCONT || sig == SIGKILL) {
		/* Continue a stopped process now, even if SIGCONT is blocked or ignored. */
		p->sig.pending &= ~(sig_bit(SIGSTOP) | sig_bit(SIGTSTP) | sig_bit(SIGTTIN) |
				    sig_bit(SIGTTOU));
		if (p->state == PROC_STOPPED) {
			p->state = PROC_RUNNABLE;
			if (sig == SIGCONT) {
				p->exit_code = WSTATUS_CONTINUED;
				p->reported = false;
				notify_parent(p);
			}
		}
	} else if (sig_default_action(sig) == SIGACT_STOP) {
		p->sig.pending &= ~sig_bit(SIGCONT);
	}
	/* An ignored signal is dropped at once, unless blocked (it may be unignored
	 * later) - or traced: strace shows ignored signals too. */
	if (!is_ignored(p, sig) || (p->sig.blocked & sig_bit(sig)) || p->trace != NULL)
		p->sig.pending |= sig_bit(sig);
	if (p->state == PROC_SLEEPING && signal_fatal_pending(p))
		p->state = PROC_RUNNABLE;      /* its wait_event returns -EINTR */
	irq_restore(irq);
}

void
signal_deliver(struct proc *p)
{
	int sig;

	while ((sig = sig_next_deliverable(&p->sig)) != 0) {
		p->sig.pending &= ~sig_bit(sig);
		if (p->trace != NULL)
			trace_signal(p, sig, p->siginfo[sig].code, p->siginfo[sig].value,
				     p->siginfo[sig].pid);
		if (is_ignored(p, sig))
			continue;
		switch (sig_default_action(sig)) {
		case SIGACT_TERMINATE:
			proc_exit(p, wstatus_signaled(sig));
		case SIGACT_STOP: {
			bool irq = irq_save();
			if (p->trace != NULL)
				trace_stop(p, sig);      /* "--- stopped by SIGSTOP ---" */
			p->exit_code = wstatus_stopped(sig);
			p->reported = false;
			p->state = PROC_STOPPED;
			notify_parent(p);
			schedule();          /* back here after SIGCONT (or to die by SIGKILL) */
			irq_restore(irq);
			break;
		}
		case SIGACT_CONTINUE:
		case SIGACT_IGNORE:
			break;
		}
	}
}
