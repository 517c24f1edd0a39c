/*
 * fuzz_printf.c - kernel/lib/format.c, the printf engine behind printk,
 * the strace formatter and libsys's printf.
 *
 * Feeds: a format string (the input up to its first NUL byte, at most
 * FORMAT_MAX bytes, cut where its 16 argument slots run out), one byte for
 * the size of a second, smaller output buffer, then 8 bytes per argument.
 *
 * The harness reads the format as the engine does (format.h: flags - 0 #,
 * width, precision, l ll z, conversion) to know what each argument must be:
 * an int for '*', a string for %s (NULL, a C string, or exactly as many
 * bytes as the precision allows, with no NUL: "%.3s" must not read a 4th),
 * a number for the rest. On x86-64 every such argument travels in one
 * 8-byte register or stack slot, so the harness passes 16 uint64_t values
 * and each conversion takes the type it wants from its slot, as from a
 * correctly typed call (System V ABI; the kernel is x86-64 only too).
 *
 * Widths and precisions up to 4096 (either sign) are used as they are; a
 * larger one that still fits in an int is legal but makes a long output
 * slowly, so such an input is skipped (a '*' value is folded into that
 * range instead); one that does not fit in an int, and a '*' of INT_MIN,
 * are kept: the engine must not overflow on them.
 *
 * Checks:
 *   - into a buffer of exactly the size given: the return value is the
 *     full length, the text is a prefix of the full output, NUL-terminated;
 *   - when the format uses only what format.h documents, in the forms C's
 *     printf gives a meaning to, the output and the return value are the
 *     host C library's snprintf's, byte for byte. Left out of that
 *     comparison: %s of NULL and %p of NULL (the engine prints "(null)" and
 *     "0x0" where glibc has its own rules), '#' with other than x X o, a
 *     length modifier on c s p, flags or a width in "%%".
 */
#include <limits.h>

#include "format.h"
#include "fuzz.h"

int snprintf(char *buf, size_t size, const char *fmt, ...);

#define FORMAT_MAX 256
#define SLOTS 16
#define WIDTH_MAX 4096

struct scan {
	uint64_t slot[SLOTS];
	int nslots;
	bool comparable;         /* only documented forms C gives a meaning to */
	bool too_slow;           /* a width or precision in (WIDTH_MAX, INT_MAX] */
};

static const char long_string[] =
	"a string long enough to be cut by a precision or padded by a width, "
	"with \"quotes\", \\ and\ttabs";
static uint8_t *no_nul;      /* the last %s buffer without a NUL (freed per input) */

/*
 * A digit run, appended to *n (a '*' value, or 0) as the engine does; false
 * when the number no longer fits in an int (the engine then prints the
 * conversion as written).
 */
static bool
scan_digits(const char **p, int *n)
{
	bool fits = true;

	for (; **p >= '0' && **p <= '9'; (*p)++) {
		long long v = *n * 10LL + (**p - '0');
		if (v > INT_MAX || v < INT_MIN)
			fits = false;
		else
			*n = (int)v;
	}
	return fits;
}

static void
note_size(struct scan *sc, int v)
{
	if (v > WIDTH_MAX || v < -WIDTH_MAX)
		sc->too_slow |= v != INT_MIN;
}

/* The next argument slot, from 8 bytes of input; false when all are used. */
static bool
take_slot(struct scan *sc, struct fuzz_input *in, uint64_t *v)
{
	if (sc->nslots == SLOTS)
		return false;
	*v = fuzz_take(in, 8);
	sc->slot[sc->nslots++] = *v;
	return true;
}

/* '*': an int, small enough to be quick, but INT_MIN kept (negating it overflows). */
static bool
star_slot(struct scan *sc, struct fuzz_input *in, int *value)
{
	uint64_t raw;

	if (!take_slot(sc, in, &raw))
		return false;
	int v = (int)(uint32_t)raw;
	if (v != INT_MIN && (v > WIDTH_MAX || v < -WIDTH_MAX))
		v %= WIDTH_MAX + 1;
	sc->slot[sc->nslots - 1] = (uint64_t)(int64_t)v;
	*value = v;
	return true;
}

/* %s: NULL, a C string, or precision bytes with no NUL after them. */
static uint64_t
string_arg(uint64_t raw, int precision, struct scan *sc)
{
	switch (raw % 5) {
	case 0:
		sc->comparable = false;  /* glibc prints NULL its own way */
		return 0;
	case 1:
		return (uint64_t)(uintptr_t)"";
	case 2:
		return (uint64_t)(uintptr_t)"hello, world";
	case 3:
		return (uint64_t)(uintptr_t)long_string;
	default:
		if (precision < 0 || precision > 64 || no_nul != NULL)
			return (uint64_t)(uintptr_t)long_string;
		no_nul = malloc((size_t)precision + 1);        /* +1: malloc(0) may be NULL */
		memset(no_nul, 'n', (size_t)precision + 1);
		return (uint64_t)(uintptr_t)(no_nul + 1);      /* exactly precision bytes */
	}
}

/*
 * Read one conversion after its '%' as format_vsnprintf does; fill its
 * slots. Returns the position after it, or NULL when the slots ran out.
 */
static const char *
scan_conversion(const char *p, struct scan *sc, struct fuzz_input *in)
{
	bool alt = false, has_prec = false, fits = true;
	int width = 0, precision = -1;

	for (; *p == '-' || *p == '0' || *p == '#'; p++)
		alt |= *p == '#';
	if (*p == '*') {
		if (!star_slot(sc, in, &width))
			return NULL;
		fits &= width != INT_MIN;    /* its size, -INT_MIN, is no int */
		if (width < 0 && width != INT_MIN)
			width = -width;      /* '-' and its size, before any digits after it */
		p++;
		if (*p >= '0' && *p <= '9')
			sc->comparable = false;      /* "%*5d": no C form */
	}
	fits &= scan_digits(&p, &width);
	note_size(sc, width);
	if (*p == '.') {
		p++;
		has_prec = true;
		precision = 0;
		if (*p == '*') {
			if (!star_slot(sc, in, &precision))
				return NULL;
			p++;
			if (*p >= '0' && *p <= '9')
				sc->comparable = false;
		}
		fits &= scan_digits(&p, &precision);
		note_size(sc, precision);
	}
	int lng = 0;
	while (*p == 'l')
		lng++, p++;
	if (*p == 'z') {
		lng = lng ? 3 : 1;       /* "lz" is no C form: 3 marks it */
		p++;
	}
	if (lng > 2)
		sc->comparable = false;
	char conv = *p;
	if (!fits) {                 /* printed as written, no argument */
		sc->comparable = false;
		return conv ? p + 1 : p;
	}
	uint64_t v;
	switch (conv) {
	case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
		if (!take_slot(sc, in, &v))
			return NULL;
		if (alt && conv != 'x' && conv != 'X' && conv != 'o')
			sc->comparable = false;
		break;
	case 'c': case 'p': case 's':
		if (!take_slot(sc, in, &v))
			return NULL;
		if (alt || lng)
			sc->comparable = false;
		if (conv == 'p' && v == 0)
			sc->comparable = false;  /* glibc: "(nil)" */
		if (conv == 's')
			sc->slot[sc->nslots - 1] = string_arg(v, has_prec ? precision : -1, sc);
		break;
	case '%':
		sc->comparable &= p[-1] == '%';   /* "%%" only, nothing between */
		break;
	case '\0':
		sc->comparable = false;
		return p;
	default:                     /* unknown: printed as it is written */
		sc->comparable = false;
		break;
	}
	return p + 1;
}

/* Fill sc from the format; cut the format where the slots run out. */
static void
scan_format(char *fmt, struct scan *sc, struct fuzz_input *in)
{
	*sc = (struct scan){ .comparable = true };
	for (char *p = fmt; *p;) {
		if (*p != '%') {
			p++;
			continue;
		}
		const char *next = scan_conversion(p + 1, sc, in);
		if (next == NULL) {
			*p = '\0';
			return;
		}
		p = (char *)next;
	}
}

/*
 * ASan's interceptor of the host's snprintf checks each %s argument up to
 * its NUL even under a precision of 0 ("%.s"), so it would report the
 * glibc side of the comparison reading a string without a NUL: turn that
 * check off. The kernel's engine is compiled code, checked by ASan itself.
 */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
	return "check_printf=0";
}

#define ARGS(s) s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], \
		s[12], s[13], s[14], s[15]

static char full[SLOTS * (WIDTH_MAX + 64) + FORMAT_MAX * 4], host[sizeof full];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	char fmt[FORMAT_MAX + 1];
	size_t n = 0;
	struct scan sc;

	while (in.size > 0 && in.data[0] != '\0' && n < FORMAT_MAX)
		fmt[n++] = (char)fuzz_take(&in, 1);
	fmt[n] = '\0';
	fuzz_take(&in, 1);                            /* the NUL */
	size_t small = fuzz_take(&in, 1);
	no_nul = NULL;
	scan_format(fmt, &sc, &in);
	if (sc.too_slow)
		goto out;

	int len = format_snprintf(full, sizeof full, fmt, ARGS(sc.slot));
	FUZZ_CHECK(len >= 0 && (size_t)len < sizeof full, "length %d for [%s]", len, fmt);

	char *buf = small ? malloc(small) : NULL;    /* exactly small bytes: ASan guards the end */
	int len2 = format_snprintf(buf, small, fmt, ARGS(sc.slot));
	FUZZ_CHECK(len2 == len, "[%s]: %d into %zu bytes, %d into a big buffer", fmt, len2, small, len);
	if (small) {
		size_t kept = (size_t)len < small ? (size_t)len : small - 1;
		FUZZ_CHECK(memcmp(buf, full, kept) == 0 && buf[kept] == '\0',
			   "[%s] into %zu bytes is not the prefix of the full output", fmt, small);
	}
	free(buf);

	if (sc.comparable) {
		int want = snprintf(host, sizeof host, fmt, ARGS(sc.slot));
		FUZZ_CHECK(want == len && memcmp(host, full, (size_t)len) == 0,
			   "format [%s]:\n    glibc  (%d) [%s]\n    kernel (%d) [%s]", fmt, want, host,
			   len, full);
	}
out:
	free(no_nul);
	return 0;
}
