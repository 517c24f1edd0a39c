/*
 * pmm.h - the physical memory manager: hands out 4 KiB page frames.
 *
 * The free frames sit on a stack (an array of frame numbers): allocating is
 * a pop, freeing is a push, both O(1). The frame_stack functions are pure
 * and host-tested (tests/host/test_pmm.c); pmm_init() feeds the stack from
 * the boot memory map, minus what is already in use.
 */
#ifndef PMM_H
#define PMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bootinfo.h"

struct frame_stack {
	uint32_t *frames;        /* frame numbers (physical address >> 12) */
	size_t count;            /* how many are free now */
	size_t capacity;
};

void frame_stack_init(struct frame_stack *fs, uint32_t *storage, size_t capacity);
bool frame_stack_push(struct frame_stack *fs, uint64_t pa);
uint64_t frame_stack_pop(struct frame_stack *fs);   /* 0 when empty */

/* A physical range [start, end) that must not be handed out. */
struct phys_range {
	uint64_t start, end;
};

/* Add every free page of the available memory-map ranges, skipping the reserved ones; returns pages added. */
size_t frame_stack_fill(struct frame_stack *fs, const struct mem_range *ranges, int nranges,
			const struct phys_range *reserved, int nreserved);
/* First page-aligned physical area of size bytes in available RAM below limit avoiding reserved; 0 if none. */
uint64_t find_free_area(const struct mem_range *ranges, int nranges,
			const struct phys_range *reserved, int nreserved, uint64_t size, uint64_t limit);

void pmm_init(const struct boot_info *bi);
uint64_t pmm_alloc(void);            /* a zeroed frame (reference count 1), or 0 */
void pmm_free(uint64_t pa);          /* drop a reference; freed at zero */
void pmm_ref(uint64_t pa);           /* add a reference (a shared mapping) */
unsigned pmm_refcount(uint64_t pa);
size_t pmm_free_frames(void);
size_t pmm_total_frames(void);
uint64_t pmm_max_phys(void);         /* end of the highest usable RAM */

#endif
