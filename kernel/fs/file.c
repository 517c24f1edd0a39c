/*
 * file.c - open-file objects with reference counts, and per-process
 * descriptor tables (see file.h). Pure bookkeeping: what a file *does* is in
 * its file_ops (fs/initrd_file.c, fs/pipe.c, dev/tty.c, fs/procfs.c, ...).
 */
#include "eventpoll.h"
#include "file.h"
#include "kheap.h"
#include "uapi/errno.h"

struct file *
file_alloc(const struct file_ops *ops, int flags)
{
	struct file *f = kzalloc(sizeof *f);

	if (f == NULL)
		return NULL;
	f->ops = ops;
	f->refs = 1;
	f->flags = flags;
	return f;
}

struct file *
file_get(struct file *f)
{
	f->refs++;
	return f;
}

void
file_put(struct file *f)
{
	if (--f->refs > 0)
		return;
	if (f->epitems != NULL)
		eventpoll_file_closed(f);    /* closing removes it from every epoll set */
	if (f->ops->release != NULL)
		f->ops->release(f);
	kfree(f);
}

bool
file_readable(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

bool
file_writable(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

struct file *
fd_lookup(struct fd_table *t, int fd)
{
	if (fd < 0 || fd >= MAX_FDS)
		return NULL;
	return t->files[fd];
}

/* Put f in the lowest free slot >= min_fd; the table takes over f's reference. */
int
fd_install(struct fd_table *t, struct file *f, int min_fd, bool cloexec)
{
	if (min_fd < 0)
		return -EINVAL;
	for (int fd = min_fd; fd < t->limit; fd++) {
		if (t->files[fd] != NULL)
			continue;
		t->files[fd] = f;
		if (cloexec)
			t->cloexec |= 1UL << fd;
		else
			t->cloexec &= ~(1UL << fd);
		return fd;
	}
	return -EMFILE;
}

int
fd_close(struct fd_table *t, int fd)
{
	struct file *f = fd_lookup(t, fd);

	if (f == NULL)
		return -EBADF;
	t->files[fd] = NULL;
	t->cloexec &= ~(1UL << fd);
	file_put(f);
	return 0;
}

void
fd_table_copy(struct fd_table *dst, const struct fd_table *src)
{
	for (int fd = 0; fd < MAX_FDS; fd++)
		dst->files[fd] = src->files[fd] ? file_get(src->files[fd]) : NULL;
	dst->cloexec = src->cloexec;
	dst->limit = src->limit;
}

void
fd_table_close_all(struct fd_table *t)
{
	for (int fd = 0; fd < MAX_FDS; fd++)
		if (t->files[fd] != NULL)
			fd_close(t, fd);
}

void
fd_table_close_on_exec(struct fd_table *t)
{
	for (int fd = 0; fd < MAX_FDS; fd++)
		if (t->cloexec & (1UL << fd))
			fd_close(t, fd);
}

struct fd_table *
files_new(void)
{
	struct fd_table *t = kzalloc(sizeof *t);

	if (t != NULL) {
		t->refs = 1;
		t->limit = MAX_FDS;
	}
	return t;
}

struct fd_table *
files_copy(const struct fd_table *src)
{
	struct fd_table *t = files_new();

	if (t != NULL)
		fd_table_copy(t, src);
	return t;
}

struct fd_table *
files_get(struct fd_table *t)
{
	t->refs++;
	return t;
}

void
files_put(struct fd_table *t)
{
	if (--t->refs > 0)
		return;
	fd_table_close_all(t);       /* pipes see EOF / EPIPE now */
	kfree(t);
}
