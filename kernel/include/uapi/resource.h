/* uapi/resource.h - resource limits (getrlimit(2), prlimit64(2)), Linux's numbers. */
#ifndef UAPI_RESOURCE_H
#define UAPI_RESOURCE_H

#include <stdint.h>

struct rlimit {
	uint64_t rlim_cur;       /* the soft limit: what is enforced */
	uint64_t rlim_max;       /* the hard limit: how far the soft one may be raised */
};

#define RLIMIT_CPU        0  /* CPU time, seconds */
#define RLIMIT_FSIZE      1  /* largest file written */
#define RLIMIT_DATA       2  /* heap size */
#define RLIMIT_STACK      3  /* the main thread's stack: sized at execve */
#define RLIMIT_CORE       4  /* core dump size */
#define RLIMIT_RSS        5
#define RLIMIT_NPROC      6  /* processes per user (root is exempt, as on Linux) */
#define RLIMIT_NOFILE     7  /* one more than the highest descriptor */
#define RLIMIT_MEMLOCK    8
#define RLIMIT_AS         9  /* address space size */
#define RLIMIT_LOCKS     10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE  12
#define RLIMIT_NICE      13
#define RLIMIT_RTPRIO    14
#define RLIMIT_RTTIME    15
#define RLIM_NLIMITS     16
#define RLIM_INFINITY    (~0ULL)

#endif
