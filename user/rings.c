/*
 * rings.c - ring 3 is not allowed to do what ring 0 does. Each test below
 * tries one forbidden thing; the CPU raises an exception, the kernel prints
 * what happened and kills this program with the signal Linux would send -
 * and the kernel itself carries on.
 *
 *   rings cli       disable interrupts         #GP  -> SIGSEGV
 *   rings hlt       halt the CPU               #GP  -> SIGSEGV
 *   rings cr3       read the page-table root   #GP  -> SIGSEGV
 *   rings in        read an I/O port           #GP  -> SIGSEGV
 *   rings out       write an I/O port          #GP  -> SIGSEGV
 *   rings wrmsr     write a model register     #GP  -> SIGSEGV
 *   rings kernel    read kernel memory         #PF  -> SIGSEGV (error 5: present, user)
 *   rings null      read address 0             #PF  -> SIGSEGV
 *   rings noncanon  read a non-canonical addr  #GP  -> SIGSEGV
 *   rings edge      jump to the last user page #PF  -> SIGSEGV
 *   rings ud2       an invalid opcode          #UD  -> SIGILL
 *   rings div0      divide by zero             #DE  -> SIGFPE
 *   rings int3      a breakpoint               #BP  -> SIGTRAP
 */
#include "libsys.h"

static volatile uint64_t sink;

static void try_cli(void) { __asm__ volatile("cli"); }
static void try_hlt(void) { __asm__ volatile("hlt"); }
static void try_cr3(void) { uint64_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); sink = v; }
static void try_in(void) { uint8_t v; __asm__ volatile("inb $0x60, %0" : "=a"(v)); sink = v; }
static void try_out(void) { __asm__ volatile("outb %0, $0x80" : : "a"((uint8_t)0)); }
static void try_wrmsr(void) { __asm__ volatile("wrmsr" : : "c"(0xc0000082), "a"(0), "d"(0)); }
/* The kernel's direct map of physical memory: mapped, present, but not for ring 3. */
static void try_kernel(void) { sink = *(volatile uint64_t *)0xffff800000100000UL; }
static void try_null(void) { sink = *(volatile uint64_t *)0; }
static void try_noncanon(void) { sink = *(volatile uint64_t *)0x0000800000000000UL; }
static void try_edge(void) { ((void (*)(void))0x00007ffffffffffeUL)(); }
static void try_ud2(void) { __asm__ volatile("ud2"); }
static void try_int3(void) { __asm__ volatile("int3"); }
static void
try_div0(void)
{
	/* In assembly: a C division by zero is undefined, and GCC may turn 1/x into a compare. */
	__asm__ volatile("xorl %%ecx, %%ecx; movl $1, %%eax; cltd; idivl %%ecx" : : : "eax", "ecx", "edx");
}

static const struct {
	const char *name;
	void (*fn)(void);
	const char *what;
} tests[] = {
	{ "cli", try_cli, "disable interrupts (cli)" },
	{ "hlt", try_hlt, "halt the CPU (hlt)" },
	{ "cr3", try_cr3, "read CR3, the page-table root" },
	{ "in", try_in, "read I/O port 0x60 (in)" },
	{ "out", try_out, "write I/O port 0x80 (out)" },
	{ "wrmsr", try_wrmsr, "overwrite MSR_LSTAR, the syscall entry (wrmsr)" },
	{ "kernel", try_kernel, "read kernel memory at 0xffff800000100000" },
	{ "null", try_null, "read address 0 (NULL)" },
	{ "noncanon", try_noncanon, "read non-canonical address 0x800000000000" },
	{ "edge", try_edge, "jump to 0x7ffffffffffe, in the never-mapped last page" },
	{ "ud2", try_ud2, "execute an invalid opcode (ud2)" },
	{ "div0", try_div0, "divide by zero" },
	{ "int3", try_int3, "hit a breakpoint (int3)" },
};

int
main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "cli";

	for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		if (strcmp(tests[i].name, name) != 0)
			continue;
		printf("rings: ring 3 tries to %s...\n", tests[i].what);
		tests[i].fn();
		printf("rings: %s did not fault!\n", name);
		return 1;
	}
	printf("usage: rings TEST, where TEST is one of:");
	for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++)
		printf(" %s", tests[i].name);
	printf("\n");
	return 2;
}
