/* uapi/time.h - struct timespec and clock ids, as Linux x86-64 defines them. */
#ifndef UAPI_TIME_H
#define UAPI_TIME_H

struct timespec {
	long tv_sec;   /* seconds */
	long tv_nsec;  /* nanoseconds, 0 .. 999999999 */
};

#define CLOCK_REALTIME  0   /* wall-clock time since 1970-01-01 00:00 UTC */
#define CLOCK_MONOTONIC 1   /* time since boot; never jumps */

#define NSEC_PER_SEC 1000000000L

#endif
