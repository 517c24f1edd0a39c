/*
 * test_uaccess.c - kernel/mm/uaccess.c: the range check every user pointer
 * goes through (user_range_ok), and the C logic around the two assembly
 * copy loops, which are replaced here by fakes that never touch the "user"
 * address: they record their arguments and return what the test says.
 * The exception table is a small one defined in assembly below.
 */
#include "host_test.h"

#include "memlayout.h"
#include "trap.h"
#include "uaccess.h"
#include "uapi/errno.h"

/* ---------------------------------------------------------------- fakes */

static int copy_calls;
static void *copy_dst;
static const void *copy_src;
static size_t copy_n;
static size_t copy_not_copied;       /* what raw_copy_user returns */

size_t
raw_copy_user(void *dst, const void *src, size_t n)
{
	copy_calls++;
	copy_dst = dst;
	copy_src = src;
	copy_n = n;
	return copy_not_copied;
}

static int strncpy_calls;
static const void *strncpy_src;
static size_t strncpy_max;
static const char *user_string;      /* what the user memory holds; NULL: fault */

/* Like uaccess.S: copy up to and including the NUL, at most max bytes;
 * the length, max if no NUL within max bytes, -1 on a fault. */
long
raw_strncpy_user(char *dst, const void *src, size_t max)
{
	strncpy_calls++;
	strncpy_src = src;
	strncpy_max = max;
	if (user_string == NULL)
		return -1;
	for (size_t i = 0; i < max; i++) {
		dst[i] = user_string[i];
		if (user_string[i] == '\0')
			return (long)i;
	}
	return (long)max;
}

/* Three entries: faulting instruction -> fixup. */
__asm__(".section .rodata\n"
	".balign 8\n"
	".globl __ex_table_start\n"
	"__ex_table_start:\n"
	".quad 0x401000, 0x409000\n"
	".quad 0x402000, 0x40a000\n"
	".quad 0x403000, 0x40b000\n"
	".globl __ex_table_end\n"
	"__ex_table_end:\n"
	".previous\n");

static int
setup(void **state)
{
	(void)state;
	copy_calls = strncpy_calls = 0;
	copy_dst = NULL;
	copy_src = strncpy_src = NULL;
	copy_n = strncpy_max = 0;
	copy_not_copied = 0;
	user_string = NULL;
	return 0;
}

/* ---------------------------------------------------------------- user_range_ok */

static void
test_range_zero_length(void **state)
{
	(void)state;
	assert_true(user_range_ok(0, 0));            /* NULL passes; page 0 faults later */
	assert_true(user_range_ok(0, 1));
	assert_true(user_range_ok(0x400000, 0));
	assert_true(user_range_ok(USER_TOP, 0));     /* empty range at the very top */
	assert_false(user_range_ok(USER_TOP + 1, 0));
}

static void
test_range_user_top_edge(void **state)
{
	(void)state;
	assert_false(user_range_ok(USER_TOP, 1));
	assert_true(user_range_ok(USER_TOP - 1, 1));
	assert_false(user_range_ok(USER_TOP - 1, 2));
	assert_true(user_range_ok(USER_TOP - 0x1000, 0x1000));
	assert_false(user_range_ok(USER_TOP - 0x1000, 0x1001));
	assert_true(user_range_ok(0, USER_TOP));     /* the whole user half */
	assert_false(user_range_ok(0, USER_TOP + 1));
	assert_false(user_range_ok(1, USER_TOP));
	assert_true(user_range_ok(0x400000, 0x1000));
}

static void
test_range_wrap_around(void **state)
{
	(void)state;
	assert_false(user_range_ok(0x400000, SIZE_MAX));
	assert_false(user_range_ok(0x400000, (size_t)0 - 0x400000));   /* ends exactly at 2^64 */
	assert_false(user_range_ok(0x400000, (size_t)0 - 0x3fffff));   /* wraps to 1 */
	assert_false(user_range_ok(0xfffffffffffff000, 0x2000));       /* kernel, wrapping to 0x1000 */
	assert_false(user_range_ok(0xffffffffffffffff, 1));
	assert_false(user_range_ok(1, SIZE_MAX));
}

static void
test_range_kernel_half(void **state)
{
	(void)state;
	assert_false(user_range_ok(0xffff800000000000, 0));   /* direct map, even empty */
	assert_false(user_range_ok(0xffff800000000000, 8));
	assert_false(user_range_ok(0xffffffff80000000, 16));  /* kernel image */
	assert_false(user_range_ok(0xffffffffffffffff, 0));
}

static void
test_range_non_canonical(void **state)
{
	(void)state;
	assert_false(user_range_ok(0x0000800000000000, 0));
	assert_false(user_range_ok(0x0000800000000000, 1));
	assert_false(user_range_ok(0x00007ffffffffff0, 0x10));  /* inside the unmappable last page */
	assert_false(user_range_ok(0x8000000000000000, 1));
	assert_false(user_range_ok(0xffff7fffffffffff, 1));
	assert_false(user_range_ok(0x0001000000000000, 4));
}

/* ---------------------------------------------------------------- copies */

static void
test_copy_from_user(void **state)
{
	char buf[16];
	(void)state;

	assert_int_equal(copy_from_user(buf, 0x400010, 12), 0);
	assert_int_equal(copy_calls, 1);
	assert_ptr_equal(copy_dst, buf);
	assert_ptr_equal(copy_src, (const void *)0x400010);
	assert_int_equal(copy_n, 12);

	/* A fault part way (bytes left over): -EFAULT. */
	copy_not_copied = 4;
	assert_int_equal(copy_from_user(buf, 0x400010, 12), -EFAULT);
	assert_int_equal(copy_calls, 2);

	/* A bad range is refused before any copy. */
	copy_not_copied = 0;
	assert_int_equal(copy_from_user(buf, USER_TOP - 4, 5), -EFAULT);
	assert_int_equal(copy_from_user(buf, 0xffffffff80000000, 1), -EFAULT);
	assert_int_equal(copy_from_user(buf, 0x400000, SIZE_MAX), -EFAULT);
	assert_int_equal(copy_calls, 2);
}

static void
test_copy_to_user(void **state)
{
	char buf[16] = "data";
	(void)state;

	assert_int_equal(copy_to_user(USER_TOP - 16, buf, 16), 0);
	assert_int_equal(copy_calls, 1);
	assert_ptr_equal(copy_dst, (void *)(USER_TOP - 16));
	assert_ptr_equal(copy_src, buf);
	assert_int_equal(copy_n, 16);

	copy_not_copied = 16;
	assert_int_equal(copy_to_user(0x400000, buf, 16), -EFAULT);

	copy_not_copied = 0;
	assert_int_equal(copy_to_user(USER_TOP - 15, buf, 16), -EFAULT);
	assert_int_equal(copy_to_user(0xffff800000001000, buf, 4), -EFAULT);
	assert_int_equal(copy_calls, 2);
}

/* ---------------------------------------------------------------- strings */

static void
test_strncpy_from_user(void **state)
{
	char dst[32];
	(void)state;

	user_string = "hello";
	memset(dst, 'Z', sizeof dst);
	assert_int_equal(strncpy_from_user(dst, 0x400100, sizeof dst), 5);
	assert_string_equal(dst, "hello");
	assert_ptr_equal(strncpy_src, (const void *)0x400100);
	assert_int_equal(strncpy_max, sizeof dst);

	/* max - 1 characters fit; max characters do not. */
	user_string = "abcd";
	assert_int_equal(strncpy_from_user(dst, 0x400100, 5), 4);
	assert_string_equal(dst, "abcd");
	user_string = "abcde";
	memset(dst, 'Z', sizeof dst);
	assert_int_equal(strncpy_from_user(dst, 0x400100, 5), -ENAMETOOLONG);
	assert_int_equal(dst[0], '\0');

	/* The empty string. */
	user_string = "";
	assert_int_equal(strncpy_from_user(dst, 0x400100, 5), 0);
	assert_string_equal(dst, "");
}

static void
test_strncpy_from_user_faults(void **state)
{
	char dst[32];
	(void)state;

	/* The copy faults. */
	user_string = NULL;
	memset(dst, 'Z', sizeof dst);
	assert_int_equal(strncpy_from_user(dst, 0x400100, sizeof dst), -EFAULT);
	assert_int_equal(dst[0], '\0');

	/* Outside the user half: refused without a copy. */
	user_string = "x";
	int before = strncpy_calls;
	assert_int_equal(strncpy_from_user(dst, USER_TOP, sizeof dst), -EFAULT);
	assert_int_equal(strncpy_from_user(dst, 0xffff800000000000, sizeof dst), -EFAULT);
	assert_int_equal(strncpy_from_user(dst, 0x0000800000000000, sizeof dst), -EFAULT);
	assert_int_equal(strncpy_calls, before);

	/* max 0: no room even for the NUL. */
	assert_int_equal(strncpy_from_user(dst, 0x400100, 0), -ENAMETOOLONG);
	assert_int_equal(strncpy_calls, before);
}

static void
test_strncpy_from_user_near_top(void **state)
{
	char dst[32];
	(void)state;

	/* 3 bytes below USER_TOP: the scan is clamped to them. */
	user_string = "ab";
	assert_int_equal(strncpy_from_user(dst, USER_TOP - 3, sizeof dst), 2);
	assert_int_equal(strncpy_max, 3);
	assert_string_equal(dst, "ab");
	/* No NUL before USER_TOP: a fault, not "too long". */
	user_string = "abcdef";
	memset(dst, 'Z', sizeof dst);
	assert_int_equal(strncpy_from_user(dst, USER_TOP - 3, sizeof dst), -EFAULT);
	assert_int_equal(dst[0], '\0');
	/* Clamped and max equal: then it is "too long". */
	assert_int_equal(strncpy_from_user(dst, USER_TOP - 3, 3), -ENAMETOOLONG);
}

/* ---------------------------------------------------------------- exception table */

static void
test_extable_fixup(void **state)
{
	struct trap_frame f;
	(void)state;

	memset(&f, 0, sizeof f);
	f.rip = 0x401000;
	assert_true(extable_fixup(&f));
	assert_int_equal(f.rip, 0x409000);
	f.rip = 0x403000;                          /* the last entry */
	assert_true(extable_fixup(&f));
	assert_int_equal(f.rip, 0x40b000);
	f.rip = 0x402001;                          /* near, not equal */
	assert_false(extable_fixup(&f));
	assert_int_equal(f.rip, 0x402001);
	f.rip = 0x409000;                          /* a fixup is not an instruction */
	assert_false(extable_fixup(&f));
	assert_int_equal(f.rip, 0x409000);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_range_zero_length),
		T(test_range_user_top_edge),
		T(test_range_wrap_around),
		T(test_range_kernel_half),
		T(test_range_non_canonical),
		T(test_copy_from_user),
		T(test_copy_to_user),
		T(test_strncpy_from_user),
		T(test_strncpy_from_user_faults),
		T(test_strncpy_from_user_near_top),
		T(test_extable_fixup),
	};
	return cmocka_run_group_tests_name("uaccess", tests, NULL, NULL);
}
