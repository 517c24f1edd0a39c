/* uapi/time.h - struct timespec and clock ids, as Linux x86-64 defines them. */
#ifndef UAPI_TIME_H
#define UAPI_TIME_H

struct timespec {
	long tv_sec;   /* seconds */
	long tv_nsec;  /* nanoseconds, 0 .. 999999999 */
};

#define CLOCK_REALTIME           0   /* wall-clock time since 1970-01-01 00:00 UTC */
#define CLOCK_MONOTONIC          1   /* time since boot; never jumps */
#define CLOCK_PROCESS_CPUTIME_ID 2   /* CPU time used by this process */
#define CLOCK_THREAD_CPUTIME_ID  3   /* CPU time used by this thread */
#define CLOCK_MONOTONIC_RAW      4   /* monotonic, never adjusted (same here: no NTP) */
#define CLOCK_REALTIME_COARSE    5   /* REALTIME as of the last tick: cheaper, 1 ms steps */
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7   /* monotonic + time suspended (never suspended here) */

struct timeval {
	long tv_sec;
	long tv_usec;       /* microseconds */
};

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

/* setitimer(2)/getitimer(2): a periodic timer per process. */
struct itimerval {
	struct timeval it_interval;   /* period (0: one shot) */
	struct timeval it_value;      /* time to the next expiry (0: disarmed) */
};
#define ITIMER_REAL    0         /* real time: SIGALRM (alarm(2) uses it too) */
#define ITIMER_VIRTUAL 1         /* user CPU time: SIGVTALRM */
#define ITIMER_PROF    2         /* user + system CPU time: SIGPROF */

#define NSEC_PER_SEC 1000000000L

#endif
