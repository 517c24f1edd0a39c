/*
 * signals.c - signal handlers as a real C library uses them (musl, static),
 * run unmodified on teachos and on the Linux host; tests/qemu/cases_real.py
 * compares the two outputs line by line, so every line is deterministic:
 * no addresses (si_addr is printed relative to a known base), no times.
 *
 * What the kernel must do: rt_sigaction (SA_SIGINFO, SA_ONSTACK, SA_RESTART,
 * SA_NODEFER, SA_RESETHAND, sa_mask) and a signal frame that rt_sigreturn
 * undoes; siginfo for faults (SEGV_MAPERR/SEGV_ACCERR, si_addr), for
 * children (CLD_EXITED, si_pid, si_status) and for senders (SI_USER,
 * SI_TKILL); sigaltstack; sigprocmask, sigpending, sigsuspend,
 * sigtimedwait; setitimer(ITIMER_REAL) and alarm; tkill/tgkill; EINTR or a
 * restarted read when a handler interrupts a blocking call.
 *
 * Usage: signals [TEST...]  (default: all, in order; names are printed as "== name")
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void
check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "[OK]" : "[FAIL]", what);
	if (!ok)
		failures++;
}

static const char *
yes(int b)
{
	return b ? "yes" : "no";
}

/* Install handler for sig with flags and an optional extra mask signal. */
static void
handle(int sig, void (*fn)(int, siginfo_t *, void *), int flags, int also_block)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fn;
	sa.sa_flags = flags | SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (also_block)
		sigaddset(&sa.sa_mask, also_block);
	if (sigaction(sig, &sa, NULL) != 0)
		printf("sigaction(%d): %s\n", sig, strerror(errno));
}

static void
restore_default(int sig)
{
	signal(sig, SIG_DFL);
}

static const char *
code_name(int code)
{
	switch (code) {
	case SI_USER: return "SI_USER";
	case SI_TKILL: return "SI_TKILL";
	case SI_KERNEL: return "SI_KERNEL";
	case SI_TIMER: return "SI_TIMER";
	default: return "other";
	}
}

/* What the last handler saw. */
static volatile sig_atomic_t hits, depth, max_depth;
static volatile int seen_signo, seen_code, seen_status;
static volatile pid_t seen_pid;
static void *volatile seen_addr;
static sigset_t seen_mask;

static void
record(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	seen_signo = sig;
	seen_code = si->si_code;
	seen_pid = si->si_pid;
	sigprocmask(SIG_BLOCK, NULL, &seen_mask);
}

/* ---------------------------------------------------------------- timers */
static void
test_itimer(void)
{
	struct itimerval it = { .it_value = { 0, 50000 } }, left;
	sigset_t alrm, old;

	handle(SIGALRM, record, 0, 0);
	hits = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	pause();
	printf("setitimer(ITIMER_REAL, 50 ms): SIGALRM %d time(s), si_code %s\n", (int)hits,
	       code_name(seen_code));

	/* An interval timer: 10 ms, three expirations caught with sigsuspend, then off. */
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_BLOCK, &alrm, &old);
	hits = 0;
	it.it_value.tv_usec = it.it_interval.tv_usec = 10000;
	setitimer(ITIMER_REAL, &it, NULL);
	while (hits < 3)
		sigsuspend(&old);
	memset(&it, 0, sizeof it);
	setitimer(ITIMER_REAL, &it, NULL);
	getitimer(ITIMER_REAL, &left);
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("interval timer: 3 expirations, then stopped: getitimer says %ld.%06ld\n",
	       (long)left.it_value.tv_sec, (long)left.it_value.tv_usec);
	restore_default(SIGALRM);
}

static void
test_alarm(void)
{
	unsigned before;

	handle(SIGALRM, record, 0, 0);
	hits = 0;
	alarm(1);
	pause();
	printf("alarm(1): SIGALRM %d time(s), si_code %s\n", (int)hits, code_name(seen_code));
	alarm(5);
	before = alarm(0);
	printf("alarm(5) then alarm(0): %u seconds were left\n", before);
	restore_default(SIGALRM);
}

/* ---------------------------------------------------------------- faults */
static sigjmp_buf recover;

static void
on_segv(int sig, siginfo_t *si, void *uc)
{
	record(sig, si, uc);
	seen_addr = si->si_addr;
	siglongjmp(recover, 1);
}

static int *volatile null_pointer;       /* the compiler cannot know it is NULL */

static void
fault(const char *what, volatile int *p, int write, int want_code, void *want_addr)
{
	hits = 0;
	if (sigsetjmp(recover, 1) == 0) {
		if (write)
			*p = 1;
		else
			(void)*p;
		printf("%s: no fault!\n", what);
		failures++;
		return;
	}
	printf("%s: SIGSEGV, si_code %s, si_addr %s\n", what,
	       seen_code == SEGV_MAPERR ? "SEGV_MAPERR" : seen_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other",
	       seen_addr == want_addr ? "is the address touched" : "is wrong");
	check(seen_code == want_code && seen_addr == want_addr, what);
}

static void
test_segv(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *none = mmap(NULL, 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *ro = none + page;

	mprotect(ro, page, PROT_READ);
	handle(SIGSEGV, on_segv, SA_NODEFER, 0);
	fault("write to NULL", null_pointer, 1, SEGV_MAPERR, NULL);
	fault("read of a PROT_NONE page + 16", (int *)(none + 16), 0, SEGV_ACCERR, none + 16);
	fault("write to a read-only page + 8", (int *)(ro + 8), 1, SEGV_ACCERR, ro + 8);
	munmap(none, 2 * page);
	fault("read of an unmapped page", (int *)none, 0, SEGV_MAPERR, none);
	restore_default(SIGSEGV);
}

/* Infinite recursion: SIGSEGV when the stack is exhausted, handled on the alternate stack. */
static char altstack[64 * 1024];
static volatile int recursion_limit;      /* 0: none */
static volatile int on_altstack, altstack_flag_seen;

static void
on_overflow(int sig, siginfo_t *si, void *uc)
{
	char here;
	stack_t now;

	(void)sig; (void)si; (void)uc;
	on_altstack = &here >= altstack && &here < altstack + sizeof altstack;
	sigaltstack(NULL, &now);
	altstack_flag_seen = (now.ss_flags & SS_ONSTACK) != 0;
	siglongjmp(recover, 1);
}

static int
recurse(int n)
{
	volatile char frame[256];

	frame[0] = (char)n;
	if (recursion_limit && n > recursion_limit)
		return n;
	return recurse(n + 1) + frame[0];
}

static void
test_altstack(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 }, old;

	if (sigaltstack(&ss, NULL) != 0)
		printf("sigaltstack: %s\n", strerror(errno));
	handle(SIGSEGV, on_overflow, SA_ONSTACK, 0);
	if (sigsetjmp(recover, 1) == 0) {
		recurse(0);
		check(0, "infinite recursion ended?");
		return;
	}
	sigaltstack(NULL, &old);
	printf("stack overflow: SIGSEGV handled on the alternate stack: %s, SS_ONSTACK inside: %s, "
	       "outside: %s\n", yes(on_altstack), yes(altstack_flag_seen), yes(old.ss_flags & SS_ONSTACK));
	check(on_altstack && altstack_flag_seen && !(old.ss_flags & SS_ONSTACK),
	      "sigaltstack: a stack overflow is survivable");
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	restore_default(SIGSEGV);
}

/* ---------------------------------------------------------------- children */
static void
test_sigchld(void)
{
	sigset_t chld, old;
	pid_t child;
	int status;

	handle(SIGCHLD, record, SA_NOCLDSTOP, 0);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	hits = 0;
	fflush(stdout);
	child = fork();
	if (child == 0)
		_exit(7);
	while (hits == 0)
		sigsuspend(&old);
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("SIGCHLD: si_code %s, si_pid is the child: %s\n",
	       seen_code == CLD_EXITED ? "CLD_EXITED" : "other", yes(seen_pid == child));
	if (waitpid(child, &status, 0) == child)
		printf("waitpid: exited %s, status %d\n", yes(WIFEXITED(status)), WEXITSTATUS(status));
	restore_default(SIGCHLD);
}

static void
on_chld_status(int sig, siginfo_t *si, void *uc)
{
	record(sig, si, uc);
	seen_status = si->si_status;
}

static void
test_sigchld_status(void)
{
	sigset_t chld, old;
	pid_t child;

	handle(SIGCHLD, on_chld_status, 0, 0);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	hits = 0;
	fflush(stdout);
	child = fork();
	if (child == 0) {
		raise(SIGKILL);
		_exit(0);
	}
	while (hits == 0)
		sigsuspend(&old);
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("SIGCHLD for a killed child: si_code %s, si_status %d\n",
	       seen_code == CLD_KILLED ? "CLD_KILLED" : "other", seen_status);
	waitpid(child, NULL, 0);
	restore_default(SIGCHLD);
}

/* ---------------------------------------------------------------- interrupted calls */
static int pipe_fds[2];

static void
on_alarm_feed(int sig, siginfo_t *si, void *uc)
{
	record(sig, si, uc);
	if (write(pipe_fds[1], "x", 1) != 1)      /* what the restarted read will return */
		hits = 100;
}

static void
interrupted_read(int flags, const char *label)
{
	struct itimerval it = { .it_value = { 0, 30000 } };
	char c = 0;
	ssize_t n;

	handle(SIGALRM, flags & SA_RESTART ? on_alarm_feed : record, flags, 0);
	hits = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	n = read(pipe_fds[0], &c, 1);         /* blocks: the pipe is empty */
	if (n < 0)
		printf("%s: read returned -1, errno %s, handler ran %d time(s)\n", label,
		       errno == EINTR ? "EINTR" : strerror(errno), (int)hits);
	else
		printf("%s: read restarted and returned %zd byte '%c', handler ran %d time(s)\n", label,
		       n, c, (int)hits);
	restore_default(SIGALRM);
}

static void
test_restart(void)
{
	if (pipe(pipe_fds) != 0)
		return;
	interrupted_read(0, "no SA_RESTART");
	interrupted_read(SA_RESTART, "SA_RESTART");
	close(pipe_fds[0]);
	close(pipe_fds[1]);
}

/* ---------------------------------------------------------------- flags and masks */
static void
nested(int sig, siginfo_t *si, void *uc)
{
	record(sig, si, uc);
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (hits == 1)
		raise(sig);              /* again, from inside the handler */
	depth--;
}

static void
test_nodefer_resethand(void)
{
	struct sigaction now;

	hits = max_depth = 0;
	handle(SIGUSR1, nested, 0, 0);
	raise(SIGUSR1);
	printf("default: a signal raised in its own handler waits: ran %d times, nested %d deep, "
	       "blocked inside: %s\n", (int)hits, (int)max_depth, yes(sigismember(&seen_mask, SIGUSR1)));

	hits = max_depth = 0;
	handle(SIGUSR1, nested, SA_NODEFER, 0);
	raise(SIGUSR1);
	printf("SA_NODEFER: ran %d times, nested %d deep\n", (int)hits, (int)max_depth);

	hits = 0;
	handle(SIGUSR2, record, SA_RESETHAND, 0);
	raise(SIGUSR2);
	sigaction(SIGUSR2, NULL, &now);
	printf("SA_RESETHAND: ran %d time, then the action is %s\n", (int)hits,
	       now.sa_handler == SIG_DFL ? "SIG_DFL" : "still the handler");
	restore_default(SIGUSR1);
	restore_default(SIGUSR2);
}

static void
test_mask_in_handler(void)
{
	handle(SIGUSR1, record, 0, SIGUSR2);
	raise(SIGUSR1);
	printf("inside a SIGUSR1 handler with sa_mask {SIGUSR2}: SIGUSR1 blocked %s, SIGUSR2 %s, "
	       "SIGTERM %s\n", yes(sigismember(&seen_mask, SIGUSR1)), yes(sigismember(&seen_mask, SIGUSR2)),
	       yes(sigismember(&seen_mask, SIGTERM)));
	sigset_t after;
	sigprocmask(SIG_BLOCK, NULL, &after);
	printf("after the handler returned: SIGUSR1 blocked %s, SIGUSR2 %s\n",
	       yes(sigismember(&after, SIGUSR1)), yes(sigismember(&after, SIGUSR2)));
	restore_default(SIGUSR1);
}

static void
test_pending(void)
{
	sigset_t usr1, old, pending;

	handle(SIGUSR1, record, 0, 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	hits = 0;
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);              /* standard signals do not queue */
	sigpending(&pending);
	printf("blocked: SIGUSR1 sent twice, pending %s, handler ran %d times\n",
	       yes(sigismember(&pending, SIGUSR1)), (int)hits);
	sigprocmask(SIG_SETMASK, &old, NULL);  /* delivered before this returns */
	sigpending(&pending);
	printf("unblocked: handler ran %d time, pending %s\n", (int)hits,
	       yes(sigismember(&pending, SIGUSR1)));
	restore_default(SIGUSR1);
}

static void
test_sigsuspend(void)
{
	sigset_t usr1, old, now;
	int r;

	handle(SIGUSR1, record, 0, 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	hits = 0;
	kill(getpid(), SIGUSR1);
	printf("sigsuspend: before it, handler ran %d times\n", (int)hits);
	r = sigsuspend(&old);
	sigprocmask(SIG_BLOCK, NULL, &now);
	printf("sigsuspend: returned %d (%s), handler ran %d time, SIGUSR1 blocked again: %s\n", r,
	       errno == EINTR ? "EINTR" : "?", (int)hits, yes(sigismember(&now, SIGUSR1)));
	sigprocmask(SIG_SETMASK, &old, NULL);
	restore_default(SIGUSR1);
}

static void
test_sigtimedwait(void)
{
	sigset_t set, old;
	siginfo_t si;
	struct timespec timeout = { 0, 50 * 1000 * 1000 };
	int r;

	handle(SIGUSR2, record, 0, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, &old);
	hits = 0;
	kill(getpid(), SIGUSR2);
	r = sigtimedwait(&set, &si, &timeout);
	printf("sigtimedwait: got %s, si_code %s, si_pid is me: %s, handler ran %d times\n",
	       r == SIGUSR2 ? "SIGUSR2" : "something else", code_name(si.si_code),
	       yes(si.si_pid == getpid()), (int)hits);
	r = sigtimedwait(&set, &si, &timeout);
	printf("sigtimedwait with nothing pending: %d (%s)\n", r, errno == EAGAIN ? "EAGAIN" : "?");
	sigprocmask(SIG_SETMASK, &old, NULL);
	restore_default(SIGUSR2);
}

static void
test_senders(void)
{
	handle(SIGUSR1, record, 0, 0);
	raise(SIGUSR1);
	printf("raise: si_code %s\n", code_name(seen_code));
	kill(getpid(), SIGUSR1);
	printf("kill(getpid()): si_code %s, si_pid is me: %s\n", code_name(seen_code),
	       yes(seen_pid == getpid()));
	syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
	printf("tgkill(getpid(), gettid()): si_code %s, si_pid is me: %s\n", code_name(seen_code),
	       yes(seen_pid == getpid()));
	syscall(SYS_tkill, gettid(), SIGUSR1);
	printf("tkill(gettid()): si_code %s\n", code_name(seen_code));
	restore_default(SIGUSR1);
}

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "itimer", test_itimer },
	{ "alarm", test_alarm },
	{ "segv", test_segv },
	{ "altstack", test_altstack },
	{ "sigchld", test_sigchld },
	{ "sigchld_killed", test_sigchld_status },
	{ "restart", test_restart },
	{ "nodefer_resethand", test_nodefer_resethand },
	{ "mask_in_handler", test_mask_in_handler },
	{ "pending", test_pending },
	{ "sigsuspend", test_sigsuspend },
	{ "sigtimedwait", test_sigtimedwait },
	{ "senders", test_senders },
};

int
main(int argc, char **argv)
{
	int ran = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);    /* the same on a terminal and a pipe */
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		int wanted = argc < 2;
		for (int a = 1; a < argc; a++)
			wanted |= strcmp(argv[a], tests[i].name) == 0;
		if (!wanted)
			continue;
		printf("== %s\n", tests[i].name);
		tests[i].fn();
		ran++;
	}
	printf("signals: %d tests, %d failed\n", ran, failures);
	return failures || ran == 0 ? 1 : 0;
}
