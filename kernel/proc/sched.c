/*
 * sched.c - sharing one CPU between processes: a round-robin scheduler
 * with a fixed time slice, the idle loop, and sleeping and waking.
 *
 * Who calls schedule():
 *   - a task that cannot continue: it sleeps (wait_event), stops, or exits;
 *   - a task that gives the CPU away: sched_yield;
 *   - the timer interrupt, when the running task's time slice is used up
 *     and it was interrupted in user mode.
 *
 * The rule that replaces locks here: code in ring 0 is never preempted -
 * a task leaves the CPU only where it calls schedule() - but interrupt
 * handlers still run in the middle of it whenever interrupts are on, as
 * they are during most system calls. So data an interrupt handler also
 * touches (wait queues, the ready flags of timerfd and the tty, the
 * process table the timer tick scans) is changed with interrupts off:
 * irq_save() ... irq_restore(). Everything else needs nothing, on one CPU.
 * When nothing is runnable the idle task halts the CPU until an interrupt.
 */
#include "clock.h"
#include "cpu.h"
#include "fpu.h"
#include "panic.h"
#include "printk.h"
#include "proc.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "vm.h"
#include "x86.h"

static struct proc idle_proc = { .pid = 0, .name = "idle", .state = PROC_RUNNING };
uint64_t idle_ticks, context_switches;

void
sched_init(void)
{
	fpu_init();                  /* the FPU state after FNINIT: every new program starts with it */
	cpu0.current = &idle_proc;
}

/* A fresh task's stack: as if it had called context_switch from proc_first_return. */
void
sched_prepare_new(struct proc *p)
{
	uint64_t *sp = (uint64_t *)proc_frame(p);

	*--sp = (uint64_t)proc_first_return;     /* context_switch's `ret` goes here */
	for (int i = 0; i < 6; i++)
		*--sp = 0;                        /* rbp, rbx, r12..r15 */
	p->saved_rsp = (uint64_t)sp;
	sched_prepare_fpu(p);
}

/* A new program's FPU registers: the state right after FNINIT. */
void
sched_prepare_fpu(struct proc *p)
{
	fpu_copy_initial(p->fpu);
}

uint64_t
proc_cpu_cycles(const struct proc *p)
{
	uint64_t running = p == current_proc() ? rdtsc() - p->run_start : 0;
	return p->cpu_cycles + running;
}

void
sched_make_runnable(struct proc *p)
{
	p->state = PROC_RUNNABLE;
}

/* Round robin: the next runnable task after the current one in the table. */
static struct proc *
pick_next(void)
{
	struct proc *cur = current_proc();
	int start = cur == &idle_proc ? MAX_PROCS - 1 : (int)(cur - procs);

	for (int i = 1; i <= MAX_PROCS; i++) {
		struct proc *p = &procs[(start + i) % MAX_PROCS];
		if (p->state == PROC_RUNNABLE)
			return p;
	}
	return NULL;
}

/*
 * Everything that belongs to "the running task" besides its registers:
 * FPU registers, page tables, the kernel stack for ring 3 -> 0 entries
 * (TSS.RSP0 for interrupts, cpu0.kernel_rsp for SYSCALL), the data
 * segment registers and the FS and GS bases (cpu/segregs.c).
 */
static void
switch_to(struct proc *prev, struct proc *next)
{
	uint64_t now = rdtsc();

	prev->cpu_cycles += now - prev->run_start;   /* CPU-time clocks */
	next->run_start = now;
	if (prev != &idle_proc)
		fxsave(prev->fpu);
	next->state = PROC_RUNNING;
	next->ticks_left = TIME_SLICE_TICKS;
	cpu0.current = next;
	if (next != &idle_proc) {
		cpu0.kernel_rsp = next->kstack_top;
		tss_set_kernel_stack(next->kstack_top);
		/* Threads of one process share the page tables: no CR3 write,
		 * and the TLB keeps its translations. */
		if (next->mm->pml4 != vm_active_pml4())
			vm_switch(next->mm->pml4);
		segregs_switch(prev, next);
		fxrstor(next->fpu);
	}
	context_switches++;
	struct proc *last = context_switch(&prev->saved_rsp, next->saved_rsp, prev);
	sched_finish_switch(last);
}

/*
 * Right after a switch, on the new task's stack: `last` is the task that
 * ran before (context_switch returns it: the `prev` of this stack's own
 * switch_to is a different, older task). An ended thread that no one will
 * wait for is freed here, now that no CPU uses its kernel stack any more
 * (Linux: finish_task_switch).
 */
void
sched_finish_switch(struct proc *last)
{
	if (last->state == PROC_DEAD)
		proc_reap(last);
}

/* A new task's first run (switch.S: proc_first_return), on its way to user mode. */
void
sched_first_return(struct proc *last)
{
	struct proc *p = current_proc();

	sched_finish_switch(last);
	if (p->set_child_tid != 0) {     /* CLONE_CHILD_SETTID: in the child's own memory */
		int tid = p->pid;
		copy_to_user(p->set_child_tid, &tid, sizeof tid);   /* errors ignored, as Linux */
	}
	if (p->sigpending)
		signal_deliver(p, proc_frame(p));
}

/*
 * Give the CPU to the next runnable task. The caller has already set its
 * own state (RUNNABLE to yield, SLEEPING, STOPPED, ZOMBIE). Interrupts must
 * be off. Returns when this task is chosen again.
 */
void
schedule(void)
{
	struct proc *prev = current_proc();
	struct proc *next = pick_next();

	assert(!(read_rflags() & RFLAGS_IF));
	if (next == NULL)
		next = prev->state == PROC_RUNNABLE ? prev : &idle_proc;
	if (next == prev) {
		prev->state = PROC_RUNNING;
		return;
	}
	switch_to(prev, next);
}

void
sched_yield_cpu(void)
{
	bool irq = irq_save();

	current_proc()->state = PROC_RUNNABLE;
	schedule();
	irq_restore(irq);
}

/* Wake every sleeper whose deadline has passed; returns how many. */
static int
wake_expired(uint64_t now)
{
	int woken = 0;

	for (int i = 0; i < MAX_PROCS; i++) {
		struct proc *p = &procs[i];
		if (p->state == PROC_SLEEPING && p->wake_deadline != 0 && now >= p->wake_deadline) {
			p->state = PROC_RUNNABLE;
			woken++;
		}
	}
	return woken;
}

/* Every timer interrupt (after the EOI): deadlines, accounting, preemption. */
void
sched_timer_tick(bool from_user)
{
	struct proc *cur = current_proc();

	uint64_t now = clock_monotonic_ns();
	int woken = wake_expired(now);
	itimer_tick(now, cur == &idle_proc ? NULL : cur, from_user);
	if (cur == &idle_proc) {
		idle_ticks++;
		return;                  /* the idle loop schedules when it wakes */
	}
	cur->cpu_ticks++;
	/* Time is up, or a sleeper just woke (let it run now, so a sleep ends
	 * within a tick even on a busy CPU): to the back of the line. */
	if (from_user && (--cur->ticks_left <= 0 || woken > 0)) {
		cur->state = PROC_RUNNABLE;
		schedule();
	}
}

/* The boot CPU ends up here once init is runnable: run tasks, or halt. */
void
sched_idle_loop(void)
{
	for (;;) {
		cli();
		if (pick_next() != NULL)
			schedule();
		else
			sti_hlt();           /* sleep until the next interrupt */
	}
}

void
sched_print_stats(void)
{
	printk("sched: %lu context switches, %lu idle ticks of %lu\n", context_switches,
	       idle_ticks, (uint64_t)jiffies);
}

/* ------------------------------------------------------------------ sleeping (queues: waitqueue.c) */

/*
 * Sleep until cond(arg) holds, the deadline passes, or a signal must be
 * acted on (any signal, or with `killable` only one that ends the
 * process). The condition is checked with interrupts off and the task
 * already on the queue, so a wake-up between "check" and "sleep" cannot be
 * lost.
 */
static int
wait_common(struct wait_queue *wq, bool (*cond)(void *arg), void *arg, uint64_t deadline_ns,
	    bool killable)
{
	struct proc *p = current_proc();
	struct wait_entry e = { .task = p, .wake = wake_task };
	bool irq = irq_save();
	int ret = 0;

	if (wq != NULL)
		wait_queue_add(wq, &e);
	for (;;) {
		if (cond != NULL && cond(arg))
			break;
		if (killable ? signal_fatal_pending(p) : p->sigpending) {
			ret = -ERESTARTSYS;  /* the caller decides: restart, or EINTR */
			break;
		}
		if (deadline_ns != 0 && clock_monotonic_ns() >= deadline_ns) {
			ret = -ETIMEDOUT;
			break;
		}
		p->state = PROC_SLEEPING;
		p->wake_deadline = deadline_ns;
		schedule();
		p->wake_deadline = 0;
	}
	if (wq != NULL)
		wait_queue_remove(wq, &e);
	irq_restore(irq);
	return ret;
}

int
wait_event(struct wait_queue *wq, bool (*cond)(void *arg), void *arg, uint64_t deadline_ns)
{
	return wait_common(wq, cond, arg, deadline_ns, false);
}

int
wait_event_killable(struct wait_queue *wq, bool (*cond)(void *arg), void *arg, uint64_t deadline_ns)
{
	return wait_common(wq, cond, arg, deadline_ns, true);
}
