/*
 * fake_phys.h - simulated physical memory for the page-table tests
 * (test_vm, test_mmap), and the knobs of the pmm that hands it out
 * (fake_pmm.c).
 *
 * The Makefile force-includes this header (-include) before every source
 * of those binaries, kernel files included. It defines PHYSMAP_BASE, so
 * memlayout.h's phys_to_virt(pa) = pa + PHYSMAP_BASE lands in fake_phys[]:
 * "physical address" n * 4096 is page n of the array. Only <stddef.h>,
 * <stdint.h> and <stdbool.h> are included: kernel headers come after.
 *
 * Frame 0 is never handed out (pmm_alloc returns 0 for "no memory"). Since
 * vm_init_kernel never runs in these tests, a linked vm.c's kernel_pml4
 * stays 0: frame 0 is then the kernel's PML4, whose upper half
 * vm_new_user_space copies.
 */
#ifndef FAKE_PHYS_H
#define FAKE_PHYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FAKE_PHYS_PAGES 1024                  /* 4 MiB of "RAM" */
#define FAKE_PHYS_BYTES (FAKE_PHYS_PAGES * 4096UL)
/* Freed and never-allocated frames are filled with this byte: as a page-table
 * entry 0x6b6b...6b is present, not a large page, and points far outside
 * fake_phys[], so walking a stale table crashes instead of passing. */
#define FAKE_PHYS_POISON 0x6b

extern uint8_t fake_phys[];
#define PHYSMAP_BASE ((uintptr_t)fake_phys)

/* pmm_alloc returns 0 on the call numbered fake_pmm_fail_at (1 = the first
 * after fake_pmm_reset()), and on every later call if fake_pmm_fail_sticky.
 * -1 (the default) never fails. Running out of frames fails the test. */
extern int fake_pmm_fail_at;
extern int fake_pmm_fail_sticky;
extern int fake_pmm_calls;          /* pmm_alloc calls since the reset */
extern long fake_pmm_allocs;        /* frames handed out since the reset */
extern long fake_pmm_frees;         /* frames whose last reference was dropped */

/* Every frame free and poisoned, counters zero, no failure planned. */
void fake_pmm_reset(void);
/* From the next call on, pmm_alloc fails after n more successes (n >= 0). */
void fake_pmm_fail_after(int n);
/* Frames with a reference count above zero. */
size_t fake_pmm_live(void);
/* The reference count of pa; fails the test if pa is no frame of fake_phys[]. */
unsigned fake_pmm_refs(uint64_t pa);

#endif
