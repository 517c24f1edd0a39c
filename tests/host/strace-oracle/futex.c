/*
 * futex.c - futex in its common forms, robust lists, set_tid_address,
 * CPU affinity and resource limits, as strace 6.1 prints them.
 * Used by test_trace_format.c: test_futex and test_task_calls.
 */
#include "raw.h"

struct ts { long s, ns; };
struct rl { unsigned long cur, max; };
static int word;
static unsigned char other[8];

int
main(void)
{
	struct ts t = { 0, 100000 }, abs = { 1, 0 };
	long robust[3], head, len;
	unsigned long cpus[16];
	struct rl r, o;

	S3(202, &word, 129, 1);                          /* FUTEX_WAKE_PRIVATE */
	S3(202, &word, 1, 1);                            /* FUTEX_WAKE */
	S4(202, &word, 128, 1, 0);                       /* FUTEX_WAIT_PRIVATE, *uaddr != val: EAGAIN */
	S4(202, &word, 128, 0, &t);                      /* a relative timeout: ETIMEDOUT */
	S4(202, &word, 0, 0, &t);
	S6(202, &word, 9 | 128 | 256, 0, &abs, 0, 0xffffffff);   /* an absolute CLOCK_REALTIME timeout */
	S6(202, &word, 9 | 128, 0, &abs, 0, 0xffffffff);
	S6(202, &word, 9, 0, &t, 0, 1);
	S6(202, &word, 10 | 128, 1, 0, 0, 0xffffffff);   /* FUTEX_WAKE_BITSET_PRIVATE */
	S6(202, &word, 10, 1, 0, 0, 3);
	S6(202, &word, 3 | 128, 1, 2, other, 0);         /* FUTEX_REQUEUE_PRIVATE */
	S6(202, &word, 4 | 128, 1, 2, other, 0);         /* FUTEX_CMP_REQUEUE_PRIVATE */
	S6(202, &word, 5 | 128, 1, 1, other, 0x04000001);   /* FUTEX_WAKE_OP_PRIVATE */
	S6(202, &word, 7 | 128, 1, 1, other, 0);         /* FUTEX_UNLOCK_PI_PRIVATE */
	S6(202, &word, 99, 1, 2, 3, 4);                  /* unknown */
	S6(202, &word, 0x200 | 1, 1, 2, 3, 4);
	S6(202, 0x10, 128, 0, 0, 0, 0);
	S4(202, &word, 128, 0, 0x10);

	S2(273, robust, 24);                             /* set_robust_list, get_robust_list */
	S2(273, robust, 23);
	S3(274, 0, &head, &len);
	S3(274, 0, 0x10, &len);
	S1(218, &word);                                  /* set_tid_address */
	S1(218, 0);

	S3(204, 0, 8192, cpus);                          /* sched_getaffinity */
	S3(204, 0, 8, cpus);
	cpus[0] = 3;
	S3(203, 0, 8, cpus);                             /* sched_setaffinity */
	cpus[0] = 5;
	S3(203, 0, 8, cpus);
	cpus[0] = 0;
	S3(203, 0, 8, cpus);
	cpus[0] = 1UL << 63;
	cpus[1] = 1;
	S3(203, 0, 16, cpus);
	S3(203, 0, 0, cpus);
	S0(24);                                          /* sched_yield */

	S2(97, 7, &r);                                   /* getrlimit, setrlimit, prlimit64 */
	S2(97, 3, &r);
	S2(97, 99, &r);
	r = (struct rl){ 1024, 4096 };
	S2(160, 7, &r);
	r = (struct rl){ 1000, ~0UL };
	S2(160, 7, &r);
	S4(302, 0, 7, 0, &o);
	r = (struct rl){ 1024, 4 * 1024 };
	S4(302, 0, 7, &r, &o);
	r = (struct rl){ 8 * 1024 * 1024, ~0UL };
	S4(302, 0, 3, &r, &o);
	r = (struct rl){ 1536, 1024 * 1024 * 3 };
	S4(302, 0, 2, &r, 0);
	r = (struct rl){ 0, 1 };
	S4(302, 0, 4, &r, 0);
	r = (struct rl){ 1UL << 40, (1UL << 40) + 1024 };
	S4(302, 0, 1, &r, 0);
	S4(302, 0, 99, 0, &o);
	S4(302, 1234567, 7, 0, &o);
	return 0;
}
