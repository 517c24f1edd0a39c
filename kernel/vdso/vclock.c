/*
 * vclock.c - the vDSO: code the kernel maps into every process, so that
 * asking for the time needs no system call. It is compiled as user code
 * (-fPIC, a shared object; see kernel/vdso/vdso.lds and the Makefile), not
 * linked into the kernel.
 *
 * The clocks come from the vvar page the kernel updates every tick
 * (uapi/vvar.h), read with the same code the kernel's own clock_gettime
 * uses (vclock.h). Clocks the page cannot serve (CPU-time clocks, unknown
 * ids, or a TSC that may not be used) fall back to the real system call.
 */
#include <stddef.h>

#include "uapi/unistd.h"
#include "vclock.h"

/*
 * The vvar page sits one page below the vDSO's first byte (vdso.lds defines
 * the symbol). "hidden" makes the compiler reach it RIP-relative, with no
 * relocation and no GOT: the vDSO works wherever it is mapped.
 *
 * Not "const", although user code can only read it: for a const object GCC
 * may assume it never changes and load cycle_last once, outside the retry
 * loop - the sequence counter would then protect nothing (vdsotest's
 * monotonicity check caught exactly that).
 */
extern struct vvar_data vvar_page __attribute__((visibility("hidden")));

static long
syscall2(long nr, long a, long b)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return ret;
}

int
__vdso_clock_gettime(int clock, struct timespec *ts)
{
	if (vclock_is_hres(clock) && vclock_read_hres(&vvar_page, clock, ts))
		return 0;
	if (vclock_is_coarse(clock)) {
		vclock_read_coarse(&vvar_page, clock, ts);
		return 0;
	}
	return (int)syscall2(__NR_clock_gettime, clock, (long)ts);   /* the slow way */
}

int
__vdso_gettimeofday(struct timeval *tv, struct timezone *tz)
{
	struct timespec ts;

	if (!vclock_read_hres(&vvar_page, CLOCK_REALTIME, &ts))
		return (int)syscall2(__NR_gettimeofday, (long)tv, (long)tz);
	if (tv != NULL) {
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
	}
	if (tz != NULL) {
		tz->tz_minuteswest = 0;
		tz->tz_dsttime = 0;
	}
	return 0;
}

long
__vdso_time(long *tloc)
{
	struct timespec ts;

	vclock_read_coarse(&vvar_page, CLOCK_REALTIME_COARSE, &ts);   /* seconds: coarse is enough */
	if (tloc != NULL)
		*tloc = ts.tv_sec;
	return ts.tv_sec;
}

int
__vdso_clock_getres(int clock, struct timespec *res)
{
	if (!vclock_is_hres(clock) && !vclock_is_coarse(clock))
		return (int)syscall2(__NR_clock_getres, clock, (long)res);
	if (res != NULL) {
		res->tv_sec = 0;
		res->tv_nsec = vclock_is_coarse(clock) ? vvar_page.coarse_res_ns : 1;
	}
	return 0;
}

/*
 * getcpu without the kernel: the CPU and node number are stored where user
 * code can read them - in TSC_AUX (read by RDPID or RDTSCP) and in the
 * limit of GDT segment 15 (read by LSL, which works on every x86-64).
 */
long
__vdso_getcpu(unsigned *cpu, unsigned *node, void *unused)
{
	uint64_t p;

	(void)unused;
	if (vvar_page.getcpu_mode == GETCPU_RDPID) {
		__asm__ volatile("rdpid %0" : "=r"(p));
	} else if (vvar_page.getcpu_mode == GETCPU_RDTSCP) {
		uint32_t lo, hi, aux;
		__asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
		p = aux;
	} else {
		uint32_t limit;
		__asm__ volatile("lsl %1, %0" : "=r"(limit) : "r"((uint32_t)CPUNODE_SELECTOR));
		p = limit;
	}
	if (cpu != NULL)
		*cpu = p & 0xfff;
	if (node != NULL)
		*node = (unsigned)(p >> 12);
	return 0;
}

/* The names without __vdso_ (glibc looks for these, Go for the prefixed ones). */
int clock_gettime(int, struct timespec *) __attribute__((weak, alias("__vdso_clock_gettime")));
int gettimeofday(struct timeval *, struct timezone *) __attribute__((weak, alias("__vdso_gettimeofday")));
long time(long *) __attribute__((weak, alias("__vdso_time")));
int clock_getres(int, struct timespec *) __attribute__((weak, alias("__vdso_clock_getres")));
long getcpu(unsigned *, unsigned *, void *) __attribute__((weak, alias("__vdso_getcpu")));
