/*
 * epoll-bench.c - what epoll costs: epoll_wait on a set that already has a
 * ready event (the fast path: nothing to sleep for), and a round trip
 * between two processes over pipes where both sides block in epoll_wait.
 * Median cycles per operation (instructions under QEMU -icount shift=0).
 */
#include "libsys.h"

#define SAMPLES 101
#define BATCH 100

static void
sort(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/* epoll_wait returning one level-triggered event that is always ready. */
static uint64_t
measure_ready(void)
{
	static uint64_t samples[SAMPLES];
	struct epoll_event ev = { EPOLLIN, 1 }, out;
	int ep = epoll_create1(0), e = eventfd(1, 0);

	epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev);
	for (int s = 0; s < SAMPLES; s++) {
		uint64_t t0 = rdtsc_ordered();
		for (int i = 0; i < BATCH; i++)
			raw_syscall4(__NR_epoll_wait, ep, &out, 1, 0);
		samples[s] = rdtsc_ordered() - t0;
	}
	close(e), close(ep);
	sort(samples, SAMPLES);
	return samples[SAMPLES / 2];
}

/* One byte to a child and back, each side sleeping in epoll_wait. */
static uint64_t
measure_roundtrip(void)
{
	static uint64_t samples[SAMPLES];
	int to[2], from[2];
	char c = 'x';

	pipe(to);
	pipe(from);
	pid_t pid = fork();
	if (pid == 0) {
		close(to[1]), close(from[0]);
		int ep = epoll_create1(0);
		struct epoll_event ev = { EPOLLIN, 0 };
		epoll_ctl(ep, EPOLL_CTL_ADD, to[0], &ev);
		for (;;) {
			raw_syscall4(__NR_epoll_wait, ep, &ev, 1, -1);
			if (raw_syscall3(__NR_read, to[0], &c, 1) != 1)
				_exit(0);
			raw_syscall3(__NR_write, from[1], &c, 1);
		}
	}
	close(to[0]), close(from[1]);
	int ep = epoll_create1(0);
	struct epoll_event ev = { EPOLLIN, 0 };
	epoll_ctl(ep, EPOLL_CTL_ADD, from[0], &ev);
	for (int s = 0; s < SAMPLES; s++) {
		uint64_t t0 = rdtsc_ordered();
		for (int i = 0; i < BATCH; i++) {
			raw_syscall3(__NR_write, to[1], &c, 1);
			raw_syscall4(__NR_epoll_wait, ep, &ev, 1, -1);
			raw_syscall3(__NR_read, from[0], &c, 1);
		}
		samples[s] = rdtsc_ordered() - t0;
	}
	close(to[1]);
	waitpid(pid, NULL, 0);
	close(from[0]), close(ep);
	sort(samples, SAMPLES);
	return samples[SAMPLES / 2];
}

int
main(void)
{
	uint64_t ready = measure_ready(), rt = measure_roundtrip();

	printf("BENCH epoll_wait_ready       %lu.%02lu cycles/call\n", ready / BATCH, ready % BATCH);
	printf("BENCH epoll_pipe_roundtrip   %lu.%02lu cycles/call\n", rt / BATCH, rt % BATCH);
	printf("epoll-bench: %lu round trips per second at %lu MHz\n",
	       rt ? 1000000UL * BATCH / rt * 1000 / 1000 : 0, 0UL);
	return 0;
}
