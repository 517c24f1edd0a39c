/* uapi/sysinfo.h - struct sysinfo as Linux x86-64 lays it out (112 bytes). */
#ifndef UAPI_SYSINFO_H
#define UAPI_SYSINFO_H

struct sysinfo {
	long uptime;               /* seconds since boot */
	unsigned long loads[3];    /* 1, 5, 15 minute load averages (x 65536) */
	unsigned long totalram;    /* usable memory, in mem_unit units */
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;      /* number of processes */
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;     /* size of the units above, in bytes */
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

_Static_assert(sizeof(struct sysinfo) == 112, "struct sysinfo is 112 bytes on x86-64");

#endif
