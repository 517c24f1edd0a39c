/*
 * vm.h - 4-level page tables (x86-64 long mode paging).
 *
 * A 48-bit virtual address is split into four 9-bit table indexes and a
 * 12-bit offset:
 *
 *   63     48 47    39 38    30 29    21 20    12 11         0
 *  +---------+--------+--------+--------+--------+------------+
 *  | sign ext| PML4   | PDPT   | PD     | PT     | offset     |
 *  +---------+--------+--------+--------+--------+------------+
 *
 *   CR3 -> PML4[i4] -> PDPT[i3] -> PD[i2] -> PT[i1] -> 4 KiB frame
 *
 * Each entry holds a frame address (bits 51:12) and flag bits:
 *
 *   63  62..52  51........12  11..9  8  7   6  5  4   3   2   1  0
 *  +--+-------+-------------+------+--+---+--+--+---+---+---+---+--+
 *  |NX| avail | frame addr  |avail |G |PS |D |A |PCD|PWT|U/S|R/W|P |
 *  +--+-------+-------------+------+--+---+--+--+---+---+---+---+--+
 *
 * A page is user-accessible only if U/S is set at all four levels, and
 * writable only if R/W is set at all four, so upper levels are generous
 * (P|W|U) and the last level decides.
 */
#ifndef VM_H
#define VM_H

#include <stdbool.h>
#include <stdint.h>

#include "bootinfo.h"

typedef uint64_t pte_t;

#define PTE_P   (1UL << 0)     /* present */
#define PTE_W   (1UL << 1)     /* writable */
#define PTE_U   (1UL << 2)     /* user-accessible */
#define PTE_PWT (1UL << 3)
#define PTE_PCD (1UL << 4)
#define PTE_A   (1UL << 5)     /* accessed (set by the CPU) */
#define PTE_D   (1UL << 6)     /* dirty (set by the CPU) */
#define PTE_PS  (1UL << 7)     /* large page (in PDPT/PD entries) */
#define PTE_G   (1UL << 8)     /* global: kept in the TLB across CR3 writes */
#define PTE_NX  (1UL << 63)    /* no-execute (needs EFER.NXE) */
#define PTE_ADDR_MASK 0x000ffffffffff000UL

#define PT_INDEX(va, level) (((va) >> (12 + 9 * ((level) - 1))) & 511)

/* The NX bit, or 0 on a CPU without NX (where bit 63 would be reserved). */
extern uint64_t pte_nx;

/* Walk to the last-level entry for va; with create, allocate missing tables. */
pte_t *vm_walk(uint64_t pml4_pa, uint64_t va, bool create);
int vm_map_page(uint64_t pml4_pa, uint64_t va, uint64_t pa, uint64_t flags);
uint64_t vm_translate(uint64_t pml4_pa, uint64_t va);   /* physical address or 0 */

void vm_init_kernel(const struct boot_info *bi);
uint64_t vm_kernel_pml4(void);
uint64_t vm_new_user_space(void);             /* PML4 with the kernel half; 0 if no memory */
void vm_free_user_space(uint64_t pml4_pa);    /* frees user frames and tables */
void vm_unmap_range(uint64_t pml4_pa, uint64_t start, uint64_t end);
void vm_protect_range(uint64_t pml4_pa, uint64_t start, uint64_t end, uint64_t flags);
uint64_t vm_active_pml4(void);               /* the page tables CR3 holds now */
void vm_switch(uint64_t pml4_pa);
void vm_flush_page(uint64_t pml4_pa, uint64_t va);   /* INVLPG if pml4 is live */

/* Kernel stacks live in their own area, each above an unmapped guard page. */
#define KSTACK_PAGES 4
uint64_t kstack_map(int slot);                /* top of slot's fresh kernel stack, or 0 */
void kstack_unmap(int slot);

/* Software bit 9: a page shared copy-on-write after fork (read-only until written). */
#define PTE_COW (1UL << 9)
/*
 * Software bit 10: a page of a PROT_NONE area. Not present (any access
 * faults), yet the entry keeps its frame, so the data is there again when
 * mprotect gives access back - what guard pages and garbage collectors
 * rely on (Linux's _PAGE_PROTNONE):
 *
 *   63 NX | frame address | 11 SHARED | 10 PROTNONE | 9 COW | ... | 2 U | 1 W | 0 P=0
 */
#define PTE_PROTNONE (1UL << 10)

/*
 * Software bit 11: a page of a MAP_SHARED mapping (mm/shmem.c). fork maps
 * it in the child as it is - writable, not copy-on-write - and mprotect may
 * make it writable although other mappings use the frame too.
 */
#define PTE_SHARED (1UL << 11)

/* A last-level entry that holds a frame: mapped, or kept by PROT_NONE. */
static inline bool
pte_has_frame(pte_t e)
{
	return e & (PTE_P | PTE_PROTNONE);
}

/* Does the page at va hold a frame (mapped, or PROT_NONE with its data kept)? */
bool vm_page_resident(uint64_t pml4_pa, uint64_t va);

/* Copy the user half of src into dst, sharing every page copy-on-write. */
int vm_copy_user_cow(uint64_t dst_pml4, uint64_t src_pml4);

#endif
