/*
 * unknown.c - system call numbers Linux does not use, and numbers with
 * high bits set: Linux (and this kernel) dispatch on the low 32 bits of
 * RAX only. Used by test_trace_format.c: test_unknown_numbers.
 */
#include "raw.h"

int
main(void)
{
	static const unsigned long rax[] = {
		500, 0x100000027, 0xffffffffffffffff, 0x1000001f4, 0x80000000, 0xffffffff, 512, 0x3e8,
		0x40000027,             /* bit 30: Linux's x32 ABI (strace switches to x32 names) */
	};
	for (unsigned i = 0; i < sizeof rax / sizeof rax[0]; i++)
		sc6((long)rax[i], 1, 2, 3, 4, 5, 6);
	return 0;
}
