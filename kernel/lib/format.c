/*
 * format.c - the printf engine (see format.h). Output goes through a tiny
 * "sink" that counts every character but stores only what fits, which is
 * what gives snprintf its return value.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "format.h"

struct sink {
	char *buf;
	size_t size;
	size_t len;     /* characters produced so far, stored or not */
};

static void
put(struct sink *s, char c)
{
	if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void
put_repeat(struct sink *s, char c, int n)
{
	while (n-- > 0)
		put(s, c);
}

struct spec {
	bool left;      /* '-' flag */
	bool zero;      /* '0' flag */
	bool alt;       /* '#' flag: 0x before hex (not for zero), a first 0 for octal */
	int width;      /* minimum field width, 0 if none */
	int precision;  /* -1 if none */
	bool too_big;   /* a width or precision that does not fit in an int */
};

/* Emit digits (already in reverse order in rev[0..n)) with sign, padding, precision. */
static void
put_number_digits(struct sink *s, const struct spec *sp, const char *prefix,
		  const char *rev, int n)
{
	int plen = 0;
	while (prefix[plen])
		plen++;
	int digits = n;
	if (sp->precision >= 0 && sp->precision > digits)
		digits = sp->precision;
	int pad = sp->width - digits - plen;
	bool zero_pad = sp->zero && !sp->left && sp->precision < 0;

	if (!sp->left && !zero_pad)
		put_repeat(s, ' ', pad);
	for (int i = 0; i < plen; i++)
		put(s, prefix[i]);
	if (zero_pad)
		put_repeat(s, '0', pad);
	put_repeat(s, '0', digits - n);
	while (n > 0)
		put(s, rev[--n]);
	if (sp->left)
		put_repeat(s, ' ', pad);
}

static void
put_unsigned(struct sink *s, const struct spec *sp, unsigned long long v,
	     unsigned base, bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24];
	int n = 0;

	do {
		rev[n++] = digits[v % base];
		v /= base;
	} while (v != 0);
	if (sp->precision == 0 && n == 1 && rev[0] == '0')
		n = 0;               /* printf("%.0d", 0) prints nothing */
	put_number_digits(s, sp, prefix, rev, n);
}

static void
put_signed(struct sink *s, const struct spec *sp, long long v)
{
	/* Negate in unsigned arithmetic so LLONG_MIN works too. */
	unsigned long long mag = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
	put_unsigned(s, sp, mag, 10, false, v < 0 ? "-" : "");
}

static void
put_string(struct sink *s, const struct spec *sp, const char *str)
{
	int n = 0;

	if (str == NULL)
		str = "(null)";
	/* Precision first: "%.3s" may point at 3 bytes with no NUL after them. */
	while ((sp->precision < 0 || n < sp->precision) && str[n])
		n++;
	if (!sp->left)
		put_repeat(s, ' ', sp->width - n);
	for (int i = 0; i < n; i++)
		put(s, str[i]);
	if (sp->left)
		put_repeat(s, ' ', sp->width - n);
}

/*
 * One more digit of a width or precision. false, leaving *n alone, when the
 * number would no longer fit in an int: "%99999999999d" must not overflow
 * (undefined behaviour in C); glibc fails such a call with EOVERFLOW.
 */
static bool
add_digit(int *n, char c)
{
	long long v = *n * 10LL + (c - '0');

	if (v > INT_MAX || v < INT_MIN)
		return false;
	*n = (int)v;
	return true;
}

/* Parse flags, width and precision after a '%'; returns the new position. */
static const char *
parse_spec(const char *p, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .precision = -1 };
	for (;; p++) {
		if (*p == '-')
			sp->left = true;
		else if (*p == '0')
			sp->zero = true;
		else if (*p == '#')
			sp->alt = true;
		else
			break;
	}
	if (*p == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			/* A negative width is '-' and its size; -INT_MIN does not fit in an int. */
			sp->left = true;
			if (sp->width == INT_MIN)
				sp->too_big = true;
			else
				sp->width = -sp->width;
		}
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++)
		sp->too_big |= !add_digit(&sp->width, *p);
	if (*p == '.') {
		p++;
		sp->precision = 0;
		if (*p == '*') {
			sp->precision = va_arg(*ap, int);
			p++;
		}
		for (; *p >= '0' && *p <= '9'; p++)
			sp->too_big |= !add_digit(&sp->precision, *p);
	}
	return p;
}

/* Fetch an integer argument of the size given by the length modifier. */
static unsigned long long
fetch_unsigned(int lng, va_list *ap)
{
	if (lng >= 2)
		return va_arg(*ap, unsigned long long);
	if (lng == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long
fetch_signed(int lng, va_list *ap)
{
	if (lng >= 2)
		return va_arg(*ap, long long);
	if (lng == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

/*
 * '#' with %o asks for a first digit 0 (C11 7.21.6.1), so the prefix "0" is
 * needed only when the digits do not start with one already: they do for
 * the value 0 (unless "%.0o" prints no digit at all), and when the
 * precision pads them with zeros ("%#.3o" of 8 is "010", not "0010").
 */
static bool
octal_starts_with_0(unsigned long long v, const struct spec *sp)
{
	int digits = 0;

	if (v == 0)
		return sp->precision != 0;
	for (; v != 0; v >>= 3)
		digits++;
	return sp->precision > digits;
}

/* Handle one conversion character; returns false for an unknown one. */
static bool
convert(struct sink *s, char conv, const struct spec *sp, int lng, va_list *ap)
{
	switch (conv) {
	case 'd':
	case 'i':
		put_signed(s, sp, fetch_signed(lng, ap));
		return true;
	case 'u':
		put_unsigned(s, sp, fetch_unsigned(lng, ap), 10, false, "");
		return true;
	case 'x':
	case 'X': {
		unsigned long long v = fetch_unsigned(lng, ap);
		put_unsigned(s, sp, v, 16, conv == 'X', sp->alt && v ? (conv == 'X' ? "0X" : "0x") : "");
		return true;
	}
	case 'o': {
		unsigned long long v = fetch_unsigned(lng, ap);
		put_unsigned(s, sp, v, 8, false, sp->alt && !octal_starts_with_0(v, sp) ? "0" : "");
		return true;
	}
	case 'p':
		put_unsigned(s, sp, (uintptr_t)va_arg(*ap, void *), 16, false, "0x");
		return true;
	case 'c':
		/* One character, even NUL, padded to the width. */
		if (!sp->left)
			put_repeat(s, ' ', sp->width - 1);
		put(s, (char)va_arg(*ap, int));
		if (sp->left)
			put_repeat(s, ' ', sp->width - 1);
		return true;
	case 's':
		put_string(s, sp, va_arg(*ap, const char *));
		return true;
	case '%':
		put(s, '%');
		return true;
	default:
		return false;
	}
}

int
format_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct sink s = { .buf = buf, .size = size, .len = 0 };
	va_list ap;

	va_copy(ap, ap_in);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			put(&s, *p);
			continue;
		}
		const char *start = p;
		struct spec sp;
		p = parse_spec(p + 1, &sp, &ap);
		int lng = 0;
		while (*p == 'l')
			lng++, p++;
		if (*p == 'z')       /* size_t is unsigned long on x86-64 */
			lng = 1, p++;
		if (*p == '\0' || sp.too_big || !convert(&s, *p, &sp, lng, &ap)) {
			/* Unknown conversion, or a size beyond an int: print it literally,
			 * as glibc prints an unknown one. */
			for (const char *q = start; q <= p && *q; q++)
				put(&s, *q);
			if (*p == '\0')
				break;
		}
	}
	va_end(ap);
	if (size > 0)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return (int)s.len;
}

int
format_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = format_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
