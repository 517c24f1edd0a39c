/*
 * mm.h - a process's address space: its page tables and its areas (VMAs),
 * plus the heap break and where mmap looks for room. mm/mmap.c implements
 * mmap, munmap, mprotect, madvise, brk and the page-fault policy on top of
 * vm.c (page tables) and vma.c (the list of areas).
 */
#ifndef MM_H
#define MM_H

#include <stddef.h>
#include <stdint.h>

#include "vma.h"

/*
 * Linux's defaults without address randomisation: mmap hands out addresses
 * downwards from 128 MiB below the top of the user half, and never below
 * 64 KiB (vm.mmap_min_addr), so that NULL-pointer dereferences stay faults.
 */
#define MMAP_BASE       (USER_TOP - 128 * 1024 * 1024UL)
#define MMAP_MIN_ADDR   0x10000UL
#define STACK_MAX       (8 * 1024 * 1024UL)      /* like ulimit -s 8192 */

struct mm {
	int users;               /* threads using it (CLONE_VM shares it); freed at 0 */
	uint64_t pml4;           /* physical address of the page-table root */
	struct vma_list vmas;    /* what may be mapped, sorted */
	uint64_t brk_start;      /* the heap starts here: end of the program, page-aligned */
	uint64_t brk;            /* the current break, as brk(2) last set it */
};

enum fault_result {
	FAULT_HANDLED,           /* a page was mapped: retry the instruction */
	FAULT_SIGSEGV,           /* no area allows this access */
	FAULT_OOM,               /* allowed, but no memory left */
};

int mm_init(struct mm *mm);                       /* 0 or -ENOMEM */
void mm_destroy(struct mm *mm);                   /* frees areas, pages, tables */
struct mm *mm_new(void);                          /* allocated + mm_init (users = 1), or NULL */
struct mm *mm_copy(struct mm *parent);            /* allocated + mm_fork, or NULL */
struct mm *mm_get(struct mm *mm);                 /* one more user */
void mm_put(struct mm *mm);                       /* one less; the last destroys and frees it */
enum fault_result mm_handle_fault(struct mm *mm, uint64_t addr, uint64_t error);

/* Area-level operations; arguments already checked by syscall/sys_mem.c. */
long mm_map(struct mm *mm, uint64_t addr, uint64_t len, uint32_t prot, uint32_t kind,
	    int flags);
int mm_unmap(struct mm *mm, uint64_t start, uint64_t end);
int mm_protect(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot);
int mm_discard(struct mm *mm, uint64_t start, uint64_t end);   /* MADV_DONTNEED */
uint64_t mm_set_brk(struct mm *mm, uint64_t new_brk);
int mm_populate(struct mm *mm, uint64_t start, uint64_t end);
uint64_t mm_resident_pages(struct mm *mm);                /* VmRSS, in pages */
struct proc;
/* mm/oom.c: no frame for needy's access at addr; true: retry (another process was
 * killed). may_wait: needy may leave the CPU here (not inside an irq_save section). */
bool oom_kill(struct proc *needy, uint64_t addr, bool may_wait);
int mm_fork(struct mm *child, struct mm *parent);
int mm_write(struct mm *mm, uint64_t va, const void *src, size_t n);

/* Page-table bits for an area's protection. */
uint64_t mm_pte_flags(uint32_t prot);

#endif
