/*
 * ticktest.c - the epoll lab's checks of /dev/tick: a file that becomes
 * readable every N milliseconds. It uses raw system calls, so it sees the
 * kernel's -errno values; on a kernel without /dev/tick, open() returns
 * -ENOENT and every mode reports [FAIL] and stops.
 *
 * The grader runs QEMU with -icount shift=0,sleep=off: guest time is then
 * exact and repeatable, so the timing checks below can be tight.
 *
 *   ticktest open       open works (twice, read-write and read-only), it is a character device
 *   ticktest block      a blocking read returns 8 bytes, a count of 1, after one period
 *   ticktest count      ticks accumulate while nobody reads: 5.5 periods -> 5; a read resets
 *   ticktest nonblock   O_NONBLOCK (at open or by fcntl) and nothing pending: -EAGAIN
 *   ticktest poll       poll times out before the tick, returns POLLIN at the tick
 *   ticktest level      epoll, level-triggered: reported again and again until read
 *   ticktest edge       epoll, EPOLLET: reported once per new tick, read or not
 *   ticktest multi      ticks of 20 ms and 50 ms, one epoll_wait loop for 1 s: 50 and 20
 *   ticktest bad        short reads and bad periods: -EINVAL; the period is unchanged
 *   ticktest close      closing a watched tick (two epolls, a waiting child) is harmless
 */
#include "libsys.h"

#define NS_PER_MS 1000000L

static int failures;

static void
expect(int ok, const char *what, long got)
{
	printf("%s %s (got %ld)\n", ok ? "[OK]" : "[FAIL]", what, got);
	if (!ok)
		failures++;
}

static long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* Microseconds since start: printed and compared, one period is thousands of them. */
static long
since_us(long start)
{
	return (now_ns() - start) / 1000;
}

/* Is the time since start within [lo_ms, hi_ms]? Prints the check either way. */
static void
expect_elapsed(long start, long lo_ms, long hi_ms, const char *what)
{
	long us = since_us(start);
	char text[128];

	snprintf(text, sizeof text, "%s: after %ld..%ld ms, in microseconds", what, lo_ms, hi_ms);
	expect(us >= lo_ms * 1000 && us <= hi_ms * 1000, text, us);
}

static int
open_tick(int flags)
{
	int fd = (int)raw_syscall3(__NR_open, "/dev/tick", flags, 0);
	expect(fd >= 0, "open(\"/dev/tick\")", fd);
	return fd;
}

/* Set the period: the text of a decimal number of milliseconds. */
static void
set_period(int fd, const char *ms)
{
	long n = (long)strlen(ms);
	long r = raw_syscall3(__NR_write, fd, ms, n);
	char text[64];

	snprintf(text, sizeof text, "write(\"%s\") sets the period", ms);
	expect(r == n, text, r);
}

/* One read of the count; returns read()'s result, the count in *count (0 if none). */
static long
read_count(int fd, uint64_t *count)
{
	*count = 0;
	return raw_syscall3(__NR_read, fd, count, 8);
}

/* A read that must return 8 bytes: the count, or -1 after reporting the failure. */
static long
expect_read(int fd, const char *what)
{
	uint64_t count;
	long r = read_count(fd, &count);

	expect(r == 8, what, r);
	return r == 8 ? (long)count : -1;
}

static long
ctl(int ep, int op, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { events, data };
	return raw_syscall4(__NR_epoll_ctl, ep, op, fd, &ev);
}

static long
wait_ep(int ep, struct epoll_event *ev, int max, int timeout_ms)
{
	return raw_syscall4(__NR_epoll_wait, ep, ev, max, timeout_ms);
}

/* ------------------------------------------------------------------ the modes */

static void
test_open(void)
{
	struct stat st;

	int fd = open_tick(O_RDWR);
	if (fd < 0)
		return;
	long r = raw_syscall2(__NR_fstat, fd, &st);
	expect(r == 0 && (st.st_mode & S_IFMT) == S_IFCHR, "fstat: a character device", (long)st.st_mode);
	int fd2 = open_tick(O_RDONLY);
	expect(fd2 >= 0 && fd2 != fd, "a second open gives a second descriptor", fd2);
	expect(raw_syscall1(__NR_close, fd2) == 0, "close the second", 0);
	expect(raw_syscall1(__NR_close, fd) == 0, "close the first", 0);
}

static void
test_block(void)
{
	long start = now_ns();
	int fd = open_tick(O_RDWR);
	if (fd < 0)
		return;
	long count = expect_read(fd, "a blocking read returns 8 bytes");
	expect(count == 1, "after the first period (default 100 ms) the count is 1", count);
	expect_elapsed(start, 98, 103, "the read blocked for one default period");

	set_period(fd, "30");
	start = now_ns();
	count = expect_read(fd, "a blocking read returns 8 bytes");
	expect(count == 1, "the count is 1 again", count);
	expect_elapsed(start, 28, 33, "the read blocked for one 30 ms period");
	start = now_ns();
	count = expect_read(fd, "and again");
	expect(count == 1, "the count is 1 again", count);
	expect_elapsed(start, 27, 33, "the next tick came one period later");
}

static void
test_count(void)
{
	int fd = open_tick(O_RDWR);
	if (fd < 0)
		return;
	set_period(fd, "20");
	sleep_ms(110);               /* 5.5 periods: ticks at 20, 40, 60, 80, 100 */
	long count = expect_read(fd, "read after 110 ms");
	expect(count == 5, "5 ticks accumulated while nobody read", count);
	sleep_ms(60);                /* ticks at 120, 140, 160 */
	count = expect_read(fd, "read after 60 ms more");
	expect(count == 3, "the read reset the count: 3 new ticks", count);
}

static void
test_nonblock(void)
{
	uint64_t count;

	int fd = open_tick(O_RDWR | O_NONBLOCK);
	if (fd < 0)
		return;
	long start = now_ns();
	long r = read_count(fd, &count);
	expect(r == -EAGAIN, "O_NONBLOCK, no tick yet: -EAGAIN", r);
	expect_elapsed(start, 0, 1, "and at once");
	set_period(fd, "10");
	sleep_ms(25);
	r = read_count(fd, &count);
	expect(r == 8 && count == 2, "after 25 ms of 10 ms ticks: 8 bytes, a count of 2", (long)count);
	r = read_count(fd, &count);
	expect(r == -EAGAIN, "read again at once: -EAGAIN", r);

	int fd2 = open_tick(O_RDWR);
	if (fd2 < 0)
		return;
	expect(fcntl(fd2, F_SETFL, O_NONBLOCK) == 0, "fcntl(F_SETFL, O_NONBLOCK)", 0);
	r = read_count(fd2, &count);
	expect(r == -EAGAIN, "O_NONBLOCK set by fcntl: -EAGAIN too", r);
}

static void
test_poll(void)
{
	int fd = open_tick(O_RDWR);
	if (fd < 0)
		return;
	set_period(fd, "50");
	long start = now_ns();
	struct pollfd p = { .fd = fd, .events = POLLIN };
	long r = raw_syscall3(__NR_poll, &p, 1, 10);
	expect(r == 0 && p.revents == 0, "poll(10 ms) before the tick times out", r);
	expect_elapsed(start, 9, 12, "poll waited for its timeout");
	r = raw_syscall3(__NR_poll, &p, 1, 1000);
	expect(r == 1 && p.revents == POLLIN, "poll(1000 ms) returns POLLIN at the tick", p.revents);
	expect_elapsed(start, 48, 53, "at the first tick (50 ms)");
	r = raw_syscall3(__NR_poll, &p, 1, 0);
	expect(r == 1 && p.revents == POLLIN, "still readable until read: poll(0) says POLLIN", r);
	long count = expect_read(fd, "read");
	expect(count == 1, "one tick", count);
	r = raw_syscall3(__NR_poll, &p, 1, 0);
	expect(r == 0, "after the read: poll(0) says nothing", r);
}

static void
test_level(void)
{
	struct epoll_event ev[4];

	int fd = open_tick(O_RDWR);
	int ep = epoll_create1(0);
	if (fd < 0)
		return;
	set_period(fd, "20");
	long start = now_ns();
	expect(ctl(ep, EPOLL_CTL_ADD, fd, EPOLLIN, 42) == 0, "epoll_ctl(ADD, EPOLLIN)", 0);
	long n = wait_ep(ep, ev, 4, 1000);
	expect(n == 1 && ev[0].events == EPOLLIN && ev[0].data == 42,
	       "epoll_wait: one event, EPOLLIN, with our data", n);
	expect_elapsed(start, 18, 23, "at the first tick (20 ms)");
	for (int i = 0; i < 3; i++) {
		n = wait_ep(ep, ev, 4, 0);
		expect(n == 1 && ev[0].data == 42, "level-triggered: reported again while not read", n);
	}
	long count = expect_read(fd, "read");
	expect(count == 1, "one tick", count);
	n = wait_ep(ep, ev, 4, 0);
	expect(n == 0, "after the read: nothing to report", n);
	n = wait_ep(ep, ev, 4, 1000);
	expect(n == 1 && ev[0].data == 42, "the next tick is reported", n);
	expect_elapsed(start, 38, 43, "at the second tick (40 ms)");
}

static void
test_edge(void)
{
	struct epoll_event ev[4];

	int fd = open_tick(O_RDWR);
	int ep = epoll_create1(0);
	if (fd < 0)
		return;
	set_period(fd, "20");
	long start = now_ns();
	expect(ctl(ep, EPOLL_CTL_ADD, fd, EPOLLIN | EPOLLET, 7) == 0, "epoll_ctl(ADD, EPOLLIN | EPOLLET)", 0);
	long n = wait_ep(ep, ev, 4, 1000);
	expect(n == 1 && ev[0].events == EPOLLIN && ev[0].data == 7, "epoll_wait: one event", n);
	expect_elapsed(start, 18, 23, "at the first tick (20 ms)");
	n = wait_ep(ep, ev, 4, 0);
	expect(n == 0, "edge-triggered: not reported again (though not read)", n);
	n = wait_ep(ep, ev, 4, 1000);
	expect(n == 1, "a new tick is a new edge: reported once more", n);
	expect_elapsed(start, 38, 43, "at the second tick (40 ms)");
	long count = expect_read(fd, "read");
	expect(count == 2, "both ticks were counted", count);

	/* Never reading: one event per tick all the same. Ticks at 60 .. 200 ms. */
	int events = 0;
	while (since_us(start) < 210 * 1000) {
		long left_ms = 210 - since_us(start) / 1000;
		n = wait_ep(ep, ev, 4, (int)left_ms);
		events += n > 0 ? (int)n : 0;
	}
	expect(events == 8, "8 more ticks without a read: 8 events", events);
	count = expect_read(fd, "read");
	expect(count == 8, "and a count of 8", count);
}

static void
test_multi(void)
{
	struct epoll_event ev[4];
	long events[2] = { 0, 0 }, ticks[2] = { 0, 0 };
	int fd[2];

	fd[0] = open_tick(O_RDWR);
	fd[1] = open_tick(O_RDWR);
	int ep = epoll_create1(0);
	if (fd[0] < 0 || fd[1] < 0)
		return;
	set_period(fd[0], "20");
	set_period(fd[1], "50");
	expect(ctl(ep, EPOLL_CTL_ADD, fd[0], EPOLLIN, 0) == 0, "watch the 20 ms tick", 0);
	expect(ctl(ep, EPOLL_CTL_ADD, fd[1], EPOLLIN, 1) == 0, "watch the 50 ms tick", 0);
	long start = now_ns(), end = start + 1010 * NS_PER_MS;   /* 1 s, and half a short period */
	for (long now = start; now < end; now = now_ns()) {
		int timeout = (int)((end - now + NS_PER_MS - 1) / NS_PER_MS);
		long n = wait_ep(ep, ev, 4, timeout);
		for (long i = 0; i < n; i++) {
			int which = (int)ev[i].data;
			uint64_t count;
			if (which < 0 || which > 1 || read_count(fd[which], &count) != 8) {
				expect(0, "an event with our data, and a read of its tick", which);
				return;
			}
			events[which]++;
			ticks[which] += (long)count;
		}
	}
	printf("20 ms: %ld events, %ld ticks; 50 ms: %ld events, %ld ticks\n",
	       events[0], ticks[0], events[1], ticks[1]);
	expect(ticks[0] == 50, "the 20 ms tick ticked 50 times in 1 s", ticks[0]);
	expect(ticks[1] == 20, "the 50 ms tick ticked 20 times in 1 s", ticks[1]);
	expect(events[0] == 50, "the 20 ms tick: one event per tick", events[0]);
	expect(events[1] == 20, "the 50 ms tick: one event per tick", events[1]);
}

static void
test_bad(void)
{
	static const char *const bad[] = { "", "abc", "0", "-5", "12x", " 7", "20ms",
					   "99999999999999999999" };
	char small[4];

	int fd = open_tick(O_RDWR);
	if (fd < 0)
		return;
	long r = raw_syscall3(__NR_write, fd, "15\n", 3);
	expect(r == 3, "write(\"15\\n\") sets the period: a final newline is allowed", r);
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[80];
		r = raw_syscall3(__NR_write, fd, bad[i], strlen(bad[i]));
		snprintf(text, sizeof text, "write(\"%s\"): -EINVAL", bad[i]);
		expect(r == -EINVAL, text, r);
	}
	long start = now_ns();
	long count = expect_read(fd, "read with 8 bytes");
	expect(count == 1, "one tick", count);
	expect_elapsed(start, 0, 16, "the period is still 15 ms (the bad writes changed nothing)");
	sleep_ms(20);                /* the next tick comes at 30 ms */
	r = raw_syscall3(__NR_read, fd, small, 4);
	expect(r == -EINVAL, "read with a 4-byte buffer: -EINVAL", r);
	r = raw_syscall3(__NR_read, fd, small, 0);
	expect(r == -EINVAL, "read with no buffer at all: -EINVAL", r);
	count = expect_read(fd, "read with 8 bytes");
	expect(count == 1, "the count is 1: the short reads did not take it", count);
}

/* A child sleeps in epoll_wait on a tick whose last descriptor the parent closes. */
static void
close_under_waiter(void)
{
	struct epoll_event ev[4];

	int fd = open_tick(O_RDWR);
	int ep = epoll_create1(0);
	if (fd < 0)
		return;
	set_period(fd, "10");
	ctl(ep, EPOLL_CTL_ADD, fd, EPOLLIN | EPOLLET, 3);
	pid_t pid = fork();
	if (pid == 0) {
		close(fd);               /* only the parent's descriptor keeps the tick open */
		int events = 0;
		long start = now_ns();
		while (since_us(start) < 200 * 1000) {
			long n = wait_ep(ep, ev, 4, 200 - (int)(since_us(start) / 1000));
			if (n < 0)
				_exit(100);
			events += (int)n;
		}
		_exit(events);
	}
	sleep_ms(55);                /* the child sees the ticks at 10 .. 50 ms */
	expect(close(fd) == 0, "the parent closes the tick while its child waits", 0);
	int status = 0;
	waitpid(pid, &status, 0);
	long events = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	expect(events >= 4 && events <= 6, "the child saw 5 ticks, then none after the close", events);
}

static void
test_close(void)
{
	struct epoll_event ev[4];

	int fd = open_tick(O_RDWR);
	int ep1 = epoll_create1(0), ep2 = epoll_create1(0);
	if (fd < 0)
		return;
	set_period(fd, "10");
	expect(ctl(ep1, EPOLL_CTL_ADD, fd, EPOLLIN, 1) == 0, "the first epoll watches it", 0);
	expect(ctl(ep2, EPOLL_CTL_ADD, fd, EPOLLIN, 2) == 0, "the second epoll watches it", 0);
	expect(wait_ep(ep1, ev, 4, 1000) == 1, "a tick is reported", 0);
	expect(close(fd) == 0, "close the tick while both watch it", 0);
	long n = wait_ep(ep1, ev, 4, 50);
	expect(n == 0, "the first epoll reports nothing any more", n);
	n = wait_ep(ep2, ev, 4, 50);
	expect(n == 0, "nor the second", n);

	/* The freed tick must be gone from the timer's list, or these would trip on it. */
	for (int i = 0; i < 50; i++) {
		int f = (int)raw_syscall3(__NR_open, "/dev/tick", O_RDWR, 0);
		ctl(ep1, EPOLL_CTL_ADD, f, EPOLLIN, 9);
		raw_syscall1(__NR_close, f);
	}
	fd = open_tick(O_RDWR);
	if (fd < 0)
		return;
	set_period(fd, "10");
	long start = now_ns();
	expect(ctl(ep1, EPOLL_CTL_ADD, fd, EPOLLIN, 5) == 0, "a new tick on the first epoll", 0);
	n = wait_ep(ep1, ev, 4, 1000);
	expect(n == 1 && ev[0].data == 5, "works: its tick is reported", n);
	expect_elapsed(start, 8, 13, "after 10 ms");
	close_under_waiter();
}

static const struct {
	const char *name;
	void (*run)(void);
} modes[] = {
	{ "open", test_open }, { "block", test_block }, { "count", test_count },
	{ "nonblock", test_nonblock }, { "poll", test_poll }, { "level", test_level },
	{ "edge", test_edge }, { "multi", test_multi }, { "bad", test_bad },
	{ "close", test_close },
};

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "open";

	for (unsigned i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (!strcmp(mode, modes[i].name)) {
			modes[i].run();
			printf("ticktest %s: %s\n", mode, failures ? "FAILED" : "passed");
			return failures ? 1 : 0;
		}
	printf("ticktest: unknown mode %s\n", mode);
	return 2;
}
