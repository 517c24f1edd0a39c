/*
 * test_vm.c - kernel/mm/vm.c: 4-level page tables, run against simulated
 * physical memory (stubs/fake_phys.h, stubs/fake_pmm.c): every table and
 * frame is a page of fake_phys[], allocated, reference-counted and freed
 * through the fake pmm, which fails the test on a double free.
 *
 * vm.c is #included to reach its static kernel_pml4 (the kernel's PML4,
 * whose upper half every address space shares) and active_pml4. The
 * latter stays 0, so no test address space is "live" and vm.c never
 * executes INVLPG or a CR3 write (privileged: they would crash the test).
 * vm_switch, vm_init_kernel and kstack_map/unmap are never called; the
 * Makefile's --gc-sections drops what only they refer to.
 */
#include "host_test.h"

#include "../../kernel/mm/vm.c"

#define KiB 1024UL
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)
#define TABLE_FLAGS (PTE_P | PTE_W | PTE_U)   /* what vm_walk gives new tables */
#define USER_RW (PTE_U | PTE_W | PTE_NX)
#define USER_RO (PTE_U | PTE_NX)

/* A page of the kernel half, mapped in setup through PML4 slot 256. */
#define KPAGE 0xffff800000200000UL

static uint64_t kpage_frame;
static size_t base_live;          /* frames in use after setup (the kernel's) */

static int
setup(void **state)
{
	(void)state;
	fake_pmm_reset();
	pte_nx = PTE_NX;
	active_pml4 = 0;
	/* A kernel PML4 with three upper-half slots; slot 256 maps KPAGE. */
	kernel_pml4 = pmm_alloc();
	pte_t *k = phys_to_virt(kernel_pml4);
	k[256] = pmm_alloc() | PTE_P | PTE_W;
	k[300] = pmm_alloc() | PTE_P | PTE_W;
	k[511] = pmm_alloc() | PTE_P | PTE_W;
	kpage_frame = pmm_alloc();
	assert_int_equal(vm_map_page(kernel_pml4, KPAGE, kpage_frame, PTE_W | PTE_G | PTE_NX), 0);
	base_live = fake_pmm_live();
	return 0;
}

/* ---------------------------------------------------------------- helpers */

/* The entry for va in the table of the given level (4: PML4 .. 1: PT), or
 * NULL when a table above it is missing. Walked here, not by vm_walk. */
static pte_t *
entry_at(uint64_t pml4, uint64_t va, int level)
{
	pte_t *t = phys_to_virt(pml4);

	for (int lv = 4; lv > level; lv--) {
		pte_t e = t[PT_INDEX(va, lv)];
		if (!(e & PTE_P))
			return NULL;
		t = phys_to_virt(e & PTE_ADDR_MASK);
	}
	return &t[PT_INDEX(va, level)];
}

/* Physical address of the table of the given level that maps va, or 0. */
static uint64_t
table_pa(uint64_t pml4, uint64_t va, int level)
{
	if (level == 4)
		return pml4;
	pte_t *e = entry_at(pml4, va, level + 1);
	return e != NULL && (*e & PTE_P) ? *e & PTE_ADDR_MASK : 0;
}

static uint64_t
new_space(void)
{
	uint64_t pml4 = vm_new_user_space();
	assert_int_not_equal(pml4, 0);
	return pml4;
}

/* Map a new frame at va, its first 8 bytes holding va; returns the frame. */
static uint64_t
map_new(uint64_t pml4, uint64_t va, uint64_t flags)
{
	uint64_t frame = pmm_alloc();
	assert_int_not_equal(frame, 0);
	*(uint64_t *)phys_to_virt(frame) = va;
	assert_int_equal(vm_map_page(pml4, va, frame, flags), 0);
	return frame;
}

static pte_t
pte(uint64_t pml4, uint64_t va)
{
	pte_t *e = vm_walk(pml4, va, false);
	assert_non_null(e);
	return *e;
}

/* Free the address space; every frame but the kernel's must be back. */
static void
free_and_check(uint64_t pml4)
{
	vm_free_user_space(pml4);
	assert_int_equal(fake_pmm_live(), base_live);
}

/* ---------------------------------------------------------------- vm_walk */

static void
test_walk_without_create(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();
	int calls = fake_pmm_calls;

	assert_null(vm_walk(pml4, 0x400000, false));
	assert_null(vm_walk(pml4, 0, false));
	assert_null(vm_walk(pml4, USER_TOP - PAGE_SIZE, false));
	/* Some tables present, the PT missing. */
	assert_non_null(vm_walk(pml4, 0x400000, true));
	calls = fake_pmm_calls;
	assert_null(vm_walk(pml4, 0x400000 + 2 * MiB, false));     /* other PD entry */
	assert_null(vm_walk(pml4, 0x400000 + GiB, false));         /* other PDPT entry */
	assert_null(vm_walk(pml4, 0x400000 + 512 * GiB, false));   /* other PML4 entry */
	assert_int_equal(fake_pmm_calls, calls);                   /* nothing allocated */
	free_and_check(pml4);
}

static void
test_walk_create_allocates_tables(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();
	const uint64_t va = 0x0000123456789000UL;
	long allocs = fake_pmm_allocs;

	pte_t *e = vm_walk(pml4, va, true);
	assert_non_null(e);
	assert_int_equal(fake_pmm_allocs - allocs, 3);              /* PDPT, PD, PT */
	for (int level = 4; level > 1; level--) {
		pte_t up = *entry_at(pml4, va, level);
		if ((up & ~PTE_ADDR_MASK) != TABLE_FLAGS)
			fail_msg("level %d entry %#lx: flags are not exactly P|W|U", level,
				 (unsigned long)up);
		assert_int_equal(fake_pmm_refs(up & PTE_ADDR_MASK), 1);
	}
	assert_ptr_equal(e, (pte_t *)phys_to_virt(table_pa(pml4, va, 1)) + PT_INDEX(va, 1));
	assert_int_equal(*e, 0);
	/* The three tables are distinct, and none is the PML4. */
	uint64_t t3 = table_pa(pml4, va, 3), t2 = table_pa(pml4, va, 2), t1 = table_pa(pml4, va, 1);
	assert_true(t3 != t2 && t2 != t1 && t3 != t1 && t3 != pml4 && t2 != pml4 && t1 != pml4);

	/* Walking again, with or without create, allocates nothing. */
	allocs = fake_pmm_allocs;
	assert_ptr_equal(vm_walk(pml4, va, true), e);
	assert_ptr_equal(vm_walk(pml4, va, false), e);
	assert_ptr_equal(vm_walk(pml4, va + 0x123, false), e);       /* offset ignored */
	assert_ptr_equal(vm_walk(pml4, va + PAGE_SIZE, true), e + 1); /* same PT */
	assert_int_equal(fake_pmm_allocs, allocs);
	/* Further away, only the missing levels are allocated. */
	assert_non_null(vm_walk(pml4, va + 2 * MiB, true));
	assert_int_equal(fake_pmm_allocs - allocs, 1);
	assert_non_null(vm_walk(pml4, va + GiB, true));
	assert_int_equal(fake_pmm_allocs - allocs, 3);
	assert_non_null(vm_walk(pml4, va + 512 * GiB, true));
	assert_int_equal(fake_pmm_allocs - allocs, 6);
	assert_int_equal(table_pa(pml4, va + 2 * MiB, 2), t2);
	assert_int_equal(table_pa(pml4, va + GiB, 3), t3);
	free_and_check(pml4);
}

static void
test_walk_create_out_of_memory(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();

	fake_pmm_fail_after(1);                 /* the PDPT, then nothing */
	assert_null(vm_walk(pml4, 0x400000, true));
	assert_int_equal(vm_map_page(pml4, 0x400000, 0x5000, PTE_U), -1);
	fake_pmm_fail_at = -1;
	/* The PDPT that was allocated is part of the tree: freed with it. */
	assert_int_not_equal(table_pa(pml4, 0x400000, 3), 0);
	assert_int_equal(table_pa(pml4, 0x400000, 2), 0);
	free_and_check(pml4);
}

static void
test_walk_large_page_is_null(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();

	assert_non_null(vm_walk(pml4, 0x400000, true));
	pte_t *pd_entry = entry_at(pml4, 0x400000, 2);
	pte_t saved = *pd_entry;
	*pd_entry = 0x200000 | PTE_P | PTE_W | PTE_U | PTE_PS;      /* a 2 MiB page */
	int calls = fake_pmm_calls;
	assert_null(vm_walk(pml4, 0x400000, false));
	assert_null(vm_walk(pml4, 0x400000, true));
	assert_int_equal(vm_translate(pml4, 0x400000), 0);
	*pd_entry = saved;

	pte_t *pdpt_entry = entry_at(pml4, 0x400000, 3);
	saved = *pdpt_entry;
	*pdpt_entry = 0x40000000 | PTE_P | PTE_W | PTE_U | PTE_PS; /* a 1 GiB page */
	assert_null(vm_walk(pml4, 0x400000, true));
	assert_int_equal(fake_pmm_calls, calls);
	*pdpt_entry = saved;
	free_and_check(pml4);
}

/* ---------------------------------------------------------------- vm_map_page, vm_translate */

static void
test_map_and_translate(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();
	const uint64_t va = 0x400000;
	uint64_t frame = pmm_alloc();

	assert_int_equal(vm_map_page(pml4, va, frame, USER_RW), 0);
	assert_int_equal(pte(pml4, va), frame | PTE_P | PTE_U | PTE_W | PTE_NX);
	assert_int_equal(vm_translate(pml4, va), frame);
	assert_int_equal(vm_translate(pml4, va + 0x123), frame + 0x123);   /* offset kept */
	assert_int_equal(vm_translate(pml4, va + 0xfff), frame + 0xfff);
	assert_int_equal(vm_translate(pml4, va + PAGE_SIZE), 0);            /* PT, no entry */
	assert_int_equal(vm_translate(pml4, va - PAGE_SIZE), 0);
	assert_int_equal(vm_translate(pml4, va + GiB), 0);                  /* no tables */

	/* Flags as given, plus P; the address bits of pa only. */
	uint64_t f2 = pmm_alloc();
	assert_int_equal(vm_map_page(pml4, va + PAGE_SIZE, f2 | 0xabc, 0), 0);
	assert_int_equal(pte(pml4, va + PAGE_SIZE), f2 | PTE_P);
	assert_int_equal(vm_translate(pml4, va + PAGE_SIZE + 8), f2 + 8);
	assert_int_equal(vm_map_page(pml4, va + 2 * PAGE_SIZE, f2 | PTE_NX, PTE_U | PTE_COW), 0);
	assert_int_equal(pte(pml4, va + 2 * PAGE_SIZE), f2 | PTE_P | PTE_U | PTE_COW);
	pmm_ref(f2);                                  /* mapped twice now */

	/* Mapping again replaces the entry. */
	uint64_t f3 = pmm_alloc();
	pmm_free(frame);                              /* vm_map_page does not free the old one */
	assert_int_equal(vm_map_page(pml4, va, f3, USER_RO), 0);
	assert_int_equal(pte(pml4, va), f3 | PTE_P | PTE_U | PTE_NX);
	assert_int_equal(vm_translate(pml4, va + 0x10), f3 + 0x10);

	/* A present-bit-less entry translates to nothing. */
	*vm_walk(pml4, va, false) &= ~PTE_P;
	assert_int_equal(vm_translate(pml4, va), 0);
	*vm_walk(pml4, va, false) |= PTE_P;
	free_and_check(pml4);
}

/* ---------------------------------------------------------------- vm_unmap_range */

static void
test_unmap_frees_frames_and_tables(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();
	uint64_t f[3];
	for (int i = 0; i < 3; i++)
		f[i] = map_new(pml4, 0x400000 + i * PAGE_SIZE, USER_RW);
	uint64_t pdpt = table_pa(pml4, 0x400000, 3), pd = table_pa(pml4, 0x400000, 2),
		 pt = table_pa(pml4, 0x400000, 1);
	assert_int_equal(fake_pmm_live(), base_live + 1 + 3 + 3);

	vm_unmap_range(pml4, 0x400000, 0x403000);
	for (int i = 0; i < 3; i++)
		assert_int_equal(fake_pmm_refs(f[i]), 0);
	assert_int_equal(fake_pmm_refs(pt), 0);
	assert_int_equal(fake_pmm_refs(pd), 0);
	assert_int_equal(fake_pmm_refs(pdpt), 0);
	/* Up to but not including the PML4: its entry is cleared, it stays. */
	assert_int_equal(((pte_t *)phys_to_virt(pml4))[0], 0);
	assert_int_equal(fake_pmm_refs(pml4), 1);
	assert_int_equal(fake_pmm_live(), base_live + 1);
	assert_int_equal(vm_translate(pml4, 0x400000), 0);
	assert_null(vm_walk(pml4, 0x400000, false));
	assert_int_equal(vm_translate(pml4, KPAGE), kpage_frame);  /* kernel half intact */
	free_and_check(pml4);
}

static void
test_unmap_partial_leaves_others(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();
	const uint64_t a = 0x400000;
	uint64_t f0 = map_new(pml4, a, USER_RW);
	uint64_t f1 = map_new(pml4, a + PAGE_SIZE, USER_RW);
	uint64_t f2 = map_new(pml4, a + 2 * PAGE_SIZE, USER_RO);
	uint64_t pt = table_pa(pml4, a, 1);
	size_t live = fake_pmm_live();

	vm_unmap_range(pml4, a + PAGE_SIZE, a + 2 * PAGE_SIZE);   /* the middle one */
	assert_int_equal(fake_pmm_refs(f1), 0);
	assert_int_equal(fake_pmm_live(), live - 1);
	assert_int_equal(vm_translate(pml4, a), f0);
	assert_int_equal(vm_translate(pml4, a + PAGE_SIZE), 0);
	assert_int_equal(pte(pml4, a + 2 * PAGE_SIZE), f2 | PTE_P | USER_RO);
	assert_int_equal(table_pa(pml4, a, 1), pt);                /* the PT stays */
	assert_int_equal(*(uint64_t *)phys_to_virt(f0), a);        /* contents untouched */

	vm_unmap_range(pml4, a, a + PAGE_SIZE);
	assert_int_equal(table_pa(pml4, a, 1), pt);
	assert_int_equal(fake_pmm_live(), live - 2);
	vm_unmap_range(pml4, a + 2 * PAGE_SIZE, a + 3 * PAGE_SIZE); /* the last one */
	assert_int_equal(fake_pmm_refs(pt), 0);                    /* now all tables go */
	assert_int_equal(fake_pmm_live(), base_live + 1);
	free_and_check(pml4);
}

static void
test_unmap_across_2mib_boundary(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();
	uint64_t keep_lo = map_new(pml4, 0x1fe000, USER_RW);      /* PT 0, stays */
	uint64_t a = map_new(pml4, 0x1ff000, USER_RW);            /* PT 0, last entry */
	uint64_t b = map_new(pml4, 0x200000, USER_RW);            /* PT 1, first entry */
	uint64_t c = map_new(pml4, 0x201000, USER_RW);            /* PT 1 */
	uint64_t keep_hi = map_new(pml4, 0x400000, USER_RW);      /* PT 2, keeps the PD */
	uint64_t pt0 = table_pa(pml4, 0x1ff000, 1), pt1 = table_pa(pml4, 0x200000, 1);
	uint64_t pd = table_pa(pml4, 0x200000, 2);
	assert_int_not_equal(pt0, pt1);
	size_t live = fake_pmm_live();

	vm_unmap_range(pml4, 0x1ff000, 0x202000);
	assert_int_equal(fake_pmm_refs(a), 0);
	assert_int_equal(fake_pmm_refs(b), 0);
	assert_int_equal(fake_pmm_refs(c), 0);
	assert_int_equal(fake_pmm_refs(pt1), 0);                   /* emptied: freed */
	assert_int_equal(*entry_at(pml4, 0x200000, 2), 0);
	assert_int_equal(table_pa(pml4, 0x1fe000, 1), pt0);        /* still used: kept */
	assert_int_equal(table_pa(pml4, 0x400000, 2), pd);
	assert_int_equal(vm_translate(pml4, 0x1fe000), keep_lo);
	assert_int_equal(vm_translate(pml4, 0x400000), keep_hi);
	assert_int_equal(fake_pmm_live(), live - 4);
	free_and_check(pml4);
}

static void
test_unmap_across_1gib_boundary(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();
	uint64_t a = map_new(pml4, GiB - PAGE_SIZE, USER_RW);      /* PD 0, PT 511 */
	uint64_t b = map_new(pml4, GiB, USER_RW);                  /* PD 1, PT 0 */
	uint64_t keep = map_new(pml4, 2 * GiB, USER_RW);           /* PD 2, keeps the PDPT */
	uint64_t pdpt = table_pa(pml4, GiB, 3);
	uint64_t pd0 = table_pa(pml4, GiB - PAGE_SIZE, 2), pd1 = table_pa(pml4, GiB, 2);
	size_t live = fake_pmm_live();

	vm_unmap_range(pml4, GiB - PAGE_SIZE, GiB + PAGE_SIZE);
	assert_int_equal(fake_pmm_refs(a), 0);
	assert_int_equal(fake_pmm_refs(b), 0);
	assert_int_equal(fake_pmm_refs(pd0), 0);
	assert_int_equal(fake_pmm_refs(pd1), 0);
	assert_int_equal(fake_pmm_live(), live - 6);               /* 2 frames, 2 PTs, 2 PDs */
	assert_int_equal(table_pa(pml4, 2 * GiB, 3), pdpt);
	assert_int_equal(*entry_at(pml4, GiB - PAGE_SIZE, 3), 0);
	assert_int_equal(*entry_at(pml4, GiB, 3), 0);
	assert_int_equal(vm_translate(pml4, 2 * GiB), keep);
	free_and_check(pml4);
}

static void
test_unmap_across_512gib_boundary(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();
	const uint64_t slot = 512 * GiB;
	map_new(pml4, slot - PAGE_SIZE, USER_RW);                  /* PML4 slot 0 */
	map_new(pml4, slot, USER_RW);                              /* PML4 slot 1 */
	uint64_t keep = map_new(pml4, 2 * slot + 5 * PAGE_SIZE, USER_RW);
	size_t live = fake_pmm_live();

	vm_unmap_range(pml4, slot - PAGE_SIZE, slot + PAGE_SIZE);
	assert_int_equal(fake_pmm_live(), live - 8);               /* 2 frames, 2 x 3 tables */
	pte_t *root = phys_to_virt(pml4);
	assert_int_equal(root[0], 0);
	assert_int_equal(root[1], 0);
	assert_int_not_equal(root[2], 0);
	assert_int_equal(vm_translate(pml4, 2 * slot + 5 * PAGE_SIZE), keep);
	free_and_check(pml4);
}

static void
test_unmap_absent_is_noop(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();

	vm_unmap_range(pml4, 0, USER_TOP);                         /* nothing mapped */
	assert_int_equal(fake_pmm_live(), base_live + 1);
	uint64_t f = map_new(pml4, 0x400000, USER_RW);
	size_t live = fake_pmm_live();
	int calls = fake_pmm_calls;
	vm_unmap_range(pml4, 0x401000, 0x500000);                  /* same PT, empty entries */
	vm_unmap_range(pml4, 0x10000000, 0x20000000);              /* no PT at all */
	vm_unmap_range(pml4, 0x400000, 0x400000);                  /* empty range */
	assert_int_equal(fake_pmm_live(), live);
	assert_int_equal(vm_translate(pml4, 0x400000), f);
	assert_int_equal(fake_pmm_calls, calls);
	free_and_check(pml4);
}

static void
test_unmap_never_touches_kernel_half(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();
	map_new(pml4, 0x400000, USER_RW);
	map_new(pml4, USER_TOP - PAGE_SIZE, USER_RW);
	pte_t kernel_half[256];
	memcpy(kernel_half, (pte_t *)phys_to_virt(pml4) + 256, sizeof kernel_half);

	vm_unmap_range(pml4, 0, UINT64_MAX);
	assert_memory_equal((pte_t *)phys_to_virt(pml4) + 256, kernel_half, sizeof kernel_half);
	assert_int_equal(vm_translate(pml4, KPAGE), kpage_frame);
	assert_int_equal(fake_pmm_refs(kpage_frame), 1);
	assert_int_equal(fake_pmm_live(), base_live + 1);          /* user pages gone */
	vm_unmap_range(pml4, 0xffff800000000000UL, UINT64_MAX);    /* kernel half only */
	assert_int_equal(vm_translate(pml4, KPAGE), kpage_frame);
	assert_int_equal(fake_pmm_live(), base_live + 1);
	free_and_check(pml4);
}

/* ---------------------------------------------------------------- vm_protect_range */

static void
test_protect_range(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();
	const uint64_t a = 0x400000;
	uint64_t before = map_new(pml4, a - PAGE_SIZE, USER_RO);
	uint64_t f0 = map_new(pml4, a, USER_RW);
	uint64_t f1 = map_new(pml4, a + PAGE_SIZE, USER_RO);
	/* a + 2 pages: not mapped */
	uint64_t f3 = map_new(pml4, a + 3 * PAGE_SIZE, PTE_U | PTE_COW);
	uint64_t f4 = map_new(pml4, a + 4 * PAGE_SIZE, USER_RW | PTE_A | PTE_D | PTE_G | PTE_PCD);
	uint64_t after = map_new(pml4, a + 5 * PAGE_SIZE, USER_RO);
	int calls = fake_pmm_calls;

	/* Read, write, execute. */
	vm_protect_range(pml4, a, a + 5 * PAGE_SIZE, PTE_U | PTE_W);
	assert_int_equal(pte(pml4, a), f0 | PTE_P | PTE_U | PTE_W);
	assert_int_equal(pte(pml4, a + PAGE_SIZE), f1 | PTE_P | PTE_U | PTE_W);
	assert_int_equal(pte(pml4, a + 2 * PAGE_SIZE), 0);          /* not made present */
	/* Copy-on-write: never writable here, the write fault copies it. */
	assert_int_equal(pte(pml4, a + 3 * PAGE_SIZE), f3 | PTE_P | PTE_U | PTE_COW);
	/* Bits other than U, W, NX are kept. */
	assert_int_equal(pte(pml4, a + 4 * PAGE_SIZE),
			 f4 | PTE_P | PTE_U | PTE_W | PTE_A | PTE_D | PTE_G | PTE_PCD);
	/* Outside the range: unchanged. */
	assert_int_equal(pte(pml4, a - PAGE_SIZE), before | PTE_P | USER_RO);
	assert_int_equal(pte(pml4, a + 5 * PAGE_SIZE), after | PTE_P | USER_RO);

	/* Read-only, no execute. */
	vm_protect_range(pml4, a, a + 5 * PAGE_SIZE, PTE_U | PTE_NX);
	assert_int_equal(pte(pml4, a), f0 | PTE_P | PTE_U | PTE_NX);
	assert_int_equal(pte(pml4, a + PAGE_SIZE), f1 | PTE_P | PTE_U | PTE_NX);
	assert_int_equal(pte(pml4, a + 3 * PAGE_SIZE), f3 | PTE_P | PTE_U | PTE_NX | PTE_COW);
	assert_int_equal(pte(pml4, a + 4 * PAGE_SIZE),
			 f4 | PTE_P | PTE_U | PTE_NX | PTE_A | PTE_D | PTE_G | PTE_PCD);

	/* Only U, W and NX of the argument count. */
	vm_protect_range(pml4, a, a + PAGE_SIZE, PTE_W | PTE_G | PTE_PCD | PTE_COW | 0x5000);
	assert_int_equal(pte(pml4, a), f0 | PTE_P | PTE_W);
	/* Part of a page counts as the page. */
	vm_protect_range(pml4, a + PAGE_SIZE + 0x800, a + PAGE_SIZE + 0x801, USER_RW);
	assert_int_equal(pte(pml4, a + PAGE_SIZE), f1 | PTE_P | USER_RW);

	assert_int_equal(fake_pmm_calls, calls);                    /* no tables created */
	assert_null(vm_walk(pml4, a + GiB, false));
	vm_protect_range(pml4, a + GiB, a + GiB + 4 * PAGE_SIZE, USER_RW);   /* nothing there */
	assert_null(vm_walk(pml4, a + GiB, false));
	assert_int_equal(fake_pmm_calls, calls);
	free_and_check(pml4);
}

/* ---------------------------------------------------------------- vm_copy_user_cow */

static void
test_copy_user_cow(void **state)
{
	(void)state;
	uint64_t parent = new_space();
	const uint64_t a = 0x400000, c = 600 * GiB + 0x7000;       /* c: PML4 slot 1 */
	uint64_t fw = map_new(parent, a, USER_RW);                 /* writable */
	uint64_t fr = map_new(parent, a + PAGE_SIZE, USER_RO);     /* read-only */
	uint64_t fx = map_new(parent, a + 2 * PAGE_SIZE, PTE_U);   /* read + exec */
	uint64_t fc = map_new(parent, c, USER_RW | PTE_D | PTE_A);
	uint64_t child = new_space();
	pte_t *child_root = phys_to_virt(child);
	child_root[400] = 0x1234000;                               /* a marker, not present */
	pte_t child_kernel[256];
	memcpy(child_kernel, child_root + 256, sizeof child_kernel);
	long allocs = fake_pmm_allocs;

	assert_int_equal(vm_copy_user_cow(child, parent), 0);
	assert_int_equal(fake_pmm_allocs - allocs, 6);             /* 2 x (PDPT, PD, PT) */

	/* The same frames, one more reference each. */
	assert_int_equal(vm_translate(child, a), fw);
	assert_int_equal(vm_translate(child, a + PAGE_SIZE), fr);
	assert_int_equal(vm_translate(child, a + 2 * PAGE_SIZE), fx);
	assert_int_equal(vm_translate(child, c + 0x10), fc + 0x10);
	assert_int_equal(fake_pmm_refs(fw), 2);
	assert_int_equal(fake_pmm_refs(fr), 2);
	assert_int_equal(fake_pmm_refs(fx), 2);
	assert_int_equal(fake_pmm_refs(fc), 2);
	/* Writable pages: read-only and copy-on-write, in both. */
	assert_int_equal(pte(parent, a), fw | PTE_P | PTE_U | PTE_NX | PTE_COW);
	assert_int_equal(pte(child, a), pte(parent, a));
	assert_int_equal(pte(parent, c), fc | PTE_P | PTE_U | PTE_NX | PTE_COW | PTE_D | PTE_A);
	assert_int_equal(pte(child, c), pte(parent, c));
	/* Read-only pages: shared as they are, without PTE_COW. */
	assert_int_equal(pte(parent, a + PAGE_SIZE), fr | PTE_P | USER_RO);
	assert_int_equal(pte(child, a + PAGE_SIZE), pte(parent, a + PAGE_SIZE));
	assert_int_equal(pte(parent, a + 2 * PAGE_SIZE), fx | PTE_P | PTE_U);
	assert_int_equal(pte(child, a + 2 * PAGE_SIZE), pte(parent, a + 2 * PAGE_SIZE));

	/* Page tables are copied, not shared; upper entries keep their flags. */
	for (int level = 3; level >= 1; level--) {
		assert_int_not_equal(table_pa(child, a, level), table_pa(parent, a, level));
		assert_int_not_equal(table_pa(child, c, level), table_pa(parent, c, level));
		assert_int_equal(*entry_at(child, a, level + 1) & ~PTE_ADDR_MASK,
				 *entry_at(parent, a, level + 1) & ~PTE_ADDR_MASK);
	}
	uint64_t extra = map_new(child, a + 3 * PAGE_SIZE, USER_RW);   /* same PT in the child */
	assert_int_equal(vm_translate(parent, a + 3 * PAGE_SIZE), 0);

	/* The kernel half: the child's untouched, the parent's not made copy-on-write. */
	assert_memory_equal(child_root + 256, child_kernel, sizeof child_kernel);
	assert_int_equal(pte(parent, KPAGE), kpage_frame | PTE_P | PTE_W | PTE_G | PTE_NX);
	assert_int_equal(fake_pmm_refs(kpage_frame), 1);

	/* Freeing the child drops its references only. */
	vm_free_user_space(child);
	assert_int_equal(fake_pmm_refs(extra), 0);
	assert_int_equal(fake_pmm_refs(fw), 1);
	assert_int_equal(fake_pmm_refs(fr), 1);
	assert_int_equal(fake_pmm_refs(fc), 1);
	assert_int_equal(*(uint64_t *)phys_to_virt(fw), a);
	assert_int_equal(vm_translate(parent, c), fc);
	free_and_check(parent);
}

static void
test_copy_user_cow_empty(void **state)
{
	(void)state;
	uint64_t parent = new_space(), child = new_space();
	long allocs = fake_pmm_allocs;
	assert_int_equal(vm_copy_user_cow(child, parent), 0);
	assert_int_equal(fake_pmm_allocs, allocs);
	for (int i = 0; i < 256; i++)
		assert_int_equal(((pte_t *)phys_to_virt(child))[i], 0);
	vm_free_user_space(child);
	free_and_check(parent);
}

static void
test_copy_user_cow_out_of_memory(void **state)
{
	(void)state;
	uint64_t parent = new_space();
	const uint64_t va[] = { 0x400000, 0x401000, 0x800000, 3 * GiB, 513 * GiB };
	uint64_t f[ARRAY_SIZE(va)];
	for (size_t i = 0; i < ARRAY_SIZE(va); i++)
		f[i] = map_new(parent, va[i], USER_RW);
	size_t live = fake_pmm_live();

	/* Fail at each table allocation in turn: the partial copy frees cleanly. */
	for (int k = 0; k < 9; k++) {
		uint64_t child = new_space();
		fake_pmm_fail_after(k);
		assert_int_equal(vm_copy_user_cow(child, parent), -1);
		fake_pmm_fail_at = -1;
		vm_free_user_space(child);
		assert_int_equal(fake_pmm_live(), live);
		for (size_t i = 0; i < ARRAY_SIZE(va); i++) {
			assert_int_equal(fake_pmm_refs(f[i]), 1);
			assert_int_equal(vm_translate(parent, va[i]), f[i]);
		}
	}
	uint64_t child = new_space();
	assert_int_equal(vm_copy_user_cow(child, parent), 0);      /* 9 tables suffice */
	assert_int_equal(fake_pmm_live(), live + 10);
	vm_free_user_space(child);
	free_and_check(parent);
}

/* ---------------------------------------------------------------- vm_free_user_space, vm_new_user_space */

static void
test_free_user_space_frees_everything(void **state)
{
	(void)state;
	long allocs = fake_pmm_allocs, frees = fake_pmm_frees;
	uint64_t pml4 = new_space();
	static const uint64_t va[] = {
		USER_BOTTOM, 0x400000, 0x401000, 0x600000, GiB - PAGE_SIZE, GiB,
		USER_PIE_BASE, USER_TOP - PAGE_SIZE,
		USER_TOP,                      /* the never-mapped last page: also freed */
	};
	for (size_t i = 0; i < ARRAY_SIZE(va); i++)
		map_new(pml4, va[i], USER_RW);
	vm_walk(pml4, 5 * GiB, true);      /* tables without a page */
	vm_free_user_space(pml4);
	assert_int_equal(fake_pmm_live(), base_live);
	assert_int_equal(fake_pmm_allocs - allocs, fake_pmm_frees - frees);
	assert_int_equal(fake_pmm_refs(pml4), 0);
	assert_int_equal(vm_translate(kernel_pml4, KPAGE), kpage_frame);
}

static void
test_new_user_space_shares_kernel_half(void **state)
{
	(void)state;
	pte_t *k = phys_to_virt(kernel_pml4);
	k[257] = 0xabc000 | PTE_P;             /* entries the copy must carry over */
	k[510] = 0x5000 | PTE_P | PTE_W;
	k[0] = 0x7000 | PTE_P;                 /* the kernel's user half: not copied */
	pte_t kernel_copy[512];
	memcpy(kernel_copy, k, sizeof kernel_copy);

	uint64_t a = new_space(), b = new_space();
	assert_int_not_equal(a, b);
	assert_int_not_equal(a, kernel_pml4);
	pte_t *pa = phys_to_virt(a);
	for (int i = 0; i < 256; i++)
		assert_int_equal(pa[i], 0);
	assert_memory_equal(pa + 256, k + 256, 256 * sizeof(pte_t));
	assert_memory_equal((pte_t *)phys_to_virt(b) + 256, k + 256, 256 * sizeof(pte_t));
	assert_memory_equal(k, kernel_copy, sizeof kernel_copy);   /* source unchanged */
	assert_int_equal(vm_translate(a, KPAGE), kpage_frame);
	k[0] = 0;
	vm_free_user_space(b);
	vm_free_user_space(a);
	k[257] = k[510] = 0;
	assert_int_equal(fake_pmm_live(), base_live);

	fake_pmm_fail_after(0);
	assert_int_equal(vm_new_user_space(), 0);
	assert_int_equal(fake_pmm_live(), base_live);
}

static void
test_flush_page_of_inactive_space(void **state)
{
	(void)state;
	uint64_t pml4 = new_space();
	/* Not the active address space: no INVLPG (which would crash the host). */
	vm_flush_page(pml4, 0x400000);
	vm_flush_page(kernel_pml4, KPAGE);
	free_and_check(pml4);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_walk_without_create),
		T(test_walk_create_allocates_tables),
		T(test_walk_create_out_of_memory),
		T(test_walk_large_page_is_null),
		T(test_map_and_translate),
		T(test_unmap_frees_frames_and_tables),
		T(test_unmap_partial_leaves_others),
		T(test_unmap_across_2mib_boundary),
		T(test_unmap_across_1gib_boundary),
		T(test_unmap_across_512gib_boundary),
		T(test_unmap_absent_is_noop),
		T(test_unmap_never_touches_kernel_half),
		T(test_protect_range),
		T(test_copy_user_cow),
		T(test_copy_user_cow_empty),
		T(test_copy_user_cow_out_of_memory),
		T(test_free_user_space_frees_everything),
		T(test_new_user_space_shares_kernel_half),
		T(test_flush_page_of_inactive_space),
	};
	host_watchdog(60);
	return cmocka_run_group_tests_name("vm", tests, NULL, NULL);
}
