/*
 * sys_time.c - clock_gettime(2) and nanosleep(2).
 */
#include "clock.h"
#include "cpu.h"
#include "proc.h"
#include "vclock.h"
#include "syscall.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/time.h"
#include "x86.h"

/* clock_gettime(2): the same code the vDSO runs, reached the slow way. */
long
sys_clock_gettime(int clock, uint64_t tp)
{
	struct timespec ts;

	if (clock_read(clock, &ts) < 0)
		return -EINVAL;
	return copy_to_user(tp, &ts, sizeof ts);
}

/* clock_getres(2): 1 ns for the TSC clocks, one tick for the coarse ones. */
long
sys_clock_getres(int clock, uint64_t tp)
{
	struct timespec res = { 0, 1 };
	struct timespec probe;

	if (clock_read(clock, &probe) < 0)
		return -EINVAL;
	if (vclock_is_coarse(clock))
		res.tv_nsec = vvar->coarse_res_ns;
	return tp == 0 ? 0 : copy_to_user(tp, &res, sizeof res);
}

/* gettimeofday(2): CLOCK_REALTIME in microseconds; the time zone is always UTC. */
long
sys_gettimeofday(uint64_t utv, uint64_t utz)
{
	struct timespec ts;
	struct timezone tz = { 0, 0 };

	clock_read(CLOCK_REALTIME, &ts);
	struct timeval tv = { ts.tv_sec, ts.tv_nsec / 1000 };
	if (utv != 0 && copy_to_user(utv, &tv, sizeof tv) < 0)
		return -EFAULT;
	if (utz != 0 && copy_to_user(utz, &tz, sizeof tz) < 0)
		return -EFAULT;
	return 0;
}

/* time(2): seconds since 1970, also stored at tloc unless it is NULL. */
long
sys_time(uint64_t tloc)
{
	struct timespec ts;

	clock_read(CLOCK_REALTIME, &ts);
	if (tloc != 0 && copy_to_user(tloc, &ts.tv_sec, sizeof ts.tv_sec) < 0)
		return -EFAULT;
	return ts.tv_sec;
}

/* getcpu(2): always CPU 0 and NUMA node 0 on this one-CPU kernel. */
long
sys_getcpu(uint64_t ucpu, uint64_t unode, uint64_t cache)
{
	unsigned zero = 0;

	(void)cache;
	if (ucpu != 0 && copy_to_user(ucpu, &zero, sizeof zero) < 0)
		return -EFAULT;
	if (unode != 0 && copy_to_user(unode, &zero, sizeof zero) < 0)
		return -EFAULT;
	return 0;
}

/* A struct timespec from user memory, checked: 0, -EFAULT or -EINVAL. */
int
timespec_from_user(uint64_t uts, struct timespec *ts)
{
	if (copy_from_user(ts, uts, sizeof *ts) < 0)
		return -EFAULT;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	return 0;
}

/* A relative timeout argument (ppoll, pselect6, epoll_pwait2, sigtimedwait)
 * as wait_event's deadline: 0 for NULL (wait forever). 0, -EFAULT, -EINVAL. */
long
timeout_from_user(uint64_t uts, uint64_t *deadline)
{
	struct timespec ts;
	int err;

	*deadline = 0;
	if (uts == 0)
		return 0;
	if ((err = timespec_from_user(uts, &ts)) != 0)
		return err;
	*deadline = clock_deadline_after(&ts);
	return 0;
}

/* now + ts, saturating instead of overflowing for absurd sleeps. */
static uint64_t
deadline_after(uint64_t now, const struct timespec *ts)
{
	if ((uint64_t)ts->tv_sec >= (UINT64_MAX - now) / NSEC_PER_SEC - 1)
		return UINT64_MAX;
	return now + (uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
}

/*
 * Sleep on the scheduler until the deadline: the task leaves the CPU
 * (other processes run, or the CPU halts) and the timer interrupt makes it
 * runnable again. A signal cuts the sleep short: the time left goes to
 * *urem, and the call fails with EINTR if a handler runs - or, if none
 * does (SIGSTOP then SIGCONT, say), goes on through restart_syscall(2)
 * until the same deadline (Linux's ERESTART_RESTARTBLOCK).
 */
static long
sleep_restart(struct restart_block *rb)
{
	int r = wait_event(NULL, NULL, NULL, rb->deadline == 0 ? 1 : rb->deadline);

	if (r != -ERESTARTSYS)
		return 0;
	uint64_t now = clock_monotonic_ns();
	uint64_t left = rb->deadline > now ? rb->deadline - now : 0;
	struct timespec rem = { (long)(left / NSEC_PER_SEC), (long)(left % NSEC_PER_SEC) };
	if (rb->nanosleep.urem != 0 && copy_to_user(rb->nanosleep.urem, &rem, sizeof rem) < 0)
		return -EFAULT;
	rb->fn = sleep_restart;
	current_proc()->restart = *rb;
	return -ERESTART_RESTARTBLOCK;
}

static long
sleep_until(uint64_t deadline, uint64_t urem)
{
	struct restart_block rb = { .deadline = deadline, .nanosleep = { .urem = urem } };

	return sleep_restart(&rb);
}

/* An absolute sleep needs no time-left bookkeeping: restarting it is enough. */
static long
sleep_until_absolute(uint64_t deadline)
{
	int r = wait_event(NULL, NULL, NULL, deadline == 0 ? 1 : deadline);

	return r == -ERESTARTSYS ? -ERESTARTNOHAND : 0;
}

/* nanosleep(2): the classic blocking call. */
long
sys_nanosleep(uint64_t ureq, uint64_t urem)
{
	struct timespec ts;
	int err = timespec_from_user(ureq, &ts);

	if (err)
		return err;
	return sleep_until(deadline_after(clock_monotonic_ns(), &ts), urem);
}

#define TIMER_ABSTIME 1

/* clock_nanosleep(2): returns the error instead of setting errno, so positive here too. */
long
sys_clock_nanosleep(int clock, int flags, uint64_t ureq, uint64_t urem)
{
	struct timespec ts;
	int err;

	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return -EINVAL;
	if ((err = timespec_from_user(ureq, &ts)) != 0)
		return err;
	uint64_t now = clock_monotonic_ns();
	uint64_t deadline;
	if (flags & TIMER_ABSTIME) {
		uint64_t target = deadline_after(0, &ts);
		/* An absolute CLOCK_REALTIME time: convert to the monotonic clock. */
		if (clock == CLOCK_REALTIME)
			target = target > clock_realtime_ns() - now ? target - (clock_realtime_ns() - now) : 0;
		if (target <= now)
			return 0;
		return sleep_until_absolute(target);
	}
	deadline = deadline_after(now, &ts);
	if (deadline <= now)
		return 0;
	return sleep_until(deadline, urem);
}

/* ------------------------------------------------------------------ interval timers */

long
sys_getitimer(int which, uint64_t ucur)
{
	struct itimerval cur;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	itimer_get(current_proc()->tg, which, &cur);
	return copy_to_user(ucur, &cur, sizeof cur);
}

/* setitimer(2); a NULL new value disarms the timer, as Linux accepts. */
long
sys_setitimer(int which, uint64_t unew, uint64_t uold)
{
	struct itimerval new = { 0 }, old;

	if (unew != 0 && copy_from_user(&new, unew, sizeof new) < 0)
		return -EFAULT;
	int err = itimer_set(current_proc()->tg, which, &new, &old);
	if (err)
		return err;
	return uold == 0 ? 0 : copy_to_user(uold, &old, sizeof old);
}

/* alarm(2): ITIMER_REAL in whole seconds; returns the seconds the old one had left. */
long
sys_alarm(unsigned seconds)
{
	struct itimerval new = { .it_value = { (long)seconds, 0 } }, old;

	itimer_set(current_proc()->tg, ITIMER_REAL, &new, &old);
	long left = old.it_value.tv_sec;
	if ((left == 0 && old.it_value.tv_usec != 0) || old.it_value.tv_usec >= 500000)
		left++;                  /* rounded, and an alarm still due never reads as 0 */
	return left;
}
