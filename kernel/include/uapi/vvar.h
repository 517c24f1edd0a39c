/*
 * uapi/vvar.h - the time data the kernel publishes to user space in the
 * "vvar" page, read-only for users, mapped just below the vDSO. The vDSO's
 * clock_gettime reads it without entering the kernel.
 *
 * Writer (the kernel, every timer tick):       Reader (the vDSO, any time):
 *   seq++            (odd: update in progress)   do {
 *   cycle_last, basetime[] = ...                   s = seq (wait while odd)
 *   seq++            (even: consistent)             read cycle_last, basetime, TSC
 *                                                 } while (seq != s)
 *
 * Times are kept as (seconds, nanoseconds << shift) at the TSC value
 * cycle_last; the reader adds (rdtsc() - cycle_last) * mult and shifts:
 *     ns = (nsec_shifted + (tsc - cycle_last) * mult) >> shift
 */
#ifndef UAPI_VVAR_H
#define UAPI_VVAR_H

#include <stdint.h>

#define VVAR_CLOCKS 8            /* clock ids 0..7 have a slot in basetime[] */

struct vdso_timestamp {
	uint64_t sec;
	uint64_t nsec_shifted;   /* nanoseconds << shift, below NSEC_PER_SEC << shift */
};

struct vvar_data {
	volatile uint32_t seq;   /* sequence counter: odd while the kernel writes */
	uint32_t clock_mode;     /* VCLOCK_TSC: the vDSO may compute; VCLOCK_NONE: use the syscall */
	uint64_t cycle_last;     /* TSC value the basetimes were taken at */
	uint32_t mult;           /* ns per cycle, as a fixed-point fraction ... */
	uint32_t shift;          /* ... mult / 2^shift */
	struct vdso_timestamp basetime[VVAR_CLOCKS];
	uint32_t getcpu_mode;    /* GETCPU_RDPID, GETCPU_RDTSCP or GETCPU_LSL */
	uint32_t coarse_res_ns;  /* resolution of the _COARSE clocks: one tick */
	uint64_t updates;        /* how many times the kernel updated this page */
};

#define VCLOCK_NONE 0
#define VCLOCK_TSC  1

#define GETCPU_LSL    0
#define GETCPU_RDTSCP 1
#define GETCPU_RDPID  2

/* The per-CPU segment whose limit encodes cpu | node << 12 (Linux's
 * GDT_ENTRY_CPUNODE): `lsl` on this selector tells user code its CPU. */
#define CPUNODE_SELECTOR (15 * 8 + 3)

#endif
