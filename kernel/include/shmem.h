/*
 * shmem.h - the pages of a MAP_SHARED|MAP_ANONYMOUS mapping (mm/shmem.c),
 * kept by page number so that every address space mapping it finds the
 * same frame for the same page - the parent and the children it forks.
 */
#ifndef SHMEM_H
#define SHMEM_H

#include <stdint.h>

struct shmem;

/* A new, empty object; the caller holds one reference. NULL: no memory. */
struct shmem *shmem_new(void);
void shmem_get(struct shmem *s);
/* Drop a reference; the last one frees the object and its pages. */
void shmem_put(struct shmem *s);
/* The frame of page pgoff, allocated (zeroed) at its first use; 0 if out of
 * memory. The object keeps its own reference on it. */
uint64_t shmem_frame(struct shmem *s, uint64_t pgoff);

#endif
