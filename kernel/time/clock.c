/*
 * clock.c - the kernel's clocks, all derived from the TSC, and the vvar
 * page that publishes them to user space (uapi/vvar.h) for the vDSO.
 *
 *   CLOCK_MONOTONIC = (rdtsc() - boot_tsc) converted to ns
 *   CLOCK_REALTIME  = the RTC's date at boot + CLOCK_MONOTONIC
 *
 * Converting cycles to nanoseconds without dividing: ns = cycles * mult >>
 * shift, where mult / 2^shift = 10^9 / TSC frequency (computed once). The
 * product is taken in 128 bits here; the vDSO only multiplies the short
 * time since the last tick, which fits in 64.
 *
 * Under QEMU TCG the TSC follows the host's clock; with -icount it counts
 * guest instructions. Calibrating against the PIT gives the right rate in
 * both cases, because the PIT follows the same virtual clock.
 */
#include "clock.h"
#include "cpu.h"
#include "memlayout.h"
#include "panic.h"
#include "pmm.h"
#include "printk.h"
#include "proc.h"
#include "vclock.h"
#include "x86.h"

#define PIT_FREQ 1193182
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORT_61 0x61             /* bit 0: channel 2 gate, bit 5: channel 2 output */
#define CALIBRATE_MS 10
#define NSEC_PER_SEC_U 1000000000ULL

uint64_t tsc_khz;
uint64_t boot_tsc;
struct vvar_data *vvar;          /* the published page, through the direct map */
uint64_t vvar_frame;             /* its physical address, mapped into every process */
static int64_t boot_unix_seconds;

/* Count TSC cycles while PIT channel 2 counts down CALIBRATE_MS milliseconds. */
static uint64_t
calibrate_tsc_khz(void)
{
	uint16_t count = PIT_FREQ * CALIBRATE_MS / 1000;

	outb(PORT_61, (inb(PORT_61) & ~0x02) | 0x01);   /* gate on, speaker off */
	outb(PIT_CMD, 0xb0);                             /* channel 2, lo/hi, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);                      /* counting starts now */
	uint64_t start = rdtsc();
	while ((inb(PORT_61) & 0x20) == 0)              /* output goes high at zero */
		pause();
	uint64_t cycles = rdtsc() - start;
	return cycles / CALIBRATE_MS;
}

/*
 * The largest shift (at most 30) for which mult = 10^9 << shift / hz still
 * fits in 32 bits. 30, not 32: the vDSO computes nsec_shifted + delta * mult
 * in 64 bits, which then survives ~16 s without a tick even at 2 GHz.
 */
void
clock_mult_shift(uint64_t hz, uint32_t *mult, uint32_t *shift)
{
	uint32_t s = 30;

	while (s > 0 && (NSEC_PER_SEC_U << s) / hz > UINT32_MAX)
		s--;
	*shift = s;
	*mult = (uint32_t)((NSEC_PER_SEC_U << s) / hz);
}

/* Nanoseconds since boot at TSC value c, times 2^shift (128 bits: no overflow). */
static unsigned __int128
shifted_ns_at(uint64_t c)
{
	return (unsigned __int128)(c - boot_tsc) * vvar->mult;
}

uint64_t
tsc_to_ns(uint64_t cycles)
{
	return (uint64_t)(((unsigned __int128)cycles * vvar->mult) >> vvar->shift);
}

/* A timestamp (seconds, ns << shift) for a time given in shifted nanoseconds. */
static struct vdso_timestamp
split_shifted(unsigned __int128 shifted_ns, uint32_t shift)
{
	uint64_t sec = (uint64_t)(shifted_ns >> shift) / NSEC_PER_SEC_U;   /* 64-bit division */
	unsigned __int128 whole = (unsigned __int128)sec * NSEC_PER_SEC_U << shift;
	return (struct vdso_timestamp){ sec, (uint64_t)(shifted_ns - whole) };
}

/*
 * Publish the clocks as of now. Called at every timer tick: the sequence
 * counter is odd while the page is inconsistent, and the compiler barriers
 * keep the stores in order (x86 does not reorder stores with stores).
 */
void
timekeeping_update(void)
{
	uint64_t now = rdtsc();
	unsigned __int128 mono = shifted_ns_at(now);
	unsigned __int128 real = mono + ((unsigned __int128)boot_unix_seconds * NSEC_PER_SEC_U
					 << vvar->shift);
	struct vdso_timestamp m = split_shifted(mono, vvar->shift);
	struct vdso_timestamp r = split_shifted(real, vvar->shift);

	vvar->seq++;                 /* odd: readers wait */
	__asm__ volatile("" ::: "memory");
	vvar->cycle_last = now;
	vvar->basetime[CLOCK_MONOTONIC] = m;
	vvar->basetime[CLOCK_MONOTONIC_RAW] = m;     /* no NTP: never adjusted either way */
	vvar->basetime[CLOCK_BOOTTIME] = m;          /* never suspended */
	vvar->basetime[CLOCK_MONOTONIC_COARSE] = m;
	vvar->basetime[CLOCK_REALTIME] = r;
	vvar->basetime[CLOCK_REALTIME_COARSE] = r;
	vvar->updates++;
	__asm__ volatile("" ::: "memory");
	vvar->seq++;                 /* even: consistent again */
}

static uint32_t
choose_getcpu_mode(void)
{
	if (cpu_features.rdpid)
		return GETCPU_RDPID;
	if (cpu_features.rdtscp)
		return GETCPU_RDTSCP;
	return GETCPU_LSL;
}

void
clock_init(void)
{
	tsc_khz = calibrate_tsc_khz();
	if (tsc_khz == 0)
		tsc_khz = 1;             /* never divide by zero, even on a broken TSC */
	vvar_frame = pmm_alloc();
	if (vvar_frame == 0)
		panic("clock: no memory for the vvar page");
	vvar = phys_to_virt(vvar_frame);
	clock_mult_shift(tsc_khz * 1000, &vvar->mult, &vvar->shift);
	vvar->clock_mode = VCLOCK_TSC;
	vvar->getcpu_mode = choose_getcpu_mode();
	vvar->coarse_res_ns = 1000000000 / HZ;
	if (cpu_features.rdtscp || cpu_features.rdpid)
		wrmsr(MSR_TSC_AUX, 0);   /* what RDTSCP/RDPID report: cpu 0, node 0 */
	boot_unix_seconds = rtc_read_unix();
	timekeeping_update();
	printk("clock: TSC %lu.%03lu MHz%s, ns = cycles * %u >> %u, RTC %ld s since 1970\n",
	       tsc_khz / 1000, tsc_khz % 1000, cpu_features.invariant_tsc ? " (invariant)" : "",
	       vvar->mult, vvar->shift, boot_unix_seconds);
}

uint64_t
clock_monotonic_ns(void)
{
	return (uint64_t)(shifted_ns_at(rdtsc()) >> vvar->shift);
}

uint64_t
clock_realtime_ns(void)
{
	return (uint64_t)boot_unix_seconds * NSEC_PER_SEC_U + clock_monotonic_ns();
}

/* The kernel side of clock_gettime: the very reader the vDSO runs, plus CPU time. */
int
clock_read(int clock, struct timespec *ts)
{
	if (vclock_is_hres(clock)) {
		if (!vclock_read_hres(vvar, clock, ts))
			return -1;
		return 0;
	}
	if (vclock_is_coarse(clock)) {
		vclock_read_coarse(vvar, clock, ts);
		return 0;
	}
	if (clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID) {
		uint64_t ns = tsc_to_ns(proc_cpu_cycles(current_proc()));
		vclock_to_timespec(ns / NSEC_PER_SEC_U, ns % NSEC_PER_SEC_U, ts);
		return 0;
	}
	return -1;
}

uint64_t
clock_deadline_after(const struct timespec *ts)
{
	uint64_t now = clock_monotonic_ns();

	if (ts->tv_sec == 0 && ts->tv_nsec == 0)
		return 1;
	if ((uint64_t)ts->tv_sec >= (UINT64_MAX - now) / NSEC_PER_SEC - 1)
		return UINT64_MAX;
	return now + (uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
}
