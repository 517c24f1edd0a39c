/*
 * format.h - printf-style formatting into a buffer, with no I/O and no
 * kernel state, so that the same code serves printk, libsys's printf and
 * the host unit tests (tests/host/test_format.c).
 *
 * Supported: %d %i %u %x %X %o %p %s %c %%, length modifiers l, ll, z,
 * flags '-' (left-justify), '0' (zero-pad) and '#' (0x / 0 prefix), a field width, and a
 * precision for %s (".N" or ".*") and integers (minimum digits).
 * A conversion it does not know, or whose width or precision does not fit
 * in an int, is printed as it is written and takes no argument of its own
 * (a '*' in it has taken its int).
 */
#ifndef FORMAT_H
#define FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Like vsnprintf: writes at most size-1 characters plus '\0', returns the
 * length the full output would have had. */
int format_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int format_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
