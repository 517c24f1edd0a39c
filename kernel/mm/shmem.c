/*
 * shmem.c - shared anonymous memory: what mmap(MAP_SHARED|MAP_ANONYMOUS)
 * gives a process and the children it forks, which write into the same
 * pages (Linux: a file in an internal tmpfs, "/dev/zero (deleted)" in
 * /proc/PID/maps).
 *
 * Private memory is found through one address space's page tables, and
 * fork copies it (copy-on-write). Shared memory must outlive any one
 * address space and be found from all of them, so the object owns its
 * pages, indexed by page number - and the index is itself a page table,
 * built by the same vm_walk as any other, where page n of the object sits
 * at "address" n * 4096:
 *
 *   struct shmem { refs, pages } --> PML4 -> PDPT -> PD -> PT -> frame of page n
 *
 * Each area (struct vma) that maps the object holds a reference, and the
 * area knows which page of the object its first page is (vma.pgoff). A
 * fault in such an area maps the object's frame (mm/mmap.c) with PTE_SHARED:
 * fork then shares the page as it is, writable, instead of copy-on-write.
 */
#include "kheap.h"
#include "memlayout.h"
#include "pmm.h"
#include "shmem.h"
#include "vm.h"

struct shmem {
	int refs;                    /* areas mapping it, and the creator until it puts */
	uint64_t pages;              /* the index: a page table (physical address) */
};

struct shmem *
shmem_new(void)
{
	struct shmem *s = kmalloc(sizeof *s);

	if (s == NULL)
		return NULL;
	s->refs = 1;
	s->pages = pmm_alloc();      /* an empty top-level table (pmm_alloc zeroes it) */
	if (s->pages == 0) {
		kfree(s);
		return NULL;
	}
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
	if (--s->refs > 0)
		return;
	vm_free_user_space(s->pages);    /* each page's frame and the tables of the index */
	kfree(s);
}

uint64_t
shmem_frame(struct shmem *s, uint64_t pgoff)
{
	pte_t *slot = vm_walk(s->pages, pgoff * PAGE_SIZE, true);

	if (slot == NULL)
		return 0;
	if (!(*slot & PTE_P)) {
		uint64_t frame = pmm_alloc();
		if (frame == 0)
			return 0;
		*slot = frame | PTE_P;       /* (never loaded into CR3: only P matters) */
	}
	return *slot & PTE_ADDR_MASK;
}
