/*
 * nicetest.c - the scheduler lab's checks of getpriority(2) (Linux number
 * 140) and setpriority(2) (141), and of CPU shares by nice value. It calls
 * the numbers directly (raw_syscall2/3), so it builds before the lab is
 * done: on the stock kernel every call returns -ENOSYS.
 *
 * Remember: the raw getpriority system call returns 20 - nice (1..40),
 * not the nice value (glibc's getpriority() converts; we do not).
 *
 *   nicetest self     get and set the caller's own nice value (who = 0 and who = pid)
 *   nicetest child    the parent sets a child's nice value by pid; the child sees it
 *   nicetest clamp    values beyond -20..19 are clamped
 *   nicetest einval   a bad `which` is -EINVAL
 *   nicetest esrch    a pid that does not exist is -ESRCH
 *   nicetest fork     a child inherits its parent's nice value
 *   nicetest exec     a nice value is kept across execve
 *   nicetest share    two CPU-bound children, nice 0 and 5: about 3 to 1
 *   nicetest equal    two CPU-bound children, both nice 0: about 1 to 1
 *   nicetest one      one setpriority(PRIO_PROCESS, 0, 5) (for strace)
 *   nicetest report   (used by exec) exit with the raw getpriority of self
 */
#include "libsys.h"

#define NR_getpriority 140
#define NR_setpriority 141
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

#define SHARE_NS 250000000L      /* how long the two children compete: 0.25 s */

static int failures;

static long
getprio(int which, int who)
{
	return raw_syscall2(NR_getpriority, which, who);
}

static long
setprio(int which, int who, int nice)
{
	return raw_syscall3(NR_setpriority, which, who, nice);
}

static void
expect(int ok, const char *what, long got)
{
	printf("%s %s (got %ld)\n", ok ? "[OK]" : "[FAIL]", what, got);
	if (!ok)
		failures++;
}

/* The common case: one call's result must be exactly `want`. */
static void
expect_eq(long got, long want, const char *what)
{
	expect(got == want, what, got);
}

/* The exit status of child pid, or -1 if it did not exit normally. */
static int
child_status(int pid)
{
	int status = 0;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void
self(void)
{
	int pid = getpid();

	expect_eq(getprio(PRIO_PROCESS, 0), 20, "getpriority(PRIO_PROCESS, 0) = 20 (nice 0) at start");
	expect_eq(setprio(PRIO_PROCESS, 0, 5), 0, "setpriority(PRIO_PROCESS, 0, 5) = 0");
	expect_eq(getprio(PRIO_PROCESS, 0), 15, "then getpriority = 15 (nice 5)");
	expect_eq(setprio(PRIO_PROCESS, pid, -3), 0, "setpriority(PRIO_PROCESS, getpid(), -3) = 0");
	expect_eq(getprio(PRIO_PROCESS, pid), 23, "getpriority(PRIO_PROCESS, getpid()) = 23 (nice -3)");
	expect_eq(getprio(PRIO_PROCESS, 0), 23, "and who = 0 agrees");
	expect_eq(setprio(PRIO_PROCESS, 0, 0), 0, "setpriority(PRIO_PROCESS, 0, 0) = 0");
	expect_eq(getprio(PRIO_PROCESS, 0), 20, "back at 20 (nice 0)");
}

static void
child(void)
{
	int go[2];

	if (pipe(go) < 0) {
		expect(0, "pipe", -1);
		return;
	}
	int pid = fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		read(go[0], &c, 1);              /* wait until the parent has set our nice */
		_exit((int)getprio(PRIO_PROCESS, 0));
	}
	close(go[0]);
	expect_eq(setprio(PRIO_PROCESS, pid, 10), 0, "setpriority(PRIO_PROCESS, child, 10) = 0");
	expect_eq(getprio(PRIO_PROCESS, pid), 10, "getpriority(PRIO_PROCESS, child) = 10 (nice 10)");
	expect_eq(getprio(PRIO_PROCESS, 0), 20, "the parent is still at 20 (nice 0)");
	write(go[1], "x", 1);
	close(go[1]);
	expect_eq(child_status(pid), 10, "the child itself sees 10");
}

static void
clamp(void)
{
	static const struct { int nice; long raw; } cases[] = {
		{ 100, 1 }, { 19, 1 }, { 20, 1 }, { -100, 40 }, { -20, 40 }, { -21, 40 },
		{ 7, 13 }, { 0, 20 },
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char what[80];
		long r = setprio(PRIO_PROCESS, 0, cases[i].nice);
		long got = getprio(PRIO_PROCESS, 0);
		snprintf(what, sizeof what, "setpriority(.., %d) = 0, then getpriority = %ld",
			 cases[i].nice, cases[i].raw);
		expect(r == 0 && got == cases[i].raw, what, r == 0 ? got : r);
	}
}

static void
einval(void)
{
	expect_eq(getprio(3, 0), -EINVAL, "getpriority(3, 0) = -EINVAL");
	expect_eq(getprio(-1, 0), -EINVAL, "getpriority(-1, 0) = -EINVAL");
	expect_eq(setprio(3, 0, 5), -EINVAL, "setpriority(3, 0, 5) = -EINVAL");
	expect_eq(getprio(PRIO_PROCESS, 0), 20, "and nothing changed");
	/* PRIO_PGRP and PRIO_USER with who = 0: supported (1..40) or -EINVAL, both fine. */
	long g = getprio(PRIO_PGRP, 0), u = getprio(PRIO_USER, 0);
	expect(g == -EINVAL || (g >= 1 && g <= 40), "getpriority(PRIO_PGRP, 0): 1..40 or -EINVAL", g);
	expect(u == -EINVAL || (u >= 1 && u <= 40), "getpriority(PRIO_USER, 0): 1..40 or -EINVAL", u);
}

static void
esrch(void)
{
	expect_eq(getprio(PRIO_PROCESS, 30000), -ESRCH, "getpriority(PRIO_PROCESS, 30000) = -ESRCH");
	expect_eq(setprio(PRIO_PROCESS, 30000, 1), -ESRCH, "setpriority(PRIO_PROCESS, 30000, 1) = -ESRCH");
	int pid = fork();
	if (pid == 0)
		_exit(0);
	child_status(pid);                       /* reaped: its pid names nobody now */
	expect_eq(getprio(PRIO_PROCESS, pid), -ESRCH, "a reaped child's pid = -ESRCH");
	expect_eq(getprio(PRIO_PROCESS, 0), 20, "the caller is unaffected");
}

static void
inherit(void)
{
	expect_eq(setprio(PRIO_PROCESS, 0, 7), 0, "setpriority(PRIO_PROCESS, 0, 7) = 0");
	int pid = fork();
	if (pid == 0)
		_exit((int)getprio(PRIO_PROCESS, 0));
	expect_eq(child_status(pid), 13, "the forked child starts at 13 (nice 7)");
}

static void
exec(void)
{
	expect_eq(setprio(PRIO_PROCESS, 0, 4), 0, "setpriority(PRIO_PROCESS, 0, 4) = 0");
	int pid = fork();
	if (pid == 0) {
		char *argv[] = { "nicetest", "report", NULL };
		execv("/bin/nicetest", argv);
		_exit(99);
	}
	expect_eq(child_status(pid), 16, "after execve the child still has 16 (nice 4)");
}

/* ------------------------------------------------------------------ CPU shares */

static long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

struct report {
	int nice;                    /* the nice value this child asked for */
	long nice_ret;               /* what its setpriority returned */
	long count;                  /* rounds of the busy loop it managed */
};

/* A CPU-bound child: count loop rounds until the common deadline, then report. */
static void __attribute__((noreturn))
spin(int fd, int nice, long deadline)
{
	struct report r = { .nice = nice, .nice_ret = setprio(PRIO_PROCESS, 0, nice) };

	sched_yield();               /* start a fresh time slice, at the new nice value */
	while (now_ns() < deadline) {
		for (volatile int i = 0; i < 1000; i++)
			;
		r.count++;
	}
	write(fd, &r, sizeof r);
	_exit(0);
}

/*
 * Fork two children, the first at nice 0 and the second at `nice`; both
 * spin until the same deadline, SHARE_NS from now, while the parent sleeps
 * in read(). Their counts measure their CPU time: check the first's
 * count / the second's, x100, is within lo100..hi100.
 */
static void
share(int nice, long lo100, long hi100)
{
	int fds[2], pid[2];
	struct report r[2], got;

	if (pipe(fds) < 0) {
		expect(0, "pipe", -1);
		return;
	}
	long deadline = now_ns() + SHARE_NS;
	for (int i = 0; i < 2; i++) {
		pid[i] = fork();
		if (pid[i] == 0)
			spin(fds[1], i == 0 ? 0 : nice, deadline);
	}
	close(fds[1]);
	/* The reports come in the order the children finish: sort them by who. */
	r[0].count = r[1].count = -1;
	for (int i = 0; i < 2; i++) {
		if (read(fds[0], &got, sizeof got) != sizeof got) {
			expect(0, "a report from each child", i);
			return;
		}
		r[got.nice == 0 && r[0].count < 0 ? 0 : 1] = got;
	}
	child_status(pid[0]);
	child_status(pid[1]);
	expect(r[0].nice_ret == 0 && r[1].nice_ret == 0, "both children's setpriority = 0",
	       r[0].nice_ret != 0 ? r[0].nice_ret : r[1].nice_ret);
	long ratio100 = r[1].count > 0 ? r[0].count * 100 / r[1].count : 0;
	printf("nice 0: %ld rounds, nice %d: %ld rounds, ratio %ld.%02ld\n", r[0].count, nice,
	       r[1].count, ratio100 / 100, ratio100 % 100);
	char what[80];
	snprintf(what, sizeof what, "ratio x100 within %ld..%ld (%d:%d by weight)", lo100, hi100,
		 1024, nice == 0 ? 1024 : 335);
	expect(ratio100 >= lo100 && ratio100 <= hi100, what, ratio100);
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (strcmp(mode, "report") == 0)
		return (int)getprio(PRIO_PROCESS, 0);
	if (strcmp(mode, "one") == 0)
		return setprio(PRIO_PROCESS, 0, 5) == 0 ? 0 : 1;
	if (strcmp(mode, "self") == 0)
		self();
	else if (strcmp(mode, "child") == 0)
		child();
	else if (strcmp(mode, "clamp") == 0)
		clamp();
	else if (strcmp(mode, "einval") == 0)
		einval();
	else if (strcmp(mode, "esrch") == 0)
		esrch();
	else if (strcmp(mode, "fork") == 0)
		inherit();
	else if (strcmp(mode, "exec") == 0)
		exec();
	else if (strcmp(mode, "share") == 0)
		share(5, 220, 420);
	else if (strcmp(mode, "equal") == 0)
		share(0, 80, 125);
	else {
		printf("usage: nicetest self|child|clamp|einval|esrch|fork|exec|share|equal|one\n");
		return 2;
	}
	if (failures == 0)
		printf("nicetest %s: passed\n", mode);
	return failures == 0 ? 0 : 1;
}
