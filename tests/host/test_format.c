/*
 * test_format.c - kernel/lib/format.c, the printf engine behind printk and
 * libsys's printf.
 *
 * Most cases spell out the expected text. A table of common conversions is
 * also checked against the host C library's snprintf, which is the
 * reference for everything format.h claims to support.
 */
#include <limits.h>
#include <stdio.h>
#include <sys/types.h>

#include "guarded.h"

#include "format.h"

#define SENTINEL 'X'

/*
 * Format into a buffer of the given size inside a larger one full of
 * SENTINEL, then check: the return value, the stored text, and that nothing
 * was written past size bytes.
 */
static void
check_sized(size_t size, int want_ret, const char *want, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	assert_true(size < sizeof buf);
	memset(buf, SENTINEL, sizeof buf);
	va_start(ap, fmt);
	int ret = format_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	assert_int_equal(ret, want_ret);
	if (size > 0)
		assert_string_equal(buf, want);
	for (size_t i = size; i < sizeof buf; i++)
		if (buf[i] != SENTINEL)
			fail_msg("format \"%s\", size %zu: byte %zu written", fmt, size, i);
}

/* Format into a roomy buffer: the full text and its length. */
#define CHECK(want, ...) check_sized(256, (int)strlen(want), want, __VA_ARGS__)

/* The same, with the format in a variable: for formats GCC would warn about. */
static const char *volatile fmt_var;
#define CHECK_NONLITERAL(want, fmt, ...)                                        \
	do {                                                                    \
		fmt_var = (fmt);                                                \
		check_sized(256, (int)strlen(want), want, fmt_var, ##__VA_ARGS__); \
	} while (0)

static void
test_plain_text(void **state)
{
	(void)state;
	CHECK("", "");
	CHECK("hello, world\n", "hello, world\n");
	CHECK("100%", "100%%");
	CHECK("%%", "%%%%");
}

static void
test_signed_decimal(void **state)
{
	(void)state;
	CHECK("0", "%d", 0);
	CHECK("42", "%d", 42);
	CHECK("-42", "%d", -42);
	CHECK("-7", "%i", -7);
	CHECK("2147483647", "%d", INT_MAX);
	CHECK("-2147483648", "%d", INT_MIN);
	CHECK("1 -2 3", "%d %i %d", 1, -2, 3);
}

static void
test_unsigned_conversions(void **state)
{
	(void)state;
	CHECK("4294967295", "%u", UINT_MAX);
	CHECK("4294967295", "%u", -1);
	CHECK("ff", "%x", 255);
	CHECK("FF", "%X", 255);
	CHECK("deadbeef", "%x", 0xdeadbeefu);
	CHECK("DEADBEEF", "%X", 0xdeadbeefu);
	CHECK("0", "%x", 0);
	CHECK("17", "%o", 15);
	CHECK("0", "%o", 0);
	CHECK("37777777777", "%o", UINT_MAX);
}

static void
test_length_modifiers(void **state)
{
	(void)state;
	/* Without l, only the low 32 bits are an int's. */
	CHECK("9223372036854775807", "%ld", LONG_MAX);
	CHECK("-9223372036854775808", "%ld", LONG_MIN);
	CHECK("18446744073709551615", "%lu", ULONG_MAX);
	CHECK("ffffffffffffffff", "%lx", ULONG_MAX);
	CHECK("1234567890abcdef", "%lx", 0x1234567890abcdefUL);
	CHECK("1234567890ABCDEF", "%llX", 0x1234567890abcdefULL);
	CHECK("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK("9223372036854775807", "%lli", LLONG_MAX);
	CHECK("18446744073709551615", "%llu", ULLONG_MAX);
	/* The longest number there is: 22 octal digits. */
	CHECK("1777777777777777777777", "%llo", ULLONG_MAX);
	CHECK("18446744073709551615", "%zu", (size_t)-1);
	CHECK("-5", "%zd", (ssize_t)-5);
	CHECK("10000", "%zx", (size_t)0x10000);
	/* Arguments of mixed sizes stay in step. */
	CHECK("1 2 3 4", "%d %ld %lld %zu", 1, 2L, 3LL, (size_t)4);
	CHECK("-1 4294967295 -1", "%d %u %lld", -1, 0xffffffffu, -1LL);
}

static void
test_llong_min_with_width_and_precision(void **state)
{
	(void)state;
	CHECK("  -9223372036854775808", "%22lld", LLONG_MIN);
	CHECK("-009223372036854775808", "%022lld", LLONG_MIN);
	CHECK("-09223372036854775808", "%.20lld", LLONG_MIN);
	CHECK("-9223372036854775808  ", "%-22lld", LLONG_MIN);
}

static void
test_width(void **state)
{
	(void)state;
	CHECK("   42", "%5d", 42);
	CHECK("42   ", "%-5d", 42);
	CHECK("00042", "%05d", 42);
	CHECK("-0042", "%05d", -42);
	CHECK("  -42", "%5d", -42);
	CHECK("-42  ", "%-5d", -42);
	CHECK("12345", "%3d", 12345);         /* width is a minimum */
	CHECK("000000ff", "%08x", 255);
	CHECK("   ab", "%5s", "ab");
	CHECK("ab   |", "%-5s|", "ab");
	CHECK("    x", "%5c", 'x');
	CHECK("x    |", "%-5c|", 'x');
}

static void
test_left_overrides_zero(void **state)
{
	(void)state;
	/* '-' wins over '0' (C11 7.21.6.1p6), in either order. */
	CHECK_NONLITERAL("42   |", "%-05d|", 42);
	CHECK_NONLITERAL("42   |", "%0-5d|", 42);
	CHECK_NONLITERAL("-42  |", "%-05d|", -42);
}

static void
test_star_width(void **state)
{
	(void)state;
	CHECK("   42", "%*d", 5, 42);
	CHECK("42   |", "%*d|", -5, 42);          /* negative width: left-justify */
	CHECK("  abc", "%*s", 5, "abc");
	CHECK("abc  |", "%*s|", -5, "abc");
	CHECK("00042", "%0*d", 5, 42);
	CHECK("7 42", "%*d %d", 1, 7, 42);         /* '*' consumes its own argument */
}

/*
 * Found by tests/fuzz/fuzz_printf.c: a width or precision was accumulated
 * in an int without a limit, so "%99999999999d" overflowed it (undefined
 * behaviour). One that does not fit in an int makes the conversion
 * unknown: printed as written, taking no argument (glibc: EOVERFLOW).
 */
static void
test_width_beyond_int_max(void **state)
{
	(void)state;
	CHECK_NONLITERAL("%99999999999d 7", "%99999999999d %d", 7);
	CHECK_NONLITERAL("%2147483648d|7", "%2147483648d|%d", 7);      /* INT_MAX + 1 */
	CHECK_NONLITERAL("%.99999999999s|7", "%.99999999999s|%d", 7);
	CHECK_NONLITERAL("%-0#21474836470x", "%-0#21474836470x");
}

/*
 * Found by tests/fuzz/fuzz_printf.c: a '*' width of INT_MIN was negated
 * (a negative width means '-' and its size), which overflows an int. Its
 * size does not fit in an int: the conversion is printed as written, the
 * '*' having taken its argument.
 */
static void
test_star_width_int_min(void **state)
{
	(void)state;
	CHECK_NONLITERAL("%*d|5", "%*d|%d", INT_MIN, 5);
	CHECK_NONLITERAL("[%-*s]", "[%-*s]", INT_MIN, "abc");
}

static void
test_integer_precision(void **state)
{
	(void)state;
	CHECK("00042", "%.5d", 42);
	CHECK("-00042", "%.5d", -42);
	CHECK("  00042", "%7.5d", 42);
	CHECK("00042  |", "%-7.5d|", 42);
	/* With a precision the '0' flag is ignored (C11 7.21.6.1p6). */
	CHECK("  00042", "%07.5d", 42);
	CHECK("00ff", "%.4x", 255);
	CHECK("12345", "%.2d", 12345);
	/* Precision 0 and value 0: no digits at all. */
	CHECK("", "%.0d", 0);
	CHECK("[]", "[%.0x]", 0);
	CHECK("[   ]", "[%3.0u]", 0);
	CHECK_NONLITERAL("", "%.d", 0);
	CHECK("1", "%.0d", 1);
}

static void
test_star_precision(void **state)
{
	(void)state;
	CHECK("00042", "%.*d", 5, 42);
	CHECK("ab", "%.*s", 2, "abcdef");
	CHECK("", "%.*s", 0, "abcdef");
	CHECK("  ab", "%*.*s", 4, 2, "abcdef");
	CHECK("ab  |", "%-*.*s|", 4, 2, "abcdef");
	/* A negative precision counts as none (C11 7.21.6.1p5). */
	CHECK("abcdef", "%.*s", -1, "abcdef");
	CHECK("42", "%.*d", -3, 42);
	CHECK("00042", "%0*.*d", 5, -1, 42);       /* no precision: '0' applies again */
	CHECK("x 9", "%.*s %d", 1, "xyz", 9);      /* '.*' consumes its own argument */
}

static void
test_string_precision(void **state)
{
	(void)state;
	CHECK("hel", "%.3s", "hello");
	CHECK("hello", "%.10s", "hello");
	CHECK("   he", "%5.2s", "hello");
	CHECK("", "%s", "");
	CHECK("     ", "%5s", "");
	CHECK("(null)", "%s", (char *)NULL);
	/* Precision stops at a NUL before it. */
	char text[8] = "ab\0cdef";
	CHECK("ab", "%.5s", text);
}

/*
 * BUG (kernel/lib/format.c, put_string): with a precision, "%.3s" reads
 * str[3] - one byte past the 3 it may read - before testing n < precision
 * (`while (str[n] && (sp->precision < 0 || n < sp->precision))`). C11
 * 7.21.6.1p8: with a precision the array need not contain a NUL. Here the 3
 * bytes end at an inaccessible page, so the extra read is a SIGSEGV.
 */
static void
test_string_precision_reads_no_further(void **state)
{
	struct guarded g;
	(void)state;

	const char *abc = (const char *)guarded_copy(&g, "abc", 3);   /* no NUL */
	CHECK("abc", "%.3s", abc);
	CHECK("ab", "%.2s", abc);
	CHECK("  abc", "%5.3s", abc);
	guarded_free(&g);
}

static void
test_char(void **state)
{
	(void)state;
	CHECK("a", "%c", 'a');
	CHECK("abc", "%c%c%c", 'a', 'b', 'c');
	CHECK("%", "%c", '%');
	/* Only the low byte of the int argument is the character. */
	CHECK("A", "%c", 0x141);
	/* Precision does not apply to %c. */
	CHECK_NONLITERAL("a", "%.0c", 'a');
}

static void
test_char_nul_counts_as_one(void **state)
{
	char buf[16];
	(void)state;

	memset(buf, SENTINEL, sizeof buf);
	assert_int_equal(format_snprintf(buf, sizeof buf, "a%cb", 0), 3);
	assert_memory_equal(buf, "a\0b\0", 4);
}

/*
 * BUG (kernel/lib/format.c, convert() case 'c'): "%3c" with a NUL argument
 * produces 4 characters ("   " then NUL) instead of 3 ("  " then NUL):
 * put_string() pads for a zero-length string and the NUL is added after.
 */
static void
test_char_nul_with_width(void **state)
{
	char buf[16];
	(void)state;

	memset(buf, SENTINEL, sizeof buf);
	assert_int_equal(format_snprintf(buf, sizeof buf, "%3c|", 0), 4);
	assert_memory_equal(buf, "  \0|\0", 5);

	memset(buf, SENTINEL, sizeof buf);
	assert_int_equal(format_snprintf(buf, sizeof buf, "%-3c|", 0), 4);
	assert_memory_equal(buf, "\0  |\0", 5);
}

static void
test_pointer(void **state)
{
	(void)state;
	CHECK("0xdeadbeef", "%p", (void *)0xdeadbeefUL);
	CHECK("0xffff800000000000", "%p", (void *)0xffff800000000000UL);
	CHECK("0x0", "%p", NULL);
	CHECK("      0x10", "%10p", (void *)0x10);
	CHECK("0x10      |", "%-10p|", (void *)0x10);
}

/* The '#' flag (alternate form), as C's printf: 0x before hex, 0 before octal, not for 0. */
static void
test_alternate_form(void **state)
{
	(void)state;
	CHECK("0x1f", "%#x", 31);
	CHECK("0X1F", "%#X", 31);
	CHECK("0", "%#x", 0);
	CHECK("017", "%#o", 15);
	CHECK("0", "%#o", 0);
	CHECK("0xffff800000000000", "%#lx", 0xffff800000000000UL);
	CHECK("  0x10", "%#6x", 16);
	CHECK("0x0010", "%#06x", 16);
	CHECK("0x10  |", "%-#6x|", 16);
}

/*
 * Found by tests/fuzz/fuzz_printf.c (against glibc): '#' with %o asks for
 * a first digit 0, not for a "0" in front whatever the digits: "%#.0o" of
 * 0 printed nothing, "%#.3o" of 8 printed "0010" (C11 7.21.6.1: the
 * precision grows only if needed).
 */
static void
test_alternate_octal_with_precision(void **state)
{
	(void)state;
	CHECK("0", "%#.0o", 0);
	CHECK("0", "%#.o", 0);
	CHECK("000", "%#.3o", 0);
	CHECK("010", "%#.3o", 8);
	CHECK("010", "%#.2o", 8);
	CHECK("0010", "%#.4o", 8);
	CHECK("00010", "%#05o", 8);
	CHECK("  010", "%#5.3o", 8);
	CHECK("010  |", "%-#5o|", 8);
}

static void
test_unknown_conversions_are_literal(void **state)
{
	(void)state;
	/* An unknown conversion is printed as written and consumes nothing. */
	CHECK_NONLITERAL("%y", "%y");
	CHECK_NONLITERAL("a%yb", "a%yb");
	CHECK_NONLITERAL("%-08.3y", "%-08.3y");
	CHECK_NONLITERAL("%y 7", "%y %d", 7);
	CHECK_NONLITERAL("%hd", "%hd");                /* 'h' is not supported */
	CHECK_NONLITERAL("%#y", "%#y");                /* a flag, then an unknown conversion */
	/* A '%' at the very end, with or without a half-written spec. */
	CHECK_NONLITERAL("abc%", "abc%");
	CHECK_NONLITERAL("abc%5", "abc%5");
	CHECK_NONLITERAL("abc%-0", "abc%-0");
	CHECK_NONLITERAL("abc%l", "abc%l");
	CHECK_NONLITERAL("abc%ll", "abc%ll");
	CHECK_NONLITERAL("abc%.", "abc%.");
}

static void
test_truncation(void **state)
{
	(void)state;
	/* Return value: the length the whole output would have had. */
	check_sized(6, 11, "hello", "hello world");
	check_sized(11, 11, "hello worl", "hello world");
	check_sized(12, 11, "hello world", "hello world");
	check_sized(1, 11, "", "hello world");
	check_sized(4, 5, "123", "%d", 12345);
	check_sized(4, 8, "   ", "%8d", 1);
	check_sized(3, 6, "ab", "%s%s", "abc", "def");
	check_sized(5, 20, "-922", "%lld", LLONG_MIN);
	check_sized(8, 300, "       ", "%300d", 1);
	/* Conversions after the cut still count. */
	check_sized(2, 9, "a", "a%db%sc", 123, "xyz");
}

static void
test_size_zero_writes_nothing(void **state)
{
	(void)state;
	check_sized(0, 11, "", "hello world");
	check_sized(0, 0, "", "");
	/* snprintf(NULL, 0, ...) measures. */
	assert_int_equal(format_snprintf(NULL, 0, "%d-%s", 1234, "abc"), 8);
	assert_int_equal(format_snprintf(NULL, 0, "%lld", LLONG_MIN), 20);
}

/* Every supported feature, compared with the host's snprintf. */
static void
test_matches_libc(void **state)
{
	static const char *const int_fmts[] = {
		"%d", "%i", "%u", "%x", "%X", "%o", "%5d", "%-5d|", "%05d", "%.3d", "%8.3d",
		"%-8.3d|", "%08.3d", "%.0d", "%1d", "%012x", "%-12X|", "%.10o", "[%3.0d]",
	};
	static const int ints[] = { 0, 1, -1, 7, 42, -42, 255, 4096, 65535, -65536,
				    INT_MAX, INT_MIN, 123456789 };
	static const char *const long_fmts[] = {
		"%ld", "%lu", "%lx", "%lX", "%lo", "%25ld", "%-25ld|", "%025ld", "%.22ld",
		"%lld", "%llu", "%llx", "%zu", "%zx", "%zd", "%.0ld",
	};
	static const long longs[] = { 0, 1, -1, 0x7fffffff, -0x80000000L, 0x100000000L,
				      LONG_MAX, LONG_MIN, 0x123456789abcdefL, -1234567890123L };
	static const char *const str_fmts[] = {
		"%s", "%10s", "%-10s|", "%.2s", "%10.2s", "%-10.2s|", "%.0s", "%1s", "<%s>",
	};
	static const char *const strs[] = { "", "a", "hello", "hello, world!" };
	char want[256], got[256];
	(void)state;

	for (size_t f = 0; f < ARRAY_SIZE(int_fmts); f++)
		for (size_t i = 0; i < ARRAY_SIZE(ints); i++) {
			int nw = snprintf(want, sizeof want, int_fmts[f], ints[i]);
			int ng = format_snprintf(got, sizeof got, int_fmts[f], ints[i]);
			if (nw != ng || strcmp(want, got) != 0)
				fail_msg("\"%s\" of %d: libc \"%s\" (%d), ours \"%s\" (%d)",
					 int_fmts[f], ints[i], want, nw, got, ng);
		}
	for (size_t f = 0; f < ARRAY_SIZE(long_fmts); f++)
		for (size_t i = 0; i < ARRAY_SIZE(longs); i++) {
			int nw = snprintf(want, sizeof want, long_fmts[f], longs[i]);
			int ng = format_snprintf(got, sizeof got, long_fmts[f], longs[i]);
			if (nw != ng || strcmp(want, got) != 0)
				fail_msg("\"%s\" of %ld: libc \"%s\" (%d), ours \"%s\" (%d)",
					 long_fmts[f], longs[i], want, nw, got, ng);
		}
	for (size_t f = 0; f < ARRAY_SIZE(str_fmts); f++)
		for (size_t i = 0; i < ARRAY_SIZE(strs); i++) {
			int nw = snprintf(want, sizeof want, str_fmts[f], strs[i]);
			int ng = format_snprintf(got, sizeof got, str_fmts[f], strs[i]);
			if (nw != ng || strcmp(want, got) != 0)
				fail_msg("\"%s\" of \"%s\": libc \"%s\" (%d), ours \"%s\" (%d)",
					 str_fmts[f], strs[i], want, nw, got, ng);
		}
}

/* The va_list entry point leaves the caller's va_list usable (it copies it). */
static int
twice(char *a, char *b, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = format_vsnprintf(a, size, fmt, ap);
	int m = format_vsnprintf(b, size, fmt, ap);
	va_end(ap);
	return n == m ? n : -1;
}

static void
test_vsnprintf_copies_va_list(void **state)
{
	char a[32], b[32];
	(void)state;

	assert_int_equal(twice(a, b, sizeof a, "%d %s %lx", 12, "ab", 0xfeedUL), 10);
	assert_string_equal(a, "12 ab feed");
	assert_string_equal(b, "12 ab feed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_signed_decimal),
		cmocka_unit_test(test_unsigned_conversions),
		cmocka_unit_test(test_length_modifiers),
		cmocka_unit_test(test_llong_min_with_width_and_precision),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_left_overrides_zero),
		cmocka_unit_test(test_star_width),
		cmocka_unit_test(test_width_beyond_int_max),
		cmocka_unit_test(test_star_width_int_min),
		cmocka_unit_test(test_integer_precision),
		cmocka_unit_test(test_star_precision),
		cmocka_unit_test(test_string_precision),
		cmocka_unit_test(test_string_precision_reads_no_further),
		cmocka_unit_test(test_char),
		cmocka_unit_test(test_char_nul_counts_as_one),
		cmocka_unit_test(test_char_nul_with_width),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_alternate_form),
		cmocka_unit_test(test_alternate_octal_with_precision),
		cmocka_unit_test(test_unknown_conversions_are_literal),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_size_zero_writes_nothing),
		cmocka_unit_test(test_matches_libc),
		cmocka_unit_test(test_vsnprintf_copies_va_list),
	};
	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
