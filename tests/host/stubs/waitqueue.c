/*
 * waitqueue.c (host stub) - the wait queue functions of kernel/proc/sched.c,
 * without the scheduler, and the simulated interrupt flag of stubs/x86.h.
 *
 * wait_queue_add/wait_queue_remove/wake_up do what waitqueue.h says: a
 * singly linked list, new entries at the head, and wake_up calls each
 * entry's wake function, reading the next entry first so that the function
 * may unlink its own entry. One addition: wake_ups nested deeper than
 * STUB_WAKE_MAX_DEPTH (a wake function that wakes a queue whose wake
 * function wakes ...) are not followed but counted in stub_wake_overflows,
 * so that unbounded recursion fails a test instead of crashing the binary.
 *
 * Nothing sleeps on the host: wait_event records its arguments and returns
 * 0 if the condition already holds; otherwise it "sleeps": runs the test's
 * hook once (the event that happens meanwhile; cleared first, so a later
 * wait does not see it again), then returns 0 if the condition holds now,
 * else stub_wait_event_ret (-ETIMEDOUT by default: a waiter just times
 * out). Knobs: stubs.h.
 */
#include <stddef.h>

#include "stubs.h"
#include "uapi/errno.h"
#include "waitqueue.h"

bool stub_irq_on = true;
int stub_irq_saves;

int stub_wait_event_calls;
int stub_wait_event_ret = -ETIMEDOUT;
struct wait_queue *stub_wait_event_wq;
uint64_t stub_wait_event_deadline;
void (*stub_wait_event_hook)(void);

int stub_wake_depth;
int stub_wake_overflows;

void
stub_waitqueue_reset(void)
{
	stub_irq_on = true;
	stub_irq_saves = 0;
	stub_wait_event_calls = 0;
	stub_wait_event_ret = -ETIMEDOUT;
	stub_wait_event_wq = NULL;
	stub_wait_event_deadline = 0;
	stub_wait_event_hook = NULL;
	stub_wake_depth = 0;
	stub_wake_overflows = 0;
}

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

void
wake_up(struct wait_queue *wq)
{
	bool was_on = stub_irq_on;

	if (stub_wake_depth >= STUB_WAKE_MAX_DEPTH) {
		stub_wake_overflows++;
		return;
	}
	stub_wake_depth++;
	stub_irq_on = false;
	for (struct wait_entry *e = wq->head, *next; e != NULL; e = next) {
		next = e->next;          /* the wake function may unlink e */
		e->wake(e);
	}
	stub_irq_on = was_on;
	stub_wake_depth--;
}

int
wait_event(struct wait_queue *wq, bool (*cond_check)(void *arg), void *arg, uint64_t deadline_ns)
{
	stub_wait_event_calls++;
	stub_wait_event_wq = wq;
	stub_wait_event_deadline = deadline_ns;
	if (cond_check != NULL && cond_check(arg))
		return 0;
	if (stub_wait_event_hook != NULL) {
		void (*hook)(void) = stub_wait_event_hook;

		stub_wait_event_hook = NULL;     /* once: the next wait times out */
		hook();
	}
	if (cond_check != NULL && cond_check(arg))
		return 0;
	return stub_wait_event_ret;
}
