/*
 * kheap.c - a size-class allocator. Requests are rounded up to a power of
 * two from 32 to 2048 bytes; each class keeps a free list of blocks cut
 * from whole pages. A 16-byte header before each block remembers its class,
 * so kfree() needs no size.
 *
 *   page from pmm_alloc():  [hdr|block][hdr|block][hdr|block] ...
 */
#include <stdint.h>

#include "kheap.h"
#include "memlayout.h"
#include "pmm.h"
#include "string.h"

#define MIN_SHIFT 5                  /* 32 bytes */
#define MAX_SHIFT 11                 /* 2048 bytes */
#define NCLASSES (MAX_SHIFT - MIN_SHIFT + 1)
#define HEADER 16
#define MAGIC 0x6b68656170UL         /* "kheap": catches kfree of a foreign pointer */

struct block_header {
	uint32_t class;
	uint32_t pad;
	uint64_t magic;
};
_Static_assert(sizeof(struct block_header) == HEADER, "header keeps 16-byte alignment");

struct free_block {
	struct free_block *next;
};

static struct free_block *free_lists[NCLASSES];

/* For /proc/slabinfo and /proc/meminfo's Slab line: what each class holds.
 * Pages never go back to the frame allocator; freed blocks wait on their
 * list for the next kmalloc of their size. */
static size_t class_pages[NCLASSES];     /* pages cut into blocks of the class */
static size_t class_in_use[NCLASSES];    /* blocks handed out, not yet freed */

static int
size_class(size_t size)
{
	int c = 0;

	while (((size_t)1 << (MIN_SHIFT + c)) < size + HEADER)
		c++;
	return c;
}

/* Cut a fresh page into blocks of class c and put them on its free list. */
static int
refill(int c)
{
	uint64_t pa = pmm_alloc();
	size_t bsize = (size_t)1 << (MIN_SHIFT + c);

	if (pa == 0)
		return -1;
	uint8_t *page = phys_to_virt(pa);
	for (size_t off = 0; off + bsize <= PAGE_SIZE; off += bsize) {
		struct free_block *b = (void *)(page + off);
		b->next = free_lists[c];
		free_lists[c] = b;
	}
	class_pages[c]++;
	return 0;
}

void *
kmalloc(size_t size)
{
	if (size == 0 || size > KMALLOC_MAX - HEADER)
		return NULL;
	int c = size_class(size);
	if (free_lists[c] == NULL && refill(c) < 0)
		return NULL;
	struct free_block *b = free_lists[c];
	free_lists[c] = b->next;
	struct block_header *h = (void *)b;
	h->class = (uint32_t)c;
	h->magic = MAGIC;
	class_in_use[c]++;
	return (uint8_t *)h + HEADER;
}

void *
kzalloc(size_t size)
{
	void *p = kmalloc(size);
	if (p != NULL)
		memset(p, 0, size);
	return p;
}

void
kfree(void *p)
{
	if (p == NULL)
		return;
	struct block_header *h = (void *)((uint8_t *)p - HEADER);
	if (h->magic != MAGIC || h->class >= NCLASSES)
		return;              /* not ours: ignore rather than corrupt the lists */
	h->magic = 0;
	class_in_use[h->class]--;
	struct free_block *b = (void *)h;
	b->next = free_lists[h->class];
	free_lists[h->class] = b;
}

/* One size class's numbers; false past the last class. */
bool
kheap_class_stats(int c, struct kheap_stats *st)
{
	if (c < 0 || c >= NCLASSES)
		return false;
	st->block_size = (size_t)1 << (MIN_SHIFT + c);
	st->in_use = class_in_use[c];
	st->blocks = class_pages[c] * (PAGE_SIZE / st->block_size);
	st->pages = class_pages[c];
	return true;
}

/* Pages the heap holds, in use or waiting on its free lists. */
size_t
kheap_pages(void)
{
	size_t n = 0;

	for (int c = 0; c < NCLASSES; c++)
		n += class_pages[c];
	return n;
}
