/*
 * pmm.c - the kernel's physical memory manager, on top of frames.c.
 *
 * At boot: count the RAM in the memory map, reserve what is in use (the
 * kernel image, the boot modules such as the initrd), find room for the
 * stack of free frames itself, and push every other page onto it.
 *
 * Each frame also has a reference count: after fork(), parent and child
 * share their pages copy-on-write, so a frame may be mapped in several
 * address spaces and goes back on the free stack only when the last
 * mapping drops it (pmm_free).
 */
#include "memlayout.h"
#include "panic.h"
#include "pmm.h"
#include "printk.h"
#include "string.h"

extern char _kernel_end[];      /* linker.ld */

static struct frame_stack free_frames;
static uint16_t *refcounts;      /* one per frame number below max_phys */
static size_t total_frames;
static uint64_t max_phys;

/* The boot page tables map only the first 1 GiB of physical memory. */
#define EARLY_MAP_LIMIT (1UL << 30)

void
pmm_init(const struct boot_info *bi)
{
	struct phys_range reserved[BOOT_MAX_MODULES + 2];
	int nreserved = 0;
	uint64_t ram = 0;

	reserved[nreserved++] = (struct phys_range){ KERNEL_PHYS, virt_to_phys(_kernel_end) };
	for (int i = 0; i < bi->nmodules; i++)
		reserved[nreserved++] = (struct phys_range){
			PAGE_ROUND_DOWN(bi->modules[i].start), PAGE_ROUND_UP(bi->modules[i].end) };

	for (int i = 0; i < bi->nranges; i++) {
		const struct mem_range *r = &bi->ranges[i];
		if (r->type != MEM_AVAILABLE)
			continue;
		ram += r->length;
		if (r->base + r->length > max_phys)
			max_phys = r->base + r->length;
	}

	/* Per page of RAM: a 32-bit slot on the free stack and a 16-bit
	 * reference count, placed together in free RAM and reserved. */
	size_t capacity = max_phys / PAGE_SIZE;
	uint64_t bytes = capacity * (sizeof(uint32_t) + sizeof(uint16_t));
	uint64_t area = find_free_area(bi->ranges, bi->nranges, reserved, nreserved, bytes,
				       EARLY_MAP_LIMIT);
	if (area == 0)
		panic("pmm: no room for the free-frame stack (%lu bytes)", bytes);
	reserved[nreserved++] = (struct phys_range){ area, area + PAGE_ROUND_UP(bytes) };

	frame_stack_init(&free_frames, phys_to_virt(area), capacity);
	refcounts = (uint16_t *)((uint8_t *)phys_to_virt(area) + capacity * sizeof(uint32_t));
	memset(refcounts, 0, capacity * sizeof(uint16_t));
	total_frames = frame_stack_fill(&free_frames, bi->ranges, bi->nranges, reserved, nreserved);
	printk("memory: %lu KiB RAM, %lu KiB usable in %lu free pages, kernel %lu KiB\n",
	       ram / 1024, total_frames * 4, total_frames,
	       (virt_to_phys(_kernel_end) - KERNEL_PHYS) / 1024);
}

uint64_t
pmm_alloc(void)
{
	uint64_t pa = frame_stack_pop(&free_frames);

	if (pa != 0) {
		zero_page(phys_to_virt(pa));   /* never leak old contents */
		refcounts[pa >> PAGE_SHIFT] = 1;
	}
	return pa;
}

/* One more mapping of the frame at pa (copy-on-write sharing). */
void
pmm_ref(uint64_t pa)
{
	uint16_t *rc = &refcounts[pa >> PAGE_SHIFT];

	if (*rc == 0 || *rc == UINT16_MAX)
		panic("pmm_ref: frame %lx has reference count %u", pa, *rc);
	(*rc)++;
}

unsigned
pmm_refcount(uint64_t pa)
{
	return refcounts[pa >> PAGE_SHIFT];
}

/* Drop one reference; the last one puts the frame back on the free stack. */
void
pmm_free(uint64_t pa)
{
	if ((pa & (PAGE_SIZE - 1)) != 0 || pa >= max_phys || refcounts[pa >> PAGE_SHIFT] == 0)
		panic("pmm_free: bad frame %lx (not allocated, or freed twice)", pa);
	if (--refcounts[pa >> PAGE_SHIFT] > 0)
		return;
	if (!frame_stack_push(&free_frames, pa))
		panic("pmm_free: free stack full at %lx", pa);
}

size_t pmm_free_frames(void) { return free_frames.count; }
size_t pmm_total_frames(void) { return total_frames; }
uint64_t pmm_max_phys(void) { return max_phys; }
