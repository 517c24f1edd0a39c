/*
 * cpio.c - parse one newc cpio member at a time (see cpio.h). Every length
 * is checked against the archive size before it is used, so a truncated or
 * corrupt archive is reported, never read past. Host-tested in
 * tests/host/test_cpio.c.
 */
#include <stdbool.h>

#include "cpio.h"
#include "string.h"

#define FIELD_MODE 1
#define FIELD_FILESIZE 6
#define FIELD_NAMESIZE 11
#define MAX_NAME 4096

static size_t
align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Field i (0 = ino) of the header: 8 hex digits. false if not hex. */
static bool
hex_field(const uint8_t *header, int i, uint32_t *value)
{
	const uint8_t *p = header + 6 + 8 * i;
	uint32_t v = 0;

	for (int k = 0; k < 8; k++) {
		uint8_t c = p[k];
		int digit;
		if (c >= '0' && c <= '9')
			digit = c - '0';
		else if (c >= 'a' && c <= 'f')
			digit = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			digit = c - 'A' + 10;
		else
			return false;
		v = v << 4 | (uint32_t)digit;
	}
	*value = v;
	return true;
}

int
cpio_next(const uint8_t *archive, size_t size, size_t *offset,
	  struct cpio_entry *entry, const char **error)
{
	size_t off = *offset;
	uint32_t mode, filesize, namesize;

	if (off > size || size - off < CPIO_HEADER_SIZE) {
		*error = "archive is truncated (no TRAILER!!! member)";
		return -1;
	}
	const uint8_t *h = archive + off;
	if (memcmp(h, "070701", 6) != 0 && memcmp(h, "070702", 6) != 0) {
		*error = "bad member magic (not a cpio -H newc archive?)";
		return -1;
	}
	if (!hex_field(h, FIELD_MODE, &mode) || !hex_field(h, FIELD_FILESIZE, &filesize) ||
	    !hex_field(h, FIELD_NAMESIZE, &namesize)) {
		*error = "member header has a non-hex field";
		return -1;
	}
	if (namesize == 0 || namesize > MAX_NAME || namesize > size - off - CPIO_HEADER_SIZE) {
		*error = "member name runs past the end of the archive";
		return -1;
	}
	const char *name = (const char *)h + CPIO_HEADER_SIZE;
	if (name[namesize - 1] != '\0') {
		*error = "member name is not NUL-terminated";
		return -1;
	}
	size_t data_off = align4(off + CPIO_HEADER_SIZE + namesize);
	if (data_off > size || filesize > size - data_off) {
		*error = "member data runs past the end of the archive";
		return -1;
	}
	if (strcmp(name, "TRAILER!!!") == 0)
		return 0;
	entry->name = name;
	entry->mode = mode;
	entry->data = archive + data_off;
	entry->size = filesize;
	*offset = align4(data_off + filesize);
	return 1;
}
