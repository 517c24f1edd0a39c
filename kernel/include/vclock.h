/*
 * vclock.h - reading the clocks from a struct vvar_data. Header-only, and
 * compiled twice: into the vDSO (user mode, kernel/vdso/vclock.c) and into
 * the kernel's clock_gettime system call (time/timekeeping.c). One formula
 * in both places, so the two paths can never disagree.
 */
#ifndef VCLOCK_H
#define VCLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "uapi/time.h"
#include "uapi/vvar.h"

static inline uint64_t
vclock_rdtsc(void)
{
	uint32_t lo, hi;
	/* LFENCE: do not let the CPU read the TSC before earlier loads (the seq). */
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline bool
vclock_is_hres(int clock)
{
	return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC ||
	       clock == CLOCK_MONOTONIC_RAW || clock == CLOCK_BOOTTIME;
}

static inline bool
vclock_is_coarse(int clock)
{
	return clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE;
}

/* Split nanoseconds into whole seconds and the rest - outside the retry loop, as Linux does. */
static inline void
vclock_to_timespec(uint64_t sec, uint64_t ns, struct timespec *ts)
{
	while (ns >= 1000000000ULL) {    /* ns is below 2 s here: at most two rounds */
		ns -= 1000000000ULL;
		sec++;
	}
	ts->tv_sec = (long)sec;
	ts->tv_nsec = (long)ns;
}

/*
 * High-resolution read: basetime + time since cycle_last, under the
 * sequence counter. Returns false when the TSC may not be used.
 */
static inline bool
vclock_read_hres(const struct vvar_data *vd, int clock, struct timespec *ts)
{
	uint32_t seq;
	uint64_t sec, ns;

	do {
		while ((seq = vd->seq) & 1)
			__asm__ volatile("pause");   /* the kernel is mid-update */
		__asm__ volatile("" ::: "memory");
		if (vd->clock_mode != VCLOCK_TSC)
			return false;
		uint64_t cycles = vclock_rdtsc();
		const struct vdso_timestamp *base = &vd->basetime[clock];
		uint64_t delta = cycles > vd->cycle_last ? cycles - vd->cycle_last : 0;
		ns = (base->nsec_shifted + delta * vd->mult) >> vd->shift;
		sec = base->sec;
		__asm__ volatile("" ::: "memory");
	} while (vd->seq != seq);            /* changed while we read: again */
	vclock_to_timespec(sec, ns, ts);
	return true;
}

/* Coarse read: the basetime of the last tick, no TSC. */
static inline void
vclock_read_coarse(const struct vvar_data *vd, int clock, struct timespec *ts)
{
	uint32_t seq;
	uint64_t sec, ns;

	do {
		while ((seq = vd->seq) & 1)
			__asm__ volatile("pause");
		__asm__ volatile("" ::: "memory");
		sec = vd->basetime[clock].sec;
		ns = vd->basetime[clock].nsec_shifted >> vd->shift;
		__asm__ volatile("" ::: "memory");
	} while (vd->seq != seq);
	vclock_to_timespec(sec, ns, ts);
}

#endif
