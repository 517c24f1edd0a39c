/*
 * test_cpio.c - kernel/fs/cpio.c: reading newc members one at a time.
 *
 * Every archive is handed to cpio_next() as a guarded copy (guarded.h):
 * it ends at an inaccessible page, so a read past the given size crashes
 * the test instead of passing silently.
 */
#include "guarded.h"

#include "cpio.h"
#include "cpio_builder.h"

static struct cpio_builder ar;

static int
setup(void **state)
{
	(void)state;
	cb_init(&ar);
	return 0;
}

/* Read the archive built so far, size bytes of it; collect up to max members. */
struct reading {
	struct guarded g;
	struct cpio_entry e[32];
	int n;                  /* members read */
	int last;               /* cpio_next's last result: 0 or -1 */
	const char *error;
	size_t offset;          /* after the last call */
};

static void
read_archive_size(struct reading *r, size_t size)
{
	const uint8_t *a = guarded_copy(&r->g, ar.buf, size);

	r->n = 0;
	r->offset = 0;
	r->error = NULL;
	for (;;) {
		struct cpio_entry e;
		size_t before = r->offset;
		r->last = cpio_next(a, size, &r->offset, &e, &r->error);
		if (r->last != 1) {
			/* The end and errors leave the offset alone. */
			assert_int_equal(r->offset, before);
			break;
		}
		assert_true(r->offset > before);
		assert_true(r->offset <= ((size + 3) & ~(size_t)3));
		assert_true(r->n < (int)ARRAY_SIZE(r->e));
		r->e[r->n++] = e;
	}
	if (r->last == 0)
		assert_null(r->error);
	else
		assert_int_equal(r->last, -1);
}

static void
read_archive(struct reading *r)
{
	read_archive_size(r, ar.len);
}

/* Offset of p inside the guarded copy. */
static size_t
at(const struct reading *r, const void *p)
{
	return (size_t)((const uint8_t *)p - r->g.data);
}

static void
test_well_formed_archive(void **state)
{
	struct reading r;
	(void)state;

	cb_dir(&ar, "bin");
	size_t init_at = cb_file(&ar, "bin/init", "#!init\n");
	size_t empty_at = cb_file(&ar, "empty", "");
	size_t big_at = cb_member(&ar, "data.bin", 0100600, "\x00\x01\x02\xff", 4);
	cb_trailer(&ar);
	read_archive(&r);

	assert_int_equal(r.last, 0);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.e[0].name, "bin");
	assert_int_equal(r.e[0].mode, 0040755);
	assert_int_equal(r.e[0].size, 0);
	assert_string_equal(r.e[1].name, "bin/init");
	assert_int_equal(r.e[1].mode, 0100644);
	assert_int_equal(r.e[1].size, 7);
	assert_int_equal(at(&r, r.e[1].data), init_at);
	assert_memory_equal(r.e[1].data, "#!init\n", 7);
	assert_string_equal(r.e[2].name, "empty");
	assert_int_equal(r.e[2].size, 0);
	assert_int_equal(at(&r, r.e[2].data), empty_at);
	assert_string_equal(r.e[3].name, "data.bin");
	assert_int_equal(r.e[3].mode, 0100600);
	assert_int_equal(r.e[3].size, 4);
	assert_int_equal(at(&r, r.e[3].data), big_at);
	assert_memory_equal(r.e[3].data, "\x00\x01\x02\xff", 4);
	/* Names and data point into the archive: nothing is copied. */
	assert_int_equal(at(&r, r.e[0].name), CB_HEADER);
	assert_true(at(&r, r.e[3].name) < big_at);
	guarded_free(&r.g);
}

/* Every combination of name and data padding (0..3 bytes each). */
static void
test_padding_combinations(void **state)
{
	static const char *const names[] = { "a", "ab", "abc", "abcd", "abcde" };
	static const char data[] = "0123456789";
	struct reading r;
	size_t data_at[ARRAY_SIZE(names) * 5];
	int k = 0;
	(void)state;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		for (size_t len = 0; len < 5; len++)
			data_at[k++] = cb_member(&ar, names[i], 0100644, data, len);
	cb_trailer(&ar);
	read_archive(&r);
	assert_int_equal(r.last, 0);
	assert_int_equal(r.n, k);
	k = 0;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		for (size_t len = 0; len < 5; len++, k++) {
			assert_string_equal(r.e[k].name, names[i]);
			assert_int_equal(r.e[k].size, len);
			assert_int_equal(at(&r, r.e[k].data), data_at[k]);
			assert_int_equal(at(&r, r.e[k].data) % 4, 0);
			assert_memory_equal(r.e[k].data, data, len);
		}
	guarded_free(&r.g);
}

static void
test_hex_digits_any_case(void **state)
{
	struct reading r;
	(void)state;

	size_t m = cb_header(&ar, "070701", 0, 0, 0);
	cb_set_field(&ar, m, CB_FIELD_MODE, "000081aB");     /* 0100653 */
	cb_set_field(&ar, m, CB_FIELD_FILESIZE, "0000000a");
	cb_set_field(&ar, m, CB_FIELD_NAMESIZE, "00000002");
	cb_bytes(&ar, "f", 2);
	cb_pad4(&ar);
	cb_bytes(&ar, "0123456789", 10);
	cb_pad4(&ar);
	cb_trailer(&ar);
	read_archive(&r);
	assert_int_equal(r.last, 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.e[0].mode, 0x81ab);
	assert_int_equal(r.e[0].size, 10);
	assert_memory_equal(r.e[0].data, "0123456789", 10);
	guarded_free(&r.g);
}

static void
test_magic_070702_accepted(void **state)
{
	struct reading r;
	(void)state;

	cb_member_magic(&ar, "070702", "crc", 0100644, "xyz", 3);
	cb_member_magic(&ar, "070702", "TRAILER!!!", 0, NULL, 0);
	read_archive(&r);
	assert_int_equal(r.last, 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.e[0].name, "crc");
	assert_memory_equal(r.e[0].data, "xyz", 3);
	guarded_free(&r.g);
}

/* The trailer ends the archive even if bytes follow it (cpio pads to 512). */
static void
test_trailer_ends_archive(void **state)
{
	struct reading r;
	static const uint8_t zeros[400];
	(void)state;

	cb_file(&ar, "one", "1");
	cb_trailer(&ar);
	cb_file(&ar, "after-trailer", "never read");
	cb_bytes(&ar, zeros, sizeof zeros);
	read_archive(&r);
	assert_int_equal(r.last, 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.e[0].name, "one");
	guarded_free(&r.g);
}

/* A lone trailer is an empty archive. */
static void
test_only_trailer(void **state)
{
	struct reading r;
	(void)state;

	cb_trailer(&ar);
	read_archive(&r);
	assert_int_equal(r.last, 0);
	assert_int_equal(r.n, 0);
	guarded_free(&r.g);
}

/* ---------------------------------------------------------------- malformed */

static void
test_empty_archive(void **state)
{
	struct reading r;
	(void)state;

	/* Zero bytes: not even a header. */
	read_archive_size(&r, 0);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "truncated");
	guarded_free(&r.g);
}

static void
test_truncated_header(void **state)
{
	struct reading r;
	(void)state;

	cb_file(&ar, "file", "data");
	size_t trailer_at = ar.len;
	cb_trailer(&ar);
	/* The archive cut one byte short of the first header's end. */
	read_archive_size(&r, CB_HEADER - 1);
	assert_int_equal(r.last, -1);
	assert_int_equal(r.n, 0);
	assert_error_mentions(r.error, "truncated");
	guarded_free(&r.g);

	/* The archive cut inside the trailer's header, after a good member. */
	read_archive_size(&r, trailer_at + 50);
	assert_int_equal(r.last, -1);
	assert_int_equal(r.n, 1);
	assert_error_mentions(r.error, "truncated");
	guarded_free(&r.g);
}

static void
test_offset_past_end(void **state)
{
	struct cpio_entry e;
	const char *error = NULL;
	size_t offset;
	(void)state;

	cb_trailer(&ar);
	offset = ar.len + 4;          /* past the end: nothing to read */
	assert_int_equal(cpio_next(ar.buf, ar.len, &offset, &e, &error), -1);
	assert_error_mentions(error, "truncated");
	offset = SIZE_MAX;
	assert_int_equal(cpio_next(ar.buf, ar.len, &offset, &e, &error), -1);
}

static void
test_bad_magic(void **state)
{
	static const char *const magics[] = {
		"070707",      /* the old portable "odc" format */
		"070700",      /* one digit off */
		"170701",      /* first digit off */
		"070701",      /* control: the right magic is accepted */
	};
	struct reading r;
	(void)state;

	for (size_t i = 0; i < ARRAY_SIZE(magics); i++) {
		cb_init(&ar);
		size_t m = cb_header(&ar, "070701", 0100644, 0, 2);
		memcpy(ar.buf + m, magics[i], 6);
		cb_bytes(&ar, "f", 2);
		cb_pad4(&ar);
		cb_trailer(&ar);
		read_archive(&r);
		if (i == ARRAY_SIZE(magics) - 1) {
			assert_int_equal(r.last, 0);
			assert_int_equal(r.n, 1);
		} else {
			assert_int_equal(r.last, -1);
			assert_error_mentions(r.error, "magic");
		}
		guarded_free(&r.g);
	}
}

/* A bad hex digit in each field the reader uses. */
static void
test_non_hex_field(void **state)
{
	static const struct {
		int field;
		const char text[9];
	} cases[] = {
		{ CB_FIELD_MODE, "000081g4" },       /* 'g' is not hex */
		{ CB_FIELD_MODE, "0x0081a4" },       /* no "0x" prefix in cpio */
		{ CB_FIELD_FILESIZE, "0000000 " },   /* space instead of a digit */
		{ CB_FIELD_FILESIZE, "-0000001" },   /* no sign */
		{ CB_FIELD_NAMESIZE, "0000000:" },   /* ':' follows '9' in ASCII */
		{ CB_FIELD_NAMESIZE, "0000000G" },   /* 'G' follows 'F' */
		{ CB_FIELD_NAMESIZE, "0000000@" },   /* '@' precedes 'A' */
		{ CB_FIELD_NAMESIZE, "0000000`" },   /* '`' precedes 'a' */
	};
	struct reading r;
	(void)state;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		cb_init(&ar);
		size_t m = cb_header(&ar, "070701", 0100644, 0, 2);
		cb_set_field(&ar, m, cases[i].field, cases[i].text);
		cb_bytes(&ar, "f", 2);
		cb_pad4(&ar);
		cb_trailer(&ar);
		read_archive(&r);
		assert_int_equal(r.last, -1);
		assert_int_equal(r.n, 0);
		assert_error_mentions(r.error, "hex");
		guarded_free(&r.g);
	}
}

static void
test_name_past_end(void **state)
{
	struct reading r;
	(void)state;

	/* namesize 100, but only "abc\0" follows the header. */
	cb_header(&ar, "070701", 0100644, 0, 100);
	cb_bytes(&ar, "abc", 4);
	read_archive(&r);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "name");
	guarded_free(&r.g);

	/* namesize 0xffffffff: must not wrap around. */
	cb_init(&ar);
	cb_header(&ar, "070701", 0100644, 0, 0xffffffffu);
	cb_bytes(&ar, "abc", 4);
	read_archive(&r);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "name");
	guarded_free(&r.g);

	/* namesize one more than the bytes left (the NUL would be past the end). */
	cb_init(&ar);
	cb_header(&ar, "070701", 0100644, 0, 5);
	cb_bytes(&ar, "abcd", 4);
	read_archive(&r);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "name");
	guarded_free(&r.g);
}

static void
test_name_size_zero(void **state)
{
	struct reading r;
	(void)state;

	/* namesize 0: no room even for the NUL. */
	cb_header(&ar, "070701", 0100644, 0, 0);
	cb_bytes(&ar, "\0\0\0\0", 4);
	cb_trailer(&ar);
	read_archive(&r);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "name");
	guarded_free(&r.g);
}

static void
test_name_length_limit(void **state)
{
	static char name[4098];
	struct reading r;
	(void)state;

	/* 4095 characters + NUL = namesize 4096: the longest accepted. */
	memset(name, 'n', 4095);
	name[4095] = '\0';
	cb_file(&ar, name, "ok");
	cb_trailer(&ar);
	read_archive(&r);
	assert_int_equal(r.last, 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(strlen(r.e[0].name), 4095);
	guarded_free(&r.g);

	/* namesize 4097, all present in the archive: too long. */
	cb_init(&ar);
	memset(name, 'n', 4096);
	name[4096] = '\0';
	cb_file(&ar, name, "no");
	cb_trailer(&ar);
	read_archive(&r);
	assert_int_equal(r.last, -1);
	assert_int_equal(r.n, 0);
	assert_non_null(r.error);
	guarded_free(&r.g);
}

static void
test_name_not_nul_terminated(void **state)
{
	struct reading r;
	(void)state;

	/* namesize 4 covers "abcd": the byte where the NUL belongs is 'd'. */
	cb_header(&ar, "070701", 0100644, 0, 4);
	cb_bytes(&ar, "abcd", 4);
	cb_trailer(&ar);
	read_archive(&r);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "NUL");
	guarded_free(&r.g);
}

static void
test_data_past_end(void **state)
{
	struct reading r;
	(void)state;

	/* filesize 100 with only 8 bytes of data (and no trailer) left. */
	cb_header(&ar, "070701", 0100644, 100, 2);
	cb_bytes(&ar, "f", 2);
	cb_pad4(&ar);
	cb_bytes(&ar, "12345678", 8);
	read_archive(&r);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "data");
	guarded_free(&r.g);

	/* filesize 0xffffffff: must not wrap around. */
	cb_init(&ar);
	cb_header(&ar, "070701", 0100644, 0xffffffffu, 2);
	cb_bytes(&ar, "f", 2);
	cb_pad4(&ar);
	cb_trailer(&ar);
	read_archive(&r);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "data");
	guarded_free(&r.g);

	/* filesize exactly one more than what is left. */
	cb_init(&ar);
	cb_header(&ar, "070701", 0100644, 9, 2);
	cb_bytes(&ar, "f", 2);
	cb_pad4(&ar);
	cb_bytes(&ar, "12345678", 8);
	read_archive(&r);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "data");
	guarded_free(&r.g);
}

static void
test_name_padding_past_end(void **state)
{
	struct reading r;
	(void)state;

	/* The archive ends right after "ab\0": the name's padding is missing. */
	cb_header(&ar, "070701", 0100644, 0, 3);
	cb_bytes(&ar, "ab", 3);
	assert_int_equal(ar.len % 4, 1);
	read_archive(&r);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "past the end");
	guarded_free(&r.g);
}

static void
test_data_exactly_at_end(void **state)
{
	struct reading r;
	(void)state;

	/* The last byte of data is the last byte of the archive (no padding, no trailer). */
	cb_header(&ar, "070701", 0100644, 3, 2);
	cb_bytes(&ar, "f", 2);
	cb_pad4(&ar);
	cb_bytes(&ar, "xyz", 3);
	read_archive(&r);
	assert_int_equal(r.n, 1);
	assert_memory_equal(r.e[0].data, "xyz", 3);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "TRAILER!!!");
	guarded_free(&r.g);
}

static void
test_missing_trailer(void **state)
{
	struct reading r;
	(void)state;

	cb_file(&ar, "a", "1");
	cb_file(&ar, "b", "22");
	read_archive(&r);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "TRAILER!!!");
	guarded_free(&r.g);
}

/* The trailer is checked like any member: a broken one is an error. */
static void
test_broken_trailer(void **state)
{
	struct reading r;
	(void)state;

	cb_file(&ar, "a", "1");
	cb_header(&ar, "070701", 0, 64, 11);      /* filesize 64, nothing follows */
	cb_bytes(&ar, "TRAILER!!!", 11);
	cb_pad4(&ar);
	read_archive(&r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.last, -1);
	assert_error_mentions(r.error, "data");
	guarded_free(&r.g);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_well_formed_archive),
		T(test_padding_combinations),
		T(test_hex_digits_any_case),
		T(test_magic_070702_accepted),
		T(test_trailer_ends_archive),
		T(test_only_trailer),
		T(test_empty_archive),
		T(test_truncated_header),
		T(test_offset_past_end),
		T(test_bad_magic),
		T(test_non_hex_field),
		T(test_name_past_end),
		T(test_name_size_zero),
		T(test_name_length_limit),
		T(test_name_not_nul_terminated),
		T(test_data_past_end),
		T(test_name_padding_past_end),
		T(test_data_exactly_at_end),
		T(test_missing_trailer),
		T(test_broken_trailer),
	};
	watchdog(30);
	return cmocka_run_group_tests_name("cpio", tests, NULL, NULL);
}
