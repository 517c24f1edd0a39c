/*
 * fuzz_cpio.c - kernel/fs/cpio.c, the newc parser that reads the initrd.
 *
 * Feeds: the input as a whole archive, read member by member with
 * cpio_next() as initrd.c does, until the trailer or an error.
 *
 * Checks, beyond "no read outside the input" (ASan: libFuzzer hands over
 * an allocation of exactly the input's size):
 *   - a member's name and data lie inside the archive; the name is the
 *     NUL-terminated string of namesize bytes right after the header, and
 *     the data starts after it;
 *   - every member moves the offset forward (no endless loop), to a
 *     multiple of 4, never more than 3 bytes past the end;
 *   - an error always comes with a message.
 */
#include "cpio.h"
#include "fuzz.h"

static void
check_member(const uint8_t *archive, size_t size, size_t before, size_t after,
	     const struct cpio_entry *e)
{
	const uint8_t *end = archive + size;
	const uint8_t *name = (const uint8_t *)e->name;

	FUZZ_CHECK(name == archive + before + CPIO_HEADER_SIZE, "name at offset %zu",
		   (size_t)(name - archive));
	FUZZ_CHECK(name < end && strnlen(e->name, (size_t)(end - name)) < (size_t)(end - name),
		   "name not NUL-terminated inside the archive");
	FUZZ_CHECK(e->data > name + strlen(e->name), "data overlaps the name");
	FUZZ_CHECK(e->data <= end && e->size <= (size_t)(end - e->data),
		   "data [%zu, +%zu) runs past the archive's %zu bytes", (size_t)(e->data - archive),
		   e->size, size);
	FUZZ_CHECK(after > before && after % 4 == 0 && after <= size + 3,
		   "offset %zu -> %zu in %zu bytes", before, after, size);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t offset = 0, before = 0;
	struct cpio_entry e;
	const char *error = NULL;
	int r;

	while ((r = cpio_next(data, size, &offset, &e, &error)) == 1) {
		check_member(data, size, before, offset, &e);
		before = offset;
	}
	FUZZ_CHECK(r == 0 || r == -1, "cpio_next returned %d", r);
	if (r == -1)
		FUZZ_CHECK(error != NULL && error[0] != '\0', "an error without a message");
	return 0;
}
