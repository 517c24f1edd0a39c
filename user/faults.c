/*
 * faults.c - each kind of illegal memory access, one per run. The CPU
 * raises a page fault, the kernel finds no area that allows the access,
 * prints Linux's line (`faults[1]: segfault at ADDR ip IP sp SP error N`)
 * and kills the program with SIGSEGV. The error code tells what happened:
 * bit 0 = page was present, bit 1 = write, bit 2 = user mode, bit 4 = fetch.
 *
 *   faults null-read   read address 0              error 4
 *   faults null-write  write address 0             error 6
 *   faults kernel      read a kernel address       error 5
 *   faults rodata      write read-only data        error 7
 *   faults nx          execute from the stack      error 15
 *   faults stack       recurse past the 8 MiB stack: the guard below it
 *   faults prot-none   touch a PROT_NONE mapping   error 4
 *   faults unmapped    touch memory after munmap   error 6
 *   faults oom         touch more memory than the machine has: not a
 *                      segfault - the kernel runs out of pages and kills
 *                      the program with SIGKILL ("Out of memory: Killed ...")
 */
#include "libsys.h"

static volatile uint64_t sink;
static const char message[] = "read-only";

static void null_read(void) { sink = *(volatile uint64_t *)0; }
static void null_write(void) { *(volatile uint64_t *)0 = 1; }
static void kernel_read(void) { sink = *(volatile uint64_t *)0xffff800000100000UL; }
static void rodata_write(void) { *(volatile char *)message = 'X'; }

static void
nx_exec(void)
{
	uint8_t code[16] = { 0xc3 };              /* "ret", on the (non-executable) stack */
	((void (*)(void))code)();
}

static uint64_t
recurse(uint64_t depth)
{
	volatile uint8_t frame[4096];             /* one page per call */
	frame[0] = (uint8_t)depth;
	if (depth == UINT64_MAX)                  /* never: keeps GCC from calling this infinite */
		return 0;
	return recurse(depth + 1) + frame[0];
}
static void stack_overflow(void) { sink = recurse(0); }

static void
prot_none(void)
{
	volatile char *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	sink = p[0];
}

static void
after_munmap(void)
{
	volatile char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	munmap((void *)p, 4096);
	p[0] = 2;
}

static void
out_of_memory(void)
{
	uint64_t size = 1UL << 36;                /* 64 GiB: more than any test machine */
	volatile char *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	for (uint64_t off = 0; off < size; off += 4096)
		p[off] = 1;
}

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "null-read", null_read }, { "null-write", null_write }, { "kernel", kernel_read },
	{ "rodata", rodata_write }, { "nx", nx_exec }, { "stack", stack_overflow },
	{ "prot-none", prot_none }, { "unmapped", after_munmap }, { "oom", out_of_memory },
};

int
main(int argc, char **argv)
{
	for (unsigned i = 0; argc > 1 && i < sizeof tests / sizeof tests[0]; i++) {
		if (strcmp(tests[i].name, argv[1]) != 0)
			continue;
		printf("faults: %s\n", argv[1]);
		tests[i].fn();
		printf("faults: %s did not fault!\n", argv[1]);
		return 1;
	}
	printf("usage: faults null-read|null-write|kernel|rodata|nx|stack|prot-none|unmapped|oom\n");
	return 2;
}
