/*
 * pipe.c - pipe(2): a one-page ring buffer between a read end and a write
 * end, two struct files sharing one struct pipe.
 *
 *   read:  empty and writers left -> sleep; empty and no writers -> 0 (EOF)
 *   write: no readers -> SIGPIPE, and -EPIPE; full -> sleep;
 *          n <= PIPE_BUF bytes go in all at once or not at all (atomic),
 *          so two writers' small messages never interleave
 *   O_NONBLOCK: -EAGAIN instead of sleeping
 *
 * Both ends wait on the pipe's one wait queue, woken whenever data or
 * space appears or an end closes (epoll watches the same queue).
 */
#include "cpu.h"
#include "file.h"
#include "kheap.h"
#include "memlayout.h"
#include "pmm.h"
#include "proc.h"
#include "ring.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "waitqueue.h"

#define PIPE_SIZE 4096           /* = PIPE_BUF: a full-size write is still atomic */

struct pipe {
	struct ring ring;
	int readers, writers;        /* open ends */
	struct wait_queue wq;
	uint64_t ino;
};

static uint64_t next_pipe_ino = 0x200000;

static bool
pipe_readable(void *arg)
{
	struct pipe *p = arg;
	return ring_used(&p->ring) > 0 || p->writers == 0;
}

static long
pipe_read(struct file *f, uint64_t ubuf, size_t n)
{
	struct pipe *p = f->priv;
	uint8_t chunk[256];
	size_t done = 0;

	if (n == 0)
		return 0;
	if (!pipe_readable(p)) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event(&p->wq, pipe_readable, p, 0) < 0)
			return -ERESTARTSYS;     /* a signal: restart, or EINTR (SA_RESTART decides) */
	}
	while (done < n && ring_used(&p->ring) > 0) {
		size_t want = n - done < sizeof chunk ? n - done : sizeof chunk;
		/* Peek, copy out, then consume: a bad buffer loses no data. */
		uint64_t rpos = p->ring.rpos;
		size_t got = ring_get(&p->ring, chunk, want);
		if (copy_to_user(ubuf + done, chunk, got) < 0) {
			p->ring.rpos = rpos;
			return done > 0 ? (long)done : -EFAULT;
		}
		done += got;
	}
	wake_up(&p->wq);                 /* writers may have room now */
	return (long)done;
}

struct space_wait {
	struct pipe *pipe;
	size_t need;
};

static bool
pipe_writable_enough(void *arg)
{
	struct space_wait *w = arg;
	return ring_free(&w->pipe->ring) >= w->need || w->pipe->readers == 0;
}

static long
pipe_write(struct file *f, uint64_t ubuf, size_t n)
{
	struct pipe *p = f->priv;
	uint8_t chunk[256];
	size_t done = 0;

	while (done < n) {
		if (p->readers == 0) {
			/* To the writing thread: ends it unless handled or ignored. */
			signal_send_thread(current_proc(), SIGPIPE, SI_USER, signal_sender_pid(), 0);
			return done > 0 ? (long)done : -EPIPE;
		}
		/* Small writes wait for room for all of it; big ones take what fits. */
		struct space_wait w = { p, n <= PIPE_BUF ? n - done : 1 };
		if (!pipe_writable_enough(&w)) {
			if (f->flags & O_NONBLOCK)
				return done > 0 ? (long)done : -EAGAIN;
			if (wait_event(&p->wq, pipe_writable_enough, &w, 0) < 0)
				return done > 0 ? (long)done : -ERESTARTSYS;
			continue;
		}
		size_t want = n - done < sizeof chunk ? n - done : sizeof chunk;
		if (want > ring_free(&p->ring))
			want = ring_free(&p->ring);
		if (copy_from_user(chunk, ubuf + done, want) < 0)
			return done > 0 ? (long)done : -EFAULT;
		done += ring_put(&p->ring, chunk, want);
		wake_up(&p->wq);             /* readers have data */
	}
	return (long)done;
}

static void
pipe_release(struct file *f)
{
	struct pipe *p = f->priv;

	if (file_readable(f))
		p->readers--;
	else
		p->writers--;
	wake_up(&p->wq);                 /* EOF for readers, EPIPE for writers */
	if (p->readers == 0 && p->writers == 0) {
		pmm_free(virt_to_phys(p->ring.data));
		kfree(p);
	}
}

static void
pipe_stat(struct file *f, struct stat *st)
{
	struct pipe *p = f->priv;
	memset(st, 0, sizeof *st);
	st->st_dev = 3;
	st->st_ino = p->ino;
	st->st_mode = S_IFIFO | 0600;
	st->st_nlink = 1;
	st->st_blksize = PIPE_SIZE;
}

/* What epoll and poll see: EPOLLIN 0x1, EPOLLOUT 0x4, EPOLLERR 0x8, EPOLLHUP 0x10. */
static unsigned
pipe_poll(struct file *f)
{
	struct pipe *p = f->priv;
	unsigned mask = 0;

	if (file_readable(f)) {
		if (ring_used(&p->ring) > 0)
			mask |= 0x001;
		if (p->writers == 0)
			mask |= 0x010;           /* hang-up: no writer will ever come */
	} else {
		if (ring_free(&p->ring) >= PIPE_BUF)
			mask |= 0x004;
		if (p->readers == 0)
			mask |= 0x008;           /* error: writing would be EPIPE */
	}
	return mask;
}

static struct wait_queue *
pipe_wait_queue(struct file *f)
{
	return &((struct pipe *)f->priv)->wq;
}

static const struct file_ops pipe_ops = {
	.read = pipe_read, .write = pipe_write, .stat = pipe_stat, .poll = pipe_poll,
	.wait_queue = pipe_wait_queue, .release = pipe_release,
};

/* Make a pipe: *rd and *wr are its two ends. 0 or -ENOMEM. */
int
pipe_create(int flags, struct file **rd, struct file **wr)
{
	struct pipe *p = kzalloc(sizeof *p);
	uint64_t page = pmm_alloc();

	*rd = file_alloc(&pipe_ops, O_RDONLY | (flags & O_NONBLOCK));
	*wr = file_alloc(&pipe_ops, O_WRONLY | (flags & O_NONBLOCK));
	if (p == NULL || page == 0 || *rd == NULL || *wr == NULL) {
		kfree(p), kfree(*rd), kfree(*wr);
		if (page)
			pmm_free(page);
		return -ENOMEM;
	}
	p->ring = (struct ring){ .data = phys_to_virt(page), .size = PIPE_SIZE };
	p->readers = p->writers = 1;
	p->ino = next_pipe_ino++;
	(*rd)->priv = (*wr)->priv = p;
	return 0;
}
