/*
 * initrd.h - the file tree: the initial RAM disk (read-only, built from the
 * cpio archive the boot loader loaded as the first module; file data is
 * not copied, nodes point into the archive in memory), plus the device
 * nodes in /dev and the generated files in /proc that the kernel adds.
 */
#ifndef INITRD_H
#define INITRD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INITRD_NAME_MAX 255

struct initrd_node {
	char name[INITRD_NAME_MAX + 1];
	uint32_t mode;                   /* S_IFDIR, S_IFREG or S_IFCHR, plus permissions */
	uint64_t ino;                    /* inode number, for stat and getdents */
	const uint8_t *data;
	size_t size;
	struct initrd_node *parent;
	struct initrd_node *children;    /* first child (directories) */
	struct initrd_node *next;        /* next sibling */

	/* Kernel-made nodes. */
	uint32_t rdev;                   /* device number of an S_IFCHR node */
	/* A control file (/proc/<pid>/trace): what is written to it goes here. */
	int (*control)(int arg, const char *text, size_t len);
	/* A generated file (/proc): its text is made at open. */
	long (*generate)(int arg, char *buf, size_t size);
	/* A kernel-made symbolic link (/proc/<pid>/exe): its target, made when followed. */
	long (*link_target)(int arg, char *buf, size_t size);
	int gen_arg;
	/* A directory whose entries are made on demand (/proc): name -> new node. */
	struct initrd_node *(*lookup_child)(struct initrd_node *dir, const char *name, size_t len);
	bool dynamic;                    /* made by lookup_child: freed with initrd_put */
	int refs;                        /* of a dynamic node: freed when it drops to 0 */
};

/* Build the tree; returns 0 or -1 with *error set. Prints a note per skipped member. */
int initrd_load(const uint8_t *archive, size_t size, const char **error);
struct initrd_node *initrd_root(void);
/* Look up an absolute path; NULL if missing. */
struct initrd_node *initrd_lookup(const char *path);
size_t initrd_file_count(void);
/*
 * Resolve path (absolute, or relative to start) like Linux's namei:
 * 0 with *out, or -ENOENT, -ENOTDIR (a component is not a directory, or a
 * trailing '/' after a file), -ENAMETOOLONG. The caller's reference to
 * start is untouched; the result is the caller's own reference, to be
 * released with initrd_put (a no-op for the static tree).
 */
int initrd_resolve(struct initrd_node *start, const char *path, struct initrd_node **out);
/* The same, but a symbolic link as the last component is returned, not followed. */
int initrd_resolve_nofollow(struct initrd_node *start, const char *path, struct initrd_node **out);
/* A symbolic link's target, not NUL-terminated: its length, or -EINVAL if n is no link. */
long initrd_readlink(const struct initrd_node *n, char *buf, size_t size);
/* The absolute path of a node of the tree, built from its parents: its length. */
size_t initrd_node_path(const struct initrd_node *n, char *buf, size_t size);
void initrd_put(struct initrd_node *n);
struct initrd_node *initrd_get(struct initrd_node *n);   /* one more reference */
/* A node made on demand (by a lookup_child), holding a reference to a dynamic parent. */
struct initrd_node *initrd_new_dynamic(struct initrd_node *parent, const char *name,
				       uint32_t mode, uint64_t ino);
struct initrd_node *initrd_find_child(struct initrd_node *dir, const char *name, size_t len);
/* Add a kernel-made node (a device, a /proc entry) at an absolute path. */
struct initrd_node *initrd_add(const char *path, uint32_t mode);
struct initrd_node *initrd_new_node(struct initrd_node *parent, const char *name, size_t len,
				    uint32_t mode);

#endif
