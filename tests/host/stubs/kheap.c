/* kheap.c (host stub) - kmalloc/kzalloc/kfree on top of the C library, with
 * a switch to make the Nth allocation fail and a count of the blocks not
 * yet freed (see stubs.h). */
#include <stdlib.h>

#include "kheap.h"
#include "stubs.h"

int stub_alloc_fail_at = -1;
int stub_alloc_fail_sticky;
int stub_alloc_calls;
int stub_alloc_live;

void
stub_alloc_reset(void)
{
	stub_alloc_fail_at = -1;
	stub_alloc_fail_sticky = 0;
	stub_alloc_calls = 0;
	stub_alloc_live = 0;
}

static void *
counted(void *p)
{
	if (p != NULL)
		stub_alloc_live++;
	return p;
}

static int
should_fail(void)
{
	stub_alloc_calls++;
	if (stub_alloc_fail_at < 0)
		return 0;
	return stub_alloc_calls == stub_alloc_fail_at ||
	       (stub_alloc_fail_sticky && stub_alloc_calls > stub_alloc_fail_at);
}

void *
kmalloc(size_t size)
{
	if (size > KMALLOC_MAX - 16 || should_fail())
		return NULL;
	return counted(malloc(size));
}

void *
kzalloc(size_t size)
{
	if (size > KMALLOC_MAX - 16 || should_fail())
		return NULL;
	return counted(calloc(1, size));
}

void
kfree(void *p)
{
	if (p != NULL)
		stub_alloc_live--;
	free(p);
}
