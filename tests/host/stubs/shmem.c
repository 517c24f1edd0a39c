/* shmem.c (host stub) - shared-memory objects that only count references,
 * for the area list's tests (test_vma.c): every area of a shared mapping
 * holds one, so a split must take one and a merge or removal give it back.
 * Plain malloc, so that stub_alloc_live keeps counting areas only. */
#include <stdlib.h>

#include "shmem.h"
#include "stubs.h"

struct shmem {
	int refs;
};

int stub_shmem_live;

struct shmem *
shmem_new(void)
{
	struct shmem *s = malloc(sizeof *s);
	s->refs = 1;
	stub_shmem_live++;
	return s;
}

void
shmem_get(struct shmem *s)
{
	s->refs++;
}

void
shmem_put(struct shmem *s)
{
	if (--s->refs == 0) {
		free(s);
		stub_shmem_live--;
	}
}

int
stub_shmem_refs(const struct shmem *s)
{
	return s->refs;
}

uint64_t
shmem_frame(struct shmem *s, uint64_t pgoff)
{
	(void)s, (void)pgoff;
	return 0;                    /* the area list never asks for pages */
}
