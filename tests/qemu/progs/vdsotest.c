/*
 * vdsotest.c - in-guest tests of the clocks and the vDSO: every clock
 * through both paths, the vDSO sandwiched between two system-call readings
 * (as Linux's selftests/x86/test_vdso.c does), monotonicity across 100,000
 * interleaved calls, errors, getcpu, and that the vvar and vDSO pages
 * cannot be written.
 */
#include "libsys.h"
#include "testing.h"
#include "uapi/vvar.h"

typedef int (*clock_fn)(int, struct timespec *);
static clock_fn vdso_gettime;

static int64_t
ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000L + t->tv_nsec;
}

static long
sys_gettime(int clock, struct timespec *ts)
{
	return raw_syscall2(__NR_clock_gettime, clock, ts);
}

static int
test_found(void)
{
	int ok = 1;
	const uint8_t *base = (const uint8_t *)getauxval(AT_SYSINFO_EHDR);
	const char *names[] = { "__vdso_clock_gettime", "__vdso_gettimeofday", "__vdso_time",
				"__vdso_getcpu", "__vdso_clock_getres", "clock_gettime",
				"gettimeofday", "time", "getcpu", "clock_getres" };

	EXPECT_EQ((uint64_t)base, 0x7ffff8000000UL);
	CHECK(base != NULL && base[0] == 0x7f && base[1] == 'E' && base[2] == 'L' && base[3] == 'F');
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		if (vdso_lookup(names[i]) == NULL) {
			printf("    %s not found\n", names[i]);
			ok = 0;
		}
	CHECK(vdso_lookup("__vdso_nonexistent") == NULL);
	CHECK(vdso_lookup("clock_gettime") == vdso_lookup("__vdso_clock_gettime"));  /* alias */
	return ok;
}

/* syscall <= vDSO <= syscall, for every clock (coarse ones may lag one tick). */
static int
test_agreement(void)
{
	int ok = 1;

	for (int clock = 0; clock <= 7; clock++) {
		struct timespec a, v, b;
		EXPECT_EQ(sys_gettime(clock, &a), 0);
		EXPECT_EQ(vdso_gettime(clock, &v), 0);
		EXPECT_EQ(sys_gettime(clock, &b), 0);
		int64_t slack = (clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE) ?
				1000000 : 0;
		if (!(ns(&a) - slack <= ns(&v) && ns(&v) <= ns(&b))) {
			printf("    clock %d: syscall %ld, vdso %ld, syscall %ld\n", clock, (long)ns(&a),
			       (long)ns(&v), (long)ns(&b));
			ok = 0;
		}
		CHECK(v.tv_nsec >= 0 && v.tv_nsec < 1000000000L);
	}
	struct timespec m, r;
	vdso_gettime(CLOCK_MONOTONIC, &m);
	vdso_gettime(CLOCK_MONOTONIC_RAW, &r);
	CHECK(ns(&r) - ns(&m) < 1000000);            /* no NTP here: RAW == MONOTONIC */
	return ok;
}

static int
test_monotonic(void)
{
	int ok = 1;
	struct timespec prev, cur;

	vdso_gettime(CLOCK_MONOTONIC, &prev);
	for (int i = 0; i < 100000; i++) {       /* vDSO and syscall, interleaved, across ticks */
		if (i % 2)
			vdso_gettime(CLOCK_MONOTONIC, &cur);
		else
			sys_gettime(CLOCK_MONOTONIC, &cur);
		if (cur.tv_nsec < 0 || cur.tv_nsec >= 1000000000L || ns(&cur) < ns(&prev)) {
			printf("    at call %d: %ld.%09ld after %ld.%09ld\n", i, cur.tv_sec, cur.tv_nsec,
			       prev.tv_sec, prev.tv_nsec);
			return 0;
		}
		prev = cur;
	}
	struct timespec a, b, ten_ms = { 0, 10000000L };
	vdso_gettime(CLOCK_MONOTONIC, &a);
	nanosleep(&ten_ms, NULL);
	vdso_gettime(CLOCK_MONOTONIC, &b);
	CHECK(ns(&b) - ns(&a) >= 10000000L);
	return ok;
}

static int
test_other_calls(void)
{
	int ok = 1;
	struct timespec ts, res;
	struct timeval tv;
	struct timezone tz = { 99, 99 };
	typedef long (*time_fn)(long *);
	typedef int (*tod_fn)(struct timeval *, struct timezone *);
	typedef int (*res_fn)(int, struct timespec *);
	typedef long (*cpu_fn)(unsigned *, unsigned *, void *);
	time_fn vtime = (time_fn)vdso_lookup("__vdso_time");
	tod_fn vtod = (tod_fn)vdso_lookup("__vdso_gettimeofday");
	res_fn vres = (res_fn)vdso_lookup("__vdso_clock_getres");
	cpu_fn vcpu = (cpu_fn)vdso_lookup("__vdso_getcpu");

	/* Unknown clocks: -EINVAL from both paths (the vDSO falls back to the syscall). */
	EXPECT_EQ(vdso_gettime(8, &ts), -EINVAL);
	EXPECT_EQ(vdso_gettime(-1, &ts), -EINVAL);
	EXPECT_EQ(sys_gettime(100, &ts), -EINVAL);
	EXPECT_EQ(sys_gettime(CLOCK_MONOTONIC, (struct timespec *)0x10), -EFAULT);
	/* CPU time: served by the syscall, grows while we compute. */
	struct timespec c1, c2;
	EXPECT_EQ(vdso_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1), 0);
	for (volatile int i = 0; i < 200000; i++)
		;
	EXPECT_EQ(vdso_gettime(CLOCK_THREAD_CPUTIME_ID, &c2), 0);
	CHECK(ns(&c2) > ns(&c1));
	/* gettimeofday and time agree with CLOCK_REALTIME. */
	EXPECT_EQ(vtod(&tv, &tz), 0);
	vdso_gettime(CLOCK_REALTIME, &ts);
	CHECK(ts.tv_sec - tv.tv_sec <= 1 && tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	EXPECT_EQ(tz.tz_minuteswest, 0);
	long t = 0;
	CHECK(vtime(&t) == t && t - ts.tv_sec <= 1 && ts.tv_sec - t <= 1);
	EXPECT_EQ(raw_syscall1(__NR_time, 0) - t <= 1, 1);
	EXPECT_EQ(raw_syscall1(__NR_time, 0x10), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_gettimeofday, 0x10, 0), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_gettimeofday, 0, 0), 0);
	/* Resolutions. */
	EXPECT_EQ(vres(CLOCK_MONOTONIC, &res), 0);
	EXPECT_EQ(ns(&res), 1);
	EXPECT_EQ(vres(CLOCK_MONOTONIC_COARSE, &res), 0);
	EXPECT_EQ(ns(&res), 1000000);
	EXPECT_EQ(raw_syscall2(__NR_clock_getres, CLOCK_REALTIME_COARSE, &res), 0);
	EXPECT_EQ(ns(&res), 1000000);
	EXPECT_EQ(vres(42, &res), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_clock_getres, CLOCK_MONOTONIC, 0), 0);
	/* getcpu: CPU 0, node 0, both ways. */
	unsigned cpu = 7, node = 7;
	EXPECT_EQ(vcpu(&cpu, &node, NULL), 0);
	EXPECT_EQ(cpu, 0);
	EXPECT_EQ(node, 0);
	cpu = node = 7;
	EXPECT_EQ(raw_syscall3(__NR_getcpu, &cpu, &node, 0), 0);
	EXPECT_EQ(cpu + node, 0);
	EXPECT_EQ(raw_syscall3(__NR_getcpu, 0x10, 0, 0), -EFAULT);
	return ok;
}

static int
write_vvar(void)
{
	*(volatile uint32_t *)(getauxval(AT_SYSINFO_EHDR) - 4096) = 1;
	return 0;
}

static int
write_vdso(void)
{
	*(volatile uint8_t *)getauxval(AT_SYSINFO_EHDR) = 0;
	return 0;
}

/* The pages are shared by every process: nobody may change them. */
static int
test_read_only(void)
{
	int ok = 1, status;
	uint64_t base = getauxval(AT_SYSINFO_EHDR);
	int (*tests[2])(void) = { write_vvar, write_vdso };

	for (int i = 0; i < 2; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(tests[i]());
		waitpid(pid, &status, 0);
		EXPECT_EQ(status, SIGSEGV);
	}
	EXPECT_EQ(raw_syscall3(__NR_mprotect, base - 4096, 4096, PROT_READ | PROT_WRITE), -EACCES);
	EXPECT_EQ(raw_syscall3(__NR_mprotect, base, 4096, PROT_READ | PROT_WRITE | PROT_EXEC), -EACCES);
	EXPECT_EQ(raw_syscall3(__NR_madvise, base, 4096, MADV_DONTNEED), -EINVAL);
	/* A child's vDSO works too (the pages are shared, not copied). */
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec ts;
		_exit(vdso_gettime(CLOCK_MONOTONIC, &ts) == 0 && ts.tv_sec >= 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	EXPECT_EQ(status, 0);
	return ok;
}

int
main(void)
{
	vdso_gettime = (clock_fn)vdso_lookup("__vdso_clock_gettime");
	if (vdso_gettime == NULL) {
		printf("vdsotest: no vDSO\n");
		return 1;
	}
	run("found", test_found);
	run("agreement", test_agreement);
	run("monotonic", test_monotonic);
	run("other_calls", test_other_calls);
	run("read_only", test_read_only);
	printf("vdsotest: %d passed, %d failed\n", passes, failures);
	return failures;
}
