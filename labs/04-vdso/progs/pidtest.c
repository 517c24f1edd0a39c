/*
 * pidtest.c - the vDSO lab's checks of __vdso_getpid: the pid, read from a
 * per-process read-only page, without entering the kernel.
 *
 * It finds the function with vdso_lookup("__vdso_getpid") (version
 * LINUX_2.6), so it builds before the lab is done: on the stock kernel the
 * lookup returns NULL and every mode prints [FAIL] instead of crashing.
 * The reference is always the real system call, raw_syscall0(39).
 *
 *   pidtest exists     the symbol is there, inside the vDSO
 *   pidtest value      it returns getpid(), call after call
 *   pidtest fork       a child sees its own pid, the parent still its own
 *   pidtest exec       right after execve, in a child and in this process
 *   pidtest readonly   writing the read-only pages above the heap kills the writer,
 *                      whether fork or execve made them
 *   pidtest nosyscall  1,000 calls add nothing to /proc/self/status's Syscalls:
 *   pidtest cost       1,000 calls each way, timed with the TSC (use -icount)
 *   pidtest leak       50 fork+exit (and fork+exec) cycles leave freeram unchanged
 *   pidtest once       three calls and nothing else (for strace)
 */
#include "libsys.h"

#define NR_getpid 39
#define SELF "/bin/pidtest"

typedef int (*getpid_fn)(void);

static int failures;
static getpid_fn vgetpid;

static void
expect(int ok, const char *what, long got, long want)
{
	printf("%s %s (got %ld, want %ld)\n", ok ? "[OK]" : "[FAIL]", what, got, want);
	if (!ok)
		failures++;
}

static long
sys_getpid(void)
{
	return raw_syscall0(NR_getpid);
}

/* Every mode starts here: without the function there is nothing to test. */
static int
find_vgetpid(void)
{
	vgetpid = (getpid_fn)vdso_lookup("__vdso_getpid");
	if (vgetpid == NULL) {
		printf("[FAIL] the vDSO has no __vdso_getpid (version LINUX_2.6)\n");
		failures++;
		return 0;
	}
	return 1;
}

/* Wait for pid; its wait4 status word. */
static int
reap(pid_t pid)
{
	int status = -1;

	if (wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

static void
exists(void)
{
	uintptr_t base = getauxval(AT_SYSINFO_EHDR), fn = (uintptr_t)vgetpid;

	printf("vDSO at %#lx, __vdso_getpid at %#lx\n", (unsigned long)base, (unsigned long)fn);
	expect(fn > base && fn < base + 4 * 4096, "__vdso_getpid is code inside the vDSO",
	       (long)(fn - base), 0);
}

static void
value(void)
{
	long want = sys_getpid();
	int same = 1;

	expect(vgetpid() == want, "__vdso_getpid() == getpid()", vgetpid(), want);
	for (int i = 0; i < 1000; i++)
		same &= vgetpid() == want;
	expect(same, "1000 calls all return the same pid", vgetpid(), want);
}

/* In a child: does the vDSO report this child's pid? Exit status 0 if so. */
static int
child_checks(long parent)
{
	long mine = sys_getpid(), seen = vgetpid();

	if (seen != mine || seen == parent) {
		printf("[FAIL] child %ld: __vdso_getpid() = %ld (parent %ld)\n", mine, seen, parent);
		return 1;
	}
	return 0;
}

static void
fork_test(void)
{
	long me = sys_getpid();

	for (int round = 0; round < 3; round++) {
		pid_t pid = fork();
		if (pid == 0) {
			int bad = child_checks(me);
			/* A grandchild: forking a page that was itself made by fork. */
			pid_t g = fork();
			if (g == 0)
				_exit(child_checks(getppid()));
			bad |= reap(g) != 0;
			_exit(bad);
		}
		int status = reap(pid);
		expect(status == 0, "the child (and its child) saw their own pids", status, 0);
		expect(vgetpid() == me, "the parent still sees its own pid", vgetpid(), me);
	}
}

/* After execve: argv = pidtest exec-check PID final|child. */
static int
exec_check(int argc, char **argv)
{
	long want = argc > 2 ? atol(argv[2]) : -1;
	int final = argc > 3 && !strcmp(argv[3], "final");

	if (!find_vgetpid())
		return 1;
	expect(sys_getpid() == want, "execve kept the pid", sys_getpid(), want);
	expect(vgetpid() == want, "after execve __vdso_getpid() is right", vgetpid(), want);
	if (final)
		printf("pidtest exec: %s\n", failures ? "FAILED" : "passed");
	return failures ? 1 : 0;
}

static void
reexec(long pid, const char *role)
{
	char num[24];

	snprintf(num, sizeof num, "%ld", pid);
	char *args[] = { SELF, "exec-check", num, (char *)role, NULL };
	execve(SELF, args, environ);
	printf("[FAIL] execve %s failed\n", SELF);
	failures++;
}

static void
exec_test(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		reexec(sys_getpid(), "child");
		_exit(1);
	}
	int status = reap(pid);
	expect(status == 0, "a forked child that ran execve saw its own pid", status, 0);
	reexec(sys_getpid(), "final");     /* does not return if it worked */
}

/* Parse a hex number from s; *end past it. */
static uint64_t
hex(const char *s, const char **end)
{
	uint64_t v = 0;

	for (;; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;
		if (d < 0)
			break;
		v = v * 16 + (uint64_t)d;
	}
	*end = s;
	return v;
}

/* Write to va; returns only if the write went through. */
static int
write_at(uint64_t va)
{
	volatile int32_t *p = (volatile int32_t *)va;

	*p = *p + 1;
	return 0;
}

/*
 * In a child, write to va; the parent gets the wait status. The child
 * either writes at once (its pages were made by fork) or first runs
 * execve (its pages were made by exec): both paths must map them read-only.
 */
static int
try_write(uint64_t va, int after_exec)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (after_exec) {
			char num[24];
			snprintf(num, sizeof num, "%lx", (unsigned long)va);
			char *args[] = { SELF, "write-at", num, NULL };
			execve(SELF, args, environ);
		}
		_exit(write_at(va));
	}
	return reap(pid);
}

/*
 * The pid page may be anywhere; it is read-only memory above the heap, like
 * [vvar] and [vdso]. So: try to write every page of every read-only area
 * above the heap that /proc/self/maps lists, each from a child.
 */
static void
readonly(void)
{
	static char maps[8192];
	uint64_t heap_end = (uint64_t)sbrk(0);
	long want = sys_getpid();
	int fd = open("/proc/self/maps", O_RDONLY), pages = 0;
	long n = fd < 0 ? -1 : read(fd, maps, sizeof maps - 1);

	close(fd);
	expect(n > 0, "read /proc/self/maps", n, 1);
	if (n <= 0)
		return;
	maps[n] = 0;
	for (const char *line = maps; *line; ) {
		const char *s;
		uint64_t start = hex(line, &s), end = hex(s + 1, &s);
		int writable = s[2] == 'w';
		if (start >= heap_end && !writable) {
			for (uint64_t va = start; va < end; va += 4096, pages++) {
				for (int after_exec = 0; after_exec < 2; after_exec++) {
					int status = try_write(va, after_exec);
					printf("write to %#lx%s: status %#x\n", (unsigned long)va,
					       after_exec ? " after execve" : "", status);
					expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
					       "a write to a read-only page above the heap: SIGSEGV",
					       status, SIGSEGV);
				}
			}
		}
		while (*line && *line != '\n')
			line++;
		line += *line == '\n';
	}
	expect(pages >= 3, "at least [vvar], [vdso] and the pid page were tried", pages, 3);
	expect(vgetpid() == want, "__vdso_getpid() is unchanged", vgetpid(), want);
}

/* This process's system-call count, from /proc/self/status (Syscalls:). */
static long
syscall_count(void)
{
	static char buf[1024];
	int fd = open("/proc/self/status", O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);

	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	for (char *p = buf; (p = strchr(p, '\n')) != NULL; p++)
		if (!strncmp(p + 1, "Syscalls:", 9))
			return atol(p + 11);
	return -1;
}

static void
nosyscall(void)
{
	/* Reading the count costs a few calls itself: measure that first.
	 * Nothing is printed until every count is taken (printing is a call). */
	long c0 = syscall_count(), c1 = syscall_count(), per_read = c1 - c0;
	volatile long sink = 0;

	for (int i = 0; i < 1000; i++)
		sink += vgetpid();
	long c2 = syscall_count();
	for (int i = 0; i < 1000; i++)
		sink += sys_getpid();
	long c3 = syscall_count();
	(void)sink;
	expect(c0 >= 0, "/proc/self/status shows Syscalls:", c0, 0);
	printf("reading the count costs %ld calls; around 1000 vDSO calls: %ld\n", per_read, c2 - c1);
	expect(c2 - c1 == per_read, "1000 __vdso_getpid calls made no system call",
	       c2 - c1 - per_read, 0);
	expect(c3 - c2 == per_read + 1000, "(the counter works: 1000 getpid syscalls counted)",
	       c3 - c2 - per_read, 1000);
}

/* Hundredths of a TSC cycle per call, for n calls of fn (or the syscall if fn is NULL). */
static uint64_t
time_calls(getpid_fn fn, int n)
{
	volatile long sink = 0;
	uint64_t t0 = rdtsc_ordered();

	for (int i = 0; i < n; i++)
		sink += fn ? fn() : sys_getpid();
	uint64_t t1 = rdtsc_ordered();
	(void)sink;
	return (t1 - t0) * 100 / (uint64_t)n;
}

static void
cost(void)
{
	time_calls(vgetpid, 10);          /* warm up both paths */
	time_calls(NULL, 10);
	uint64_t v = time_calls(vgetpid, 1000), s = time_calls(NULL, 1000);

	printf("COST __vdso_getpid %lu.%02lu cycles/call\n", v / 100, v % 100);
	printf("COST getpid syscall %lu.%02lu cycles/call\n", s / 100, s % 100);
	printf("the vDSO call costs %lu%% of the system call\n", s ? v * 100 / s : 0);
	expect(v * 2 < s, "the vDSO call costs less than half the system call", (long)v, (long)s / 2);
}

/* 50 children, some through execve, some forking again: freeram must come back exactly. */
static unsigned long
free_ram(void)
{
	struct sysinfo si;

	return sysinfo(&si) == 0 ? si.freeram * si.mem_unit : 0;
}

/*
 * One child, which (kind 0) just checks its pid and exits, (1) runs
 * execve first, or (2) forks a grandchild first: a reference to the
 * child's own page that fork forgot to drop shows up only once the child
 * is gone, so the child must fork and die while we count.
 */
static int
one_cycle(int kind)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (kind == 1) {
			char *args[] = { SELF, "leak-child", NULL };
			execve(SELF, args, environ);
		}
		int bad = vgetpid() != sys_getpid();
		if (kind == 2) {
			pid_t g = fork();
			if (g == 0)
				_exit(vgetpid() != sys_getpid());
			bad |= reap(g) != 0;
		}
		_exit(bad);
	}
	return reap(pid) == 0;
}

static void
leak(void)
{
	int ok = 1;

	for (int i = 0; i < 6; i++)       /* warm up: the kernel heap grows once */
		one_cycle(i % 3);
	unsigned long before = free_ram();
	for (int i = 0; i < 50; i++)
		ok &= one_cycle(i % 3);
	unsigned long after = free_ram();
	expect(ok, "every child saw its own pid", ok, 1);
	printf("freeram before %lu, after %lu\n", before, after);
	expect(before == after && before != 0, "50 fork+exit cycles leaked no frame",
	       (long)(before - after) / 4096, 0);
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "value";

	if (!strcmp(mode, "exec-check"))
		return exec_check(argc, argv);
	if (!strcmp(mode, "write-at")) {
		const char *end;
		return argc > 2 ? write_at(hex(argv[2], &end)) : 2;
	}
	if (!strcmp(mode, "leak-child")) {
		vgetpid = (getpid_fn)vdso_lookup("__vdso_getpid");
		return vgetpid != NULL && vgetpid() == sys_getpid() ? 0 : 1;
	}
	if (!find_vgetpid()) {
		printf("pidtest %s: FAILED\n", mode);
		return 1;
	}
	if (!strcmp(mode, "once")) {
		long a = vgetpid(), b = vgetpid(), c = vgetpid();
		return a == b && b == c && a > 0 ? 0 : 1;
	}
	if (!strcmp(mode, "exists"))
		exists();
	else if (!strcmp(mode, "value"))
		value();
	else if (!strcmp(mode, "fork"))
		fork_test();
	else if (!strcmp(mode, "exec"))
		exec_test();
	else if (!strcmp(mode, "readonly"))
		readonly();
	else if (!strcmp(mode, "nosyscall"))
		nosyscall();
	else if (!strcmp(mode, "cost"))
		cost();
	else if (!strcmp(mode, "leak"))
		leak();
	else {
		printf("pidtest: unknown mode %s\n", mode);
		return 2;
	}
	printf("pidtest %s: %s\n", mode, failures ? "FAILED" : "passed");
	return failures ? 1 : 0;
}
