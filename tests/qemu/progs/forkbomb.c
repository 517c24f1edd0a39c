/*
 * forkbomb.c - every process forks as fast as it can, forever. The kernel
 * must stay responsive: fork fails with -EAGAIN when the process table is
 * full, and ^C at the shell kills the whole foreground process group.
 */
#include "libsys.h"

int
main(void)
{
	printf("forkbomb: forking until the table is full; press ^C\n");
	for (;;)
		if (raw_syscall0(__NR_fork) < 0)
			sched_yield();
}
