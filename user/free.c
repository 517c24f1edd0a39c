/*
 * free.c - how much memory is there, and how much is free? One sysinfo(2)
 * call, printed the way Linux's `free -k` prints it.
 */
#include "libsys.h"

int
main(void)
{
	struct sysinfo si;

	if (sysinfo(&si) < 0) {
		printf("free: sysinfo: %s\n", strerror(errno));
		return 1;
	}
	unsigned long unit = si.mem_unit ? si.mem_unit : 1;
	unsigned long total = si.totalram * unit / 1024, freekb = si.freeram * unit / 1024;
	printf("%15s %11s %11s\n", "total", "used", "free");
	printf("Mem: %10lu %11lu %11lu\n", total, total - freekb, freekb);
	printf("(KiB; up %ld s, %u process%s)\n", si.uptime, si.procs, si.procs == 1 ? "" : "es");
	return 0;
}
