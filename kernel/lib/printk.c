/*
 * printk.c - format with lib/format.c into a stack buffer, then hand the
 * bytes to the console. Lines longer than the buffer are cut (with "...").
 */
#include "console.h"
#include "format.h"
#include "printk.h"

#define PRINTK_BUF 512

int
vprintk(const char *fmt, va_list ap)
{
	char buf[PRINTK_BUF];
	int n = format_vsnprintf(buf, sizeof buf, fmt, ap);

	if (n >= PRINTK_BUF) {
		buf[PRINTK_BUF - 4] = buf[PRINTK_BUF - 3] = buf[PRINTK_BUF - 2] = '.';
		n = PRINTK_BUF - 1;
	}
	console_write(buf, (unsigned)n);
	return n;
}

int
printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
