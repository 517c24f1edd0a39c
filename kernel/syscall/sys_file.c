/*
 * sys_file.c - the file system calls: open, read, write, close, and
 * everything around descriptors and names. The file tree is read-only
 * (the initrd), so every way of writing to it fails with -EROFS.
 */
#include "cpu.h"
#include "kheap.h"
#include "proc.h"
#include "string.h"
#include "syscall.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "vfs.h"

#define PATH_MAX 4096
#define MAX_RW_COUNT 0x7ffff000L     /* Linux caps one read/write at this */

static struct fd_table *
my_fds(void)
{
	return current_proc()->files;
}

static struct file *
get_file(int fd)
{
	return fd_lookup(my_fds(), fd);
}

/* Copy a path from user memory into a kernel buffer (freed by the caller). */
static long
get_path(uint64_t upath, char **out)
{
	char *buf = kmalloc(KMALLOC_MAX - 16);
	if (buf == NULL)
		return -ENOMEM;
	long n = strncpy_from_user(buf, upath, KMALLOC_MAX - 16);
	if (n < 0) {
		kfree(buf);
		return n;
	}
	*out = buf;
	return 0;
}

/* The directory a relative path starts from: the cwd, or (openat) a directory fd. */
static long
start_dir(int dirfd, const char *path, struct initrd_node **dir)
{
	*dir = current_proc()->fs->cwd;
	if (path[0] == '/' || dirfd == AT_FDCWD)
		return 0;
	struct file *f = get_file(dirfd);
	if (f == NULL)
		return -EBADF;
	if (f->node == NULL || (f->node->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	*dir = f->node;
	return 0;
}

/* Resolve a user path relative to dirfd (following a final symbolic link, or not). */
static long
lookup_path(int dirfd, uint64_t upath, struct initrd_node **node, bool follow)
{
	char *path;
	struct initrd_node *dir;
	long err = get_path(upath, &path);

	if (err)
		return err;
	err = start_dir(dirfd, path, &dir);
	if (!err)
		err = follow ? initrd_resolve(dir, path, node) : initrd_resolve_nofollow(dir, path, node);
	kfree(path);
	return err;
}

long
sys_openat(int dirfd, uint64_t upath, int flags, int mode)
{
	struct initrd_node *n;
	struct file *f;

	(void)mode;
	long err = lookup_path(dirfd, upath, &n, true);
	if (err == -ENOENT && (flags & O_CREAT))
		return -EROFS;               /* cannot create files in a read-only tree */
	if (err)
		return err;
	uint32_t type = n->mode & S_IFMT;
	if ((flags & O_DIRECTORY) && type != S_IFDIR)
		err = -ENOTDIR;
	else if (type == S_IFDIR && (flags & O_ACCMODE) != O_RDONLY)
		err = -EISDIR;
	else if ((flags & O_CREAT) && (flags & O_EXCL))
		err = -EEXIST;
	else if (n->control != NULL && (flags & O_ACCMODE) == O_RDONLY)
		err = -EACCES;               /* a control file is only written to */
	else if ((type == S_IFREG || type == S_IFDIR) && n->control == NULL &&
		 ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)))
		err = -EROFS;                /* initrd files and /proc are read-only */
	if (err) {
		initrd_put(n);
		return err;
	}
	if ((err = vfs_open_node(n, flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC), &f)) < 0)
		return err;
	int fd = fd_install(my_fds(), f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

long
sys_open(uint64_t upath, int flags, int mode)
{
	return sys_openat(AT_FDCWD, upath, flags, mode);
}

long
sys_close(int fd)
{
	return fd_close(my_fds(), fd);
}

long
sys_read(int fd, uint64_t buf, size_t count)
{
	struct file *f = get_file(fd);

	if (f == NULL || !file_readable(f))
		return -EBADF;
	if (f->ops->read == NULL)
		return -EINVAL;
	return f->ops->read(f, buf, count > MAX_RW_COUNT ? MAX_RW_COUNT : count);
}

long
sys_write(int fd, uint64_t buf, size_t count)
{
	struct file *f = get_file(fd);

	if (f == NULL || !file_writable(f))
		return -EBADF;
	if (f->ops->write == NULL)
		return -EINVAL;
	return f->ops->write(f, buf, count > MAX_RW_COUNT ? MAX_RW_COUNT : count);
}

/* pread64: read at an offset without moving the file offset. */
long
sys_pread64(int fd, uint64_t buf, size_t count, int64_t offset)
{
	struct file *f = get_file(fd);

	if (f == NULL || !file_readable(f))
		return -EBADF;
	if (!f->ops->seekable)
		return -ESPIPE;
	if (offset < 0)
		return -EINVAL;
	uint64_t saved = f->offset;
	f->offset = (uint64_t)offset;
	long r = f->ops->read(f, buf, count > MAX_RW_COUNT ? MAX_RW_COUNT : count);
	f->offset = saved;
	return r;
}

/* readv/writev: one read or write per buffer, stopping at a short transfer. */
static long
vector_io(int fd, uint64_t uiov, int iovcnt, bool writing)
{
	struct iovec iov;
	long total = 0;

	if (iovcnt < 0 || iovcnt > IOV_MAX)
		return -EINVAL;
	for (int i = 0; i < iovcnt; i++) {
		if (copy_from_user(&iov, uiov + (uint64_t)i * sizeof iov, sizeof iov) < 0)
			return total > 0 ? total : -EFAULT;
		if (iov.iov_len == 0)
			continue;
		long r = writing ? sys_write(fd, iov.iov_base, iov.iov_len)
				 : sys_read(fd, iov.iov_base, iov.iov_len);
		if (r < 0)
			return total > 0 ? total : r;
		total += r;
		if ((uint64_t)r < iov.iov_len)
			break;
	}
	return total;
}

long sys_readv(int fd, uint64_t iov, int iovcnt) { return vector_io(fd, iov, iovcnt, false); }
long sys_writev(int fd, uint64_t iov, int iovcnt) { return vector_io(fd, iov, iovcnt, true); }

long
sys_lseek(int fd, int64_t offset, int whence)
{
	struct file *f = get_file(fd);
	struct stat st;
	int64_t base;

	if (f == NULL)
		return -EBADF;
	if (!f->ops->seekable)
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)f->offset; break;
	case SEEK_END:
		f->ops->stat(f, &st);
		base = st.st_size;
		break;
	default: return -EINVAL;
	}
	/* The new position must be a file offset: not negative, and no signed
	 * overflow on the way (which C leaves undefined): -EINVAL, as Linux. */
	int64_t pos;
	if (__builtin_add_overflow(base, offset, &pos) || pos < 0)
		return -EINVAL;
	f->offset = (uint64_t)pos;
	return (long)f->offset;
}

long
sys_fstat(int fd, uint64_t ustat)
{
	struct file *f = get_file(fd);
	struct stat st;

	if (f == NULL)
		return -EBADF;
	if (f->ops->stat != NULL)
		f->ops->stat(f, &st);
	else
		memset(&st, 0, sizeof st);
	return copy_to_user(ustat, &st, sizeof st);
}

long
sys_newfstatat(int dirfd, uint64_t upath, uint64_t ustat, int flags)
{
	struct initrd_node *n;
	struct stat st;
	char first;

	if (flags & AT_EMPTY_PATH) {
		if (copy_from_user(&first, upath, 1) < 0)
			return -EFAULT;
		if (first == '\0')
			return sys_fstat(dirfd, ustat);
	}
	long err = lookup_path(dirfd, upath, &n, !(flags & AT_SYMLINK_NOFOLLOW));
	if (err)
		return err;
	vfs_stat_node(n, &st);
	initrd_put(n);
	return copy_to_user(ustat, &st, sizeof st);
}

/* lstat: a symbolic link itself (the only ones: /proc/<pid>/exe). */
long sys_stat(uint64_t path, uint64_t st) { return sys_newfstatat(AT_FDCWD, path, st, 0); }
long
sys_lstat(uint64_t path, uint64_t st)
{
	return sys_newfstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

/* readlink: a symbolic link's target, without a NUL, cut to size. -EINVAL if no link. */
long
sys_readlinkat(int dirfd, uint64_t upath, uint64_t ubuf, int size)
{
	struct initrd_node *n;
	char target[256];

	if (size <= 0)
		return -EINVAL;
	long err = lookup_path(dirfd, upath, &n, false);
	if (err)
		return err;
	long len = initrd_readlink(n, target, sizeof target);
	initrd_put(n);
	if (len < 0)
		return len;
	if (len > size)
		len = size;
	return copy_to_user(ubuf, target, (size_t)len) < 0 ? -EFAULT : len;
}

long
sys_readlink(uint64_t upath, uint64_t ubuf, int size)
{
	return sys_readlinkat(AT_FDCWD, upath, ubuf, size);
}

long
sys_getdents64(int fd, uint64_t ubuf, size_t count)
{
	struct file *f = get_file(fd);

	if (f == NULL)
		return -EBADF;
	if (f->ops->getdents == NULL)
		return -ENOTDIR;
	return f->ops->getdents(f, ubuf, count);
}

long
sys_dup(int oldfd)
{
	struct file *f = get_file(oldfd);
	if (f == NULL)
		return -EBADF;
	int fd = fd_install(my_fds(), file_get(f), 0, false);
	if (fd < 0)
		file_put(f);
	return fd;
}

long
sys_dup3(int oldfd, int newfd, int flags)
{
	struct fd_table *t = my_fds();
	struct file *f = get_file(oldfd);

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (f == NULL || newfd < 0 || newfd >= t->limit)
		return -EBADF;           /* past RLIMIT_NOFILE, as on Linux */
	if (oldfd == newfd)
		return -EINVAL;
	file_get(f);
	if (t->files[newfd] != NULL)
		fd_close(t, newfd);          /* silently, as dup2 does */
	return fd_install(t, f, newfd, flags & O_CLOEXEC);
}

long
sys_dup2(int oldfd, int newfd)
{
	if (oldfd == newfd)
		return get_file(oldfd) ? newfd : -EBADF;
	return sys_dup3(oldfd, newfd, 0);
}

#define SETTABLE_FLAGS (O_APPEND | O_NONBLOCK)

long
sys_fcntl(int fd, int cmd, uint64_t arg)
{
	struct fd_table *t = my_fds();
	struct file *f = get_file(fd);

	if (f == NULL)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC: {
		if ((int64_t)arg < 0 || arg >= (uint64_t)t->limit)
			return -EINVAL;  /* past RLIMIT_NOFILE, as on Linux */
		int nfd = fd_install(t, file_get(f), (int)arg, cmd == F_DUPFD_CLOEXEC);
		if (nfd < 0)
			file_put(f);
		return nfd;
	}
	case F_GETFD:
		return (t->cloexec >> fd) & 1 ? FD_CLOEXEC : 0;
	case F_SETFD:
		if (arg & FD_CLOEXEC)
			t->cloexec |= 1UL << fd;
		else
			t->cloexec &= ~(1UL << fd);
		return 0;
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		f->flags = (f->flags & ~SETTABLE_FLAGS) | ((int)arg & SETTABLE_FLAGS);
		return 0;
	default:
		return -EINVAL;
	}
}

long
sys_ioctl(int fd, unsigned cmd, uint64_t arg)
{
	struct file *f = get_file(fd);

	if (f == NULL)
		return -EBADF;
	if (f->ops->ioctl == NULL)
		return -ENOTTY;              /* not a terminal (or any device) */
	return f->ops->ioctl(f, cmd, arg);
}

long
sys_pipe2(uint64_t ufds, int flags)
{
	struct fd_table *t = my_fds();
	struct file *rd, *wr;
	int fds[2];

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if (pipe_create(flags, &rd, &wr) < 0)
		return -ENOMEM;
	fds[0] = fd_install(t, rd, 0, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? -EMFILE : fd_install(t, wr, 0, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			fd_close(t, fds[0]);
		else
			file_put(rd);
		file_put(wr);
		return -EMFILE;
	}
	if (copy_to_user(ufds, fds, sizeof fds) < 0) {
		fd_close(t, fds[0]);
		fd_close(t, fds[1]);
		return -EFAULT;
	}
	return 0;
}

long
sys_pipe(uint64_t ufds)
{
	return sys_pipe2(ufds, 0);
}

long
sys_access(uint64_t upath, int mode)
{
	struct initrd_node *n;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	long err = lookup_path(AT_FDCWD, upath, &n, true);
	if (err)
		return err;
	uint32_t type = n->mode & S_IFMT;
	initrd_put(n);
	if ((mode & W_OK) && (type == S_IFREG || type == S_IFDIR))
		return -EROFS;
	return 0;                        /* root may read and execute anything */
}

long
sys_getcwd(uint64_t ubuf, size_t size)
{
	char path[512];
	size_t len = initrd_node_path(current_proc()->fs->cwd, path, sizeof path);

	if (len + 1 > sizeof path)
		return -ENAMETOOLONG;
	if (len + 1 > size)
		return -ERANGE;
	if (copy_to_user(ubuf, path, len + 1) < 0)
		return -EFAULT;
	return (long)(len + 1);          /* the kernel returns the length with the NUL */
}

long
sys_chdir(uint64_t upath)
{
	struct initrd_node *n;
	long err = lookup_path(AT_FDCWD, upath, &n, true);

	if (err)
		return err;
	if ((n->mode & S_IFMT) != S_IFDIR) {
		initrd_put(n);
		return -ENOTDIR;
	}
	if (n->dynamic) {                /* /proc/<pid> comes and goes */
		initrd_put(n);
		return -EACCES;
	}
	current_proc()->fs->cwd = n;
	return 0;
}
