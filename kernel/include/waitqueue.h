/*
 * waitqueue.h - the one way a task waits for something (data in a pipe,
 * a child's exit, a deadline): it puts an entry on a wait queue and sleeps;
 * whoever makes the thing happen calls wake_up() on the queue.
 *
 *   struct wait_queue  --> entry --> entry --> NULL
 *                          (task,     (task,
 *                           wake fn)   wake fn)
 *
 * Each entry carries a function that wake_up() calls: normally it makes
 * the task runnable again, but it can do something else entirely (epoll
 * will use it to put a file on its ready list - Linux's ep_poll_callback).
 * One CPU and interrupts off while queues change: no locks needed.
 */
#ifndef WAITQUEUE_H
#define WAITQUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "kerrno.h"

struct proc;
struct wait_entry;

typedef void (*wake_fn_t)(struct wait_entry *e);

struct wait_entry {
	struct proc *task;
	wake_fn_t wake;
	struct wait_entry *next;
};

struct wait_queue {
	struct wait_entry *head;
};

void wait_queue_add(struct wait_queue *wq, struct wait_entry *e);
void wait_queue_remove(struct wait_queue *wq, struct wait_entry *e);
void wake_up(struct wait_queue *wq);
void wake_task(struct wait_entry *e);     /* the default wake function */
void wake_proc(struct proc *p);          /* one sleeping task, found some other way (futex) */

/*
 * Sleep until cond_check(arg) is true, a deadline passes (deadline_ns on
 * CLOCK_MONOTONIC, 0 = none, 1 = already past), or a signal must be acted
 * on. Returns 0 (condition true), -ETIMEDOUT, or -ERESTARTSYS (signals.h:
 * the system call returns it, and the way out to user mode restarts the
 * call or turns it into -EINTR). wait_event_killable wakes early only for
 * a signal that ends the process (vfork's wait for its child).
 */
int wait_event(struct wait_queue *wq, bool (*cond_check)(void *arg), void *arg,
	       uint64_t deadline_ns);
int wait_event_killable(struct wait_queue *wq, bool (*cond_check)(void *arg), void *arg,
			uint64_t deadline_ns);

#endif
