/*
 * test_vma.c - kernel/mm/vma.c: the sorted, merging list of virtual memory
 * areas.
 *
 * Every area is one kmalloc (stubs/kheap.c), so after each operation the
 * list must hold exactly the expected areas, l.count must be their number,
 * and the stub's count of live allocations must equal it too: an area
 * dropped without kfree, or freed twice, shows up there. A randomised test
 * at the end checks every operation against a page-by-page model.
 */
#include "guarded.h"

#include "memlayout.h"
#include "shmem.h"
#include "stubs.h"
#include "uapi/errno.h"
#include "vma.h"

#define PG(n) ((uint64_t)(n) * PAGE_SIZE)
#define RO VMA_READ
#define RW (VMA_READ | VMA_WRITE)
#define RX (VMA_READ | VMA_EXEC)

static struct vma_list l;

static int
setup(void **state)
{
	(void)state;
	stub_alloc_reset();
	l = (struct vma_list){ 0 };
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	vma_clear(&l);
	return 0;
}

/* ---------------------------------------------------------------- helpers */

struct area {
	uint64_t start, end;         /* in pages */
	uint32_t prot, kind;
};

/* The list must be exactly want[0..n), with count and live allocations n. */
static void
check_list(const struct area *want, int n, int line)
{
	int i = 0;

	for (const struct vma *v = l.head; v != NULL; v = v->next, i++) {
		if (i >= n)
			fail_msg("line %d: unexpected area %d [%#lx, %#lx)", line, i,
				 (unsigned long)v->start, (unsigned long)v->end);
		if (v->start != PG(want[i].start) || v->end != PG(want[i].end) ||
		    v->prot != want[i].prot || v->kind != want[i].kind)
			fail_msg("line %d: area %d is [%#lx, %#lx) prot %u kind %u, expected "
				 "[%#lx, %#lx) prot %u kind %u", line, i,
				 (unsigned long)v->start, (unsigned long)v->end, v->prot, v->kind,
				 (unsigned long)PG(want[i].start), (unsigned long)PG(want[i].end),
				 want[i].prot, want[i].kind);
	}
	if (i != n)
		fail_msg("line %d: %d areas, expected %d", line, i, n);
	if (l.count != n)
		fail_msg("line %d: count is %d, the list has %d areas", line, l.count, n);
	if (stub_alloc_live != n)
		fail_msg("line %d: %d live allocations for %d areas", line, stub_alloc_live, n);
}

#define CHECK(...)                                                                 \
	do {                                                                       \
		static const struct area want_[] = { __VA_ARGS__ };                \
		check_list(want_, (int)ARRAY_SIZE(want_), __LINE__);               \
	} while (0)
#define CHECK_EMPTY() check_list(NULL, 0, __LINE__)

/* Insert pages [s, e), which must succeed. */
#define INS(s, e, prot, kind) assert_int_equal(vma_insert(&l, PG(s), PG(e), prot, kind), 0)

/* ---------------------------------------------------------------- shared areas */

/* Each area of a shared mapping holds a reference on its object: a split
 * takes one, removing or merging gives it back, and the pages keep their
 * numbers in the object (pgoff) whichever piece they end up in. */
static void
test_shared_area_references_follow_splits(void **state)
{
	(void)state;
	struct shmem *shm = shmem_new();
	assert_int_equal(vma_insert_shared(&l, PG(10), PG(20), RW, VMA_ANON, shm, 0), 0);
	shmem_put(shm);                              /* the area's reference is left */
	assert_int_equal(stub_shmem_refs(shm), 1);
	assert_int_equal(vma_remove(&l, PG(13), PG(15)), 0);   /* a hole: two pieces */
	CHECK({ 10, 13, RW, VMA_ANON }, { 15, 20, RW, VMA_ANON });
	assert_int_equal(stub_shmem_refs(shm), 2);
	assert_int_equal(l.head->pgoff, 0);
	assert_int_equal(l.head->next->pgoff, 5);    /* page 15 is the object's page 5 */
	assert_int_equal(vma_protect(&l, PG(16), PG(17), RO), 0);
	assert_int_equal(stub_shmem_refs(shm), 4);
	assert_int_equal(vma_protect(&l, PG(16), PG(17), RW), 0);   /* merges back */
	CHECK({ 10, 13, RW, VMA_ANON }, { 15, 20, RW, VMA_ANON });
	assert_int_equal(stub_shmem_refs(shm), 2);
	vma_clear(&l);
	assert_int_equal(stub_shmem_live, 0);        /* the last area freed the object */
}

/* Neighbours merge only as consecutive pages of the same object. */
static void
test_shared_areas_merge_only_when_consecutive(void **state)
{
	(void)state;
	struct shmem *a = shmem_new(), *b = shmem_new();
	assert_int_equal(vma_insert_shared(&l, PG(0), PG(2), RW, VMA_ANON, a, 0), 0);
	assert_int_equal(vma_insert_shared(&l, PG(2), PG(4), RW, VMA_ANON, a, 2), 0);  /* next pages */
	CHECK({ 0, 4, RW, VMA_ANON });
	assert_int_equal(stub_shmem_refs(a), 2);     /* the creator's and the one area's */
	assert_int_equal(vma_insert_shared(&l, PG(4), PG(5), RW, VMA_ANON, a, 9), 0);  /* not next */
	assert_int_equal(vma_insert_shared(&l, PG(5), PG(6), RW, VMA_ANON, b, 5), 0);  /* other object */
	INS(6, 7, RW, VMA_ANON);                                                      /* private */
	CHECK({ 0, 4, RW, VMA_ANON }, { 4, 5, RW, VMA_ANON }, { 5, 6, RW, VMA_ANON },
	      { 6, 7, RW, VMA_ANON });
	shmem_put(a);
	shmem_put(b);
	vma_clear(&l);
	assert_int_equal(stub_shmem_live, 0);
}

/* ---------------------------------------------------------------- vma_insert */

static void
test_insert_into_empty_list(void **state)
{
	(void)state;
	INS(0x10, 0x12, RW, VMA_ANON);
	CHECK({ 0x10, 0x12, RW, VMA_ANON });
	assert_ptr_equal(vma_find(&l, PG(0x10)), l.head);
	assert_null(l.head->next);
}

static void
test_insert_keeps_sorted(void **state)
{
	(void)state;
	INS(0x20, 0x21, RW, VMA_ANON);
	INS(0x10, 0x11, RW, VMA_ANON);            /* new head */
	INS(0x30, 0x32, RW, VMA_ANON);            /* new tail */
	INS(0x15, 0x16, RW, VMA_ANON);            /* in between */
	INS(0x01, 0x02, RW, VMA_ANON);
	INS(0x25, 0x2f, RW, VMA_ANON);
	CHECK({ 0x01, 0x02, RW, VMA_ANON }, { 0x10, 0x11, RW, VMA_ANON },
	      { 0x15, 0x16, RW, VMA_ANON }, { 0x20, 0x21, RW, VMA_ANON },
	      { 0x25, 0x2f, RW, VMA_ANON }, { 0x30, 0x32, RW, VMA_ANON });
}

static void
test_insert_merges_with_left_neighbour(void **state)
{
	(void)state;
	INS(0x10, 0x12, RW, VMA_HEAP);
	INS(0x12, 0x15, RW, VMA_HEAP);
	CHECK({ 0x10, 0x15, RW, VMA_HEAP });
}

static void
test_insert_merges_with_right_neighbour(void **state)
{
	(void)state;
	INS(0x12, 0x15, RX, VMA_IMAGE);
	INS(0x10, 0x12, RX, VMA_IMAGE);
	CHECK({ 0x10, 0x15, RX, VMA_IMAGE });
}

static void
test_insert_merges_both_sides(void **state)
{
	(void)state;
	INS(0x10, 0x12, RW, VMA_ANON);
	INS(0x14, 0x16, RW, VMA_ANON);
	INS(0x30, 0x31, RW, VMA_ANON);
	CHECK({ 0x10, 0x12, RW, VMA_ANON }, { 0x14, 0x16, RW, VMA_ANON },
	      { 0x30, 0x31, RW, VMA_ANON });
	INS(0x12, 0x14, RW, VMA_ANON);            /* fills the hole exactly */
	CHECK({ 0x10, 0x16, RW, VMA_ANON }, { 0x30, 0x31, RW, VMA_ANON });
}

static void
test_insert_merges_only_with_matching_side(void **state)
{
	(void)state;
	INS(0x10, 0x12, RW, VMA_ANON);
	INS(0x14, 0x16, RO, VMA_ANON);
	INS(0x12, 0x14, RW, VMA_ANON);            /* like the left one only */
	CHECK({ 0x10, 0x14, RW, VMA_ANON }, { 0x14, 0x16, RO, VMA_ANON });

	INS(0x20, 0x22, RW, VMA_HEAP);
	INS(0x24, 0x26, RW, VMA_ANON);
	INS(0x22, 0x24, RW, VMA_ANON);            /* like the right one only */
	CHECK({ 0x10, 0x14, RW, VMA_ANON }, { 0x14, 0x16, RO, VMA_ANON },
	      { 0x20, 0x22, RW, VMA_HEAP }, { 0x22, 0x26, RW, VMA_ANON });
}

static void
test_insert_no_merge_when_prot_differs(void **state)
{
	(void)state;
	INS(0x10, 0x12, RW, VMA_ANON);
	INS(0x12, 0x14, RO, VMA_ANON);
	INS(0x0e, 0x10, RX, VMA_ANON);
	INS(0x14, 0x15, RW | VMA_EXEC, VMA_ANON);
	INS(0x15, 0x16, 0, VMA_ANON);             /* PROT_NONE is a protection too */
	CHECK({ 0x0e, 0x10, RX, VMA_ANON }, { 0x10, 0x12, RW, VMA_ANON },
	      { 0x12, 0x14, RO, VMA_ANON }, { 0x14, 0x15, RW | VMA_EXEC, VMA_ANON },
	      { 0x15, 0x16, 0, VMA_ANON });
}

static void
test_insert_no_merge_when_kind_differs(void **state)
{
	(void)state;
	INS(0x10, 0x12, RW, VMA_ANON);
	INS(0x12, 0x14, RW, VMA_HEAP);
	INS(0x0e, 0x10, RW, VMA_STACK);
	INS(0x14, 0x16, RW, VMA_IMAGE);
	CHECK({ 0x0e, 0x10, RW, VMA_STACK }, { 0x10, 0x12, RW, VMA_ANON },
	      { 0x12, 0x14, RW, VMA_HEAP }, { 0x14, 0x16, RW, VMA_IMAGE });
}

static void
test_insert_no_merge_when_not_adjacent(void **state)
{
	(void)state;
	INS(0x10, 0x12, RW, VMA_ANON);
	INS(0x13, 0x15, RW, VMA_ANON);            /* one page apart */
	INS(0x0e, 0x0f, RW, VMA_ANON);
	CHECK({ 0x0e, 0x0f, RW, VMA_ANON }, { 0x10, 0x12, RW, VMA_ANON },
	      { 0x13, 0x15, RW, VMA_ANON });
	/* Byte ranges that do not end on page boundaries do not touch either. */
	assert_int_equal(vma_insert(&l, PG(0x20), PG(0x21) - 1, RW, VMA_ANON), 0);
	assert_int_equal(vma_insert(&l, PG(0x21), PG(0x22), RW, VMA_ANON), 0);
	assert_int_equal(l.count, 5);
}

static void
test_insert_overlap_is_einval(void **state)
{
	static const struct { uint64_t s, e; } bad[] = {
		{ 0x10, 0x20 },        /* the same range */
		{ 0x08, 0x11 },        /* over the start */
		{ 0x1f, 0x28 },        /* over the end */
		{ 0x08, 0x28 },        /* around it */
		{ 0x12, 0x14 },        /* inside */
		{ 0x10, 0x11 },        /* first page */
		{ 0x1f, 0x20 },        /* last page */
		{ 0x1c, 0x34 },        /* from one area over the gap into the next */
		{ 0x21, 0x31 },        /* from the gap into the next */
	};
	(void)state;

	INS(0x10, 0x20, RW, VMA_ANON);
	INS(0x30, 0x40, RO, VMA_ANON);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		/* Same prot and kind as the first area: a merge must not hide it. */
		int r = vma_insert(&l, PG(bad[i].s), PG(bad[i].e), RW, VMA_ANON);
		if (r != -EINVAL)
			fail_msg("insert [%#lx, %#lx) over an area: %d, expected -EINVAL",
				 (unsigned long)PG(bad[i].s), (unsigned long)PG(bad[i].e), r);
		CHECK({ 0x10, 0x20, RW, VMA_ANON }, { 0x30, 0x40, RO, VMA_ANON });
	}
	/* Overlapping by one byte is overlapping. */
	assert_int_equal(vma_insert(&l, PG(0x20) - 1, PG(0x21), RW, VMA_ANON), -EINVAL);
	assert_int_equal(vma_insert(&l, PG(0x2f), PG(0x30) + 1, RO, VMA_ANON), -EINVAL);
	CHECK({ 0x10, 0x20, RW, VMA_ANON }, { 0x30, 0x40, RO, VMA_ANON });
}

static void
test_insert_empty_range_is_einval(void **state)
{
	(void)state;
	assert_int_equal(vma_insert(&l, PG(0x10), PG(0x10), RW, VMA_ANON), -EINVAL);
	assert_int_equal(vma_insert(&l, 0, 0, RW, VMA_ANON), -EINVAL);
	assert_int_equal(vma_insert(&l, PG(0x12), PG(0x11), RW, VMA_ANON), -EINVAL);
	assert_int_equal(vma_insert(&l, UINT64_MAX, 0, RW, VMA_ANON), -EINVAL);
	CHECK_EMPTY();
	assert_int_equal(stub_alloc_calls, 0);
	/* Also next to an existing area. */
	INS(0x10, 0x20, RW, VMA_ANON);
	assert_int_equal(vma_insert(&l, PG(0x20), PG(0x20), RW, VMA_ANON), -EINVAL);
	CHECK({ 0x10, 0x20, RW, VMA_ANON });
}

static void
test_insert_out_of_memory(void **state)
{
	(void)state;
	INS(0x10, 0x20, RW, VMA_ANON);
	stub_alloc_fail_at = stub_alloc_calls + 1;
	assert_int_equal(vma_insert(&l, PG(0x30), PG(0x40), RW, VMA_ANON), -ENOMEM);
	CHECK({ 0x10, 0x20, RW, VMA_ANON });
	INS(0x30, 0x40, RW, VMA_ANON);
	CHECK({ 0x10, 0x20, RW, VMA_ANON }, { 0x30, 0x40, RW, VMA_ANON });
}

/* Areas of two pages, [3i+1, 3i+3) for i < VMA_MAX_COUNT, one page apart. */
static void
fill_to_max(void)
{
	for (int i = 0; i < VMA_MAX_COUNT; i++)
		if (vma_insert(&l, PG(3 * i + 1), PG(3 * i + 3), RW, VMA_ANON) != 0)
			fail_msg("insert number %d failed", i + 1);
	assert_int_equal(l.count, VMA_MAX_COUNT);
	assert_int_equal(stub_alloc_live, VMA_MAX_COUNT);
}

static void
test_insert_max_count_is_enomem(void **state)
{
	(void)state;
	fill_to_max();
	int calls = stub_alloc_calls;
	uint64_t top = PG(3 * VMA_MAX_COUNT + 10);
	assert_int_equal(vma_insert(&l, top, top + PAGE_SIZE, RW, VMA_ANON), -ENOMEM);
	assert_int_equal(vma_insert(&l, 0, PAGE_SIZE, RO, VMA_ANON), -ENOMEM);
	assert_int_equal(stub_alloc_calls, calls);        /* refused before kmalloc */
	assert_int_equal(l.count, VMA_MAX_COUNT);
	assert_int_equal(stub_alloc_live, VMA_MAX_COUNT);
	assert_null(vma_find(&l, top));
	assert_null(vma_find(&l, 0));
	/* Removing one area makes room for one. */
	assert_int_equal(vma_remove(&l, PG(1), PG(3)), 0);
	assert_int_equal(l.count, VMA_MAX_COUNT - 1);
	assert_int_equal(vma_insert(&l, top, top + PAGE_SIZE, RW, VMA_ANON), 0);
	assert_int_equal(l.count, VMA_MAX_COUNT);
	assert_int_equal(stub_alloc_live, VMA_MAX_COUNT);
}

static void
test_split_at_max_count_is_enomem(void **state)
{
	(void)state;
	fill_to_max();
	/* Splitting needs one more area. */
	assert_int_equal(vma_remove(&l, PG(4), PG(5)), -ENOMEM);
	assert_int_equal(vma_protect(&l, PG(4), PG(5), RO), -ENOMEM);
	assert_int_equal(l.count, VMA_MAX_COUNT);
	assert_int_equal(stub_alloc_live, VMA_MAX_COUNT);
	const struct vma *v = vma_find(&l, PG(4));
	assert_non_null(v);
	assert_int_equal(v->start, PG(4));
	assert_int_equal(v->end, PG(6));
	assert_int_equal(v->prot, RW);
	/* Whole areas need no split. */
	assert_int_equal(vma_protect(&l, PG(4), PG(6), RO), 0);
	assert_int_equal(vma_find(&l, PG(5))->prot, RO);
	assert_int_equal(vma_remove(&l, PG(7), PG(9)), 0);
	assert_int_equal(l.count, VMA_MAX_COUNT - 1);
	assert_int_equal(stub_alloc_live, VMA_MAX_COUNT - 1);
}

/* ---------------------------------------------------------------- queries */

static void
test_find_edges(void **state)
{
	(void)state;
	assert_null(vma_find(&l, PG(0x10)));          /* empty list */
	INS(0x10, 0x12, RW, VMA_ANON);
	INS(0x12, 0x14, RO, VMA_ANON);
	INS(0x20, 0x21, RX, VMA_IMAGE);
	const struct vma *a = l.head, *b = a->next, *c = b->next;

	assert_ptr_equal(vma_find(&l, PG(0x10)), a);      /* start: inclusive */
	assert_ptr_equal(vma_find(&l, PG(0x11) + 5), a);
	assert_ptr_equal(vma_find(&l, PG(0x12) - 1), a);
	assert_ptr_equal(vma_find(&l, PG(0x12)), b);      /* end: exclusive */
	assert_ptr_equal(vma_find(&l, PG(0x14) - 1), b);
	assert_null(vma_find(&l, PG(0x14)));
	assert_null(vma_find(&l, PG(0x10) - 1));
	assert_null(vma_find(&l, PG(0x1f) + 0xfff));
	assert_ptr_equal(vma_find(&l, PG(0x20)), c);
	assert_ptr_equal(vma_find(&l, PG(0x21) - 1), c);
	assert_null(vma_find(&l, PG(0x21)));
	assert_null(vma_find(&l, 0));
	assert_null(vma_find(&l, UINT64_MAX));
}

static void
test_overlaps(void **state)
{
	(void)state;
	assert_false(vma_overlaps(&l, 0, UINT64_MAX));      /* empty list */
	INS(0x10, 0x12, RW, VMA_ANON);
	INS(0x20, 0x30, RO, VMA_ANON);

	assert_false(vma_overlaps(&l, PG(0x12), PG(0x20)));  /* the gap exactly */
	assert_false(vma_overlaps(&l, PG(0x09), PG(0x10)));  /* ends at a start */
	assert_false(vma_overlaps(&l, PG(0x30), UINT64_MAX)); /* starts at an end */
	assert_false(vma_overlaps(&l, 0, PG(0x10)));
	assert_false(vma_overlaps(&l, PG(0x13), PG(0x1f)));
	assert_true(vma_overlaps(&l, PG(0x09), PG(0x10) + 1));
	assert_true(vma_overlaps(&l, PG(0x12) - 1, PG(0x12)));
	assert_true(vma_overlaps(&l, PG(0x2f) + 0xfff, PG(0x40)));
	assert_true(vma_overlaps(&l, PG(0x11), PG(0x21)));   /* two areas */
	assert_true(vma_overlaps(&l, PG(0x13), PG(0x21)));   /* gap, then an area */
	assert_true(vma_overlaps(&l, PG(0x25), PG(0x26)));   /* inside */
	assert_true(vma_overlaps(&l, 0, UINT64_MAX));        /* around everything */
}

static void
test_covers(void **state)
{
	(void)state;
	assert_false(vma_covers(&l, PG(0), PG(1)));          /* empty list */
	INS(0x10, 0x12, RW, VMA_ANON);
	INS(0x12, 0x14, RO, VMA_ANON);                       /* touching, not merged */
	INS(0x16, 0x20, RW, VMA_ANON);
	assert_int_equal(l.count, 3);

	assert_true(vma_covers(&l, PG(0x10), PG(0x12)));     /* exactly one area */
	assert_true(vma_covers(&l, PG(0x16), PG(0x20)));
	assert_true(vma_covers(&l, PG(0x10), PG(0x14)));     /* two areas, no hole */
	assert_true(vma_covers(&l, PG(0x11), PG(0x13)));
	assert_true(vma_covers(&l, PG(0x17), PG(0x18)));     /* inside one */
	assert_true(vma_covers(&l, PG(0x12), PG(0x14)));     /* the second one */
	assert_false(vma_covers(&l, PG(0x10), PG(0x15)));    /* runs into the hole */
	assert_false(vma_covers(&l, PG(0x14), PG(0x16)));    /* the hole */
	assert_false(vma_covers(&l, PG(0x13), PG(0x17)));    /* across the hole */
	assert_false(vma_covers(&l, PG(0x10), PG(0x20)));
	assert_false(vma_covers(&l, PG(0x0f), PG(0x11)));    /* starts before */
	assert_false(vma_covers(&l, PG(0x1f), PG(0x21)));    /* ends after */
	assert_false(vma_covers(&l, PG(0x20), PG(0x21)));
	assert_false(vma_covers(&l, PG(0x10) - 1, PG(0x11)));
	assert_false(vma_covers(&l, PG(0x1f), PG(0x20) + 1));
}

/* vma_find_gap, which must also return a page-aligned address. */
static uint64_t
gap(uint64_t len, uint64_t low, uint64_t high)
{
	uint64_t a = vma_find_gap(&l, PG(len), PG(low), PG(high));
	assert_int_equal(a % PAGE_SIZE, 0);
	return a;
}

static void
test_find_gap_empty_list(void **state)
{
	(void)state;
	assert_int_equal(gap(4, 0x10, 0x100), PG(0xfc));     /* as high as possible */
	assert_int_equal(gap(0xf0, 0x10, 0x100), PG(0x10));  /* all of it */
	assert_int_equal(gap(0xf1, 0x10, 0x100), 0);         /* too long */
	assert_int_equal(gap(1, 0x10, 0x10), 0);             /* nothing between */
}

/* Areas leaving gaps of 16, 5, 8 and 2 pages in [0x10, 0x100). */
static void
gap_areas(void)
{
	INS(0x20, 0x30, RW, VMA_ANON);
	INS(0x35, 0x40, RO, VMA_ANON);
	INS(0x48, 0xfe, RW, VMA_ANON);
}

static void
test_find_gap_highest_that_fits(void **state)
{
	(void)state;
	gap_areas();
	assert_int_equal(gap(1, 0x10, 0x100), PG(0xff));
	assert_int_equal(gap(2, 0x10, 0x100), PG(0xfe));     /* the top gap, exactly */
	assert_int_equal(gap(3, 0x10, 0x100), PG(0x45));     /* the 8-page gap, its top */
	assert_int_equal(gap(5, 0x10, 0x100), PG(0x43));     /* not the lower 5-page one */
	assert_int_equal(gap(8, 0x10, 0x100), PG(0x40));
	assert_int_equal(gap(9, 0x10, 0x100), PG(0x17));     /* only the lowest fits */
	assert_int_equal(gap(16, 0x10, 0x100), PG(0x10));
	assert_int_equal(gap(17, 0x10, 0x100), 0);           /* none fits */
	CHECK({ 0x20, 0x30, RW, VMA_ANON }, { 0x35, 0x40, RO, VMA_ANON },
	      { 0x48, 0xfe, RW, VMA_ANON });                 /* a query changes nothing */
}

static void
test_find_gap_respects_low(void **state)
{
	(void)state;
	gap_areas();
	/* The 16-page gap shrinks to 8 above 0x18: the higher 8-page gap wins. */
	assert_int_equal(gap(8, 0x18, 0x100), PG(0x40));
	assert_int_equal(gap(9, 0x18, 0x100), 0);
	/* low inside an area: the gap starts at the area's end. */
	assert_int_equal(gap(5, 0x25, 0x3f), PG(0x30));
	assert_int_equal(gap(6, 0x25, 0x3f), 0);
	/* low above everything. */
	assert_int_equal(gap(1, 0x200, 0x210), PG(0x20f));
	assert_int_equal(gap(16, 0x200, 0x210), PG(0x200));
	assert_int_equal(gap(17, 0x200, 0x210), 0);
}

static void
test_find_gap_respects_high(void **state)
{
	(void)state;
	gap_areas();
	/* high inside the 8-page gap: it ends at high, not at the next area. */
	assert_int_equal(gap(2, 0x10, 0x44), PG(0x42));
	assert_int_equal(gap(4, 0x10, 0x44), PG(0x40));
	assert_int_equal(gap(5, 0x10, 0x44), PG(0x30));
	/* An area straddling high: the gap below it. */
	assert_int_equal(gap(5, 0x10, 0x38), PG(0x30));
	assert_int_equal(gap(6, 0x10, 0x38), PG(0x1a));
	assert_int_equal(gap(16, 0x10, 0x38), PG(0x10));
	assert_int_equal(gap(1, 0x10, 0x50), PG(0x47));
	/* An area starting exactly at high. */
	assert_int_equal(gap(8, 0x10, 0x48), PG(0x40));
	assert_int_equal(gap(3, 0x10, 0x35), PG(0x32));
	/* Both ends inside areas. */
	assert_int_equal(gap(5, 0x22, 0x38), PG(0x30));
	assert_int_equal(gap(1, 0x22, 0x2f), 0);
}

static void
test_find_gap_none(void **state)
{
	(void)state;
	INS(0x10, 0x100, RW, VMA_ANON);
	assert_int_equal(gap(1, 0x10, 0x100), 0);            /* all taken */
	assert_int_equal(gap(1, 0x20, 0x30), 0);
	assert_int_equal(gap(1, 0x08, 0x18), PG(0x0f));      /* below the area */
	assert_int_equal(gap(9, 0x08, 0x18), 0);
	assert_int_equal(gap(1, 0xf0, 0x110), PG(0x10f));    /* above it */
	assert_int_equal(gap(0x11, 0xf0, 0x110), 0);
}

/* ---------------------------------------------------------------- vma_remove */

static void
test_remove_middle_splits(void **state)
{
	(void)state;
	INS(0x10, 0x20, RW, VMA_HEAP);
	assert_int_equal(vma_remove(&l, PG(0x13), PG(0x15)), 0);
	CHECK({ 0x10, 0x13, RW, VMA_HEAP }, { 0x15, 0x20, RW, VMA_HEAP });
	assert_null(vma_find(&l, PG(0x13)));
	assert_null(vma_find(&l, PG(0x15) - 1));
	/* One page in the middle of one of the halves. */
	assert_int_equal(vma_remove(&l, PG(0x11), PG(0x12)), 0);
	CHECK({ 0x10, 0x11, RW, VMA_HEAP }, { 0x12, 0x13, RW, VMA_HEAP },
	      { 0x15, 0x20, RW, VMA_HEAP });
}

static void
test_remove_front_and_back(void **state)
{
	(void)state;
	INS(0x10, 0x20, RX, VMA_IMAGE);
	assert_int_equal(vma_remove(&l, PG(0x08), PG(0x12)), 0);   /* front */
	CHECK({ 0x12, 0x20, RX, VMA_IMAGE });
	assert_int_equal(vma_remove(&l, PG(0x1e), PG(0x28)), 0);   /* back */
	CHECK({ 0x12, 0x1e, RX, VMA_IMAGE });
	assert_int_equal(vma_remove(&l, PG(0x12), PG(0x13)), 0);   /* first page */
	assert_int_equal(vma_remove(&l, PG(0x1d), PG(0x1e)), 0);   /* last page */
	CHECK({ 0x13, 0x1d, RX, VMA_IMAGE });
	assert_int_equal(vma_remove(&l, PG(0x13), PG(0x1d)), 0);   /* all of it */
	CHECK_EMPTY();
}

static void
test_remove_spanning_several(void **state)
{
	(void)state;
	INS(0x10, 0x20, RW, VMA_ANON);
	INS(0x20, 0x25, RO, VMA_ANON);
	INS(0x30, 0x40, RW, VMA_ANON);
	INS(0x45, 0x50, RX, VMA_IMAGE);
	INS(0x60, 0x61, RW, VMA_ANON);
	assert_int_equal(vma_remove(&l, PG(0x15), PG(0x47)), 0);
	CHECK({ 0x10, 0x15, RW, VMA_ANON }, { 0x47, 0x50, RX, VMA_IMAGE },
	      { 0x60, 0x61, RW, VMA_ANON });
	/* Exactly two whole areas, and everything. */
	assert_int_equal(vma_remove(&l, PG(0x10), PG(0x50)), 0);
	CHECK({ 0x60, 0x61, RW, VMA_ANON });
	INS(0x10, 0x11, RW, VMA_ANON);
	assert_int_equal(vma_remove(&l, 0, UINT64_MAX), 0);
	CHECK_EMPTY();
}

static void
test_remove_absent_is_noop(void **state)
{
	(void)state;
	assert_int_equal(vma_remove(&l, PG(0x10), PG(0x20)), 0);   /* empty list */
	CHECK_EMPTY();
	INS(0x10, 0x20, RW, VMA_ANON);
	INS(0x30, 0x40, RW, VMA_ANON);
	int calls = stub_alloc_calls;
	assert_int_equal(vma_remove(&l, PG(0x20), PG(0x30)), 0);   /* the gap exactly */
	assert_int_equal(vma_remove(&l, PG(0x22), PG(0x2e)), 0);
	assert_int_equal(vma_remove(&l, 0, PG(0x10)), 0);          /* below */
	assert_int_equal(vma_remove(&l, PG(0x40), PG(0x100)), 0);  /* above */
	CHECK({ 0x10, 0x20, RW, VMA_ANON }, { 0x30, 0x40, RW, VMA_ANON });
	assert_int_equal(stub_alloc_calls, calls);
}

static void
test_remove_out_of_memory(void **state)
{
	(void)state;
	INS(0x10, 0x20, RW, VMA_ANON);
	/* The first split fails: nothing changes. */
	stub_alloc_fail_at = stub_alloc_calls + 1;
	assert_int_equal(vma_remove(&l, PG(0x13), PG(0x15)), -ENOMEM);
	CHECK({ 0x10, 0x20, RW, VMA_ANON });
	/* The second split fails: the same pages stay mapped with the same
	 * protection (how the list is cut up is not specified). */
	stub_alloc_fail_at = stub_alloc_calls + 2;
	assert_int_equal(vma_remove(&l, PG(0x13), PG(0x15)), -ENOMEM);
	assert_true(vma_covers(&l, PG(0x10), PG(0x20)));
	assert_false(vma_overlaps(&l, 0, PG(0x10)));
	assert_false(vma_overlaps(&l, PG(0x20), UINT64_MAX));
	for (uint64_t a = PG(0x10); a < PG(0x20); a += PAGE_SIZE)
		assert_int_equal(vma_find(&l, a)->prot, RW);
	assert_int_equal(stub_alloc_live, l.count);
}

/* ---------------------------------------------------------------- vma_protect */

static void
test_protect_splits_in_three_and_merges_back(void **state)
{
	(void)state;
	INS(0x10, 0x20, RW, VMA_ANON);
	assert_int_equal(vma_protect(&l, PG(0x13), PG(0x15), RO), 0);
	CHECK({ 0x10, 0x13, RW, VMA_ANON }, { 0x13, 0x15, RO, VMA_ANON },
	      { 0x15, 0x20, RW, VMA_ANON });
	assert_int_equal(vma_protect(&l, PG(0x13), PG(0x15), RW), 0);   /* restored */
	CHECK({ 0x10, 0x20, RW, VMA_ANON });
}

static void
test_protect_front_and_back(void **state)
{
	(void)state;
	INS(0x10, 0x20, RW, VMA_HEAP);
	assert_int_equal(vma_protect(&l, PG(0x10), PG(0x12), RO), 0);
	CHECK({ 0x10, 0x12, RO, VMA_HEAP }, { 0x12, 0x20, RW, VMA_HEAP });
	assert_int_equal(vma_protect(&l, PG(0x1f), PG(0x20), 0), 0);
	CHECK({ 0x10, 0x12, RO, VMA_HEAP }, { 0x12, 0x1f, RW, VMA_HEAP },
	      { 0x1f, 0x20, 0, VMA_HEAP });
	/* The first area grows by one page (split and merge at once). */
	assert_int_equal(vma_protect(&l, PG(0x12), PG(0x13), RO), 0);
	CHECK({ 0x10, 0x13, RO, VMA_HEAP }, { 0x13, 0x1f, RW, VMA_HEAP },
	      { 0x1f, 0x20, 0, VMA_HEAP });
}

static void
test_protect_merges_with_neighbours(void **state)
{
	(void)state;
	INS(0x10, 0x20, RW, VMA_ANON);
	INS(0x20, 0x30, RO, VMA_ANON);
	INS(0x30, 0x38, RW, VMA_ANON);
	assert_int_equal(vma_protect(&l, PG(0x20), PG(0x30), RW), 0);
	CHECK({ 0x10, 0x38, RW, VMA_ANON });
	assert_int_equal(vma_protect(&l, PG(0x10), PG(0x38), RX), 0);
	CHECK({ 0x10, 0x38, RX, VMA_ANON });
}

static void
test_protect_across_areas(void **state)
{
	(void)state;
	INS(0x10, 0x20, RW, VMA_ANON);
	INS(0x20, 0x30, RX, VMA_ANON);
	INS(0x30, 0x40, RW, VMA_ANON);
	assert_int_equal(vma_protect(&l, PG(0x15), PG(0x35), RO), 0);
	CHECK({ 0x10, 0x15, RW, VMA_ANON }, { 0x15, 0x35, RO, VMA_ANON },
	      { 0x35, 0x40, RW, VMA_ANON });
}

static void
test_protect_keeps_kind(void **state)
{
	(void)state;
	INS(0x10, 0x20, RW, VMA_HEAP);
	INS(0x20, 0x30, RO, VMA_ANON);
	assert_int_equal(vma_protect(&l, PG(0x20), PG(0x30), RW), 0);
	/* Same protection now, different kinds: still two areas. */
	CHECK({ 0x10, 0x20, RW, VMA_HEAP }, { 0x20, 0x30, RW, VMA_ANON });
}

static void
test_protect_unchanged_leaves_one_area(void **state)
{
	(void)state;
	INS(0x10, 0x20, RW, VMA_ANON);
	assert_int_equal(vma_protect(&l, PG(0x12), PG(0x14), RW), 0);
	CHECK({ 0x10, 0x20, RW, VMA_ANON });
}

static void
test_protect_out_of_memory(void **state)
{
	(void)state;
	INS(0x10, 0x20, RW, VMA_ANON);
	stub_alloc_fail_at = stub_alloc_calls + 1;
	assert_int_equal(vma_protect(&l, PG(0x13), PG(0x15), RO), -ENOMEM);
	CHECK({ 0x10, 0x20, RW, VMA_ANON });
}

/* ---------------------------------------------------------------- vma_clear */

static void
test_clear(void **state)
{
	(void)state;
	vma_clear(&l);                                        /* empty: fine */
	CHECK_EMPTY();
	INS(0x10, 0x20, RW, VMA_ANON);
	INS(0x30, 0x40, RO, VMA_ANON);
	INS(0x50, 0x60, RX, VMA_IMAGE);
	vma_clear(&l);
	assert_null(l.head);
	CHECK_EMPTY();
	/* The list is usable afterwards. */
	INS(0x30, 0x40, RW, VMA_ANON);
	CHECK({ 0x30, 0x40, RW, VMA_ANON });
	vma_clear(&l);
	CHECK_EMPTY();
}

/* ---------------------------------------------------------------- against a model */

/*
 * Random operations on pages [0, MODEL_PAGES), each also applied to an
 * array with each page's area (or none). After each operation the list
 * must be the model's maximal runs of pages with equal protection and
 * kind, in order; queries must agree with the model.
 */
#define MODEL_PAGES 96
#define FREE_PAGE (-1)

static int model[MODEL_PAGES];       /* prot | kind << 8, or FREE_PAGE */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void
model_check(int step)
{
	const struct vma *v = l.head;
	int n = 0;

	for (int p = 0; p < MODEL_PAGES;) {
		if (model[p] == FREE_PAGE) {
			p++;
			continue;
		}
		int q = p;
		while (q < MODEL_PAGES && model[q] == model[p])
			q++;
		if (v == NULL || v->start != PG(p) || v->end != PG(q) ||
		    v->prot != (uint32_t)(model[p] & 0xff) || v->kind != (uint32_t)(model[p] >> 8))
			fail_msg("step %d: expected area [%#x, %#x) prot %d kind %d, got %s [%#lx, %#lx)",
				 step, p, q, model[p] & 0xff, model[p] >> 8, v ? "" : "none",
				 v ? (unsigned long)v->start / PAGE_SIZE : 0UL,
				 v ? (unsigned long)v->end / PAGE_SIZE : 0UL);
		v = v->next;
		n++;
		p = q;
	}
	if (v != NULL)
		fail_msg("step %d: extra area at page %#lx", step, (unsigned long)v->start / PAGE_SIZE);
	if (l.count != n || stub_alloc_live != n)
		fail_msg("step %d: %d areas, count %d, %d live allocations", step, n, l.count,
			 stub_alloc_live);
}

static void
test_random_against_model(void **state)
{
	static const uint32_t prots[] = { RW, RO, RX, 0 };
	static const uint32_t kinds[] = { VMA_ANON, VMA_HEAP };
	(void)state;

	for (int p = 0; p < MODEL_PAGES; p++)
		model[p] = FREE_PAGE;
	for (int step = 0; step < 20000; step++) {
		int s = (int)rnd(MODEL_PAGES), e = s + 1 + (int)rnd(rnd(4) == 0 ? MODEL_PAGES : 6);
		if (e > MODEL_PAGES)
			e = MODEL_PAGES;
		uint32_t prot = prots[rnd(ARRAY_SIZE(prots))], kind = kinds[rnd(ARRAY_SIZE(kinds))];
		bool used = false, all = true;
		for (int p = s; p < e; p++) {
			used |= model[p] != FREE_PAGE;
			all &= model[p] != FREE_PAGE;
		}

		switch (rnd(4)) {
		case 0:
		case 1:
			assert_int_equal(vma_insert(&l, PG(s), PG(e), prot, kind), used ? -EINVAL : 0);
			if (!used)
				for (int p = s; p < e; p++)
					model[p] = (int)(prot | kind << 8);
			break;
		case 2:
			assert_int_equal(vma_remove(&l, PG(s), PG(e)), 0);
			for (int p = s; p < e; p++)
				model[p] = FREE_PAGE;
			break;
		case 3:
			assert_int_equal(vma_protect(&l, PG(s), PG(e), prot), 0);
			for (int p = s; p < e; p++)
				if (model[p] != FREE_PAGE)
					model[p] = (int)(prot | (model[p] & ~0xff));
			break;
		}
		model_check(step);

		/* Queries on another random range. */
		s = (int)rnd(MODEL_PAGES);
		e = s + 1 + (int)rnd(8);
		if (e > MODEL_PAGES)
			e = MODEL_PAGES;
		used = false, all = true;
		for (int p = s; p < e; p++) {
			used |= model[p] != FREE_PAGE;
			all &= model[p] != FREE_PAGE;
		}
		assert_int_equal(vma_overlaps(&l, PG(s), PG(e)), used);
		assert_int_equal(vma_covers(&l, PG(s), PG(e)), all);
		const struct vma *v = vma_find(&l, PG(s) + rnd(PAGE_SIZE));
		if (model[s] == FREE_PAGE)
			assert_null(v);
		else
			assert_true(v != NULL && v->start <= PG(s) && PG(s) < v->end);
		/* The highest fitting gap, found page by page. */
		int len = 1 + (int)rnd(8), low = (int)rnd(MODEL_PAGES / 2);
		int high = low + (int)rnd(MODEL_PAGES - low + 1);
		uint64_t want = 0;
		for (int a = high - len; a >= low && want == 0; a--) {
			bool free = true;
			for (int p = a; p < a + len; p++)
				free &= model[p] == FREE_PAGE;
			if (free)
				want = PG(a);
		}
		if (vma_find_gap(&l, PG(len), PG(low), PG(high)) != want)
			fail_msg("step %d: find_gap(%d, %#x, %#x) = %#lx, expected %#lx", step, len,
				 low, high,
				 (unsigned long)vma_find_gap(&l, PG(len), PG(low), PG(high)),
				 (unsigned long)want);
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_insert_into_empty_list),
		T(test_insert_keeps_sorted),
		T(test_insert_merges_with_left_neighbour),
		T(test_insert_merges_with_right_neighbour),
		T(test_insert_merges_both_sides),
		T(test_insert_merges_only_with_matching_side),
		T(test_insert_no_merge_when_prot_differs),
		T(test_insert_no_merge_when_kind_differs),
		T(test_insert_no_merge_when_not_adjacent),
		T(test_insert_overlap_is_einval),
		T(test_insert_empty_range_is_einval),
		T(test_insert_out_of_memory),
		T(test_insert_max_count_is_enomem),
		T(test_split_at_max_count_is_enomem),
		T(test_find_edges),
		T(test_overlaps),
		T(test_covers),
		T(test_find_gap_empty_list),
		T(test_find_gap_highest_that_fits),
		T(test_find_gap_respects_low),
		T(test_find_gap_respects_high),
		T(test_find_gap_none),
		T(test_remove_middle_splits),
		T(test_remove_front_and_back),
		T(test_remove_spanning_several),
		T(test_remove_absent_is_noop),
		T(test_remove_out_of_memory),
		T(test_protect_splits_in_three_and_merges_back),
		T(test_protect_front_and_back),
		T(test_protect_merges_with_neighbours),
		T(test_protect_across_areas),
		T(test_protect_keeps_kind),
		T(test_protect_unchanged_leaves_one_area),
		T(test_protect_out_of_memory),
		T(test_clear),
		T(test_shared_area_references_follow_splits),
		T(test_shared_areas_merge_only_when_consecutive),
		T(test_random_against_model),
	};
	watchdog(60);
	return cmocka_run_group_tests_name("vma", tests, NULL, NULL);
}
