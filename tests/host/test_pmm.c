/*
 * test_pmm.c - kernel/mm/frames.c: the free-frame stack and the arithmetic
 * that turns a memory map plus reserved ranges into free frames.
 */
#include "host_test.h"

#include "bootinfo.h"
#include "memlayout.h"
#include "pmm.h"

#define MiB (1024UL * 1024)
#define MEM_RESERVED 2           /* Multiboot memory-map types */
#define MEM_ACPI 3
#define MEM_NVS 4
#define MEM_BAD 5

static uint32_t storage[4096];
static struct frame_stack fs;

static int
setup(void **state)
{
	(void)state;
	memset(storage, 0xee, sizeof storage);
	frame_stack_init(&fs, storage, ARRAY_SIZE(storage));
	return 0;
}

/* ---------------------------------------------------------------- the stack */

static void
test_init(void **state)
{
	(void)state;
	assert_ptr_equal(fs.frames, storage);
	assert_int_equal(fs.count, 0);
	assert_int_equal(fs.capacity, ARRAY_SIZE(storage));
	assert_int_equal(frame_stack_pop(&fs), 0);
}

static void
test_push_pop_lifo(void **state)
{
	(void)state;
	assert_true(frame_stack_push(&fs, 0x1000));
	assert_true(frame_stack_push(&fs, 0x200000));
	assert_true(frame_stack_push(&fs, 0x7fff000));
	assert_int_equal(fs.count, 3);
	/* Stored as frame numbers. */
	assert_int_equal(storage[0], 1);
	assert_int_equal(storage[1], 0x200);
	assert_int_equal(storage[2], 0x7fff);
	assert_int_equal(frame_stack_pop(&fs), 0x7fff000);
	assert_int_equal(frame_stack_pop(&fs), 0x200000);
	assert_int_equal(frame_stack_pop(&fs), 0x1000);
	assert_int_equal(fs.count, 0);
	assert_int_equal(frame_stack_pop(&fs), 0);
	assert_int_equal(fs.count, 0);
}

static void
test_push_high_address(void **state)
{
	(void)state;
	/* The highest frame a 32-bit frame number holds: just under 16 TiB. */
	uint64_t top = 0xffffffffUL << PAGE_SHIFT;
	assert_true(frame_stack_push(&fs, top));
	assert_true(frame_stack_push(&fs, 0x100000000UL));     /* 4 GiB */
	assert_int_equal(frame_stack_pop(&fs), 0x100000000UL);
	assert_int_equal(frame_stack_pop(&fs), top);
}

static void
test_push_rejects_bad_frames(void **state)
{
	(void)state;
	assert_false(frame_stack_push(&fs, 0));           /* 0 means "none" */
	assert_false(frame_stack_push(&fs, 0x1001));      /* not page-aligned */
	assert_false(frame_stack_push(&fs, 0x1800));
	assert_false(frame_stack_push(&fs, 0xfff));
	assert_int_equal(fs.count, 0);
}

static void
test_push_when_full(void **state)
{
	uint32_t small[3];
	(void)state;

	frame_stack_init(&fs, small, 3);
	assert_true(frame_stack_push(&fs, 0x1000));
	assert_true(frame_stack_push(&fs, 0x2000));
	assert_true(frame_stack_push(&fs, 0x3000));
	assert_false(frame_stack_push(&fs, 0x4000));
	assert_int_equal(fs.count, 3);
	assert_int_equal(frame_stack_pop(&fs), 0x3000);
	assert_true(frame_stack_push(&fs, 0x5000));
	assert_int_equal(frame_stack_pop(&fs), 0x5000);

	/* Capacity 0: nothing fits. */
	frame_stack_init(&fs, small, 0);
	assert_false(frame_stack_push(&fs, 0x1000));
	assert_int_equal(frame_stack_pop(&fs), 0);
}

/* ---------------------------------------------------------------- filling */

/* Pop everything; check strictly ascending order and that every page is
 * expected[] (page-aligned [start, end) ranges, in order). */
static void
pop_all_expect(const struct phys_range *expected, int n)
{
	uint64_t prev = 0;
	size_t total = 0;

	for (int i = 0; i < n; i++)
		total += (expected[i].end - expected[i].start) / PAGE_SIZE;
	assert_int_equal(fs.count, total);
	for (int i = 0; i < n; i++)
		for (uint64_t pa = expected[i].start; pa < expected[i].end; pa += PAGE_SIZE) {
			uint64_t got = frame_stack_pop(&fs);
			if (got != pa)
				fail_msg("popped %#lx, expected %#lx", (unsigned long)got,
					 (unsigned long)pa);
			assert_true(got > prev);
			prev = got;
		}
	assert_int_equal(frame_stack_pop(&fs), 0);
}

static void
test_fill_typical_map(void **state)
{
	/* A QEMU-like map for 16 MiB of RAM, plus a high region. */
	static const struct mem_range map[] = {
		{ 0x0, 0x9fc00, MEM_AVAILABLE },          /* low memory: never used */
		{ 0x9fc00, 0x400, MEM_RESERVED },         /* EBDA */
		{ 0xf0000, 0x10000, MEM_RESERVED },       /* BIOS */
		{ 0x100000, 0xee0000, MEM_AVAILABLE },    /* 1 MiB .. 15.875 MiB */
		{ 0xfe0000, 0x20000, MEM_ACPI },          /* ACPI tables */
		{ 0x1000000, 0x10000, MEM_NVS },
		{ 0x1010000, 0x8000, MEM_AVAILABLE },     /* 8 more pages */
		{ 0xfffc0000, 0x40000, MEM_RESERVED },    /* flash */
		{ 0x100000000, 0x4000, MEM_AVAILABLE },   /* 4 pages above 4 GiB */
		{ 0x100004000, 0x4000, MEM_BAD },
	};
	static const struct phys_range reserved[] = {
		{ 0x100000, 0x180000 },                   /* the kernel image */
		{ 0x400000, 0x410000 },                   /* the initrd */
	};
	static const struct phys_range expect[] = {
		{ 0x180000, 0x400000 },
		{ 0x410000, 0xfe0000 },
		{ 0x1010000, 0x1018000 },
		{ 0x100000000, 0x100004000 },
	};
	(void)state;

	size_t added = frame_stack_fill(&fs, map, ARRAY_SIZE(map), reserved, ARRAY_SIZE(reserved));
	assert_int_equal(added, (0x400000 - 0x180000 + 0xfe0000 - 0x410000) / PAGE_SIZE + 8 + 4);
	assert_int_equal(added, fs.count);
	pop_all_expect(expect, ARRAY_SIZE(expect));
}

static void
test_fill_below_1mib_ignored(void **state)
{
	static const struct mem_range map[] = {
		{ 0x1000, 0x9e000, MEM_AVAILABLE },       /* entirely below 1 MiB */
		{ 0xc0000, 0x41000, MEM_AVAILABLE },      /* straddles 1 MiB: 1 page above it */
	};
	static const struct phys_range expect[] = { { 0x100000, 0x101000 } };
	(void)state;

	assert_int_equal(frame_stack_fill(&fs, map, ARRAY_SIZE(map), NULL, 0), 1);
	pop_all_expect(expect, ARRAY_SIZE(expect));
}

static void
test_fill_unaligned_ranges(void **state)
{
	static const struct mem_range map[] = {
		{ 0x100800, 0x3000, MEM_AVAILABLE },      /* [0x100800, 0x103800): 2 whole pages */
		{ 0x200001, 0xfff, MEM_AVAILABLE },       /* no whole page */
		{ 0x300fff, 0x1002, MEM_AVAILABLE },      /* [0x300fff, 0x302001): 1 page */
		{ 0x400000, 0x1fff, MEM_AVAILABLE },      /* 1 page */
		{ 0x500000, 0, MEM_AVAILABLE },           /* empty */
	};
	static const struct phys_range expect[] = {
		{ 0x101000, 0x103000 },
		{ 0x301000, 0x302000 },
		{ 0x400000, 0x401000 },
	};
	(void)state;

	assert_int_equal(frame_stack_fill(&fs, map, ARRAY_SIZE(map), NULL, 0), 4);
	pop_all_expect(expect, ARRAY_SIZE(expect));
}

static void
test_fill_reserved_holes(void **state)
{
	static const struct mem_range map[] = {
		{ 0x100000, 0x10000, MEM_AVAILABLE },     /* 16 pages: 0x100000 .. 0x10f000 */
	};
	static const struct phys_range reserved[] = {
		{ 0x102000, 0x103000 },                   /* exactly one page */
		{ 0x105800, 0x106001 },                   /* unaligned: touches 0x105000 and 0x106000 */
		{ 0x10a000, 0x10a000 },                   /* empty: reserves nothing */
		{ 0x10dfff, 0x10e000 },                   /* one byte: 0x10d000 */
		{ 0x0, 0x100000 },                        /* below the range */
		{ 0x110000, 0x200000 },                   /* above the range, touching its end */
	};
	static const struct phys_range expect[] = {
		{ 0x100000, 0x102000 },
		{ 0x103000, 0x105000 },
		{ 0x107000, 0x10d000 },
		{ 0x10e000, 0x110000 },
	};
	(void)state;

	assert_int_equal(frame_stack_fill(&fs, map, ARRAY_SIZE(map), reserved, ARRAY_SIZE(reserved)),
			 16 - 1 - 2 - 1);
	pop_all_expect(expect, ARRAY_SIZE(expect));
}

static void
test_fill_everything_reserved(void **state)
{
	static const struct mem_range map[] = {
		{ 0x100000, 0x100000, MEM_AVAILABLE },
		{ 0x300000, 0x100000, MEM_ACPI },
	};
	static const struct phys_range reserved[] = { { 0x0, 0x300000 } };
	(void)state;

	assert_int_equal(frame_stack_fill(&fs, map, ARRAY_SIZE(map), reserved, 1), 0);
	assert_int_equal(fs.count, 0);
	/* An empty map. */
	assert_int_equal(frame_stack_fill(&fs, map, 0, NULL, 0), 0);
	assert_int_equal(fs.count, 0);
}

static void
test_fill_wrapping_range_ignored(void **state)
{
	static const struct mem_range map[] = {
		{ 0x100000, 0x2000, MEM_AVAILABLE },
		/* base + length wraps around to 0x200000; rounded up, the base
		 * would be 0, so only the wrap check keeps [1 MiB, 2 MiB) out. */
		{ 0xfffffffffffff800, 0x200800, MEM_AVAILABLE },
		{ 0xfffffffffffff000, 0x2000, MEM_AVAILABLE },  /* wraps to 0x1000 */
	};
	static const struct phys_range expect[] = { { 0x100000, 0x102000 } };
	(void)state;

	assert_int_equal(frame_stack_fill(&fs, map, ARRAY_SIZE(map), NULL, 0), 2);
	pop_all_expect(expect, ARRAY_SIZE(expect));
	/* find_free_area skips it too: 0x3000 bytes fit nowhere else. */
	assert_int_equal(find_free_area(map, ARRAY_SIZE(map), NULL, 0, 0x3000, ~0UL), 0);
	assert_int_equal(find_free_area(map, ARRAY_SIZE(map), NULL, 0, 0x2000, ~0UL), 0x100000);
}

static void
test_fill_capacity_exhausted(void **state)
{
	static const struct mem_range map[] = {
		{ 0x100000, 0x10000, MEM_AVAILABLE },     /* 16 pages */
		{ 0x200000, 0x10000, MEM_AVAILABLE },     /* 16 more */
	};
	uint32_t small[20];
	(void)state;

	frame_stack_init(&fs, small, ARRAY_SIZE(small));
	assert_int_equal(frame_stack_fill(&fs, map, ARRAY_SIZE(map), NULL, 0), 20);
	assert_int_equal(fs.count, 20);
	assert_false(frame_stack_push(&fs, 0x300000));
	/* Whatever was kept: available pages, each once, lowest popped first. */
	uint64_t prev = 0;
	for (int i = 0; i < 20; i++) {
		uint64_t pa = frame_stack_pop(&fs);
		assert_true(pa > prev);
		assert_true((pa >= 0x100000 && pa < 0x110000) || (pa >= 0x200000 && pa < 0x210000));
		prev = pa;
	}
	assert_int_equal(frame_stack_pop(&fs), 0);
}

static void
test_fill_adds_to_existing(void **state)
{
	static const struct mem_range map[] = { { 0x100000, 0x2000, MEM_AVAILABLE } };
	(void)state;

	assert_true(frame_stack_push(&fs, 0x5000000));
	assert_int_equal(frame_stack_fill(&fs, map, 1, NULL, 0), 2);
	assert_int_equal(fs.count, 3);
	assert_int_equal(frame_stack_pop(&fs), 0x100000);
	assert_int_equal(frame_stack_pop(&fs), 0x101000);
	assert_int_equal(frame_stack_pop(&fs), 0x5000000);
}

/* ---------------------------------------------------------------- find_free_area */

static const struct mem_range area_map[] = {
	{ 0x0, 0x9fc00, MEM_AVAILABLE },              /* below 1 MiB: never */
	{ 0x100000, 0x100000, MEM_AVAILABLE },        /* 1..2 MiB */
	{ 0x200000, 0x100000, MEM_RESERVED },
	{ 0x300800, 0x100000, MEM_AVAILABLE },        /* unaligned: [0x301000, 0x400000) */
	{ 0x1000000, 0x1000000, MEM_AVAILABLE },      /* 16..32 MiB */
};

static void
test_find_first_fit(void **state)
{
	static const struct phys_range kernel[] = { { 0x100000, 0x180000 } };
	(void)state;

	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), kernel, 1, 0x1000, ~0UL),
			 0x180000);
	/* Sizes round up to pages: 0x80000 fits exactly in [0x180000, 0x200000) ... */
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), kernel, 1, 0x80000, ~0UL),
			 0x180000);
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), kernel, 1, 0x7f001, ~0UL),
			 0x180000);
	/* ... 0x80001 bytes (0x81000) do not; the unaligned range starts at 0x301000. */
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), kernel, 1, 0x80001, ~0UL),
			 0x301000);
	/* Bigger than any of those: the 16 MiB range. */
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), kernel, 1, 0x100000, ~0UL),
			 0x1000000);
	/* Never below 1 MiB, even with nothing reserved. */
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), NULL, 0, 0x1000, ~0UL),
			 0x100000);
}

static void
test_find_avoids_reserved(void **state)
{
	static const struct phys_range reserved[] = {
		{ 0x100000, 0x180000 },
		{ 0x1c0000, 0x1c0001 },                   /* one byte blocks its page */
		{ 0x301000, 0x302000 },
		{ 0x1000000, 0x1004000 },
		{ 0x1005000, 0x1006000 },
	};
	(void)state;

	/* 0x40000 bytes: [0x180000, 0x1c0000) fits just before the byte. */
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), reserved,
					ARRAY_SIZE(reserved), 0x40000, ~0UL), 0x180000);
	/* 0x41000: after it, [0x1c1000, 0x200000) is 0x3f000: no; then 0x302000. */
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), reserved,
					ARRAY_SIZE(reserved), 0x41000, ~0UL), 0x302000);
	/* 0xff000 bytes: none of the low ones; the gap [0x1004000, 0x1005000) is too small. */
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), reserved,
					ARRAY_SIZE(reserved), 0xff000, ~0UL), 0x1006000);
	/* One page fits in that gap once the low ones are full. */
	static const struct phys_range low_full[] = { { 0, 0x1000000 }, { 0x1000000, 0x1004000 } };
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), low_full, 2, 0x1000, ~0UL),
			 0x1004000);
}

static void
test_find_with_limit(void **state)
{
	static const struct phys_range kernel[] = { { 0x100000, 0x180000 } };
	(void)state;

	/* The area must end at or below the limit. */
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), kernel, 1, 0x1000, 0x181000),
			 0x180000);
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), kernel, 1, 0x1000, 0x180fff),
			 0);
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), kernel, 1, 0x200000,
					0x1200000), 0x1000000);
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), kernel, 1, 0x200000,
					0x11fffff), 0);
	/* Larger than all RAM. */
	assert_int_equal(find_free_area(area_map, ARRAY_SIZE(area_map), kernel, 1, 0x2000000, ~0UL),
			 0);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_init),
		T(test_push_pop_lifo),
		T(test_push_high_address),
		T(test_push_rejects_bad_frames),
		T(test_push_when_full),
		T(test_fill_typical_map),
		T(test_fill_below_1mib_ignored),
		T(test_fill_unaligned_ranges),
		T(test_fill_reserved_holes),
		T(test_fill_everything_reserved),
		T(test_fill_wrapping_range_ignored),
		T(test_fill_capacity_exhausted),
		T(test_fill_adds_to_existing),
		T(test_find_first_fit),
		T(test_find_avoids_reserved),
		T(test_find_with_limit),
	};
	return cmocka_run_group_tests_name("pmm", tests, NULL, NULL);
}
