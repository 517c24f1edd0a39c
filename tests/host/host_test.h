/*
 * host_test.h - what every host unit test includes: cmocka (with the headers
 * it needs first) and a few helpers.
 *
 * String functions: -I kernel/include makes <string.h> and "string.h" the
 * kernel's header, whose prototypes are the C library's; the host libc
 * provides the code. Functions the kernel does not have (strstr) are
 * declared here.
 */
#ifndef HOST_TEST_H
#define HOST_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "string.h"

char *strstr(const char *haystack, const char *needle);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The error message err must exist and mention word. */
#define assert_error_mentions(err, word)                                           \
	do {                                                                       \
		const char *err_ = (err);                                          \
		assert_non_null(err_);                                             \
		if (strstr(err_, (word)) == NULL)                                  \
			fail_msg("error \"%s\" does not mention \"%s\"", err_, (word)); \
	} while (0)

/*
 * Guarded copies: bytes placed so that they end exactly at an inaccessible
 * page. A parser that reads even one byte past the size it was given gets
 * SIGSEGV, which cmocka reports as a failed test. Each copy is its own
 * mapping; guarded_free() unmaps it.
 */
struct guarded {
	uint8_t *map;
	size_t maplen;
	uint8_t *data;       /* the copy: data[0..n) then the guard page */
};

static inline uint8_t *
guarded_copy(struct guarded *g, const void *src, size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t pages = (n + page - 1) / page + 1;

	g->maplen = pages * page;
	g->map = mmap(NULL, g->maplen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(g->map != MAP_FAILED);
	assert_int_equal(mprotect(g->map + g->maplen - page, page, PROT_NONE), 0);
	g->data = g->map + g->maplen - page - n;
	if (n > 0)
		memcpy(g->data, src, n);
	return g->data;
}

static inline void
guarded_free(struct guarded *g)
{
	munmap(g->map, g->maplen);
	g->map = NULL;
}

#endif
