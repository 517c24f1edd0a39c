/*
 * mmap-demo.c - virtual memory made visible. mmap only reserves addresses;
 * memory is spent page by page as it is touched (each first touch is a
 * page fault that the kernel answers with a zeroed page); munmap gives it
 * all back. A PROT_NONE reservation of 1 GiB costs nothing at all.
 */
#include "libsys.h"

#define MIB (1024 * 1024UL)

static unsigned long
free_kib(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return si.freeram * si.mem_unit / 1024;
}

int
main(void)
{
	unsigned long size = 64 * MIB, start = free_kib();

	printf("free memory at start:            %8lu KiB\n", start);
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		printf("mmap: %s\n", strerror(errno));
		return 1;
	}
	printf("mmap(64 MiB) = %p; free now:   %8lu KiB  (nothing used yet)\n", p, free_kib());
	for (unsigned long off = 0; off < size; off += 4096) {
		p[off] = 1;                            /* first touch: a page fault */
		if (off == size / 2 - 4096)
			printf("touched 32 MiB; free now:        %8lu KiB\n", free_kib());
	}
	printf("touched 64 MiB; free now:        %8lu KiB\n", free_kib());
	munmap(p, size);
	printf("after munmap; free now:          %8lu KiB\n", free_kib());

	char *r = mmap(NULL, 1024 * MIB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	printf("PROT_NONE reservation of 1 GiB at %p; free now: %lu KiB\n", r, free_kib());
	munmap(r, 1024 * MIB);
	return free_kib() == start ? 0 : 1;
}
