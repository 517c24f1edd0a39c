/*
 * host_test.h - what every host unit test includes: cmocka (with the headers
 * it needs first) and a few helpers.
 *
 * String functions: -I kernel/include makes <string.h> and "string.h" the
 * kernel's header, whose prototypes are the C library's; the host libc
 * provides the code. Functions the kernel does not have (strstr) are
 * declared here.
 *
 * Only what cmocka needs is included: tests that #include kernel .c files
 * get kernel headers that may clash with the C library's (sigset_t, pause),
 * so each test includes <stdio.h>, <stdlib.h> etc. itself if it needs them.
 */
#ifndef HOST_TEST_H
#define HOST_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "string.h"

char *strstr(const char *haystack, const char *needle);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* guarded.h's watchdog(), for tests that cannot include guarded.h: link
 * watchdog.c. */
void host_watchdog(unsigned seconds);

/* The error message err must exist and mention word. */
#define assert_error_mentions(err, word)                                           \
	do {                                                                       \
		const char *err_ = (err);                                          \
		assert_non_null(err_);                                             \
		if (strstr(err_, (word)) == NULL)                                  \
			fail_msg("error \"%s\" does not mention \"%s\"", err_, (word)); \
	} while (0)

#endif
