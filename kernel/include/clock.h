/*
 * clock.h - time: the PIT timer interrupt (HZ per second), the TSC as the
 * clock source, the CMOS real-time clock for the date at boot.
 */
#ifndef CLOCK_H
#define CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#define HZ 1000                  /* timer interrupts per second */

extern volatile uint64_t jiffies;   /* timer interrupts since boot */
extern uint64_t tsc_khz;            /* measured TSC frequency */
extern uint64_t boot_tsc;           /* TSC at kernel entry (boot/entry32.S) */

void timer_init(void);
void timer_interrupt(void);
void clock_init(void);

uint64_t clock_monotonic_ns(void);
uint64_t clock_realtime_ns(void);
uint64_t tsc_to_ns(uint64_t cycles);
void timekeeping_update(void);
void clock_mult_shift(uint64_t hz, uint32_t *mult, uint32_t *shift);

struct timespec;
struct vvar_data;
/* The deadline (CLOCK_MONOTONIC ns) of a wait of ts from now, in wait_event's
 * terms: 1 for a zero timeout (already past: only look), saturating. */
uint64_t clock_deadline_after(const struct timespec *ts);
/* Time arguments of system calls (syscall/sys_time.c): a timespec read and
 * checked (0, -EFAULT, -EINVAL), and a relative timeout as a deadline (0: none). */
int timespec_from_user(uint64_t uts, struct timespec *ts);
long timeout_from_user(uint64_t uts, uint64_t *deadline);
/* Any clock id: 0, or -1 for a clock that does not exist. */
int clock_read(int clock, struct timespec *ts);
extern struct vvar_data *vvar;
extern uint64_t vvar_frame;

/* Interval timers (time/itimer.c). */
struct thread_group;
struct proc;
struct itimerval;
void itimer_get(struct thread_group *tg, int which, struct itimerval *out);
int itimer_set(struct thread_group *tg, int which, const struct itimerval *new, struct itimerval *old);
void itimer_tick(uint64_t now, struct proc *running, bool from_user);

/* Seconds since 1970-01-01 00:00:00 UTC for a calendar date (time/rtc.c). */
int64_t rtc_to_unix(int year, int month, int day, int hour, int min, int sec);
int64_t rtc_read_unix(void);

#endif
