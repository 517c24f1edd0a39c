/*
 * initrd.c - turn the cpio archive into a directory tree (see initrd.h).
 *
 * Names are accepted with or without a leading "./" or "/" (what
 * `find . | cpio -o -H newc` and `cd dir && find bin | cpio ...` produce);
 * parent directories that the archive does not list are created on the way;
 * member types we do not support yet (symlinks, device nodes, fifos) are
 * skipped with a one-line note.
 */
#include <stdbool.h>

#include "cpio.h"
#include "initrd.h"
#include "kheap.h"
#include "printk.h"
#include "string.h"
#include "uapi/errno.h"

static struct initrd_node *root;
static size_t file_count;
static uint64_t next_ino = 1;

struct initrd_node *
initrd_find_child(struct initrd_node *dir, const char *name, size_t len)
{
	for (struct initrd_node *c = dir->children; c != NULL; c = c->next)
		if (strncmp(c->name, name, len) == 0 && c->name[len] == '\0')
			return c;
	return NULL;
}

/* A node named name[0..len), linked under parent (if not NULL). */
struct initrd_node *
initrd_new_node(struct initrd_node *parent, const char *name, size_t len, uint32_t mode)
{
	struct initrd_node *n = kzalloc(sizeof *n);

	if (n == NULL || len > INITRD_NAME_MAX) {
		kfree(n);
		return NULL;
	}
	memcpy(n->name, name, len);
	n->name[len] = '\0';
	n->mode = mode;
	n->ino = next_ino++;
	n->parent = parent;
	if (parent != NULL) {
		n->next = parent->children;
		parent->children = n;
	}
	return n;
}

/* Skip "./" and "/" prefixes: "./bin/init", "/bin/init" and "bin/init" are one file. */
static const char *
strip_prefix(const char *name)
{
	for (;;) {
		if (name[0] == '.' && name[1] == '/')
			name += 2;
		else if (name[0] == '/')
			name++;
		else
			return name;
	}
}

/* Walk (creating directories as needed) to the node for path, of the given mode. */
static struct initrd_node *
make_path(const char *path, uint32_t mode)
{
	struct initrd_node *dir = root;

	while (*path != '\0') {
		const char *slash = strchr(path, '/');
		size_t len = slash ? (size_t)(slash - path) : strlen(path);
		bool last = slash == NULL || slash[1] == '\0';
		if (len > INITRD_NAME_MAX)
			return NULL;
		struct initrd_node *n = len ? initrd_find_child(dir, path, len) : dir;
		if (n == NULL)
			n = initrd_new_node(dir, path, len, last ? mode : (S_IFDIR | 0755));
		if (n == NULL || (!last && (n->mode & S_IFMT) != S_IFDIR))
			return NULL;
		if (last)
			return n;
		dir = n;
		path = slash + 1;
	}
	return dir;
}

static int
add_entry(const struct cpio_entry *e, const char **error)
{
	uint32_t type = e->mode & S_IFMT;
	const char *path = strip_prefix(e->name);

	if (path[0] == '\0' || strcmp(path, ".") == 0)
		return 0;                /* the archive's root directory itself */
	if (type != S_IFDIR && type != S_IFREG) {
		printk("initrd: skipping %s (type %o not supported yet)\n", e->name, type);
		return 0;
	}
	struct initrd_node *n = make_path(path, e->mode);
	if (n == NULL) {
		*error = "cannot place a member (out of memory, name too long, or a file used as a directory)";
		return -1;
	}
	n->mode = e->mode;
	n->data = e->data;
	n->size = e->size;
	if (type == S_IFREG)
		file_count++;
	return 0;
}

int
initrd_load(const uint8_t *archive, size_t size, const char **error)
{
	struct cpio_entry e;
	size_t offset = 0;
	int r;

	root = initrd_new_node(NULL, "", 0, S_IFDIR | 0755);
	if (root == NULL) {
		*error = "out of memory";
		return -1;
	}
	while ((r = cpio_next(archive, size, &offset, &e, error)) > 0)
		if (add_entry(&e, error) < 0)
			return -1;
	return r;                    /* 0: reached the trailer; -1: malformed */
}

struct initrd_node *
initrd_root(void)
{
	return root;
}

size_t
initrd_file_count(void)
{
	return file_count;
}

struct initrd_node *
initrd_lookup(const char *path)
{
	struct initrd_node *n;

	if (path[0] != '/' || initrd_resolve(root, path, &n) < 0)
		return NULL;
	return n;
}

/*
 * Dynamic nodes (/proc/<pid>, /proc/<pid>/status) are reference-counted:
 * an open directory, a walk in progress and a child each hold one.
 */
struct initrd_node *
initrd_get(struct initrd_node *n)
{
	if (n != NULL && n->dynamic)
		n->refs++;
	return n;
}

void
initrd_put(struct initrd_node *n)
{
	while (n != NULL && n->dynamic && --n->refs == 0) {
		struct initrd_node *parent = n->parent;
		kfree(n);
		n = parent;              /* the child's reference to its parent goes too */
	}
}

struct initrd_node *
initrd_new_dynamic(struct initrd_node *parent, const char *name, uint32_t mode, uint64_t ino)
{
	struct initrd_node *n = initrd_new_node(NULL, name, strlen(name), mode);

	if (n == NULL)
		return NULL;
	n->parent = initrd_get(parent);  /* for "..", but not in parent's list of children */
	n->dynamic = true;
	n->refs = 1;
	n->ino = ino;
	return n;
}

/* One step of a walk: the entry name[0..len) of directory dir. */
static int
walk_step(struct initrd_node *dir, const char *name, size_t len, struct initrd_node **out)
{
	*out = NULL;
	if ((dir->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	if (len > INITRD_NAME_MAX)
		return -ENAMETOOLONG;
	if (len == 1 && name[0] == '.')
		*out = dir;
	else if (len == 2 && name[0] == '.' && name[1] == '.')
		*out = dir->parent ? dir->parent : dir;     /* ".." of / is / */
	else if (dir->lookup_child != NULL)
		*out = dir->lookup_child(dir, name, len);
	else
		*out = initrd_find_child(dir, name, len);
	return *out == NULL ? -ENOENT : 0;
}

#define MAX_SYMLINK_DEPTH 8      /* links inside links; more is a loop (-ELOOP) */

static int resolve(struct initrd_node *start, const char *path, struct initrd_node **out,
		   bool follow_last, int depth);

/* A symbolic link's target (kernel-made: /proc/<pid>/exe): its length, or -errno. */
long
initrd_readlink(const struct initrd_node *n, char *buf, size_t size)
{
	if ((n->mode & S_IFMT) != S_IFLNK || n->link_target == NULL)
		return -EINVAL;
	return n->link_target(n->gen_arg, buf, size);
}

/* Replace *link, found in dir, by what it points to (as the walk would find it). */
static int
follow_link(struct initrd_node *dir, struct initrd_node **link, int depth)
{
	char target[256];
	long len = initrd_readlink(*link, target, sizeof target - 1);

	initrd_put(*link);
	*link = NULL;
	if (depth >= MAX_SYMLINK_DEPTH)
		return -ELOOP;
	if (len < 0)
		return (int)len;
	target[len] = '\0';
	return resolve(dir, target, link, true, depth + 1);
}

int
initrd_resolve(struct initrd_node *start, const char *path, struct initrd_node **out)
{
	return resolve(start, path, out, true, 0);
}

/* lstat, readlink: a symbolic link as the last component is the answer itself. */
int
initrd_resolve_nofollow(struct initrd_node *start, const char *path, struct initrd_node **out)
{
	return resolve(start, path, out, false, 0);
}

static int
resolve(struct initrd_node *start, const char *path, struct initrd_node **out, bool follow_last,
	int depth)
{
	struct initrd_node *n = path[0] == '/' || start == NULL ? root : start;

	if (n == NULL || path[0] == '\0')
		return -ENOENT;          /* "" is not a name (Linux: ENOENT) */
	initrd_get(n);                   /* the walk's own reference, never the caller's */
	while (*path != '\0') {
		while (*path == '/')
			path++;
		if (*path == '\0') {
			/* A trailing '/' insists on a directory. */
			if ((n->mode & S_IFMT) != S_IFDIR) {
				initrd_put(n);
				return -ENOTDIR;
			}
			break;
		}
		const char *slash = strchr(path, '/');
		size_t len = slash ? (size_t)(slash - path) : strlen(path);
		struct initrd_node *next = NULL;
		int err = walk_step(n, path, len, &next);
		if (next != NULL && !next->dynamic)
			;                /* the static tree needs no references */
		else if (next != NULL && (next == n || next == n->parent))
			initrd_get(next);    /* "." and "..": an existing node, one more reference */
		/* A symbolic link: go where it points - unless it is the last
		 * component and the caller wants the link itself. */
		bool last = path[len] == '\0';      /* "link/" follows, as Linux does */
		if (!err && (next->mode & S_IFMT) == S_IFLNK && (!last || follow_last))
			err = follow_link(n, &next, depth);
		initrd_put(n);
		if (err)
			return err;
		n = next;
		path += len;
	}
	*out = n;
	return 0;
}

size_t
initrd_node_path(const struct initrd_node *n, char *buf, size_t size)
{
	if (n == NULL || n->parent == NULL) {
		if (size >= 2)
			memcpy(buf, "/", 2);
		return 1;
	}
	size_t len = n->parent->parent == NULL ? 0 : initrd_node_path(n->parent, buf, size);
	size_t name = strlen(n->name);
	if (len + 1 + name + 1 <= size) {
		buf[len] = '/';
		memcpy(buf + len + 1, n->name, name + 1);
	}
	return len + 1 + name;
}

/* Add a kernel-made node, creating parent directories as needed. */
struct initrd_node *
initrd_add(const char *path, uint32_t mode)
{
	return make_path(strip_prefix(path), mode);
}
