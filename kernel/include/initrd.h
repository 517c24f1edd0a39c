/*
 * initrd.h - the initial RAM disk as a read-only tree of files, built from
 * the cpio archive the boot loader loaded as the first module. File data is
 * not copied: nodes point into the archive in memory.
 */
#ifndef INITRD_H
#define INITRD_H

#include <stddef.h>
#include <stdint.h>

#define INITRD_NAME_MAX 255

struct initrd_node {
	char name[INITRD_NAME_MAX + 1];
	uint32_t mode;                   /* S_IFDIR or S_IFREG, plus permissions */
	const uint8_t *data;
	size_t size;
	struct initrd_node *parent;
	struct initrd_node *children;    /* first child (directories) */
	struct initrd_node *next;        /* next sibling */
};

/* Build the tree; returns 0 or -1 with *error set. Prints a note per skipped member. */
int initrd_load(const uint8_t *archive, size_t size, const char **error);
struct initrd_node *initrd_root(void);
/* Look up an absolute path; NULL if missing. */
struct initrd_node *initrd_lookup(const char *path);
size_t initrd_file_count(void);

#endif
