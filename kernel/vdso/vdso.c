/*
 * vdso.c - put the vDSO into pages at boot and map it, with the vvar page,
 * into an address space (exec does this for every program).
 */
#include "clock.h"
#include "mm.h"
#include "panic.h"
#include "pmm.h"
#include "printk.h"
#include "string.h"
#include "uapi/errno.h"
#include "vdso.h"
#include "vm.h"

#define VDSO_MAX_PAGES 4

extern const uint8_t vdso_image_start[], vdso_image_end[];
static uint64_t vdso_frames[VDSO_MAX_PAGES];
static int vdso_pages;

void
vdso_init(void)
{
	size_t size = (size_t)(vdso_image_end - vdso_image_start);

	if (size < 4 || memcmp(vdso_image_start, "\x7f" "ELF", 4) != 0)
		panic("vdso: the embedded image is not an ELF file");
	vdso_pages = (int)(PAGE_ROUND_UP(size) / PAGE_SIZE);
	if (vdso_pages > VDSO_MAX_PAGES)
		panic("vdso: image of %lu bytes is too big", size);
	for (int i = 0; i < vdso_pages; i++) {
		vdso_frames[i] = pmm_alloc();
		if (vdso_frames[i] == 0)
			panic("vdso: out of memory");
		size_t chunk = size - i * PAGE_SIZE < PAGE_SIZE ? size - i * PAGE_SIZE : PAGE_SIZE;
		memcpy(phys_to_virt(vdso_frames[i]), vdso_image_start + i * PAGE_SIZE, chunk);
	}
	printk("vdso: %lu bytes at %lx, vvar at %lx\n", size, VDSO_ADDR, VVAR_ADDR);
}

/* Map one shared kernel frame read-only into mm (one more reference to it). */
static int
map_shared(struct mm *mm, uint64_t va, uint64_t frame, uint64_t flags)
{
	if (vm_map_page(mm->pml4, va, frame, flags) < 0)
		return -ENOMEM;
	pmm_ref(frame);
	return 0;
}

int
vdso_map(struct mm *mm)
{
	uint64_t vdso_end = VDSO_ADDR + (uint64_t)vdso_pages * PAGE_SIZE;

	if (vma_insert(&mm->vmas, VVAR_ADDR, VVAR_ADDR + PAGE_SIZE, VMA_READ, VMA_VVAR) < 0 ||
	    vma_insert(&mm->vmas, VDSO_ADDR, vdso_end, VMA_READ | VMA_EXEC, VMA_VDSO) < 0)
		return -ENOMEM;
	if (map_shared(mm, VVAR_ADDR, vvar_frame, PTE_U | pte_nx) < 0)
		return -ENOMEM;
	for (int i = 0; i < vdso_pages; i++)
		if (map_shared(mm, VDSO_ADDR + i * PAGE_SIZE, vdso_frames[i], PTE_U) < 0)
			return -ENOMEM;
	return 0;
}
