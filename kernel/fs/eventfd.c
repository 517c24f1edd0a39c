/*
 * eventfd.c - eventfd(2): a 64-bit counter as a file. write(8 bytes) adds
 * to it; read(8 bytes) returns it and resets it to 0 - or, with
 * EFD_SEMAPHORE, returns 1 and decrements it. Readable (EPOLLIN) while the
 * counter is not 0: the simplest event source for epoll.
 */
#include "eventpoll.h"
#include "kheap.h"
#include "uaccess.h"
#include "uapi/errno.h"

#define EVENTFD_MAX (UINT64_MAX - 1)

struct eventfd {
	uint64_t count;
	bool semaphore;
	struct wait_queue wq;
};

static bool
has_count(void *arg)
{
	return ((struct eventfd *)arg)->count > 0;
}

static long
eventfd_read(struct file *f, uint64_t ubuf, size_t n)
{
	struct eventfd *e = f->priv;

	if (n < 8)
		return -EINVAL;
	if (e->count == 0) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event(&e->wq, has_count, e, 0) < 0)
			return -ERESTARTSYS;
	}
	uint64_t value = e->semaphore ? 1 : e->count;
	if (copy_to_user(ubuf, &value, 8) < 0)
		return -EFAULT;
	e->count -= value;
	wake_up(&e->wq);                 /* writers waiting for room */
	return 8;
}

struct room {
	struct eventfd *e;
	uint64_t add;
};

static bool
has_room(void *arg)
{
	struct room *r = arg;
	return r->e->count <= EVENTFD_MAX - r->add;
}

static long
eventfd_write(struct file *f, uint64_t ubuf, size_t n)
{
	struct eventfd *e = f->priv;
	struct room r = { e, 0 };

	if (n < 8)
		return -EINVAL;
	if (copy_from_user(&r.add, ubuf, 8) < 0)
		return -EFAULT;
	if (r.add == UINT64_MAX)
		return -EINVAL;
	if (!has_room(&r)) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event(&e->wq, has_room, &r, 0) < 0)
			return -ERESTARTSYS;
	}
	e->count += r.add;
	if (r.add > 0)
		wake_up(&e->wq);             /* readers, and epoll */
	return 8;
}

static unsigned
eventfd_poll(struct file *f)
{
	struct eventfd *e = f->priv;
	return (e->count > 0 ? EPOLLIN : 0) | (e->count < EVENTFD_MAX ? EPOLLOUT : 0);
}

static struct wait_queue *
eventfd_wait_queue(struct file *f)
{
	return &((struct eventfd *)f->priv)->wq;
}

static void
eventfd_release(struct file *f)
{
	kfree(f->priv);
}

static const struct file_ops eventfd_ops = {
	.read = eventfd_read, .write = eventfd_write, .poll = eventfd_poll,
	.wait_queue = eventfd_wait_queue, .release = eventfd_release,
};

int
eventfd_create(uint64_t initval, int flags, struct file **out)
{
	struct eventfd *e = kzalloc(sizeof *e);

	*out = e ? file_alloc(&eventfd_ops, O_RDWR | (flags & EFD_NONBLOCK)) : NULL;
	if (*out == NULL) {
		kfree(e);
		return -ENOMEM;
	}
	e->count = initval;
	e->semaphore = flags & EFD_SEMAPHORE;
	(*out)->priv = e;
	return 0;
}
