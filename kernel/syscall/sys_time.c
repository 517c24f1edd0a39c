/*
 * sys_time.c - clock_gettime(2) and nanosleep(2).
 */
#include "clock.h"
#include "syscall.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/time.h"
#include "x86.h"

long
sys_clock_gettime(int clock, uint64_t tp)
{
	uint64_t ns;

	if (clock == CLOCK_REALTIME)
		ns = clock_realtime_ns();
	else if (clock == CLOCK_MONOTONIC)
		ns = clock_monotonic_ns();
	else
		return -EINVAL;
	struct timespec ts = { (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC) };
	return copy_to_user(tp, &ts, sizeof ts);
}

/*
 * nanosleep(2): the first blocking call. With only one program there is
 * nothing else to run, so the CPU halts with interrupts on; every timer
 * tick (1 ms) wakes it to check the deadline. (With a scheduler, this will
 * put the caller to sleep and run someone else instead.)
 */
long
sys_nanosleep(uint64_t req, uint64_t rem)
{
	struct timespec ts;

	(void)rem;       /* only written when a signal interrupts the sleep */
	if (copy_from_user(&ts, req, sizeof ts) < 0)
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	uint64_t now = clock_monotonic_ns(), deadline = UINT64_MAX;
	if ((uint64_t)ts.tv_sec < (UINT64_MAX - now) / NSEC_PER_SEC - 1)   /* else: saturate */
		deadline = now + (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
	while (clock_monotonic_ns() < deadline)
		sti_hlt();                       /* wait for the next interrupt */
	return 0;
}
