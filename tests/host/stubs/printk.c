/* printk.c (host stub) - record what the kernel would print (see stubs.h);
 * set HOST_TEST_VERBOSE=1 in the environment to also see it on stderr. */
#include <stdio.h>
#include <stdlib.h>

#include "printk.h"
#include "stubs.h"

char stub_printk_log[STUB_PRINTK_LOG_SIZE];
int stub_printk_calls;
static size_t log_len;

void
stub_printk_reset(void)
{
	stub_printk_log[0] = '\0';
	stub_printk_calls = 0;
	log_len = 0;
}

int
vprintk(const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	stub_printk_calls++;
	if (log_len < sizeof stub_printk_log - 1) {
		n = vsnprintf(stub_printk_log + log_len, sizeof stub_printk_log - log_len, fmt, ap);
		if (n > 0)
			log_len += (size_t)n;
		if (log_len > sizeof stub_printk_log - 1)
			log_len = sizeof stub_printk_log - 1;
	} else {
		n = vsnprintf(NULL, 0, fmt, ap);
	}
	if (getenv("HOST_TEST_VERBOSE") != NULL)
		vfprintf(stderr, fmt, copy);
	va_end(copy);
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
