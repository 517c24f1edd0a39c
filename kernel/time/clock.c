/*
 * clock.c - the kernel's clocks, all derived from the TSC.
 *
 *   CLOCK_MONOTONIC = (rdtsc() - boot_tsc) converted to ns
 *   CLOCK_REALTIME  = the RTC's date at boot + CLOCK_MONOTONIC
 *
 * Converting cycles to nanoseconds: ns = cycles * 10^6 / tsc_khz. Division is
 * slow, so we precompute mult = (10^6 << 32) / tsc_khz once and then compute
 * ns = (cycles * mult) >> 32 with a 128-bit product (no overflow).
 *
 * Under QEMU TCG the TSC follows the host's clock; with -icount it counts
 * guest instructions. Calibrating against the PIT gives the right rate in
 * both cases, because the PIT follows the same virtual clock.
 */
#include "clock.h"
#include "printk.h"
#include "x86.h"

#define PIT_FREQ 1193182
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORT_61 0x61             /* bit 0: channel 2 gate, bit 5: channel 2 output */
#define CALIBRATE_MS 10

uint64_t tsc_khz;
uint64_t boot_tsc;
static uint64_t ns_mult;         /* ns = (cycles * ns_mult) >> 32 */
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

uint64_t
tsc_to_ns(uint64_t cycles)
{
	return (uint64_t)(((unsigned __int128)cycles * ns_mult) >> 32);
}

void
clock_init(void)
{
	tsc_khz = calibrate_tsc_khz();
	if (tsc_khz == 0)
		tsc_khz = 1;             /* never divide by zero, even on a broken TSC */
	ns_mult = (1000000ULL << 32) / tsc_khz;
	boot_unix_seconds = rtc_read_unix();
	printk("clock: TSC %lu.%03lu MHz, RTC %ld s since 1970\n",
	       tsc_khz / 1000, tsc_khz % 1000, boot_unix_seconds);
}

uint64_t
clock_monotonic_ns(void)
{
	return tsc_to_ns(rdtsc() - boot_tsc);
}

uint64_t
clock_realtime_ns(void)
{
	return (uint64_t)boot_unix_seconds * 1000000000ULL + clock_monotonic_ns();
}
