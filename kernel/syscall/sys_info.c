/*
 * sys_info.c - sysinfo(2): memory and uptime, in Linux's struct sysinfo.
 */
#include "clock.h"
#include "memlayout.h"
#include "pmm.h"
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "uapi/sysinfo.h"

long
sys_sysinfo(uint64_t info)
{
	struct sysinfo si = { 0 };

	si.uptime = (long)(clock_monotonic_ns() / 1000000000ULL);
	si.totalram = pmm_total_frames() * PAGE_SIZE;
	si.freeram = pmm_free_frames() * PAGE_SIZE;
	si.procs = (unsigned short)proc_count();
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof si);
}
