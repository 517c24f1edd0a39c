/*
 * cpio_builder.h - write newc cpio archives in memory, for test_cpio.c and
 * test_initrd.c. Written independently of kernel/fs/cpio.c, from the
 * format (see cpio.h and `man 5 cpio`):
 *
 *   "070701", 13 fields of 8 hex digits (ino mode uid gid nlink mtime
 *   filesize devmajor devminor rdevmajor rdevminor namesize check),
 *   the name with its NUL, zero padding to a multiple of 4, the data,
 *   zero padding to a multiple of 4. The last member is "TRAILER!!!".
 */
#ifndef CPIO_BUILDER_H
#define CPIO_BUILDER_H

#include <stdio.h>

#include "host_test.h"

#define CB_HEADER 110
#define CB_MAX 65536

struct cpio_builder {
	uint8_t buf[CB_MAX];
	size_t len;
	uint32_t next_ino;
};

static inline void
cb_init(struct cpio_builder *b)
{
	memset(b->buf, 0, sizeof b->buf);
	b->len = 0;
	b->next_ino = 1;
}

static inline void
cb_pad4(struct cpio_builder *b)
{
	while (b->len % 4 != 0)
		b->buf[b->len++] = 0;
}

/* A header with explicit namesize and filesize (which may lie); returns its offset. */
static inline size_t
cb_header(struct cpio_builder *b, const char *magic, uint32_t mode, uint32_t filesize,
	  uint32_t namesize)
{
	size_t at = b->len;
	uint32_t fields[13] = { b->next_ino++, mode, 0, 0, 1, 0x5f5e1000, filesize, 0, 0, 0, 0,
				namesize, 0 };
	char text[CB_HEADER + 1];
	int n = snprintf(text, sizeof text, "%s", magic);

	for (int i = 0; i < 13; i++)
		n += snprintf(text + n, sizeof text - (size_t)n, "%08X", fields[i]);
	assert_int_equal(n, CB_HEADER);
	assert_true(b->len + CB_HEADER <= sizeof b->buf);
	memcpy(b->buf + b->len, text, CB_HEADER);
	b->len += CB_HEADER;
	return at;
}

static inline void
cb_bytes(struct cpio_builder *b, const void *p, size_t n)
{
	assert_true(b->len + n <= sizeof b->buf);
	if (n > 0)
		memcpy(b->buf + b->len, p, n);
	b->len += n;
}

/* A well-formed member; returns the offset of its data in the archive. */
static inline size_t
cb_member_magic(struct cpio_builder *b, const char *magic, const char *name, uint32_t mode,
		const void *data, size_t size)
{
	size_t namesize = strlen(name) + 1;

	cb_header(b, magic, mode, (uint32_t)size, (uint32_t)namesize);
	cb_bytes(b, name, namesize);
	cb_pad4(b);
	size_t data_at = b->len;
	cb_bytes(b, data, size);
	cb_pad4(b);
	return data_at;
}

static inline size_t
cb_member(struct cpio_builder *b, const char *name, uint32_t mode, const void *data, size_t size)
{
	return cb_member_magic(b, "070701", name, mode, data, size);
}

static inline size_t
cb_file(struct cpio_builder *b, const char *name, const char *text)
{
	return cb_member(b, name, 0100644, text, strlen(text));
}

static inline void
cb_dir(struct cpio_builder *b, const char *name)
{
	cb_member(b, name, 0040755, NULL, 0);
}

static inline void
cb_trailer(struct cpio_builder *b)
{
	cb_member(b, "TRAILER!!!", 0, NULL, 0);
}

/* Overwrite header field i (0 = ino ... 12 = check) of the member at offset at. */
static inline void
cb_set_field(struct cpio_builder *b, size_t at, int i, const char text[8])
{
	memcpy(b->buf + at + 6 + 8 * (size_t)i, text, 8);
}

#define CB_FIELD_MODE 1
#define CB_FIELD_FILESIZE 6
#define CB_FIELD_NAMESIZE 11

#endif
