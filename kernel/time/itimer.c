/*
 * itimer.c - a process's three interval timers (setitimer(2), alarm(2)):
 *
 *   ITIMER_REAL     wall-clock time          -> SIGALRM   (alarm() sets this one)
 *   ITIMER_VIRTUAL  CPU time in user mode    -> SIGVTALRM
 *   ITIMER_PROF     CPU time, user + kernel  -> SIGPROF   (profilers sample with it)
 *
 * Each has a value (time to the next expiry) and an interval (reloaded
 * after an expiry; 0 = once). The timer tick (itimer_tick, from
 * sched_timer_tick) checks them: REAL against its deadline, the other two
 * by charging the tick to the running thread's process. So the resolution
 * is one tick (1 ms), like Linux with HZ=1000 for the CPU-time ones.
 */
#include "clock.h"
#include "proc.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define NS_PER_TICK (NSEC_PER_SEC / HZ)
#define NS_PER_USEC 1000UL

static const int itimer_signal[3] = { SIGALRM, SIGVTALRM, SIGPROF };

static uint64_t
timeval_ns(const struct timeval *tv)
{
	return (uint64_t)tv->tv_sec * NSEC_PER_SEC + (uint64_t)tv->tv_usec * NS_PER_USEC;
}

/* Nanoseconds as a timeval, rounded up: a timer still armed never reads as 0. */
static struct timeval
ns_timeval(uint64_t ns)
{
	uint64_t us = (ns + NS_PER_USEC - 1) / NS_PER_USEC;
	return (struct timeval){ (long)(us / 1000000), (long)(us % 1000000) };
}

static bool
timeval_valid(const struct timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

/* What is left of timer `which` of tg: its value now, and its interval. */
void
itimer_get(struct thread_group *tg, int which, struct itimerval *out)
{
	struct itimer *t = &tg->itimer[which];
	uint64_t left = t->value_ns;

	if (which == ITIMER_REAL && left != 0) {
		uint64_t now = clock_monotonic_ns();
		left = t->value_ns > now ? t->value_ns - now : 1;   /* due: about to fire */
	}
	out->it_value = ns_timeval(left);
	out->it_interval = ns_timeval(t->interval_ns);
}

/* setitimer: 0, or -EINVAL for a bad timer or time. *old gets the previous setting. */
int
itimer_set(struct thread_group *tg, int which, const struct itimerval *new, struct itimerval *old)
{
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (!timeval_valid(&new->it_value) || !timeval_valid(&new->it_interval))
		return -EINVAL;
	itimer_get(tg, which, old);
	uint64_t value = timeval_ns(&new->it_value), interval = timeval_ns(&new->it_interval);
	struct itimer *t = &tg->itimer[which];
	if (value == 0) {
		*t = (struct itimer){ 0, 0 };            /* disarmed */
		return 0;
	}
	t->interval_ns = interval;
	t->value_ns = which == ITIMER_REAL ? clock_monotonic_ns() + value : value;
	return 0;
}

/* A CPU-time timer of tg loses one tick; at zero, its signal, and reload. */
static void
charge(struct thread_group *tg, int which)
{
	struct itimer *t = &tg->itimer[which];

	if (t->value_ns == 0)
		return;
	if (t->value_ns > NS_PER_TICK) {
		t->value_ns -= NS_PER_TICK;
		return;
	}
	t->value_ns = t->interval_ns;
	signal_send(tg, itimer_signal[which], SI_KERNEL, 0, 0);
}

/* Every tick: REAL timers that are due, and the running process's CPU-time timers. */
void
itimer_tick(uint64_t now, struct proc *running, bool from_user)
{
	for (int i = 0; i < MAX_PROCS; i++) {
		struct proc *p = &procs[i];
		if (!proc_is_leader(p) || p->tg->exited)
			continue;
		struct itimer *t = &p->tg->itimer[ITIMER_REAL];
		if (t->value_ns == 0 || now < t->value_ns)
			continue;
		if (t->interval_ns == 0)
			t->value_ns = 0;
		else                     /* on schedule, skipping missed periods: no drift */
			t->value_ns += (1 + (now - t->value_ns) / t->interval_ns) * t->interval_ns;
		signal_send(p->tg, SIGALRM, SI_KERNEL, 0, 0);
	}
	if (running == NULL || running->tg == NULL)
		return;                  /* the idle task: no process to charge */
	if (from_user)
		charge(running->tg, ITIMER_VIRTUAL);
	charge(running->tg, ITIMER_PROF);
}
