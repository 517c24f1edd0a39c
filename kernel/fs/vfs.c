/*
 * vfs.c - open a node of the file tree: choose the file_ops for what it is.
 *
 *   regular file  -> read from the initrd's bytes (read-only: -EBADF/-EROFS on write)
 *   directory     -> getdents64; read() is -EISDIR
 *   /dev/null     -> reads end at once, writes vanish
 *   /dev/zero     -> reads return zeros
 *   /dev/console  -> the tty (dev/tty.c)
 *   /proc file    -> text generated at open, then read like a regular file
 */
#include "kheap.h"
#include "memlayout.h"
#include "pmm.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "vfs.h"

void
vfs_stat_node(const struct initrd_node *n, struct stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_dev = 1;
	st->st_ino = n->ino;
	st->st_nlink = (n->mode & S_IFMT) == S_IFDIR ? 2 : 1;
	st->st_mode = n->mode;
	st->st_rdev = n->rdev;
	st->st_size = (int64_t)n->size;
	st->st_blksize = 4096;
	st->st_blocks = (int64_t)((n->size + 511) / 512);
}

static void
node_stat(struct file *f, struct stat *st)
{
	vfs_stat_node(f->node, st);
}

/* Read from an in-memory byte array at the file offset (initrd files, /proc text). */
static long
memory_read(struct file *f, const uint8_t *data, size_t size, uint64_t ubuf, size_t n)
{
	if (f->offset >= size)
		return 0;                /* end of file */
	if (n > size - f->offset)
		n = size - f->offset;
	if (copy_to_user(ubuf, data + f->offset, n) < 0)
		return -EFAULT;
	f->offset += n;
	return (long)n;
}

static long
regular_read(struct file *f, uint64_t ubuf, size_t n)
{
	return memory_read(f, f->node->data, f->node->size, ubuf, n);
}

static const struct file_ops regular_ops = {
	.read = regular_read, .stat = node_stat, .seekable = true,
};

/* ------------------------------------------------------------------ directories */

/*
 * getdents64: one struct linux_dirent64 per entry, each padded to 8 bytes,
 * as many as fit; the file offset counts entries already returned
 * (". " and ".." first).
 */
long
dir_put_dirent(uint64_t ubuf, size_t room, uint64_t ino, int64_t off, uint8_t type, const char *name)
{
	size_t namelen = strlen(name);
	size_t reclen = (sizeof(struct linux_dirent64) + namelen + 1 + 7) & ~7UL;
	uint8_t rec[sizeof(struct linux_dirent64) + INITRD_NAME_MAX + 8] = { 0 };
	struct linux_dirent64 *d = (void *)rec;

	if (reclen > room)
		return 0;
	d->d_ino = ino;
	d->d_off = off;
	d->d_reclen = (uint16_t)reclen;
	d->d_type = type;
	memcpy(d->d_name, name, namelen + 1);
	return copy_to_user(ubuf, rec, reclen) < 0 ? -EFAULT : (long)reclen;
}

static uint8_t
dirent_type(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return DT_DIR;
	case S_IFCHR: return DT_CHR;
	case S_IFREG: return DT_REG;
	default: return DT_UNKNOWN;
	}
}

/* The index-th entry of dir (0 = ".", 1 = ".."), or NULL past the end. */
static const char *
dir_entry(struct initrd_node *dir, uint64_t index, uint64_t *ino, uint8_t *type)
{
	if (index < 2) {
		*ino = index == 0 || dir->parent == NULL ? dir->ino : dir->parent->ino;
		*type = DT_DIR;
		return index == 0 ? "." : "..";
	}
	struct initrd_node *c = dir->children;
	for (uint64_t i = 2; c != NULL && i < index; i++)
		c = c->next;
	if (c == NULL)
		return NULL;
	*ino = c->ino;
	*type = dirent_type(c->mode);
	return c->name;
}

static long
dir_getdents(struct file *f, uint64_t ubuf, size_t n)
{
	size_t used = 0;
	uint64_t ino;
	uint8_t type;
	const char *name;

	if (f->node->lookup_child != NULL)
		return procfs_getdents(f, ubuf, n);
	while ((name = dir_entry(f->node, f->offset, &ino, &type)) != NULL) {
		long r = dir_put_dirent(ubuf + used, n - used, ino, (int64_t)f->offset + 1, type, name);
		if (r < 0)
			return r;
		if (r == 0)
			return used > 0 ? (long)used : -EINVAL;   /* buffer too small for one */
		used += (size_t)r;
		f->offset++;
	}
	return (long)used;
}

static long
dir_read(struct file *f, uint64_t ubuf, size_t n)
{
	(void)f, (void)ubuf, (void)n;
	return -EISDIR;
}

/* A directory made on demand (/proc/<pid>) belongs to the open file. */
static void
dir_release(struct file *f)
{
	initrd_put(f->node);
}

static const struct file_ops dir_ops = {
	.read = dir_read, .getdents = dir_getdents, .stat = node_stat, .release = dir_release,
	.seekable = true,
};

/* ------------------------------------------------------------------ /dev/null, /dev/zero */

static long null_read(struct file *f, uint64_t u, size_t n) { (void)f, (void)u, (void)n; return 0; }
static long null_write(struct file *f, uint64_t u, size_t n) { (void)f, (void)u; return (long)n; }

static long
zero_read(struct file *f, uint64_t ubuf, size_t n)
{
	static const uint8_t zeros[256];
	size_t done = 0;

	(void)f;
	while (done < n) {
		size_t chunk = n - done < sizeof zeros ? n - done : sizeof zeros;
		if (copy_to_user(ubuf + done, zeros, chunk) < 0)
			return done > 0 ? (long)done : -EFAULT;
		done += chunk;
	}
	return (long)n;
}

static const struct file_ops null_ops = {
	.read = null_read, .write = null_write, .stat = node_stat, .seekable = true,
};
static const struct file_ops zero_ops = {
	.read = zero_read, .write = null_write, .stat = node_stat, .seekable = true,
};

/* ------------------------------------------------------------------ generated files */

struct generated {
	char *text;
	size_t size;
};

#define GENERATED_MAX 4096

static long
generated_read(struct file *f, uint64_t ubuf, size_t n)
{
	struct generated *g = f->priv;
	return memory_read(f, (const uint8_t *)g->text, g->size, ubuf, n);
}

static void
generated_stat(struct file *f, struct stat *st)
{
	struct generated *g = f->priv;
	memset(st, 0, sizeof *st);
	st->st_dev = 2;
	st->st_mode = S_IFREG | 0444;
	st->st_nlink = 1;
	st->st_size = 0;             /* like /proc on Linux: size unknown until read */
	st->st_blksize = 4096;
	(void)g;
}

static void
generated_release(struct file *f)
{
	struct generated *g = f->priv;
	pmm_free(virt_to_phys(g->text));
	kfree(g);
}

static const struct file_ops generated_ops = {
	.read = generated_read, .stat = generated_stat, .release = generated_release,
	.seekable = true,
};

/* The text is made once, at open: a reader sees one consistent snapshot. */
static int
open_generated(struct initrd_node *n, int flags, struct file **out)
{
	struct generated *g = kzalloc(sizeof *g);
	uint64_t page = pmm_alloc();

	if (g == NULL || page == 0)
		goto out_nomem;
	g->text = phys_to_virt(page);
	long len = n->generate(n->gen_arg, g->text, GENERATED_MAX);
	if (len < 0) {
		pmm_free(page);
		kfree(g);
		return (int)len;         /* e.g. the process is gone: -ENOENT */
	}
	g->size = (size_t)len < GENERATED_MAX ? (size_t)len : GENERATED_MAX;
	*out = file_alloc(&generated_ops, flags);
	if (*out == NULL)
		goto out_nomem;
	(*out)->priv = g;
	return 0;
out_nomem:
	if (page)
		pmm_free(page);
	kfree(g);
	return -ENOMEM;
}

/* ------------------------------------------------------------------ control files */

struct control {
	int (*fn)(int arg, const char *text, size_t len);
	int arg;
};

/* One write = one command: the whole text goes to the node's control function. */
static long
control_write(struct file *f, uint64_t ubuf, size_t n)
{
	struct control *c = f->priv;
	char text[256];

	if (n >= sizeof text)
		return -EINVAL;
	if (copy_from_user(text, ubuf, n) < 0)
		return -EFAULT;
	text[n] = '\0';
	int err = c->fn(c->arg, text, n);
	return err < 0 ? err : (long)n;
}

static void
control_release(struct file *f)
{
	kfree(f->priv);
}

static void
control_stat(struct file *f, struct stat *st)
{
	(void)f;
	memset(st, 0, sizeof *st);
	st->st_mode = S_IFREG | 0200;
	st->st_nlink = 1;
}

static const struct file_ops control_ops = {
	.write = control_write, .stat = control_stat, .release = control_release,
};

static int
open_control(struct initrd_node *n, int flags, struct file **out)
{
	struct control *c = kzalloc(sizeof *c);

	*out = c ? file_alloc(&control_ops, flags) : NULL;
	if (*out == NULL) {
		kfree(c);
		return -ENOMEM;
	}
	c->fn = n->control;
	c->arg = n->gen_arg;
	(*out)->priv = c;
	return 0;
}

/* ------------------------------------------------------------------ open */

static const struct file_ops *
device_ops(uint32_t rdev)
{
	switch (rdev) {
	case DEV_NULL: return &null_ops;
	case DEV_ZERO: return &zero_ops;
	case DEV_CONSOLE: return &tty_ops;
	case DEV_TTY: return tty_is_controlling() ? &tty_ops : NULL;   /* none: -ENXIO */
	default: return NULL;
	}
}

/*
 * Open n. A dynamic node (made by a /proc lookup) is owned from here on:
 * kept by the open file (a directory) or freed (everything else).
 */
int
vfs_open_node(struct initrd_node *n, int flags, struct file **out)
{
	const struct file_ops *ops;
	uint32_t type = n->mode & S_IFMT;

	if (n->generate != NULL || n->control != NULL) {
		int err = n->generate ? open_generated(n, flags, out) : open_control(n, flags, out);
		initrd_put(n);
		return err;
	}
	if (type == S_IFDIR)
		ops = &dir_ops;
	else if (type == S_IFCHR)
		ops = device_ops(n->rdev);
	else
		ops = &regular_ops;
	*out = ops ? file_alloc(ops, flags) : NULL;
	if (*out == NULL) {
		initrd_put(n);
		return ops ? -ENOMEM : -ENXIO;
	}
	(*out)->node = n;
	return 0;
}

/* A new open file on the console, for init's stdin, stdout and stderr. */
struct file *
console_open(int flags)
{
	struct file *f = file_alloc(&tty_ops, flags);

	if (f != NULL)
		f->node = initrd_lookup("/dev/console");
	return f;
}

static void
add_device(const char *path, uint32_t rdev, uint32_t perms)
{
	struct initrd_node *n = initrd_add(path, S_IFCHR | perms);
	if (n != NULL)
		n->rdev = rdev;
}

void
vfs_init(void)
{
	add_device("/dev/console", DEV_CONSOLE, 0620);
	add_device("/dev/tty", DEV_TTY, 0666);
	add_device("/dev/null", DEV_NULL, 0666);
	add_device("/dev/zero", DEV_ZERO, 0666);
	procfs_init();
	sysfs_init();
}
