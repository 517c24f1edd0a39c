/*
 * eventpoll.h - epoll: an instance watches many files and reports which are
 * ready, without looking at the others (kernel/fs/eventpoll.c).
 *
 *   struct eventpoll ---- interest list ----> epitem ----> epitem ...
 *        |                                      | (file, fd, events, data)
 *        +-- ready list ---> epitem              |
 *        +-- wait queue: tasks in epoll_wait     +-- wait entry on the file's
 *                                                    wait queue, wake = ep_item_wake
 *
 * When something happens to a watched file (a pipe gets data), the file
 * wakes its wait queue; the epitem's entry there calls ep_item_wake, which
 * puts the item on the ready list and wakes the tasks in epoll_wait. So
 * epoll_wait never scans the interest list: it only looks at ready items
 * (Linux's ep_poll_callback design).
 */
#ifndef EVENTPOLL_H
#define EVENTPOLL_H

#include <stdbool.h>
#include <stdint.h>

#include "file.h"
#include "uapi/eventpoll.h"
#include "waitqueue.h"

struct eventpoll;

struct epitem {
	struct eventpoll *ep;
	struct file *file;
	int fd;
	uint32_t events;             /* what the user asked for (EPOLLIN | EPOLLET | ...) */
	uint64_t data;               /* returned untouched */
	bool on_ready;
	bool disarmed;               /* EPOLLONESHOT fired: no more events until MOD */
	struct wait_entry wait;      /* on the file's wait queue */
	struct epitem *next;         /* in ep's interest list */
	struct epitem *ready_next;   /* in ep's ready list */
	struct epitem *file_next;    /* in the file's list of items */
};

struct eventpoll {
	struct epitem *items;        /* interest list */
	struct epitem *ready;        /* ready list (LIFO is fine: order is not promised) */
	struct epitem **ready_tail;
	struct wait_queue waiters;   /* tasks in epoll_wait */
	struct wait_queue poll_wq;   /* for an epoll inside another epoll, or poll() */
	struct file *file;           /* its own file: file->epitems are the epolls watching it */
	uint64_t check_gen;          /* fs/epoll_nest.c: seen by the walk of this number */
	int check_depth;             /* ... and what that walk found */
};

int epoll_create_file(int flags, struct file **out);
bool file_is_epoll(const struct file *f);
int ep_ctl(struct file *epf, int op, int fd, struct file *target, const struct epoll_event *ev);
/* Collect up to max events into kernel array out; sleeps until one is ready or the deadline. */
int ep_wait(struct file *epf, struct epoll_event *out, int max, uint64_t deadline_ns);
void eventpoll_file_closed(struct file *f);   /* from file_put: drop f from every instance */
/* Nesting rules (fs/epoll_nest.c): may ep watch the instance inner (no loop,
 * not too deep)? Are the wake-up paths through ep and target few enough? */
bool ep_nesting_allowed(struct eventpoll *ep, struct eventpoll *inner);
bool ep_wakeup_paths_ok(struct eventpoll *ep, struct file *target);

/* eventfd and timerfd (fs/eventfd.c, fs/timerfd.c). */
int eventfd_create(uint64_t initval, int flags, struct file **out);
int timerfd_create_file(int clock, int flags, struct file **out);
bool file_is_timerfd(const struct file *f);
int timerfd_set(struct file *f, int flags, const struct itimerspec *new, struct itimerspec *old);
void timerfd_get(struct file *f, struct itimerspec *cur);
void timerfd_tick(uint64_t now_ns);           /* from the timer interrupt */

#endif
