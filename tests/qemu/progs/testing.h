/*
 * testing.h - the little test harness shared by the in-guest test programs
 * (ktest, mmtest, proctest, filetest, vdsotest, epolltest, sigtest, threadtest).
 *
 * A test is a function returning 1 (passed) or 0; inside it, CHECK and
 * EXPECT_EQ clear a local `int ok = 1` and print what went wrong with its
 * line, so one failing run shows every broken check, not just the first.
 * run() prints "[RUN] name" then "[OK] name" or "[FAIL] name": the lines
 * tests/qemu/cases.py looks for.
 */
#ifndef TESTING_H
#define TESTING_H

#include "libsys.h"

static int failures, passes;

#define EXPECT_EQ(a, b) do { long _a = (long)(a), _b = (long)(b); if (_a != _b) { \
	printf("    %s = %ld, expected %ld (line %d)\n", #a, _a, _b, __LINE__); ok = 0; } } while (0)
#define CHECK(cond) do { if (!(cond)) { \
	printf("    check failed: %s (line %d)\n", #cond, __LINE__); ok = 0; } } while (0)

static inline void
run(const char *name, int (*test)(void))
{
	printf("[RUN] %s\n", name);
	if (test()) {
		printf("[OK] %s\n", name);
		passes++;
	} else {
		printf("[FAIL] %s\n", name);
		failures++;
	}
}

/* CLOCK_MONOTONIC in milliseconds (through the vDSO), for timing checks. */
static inline uint64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Fork a child that runs fn and exits with its return value. */
static inline pid_t
spawn(int (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn());
	return pid;
}

/* Wait for pid: its raw wait status, or -1. */
static inline int
reap(pid_t pid)
{
	int status = -1;
	return waitpid(pid, &status, 0) == pid ? status : -1;
}

#endif
