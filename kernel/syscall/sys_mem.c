/*
 * sys_mem.c - mmap(2), munmap(2), mprotect(2), madvise(2), brk(2).
 * Here: argument checking, with Linux's error for each bad argument.
 * The work: mm/mmap.c.
 */
#include "cpu.h"
#include "memlayout.h"
#include "mm.h"
#include "proc.h"
#include "syscall.h"
#include "vm.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)

static bool
page_aligned(uint64_t v)
{
	return (v & (PAGE_SIZE - 1)) == 0;
}

/* Round len up to pages; false if that overflows or leaves the user half. */
static bool
page_length(uint64_t len, uint64_t *out)
{
	if (len > USER_TOP)
		return false;
	*out = PAGE_ROUND_UP(len);
	return true;
}

long
sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
	uint64_t plen;
	int type = flags & MAP_TYPE;

	(void)fd;
	if (len == 0 || !page_aligned(off))
		return -EINVAL;
	if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE)
		return -EINVAL;              /* no map type at all */
	if (prot & ~PROT_ALL)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -EBADF;               /* file mappings need files: a later issue */
	if (!page_length(len, &plen))
		return -ENOMEM;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (!page_aligned(addr))
			return -EINVAL;
		if (addr > USER_TOP - plen)
			return -ENOMEM;
		if (addr < MMAP_MIN_ADDR)
			return -EPERM;           /* keep NULL dereferences faulting */
	}
	/* MAP_SHARED: shared with the children fork makes (mm/shmem.c). Other
	 * flags (MAP_NORESERVE, MAP_STACK, unknown bits) change nothing here. */
	return mm_map(current_proc()->mm, addr, plen, (uint32_t)prot, VMA_ANON, flags);
}

long
sys_munmap(uint64_t addr, uint64_t len)
{
	uint64_t plen;

	if (!page_aligned(addr) || len == 0 || !page_length(len, &plen) ||
	    addr > USER_TOP - plen)
		return -EINVAL;
	return mm_unmap(current_proc()->mm, addr, addr + plen);   /* unmapped parts: fine */
}

long
sys_mprotect(uint64_t addr, uint64_t len, int prot)
{
	uint64_t plen;

	if (!page_aligned(addr) || (prot & ~PROT_ALL))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!page_length(len, &plen) || addr > USER_TOP - plen)
		return -ENOMEM;
	return mm_protect(current_proc()->mm, addr, addr + plen, (uint32_t)prot);
}

long
sys_madvise(uint64_t addr, uint64_t len, int advice)
{
	uint64_t plen;

	if (!page_aligned(addr))
		return -EINVAL;
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
		break;
	default:
		return -EINVAL;
	}
	if (len == 0)
		return 0;
	if (!page_length(len, &plen) || addr > USER_TOP - plen)
		return -ENOMEM;
	if (advice == MADV_DONTNEED || advice == MADV_FREE)
		return mm_discard(current_proc()->mm, addr, addr + plen);
	return vma_covers(&current_proc()->mm->vmas, addr, addr + plen) ? 0 : -ENOMEM;
}

long
sys_brk(uint64_t addr)
{
	return (long)mm_set_brk(current_proc()->mm, addr);
}

/*
 * mincore(2): which pages of [addr, addr + len) are in memory now - one
 * byte per page, bit 0 set if resident. It shows demand paging at work: a
 * fresh mapping is all zeros until touched. -ENOMEM if part of the range
 * is not mapped at all.
 */
long
sys_mincore(uint64_t addr, uint64_t len, uint64_t uvec)
{
	struct mm *mm = current_proc()->mm;
	uint64_t plen;
	uint8_t chunk[64];

	if (!page_aligned(addr))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!page_length(len, &plen) || addr > USER_TOP - plen)
		return -ENOMEM;
	if (!vma_covers(&mm->vmas, addr, addr + plen))
		return -ENOMEM;
	for (uint64_t done = 0; done < plen / PAGE_SIZE;) {
		size_t n = 0;
		for (; n < sizeof chunk && done + n < plen / PAGE_SIZE; n++)
			chunk[n] = vm_page_resident(mm->pml4, addr + (done + n) * PAGE_SIZE);
		if (copy_to_user(uvec + done, chunk, n) < 0)
			return -EFAULT;
		done += n;
	}
	return 0;
}
