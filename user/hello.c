/*
 * hello.c - the lesson's first example: printing is a system call.
 *
 * `write(1, "hello, world\n", 13)` puts 1 (write's number) in RAX, the three
 * arguments in RDI, RSI, RDX, and executes SYSCALL: the CPU switches to
 * ring 0, the kernel copies the 13 bytes to the console, and SYSRET brings
 * us back here with 13 in RAX. Step through it: see docs/gdb.md.
 */
#include "libsys.h"

int
main(void)
{
	uint16_t cs;

	write(1, "hello, world\n", 13);
	__asm__("mov %%cs, %0" : "=r"(cs));   /* the low 2 bits of CS are the current ring */
	printf("I am process %d, running in ring %d (CS = 0x%x)\n", getpid(), cs & 3, cs);
	return 0;
}
