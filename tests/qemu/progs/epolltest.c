/*
 * epolltest.c - in-guest tests of epoll, eventfd, timerfd and poll: every
 * semantic and error of the epoll issue, and a 10,000-message stress test.
 */
#include "libsys.h"
#include "testing.h"

static int exact_timing;

static long
ctl(int ep, int op, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { events, data };
	return raw_syscall4(__NR_epoll_ctl, ep, op, fd, &ev);
}

static long
wait_ep(int ep, struct epoll_event *ev, int max, int timeout)
{
	return raw_syscall4(__NR_epoll_wait, ep, ev, max, timeout);
}

static int
test_errors(void)
{
	int ok = 1, p[2];
	struct epoll_event ev[4];

	EXPECT_EQ(raw_syscall1(__NR_epoll_create, 0), -EINVAL);
	EXPECT_EQ(raw_syscall1(__NR_epoll_create1, 1), -EINVAL);
	int ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK(ep >= 0);
	EXPECT_EQ(fcntl(ep, F_GETFD, 0), FD_CLOEXEC);
	pipe(p);
	EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 1), 0);
	EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 1), -EEXIST);
	EXPECT_EQ(ctl(ep, EPOLL_CTL_MOD, p[1], EPOLLOUT, 1), -ENOENT);
	EXPECT_EQ(ctl(ep, EPOLL_CTL_DEL, p[1], 0, 0), -ENOENT);
	EXPECT_EQ(ctl(ep, 99, p[0], EPOLLIN, 1), -EINVAL);
	EXPECT_EQ(ctl(77, EPOLL_CTL_ADD, p[0], EPOLLIN, 1), -EBADF);
	EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, 77, EPOLLIN, 1), -EBADF);
	EXPECT_EQ(ctl(p[0], EPOLL_CTL_ADD, p[1], EPOLLIN, 1), -EINVAL);   /* not an epoll fd */
	EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, ep, EPOLLIN, 1), -EINVAL);       /* itself */
	int file = open("/etc/motd", O_RDONLY);
	EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, file, EPOLLIN, 1), -EPERM);      /* regular file */
	close(file);
	EXPECT_EQ(raw_syscall4(__NR_epoll_ctl, ep, EPOLL_CTL_ADD, p[1], 0x10), -EFAULT);
	EXPECT_EQ(raw_syscall4(__NR_epoll_ctl, ep, EPOLL_CTL_DEL, p[0], 0), 0);   /* DEL: no event needed */
	EXPECT_EQ(wait_ep(ep, ev, 0, 0), -EINVAL);
	EXPECT_EQ(wait_ep(ep, ev, -1, 0), -EINVAL);
	EXPECT_EQ(wait_ep(p[0], ev, 4, 0), -EINVAL);
	EXPECT_EQ(wait_ep(77, ev, 4, 0), -EBADF);
	EXPECT_EQ(raw_syscall4(__NR_epoll_wait, ep, 0xffff800000000000UL, 4, 0), -EFAULT);
	EXPECT_EQ(raw_syscall6(__NR_epoll_pwait, ep, (long)ev, 4, 0, (long)ev, 4), -EINVAL);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 0);                 /* nothing watched, no wait */
	close(p[0]), close(p[1]), close(ep);
	return ok;
}

static int
test_level_edge_oneshot(void)
{
	int ok = 1, p[2];
	struct epoll_event ev[4];
	char buf[8];
	int ep = epoll_create1(0);

	pipe(p);
	EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0x1122334455667788UL), 0);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 0);
	write(p[1], "ab", 2);
	/* Level-triggered: reported while readable, with data untouched. */
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 1);
	EXPECT_EQ(ev[0].events, EPOLLIN);
	EXPECT_EQ(ev[0].data, 0x1122334455667788UL);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 1);
	read(p[0], buf, 2);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 0);                 /* drained */
	/* Edge-triggered: once per new event. */
	EXPECT_EQ(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLET, 7), 0);
	write(p[1], "c", 1);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 1);
	EXPECT_EQ(ev[0].data, 7);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 0);                 /* still readable, but no new edge */
	write(p[1], "d", 1);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 1);                 /* a new edge */
	read(p[0], buf, 8);
	/* One-shot: once, then silent until MOD re-arms it. */
	EXPECT_EQ(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 9), 0);
	write(p[1], "e", 1);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 1);
	write(p[1], "f", 1);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 0);
	EXPECT_EQ(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 10), 0);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 1);
	EXPECT_EQ(ev[0].data, 10);
	close(p[0]), close(p[1]), close(ep);
	return ok;
}

static int
test_hup_err_close(void)
{
	int ok = 1, p[2], q[2];
	struct epoll_event ev[4];
	int ep = epoll_create1(0);

	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLRDHUP, 1);
	close(p[1]);                                          /* no writer left */
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 1);
	EXPECT_EQ(ev[0].events, EPOLLHUP);                   /* pipes: HUP, not RDHUP (as Linux) */
	close(p[0]);                                          /* closed: removed from the set */
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 0);
	pipe(q);
	ctl(ep, EPOLL_CTL_ADD, q[1], 0, 2);                   /* asks for nothing ... */
	close(q[0]);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 1);
	EXPECT_EQ(ev[0].events, EPOLLERR);                   /* ... but ERR always comes */
	/* A dup keeps the file open: closing one descriptor does not remove it. */
	int d = dup(q[1]);
	close(q[1]);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 1);
	close(d);
	EXPECT_EQ(wait_ep(ep, ev, 4, 0), 0);
	close(ep);
	return ok;
}

static int
test_blocking_and_timeout(void)
{
	int ok = 1, p[2];
	struct epoll_event ev[4];
	int ep = epoll_create1(0);

	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 5);
	uint64_t t0 = now_ms();
	EXPECT_EQ(wait_ep(ep, ev, 4, 50), 0);                /* timeout */
	uint64_t waited = now_ms() - t0;
	CHECK(waited >= 50);
	if (exact_timing)
		CHECK(waited <= 52);
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(20);
		write(p[1], "x", 1);
		_exit(0);
	}
	t0 = now_ms();
	EXPECT_EQ(wait_ep(ep, ev, 4, -1), 1);                /* sleeps until the child writes */
	CHECK(now_ms() - t0 >= 19);
	waitpid(pid, NULL, 0);
	/* Nested: an epoll instance watching another. */
	int outer = epoll_create1(0);
	EXPECT_EQ(ctl(outer, EPOLL_CTL_ADD, ep, EPOLLIN, 6), 0);
	EXPECT_EQ(wait_ep(outer, ev, 4, 0), 1);
	EXPECT_EQ(ev[0].data, 6);
	close(outer), close(p[0]), close(p[1]), close(ep);
	return ok;
}

static int
test_eventfd(void)
{
	int ok = 1;
	uint64_t v;
	int e = eventfd(3, EFD_NONBLOCK);

	EXPECT_EQ(read(e, &v, 8), 8);
	EXPECT_EQ(v, 3);
	EXPECT_EQ(raw_syscall3(__NR_read, e, &v, 8), -EAGAIN);
	v = 5;
	EXPECT_EQ(write(e, &v, 8), 8);
	v = 2;
	EXPECT_EQ(write(e, &v, 8), 8);
	EXPECT_EQ(read(e, &v, 8), 8);
	EXPECT_EQ(v, 7);                                     /* writes add up */
	EXPECT_EQ(raw_syscall3(__NR_read, e, &v, 4), -EINVAL);
	v = UINT64_MAX;
	EXPECT_EQ(raw_syscall3(__NR_write, e, &v, 8), -EINVAL);
	v = UINT64_MAX - 1;
	EXPECT_EQ(write(e, &v, 8), 8);
	v = 1;
	EXPECT_EQ(raw_syscall3(__NR_write, e, &v, 8), -EAGAIN);   /* would overflow */
	close(e);
	int s = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
	for (int i = 0; i < 3; i++) {
		EXPECT_EQ(read(s, &v, 8), 8);
		EXPECT_EQ(v, 1);                             /* one at a time */
	}
	EXPECT_EQ(raw_syscall3(__NR_read, s, &v, 8), -EAGAIN);
	int ep = epoll_create1(0);
	struct epoll_event ev[2];
	ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN, 1);
	EXPECT_EQ(wait_ep(ep, ev, 2, 0), 0);
	v = 1;
	write(s, &v, 8);
	EXPECT_EQ(wait_ep(ep, ev, 2, 0), 1);
	EXPECT_EQ(raw_syscall2(__NR_eventfd2, 0, 0x10), -EINVAL);
	close(ep), close(s);
	return ok;
}

static int
test_timerfd(void)
{
	int ok = 1;
	uint64_t count;
	struct itimerspec its = { { 0, 0 }, { 0, 30000000L } }, cur;
	int t = timerfd_create(CLOCK_MONOTONIC, 0);

	CHECK(t >= 0);
	uint64_t t0 = now_ms();
	EXPECT_EQ(timerfd_settime(t, 0, &its, NULL), 0);
	EXPECT_EQ(timerfd_gettime(t, &cur), 0);
	CHECK(cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 30000000L);
	EXPECT_EQ(read(t, &count, 8), 8);                    /* blocks until it expires */
	uint64_t waited = now_ms() - t0;
	EXPECT_EQ(count, 1);
	CHECK(waited >= 30);
	if (exact_timing)
		CHECK(waited <= 31);                         /* within a tick */
	/* An interval timer does not drift: 10 expirations in 105 ms. */
	struct itimerspec every = { { 0, 10000000L }, { 0, 10000000L } };
	timerfd_settime(t, 0, &every, NULL);
	sleep_ms(105);
	EXPECT_EQ(read(t, &count, 8), 8);
	if (exact_timing)
		EXPECT_EQ(count, 10);
	else
		CHECK(count >= 10);
	struct itimerspec off = { { 0, 0 }, { 0, 0 } };
	EXPECT_EQ(timerfd_settime(t, 0, &off, &cur), 0);     /* disarm, get the old one */
	EXPECT_EQ(cur.it_interval.tv_nsec, 10000000L);
	int nb = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	EXPECT_EQ(raw_syscall3(__NR_read, nb, &count, 8), -EAGAIN);
	/* Absolute time on CLOCK_REALTIME: now + 20 ms. */
	struct timespec rt;
	clock_gettime(CLOCK_REALTIME, &rt);
	rt.tv_nsec += 20000000L;
	if (rt.tv_nsec >= 1000000000L)
		rt.tv_sec++, rt.tv_nsec -= 1000000000L;
	struct itimerspec abs = { { 0, 0 }, rt };
	EXPECT_EQ(timerfd_settime(nb, TFD_TIMER_ABSTIME, &abs, NULL), 0);
	sleep_ms(25);
	EXPECT_EQ(read(nb, &count, 8), 8);
	EXPECT_EQ(count, 1);
	/* Errors. */
	EXPECT_EQ(raw_syscall2(__NR_timerfd_create, 99, 0), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_timerfd_create, CLOCK_MONOTONIC, 0x1), -EINVAL);
	struct itimerspec bad = { { 0, 0 }, { 0, 1000000000L } };
	EXPECT_EQ(raw_syscall4(__NR_timerfd_settime, t, 0, &bad, 0), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_timerfd_settime, t, 0x8, &its, 0), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_timerfd_settime, t, 0, 0x10, 0), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_timerfd_gettime, 0, &cur), -EINVAL);   /* not a timerfd */
	EXPECT_EQ(raw_syscall2(__NR_timerfd_gettime, 77, &cur), -EBADF);
	EXPECT_EQ(raw_syscall3(__NR_read, t, &count, 4), -EINVAL);
	close(t), close(nb);
	return ok;
}

static int
test_poll(void)
{
	int ok = 1, p[2];

	pipe(p);
	struct pollfd fds[3] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 }, { -1, POLLIN, 0 } };
	EXPECT_EQ(poll(fds, 3, 0), 1);
	EXPECT_EQ(fds[0].revents, 0);
	EXPECT_EQ(fds[1].revents, POLLOUT);
	EXPECT_EQ(fds[2].revents, 0);                        /* negative fd: skipped */
	struct pollfd bad = { 77, POLLIN, 0 };
	EXPECT_EQ(poll(&bad, 1, 0), 1);
	EXPECT_EQ(bad.revents, POLLNVAL);
	uint64_t t0 = now_ms();
	EXPECT_EQ(poll(fds, 1, 30), 0);                      /* timeout */
	CHECK(now_ms() - t0 >= 30);
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(20);
		write(p[1], "x", 1);
		_exit(0);
	}
	EXPECT_EQ(poll(fds, 1, -1), 1);                      /* woken by the child */
	EXPECT_EQ(fds[0].revents, POLLIN);
	waitpid(pid, NULL, 0);
	struct timespec ts = { 0, 0 };
	EXPECT_EQ(raw_syscall5(__NR_ppoll, fds, 1, &ts, 0, 0), 1);
	EXPECT_EQ(raw_syscall3(__NR_poll, 0x10, 1, 0), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_poll, fds, 100000, 0), -EINVAL);
	close(p[0]);
	close(p[1]);
	return ok;
}

/* 10,000 numbered messages there and back, both sides driven by epoll. */
static int
test_stress(void)
{
	int ok = 1, to[2], from[2];
	const uint32_t N = 10000;

	pipe(to);
	pipe(from);
	pid_t pid = fork();
	if (pid == 0) {                                      /* echo server on epoll */
		close(to[1]), close(from[0]);
		int ep = epoll_create1(0);
		ctl(ep, EPOLL_CTL_ADD, to[0], EPOLLIN, 0);
		uint32_t expect = 0, v;
		for (;;) {
			struct epoll_event ev;
			if (wait_ep(ep, &ev, 1, -1) != 1)
				_exit(2);
			if (ev.events & EPOLLHUP && !(ev.events & EPOLLIN))
				_exit(expect == N ? 0 : 3);
			if (read(to[0], &v, 4) != 4 || v != expect++)
				_exit(4);
			write(from[1], &v, 4);
		}
	}
	close(to[0]), close(from[1]);
	int ep = epoll_create1(0);
	ctl(ep, EPOLL_CTL_ADD, from[0], EPOLLIN, 0);
	for (uint32_t i = 0; i < N && ok; i++) {
		uint32_t v;
		struct epoll_event ev;
		write(to[1], &i, 4);
		if (wait_ep(ep, &ev, 1, 5000) != 1 || read(from[0], &v, 4) != 4 || v != i) {
			printf("    message %u lost or out of order\n", i);
			ok = 0;
		}
	}
	close(to[1]);
	int status;
	waitpid(pid, &status, 0);
	EXPECT_EQ(status, 0);
	close(from[0]), close(ep);
	return ok;
}

/* select and pselect6: the same waiting, as bit sets. */
static void
usr1_seen(int sig, struct siginfo *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
}

static int
test_select(void)
{
	int ok = 1, p[2];
	uint64_t rd, wr, ex;
	struct timeval tv = { 0, 0 }, ten_ms = { 0, 10000 };

	pipe(p);
	/* An empty pipe: the write end is ready, the read end is not. */
	rd = 1UL << p[0], wr = 1UL << p[1], ex = 0;
	EXPECT_EQ(raw_syscall5(__NR_select, p[1] + 1, &rd, &wr, &ex, &tv), 1);
	EXPECT_EQ(rd, 0);
	EXPECT_EQ(wr, 1UL << p[1]);
	/* Nothing comes: the timeout, and the time left (0) written back. */
	rd = 1UL << p[0];
	uint64_t t0 = now_ms();
	EXPECT_EQ(raw_syscall5(__NR_select, p[0] + 1, &rd, 0, 0, &ten_ms), 0);
	CHECK(now_ms() - t0 >= 10);
	EXPECT_EQ(ten_ms.tv_sec + ten_ms.tv_usec, 0);
	/* Data: readable; every ready bit is counted (q's write end: writable). */
	int q0[2];
	pipe(q0);
	write(p[1], "x", 1);
	rd = 1UL << p[0], wr = 1UL << q0[1];
	EXPECT_EQ(raw_syscall5(__NR_select, q0[1] + 1, &rd, &wr, 0, 0), 2);
	EXPECT_EQ(rd, 1UL << p[0]);
	EXPECT_EQ(wr, 1UL << q0[1]);
	close(q0[0]), close(q0[1]);
	/* The writer gone: EOF counts as readable. */
	char c;
	read(p[0], &c, 1);
	close(p[1]);
	rd = 1UL << p[0];
	EXPECT_EQ(raw_syscall5(__NR_select, p[0] + 1, &rd, 0, 0, 0), 1);
	/* Errors. */
	rd = 1UL << 40;                              /* not open */
	EXPECT_EQ(raw_syscall5(__NR_select, 41, &rd, 0, 0, &tv), -EBADF);
	EXPECT_EQ(raw_syscall5(__NR_select, -1, 0, 0, 0, &tv), -EINVAL);
	EXPECT_EQ(raw_syscall5(__NR_select, 1, 0x10, 0, 0, &tv), -EFAULT);
	struct timeval bad = { 0, 1000000 };
	EXPECT_EQ(raw_syscall5(__NR_select, 1, 0, 0, 0, &bad), -EINVAL);
	/* pselect6: a timespec, and a mask for the wait: SIGUSR1 blocked except
	 * while it waits, so its handler runs then and the call fails with EINTR. */
	signal_handle(SIGUSR1, usr1_seen, 0, 0);
	uint64_t usr1 = 1UL << (SIGUSR1 - 1), none = 0;
	sigprocmask(SIG_SETMASK, &usr1, NULL);
	kill(getpid(), SIGUSR1);                     /* pending, blocked */
	struct { uint64_t set, size; } sig = { (uint64_t)&none, 8 };
	struct timespec second = { 1, 0 };
	rd = 1UL << p[0];
	int q[2];
	pipe(q);
	rd = 1UL << q[0];
	EXPECT_EQ(raw_syscall6(__NR_pselect6, q[0] + 1, (long)&rd, 0, 0, (long)&second, (long)&sig), -EINTR);
	uint64_t now;
	sigprocmask(SIG_SETMASK, NULL, &now);
	EXPECT_EQ(now, usr1);                        /* the mask is back */
	sig.size = 4;
	EXPECT_EQ(raw_syscall6(__NR_pselect6, q[0] + 1, (long)&rd, 0, 0, (long)&second, (long)&sig), -EINVAL);
	EXPECT_EQ(raw_syscall6(__NR_pselect6, q[0] + 1, (long)&rd, 0, 0, (long)&second, 0x10), -EFAULT);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal_ignore(SIGUSR1, 0);
	close(p[0]), close(q[0]), close(q[1]);
	return ok;
}

/*
 * Epolls inside epolls (fs/epoll_nest.c): no loops, at most five in a
 * chain however it is built - here top-down and across a fork, the way
 * that used to reach hundreds of levels and overflow the kernel stack on
 * the first wake-up - and a wake-up crosses all five.
 */
static int
test_nesting(void)
{
	int ok = 1, e[6], p[2];
	struct epoll_event ev = { .events = EPOLLIN }, out;

	for (int i = 0; i < 6; i++)
		e[i] = epoll_create1(0);
	EXPECT_EQ(epoll_ctl(e[0], EPOLL_CTL_ADD, e[1], &ev), 0);
	EXPECT_EQ(raw_syscall4(__NR_epoll_ctl, e[1], EPOLL_CTL_ADD, e[0], (long)&ev), -ELOOP);
	EXPECT_EQ(raw_syscall4(__NR_epoll_ctl, e[0], EPOLL_CTL_ADD, e[0], (long)&ev), -EINVAL);
	pid_t child = fork();
	if (child == 0) {                    /* the chain grows in another process */
		int bad = 0;
		for (int i = 1; i < 4; i++)
			bad |= epoll_ctl(e[i], EPOLL_CTL_ADD, e[i + 1], &ev) != 0;
		bad |= raw_syscall4(__NR_epoll_ctl, e[4], EPOLL_CTL_ADD, e[5], (long)&ev) != -ELOOP;
		_exit(bad);
	}
	EXPECT_EQ(reap(child), 0);
	pipe(p);
	EXPECT_EQ(epoll_ctl(e[4], EPOLL_CTL_ADD, p[0], &ev), 0);
	write(p[1], "x", 1);
	EXPECT_EQ(epoll_wait(e[0], &out, 1, 1000), 1);   /* five levels up */
	EXPECT_EQ(raw_syscall4(__NR_epoll_ctl, e[5], EPOLL_CTL_ADD, e[0], (long)&ev), -ELOOP);
	for (int i = 0; i < 6; i++)
		close(e[i]);
	close(p[0]), close(p[1]);
	return ok;
}

int
main(int argc, char **argv)
{
	exact_timing = argc > 1 && strcmp(argv[1], "exact") == 0;
	run("errors", test_errors);
	run("level_edge_oneshot", test_level_edge_oneshot);
	run("hup_err_close", test_hup_err_close);
	run("blocking_and_timeout", test_blocking_and_timeout);
	run("eventfd", test_eventfd);
	run("timerfd", test_timerfd);
	run("poll", test_poll);
	run("select", test_select);
	run("nesting", test_nesting);
	run("stress", test_stress);
	printf("epolltest: %d passed, %d failed\n", passes, failures);
	return failures;
}
