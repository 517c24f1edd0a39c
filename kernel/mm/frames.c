/*
 * frames.c - the pure part of the physical memory manager (see pmm.h): a
 * stack of free frame numbers, and the arithmetic that turns a memory map
 * plus a list of reserved ranges into free frames. No hardware, no globals:
 * the host tests run it against made-up memory maps.
 */
#include "memlayout.h"
#include "pmm.h"

#define LOW_MEMORY_END 0x100000UL   /* below 1 MiB: BIOS data, VGA, option ROMs */

void
frame_stack_init(struct frame_stack *fs, uint32_t *storage, size_t capacity)
{
	fs->frames = storage;
	fs->count = 0;
	fs->capacity = capacity;
}

bool
frame_stack_push(struct frame_stack *fs, uint64_t pa)
{
	if (fs->count == fs->capacity || pa == 0 || (pa & (PAGE_SIZE - 1)) != 0)
		return false;
	fs->frames[fs->count++] = (uint32_t)(pa >> PAGE_SHIFT);
	return true;
}

uint64_t
frame_stack_pop(struct frame_stack *fs)
{
	if (fs->count == 0)
		return 0;
	return (uint64_t)fs->frames[--fs->count] << PAGE_SHIFT;
}

static bool
overlaps_reserved(uint64_t start, uint64_t end, const struct phys_range *reserved, int n)
{
	for (int i = 0; i < n; i++)
		if (start < reserved[i].end && reserved[i].start < end)
			return true;
	return false;
}

/* The page-aligned usable part of an available range: [*start, *end). */
static bool
usable_part(const struct mem_range *r, uint64_t *start, uint64_t *end)
{
	if (r->type != MEM_AVAILABLE || r->base + r->length < r->base)
		return false;     /* not RAM, or wraps around */
	*start = PAGE_ROUND_UP(r->base);
	*end = PAGE_ROUND_DOWN(r->base + r->length);
	if (*start < LOW_MEMORY_END)
		*start = LOW_MEMORY_END;
	return *start < *end;
}

size_t
frame_stack_fill(struct frame_stack *fs, const struct mem_range *ranges, int nranges,
		 const struct phys_range *reserved, int nreserved)
{
	size_t added = 0;
	uint64_t start, end;

	/* Push from the top of memory down, so that pops hand out low addresses
	 * first (early boot can only reach the first 1 GiB). */
	for (int i = nranges - 1; i >= 0; i--) {
		if (!usable_part(&ranges[i], &start, &end))
			continue;
		for (uint64_t pa = end - PAGE_SIZE; pa >= start && pa < end; pa -= PAGE_SIZE) {
			if (overlaps_reserved(pa, pa + PAGE_SIZE, reserved, nreserved))
				continue;
			if (!frame_stack_push(fs, pa))
				return added;
			added++;
		}
	}
	return added;
}

uint64_t
find_free_area(const struct mem_range *ranges, int nranges,
	       const struct phys_range *reserved, int nreserved, uint64_t size, uint64_t limit)
{
	uint64_t start, end;

	size = PAGE_ROUND_UP(size);
	for (int i = 0; i < nranges; i++) {
		if (!usable_part(&ranges[i], &start, &end))
			continue;
		for (uint64_t pa = start; pa + size <= end && pa + size <= limit; pa += PAGE_SIZE)
			if (!overlaps_reserved(pa, pa + size, reserved, nreserved))
				return pa;
	}
	return 0;
}
