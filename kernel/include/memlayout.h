/*
 * memlayout.h - where everything lives in the 64-bit virtual address space.
 *
 *   0xffffffffffffffff +---------------------------+
 *                      | kernel image (text, data) |  KERNEL_VMA + physical address
 *   0xffffffff80000000 +---------------------------+  (top 2 GiB: -mcmodel=kernel)
 *                      |           ...             |
 *   0xffff8000xxxxxxxx | direct map of all RAM     |  PHYSMAP_BASE + physical address
 *   0xffff800000000000 +---------------------------+  first kernel-half address
 *                      |   non-canonical hole      |  any access faults (#GP)
 *   0x0000800000000000 +---------------------------+
 *                      | (last page never mapped)  |  see USER_TOP
 *   0x00007ffffffff000 +---------------------------+  USER_TOP = top of user stack
 *                      | user stack (grows down)   |
 *                      |           ...             |
 *   0x0000000000400000 | program text, data, bss   |  where static binaries are linked
 *   0x0000000000000000 +---------------------------+  page 0 never mapped (NULL)
 *
 * The user half (PML4 slots 0..255) is private to each process; the kernel
 * half (slots 256..511) is shared by every address space.
 */
#ifndef MEMLAYOUT_H
#define MEMLAYOUT_H

#define PAGE_SIZE 4096UL
#define PAGE_SHIFT 12

#define KERNEL_VMA   0xffffffff80000000UL  /* kernel image = KERNEL_VMA + phys */
#define KERNEL_PHYS  0x100000UL            /* where the boot loader puts it: 1 MiB */

#ifndef PHYSMAP_BASE   /* host tests may point this at a fake "physical memory" */
#define PHYSMAP_BASE 0xffff800000000000UL  /* direct map of physical memory */
#endif

/*
 * The highest user address is one page below the canonical boundary
 * 0x800000000000, as on Linux (TASK_SIZE_MAX). Why: if a user could map the
 * last canonical page and execute a 2-byte SYSCALL at its very end, the
 * return address in RCX would be 0x800000000000, which is not canonical, and
 * SYSRET would then fault *in ring 0 on the user's stack* on Intel CPUs.
 * Keeping that page unmappable removes the problem at the source.
 */
#define USER_TOP     0x00007ffffffff000UL
#define USER_BOTTOM  0x0000000000001000UL  /* page 0 stays unmapped: NULL faults */

#define USER_STACK_TOP   USER_TOP      /* the stack grows down from here, up to RLIMIT_STACK (mm.h: STACK_MAX) */

/* Load bias for position-independent (static-pie) programs, Linux's ELF_ET_DYN_BASE. */
#define USER_PIE_BASE    0x0000555555554000UL

#ifndef __ASSEMBLER__
#include <stdint.h>

static inline void *
phys_to_virt(uint64_t pa)
{
	return (void *)(uintptr_t)(pa + PHYSMAP_BASE);
}

static inline uint64_t
virt_to_phys(const void *va)
{
	uintptr_t v = (uintptr_t)va;
	/* Kernel image addresses and direct-map addresses are both linear. */
	if (v >= KERNEL_VMA)
		return v - KERNEL_VMA;
	return v - PHYSMAP_BASE;
}

#define PAGE_ROUND_DOWN(a) ((a) & ~(PAGE_SIZE - 1))
#define PAGE_ROUND_UP(a)   (((a) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#endif

#endif
