/*
 * vm.c - page tables: walk, map, translate, and the kernel's own address
 * space. See vm.h for the entry format and memlayout.h for the layout.
 */
#include "cpu.h"
#include "memlayout.h"
#include "panic.h"
#include "pmm.h"
#include "printk.h"
#include "string.h"
#include "vm.h"
#include "x86.h"

uint64_t pte_nx;
static uint64_t kernel_pml4;
static uint64_t active_pml4;     /* what CR3 holds (kept here: reading CR3 is privileged) */

static pte_t *
table_at(pte_t entry)
{
	return phys_to_virt(entry & PTE_ADDR_MASK);
}

/*
 * Return a pointer to the level-1 (PT) entry that maps va, walking down from
 * the PML4 (level 4). Missing tables are allocated when create is true (and
 * made P|W|U so that the last level alone decides permissions), otherwise
 * NULL is returned. Large pages are not expected here.
 */
pte_t *
vm_walk(uint64_t pml4_pa, uint64_t va, bool create)
{
	pte_t *table = phys_to_virt(pml4_pa);

	for (int level = 4; level > 1; level--) {
		pte_t *entry = &table[PT_INDEX(va, level)];
		if (!(*entry & PTE_P)) {
			if (!create)
				return NULL;
			uint64_t frame = pmm_alloc();
			if (frame == 0)
				return NULL;
			*entry = frame | PTE_P | PTE_W | PTE_U;
		} else if (*entry & PTE_PS) {
			return NULL;     /* a 2 MiB/1 GiB page: no level-1 entry exists */
		}
		table = table_at(*entry);
	}
	return &table[PT_INDEX(va, 1)];
}

int
vm_map_page(uint64_t pml4_pa, uint64_t va, uint64_t pa, uint64_t flags)
{
	pte_t *pte = vm_walk(pml4_pa, va, true);

	if (pte == NULL)
		return -1;
	*pte = (pa & PTE_ADDR_MASK) | flags | PTE_P;
	return 0;
}

uint64_t
vm_translate(uint64_t pml4_pa, uint64_t va)
{
	pte_t *pte = vm_walk(pml4_pa, va, false);

	if (pte == NULL || !(*pte & PTE_P))
		return 0;
	return (*pte & PTE_ADDR_MASK) | (va & (PAGE_SIZE - 1));
}

bool
vm_page_resident(uint64_t pml4_pa, uint64_t va)
{
	pte_t *pte = vm_walk(pml4_pa, va, false);

	return pte != NULL && pte_has_frame(*pte);
}

/* Map [pa, pa+len) at PHYSMAP_BASE + pa with 2 MiB pages, RW, NX, global. */
static void
map_physmap(uint64_t len)
{
	for (uint64_t pa = 0; pa < len; pa += 0x200000) {
		uint64_t va = PHYSMAP_BASE + pa;
		pte_t *table = phys_to_virt(kernel_pml4);
		for (int level = 4; level > 2; level--) {
			pte_t *e = &table[PT_INDEX(va, level)];
			if (!(*e & PTE_P)) {
				uint64_t t = pmm_alloc();
				if (t == 0)
					panic("vm: out of memory building the direct map");
				*e = t | PTE_P | PTE_W;
			}
			table = table_at(*e);
		}
		table[PT_INDEX(va, 2)] = pa | PTE_P | PTE_W | PTE_PS | PTE_G | pte_nx;
	}
}

/* The kernel image, page by page, with each section's own permissions. */
extern char _text_start[], _text_end[], _rodata_start[], _rodata_end[];
extern char _data_start[], _kernel_end[];

static const struct kernel_region {
	const char *name;
	char *start, *end;
	uint64_t flags;          /* PTE_NX is added at run time where supported */
	bool executable;
} kernel_regions[] = {
	{ "text",     _text_start,   _text_end,   PTE_G,         true },
	{ "rodata",   _rodata_start, _rodata_end, PTE_G,         false },
	{ "data+bss", _data_start,   _kernel_end, PTE_G | PTE_W, false },
};

static void
map_kernel_image(void)
{
	for (unsigned i = 0; i < sizeof kernel_regions / sizeof kernel_regions[0]; i++) {
		const struct kernel_region *r = &kernel_regions[i];
		uint64_t flags = r->flags | (r->executable ? 0 : pte_nx);
		for (char *va = r->start; va < r->end; va += PAGE_SIZE)
			if (vm_map_page(kernel_pml4, (uint64_t)va, virt_to_phys(va), flags) < 0)
				panic("vm: out of memory mapping the kernel %s", r->name);
	}
}

#define KSTACK_AREA 0xffffff0000000000UL   /* PML4 slot 510 */

/* Pre-create the PML4 slot so every address space shares the stack area. */
static void
prepare_kstack_area(void)
{
	pte_t *pml4 = phys_to_virt(kernel_pml4);
	uint64_t t = pmm_alloc();

	if (t == 0)
		panic("vm: out of memory for the kernel stack area");
	pml4[PT_INDEX(KSTACK_AREA, 4)] = t | PTE_P | PTE_W;
}

/*
 * Build the final kernel address space (replacing boot/entry32.S's tables):
 * the direct map of all RAM, the kernel image with W^X permissions, the
 * kernel stack area. The identity map of low memory disappears: from now on
 * a NULL pointer dereference in the kernel faults.
 */
void
vm_init_kernel(const struct boot_info *bi)
{
	(void)bi;
	pte_nx = cpu_features.nx ? PTE_NX : 0;
	kernel_pml4 = pmm_alloc();
	if (kernel_pml4 == 0)
		panic("vm: out of memory");
	uint64_t physmap_len = pmm_max_phys();
	if (physmap_len < 0x100000000UL)
		physmap_len = 0x100000000UL;       /* also cover low MMIO (VGA, APICs) */
	map_physmap(PAGE_ROUND_UP(physmap_len));
	map_kernel_image();
	prepare_kstack_area();
	vm_switch(kernel_pml4);
}

uint64_t
vm_kernel_pml4(void)
{
	return kernel_pml4;
}

void
vm_switch(uint64_t pml4_pa)
{
	active_pml4 = pml4_pa;
	write_cr3(pml4_pa);
}

uint64_t
vm_active_pml4(void)
{
	return active_pml4;
}

void
vm_flush_page(uint64_t pml4_pa, uint64_t va)
{
	if (pml4_pa == active_pml4)
		invlpg(va);
}

uint64_t
vm_new_user_space(void)
{
	uint64_t pml4 = pmm_alloc();

	if (pml4 == 0)
		return 0;
	/* Share the kernel half (slots 256..511): same PDPTs in every process. */
	memcpy((pte_t *)phys_to_virt(pml4) + 256, (pte_t *)phys_to_virt(kernel_pml4) + 256,
	       256 * sizeof(pte_t));
	return pml4;
}

/*
 * TLB shootdown, the simple way (one CPU): after changing entries of the
 * active address space, invalidate each changed page with INVLPG, or - past
 * FLUSH_CEILING pages, where that gets slower than starting afresh -
 * reload CR3, which drops every non-global translation (Linux uses the same
 * idea, tlb_single_page_flush_ceiling = 33).
 */
#define FLUSH_CEILING 32

struct tlb_batch {
	uint64_t pml4;
	uint64_t pages[FLUSH_CEILING];
	int count;               /* > FLUSH_CEILING: flush everything */
};

static void
tlb_batch_add(struct tlb_batch *b, uint64_t va)
{
	if (b->count < FLUSH_CEILING)
		b->pages[b->count] = va;
	b->count++;
}

static void
tlb_batch_flush(struct tlb_batch *b)
{
	if (b->pml4 != active_pml4 || b->count == 0)
		return;              /* not the live address space: nothing cached */
	if (b->count > FLUSH_CEILING)
		write_cr3(active_pml4);
	else
		for (int i = 0; i < b->count; i++)
			invlpg(b->pages[i]);
}

/* Bytes of address space one entry covers at each level: 4 KiB, 2 MiB, 1 GiB, 512 GiB. */
static uint64_t
entry_span(int level)
{
	return 1UL << (12 + 9 * (level - 1));
}

static bool
table_is_empty(const pte_t *t)
{
	for (int i = 0; i < 512; i++)
		if (pte_has_frame(t[i]))
			return false;
	return true;
}

/*
 * Remove the mappings of [start, end) below one table of the given level,
 * whose first entry maps address base: free each mapped frame, then each
 * table left empty. Returns true if this table is now empty.
 */
static bool
unmap_in_table(pte_t *table, int level, uint64_t base, uint64_t start, uint64_t end,
	       struct tlb_batch *tlb)
{
	uint64_t span = entry_span(level);
	int first = start > base ? (int)((start - base) / span) : 0;

	for (int i = first; i < 512 && base + i * span < end; i++) {
		pte_t *e = &table[i];
		uint64_t lo = base + i * span;
		if (!pte_has_frame(*e))          /* (PROT_NONE pages too: their frames go) */
			continue;
		if (level == 1) {
			pmm_free(*e & PTE_ADDR_MASK);
			*e = 0;
			tlb_batch_add(tlb, lo);
		} else if (unmap_in_table(table_at(*e), level - 1, lo, start, end, tlb)) {
			pmm_free(*e & PTE_ADDR_MASK);
			*e = 0;
		}
	}
	return table_is_empty(table);
}

/* Unmap [start, end) (page-aligned, user half): frames and empty tables are freed. */
void
vm_unmap_range(uint64_t pml4_pa, uint64_t start, uint64_t end)
{
	struct tlb_batch tlb = { .pml4 = pml4_pa };
	pte_t *pml4 = phys_to_virt(pml4_pa);
	uint64_t span = entry_span(4);

	if (end > USER_TOP + PAGE_SIZE)
		end = USER_TOP + PAGE_SIZE;      /* never touch the kernel half */
	for (uint64_t i = start / span; i < 256 && i * span < end; i++) {
		if (!(pml4[i] & PTE_P))
			continue;
		if (unmap_in_table(table_at(pml4[i]), 3, i * span, start, end, &tlb)) {
			pmm_free(pml4[i] & PTE_ADDR_MASK);
			pml4[i] = 0;
		}
	}
	tlb_batch_flush(&tlb);
}

/*
 * Give every page of [start, end) that holds a frame the flags (U, W, NX)
 * of a new protection; flags 0 is PROT_NONE: the pages become not present
 * but keep their frames (PTE_PROTNONE), and any other protection makes
 * them present again, data intact.
 */
void
vm_protect_range(uint64_t pml4_pa, uint64_t start, uint64_t end, uint64_t flags)
{
	struct tlb_batch tlb = { .pml4 = pml4_pa };
	const uint64_t changeable = PTE_U | PTE_W | PTE_NX;

	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		pte_t *pte = vm_walk(pml4_pa, va, false);
		if (pte == NULL || !pte_has_frame(*pte))
			continue;
		tlb_batch_add(&tlb, va);
		if (flags == 0) {
			*pte = (*pte & ~PTE_P) | PTE_PROTNONE;
			continue;
		}
		*pte = (*pte & ~PTE_PROTNONE) | PTE_P;
		uint64_t new_flags = flags & changeable;
		/* A frame mapped elsewhere too (shared by fork) must not become
		 * writable here: it stays (or becomes) copy-on-write, and the first
		 * write fault copies it - unless sharing it is the point (MAP_SHARED). */
		if ((new_flags & PTE_W) && !(*pte & PTE_SHARED) &&
		    ((*pte & PTE_COW) || pmm_refcount(*pte & PTE_ADDR_MASK) > 1)) {
			new_flags &= ~PTE_W;
			*pte |= PTE_COW;
		}
		*pte = (*pte & ~changeable) | new_flags;
	}
	tlb_batch_flush(&tlb);
}

/*
 * Copy one table level of the user half for fork(). At the last level the
 * frames are shared, not copied: a writable page becomes read-only in both
 * address spaces and is marked PTE_COW, and the frame's reference count
 * goes up. The first write from either side faults, and mm_handle_fault
 * gives the writer its own copy (copy-on-write). A MAP_SHARED page
 * (PTE_SHARED) is mapped in both as it is: their writes meet.
 */
static int
copy_table_cow(pte_t *dst, pte_t *src, int level)
{
	for (int i = 0; i < 512; i++) {
		if (!pte_has_frame(src[i]))  /* (PTE_PROTNONE is set only in last-level entries) */
			continue;
		if (level == 1) {                /* a mapped page, or a PROT_NONE one's frame */
			if ((src[i] & PTE_W) && !(src[i] & PTE_SHARED))
				src[i] = (src[i] & ~PTE_W) | PTE_COW;
			dst[i] = src[i];
			pmm_ref(src[i] & PTE_ADDR_MASK);
			continue;
		}
		uint64_t table = pmm_alloc();
		if (table == 0)
			return -1;
		dst[i] = table | (src[i] & ~PTE_ADDR_MASK);
		if (copy_table_cow(table_at(dst[i]), table_at(src[i]), level - 1) < 0)
			return -1;
	}
	return 0;
}

int
vm_copy_user_cow(uint64_t dst_pml4, uint64_t src_pml4)
{
	pte_t *dst = phys_to_virt(dst_pml4), *src = phys_to_virt(src_pml4);
	int err = 0;

	for (int i = 0; i < 256 && err == 0; i++) {
		if (!(src[i] & PTE_P))
			continue;
		uint64_t table = pmm_alloc();
		if (table == 0)
			return -1;
		dst[i] = table | (src[i] & ~PTE_ADDR_MASK);
		err = copy_table_cow(table_at(dst[i]), table_at(src[i]), 3);
	}
	/* The source lost write permission on its pages: forget cached translations. */
	if (src_pml4 == active_pml4)
		write_cr3(active_pml4);
	return err;
}

void
vm_free_user_space(uint64_t pml4_pa)
{
	vm_unmap_range(pml4_pa, 0, USER_TOP + PAGE_SIZE);
	pmm_free(pml4_pa);
}

/*
 * Kernel stacks: KSTACK_PAGES pages for each process-table slot n, at
 * KSTACK_AREA + n * (stack + guard). The page below each stack stays
 * unmapped, so a kernel stack overflow faults at once (and the
 * double-fault handler runs on its own IST stack to report it) instead of
 * silently overwriting memory. The frames are freed when the slot's
 * process is reaped.
 */
static uint64_t
kstack_base(int slot)
{
	return KSTACK_AREA + (uint64_t)slot * (KSTACK_PAGES + 1) * PAGE_SIZE + PAGE_SIZE;
}

uint64_t
kstack_map(int slot)
{
	uint64_t base = kstack_base(slot);

	for (int i = 0; i < KSTACK_PAGES; i++) {
		uint64_t frame = pmm_alloc();
		if (frame == 0 || vm_map_page(kernel_pml4, base + i * PAGE_SIZE, frame,
					      PTE_W | PTE_G | pte_nx) < 0) {
			if (frame != 0)
				pmm_free(frame);
			kstack_unmap(slot);
			return 0;
		}
	}
	return base + KSTACK_PAGES * PAGE_SIZE;
}

void
kstack_unmap(int slot)
{
	uint64_t base = kstack_base(slot);

	for (int i = 0; i < KSTACK_PAGES; i++) {
		uint64_t va = base + i * PAGE_SIZE;
		pte_t *pte = vm_walk(kernel_pml4, va, false);
		if (pte != NULL && (*pte & PTE_P)) {
			pmm_free(*pte & PTE_ADDR_MASK);
			*pte = 0;
			invlpg(va);          /* global page: CR3 reloads would not drop it */
		}
	}
}
