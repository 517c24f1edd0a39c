/*
 * mmap.c - address-space policy: where areas go, what a page fault may
 * map, and keeping the page tables in step with the area list.
 *
 * Memory is given out lazily: mmap and brk only record an area; the first
 * touch of each page faults, and mm_handle_fault maps a zeroed frame if the
 * area allows that access. So mapping 1 GiB costs nothing until used.
 * MAP_SHARED memory is the same, except that the frames belong to a shared
 * object (mm/shmem.c) that fork passes on instead of copying.
 */
#include "kheap.h"
#include "memlayout.h"
#include "mm.h"
#include "pmm.h"
#include "shmem.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/mman.h"
#include "vm.h"

/* Page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_PRESENT (1UL << 0)    /* 0: page not present; 1: protection violation */
#define PF_WRITE   (1UL << 1)    /* the access was a write */
#define PF_USER    (1UL << 2)    /* it happened in ring 3 */
#define PF_INSTR   (1UL << 4)    /* it was an instruction fetch */

int
mm_init(struct mm *mm)
{
	*mm = (struct mm){ .users = 1 };
	mm->pml4 = vm_new_user_space();
	return mm->pml4 == 0 ? -ENOMEM : 0;
}

void
mm_destroy(struct mm *mm)
{
	vma_clear(&mm->vmas);
	if (mm->pml4 != 0)
		vm_free_user_space(mm->pml4);
	mm->pml4 = 0;
}

/*
 * An address space on the heap, for a process. Threads made with CLONE_VM
 * share one: each holds a reference (users), and the last one to exit or
 * execve frees the memory.
 */
struct mm *
mm_new(void)
{
	struct mm *mm = kmalloc(sizeof *mm);

	if (mm == NULL)
		return NULL;
	if (mm_init(mm) < 0) {
		kfree(mm);
		return NULL;
	}
	return mm;
}

/* fork(): a new address space, a copy-on-write copy of parent (mm_fork). */
struct mm *
mm_copy(struct mm *parent)
{
	struct mm *mm = kmalloc(sizeof *mm);

	if (mm == NULL)
		return NULL;
	if (mm_fork(mm, parent) < 0) {
		kfree(mm);
		return NULL;
	}
	return mm;
}

struct mm *
mm_get(struct mm *mm)
{
	mm->users++;
	return mm;
}

void
mm_put(struct mm *mm)
{
	if (--mm->users > 0)
		return;
	mm_destroy(mm);
	kfree(mm);
}

/*
 * x86 pages are always readable when present, and writable implies
 * readable; so PROT_WRITE alone behaves like PROT_READ|PROT_WRITE, as on
 * Linux. PROT_NONE pages are not present at all (vm_protect_range keeps
 * their frames for a later mprotect).
 */
uint64_t
mm_pte_flags(uint32_t prot)
{
	uint64_t flags = PTE_U;

	if (prot & VMA_WRITE)
		flags |= PTE_W;
	if (!(prot & VMA_EXEC))
		flags |= pte_nx;
	return flags;
}

/* Does an area with protection prot allow the access described by error? */
static bool
access_allowed(uint32_t prot, uint64_t error)
{
	if (error & PF_WRITE)
		return prot & VMA_WRITE;
	if (error & PF_INSTR)
		return prot & VMA_EXEC;
	return prot != 0;          /* any access right makes a page readable on x86 */
}

/*
 * A write to a page shared copy-on-write after fork: give the writer its
 * own copy - or, if no one else maps the frame any more, just make it
 * writable again.
 */
static enum fault_result
break_cow(struct mm *mm, uint64_t va, pte_t *pte)
{
	uint64_t old = *pte & PTE_ADDR_MASK;
	uint64_t flags = (*pte & ~(PTE_ADDR_MASK | PTE_COW)) | PTE_W;

	if (pmm_refcount(old) == 1) {
		*pte = old | flags;
	} else {
		uint64_t copy = pmm_alloc();
		if (copy == 0)
			return FAULT_OOM;
		memcpy(phys_to_virt(copy), phys_to_virt(old), PAGE_SIZE);
		*pte = copy | flags;
		pmm_free(old);
	}
	vm_flush_page(mm->pml4, va);
	return FAULT_HANDLED;
}

/*
 * The first touch of page va of area v: a fresh zeroed frame - or, in a
 * MAP_SHARED area, the shared object's frame for that page, which every
 * address space mapping it gets. false if out of memory.
 */
static inline __attribute__((always_inline)) bool   /* (the fault path: no call) */
map_new_page(struct mm *mm, const struct vma *v, uint64_t va)
{
	uint64_t flags = mm_pte_flags(v->prot), frame;

	if (v->shm != NULL) {
		frame = shmem_frame(v->shm, v->pgoff + (va - v->start) / PAGE_SIZE);
		if (frame == 0)
			return false;
		pmm_ref(frame);              /* this mapping's reference; the object keeps its own */
		flags |= PTE_SHARED;
	} else if ((frame = pmm_alloc()) == 0) {
		return false;
	}
	if (vm_map_page(mm->pml4, va, frame, flags) < 0) {
		pmm_free(frame);
		return false;
	}
	return true;
}

enum fault_result
mm_handle_fault(struct mm *mm, uint64_t addr, uint64_t error)
{
	if (addr >= USER_TOP)
		return FAULT_SIGSEGV;
	struct vma *v = vma_find(&mm->vmas, addr);
	if (v == NULL || !access_allowed(v->prot, error))
		return FAULT_SIGSEGV;
	if (error & PF_PRESENT) {
		/* A protection violation: only a write to a copy-on-write page is fixable. */
		pte_t *pte = vm_walk(mm->pml4, addr, false);
		if ((error & PF_WRITE) && pte != NULL && (*pte & PTE_COW))
			return break_cow(mm, PAGE_ROUND_DOWN(addr), pte);
		return FAULT_SIGSEGV;
	}
	return map_new_page(mm, v, PAGE_ROUND_DOWN(addr)) ? FAULT_HANDLED : FAULT_OOM;
}

/* Map every page of [start, end) now (MAP_POPULATE), as the faults would. */
int
mm_populate(struct mm *mm, uint64_t start, uint64_t end)
{
	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		if (vm_translate(mm->pml4, va) != 0)
			continue;
		struct vma *v = vma_find(&mm->vmas, va);
		if (v == NULL || v->prot == 0)
			continue;
		if (!map_new_page(mm, v, va))
			return -ENOMEM;
	}
	return 0;
}

/*
 * Create an area. addr is a hint (0: anywhere) unless flags has MAP_FIXED
 * (replace whatever is there) or MAP_FIXED_NOREPLACE (fail if anything is).
 * Returns the address or a negative errno.
 */
long
mm_map(struct mm *mm, uint64_t addr, uint64_t len, uint32_t prot, uint32_t kind, int flags)
{
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);

	if (!fixed)
		addr = PAGE_ROUND_UP(addr);      /* a hint is only a hint: align it, as Linux does */
	if (fixed) {
		if (vma_overlaps(&mm->vmas, addr, addr + len)) {
			if (flags & MAP_FIXED_NOREPLACE)
				return -EEXIST;
			int err = mm_unmap(mm, addr, addr + len);
			if (err)
				return err;
		}
	} else if (addr < MMAP_MIN_ADDR || addr > USER_TOP - len ||
		   vma_overlaps(&mm->vmas, addr, addr + len)) {
		/* The hint is unusable: take the highest gap below MMAP_BASE. */
		addr = vma_find_gap(&mm->vmas, len, MMAP_MIN_ADDR, MMAP_BASE);
		if (addr == 0)
			return -ENOMEM;
	}
	int err;
	int type = flags & MAP_TYPE;
	if (type == MAP_SHARED || type == MAP_SHARED_VALIDATE) {
		struct shmem *shm = shmem_new();
		if (shm == NULL)
			return -ENOMEM;
		err = vma_insert_shared(&mm->vmas, addr, addr + len, prot, kind, shm, 0);
		shmem_put(shm);              /* the area holds it now, or nobody does */
	} else {
		err = vma_insert(&mm->vmas, addr, addr + len, prot, kind);
	}
	if (err)
		return err;
	if (flags & MAP_POPULATE)
		mm_populate(mm, addr, addr + len);   /* best effort, as on Linux */
	return (long)addr;
}

int
mm_unmap(struct mm *mm, uint64_t start, uint64_t end)
{
	int err = vma_remove(&mm->vmas, start, end);

	if (err)
		return err;
	vm_unmap_range(mm->pml4, start, end);
	return 0;
}

/* Pages of mm's areas that hold a frame now (VmRSS; the OOM killer's measure). */
uint64_t
mm_resident_pages(struct mm *mm)
{
	uint64_t n = 0;

	for (struct vma *v = mm->vmas.head; v != NULL; v = v->next)
		for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE)
			n += vm_page_resident(mm->pml4, va);
	return n;
}

/* Does [start, end) touch the vDSO or vvar? Their frames are shared by every process. */
static bool
touches_special(struct mm *mm, uint64_t start, uint64_t end)
{
	for (struct vma *v = mm->vmas.head; v != NULL && v->start < end; v = v->next)
		if (v->end > start && (v->kind & (VMA_VDSO | VMA_VVAR)))
			return true;
	return false;
}

int
mm_protect(struct mm *mm, uint64_t start, uint64_t end, uint32_t prot)
{
	if (!vma_covers(&mm->vmas, start, end))
		return -ENOMEM;        /* Linux: part of the range is not mapped */
	if (touches_special(mm, start, end))
		return -EACCES;        /* never make the shared vDSO pages writable */
	int err = vma_protect(&mm->vmas, start, end, prot);
	if (err)
		return err;
	/* PROT_NONE (flags 0): no access, but the data stays, as on Linux. */
	vm_protect_range(mm->pml4, start, end, prot == 0 ? 0 : mm_pte_flags(prot));
	return 0;
}

/* MADV_DONTNEED: drop the pages; the area stays, and reads return zeros again. */
int
mm_discard(struct mm *mm, uint64_t start, uint64_t end)
{
	if (!vma_covers(&mm->vmas, start, end))
		return -ENOMEM;
	if (touches_special(mm, start, end))
		return -EINVAL;        /* they cannot be faulted back in from nothing */
	vm_unmap_range(mm->pml4, start, end);
	return 0;
}

/* fork(): the child's address space is a copy-on-write copy of the parent's. */
int
mm_fork(struct mm *child, struct mm *parent)
{
	if (mm_init(child) < 0)
		return -ENOMEM;
	child->brk_start = parent->brk_start;
	child->brk = parent->brk;
	for (struct vma *v = parent->vmas.head; v != NULL; v = v->next)
		if (vma_insert_shared(&child->vmas, v->start, v->end, v->prot, v->kind, v->shm,
				      v->pgoff) < 0)
			goto fail;
	if (vm_copy_user_cow(child->pml4, parent->pml4) < 0)
		goto fail;
	return 0;
fail:
	mm_destroy(child);
	return -ENOMEM;
}

/*
 * Write into another address space (exec builds the new program's stack
 * while the old program is still current). Pages are faulted in as if
 * the program had written them. 0 or -EFAULT / -ENOMEM.
 */
int
mm_write(struct mm *mm, uint64_t va, const void *src, size_t n)
{
	const uint8_t *from = src;

	while (n > 0) {
		uint64_t pa = vm_translate(mm->pml4, va);
		if (pa == 0) {
			enum fault_result r = mm_handle_fault(mm, va, PF_WRITE | PF_USER);
			if (r != FAULT_HANDLED)
				return r == FAULT_OOM ? -ENOMEM : -EFAULT;
			continue;
		}
		size_t chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));
		if (chunk > n)
			chunk = n;
		memcpy(phys_to_virt(pa), from, chunk);
		va += chunk, from += chunk, n -= chunk;
	}
	return 0;
}

/*
 * brk(2): move the end of the heap. It never fails with an error: it
 * returns the new break, or the old one if the move is impossible.
 */
uint64_t
mm_set_brk(struct mm *mm, uint64_t new_brk)
{
	uint64_t old_end = PAGE_ROUND_UP(mm->brk), new_end = PAGE_ROUND_UP(new_brk);

	if (new_brk < mm->brk_start || new_brk > USER_TOP)
		return mm->brk;
	if (new_end > old_end) {
		if (vma_overlaps(&mm->vmas, old_end, new_end) ||
		    vma_insert(&mm->vmas, old_end, new_end, VMA_READ | VMA_WRITE, VMA_HEAP) < 0)
			return mm->brk;
	} else if (new_end < old_end) {
		if (mm_unmap(mm, new_end, old_end) < 0)
			return mm->brk;
	}
	mm->brk = new_brk;
	return new_brk;
}
