/*
 * file.h - open files and file descriptors.
 *
 *   process                 open file (struct file)          the object
 *   fds[0] ----------.      +-------------------+
 *   fds[1] ---------->----> | ops  (what it is) | ----> initrd node, pipe,
 *   fds[2] ----------'      | refs, flags,      |       tty, /proc text ...
 *                           | offset            |
 *                           +-------------------+
 *
 * dup() and fork() make more descriptors point at the same open file (and
 * share its offset, as on Linux); the file goes away when the last one is
 * closed. Each kind of file supplies its operations in a struct file_ops;
 * NULL means "not supported" and the system call returns Linux's error.
 */
#ifndef FILE_H
#define FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uapi/fcntl.h"

#define MAX_FDS 64               /* open() fails with -EMFILE beyond this */

struct file;
struct initrd_node;
struct wait_queue;

struct file_ops {
	long (*read)(struct file *f, uint64_t ubuf, size_t n);
	long (*write)(struct file *f, uint64_t ubuf, size_t n);
	long (*ioctl)(struct file *f, unsigned cmd, uint64_t arg);
	long (*getdents)(struct file *f, uint64_t ubuf, size_t n);
	void (*stat)(struct file *f, struct stat *st);
	unsigned (*poll)(struct file *f);           /* EPOLLIN/EPOLLOUT/... now */
	struct wait_queue *(*wait_queue)(struct file *f);   /* woken on readiness changes */
	void (*release)(struct file *f);
	bool seekable;
};

struct file {
	const struct file_ops *ops;
	int refs;
	int flags;                   /* O_ACCMODE bits, O_NONBLOCK, O_APPEND */
	uint64_t offset;
	struct initrd_node *node;    /* for files of the initrd tree */
	void *priv;                  /* pipe, tty, generated text, ... */
	struct epitem *epitems;      /* epoll instances watching this file */
};

struct fd_table {
	int refs;                    /* threads sharing it (CLONE_FILES); freed at 0 */
	int limit;                   /* RLIMIT_NOFILE: no descriptor at or above it (<= MAX_FDS) */
	struct file *files[MAX_FDS];
	uint64_t cloexec;            /* bit n: close fd n on execve */
};

struct file *file_alloc(const struct file_ops *ops, int flags);
struct file *file_get(struct file *f);       /* one more reference */
void file_put(struct file *f);               /* drop one; release at zero */

/* Descriptor operations on a table: -EBADF / -EMFILE as Linux. */
struct file *fd_lookup(struct fd_table *t, int fd);
int fd_install(struct fd_table *t, struct file *f, int min_fd, bool cloexec);
int fd_close(struct fd_table *t, int fd);
void fd_table_copy(struct fd_table *dst, const struct fd_table *src);   /* fork */
void fd_table_close_all(struct fd_table *t);                           /* exit */
void fd_table_close_on_exec(struct fd_table *t);                       /* execve */

/* A table of a process's own, reference counted (clone shares it with CLONE_FILES). */
struct fd_table *files_new(void);                             /* empty, refs = 1, or NULL */
struct fd_table *files_copy(const struct fd_table *src);      /* fork, or NULL */
struct fd_table *files_get(struct fd_table *t);
void files_put(struct fd_table *t);                           /* the last closes all */

int pipe_create(int flags, struct file **rd, struct file **wr);   /* fs/pipe.c */

bool file_readable(const struct file *f);
bool file_writable(const struct file *f);

#endif
