/*
 * poll.c - poll(2) and ppoll(2), on the same wait queues epoll uses: the
 * caller puts one wait entry on the queue of every file it asks about,
 * checks them all, and sleeps until any of them wakes it (or the timeout).
 * The check happens with interrupts off and the entries already in place,
 * so a wake-up cannot slip in between "nothing ready" and "sleep".
 */
#include "clock.h"
#include "cpu.h"
#include "eventpoll.h"
#include "proc.h"
#include "uapi/errno.h"
#include "x86.h"

#define ALWAYS (POLLERR | POLLHUP)

/* revents for each entry; returns how many have something. */
static int
scan(struct fd_table *t, struct pollfd *fds, int nfds)
{
	int ready = 0;

	for (int i = 0; i < nfds; i++) {
		struct file *f = fds[i].fd < 0 ? NULL : fd_lookup(t, fds[i].fd);
		if (fds[i].fd < 0) {
			fds[i].revents = 0;  /* negative fds are skipped, as POSIX says */
			continue;
		}
		if (f == NULL)
			fds[i].revents = POLLNVAL;
		else if (f->ops->poll == NULL)   /* regular files: always ready */
			fds[i].revents = (short)(fds[i].events & (POLLIN | POLLOUT));
		else
			fds[i].revents = (short)(f->ops->poll(f) & ((uint16_t)fds[i].events | ALWAYS));
		ready += fds[i].revents != 0;
	}
	return ready;
}

int
do_poll(struct pollfd *fds, int nfds, struct wait_entry *entries, uint64_t deadline_ns)
{
	struct proc *p = current_proc();
	struct fd_table *t = p->files;
	int n;

	bool irq = irq_save();
	for (int i = 0; i < nfds; i++) {
		struct file *f = fds[i].fd < 0 ? NULL : fd_lookup(t, fds[i].fd);
		entries[i] = (struct wait_entry){ .task = p, .wake = wake_task };
		if (f != NULL && f->ops->wait_queue != NULL)
			wait_queue_add(f->ops->wait_queue(f), &entries[i]);
		else
			entries[i].task = NULL;  /* not on any queue */
	}
	for (;;) {
		n = scan(t, fds, nfds);
		if (n > 0 || deadline_ns == 1)
			break;
		if (p->sigpending) {
			n = -ERESTARTNOHAND; /* poll and ppoll: EINTR if a handler runs */
			break;
		}
		if (deadline_ns != 0 && clock_monotonic_ns() >= deadline_ns)
			break;
		p->state = PROC_SLEEPING;
		p->wake_deadline = deadline_ns;
		schedule();
		p->wake_deadline = 0;
	}
	for (int i = 0; i < nfds; i++) {
		struct file *f = fds[i].fd < 0 ? NULL : fd_lookup(t, fds[i].fd);
		if (entries[i].task != NULL && f != NULL)
			wait_queue_remove(f->ops->wait_queue(f), &entries[i]);
	}
	irq_restore(irq);
	return n;
}
