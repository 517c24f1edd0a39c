/*
 * vma.h - virtual memory areas: the list of address ranges a process may
 * use, with their protection. The page tables say what is mapped *now*;
 * the VMAs say what *may* be mapped. A page fault inside a VMA that allows
 * the access is satisfied by mapping a zeroed page ("demand paging"); a
 * fault outside every VMA is a bug in the program: SIGSEGV.
 *
 * The list is sorted by address, areas never overlap, and neighbours with
 * the same protection and flags are merged (shared ones only if they are
 * consecutive pages of the same object). The functions here are pure
 * list manipulation (host-tested in tests/host/test_vma.c); the page tables
 * are changed by the callers in mm/mmap.c.
 */
#ifndef VMA_H
#define VMA_H

#include <stdbool.h>
#include <stdint.h>

/* Protection bits: the same values as PROT_READ/WRITE/EXEC (uapi/mman.h). */
#define VMA_READ  0x1
#define VMA_WRITE 0x2
#define VMA_EXEC  0x4

/* Kinds of area, for /proc-style listings and debugging. */
#define VMA_ANON  0x00       /* mmap(MAP_ANONYMOUS) */
#define VMA_HEAP  0x01       /* brk */
#define VMA_STACK 0x02
#define VMA_IMAGE 0x04       /* an ELF segment */
#define VMA_VVAR  0x08       /* the kernel's time data page (read-only) */
#define VMA_VDSO  0x10       /* the vDSO code (shared by every process) */

struct shmem;

struct vma {
	uint64_t start;          /* first byte, page-aligned */
	uint64_t end;            /* one past the last byte, page-aligned */
	uint32_t prot;           /* VMA_READ | VMA_WRITE | VMA_EXEC */
	uint32_t kind;           /* VMA_ANON, VMA_HEAP, ... */
	struct shmem *shm;       /* MAP_SHARED: the pages' owner (mm/shmem.c), else NULL */
	uint64_t pgoff;          /* ... and which of its pages is at start */
	struct vma *next;
};

struct vma_list {
	struct vma *head;
	int count;
};

#define VMA_MAX_COUNT 4096   /* like Linux's vm.max_map_count, smaller */

/* The area containing addr, or NULL. */
struct vma *vma_find(const struct vma_list *l, uint64_t addr);
/* true if some area overlaps [start, end). */
bool vma_overlaps(const struct vma_list *l, uint64_t start, uint64_t end);
/* true if [start, end) is covered by areas with no hole. */
bool vma_covers(const struct vma_list *l, uint64_t start, uint64_t end);
/* Highest free, page-aligned gap of len bytes inside [low, high); 0 if none. */
uint64_t vma_find_gap(const struct vma_list *l, uint64_t len, uint64_t low, uint64_t high);

/* Add [start, end) (must be free). 0, or -ENOMEM when out of memory or areas. */
int vma_insert(struct vma_list *l, uint64_t start, uint64_t end, uint32_t prot, uint32_t kind);
/* The same for an area of shared memory, whose first page is page pgoff of
 * shm; the area takes a reference on shm (and gives it back when it goes). */
int vma_insert_shared(struct vma_list *l, uint64_t start, uint64_t end, uint32_t prot,
		      uint32_t kind, struct shmem *shm, uint64_t pgoff);
/* Remove [start, end) from every area, splitting where needed. 0 or -ENOMEM. */
int vma_remove(struct vma_list *l, uint64_t start, uint64_t end);
/* Set the protection of [start, end) (must be covered). 0 or -ENOMEM. */
int vma_protect(struct vma_list *l, uint64_t start, uint64_t end, uint32_t prot);
/* Free every area. */
void vma_clear(struct vma_list *l);

#endif
