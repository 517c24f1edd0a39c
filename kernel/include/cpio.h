/*
 * cpio.h - reading a "newc" cpio archive (`cpio -H newc`, the format of
 * Linux's initramfs). Each member is a 110-byte ASCII header, the name, and
 * the data, each padded to 4 bytes; the archive ends with "TRAILER!!!".
 *
 *   offset  size  field (8 hex digits each, after the 6-byte magic)
 *   0       6     magic "070701" (or "070702": same with checksums)
 *   6..     8x13  ino mode uid gid nlink mtime filesize devmajor devminor
 *                 rdevmajor rdevminor namesize check
 *   110     ...   name (namesize bytes incl. NUL), pad to 4, data, pad to 4
 */
#ifndef CPIO_H
#define CPIO_H

#include <stddef.h>
#include <stdint.h>

#define CPIO_HEADER_SIZE 110

#define S_IFMT   0170000
#define S_IFDIR  0040000
#define S_IFREG  0100000
#define S_IFLNK  0120000

struct cpio_entry {
	const char *name;        /* NUL-terminated, inside the archive */
	uint32_t mode;           /* type and permission bits */
	const uint8_t *data;
	size_t size;
};

/* Read the member at *offset: 1 = got one, 0 = end (trailer), -1 = malformed (*error says why). */
int cpio_next(const uint8_t *archive, size_t size, size_t *offset,
	      struct cpio_entry *entry, const char **error);

#endif
