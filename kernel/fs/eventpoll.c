/*
 * eventpoll.c - epoll instances (see eventpoll.h for the picture).
 *
 * Level-triggered (the default): an item stays on the ready list while its
 * file is ready, so every epoll_wait reports it again. Edge-triggered
 * (EPOLLET): it is reported once per wake-up of its file. EPOLLONESHOT:
 * once, then disarmed until EPOLL_CTL_MOD. EPOLLERR and EPOLLHUP are always
 * reported, asked for or not.
 */
#include "cpu.h"
#include "eventpoll.h"
#include "kheap.h"
#include "proc.h"
#include "string.h"
#include "uapi/errno.h"
#include "x86.h"

#define ALWAYS_REPORTED (EPOLLERR | EPOLLHUP)

static void
ready_add(struct eventpoll *ep, struct epitem *it)
{
	if (it->on_ready)
		return;
	it->on_ready = true;
	it->ready_next = NULL;
	*ep->ready_tail = it;
	ep->ready_tail = &it->ready_next;
}

static struct epitem *
ready_pop(struct eventpoll *ep)
{
	struct epitem *it = ep->ready;

	if (it != NULL) {
		ep->ready = it->ready_next;
		if (ep->ready == NULL)
			ep->ready_tail = &ep->ready;
		it->on_ready = false;
	}
	return it;
}

static void
ready_remove(struct eventpoll *ep, struct epitem *it)
{
	struct epitem **link = &ep->ready;

	if (!it->on_ready)
		return;
	while (*link != it)
		link = &(*link)->ready_next;
	*link = it->ready_next;
	if (ep->ready_tail == &it->ready_next)
		ep->ready_tail = link;
	it->on_ready = false;
}

/* How deep ep_item_wake is in its own recursion (epolls watching epolls). */
static int wake_depth;
#define WAKE_MAX_DEPTH 8         /* epoll_nest.c allows 5 levels: never reached */

/* The watched file woke its wait queue: something may have happened. */
static void
ep_item_wake(struct wait_entry *e)
{
	struct epitem *it = (struct epitem *)((char *)e - offsetof(struct epitem, wait));

	if (it->disarmed)
		return;
	ready_add(it->ep, it);
	wake_up(&it->ep->waiters);
	/* Up to the epolls watching this one: a recursion the nesting rules
	 * keep short; the bound here only makes sure of it. */
	if (wake_depth < WAKE_MAX_DEPTH) {
		wake_depth++;
		wake_up(&it->ep->poll_wq);
		wake_depth--;
	}
}

/* The events of it's file that the user wants to hear about now. */
static uint32_t
item_revents(struct epitem *it)
{
	uint32_t mask = it->file->ops->poll(it->file);
	return mask & ((it->events & ~(EPOLLET | EPOLLONESHOT)) | ALWAYS_REPORTED);
}

static struct epitem *
find_item(struct eventpoll *ep, struct file *f, int fd)
{
	for (struct epitem *it = ep->items; it != NULL; it = it->next)
		if (it->file == f && it->fd == fd)
			return it;
	return NULL;
}

/* Unhook an item from its file and its instance, and free it. */
static void
item_free(struct epitem *it)
{
	struct wait_queue *wq = it->file->ops->wait_queue(it->file);
	struct epitem **link;

	wait_queue_remove(wq, &it->wait);
	ready_remove(it->ep, it);
	for (link = &it->ep->items; *link != it; link = &(*link)->next)
		;
	*link = it->next;
	for (link = &it->file->epitems; *link != it; link = &(*link)->file_next)
		;
	*link = it->file_next;
	kfree(it);
}

/* Link a new item into ep and onto f's wait queue; NULL if out of memory. */
static struct epitem *
item_add(struct eventpoll *ep, struct file *f, int fd, const struct epoll_event *ev)
{
	struct epitem *it = kzalloc(sizeof *it);

	if (it == NULL)
		return NULL;
	*it = (struct epitem){ .ep = ep, .file = f, .fd = fd, .events = ev->events,
			       .data = ev->data };
	it->wait = (struct wait_entry){ .task = NULL, .wake = ep_item_wake };
	it->next = ep->items;
	ep->items = it;
	it->file_next = f->epitems;
	f->epitems = it;
	wait_queue_add(f->ops->wait_queue(f), &it->wait);
	return it;
}

/* EPOLL_CTL_ADD: the nesting rules first (fs/epoll_nest.c), then the item. */
static int
ctl_add(struct eventpoll *ep, struct file *target, int fd, const struct epoll_event *ev)
{
	if (file_is_epoll(target) && !ep_nesting_allowed(ep, target->priv))
		return -ELOOP;               /* a loop, or too deep */
	struct epitem *it = item_add(ep, target, fd, ev);
	if (it == NULL)
		return -ENOMEM;
	if (!ep_wakeup_paths_ok(ep, target)) {
		item_free(it);               /* too many ways to wake up: Linux says -EINVAL */
		return -EINVAL;
	}
	if (item_revents(it))                /* already ready: as if its file had just woken us */
		ep_item_wake(&it->wait);
	return 0;
}

int
ep_ctl(struct file *epf, int op, int fd, struct file *target, const struct epoll_event *ev)
{
	struct eventpoll *ep = epf->priv;

	if (target == epf)
		return -EINVAL;              /* an epoll instance cannot watch itself */
	if (target->ops->poll == NULL || target->ops->wait_queue == NULL)
		return -EPERM;               /* regular files are always ready: not pollable */
	bool irq = irq_save();
	struct epitem *it = find_item(ep, target, fd);
	int err = 0;
	switch (op) {
	case EPOLL_CTL_ADD:
		err = it ? -EEXIST : ctl_add(ep, target, fd, ev);
		break;
	case EPOLL_CTL_MOD:
		if (it == NULL) {
			err = -ENOENT;
			break;
		}
		it->events = ev->events;
		it->data = ev->data;
		it->disarmed = false;    /* re-arms an EPOLLONESHOT item */
		if (item_revents(it))
			ep_item_wake(&it->wait);     /* waiters and an outer epoll alike */
		break;
	case EPOLL_CTL_DEL:
		if (it == NULL)
			err = -ENOENT;
		else
			item_free(it);
		break;
	default:
		err = -EINVAL;
	}
	irq_restore(irq);
	return err;
}

/* Move ready events into out (at most max); level-triggered items go back on the list. */
static int
collect(struct eventpoll *ep, struct epoll_event *out, int max)
{
	struct epitem *keep = NULL, **keep_tail = &keep;
	int n = 0;

	while (n < max) {
		struct epitem *it = ready_pop(ep);
		if (it == NULL)
			break;
		uint32_t revents = item_revents(it);
		if (revents == 0)
			continue;            /* woken, but nothing (any more): drop it */
		out[n].events = revents;
		out[n].data = it->data;
		n++;
		if (it->events & EPOLLONESHOT) {
			it->disarmed = true;
		} else if (!(it->events & EPOLLET)) {
			/* Level-triggered: still ready? Then still on the list next time. */
			it->ready_next = NULL;
			*keep_tail = it;
			keep_tail = &it->ready_next;
			it->on_ready = true;
		}
	}
	/* Put the kept items back at the end (others may already be queued). */
	if (keep != NULL) {
		*ep->ready_tail = keep;
		ep->ready_tail = keep_tail;
	}
	return n;
}

static bool
has_ready(void *arg)
{
	return ((struct eventpoll *)arg)->ready != NULL;
}

int
ep_wait(struct file *epf, struct epoll_event *out, int max, uint64_t deadline_ns)
{
	struct eventpoll *ep = epf->priv;

	for (;;) {
		bool irq = irq_save();
		int n = collect(ep, out, max);
		irq_restore(irq);
		if (n > 0)
			return n;
		if (deadline_ns == 1)
			return 0;            /* timeout 0: just a look */
		int r = wait_event(&ep->waiters, has_ready, ep, deadline_ns);
		if (r == -ETIMEDOUT)
			return 0;
		if (r < 0)
			return -EINTR;       /* a signal: epoll_wait is never restarted (man 7 signal) */
	}
}

/* f is going away: remove it from every instance that watches it. */
void
eventpoll_file_closed(struct file *f)
{
	bool irq = irq_save();
	while (f->epitems != NULL)
		item_free(f->epitems);
	irq_restore(irq);
}

/* ------------------------------------------------------------------ the epoll file */

static unsigned
ep_poll(struct file *f)
{
	return has_ready(f->priv) ? EPOLLIN : 0;
}

static struct wait_queue *
ep_wait_queue(struct file *f)
{
	return &((struct eventpoll *)f->priv)->poll_wq;
}

static void
ep_release(struct file *f)
{
	struct eventpoll *ep = f->priv;
	bool irq = irq_save();

	while (ep->items != NULL)
		item_free(ep->items);
	irq_restore(irq);
	kfree(ep);
}

static const struct file_ops epoll_ops = {
	.poll = ep_poll, .wait_queue = ep_wait_queue, .release = ep_release,
};

bool
file_is_epoll(const struct file *f)
{
	return f->ops == &epoll_ops;
}

int
epoll_create_file(int flags, struct file **out)
{
	struct eventpoll *ep = kzalloc(sizeof *ep);

	*out = ep ? file_alloc(&epoll_ops, O_RDWR | (flags & O_NONBLOCK)) : NULL;
	if (*out == NULL) {
		kfree(ep);
		return -ENOMEM;
	}
	ep->ready_tail = &ep->ready;
	ep->file = *out;
	(*out)->priv = ep;
	return 0;
}
