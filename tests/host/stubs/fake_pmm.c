/*
 * fake_pmm.c (host stub) - pmm_alloc/pmm_free/pmm_ref/pmm_refcount over the
 * simulated physical memory of fake_phys.h, with the kernel's semantics
 * (mm/pmm.c): a zeroed frame with reference count 1; pmm_free drops one
 * reference and frees at zero. Where the kernel would panic (freeing or
 * referencing a frame that is not allocated, a misaligned or out-of-range
 * address) the current test fails instead. Also the linker-script symbols
 * vm.c names (see the end).
 */
#include "../host_test.h"

#include "fake_phys.h"
#include "memlayout.h"
#include "pmm.h"

uint8_t fake_phys[FAKE_PHYS_BYTES] __attribute__((aligned(4096)));

static unsigned refs[FAKE_PHYS_PAGES];

int fake_pmm_fail_at = -1;
int fake_pmm_fail_sticky;
int fake_pmm_calls;
long fake_pmm_allocs;
long fake_pmm_frees;

void
fake_pmm_reset(void)
{
	memset(fake_phys, FAKE_PHYS_POISON, FAKE_PHYS_BYTES);
	memset(refs, 0, sizeof refs);
	fake_pmm_fail_at = -1;
	fake_pmm_fail_sticky = 0;
	fake_pmm_calls = 0;
	fake_pmm_allocs = 0;
	fake_pmm_frees = 0;
}

void
fake_pmm_fail_after(int n)
{
	fake_pmm_fail_at = fake_pmm_calls + n + 1;
	fake_pmm_fail_sticky = 1;
}

size_t
fake_pmm_live(void)
{
	size_t n = 0;
	for (size_t i = 0; i < FAKE_PHYS_PAGES; i++)
		n += refs[i] > 0;
	return n;
}

/* The frame number of pa, failing the test for anything but a frame of fake_phys[]. */
static size_t
frame_of(const char *who, uint64_t pa)
{
	if ((pa & (PAGE_SIZE - 1)) != 0 || pa == 0 || pa >= FAKE_PHYS_BYTES) {
		fail_msg("%s(%#lx): not a frame of the fake physical memory", who,
			 (unsigned long)pa);
		__builtin_abort();
	}
	return pa >> PAGE_SHIFT;
}

unsigned
fake_pmm_refs(uint64_t pa)
{
	return refs[frame_of("fake_pmm_refs", pa)];
}

uint64_t
pmm_alloc(void)
{
	fake_pmm_calls++;
	if (fake_pmm_fail_at >= 0 && (fake_pmm_calls == fake_pmm_fail_at ||
				      (fake_pmm_fail_sticky && fake_pmm_calls > fake_pmm_fail_at)))
		return 0;
	for (size_t i = 1; i < FAKE_PHYS_PAGES; i++)
		if (refs[i] == 0) {
			refs[i] = 1;
			memset(fake_phys + i * PAGE_SIZE, 0, PAGE_SIZE);
			fake_pmm_allocs++;
			return i * PAGE_SIZE;
		}
	fail_msg("fake physical memory exhausted (%d frames): a leak?", FAKE_PHYS_PAGES - 1);
	return 0;
}

void
pmm_free(uint64_t pa)
{
	size_t i = frame_of("pmm_free", pa);

	if (refs[i] == 0) {
		fail_msg("pmm_free(%#lx): frame not allocated (freed twice?)", (unsigned long)pa);
		return;
	}
	if (--refs[i] > 0)
		return;
	memset(fake_phys + i * PAGE_SIZE, FAKE_PHYS_POISON, PAGE_SIZE);
	fake_pmm_frees++;
}

void
pmm_ref(uint64_t pa)
{
	size_t i = frame_of("pmm_ref", pa);

	if (refs[i] == 0) {
		fail_msg("pmm_ref(%#lx): frame not allocated", (unsigned long)pa);
		return;
	}
	refs[i]++;
}

unsigned
pmm_refcount(uint64_t pa)
{
	return refs[frame_of("pmm_refcount", pa)];
}

/*
 * The linker-script symbols (linker.ld) of vm.c's table of kernel-image
 * sections. Only vm_init_kernel, never run here, reads that table, and
 * --gc-sections normally drops it; but with SANITIZE=1 ASan registers the
 * table as an instrumented global, which keeps it and these references.
 */
char _text_start[1], _text_end[1], _rodata_start[1], _rodata_end[1];
char _data_start[1], _kernel_end[1];
