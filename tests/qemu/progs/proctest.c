/*
 * proctest.c - in-guest tests of processes: fork/execve/wait4, copy-on-
 * write, default signal actions, stop/continue, groups and sessions,
 * preemption, sleeping, the process limit, orphans. Run it as init (pid 1)
 * so that orphans are re-parented to it.
 */
#include "libsys.h"
#include "testing.h"
#include "uapi/sched.h"

/* argv[1] == "exact": QEMU runs with -icount shift=0,sleep=off and timing
 * bounds are checked tightly; otherwise a busy host may stall QEMU at any
 * moment and only the logic is checked. */
static int exact_timing;

static uint64_t
now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static unsigned long
free_bytes(void)
{
	struct sysinfo si;
	sysinfo(&si);
	return si.freeram * si.mem_unit;
}

/* ------------------------------------------------------------------ fork, exit, wait */

static int exit_42(void) { return 42; }

static int
test_fork_wait(void)
{
	int ok = 1, status;
	pid_t me = getpid();
	pid_t pid = fork();

	if (pid == 0)
		_exit(getppid() == me ? 42 : 1);     /* the child sees its parent */
	CHECK(pid > me);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 42);
	EXPECT_EQ(status, 42 << 8);                   /* Linux's encoding */
	EXPECT_EQ(raw_syscall4(__NR_wait4, -1, 0, 0, 0), -ECHILD);   /* no children left */
	EXPECT_EQ(raw_syscall4(__NR_wait4, 99999, 0, 0, 0), -ECHILD);
	EXPECT_EQ(raw_syscall4(__NR_wait4, -1, 0, 0x100, 0), -EINVAL);  /* bad option */
	/* WNOHANG: 0 while the child runs. */
	pid = fork();
	if (pid == 0) {
		sleep_ms(30);
		_exit(0);
	}
	EXPECT_EQ(raw_syscall4(__NR_wait4, pid, 0, WNOHANG, 0), 0);
	EXPECT_EQ(reap(pid), 0);
	/* A bad status pointer: the child is still collected, then -EFAULT (as Linux). */
	pid = spawn(exit_42);
	EXPECT_EQ(raw_syscall4(__NR_wait4, pid, 8, 0, 0), -EFAULT);
	EXPECT_EQ(raw_syscall4(__NR_wait4, pid, 0, WNOHANG, 0), -ECHILD);
	/* exit() keeps only the low 8 bits; exit_group as well. */
	pid = fork();
	if (pid == 0)
		raw_syscall1(__NR_exit, 0x1234);
	EXPECT_EQ(reap(pid), 0x34 << 8);
	return ok;
}

/* ------------------------------------------------------------------ copy-on-write */

static volatile int shared_value = 1;
static struct timespec cow_target;
static char cow_pages[16 * 4096] __attribute__((aligned(4096)));   /* its own pages */

static int
test_copy_on_write(void)
{
	int ok = 1;

	for (int i = 0; i < 16; i++)
		cow_pages[i * 4096] = 'p';            /* mapped and private in the parent */
	cow_target.tv_sec = 7;
	pid_t pid = fork();
	if (pid == 0) {
		int bad = 0;
		bad |= shared_value != 1;             /* the child sees the parent's data */
		shared_value = 2;                     /* ... and its write is its own */
		/* A write by the kernel (copy_to_user) must break the sharing too. */
		clock_gettime(CLOCK_MONOTONIC, &cow_target);
		/* Frames are shared until written: 16 writes cost 16 new pages. */
		unsigned long before = free_bytes();
		for (int i = 0; i < 16; i++)
			cow_pages[i * 4096] = 'c';
		unsigned long used = before - free_bytes();
		if (used < 16 * 4096UL || used > 20 * 4096UL)
			printf("    16 copy-on-write writes used %lu bytes\n", used), bad |= 2;
		_exit(bad);
	}
	int status = reap(pid);
	EXPECT_EQ(status, 0);
	EXPECT_EQ(shared_value, 1);                   /* untouched by the child */
	EXPECT_EQ(cow_target.tv_sec, 7);
	for (int i = 0; i < 16; i++)
		if (cow_pages[i * 4096] != 'p')
			ok = 0;
	return ok;
}

/* ------------------------------------------------------------------ execve */

static int
test_execve(void)
{
	int ok = 1;
	char *argv[] = { "/bin/exitcode", "7", NULL };
	char *bad_argv[] = { "/bin/exitcode", (char *)0x10, NULL };

	EXPECT_EQ(raw_syscall3(__NR_execve, "/bin/nope", argv, 0), -ENOENT);
	EXPECT_EQ(raw_syscall3(__NR_execve, "/etc/motd", argv, 0), -ENOEXEC);
	EXPECT_EQ(raw_syscall3(__NR_execve, "/bin", argv, 0), -EACCES);
	EXPECT_EQ(raw_syscall3(__NR_execve, 0, argv, 0), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_execve, 0xffff800000000000UL, argv, 0), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_execve, "/bin/exitcode", 0x10, 0), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_execve, "/bin/exitcode", bad_argv, 0), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_execve, "/bin/exitcode", argv, 0x10), -EFAULT);
	EXPECT_EQ(shared_value, 1);                   /* still us, intact */
	pid_t pid = fork();
	if (pid == 0) {
		execve("/bin/exitcode", argv, environ);
		_exit(99);
	}
	EXPECT_EQ(reap(pid), 7 << 8);
	pid = fork();
	if (pid == 0) {                               /* NULL argv and envp: allowed */
		raw_syscall3(__NR_execve, "/bin/exitcode", 0, 0);
		_exit(99);
	}
	EXPECT_EQ(reap(pid), 0);
	return ok;
}

/* ------------------------------------------------------------------ signals */

static int
kill_self(int sig)
{
	kill(getpid(), sig);
	return 0;                  /* reached only if the signal did not end us */
}
static int term_self(void) { return kill_self(SIGTERM); }
static int kill9_self(void) { return kill_self(SIGKILL); }
static int segv_self(void) { return *(volatile int *)0; }
static int
ignored_by_default(void)
{
	kill_self(SIGCHLD);
	kill_self(SIGURG);
	kill_self(SIGWINCH);
	return 5;
}
static int
ignore_term(void)
{
	signal_ignore(SIGTERM, 1);
	kill_self(SIGTERM);
	return 6;
}
static int
block_then_unblock(void)
{
	uint64_t set = 1UL << (SIGTERM - 1), old;
	sigprocmask(SIG_BLOCK, &set, &old);
	kill_self(SIGTERM);                 /* pending, held back */
	write(1, "    blocked SIGTERM survived\n", 29);
	sigprocmask(SIG_UNBLOCK, &set, NULL);   /* delivered on the way back: dies */
	return 7;
}

static int
test_default_signals(void)
{
	int ok = 1;

	EXPECT_EQ(reap(spawn(term_self)), SIGTERM);
	EXPECT_EQ(reap(spawn(kill9_self)), SIGKILL);
	EXPECT_EQ(reap(spawn(segv_self)), SIGSEGV);
	EXPECT_EQ(reap(spawn(ignored_by_default)), 5 << 8);
	EXPECT_EQ(reap(spawn(ignore_term)), 6 << 8);
	EXPECT_EQ(reap(spawn(block_then_unblock)), SIGTERM);
	/* Errors. */
	struct kernel_sigaction act = { .handler = SIG_IGN }, handler = { .handler = 0x401000 };
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGKILL, &act, 0, 8), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGSTOP, &act, 0, 8), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, 0, &act, 0, 8), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, 65, &act, 0, 8), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGTERM, &act, 0, 4), -EINVAL);
	/* A handler is accepted and read back (sigtest checks that it runs); then SIG_DFL again. */
	struct kernel_sigaction back, dfl = { .handler = SIG_DFL };
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGTERM, &handler, &back, 8), 0);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGTERM, &dfl, &back, 8), 0);
	EXPECT_EQ(back.handler, 0x401000);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGTERM, 0x10, 0, 8), -EFAULT);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigprocmask, 7, &act.mask, 0, 8), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigprocmask, SIG_BLOCK, 0x10, 0, 8), -EFAULT);
	uint64_t all = ~0UL, cur;
	sigprocmask(SIG_SETMASK, &all, NULL);
	sigprocmask(SIG_SETMASK, NULL, &cur);
	EXPECT_EQ(cur, ~0UL & ~((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1))));  /* never those */
	uint64_t none = 0;
	sigprocmask(SIG_SETMASK, &none, NULL);
	EXPECT_EQ(raw_syscall2(__NR_kill, 99999, SIGTERM), -ESRCH);
	EXPECT_EQ(raw_syscall2(__NR_kill, getpid(), 65), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_kill, getpid(), -1), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_kill, getpid(), 0), 0);    /* signal 0: "do you exist?" */
	return ok;
}

static int
sleep_long(void)
{
	sleep_ms(10000);
	return 3;
}

static int
spin_forever(void)
{
	for (volatile int i = 0; i >= 0; i = 0)
		;
	return 0;
}

static int
test_stop_continue_kill(void)
{
	int ok = 1, status;
	pid_t pid = spawn(spin_forever);

	sleep_ms(5);
	kill(pid, SIGSTOP);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	EXPECT_EQ(raw_syscall4(__NR_wait4, pid, 0, WNOHANG | WUNTRACED, 0), 0);  /* reported once */
	kill(pid, SIGCONT);
	EXPECT_EQ(waitpid(pid, &status, WCONTINUED), pid);
	CHECK(WIFCONTINUED(status));
	kill(pid, SIGKILL);
	EXPECT_EQ(reap(pid), SIGKILL);
	/* A sleeping process is woken to die: no 10 s wait. */
	uint64_t t0 = now_ms();
	pid = spawn(sleep_long);
	sleep_ms(5);
	kill(pid, SIGTERM);
	EXPECT_EQ(reap(pid), SIGTERM);
	CHECK(now_ms() - t0 < 5000);
	return ok;
}

static int sleep_long(void);

static int
test_groups(void)
{
	int ok = 1;
	pid_t kids[3];

	EXPECT_EQ(raw_syscall2(__NR_setpgid, 99999, 0), -ESRCH);
	EXPECT_EQ(raw_syscall2(__NR_setpgid, 0, -1), -EINVAL);
	EXPECT_EQ(raw_syscall1(__NR_getpgid, 99999), -ESRCH);
	EXPECT_EQ(raw_syscall1(__NR_getsid, 99999), -ESRCH);
	EXPECT_EQ(getpgid(0), getpgrp());
	for (int i = 0; i < 3; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			sleep_ms(10000);
			_exit(1);
		}
		EXPECT_EQ(setpgid(kids[i], kids[0]), 0);   /* one new group, led by the first */
	}
	EXPECT_EQ(getpgid(kids[2]), kids[0]);
	EXPECT_EQ(kill(-kids[0], SIGKILL), 0);         /* the whole group */
	for (int i = 0; i < 3; i++)
		EXPECT_EQ(reap(kids[i]), SIGKILL);
	EXPECT_EQ(raw_syscall2(__NR_kill, -kids[0], SIGKILL), -ESRCH);   /* gone */
	/* kill(-1, sig): everyone but init and the caller (only safe when we are init). */
	if (getpid() == 1) {
		pid_t s1 = spawn(sleep_long), s2 = spawn(sleep_long);
		pid_t killer = fork();
		if (killer == 0)
			_exit(kill(-1, SIGKILL) == 0 ? 0 : 1);
		EXPECT_EQ(reap(killer), 0);
		EXPECT_EQ(reap(s1), SIGKILL);
		EXPECT_EQ(reap(s2), SIGKILL);
	}
	/* setsid: a new session and group, led by the caller; not for a group leader. */
	pid_t pid = fork();
	if (pid == 0) {
		int bad = setsid() != getpid() || getsid(0) != getpid() || getpgrp() != getpid();
		bad |= (raw_syscall0(__NR_setsid) != -EPERM) << 1;   /* now a group leader */
		_exit(bad);
	}
	EXPECT_EQ(reap(pid), 0);
	return ok;
}

/* ------------------------------------------------------------------ scheduling */

/* CPU work with the FPU: if preemption corrupted XMM registers, the sum would be wrong. */
static long spin_iterations;

static int
spin_work(void)
{
	double x = 0;
	for (long n = 0; n < spin_iterations; n++) {
		x += 0.5;
		__asm__ volatile("" : "+x"(x));       /* keep x in an XMM register */
	}
	return x == 0.5 * (double)spin_iterations ? 0 : 1;
}

/* How many iterations of spin_work take about ms milliseconds here, alone. */
static void
calibrate_spin(unsigned ms)
{
	spin_iterations = 100000;
	for (;;) {
		uint64_t t0 = now_us();
		spin_work();
		uint64_t us = now_us() - t0;
		if (us >= ms * 500UL) {
			spin_iterations = spin_iterations * (long)ms * 1000 / (long)us;
			return;
		}
		spin_iterations *= 2;
	}
}

static int
test_preemption(void)
{
	int ok = 1, status;

	calibrate_spin(50);
	uint64_t t0 = now_us();
	EXPECT_EQ(spin_work(), 0);
	uint64_t solo = now_us() - t0;
	t0 = now_us();
	pid_t a = spawn(spin_work), b = spawn(spin_work);
	pid_t first = wait(&status);
	uint64_t t1 = now_us() - t0;
	EXPECT_EQ(status, 0);
	pid_t second = wait(&status);
	uint64_t t2 = now_us() - t0;
	EXPECT_EQ(status, 0);
	CHECK((first == a && second == b) || (first == b && second == a));
	printf("    alone: %lu ms; two at once: first done at %lu ms, second at %lu ms\n",
	       solo / 1000, t1 / 1000, t2 / 1000);
	/* Without preemption the first would finish after one solo time; taking
	 * turns every 10 ms, both are nearly done when the first finishes. */
	if (exact_timing)
		CHECK(t1 * 10 >= solo * 14);
	EXPECT_EQ(sched_yield(), 0);
	return ok;
}

static int
test_sleep_accuracy(void)
{
	int ok = 1;
	struct timespec ts = { 0, 20000000L };        /* 20 ms */
	uint64_t t0 = now_us();

	EXPECT_EQ(nanosleep(&ts, NULL), 0);
	uint64_t slept = now_us() - t0;
	printf("    nanosleep(20 ms) took %lu us\n", slept);
	CHECK(slept >= 20000);
	if (exact_timing)
		CHECK(slept < 22000);                 /* within a tick (1 ms) of the request */
	/* clock_nanosleep, relative and absolute. */
	t0 = now_us();
	EXPECT_EQ(raw_syscall4(__NR_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, 0), 0);
	CHECK(now_us() - t0 >= 20000);
	struct timespec abs;
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_nsec += 10000000L;
	if (abs.tv_nsec >= 1000000000L)
		abs.tv_sec++, abs.tv_nsec -= 1000000000L;
	EXPECT_EQ(raw_syscall4(__NR_clock_nanosleep, CLOCK_MONOTONIC, 1, &abs, 0), 0);
	struct timespec after;
	clock_gettime(CLOCK_MONOTONIC, &after);
	CHECK(after.tv_sec > abs.tv_sec || (after.tv_sec == abs.tv_sec && after.tv_nsec >= abs.tv_nsec));
	EXPECT_EQ(raw_syscall4(__NR_clock_nanosleep, 99, 0, &ts, 0), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_clock_nanosleep, CLOCK_MONOTONIC, 0, 0, 0), -EFAULT);
	return ok;
}

/* ------------------------------------------------------------------ limits and leaks */

static int
test_no_leak(void)
{
	int ok = 1;
	unsigned long before = free_bytes();

	for (int i = 0; i < 100; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			cow_pages[0] = 1;             /* a private page, freed at exit */
			_exit(0);
		}
		if (reap(pid) != 0)
			ok = 0;
	}
	EXPECT_EQ(free_bytes(), before);
	return ok;
}

/* Fork until the table is full (-EAGAIN), then clean up and check fork works again. */
static int
bomb(void)
{
	static pid_t kids[128];
	int n = 0;
	long r;

	while (n < 128 && (r = raw_syscall0(__NR_fork)) != -EAGAIN) {
		if (r == 0) {
			sleep_ms(100000);
			_exit(0);
		}
		if (r < 0)
			return 100;
		kids[n++] = (pid_t)r;
	}
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		if (reap(kids[i]) != SIGKILL)
			return 101;
	return n > 10 && n < 128 ? 0 : 102;
}

static int
test_fork_bomb(void)
{
	int ok = 1;

	EXPECT_EQ(reap(spawn(bomb)), 0);
	EXPECT_EQ(reap(spawn(exit_42)), 42 << 8);      /* the system recovered */
	return ok;
}

static int
orphan_maker(void)
{
	if (fork() == 0) {
		sleep_ms(30);                             /* outlive the parent */
		_exit(getppid() == 1 ? 9 : 8);            /* adopted by init */
	}
	return 0;
}

static int
test_orphans(void)
{
	int ok = 1, status;

	if (getpid() != 1) {
		printf("    (skipped: not running as init)\n");
		return ok;
	}
	pid_t parent = spawn(orphan_maker);
	EXPECT_EQ(reap(parent), 0);
	pid_t orphan = wait(&status);                 /* init reaps the orphan */
	CHECK(orphan > parent);
	EXPECT_EQ(status, 9 << 8);
	return ok;
}

/*
 * In init's child: a sibling made with clone(CLONE_PARENT | SIGUSR1), and a
 * child made with exit signal SIGUSR2 that outlives us. Both end up init's
 * children, and init must hear of their end by SIGCHLD only (found by
 * /bin/sysfuzz: a SIGUSR1 from such a sibling ended init).
 */
static int
exit_signal_maker(void)
{
	long pid = raw_syscall5(__NR_clone, CLONE_PARENT | SIGUSR1, 0, 0, 0, 0);

	if (pid == 0)
		_exit(7);
	pid = raw_syscall5(__NR_clone, SIGUSR2, 0, 0, 0, 0);
	if (pid == 0) {
		sleep_ms(30);                             /* outlive the parent */
		_exit(8);
	}
	return 0;
}

static int
test_exit_signals(void)
{
	int ok = 1, status[2];
	uint64_t usr = 1UL << (SIGUSR1 - 1) | 1UL << (SIGUSR2 - 1), old, pending = 0;

	if (getpid() != 1) {
		printf("    (skipped: not running as init)\n");
		return ok;
	}
	sigprocmask(SIG_BLOCK, &usr, &old);           /* a wrong signal stays pending: visible */
	long r = raw_syscall5(__NR_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
	if (r == 0)
		_exit(0);
	EXPECT_EQ(r, -EINVAL);                        /* init has no parent to share */
	EXPECT_EQ(reap(spawn(exit_signal_maker)), 0);
	wait(&status[0]);
	wait(&status[1]);
	CHECK((status[0] == 7 << 8 && status[1] == 8 << 8) || (status[0] == 8 << 8 && status[1] == 7 << 8));
	sigpending(&pending);
	EXPECT_EQ(pending & usr, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ok;
}

/* ------------------------------------------------------------------ small calls */

static uint64_t tls_block[4] = { 0x1122334455667788UL };

static int
fs_check(void)
{
	uint64_t v;
	__asm__ volatile("movq %%fs:0, %0" : "=r"(v));
	return v == 0x1122334455667788UL ? 0 : 1;
}

static int
test_small_calls(void)
{
	int ok = 1;
	struct utsname u;

	EXPECT_EQ(uname(&u), 0);
	CHECK(strcmp(u.sysname, "Linux") == 0 && strcmp(u.machine, "x86_64") == 0);
	EXPECT_EQ(raw_syscall1(__NR_uname, 0), -EFAULT);
	EXPECT_EQ(raw_syscall0(__NR_getuid) | raw_syscall0(__NR_geteuid) |
		  raw_syscall0(__NR_getgid) | raw_syscall0(__NR_getegid), 0);
	EXPECT_EQ(raw_syscall1(__NR_set_tid_address, &tls_block[3]), getpid());
	/* arch_prctl: FS base for thread-local storage, kept across switches and fork. */
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, 0x1002, tls_block), 0);
	EXPECT_EQ(fs_check(), 0);
	uint64_t fs = 0;
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, 0x1003, &fs), 0);
	EXPECT_EQ(fs, (uint64_t)tls_block);
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, 0x1002, 0xffff800000000000UL), -EPERM);
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, 0x9999, 0), -EINVAL);
	pid_t spinner = spawn(spin_work);
	EXPECT_EQ(reap(spawn(fs_check)), 0);          /* inherited by a child */
	sched_yield();
	sleep_ms(20);                                 /* switched out and back */
	EXPECT_EQ(fs_check(), 0);
	reap(spinner);
	return ok;
}

/* vfork: the parent waits until the child exits or execs. */
static int
test_vfork(void)
{
	volatile int ok = 1;
	uint64_t t0 = now_ms();
	pid_t pid = vfork();

	if (pid == 0) {
		sleep_ms(30);
		_exit(3);
	}
	CHECK(now_ms() - t0 >= 30);
	EXPECT_EQ(reap(pid), 3 << 8);
	t0 = now_ms();
	pid = vfork();
	if (pid == 0) {
		char *argv[] = { "/bin/exitcode", "4", NULL };
		execve(argv[0], argv, environ);       /* releases the parent at once */
		_exit(99);
	}
	EXPECT_EQ(reap(pid), 4 << 8);
	return ok;
}

/* A child whose stack area shows RLIMIT_STACK: its size, from /proc/self/maps. */
static int
stack_size_child(void)
{
	char *argv[] = { "/bin/cat", "/proc/self/maps", NULL };
	execve(argv[0], argv, environ);
	return 99;
}

static int
test_limits_and_cpus(void)
{
	int ok = 1;
	struct rlimit lim, old;

	/* Linux's defaults. */
	EXPECT_EQ(raw_syscall2(__NR_getrlimit, RLIMIT_STACK, &lim), 0);
	EXPECT_EQ(lim.rlim_cur, 8 << 20);
	EXPECT_EQ(lim.rlim_max, RLIM_INFINITY);
	EXPECT_EQ(raw_syscall2(__NR_getrlimit, RLIMIT_CORE, &lim), 0);
	EXPECT_EQ(lim.rlim_cur, 0);
	/* prlimit64 on a child: read, set, read back; the child inherited ours. */
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(200);
		_exit(0);
	}
	lim = (struct rlimit){ 1 << 20, RLIM_INFINITY };
	EXPECT_EQ(raw_syscall4(__NR_prlimit64, pid, RLIMIT_STACK, &lim, &old), 0);
	EXPECT_EQ(old.rlim_cur, 8 << 20);
	EXPECT_EQ(raw_syscall4(__NR_prlimit64, pid, RLIMIT_STACK, 0, &old), 0);
	EXPECT_EQ(old.rlim_cur, 1 << 20);
	EXPECT_EQ(raw_syscall4(__NR_prlimit64, 99999, RLIMIT_STACK, 0, &old), -ESRCH);
	EXPECT_EQ(raw_syscall4(__NR_prlimit64, 0, 99, 0, &old), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_prlimit64, 0, RLIMIT_STACK, 0x10, 0), -EFAULT);
	kill(pid, SIGKILL);
	reap(pid);
	/* RLIMIT_STACK sizes the next program's stack: 1 MiB. */
	EXPECT_EQ(raw_syscall4(__NR_prlimit64, 0, RLIMIT_STACK, 0, &old), 0);
	lim = (struct rlimit){ 1 << 20, RLIM_INFINITY };
	EXPECT_EQ(raw_syscall2(__NR_setrlimit, RLIMIT_STACK, &lim), 0);
	int fds[2];
	pipe(fds);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		_exit(stack_size_child());
	}
	close(fds[1]);
	char maps[2048];
	long got = 0, n;
	while ((n = read(fds[0], maps + got, sizeof maps - 1 - (size_t)got)) > 0)
		got += n;
	maps[got] = 0;
	close(fds[0]);
	reap(pid);
	CHECK(strstr(maps, "7fffffeff000-7ffffffff000 rw-p") != NULL);   /* 1 MiB below the top */
	EXPECT_EQ(raw_syscall2(__NR_setrlimit, RLIMIT_STACK, &old), 0);
	/* One CPU: CPU 0, an 8-byte mask, as Linux with few CPUs. */
	uint64_t mask = 0;
	EXPECT_EQ(raw_syscall3(__NR_sched_getaffinity, 0, 8192, &mask), 8);
	EXPECT_EQ(mask, 1);
	EXPECT_EQ(raw_syscall3(__NR_sched_getaffinity, getpid(), 8, &mask), 8);
	EXPECT_EQ(raw_syscall3(__NR_sched_getaffinity, 0, 4, &mask), -EINVAL);   /* too small */
	EXPECT_EQ(raw_syscall3(__NR_sched_getaffinity, 0, 12, &mask), -EINVAL);  /* not words */
	EXPECT_EQ(raw_syscall3(__NR_sched_getaffinity, 99999, 8, &mask), -ESRCH);
	EXPECT_EQ(raw_syscall3(__NR_sched_getaffinity, 0, 8, 0x10), -EFAULT);
	mask = 1;
	EXPECT_EQ(raw_syscall3(__NR_sched_setaffinity, 0, 8, &mask), 0);
	mask = 2;
	EXPECT_EQ(raw_syscall3(__NR_sched_setaffinity, 0, 8, &mask), -EINVAL);   /* no CPU 1 */
	EXPECT_EQ(raw_syscall3(__NR_sched_setaffinity, 0, 8, 0x10), -EFAULT);
	return ok;
}

/* ---------------------------------------------------------------- segment registers */

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

struct segs {
	uint16_t ds, es, fs, gs;
};

static struct segs
read_segs(void)
{
	struct segs s;
	__asm__ volatile("movw %%ds, %0; movw %%es, %1; movw %%fs, %2; movw %%gs, %3"
			 : "=r"(s.ds), "=r"(s.es), "=r"(s.fs), "=r"(s.gs));
	return s;
}

static uint64_t
arch_get(int code)
{
	uint64_t base = 0xdead;
	raw_syscall2(__NR_arch_prctl, code, &base);
	return base;
}

/* Off the CPU a few times, so that other processes run in between. */
static void
let_others_run(void)
{
	pid_t child = fork();
	if (child == 0) {
		/* A process that loads its own selectors while we are switched out. */
		__asm__ volatile("movw %w0, %%es; movw %w0, %%ds" : : "r"(0x2b));
		for (int i = 0; i < 20; i++)
			sched_yield();
		_exit(0);
	}
	for (int i = 0; i < 20; i++)
		sched_yield();
	sleep_ms(5);
	reap(child);
}

static uint64_t fs_word = 0x1111, gs_word = 0x2222;

/* A child: what a program sees at start, after execve (argv[1] = "segs"). */
static int
segs_at_start(void)
{
	struct segs s = read_segs();
	return s.ds == 0 && s.es == 0 && s.fs == 0 && s.gs == 0 && arch_get(ARCH_GET_GS) == 0 ? 0 : 1;
}

/*
 * DS, ES, FS, GS and the FS/GS bases belong to each process: what it
 * loads stays across switches, and nothing of another process leaks in
 * (Linux's __switch_to saves and restores them all).
 */
static int
test_segment_registers(void)
{
	int ok = 1;
	struct segs s;

	/* A selector loaded into ES survives other processes loading theirs. */
	__asm__ volatile("movw %w0, %%es" : : "r"(0x2b));
	let_others_run();
	s = read_segs();
	EXPECT_EQ(s.es, 0x2b);
	EXPECT_EQ(s.ds, 0);
	/* A fork()ed child inherits them; a new program starts with zeros. */
	pid_t child = fork();
	if (child == 0)
		_exit(read_segs().es == 0x2b ? 0 : 1);
	EXPECT_EQ(reap(child), 0);
	char *argv[] = { "proctest", "segs", NULL };
	child = fork();
	if (child == 0) {
		execve("/bin/proctest", argv, NULL);
		_exit(99);
	}
	EXPECT_EQ(reap(child), 0);
	__asm__ volatile("movw %w0, %%es" : : "r"(0));
	/* The FS base from arch_prctl, live and kept: %fs:0 reads fs_word. */
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, ARCH_SET_FS, &fs_word), 0);
	let_others_run();
	uint64_t v;
	__asm__ volatile("movq %%fs:0, %0" : "=r"(v));
	EXPECT_EQ(v, 0x1111);
	EXPECT_EQ(arch_get(ARCH_GET_FS), (uint64_t)&fs_word);
	/* Loading a selector into FS takes its descriptor's base (0) - and a
	 * switch must not bring the old base back. */
	__asm__ volatile("movw %w0, %%fs" : : "r"(0x2b));
	let_others_run();
	EXPECT_EQ(read_segs().fs, 0x2b);
	EXPECT_EQ(arch_get(ARCH_GET_FS), 0);
	/* ARCH_SET_FS clears the selector again. */
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, ARCH_SET_FS, &fs_word), 0);
	EXPECT_EQ(read_segs().fs, 0);
	/* The GS base (the kernel swaps its own in and out around it). */
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, ARCH_SET_GS, &gs_word), 0);
	let_others_run();
	__asm__ volatile("movq %%gs:0, %0" : "=r"(v));
	EXPECT_EQ(v, 0x2222);
	EXPECT_EQ(arch_get(ARCH_GET_GS), (uint64_t)&gs_word);
	child = fork();                      /* inherited by a child */
	if (child == 0) {
		uint64_t w;
		__asm__ volatile("movq %%gs:0, %0" : "=r"(w));
		_exit(w == 0x2222 ? 0 : 1);
	}
	EXPECT_EQ(reap(child), 0);
	/* A GS selector, loaded in user mode, survives switches too. */
	__asm__ volatile("movw %w0, %%gs" : : "r"(0x2b));
	let_others_run();
	EXPECT_EQ(read_segs().gs, 0x2b);
	EXPECT_EQ(arch_get(ARCH_GET_GS), 0);
	/* Kernel addresses are refused. */
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, ARCH_SET_GS, 0xffffffff80000000UL), -EPERM);
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, ARCH_SET_FS, 0xffff800000000000UL), -EPERM);
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, ARCH_GET_GS, 0x10), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, 0x9999, 0), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, ARCH_SET_GS, 0), 0);
	__asm__ volatile("movw %w0, %%gs; movw %w0, %%fs" : : "r"(0));
	return ok;
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "segs") == 0)
		return segs_at_start();      /* test_segment_registers' new program */
	exact_timing = argc > 1 && strcmp(argv[1], "exact") == 0;
	run("fork_wait", test_fork_wait);
	run("copy_on_write", test_copy_on_write);
	run("execve", test_execve);
	run("default_signals", test_default_signals);
	run("stop_continue_kill", test_stop_continue_kill);
	run("groups", test_groups);
	run("preemption", test_preemption);
	run("sleep_accuracy", test_sleep_accuracy);
	run("no_leak", test_no_leak);
	run("fork_bomb", test_fork_bomb);
	run("orphans", test_orphans);
	run("exit_signals", test_exit_signals);
	run("small_calls", test_small_calls);
	run("vfork", test_vfork);
	run("limits_and_cpus", test_limits_and_cpus);
	run("segment_registers", test_segment_registers);
	printf("proctest: %d passed, %d failed\n", passes, failures);
	return failures;
}
