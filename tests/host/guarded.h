/*
 * guarded.h - guarded copies for parser tests. Separate from host_test.h
 * because <unistd.h> declares pause(), which kernel/include/x86.h defines
 * differently.
 */
#ifndef GUARDED_H
#define GUARDED_H

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include "host_test.h"

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

/* The copy starts at a multiple of align (a power of two), so when n is not
 * a multiple of align, up to align - 1 readable bytes follow it. */
static inline uint8_t *
guarded_copy_aligned(struct guarded *g, const void *src, size_t n, size_t align)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t pages = (n + align + page - 1) / page + 1;

	g->maplen = pages * page;
	g->map = mmap(NULL, g->maplen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(g->map != MAP_FAILED);
	assert_int_equal(mprotect(g->map + g->maplen - page, page, PROT_NONE), 0);
	g->data = g->map + ((g->maplen - page - n) & ~(align - 1));
	if (n > 0)
		memcpy(g->data, src, n);
	return g->data;
}

/* Exactly n bytes before the guard page (any alignment). */
static inline uint8_t *
guarded_copy(struct guarded *g, const void *src, size_t n)
{
	return guarded_copy_aligned(g, src, n, 1);
}

static inline void
guarded_free(struct guarded *g)
{
	munmap(g->map, g->maplen);
	g->map = NULL;
}

/*
 * A parser that loops forever on malformed input would hang the test run:
 * after the given number of seconds, say so and exit with failure.
 */
static void
watchdog_fired(int sig)
{
	static const char msg[] = "[  ERROR   ] --- test binary timed out (endless loop?)\n";
	(void)sig;
	if (write(2, msg, sizeof msg - 1) < 0)
		_exit(3);
	_exit(2);
}

static inline void
watchdog(unsigned seconds)
{
	signal(SIGALRM, watchdog_fired);
	alarm(seconds);
}

#endif
