/*
 * waitqueue.c - wait queues (the picture is in waitqueue.h): adding and
 * removing a sleeper's entry, and waking everyone on a queue. Sleeping
 * itself - wait_event - is the scheduler's (proc/sched.c).
 */
#include "cpu.h"
#include "proc.h"
#include "waitqueue.h"
#include "x86.h"

void
wait_queue_add(struct wait_queue *wq, struct wait_entry *e)
{
	e->next = wq->head;
	wq->head = e;
}

void
wait_queue_remove(struct wait_queue *wq, struct wait_entry *e)
{
	for (struct wait_entry **link = &wq->head; *link != NULL; link = &(*link)->next) {
		if (*link == e) {
			*link = e->next;
			return;
		}
	}
}

/* Make p runnable if it sleeps (a sleep that is over for some other reason is left alone). */
void
wake_proc(struct proc *p)
{
	if (p->state == PROC_SLEEPING)
		p->state = PROC_RUNNABLE;
}

void
wake_task(struct wait_entry *e)
{
	wake_proc(e->task);
}

void
wake_up(struct wait_queue *wq)
{
	bool irq = irq_save();

	for (struct wait_entry *e = wq->head, *next; e != NULL; e = next) {
		next = e->next;          /* the wake function may unlink e */
		e->wake(e);
	}
	irq_restore(irq);
}
