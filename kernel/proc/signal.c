/*
 * signal.c - sending signals and acting on them (the picture is in
 * signals.h; the pure rules in sigset.c; the frame a handler runs on in
 * sigframe.c).
 *
 * Sending marks a signal pending - in the process's shared queue (kill)
 * or in one thread's queue (tgkill, faults) - picks a thread that does not
 * block it, sets that thread's `sigpending` and wakes it if it sleeps.
 * The thread acts on it in signal_deliver, on its way back to user mode.
 * That is also where a thread joins a group stop or a group exit: SIGSTOP
 * stops every thread of the process, and a fatal signal or exit_group
 * ends every thread.
 *
 * Everything here runs with interrupts off (one CPU; a tty interrupt can
 * send ^C at any moment), which is the only locking needed.
 */
#include "cpu.h"
#include "printk.h"
#include "proc.h"
#include "string.h"
#include "trace.h"
#include "trapframe.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/unistd.h"
#include "x86.h"

/* ------------------------------------------------------------------ handler tables */

/* Static: at most one table per thread, and a table is 2 KiB (larger than kmalloc gives). */
static struct sighand sighand_pool[MAX_PROCS];

struct sighand *
sighand_new(void)
{
	for (int i = 0; i < MAX_PROCS; i++) {
		struct sighand *sh = &sighand_pool[i];
		if (sh->refs == 0) {
			memset(sh, 0, sizeof *sh);     /* every signal SIG_DFL */
			sh->refs = 1;
			return sh;
		}
	}
	return NULL;
}

struct sighand *
sighand_copy(const struct sighand *src)
{
	struct sighand *sh = sighand_new();

	if (sh != NULL)
		memcpy(sh->action, src->action, sizeof sh->action);
	return sh;
}

struct sighand *
sighand_get(struct sighand *sh)
{
	sh->refs++;
	return sh;
}

void
sighand_put(struct sighand *sh)
{
	sh->refs--;
}

/* execve: the new program has none of the old one's functions, so handlers
 * go back to SIG_DFL; ignored signals stay ignored (POSIX). */
void
sighand_reset_for_exec(struct sighand *sh)
{
	for (int i = 0; i < NSIG; i++) {
		uint64_t h = sh->action[i].handler == SIG_IGN ? SIG_IGN : SIG_DFL;
		sh->action[i] = (struct kernel_sigaction){ .handler = h };
	}
}

const struct kernel_sigaction *
sig_action(const struct proc *p, int sig)
{
	return &p->tg->sighand->action[sig - 1];
}

/* Ignored: explicitly (SIG_IGN), or by default (SIGCHLD, SIGURG, SIGWINCH). */
bool
sig_ignored(const struct proc *p, int sig)
{
	uint64_t h = sig_action(p, sig)->handler;

	return h == SIG_IGN || (h == SIG_DFL && sig_default_action(sig) == SIGACT_IGNORE);
}

/* Would sig, if it is acted on now, end the process? */
static bool
sig_fatal(const struct proc *p, int sig)
{
	return sig == SIGKILL || (sig_action(p, sig)->handler == SIG_DFL &&
				  sig_default_action(sig) == SIGACT_TERMINATE);
}

/* ------------------------------------------------------------------ the sigpending flag */

/* Is p a thread that an execve in its process is ending? */
static bool
zapped_by_exec(const struct proc *p)
{
	return p->tg->exec_thread != NULL && p->tg->exec_thread != p;
}


/* Signals pending for p (its own and its process's) that it does not block. */
static sigset_t
ready_signals(const struct proc *p)
{
	return (p->sig.pending.set | p->tg->shared_pending.set) & ~p->sig.blocked;
}

/*
 * Only the thread itself clears its flag (here); others only set it. So
 * a flag set by a sender is never lost, and a spurious one costs one
 * look in signal_deliver.
 */
void
recalc_sigpending(struct proc *p)
{
	p->sigpending = ready_signals(p) != 0 || p->tg->group_exiting || p->tg->stopping ||
			zapped_by_exec(p);
}

void
signal_set_blocked(struct proc *p, sigset_t mask)
{
	p->sig.blocked = mask & ~SIG_UNBLOCKABLE;
	recalc_sigpending(p);
}

void
signal_use_temporary_mask(struct proc *p, sigset_t mask)
{
	p->sig.saved_mask = p->sig.blocked;
	p->sig.restore_mask = true;
	signal_set_blocked(p, mask);
}

/* ppoll, pselect6, epoll_pwait: the mask argument (NULL: keep the mask). 0, -EINVAL, -EFAULT. */
int
signal_use_user_mask(uint64_t umask, size_t sigsetsize)
{
	sigset_t mask;

	if (umask == 0)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof mask) < 0)
		return -EFAULT;
	signal_use_temporary_mask(current_proc(), mask);
	return 0;
}

void
signal_end_temporary_mask(struct proc *p, bool interrupted)
{
	if (interrupted || !p->sig.restore_mask)
		return;                  /* signal_deliver or the frame puts it back */
	p->sig.restore_mask = false;
	signal_set_blocked(p, p->sig.saved_mask);
}

bool
signal_fatal_pending(const struct proc *p)
{
	sigset_t ready = ready_signals(p);

	if (p->tg->group_exiting || zapped_by_exec(p))
		return true;
	for (int sig = 1; ready != 0; sig++, ready >>= 1)
		if ((ready & 1) && sig_fatal(p, sig))
			return true;
	return false;
}

/* Make p look at its signals: set its flag, and wake it if it sleeps in
 * the kernel (its wait_event returns -ERESTARTSYS). Only SIGKILL and
 * SIGCONT wake a stopped thread. */
static void
signal_wake_up(struct proc *p, bool wake_stopped)
{
	p->sigpending = true;
	if (p->state == PROC_SLEEPING || (wake_stopped && p->state == PROC_STOPPED))
		p->state = PROC_RUNNABLE;
}

/* The live threads of a process, for `for (each) ...`. */
static bool
live_thread_of(const struct proc *t, const struct thread_group *tg)
{
	return proc_exists(t) && t->state != PROC_ZOMBIE && t->state != PROC_DEAD &&
	       t->tg == tg;
}

/* ------------------------------------------------------------------ group exit and stop */

/* exit_group, or a fatal signal: every thread of tg ends, with this status. */
void
signal_group_exit(struct thread_group *tg, int wait_status)
{
	if (tg->group_exiting)
		return;
	tg->group_exiting = true;
	tg->group_exit_code = wait_status;
	tg->stopping = false;
	for (int i = 0; i < MAX_PROCS; i++)
		if (live_thread_of(&procs[i], tg))
			signal_wake_up(&procs[i], true);
}

/* Is p about to end without returning to user mode (group exit, execve, SIGKILL)? */
bool
signal_exiting(const struct proc *p)
{
	return p->tg->group_exiting || zapped_by_exec(p) ||
	       ((p->sig.pending.set | p->tg->shared_pending.set) & sig_bit(SIGKILL));
}

void
signal_exec_zap(struct proc *p)
{
	struct thread_group *tg = p->tg;

	tg->exec_thread = p;
	tg->stopping = false;
	for (int i = 0; i < MAX_PROCS; i++)
		if (live_thread_of(&procs[i], tg) && &procs[i] != p)
			signal_wake_up(&procs[i], true);
}

static void
remove_from_queues(struct thread_group *tg, sigset_t set)
{
	tg->shared_pending.set &= ~set;
	for (int i = 0; i < MAX_PROCS; i++)
		if (live_thread_of(&procs[i], tg))
			procs[i].sig.pending.set &= ~set;
}

/* SIGCONT (or SIGKILL): a stopped process runs again. */
static void
group_continue(struct thread_group *tg, bool report)
{
	bool was_stopped = tg->stopped;

	tg->stopping = tg->stopped = false;
	for (int i = 0; i < MAX_PROCS; i++)
		if (live_thread_of(&procs[i], tg) && procs[i].state == PROC_STOPPED)
			procs[i].state = PROC_RUNNABLE;
	if (was_stopped && report) {
		tg->exit_code = WSTATUS_CONTINUED;
		tg->reported = false;
		notify_parent(tg);
	}
}

/* A stop signal with the default action: every thread stops (in signal_deliver). */
static void
group_stop_start(struct thread_group *tg, int sig)
{
	if (tg->stopping || tg->group_exiting)
		return;
	tg->stopping = true;
	tg->stop_signal = sig;
	for (int i = 0; i < MAX_PROCS; i++)
		if (live_thread_of(&procs[i], tg))
			signal_wake_up(&procs[i], false);
}

/* p joins the group stop; the last thread to stop tells the parent. */
static void
group_stop_join(struct proc *p)
{
	struct thread_group *tg = p->tg;
	int running = 0;

	if (p->trace != NULL)
		trace_stop(p, tg->stop_signal);      /* "--- stopped by SIGSTOP ---" */
	p->state = PROC_STOPPED;
	for (int i = 0; i < MAX_PROCS; i++)
		if (live_thread_of(&procs[i], tg) && procs[i].state != PROC_STOPPED)
			running++;
	if (running == 0 && !tg->stopped) {
		tg->stopped = true;
		tg->exit_code = wstatus_stopped(tg->stop_signal);
		tg->reported = false;
		notify_parent(tg);
	}
	schedule();                  /* until SIGCONT or SIGKILL */
}

/* ------------------------------------------------------------------ sending */

/*
 * What sending sig does at once, before it is even queued (Linux's
 * prepare_signal): SIGCONT resumes a stopped process and cancels pending
 * stops; a stop signal cancels a pending SIGCONT. Returns false if the
 * signal is to be dropped: the process is ending, or the signal is
 * ignored - unless blocked (the handler may change before it is unblocked)
 * or traced (strace shows ignored signals too).
 */
static bool
prepare_signal(struct thread_group *tg, struct proc *t, int sig)
{
	const sigset_t stops = sig_bit(SIGSTOP) | sig_bit(SIGTSTP) | sig_bit(SIGTTIN) |
			       sig_bit(SIGTTOU);

	if (tg->group_exiting)
		return false;
	if (sig == SIGCONT) {
		remove_from_queues(tg, stops);
		group_continue(tg, true);
	} else if (sig_default_action(sig) == SIGACT_STOP) {
		remove_from_queues(tg, sig_bit(SIGCONT));
	}
	return !sig_ignored(t, sig) || (t->sig.blocked & sig_bit(sig)) || t->trace != NULL;
}

/* A thread of tg to act on a process-directed sig: the current one if it
 * can (no switch needed), else the first that does not block it. */
static struct proc *
choose_thread(struct thread_group *tg, int sig)
{
	struct proc *self = current_proc();

	if (self->tg == tg && !(self->sig.blocked & sig_bit(sig)) && live_thread_of(self, tg))
		return self;
	for (int i = 0; i < MAX_PROCS; i++)
		if (live_thread_of(&procs[i], tg) && !(procs[i].sig.blocked & sig_bit(sig)))
			return &procs[i];
	return NULL;                 /* all block it: it waits in the shared queue */
}

static void
send_signal(struct thread_group *tg, struct proc *thread, int sig, struct sig_info info)
{
	bool irq = irq_save();
	struct proc *target = thread != NULL ? thread : tg->leader;
	struct sigpending *queue = thread != NULL ? &thread->sig.pending : &tg->shared_pending;

	if (!prepare_signal(tg, target, sig))
		goto out;
	if (!(queue->set & sig_bit(sig))) {      /* already pending: merged */
		queue->set |= sig_bit(sig);
		queue->info[sig] = info;
	}
	if (thread == NULL && (target = choose_thread(tg, sig)) == NULL)
		goto out;
	if (thread != NULL && (thread->sig.blocked & sig_bit(sig)))
		goto out;
	/* A fatal signal ends the whole process right away - except under
	 * strace, which must see the thread take it (Linux does the same).
	 * SIGKILL always does, traced or not, as on Linux (strace shows no
	 * "--- SIGKILL" line either): a traced thread that is stopped would
	 * otherwise wake, find the group stop still on, and stop again. */
	if (sig_fatal(target, sig) && (target->trace == NULL || sig == SIGKILL) &&
	    !(target->sig.waiting & sig_bit(sig)))
		signal_group_exit(tg, wstatus_signaled(sig));
	else
		signal_wake_up(target, sig == SIGKILL);
out:
	irq_restore(irq);
}

int
signal_sender_pid(void)
{
	struct proc *self = current_proc();

	return self != NULL && self->tg != NULL ? self->tg->tgid : 0;
}

void
signal_send(struct thread_group *tg, int sig, int code, int pid, uint64_t value)
{
	send_signal(tg, NULL, sig, (struct sig_info){ code, pid, value });
}

void
signal_send_thread(struct proc *p, int sig, int code, int pid, uint64_t value)
{
	send_signal(p->tg, p, sig, (struct sig_info){ code, pid, value });
}

/*
 * A fault raised by p's own instruction cannot wait and cannot be ignored
 * (returning would fault again): if the program blocks or ignores the
 * signal, it gets the default action (Linux's force_sig_info).
 */
void
signal_force(struct proc *p, int sig, int code, uint64_t addr)
{
	bool irq = irq_save();
	struct kernel_sigaction *ka = &p->tg->sighand->action[sig - 1];

	if (ka->handler == SIG_IGN || (p->sig.blocked & sig_bit(sig))) {
		ka->handler = SIG_DFL;
		p->sig.blocked &= ~sig_bit(sig);
	}
	send_signal(p->tg, p, sig, (struct sig_info){ code, 0, addr });
	irq_restore(irq);
}

/* Tell tg's parent that tg stopped, continued or ended: SIGCHLD and a wake-up in wait4. */
void
notify_parent(struct thread_group *tg)
{
	int s = tg->exit_code, code = CLD_EXITED;
	uint64_t value = (uint64_t)(s >> 8) & 0xff;
	struct thread_group *parent = tg->parent;

	if (parent == NULL)
		return;
	if (s == WSTATUS_CONTINUED)
		code = CLD_CONTINUED, value = SIGCONT;
	else if ((s & 0xff) == 0x7f)
		code = CLD_STOPPED, value = (uint64_t)(s >> 8) & 0xff;
	else if (s & 0x7f)
		code = CLD_KILLED, value = (uint64_t)s & 0x7f;
	const struct kernel_sigaction *ka = &parent->sighand->action[SIGCHLD - 1];
	bool stop_or_continue = code == CLD_STOPPED || code == CLD_CONTINUED;
	/* The end is signalled with clone's exit signal (SIGCHLD, or none);
	 * stops and continues always with SIGCHLD, unless SA_NOCLDSTOP. */
	int sig = stop_or_continue ? SIGCHLD : tg->exit_signal;
	if (sig != 0 && !(stop_or_continue && (ka->flags & SA_NOCLDSTOP)))
		signal_send(parent, sig, code, tg->tgid, value);
	wake_up(&parent->child_exit);
}

/* ------------------------------------------------------------------ sigaltstack */

/* The settings as sigaltstack(2) and uc_stack report them; SS_ONSTACK if sp is on it. */
void
signal_get_altstack(const struct proc *p, uint64_t sp, struct sigaltstack *ss)
{
	memset(ss, 0, sizeof *ss);
	ss->ss_sp = p->sig.altstack.sp;
	ss->ss_size = p->sig.altstack.size;
	ss->ss_flags = (int)(p->sig.altstack.flags & SS_AUTODISARM);
	if (p->sig.altstack.size == 0)
		ss->ss_flags |= SS_DISABLE;
	else if (sig_on_altstack(sp, p->sig.altstack.sp, p->sig.altstack.size))
		ss->ss_flags |= SS_ONSTACK;
}

/* New settings (sigaltstack(2), and rt_sigreturn putting uc_stack back). */
int
signal_set_altstack(struct proc *p, const struct sigaltstack *ss, uint64_t sp)
{
	uint32_t mode = (uint32_t)ss->ss_flags & ~SS_AUTODISARM;

	if (sig_on_altstack(sp, p->sig.altstack.sp, p->sig.altstack.size))
		return -EPERM;           /* not while a handler runs on it */
	if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		p->sig.altstack.sp = p->sig.altstack.size = 0;
		p->sig.altstack.flags = 0;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	p->sig.altstack.sp = ss->ss_sp;
	p->sig.altstack.size = ss->ss_size;
	p->sig.altstack.flags = (uint32_t)ss->ss_flags & SS_AUTODISARM;
	return 0;
}

/* ------------------------------------------------------------------ receiving */

int
signal_dequeue(struct proc *p, sigset_t wanted, struct sig_info *info)
{
	struct sigpending *queue = &p->sig.pending;
	int sig = sig_pick(queue->set & wanted);

	if (sig == 0) {              /* the thread's own first, then the process's */
		queue = &p->tg->shared_pending;
		sig = sig_pick(queue->set & wanted);
	}
	if (sig != 0) {
		queue->set &= ~sig_bit(sig);
		*info = queue->info[sig];
	}
	return sig;
}

/* siginfo_t as the program sees it (uapi/signal.h), from what the sender recorded. */
void
signal_fill_siginfo(struct siginfo *si, int sig, const struct sig_info *info)
{
	memset(si, 0, sizeof *si);
	si->si_signo = sig;
	si->si_code = info->code;
	switch (sig) {
	case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
		if (info->code > 0 && info->code != SI_KERNEL) {
			si->fault.addr = info->value;
			return;
		}
		break;
	case SIGCHLD:
		if (info->code > 0 && info->code != SI_KERNEL) {
			si->chld.pid = info->pid;
			si->chld.status = (int)info->value;
			return;
		}
		break;
	}
	if (info->code <= 0) {           /* from a process: who sent it */
		si->kill.pid = info->pid;
		si->kill.value = info->value;
	}
}

/*
 * A system call that was cut short: restart it or make it fail with
 * EINTR (the table is sig_restart_action's). Only for a frame that is a
 * system call's, and not after rt_sigreturn (orig_rax = -1).
 */
static void
syscall_restart(struct trap_frame *f, bool handler, uint64_t sa_flags)
{
	if (f->trapno != TRAP_SYSCALL || (int64_t)f->orig_rax < 0)
		return;
	switch (sig_restart_action((long)f->rax, handler, sa_flags)) {
	case RESTART_NONE:
		return;
	case RESTART_EINTR:
		f->rax = (uint64_t)-EINTR;
		return;
	case RESTART_AGAIN:          /* back onto the 2-byte `syscall` instruction */
		f->rax = f->orig_rax;
		f->rip -= 2;
		return;
	case RESTART_BLOCK:
		f->rax = __NR_restart_syscall;
		f->rip -= 2;
		return;
	}
}

/*
 * Run the handler: the frame goes on the user stack with the registers
 * and the mask to come back to; the handler then runs with sa_mask (and
 * the signal itself, unless SA_NODEFER) blocked.
 */
static void
handle_signal(struct proc *p, struct trap_frame *f, int sig, const struct sig_info *info,
	      const struct kernel_sigaction *ka)
{
	sigset_t saved = p->sig.restore_mask ? p->sig.saved_mask : p->sig.blocked;

	syscall_restart(f, true, ka->flags);
	if (sigframe_setup(p, f, sig, info, ka, saved) < 0) {
		/* Nowhere to put the frame (a bad stack): SIGSEGV, and if that
		 * was SIGSEGV already, with the default action (Linux: force_sigsegv). */
		if (sig == SIGSEGV)
			p->tg->sighand->action[SIGSEGV - 1].handler = SIG_DFL;
		signal_force(p, SIGSEGV, SI_KERNEL, 0);
		return;
	}
	p->sig.restore_mask = false;     /* the frame holds it: rt_sigreturn restores it */
	sigset_t mask = p->sig.blocked | ka->mask;
	if (!(ka->flags & SA_NODEFER))
		mask |= sig_bit(sig);
	signal_set_blocked(p, mask);
}

/*
 * On the way back to user mode, when p->sigpending is set (the test in
 * syscall_dispatch and trap_dispatch): act on every pending signal p does
 * not block. Each handler gets a frame; if several are pending, frames
 * nest and the last one set up runs first, as on Linux. May not return:
 * the process may end here, or stop (and return once continued).
 */
void
signal_deliver(struct proc *p, struct trap_frame *f)
{
	bool irq = irq_save();
	struct thread_group *tg = p->tg;
	struct sig_info info;
	int sig;

	for (;;) {
		if (tg->group_exiting)
			proc_exit(p, tg->group_exit_code);
		if (zapped_by_exec(p))
			proc_exit(p, wstatus_signaled(SIGKILL));
		if (tg->stopping) {
			group_stop_join(p);
			continue;
		}
		if ((sig = signal_dequeue(p, ~p->sig.blocked, &info)) == 0)
			break;
		if (p->trace != NULL)
			trace_signal(p, sig, info.code, info.value, info.pid);
		struct kernel_sigaction ka = *sig_action(p, sig);
		if (ka.handler == SIG_IGN)
			continue;
		if (ka.handler != SIG_DFL) {
			if (ka.flags & SA_RESETHAND)     /* one-shot: SIG_DFL from now on */
				p->tg->sighand->action[sig - 1].handler = SIG_DFL;
			handle_signal(p, f, sig, &info, &ka);
			continue;
		}
		switch (sig_default_action(sig)) {
		case SIGACT_IGNORE:
		case SIGACT_CONTINUE:
			break;
		case SIGACT_STOP:
			group_stop_start(tg, sig);
			break;
		case SIGACT_TERMINATE:
			signal_group_exit(tg, wstatus_signaled(sig));
			break;
		}
	}
	/* No handler took a cut-short call: restart it. No handler took the
	 * mask of sigsuspend & co: put it back. */
	syscall_restart(f, false, 0);
	if (p->sig.restore_mask) {
		p->sig.restore_mask = false;
		p->sig.blocked = p->sig.saved_mask;
	}
	recalc_sigpending(p);
	irq_restore(irq);
}
