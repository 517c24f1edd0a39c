/*
 * clockbench.c - the vDSO's point, measured: clock_gettime through the vDSO
 * (a function call in user mode) against clock_gettime through the system
 * call (SYSCALL, the kernel, SYSRET). Median cycles per call of many; under
 * QEMU with -icount shift=0 the "cycles" are exact instruction counts.
 *
 *   clockbench          print both costs and their ratio
 *   clockbench vdso     only call the vDSO, 1000 times, and print nothing:
 *                       the kernel's "init made N system calls" line then
 *                       shows that the vDSO made none (the test suite uses it)
 *   clockbench syscall  the same with the system call, for contrast
 */
#include "libsys.h"

#define SAMPLES 101
#define BATCH 100

typedef int (*clock_fn)(int, struct timespec *);

static void
sort(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static int
via_syscall(int clock, struct timespec *ts)
{
	return (int)raw_syscall2(__NR_clock_gettime, clock, ts);
}

/* Median over SAMPLES of BATCH calls: cycles per BATCH calls (= hundredths per call). */
static uint64_t
measure(clock_fn fn)
{
	static uint64_t samples[SAMPLES];
	struct timespec ts;

	for (int s = 0; s < SAMPLES; s++) {
		uint64_t t0 = rdtsc_ordered();
		for (int i = 0; i < BATCH; i++)
			fn(CLOCK_MONOTONIC, &ts);
		samples[s] = rdtsc_ordered() - t0;
	}
	sort(samples, SAMPLES);
	return samples[SAMPLES / 2];
}

int
main(int argc, char **argv)
{
	clock_fn vdso = (clock_fn)vdso_lookup("__vdso_clock_gettime");
	struct timespec ts;

	if (vdso == NULL) {
		printf("clockbench: no vDSO\n");
		return 1;
	}
	if (argc > 1) {                  /* silent modes for the no-syscall test */
		clock_fn fn = strcmp(argv[1], "syscall") == 0 ? via_syscall : vdso;
		for (int i = 0; i < 1000; i++)
			fn(CLOCK_MONOTONIC, &ts);
		return 0;
	}
	uint64_t v = measure(vdso), s = measure(via_syscall);
	printf("clock_gettime(CLOCK_MONOTONIC), median of %d x %d calls:\n", SAMPLES, BATCH);
	printf("BENCH clock_gettime_vdso     %lu.%02lu cycles/call\n", v / BATCH, v % BATCH);
	printf("BENCH clock_gettime_syscall  %lu.%02lu cycles/call\n", s / BATCH, s % BATCH);
	printf("the vDSO costs %lu.%02lu%% of the system call (%lu.%02lux faster)\n",
	       v * 100 / s, v * 10000 / s % 100, s / v, s * 100 / v % 100);
	return 0;
}
