/*
 * child.c - one disposable fuzzing child: it opens a descriptor of every
 * kind at fixed numbers, arms its own alarm clock, and makes its calls,
 * telling the parent before each one which it is about to make.
 *
 * Dying is allowed: a call may unmap the child's code, send it SIGSEGV or
 * end it with exit_group. What a child checks itself is the register
 * promise of the ABI (call.S): a change there is logged for the parent,
 * and the child exits.
 */
#include "sysfuzz.h"

/* ---------------------------------------------------------------- descriptors */

/* Move fd to number `want` (nothing else is open there yet). */
static void
place(int fd, int want)
{
	if (fd < 0 || fd == want)
		return;
	dup2(fd, want);
	close(fd);
}

/* Open path as descriptor FD_FIRST + slot. */
static void
open_slot(enum fd_slot slot, const char *path, int flags)
{
	place(open(path, flags), FD_FIRST + slot);
}

/* Pipes, epoll, eventfd, timerfd, with something in them or armed. */
static void
open_event_descriptors(void)
{
	int p[2];
	struct itimerspec every_ms = { { 0, 1000000 }, { 0, 1000000 } };
	struct epoll_event ev = { EPOLLIN, 0 };

	pipe(p);
	place(p[0], FD_FIRST + SLOT_PIPE_READ), place(p[1], FD_FIRST + SLOT_PIPE_WRITE);
	pipe2(p, O_NONBLOCK);
	place(p[0], FD_FIRST + SLOT_FULL_PIPE_READ), place(p[1], FD_FIRST + SLOT_FULL_PIPE_WRITE);
	write(FD_FIRST + SLOT_FULL_PIPE_WRITE, (void *)ARENA_BASE, 100);
	place(epoll_create1(0), FD_FIRST + SLOT_EPOLL);
	place(eventfd(0, 0), FD_FIRST + SLOT_EVENTFD);
	place(eventfd(3, EFD_NONBLOCK | EFD_SEMAPHORE), FD_FIRST + SLOT_SEMAPHORE);
	epoll_ctl(FD_FIRST + SLOT_EPOLL, EPOLL_CTL_ADD, FD_FIRST + SLOT_PIPE_READ, &ev);
	epoll_ctl(FD_FIRST + SLOT_EPOLL, EPOLL_CTL_ADD, FD_FIRST + SLOT_SEMAPHORE, &ev);
	place(timerfd_create(CLOCK_MONOTONIC, 0), FD_FIRST + SLOT_TIMERFD);
	timerfd_settime(FD_FIRST + SLOT_TIMERFD, 0, &every_ms, NULL);
	place(timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK), FD_FIRST + SLOT_IDLE_TIMERFD);
	place(epoll_create1(EPOLL_CLOEXEC), FD_FIRST + SLOT_EMPTY_EPOLL);
}

/*
 * The descriptors of sysfuzz.h's slots. 0, 1 and 2 become /dev/null,
 * FD_REPORT the console, FD_LOG the log pipe (log_w). The console in the
 * pool is read-only: random writes to it would bury the report in random
 * bytes.
 */
static void
open_descriptors(int log_w)
{
	dup2(1, FD_REPORT);
	dup2(log_w, FD_LOG);
	for (int fd = 0; fd < FD_REPORT; fd++)
		close(fd);
	for (int fd = 0; fd < 3; fd++)
		place(open("/dev/null", O_RDWR), fd);
	open_event_descriptors();
	open_slot(SLOT_PROC_STATUS, "/proc/self/status", O_RDONLY);
	open_slot(SLOT_MEMINFO, "/proc/meminfo", O_RDONLY);
	open_slot(SLOT_PROC_MAPS, "/proc/self/maps", O_RDONLY);
	open_slot(SLOT_DEV_NULL, "/dev/null", O_RDWR);
	open_slot(SLOT_DEV_ZERO, "/dev/zero", O_RDWR);
	open_slot(SLOT_TTY, "/dev/console", O_RDONLY);
	open_slot(SLOT_ROOT_DIR, "/", O_RDONLY | O_DIRECTORY);
	open_slot(SLOT_PROC_DIR, "/proc", O_RDONLY | O_DIRECTORY);
	open_slot(SLOT_MOTD, "/etc/motd", O_RDONLY);
	open_slot(SLOT_TRUE, "/bin/true", O_RDONLY);
	open_slot(SLOT_SELF_DIR, "/proc/self", O_RDONLY | O_DIRECTORY);
	open_slot(SLOT_SYS_FILE, "/sys/devices/system/cpu/online", O_RDONLY);
	open_slot(SLOT_TRACE, "/proc/self/trace", O_WRONLY);
}

/* ---------------------------------------------------------------- the alarm clock */

static void
on_alarm(int sig, struct siginfo *info, void *ucontext)
{
	(void)sig, (void)info, (void)ucontext;   /* only here to interrupt a blocked call */
}

/*
 * SIGALRM every 2 ms, with a handler but without SA_RESTART: a call that
 * blocks (read on an empty pipe, pause, a long nanosleep) returns -EINTR
 * and the child goes on. The calls may take the clock away (setitimer,
 * rt_sigaction, a blocked SIGALRM); then the parent's watchdog ends the
 * child when it stops making calls.
 */
static void
arm_alarm(void)
{
	struct itimerval every_2ms = { { 0, 2000 }, { 0, 2000 } };

	signal_handle(SIGALRM, on_alarm, 0, 0);
	raw_syscall3(__NR_setitimer, ITIMER_REAL, &every_2ms, NULL);
}

/* ---------------------------------------------------------------- the calls */

/* One record to the parent; again if a signal cut the write short (a
 * record is smaller than PIPE_BUF: all of it or nothing goes in). */
static void
log_write(unsigned child, unsigned index, uint64_t changed)
{
	struct log_record r = { LOG_MAGIC ^ child, index, changed };

	while (raw_syscall3(__NR_write, FD_LOG, &r, sizeof r) == -EINTR)
		;
}

/* Is index in the list "3,17,42"? */
static bool
listed(const char *list, unsigned index)
{
	for (const char *s = list; *s != '\0'; s++)
		if ((s == list || s[-1] == ',') && (unsigned)atol(s) == index)
			return true;
	return false;
}

/* The child's life, in the new process: log_w is the write end of the log pipe. */
void
child_run(const struct child_plan *plan, int log_w)
{
	uint64_t rng = child_seed(plan->seed, plan->number);
	int self = getpid();
	struct fuzz_call c;
	uint64_t changed;
	char text[256];

	open_descriptors(log_w);
	arm_alarm();
	for (unsigned i = 0; i < plan->calls; i++) {
		call_generate(&rng, &c);         /* drawn even when skipped: the others stay the same */
		call_make_safe(&c, self);
		if (plan->only != NULL && !listed(plan->only, i))
			continue;
		log_write(plan->number, i, 0);
		if (plan->verbose) {
			call_format(&c, text, sizeof text);
			dprintf(FD_REPORT, "sysfuzz: child %u call %u: %s\n", plan->number, i, text);
		}
		long ret = fuzz_syscall(&c, call_starts_task(c.nr), &changed);
		if (plan->verbose)
			dprintf(FD_REPORT, "sysfuzz: child %u call %u = %ld\n", plan->number, i, ret);
		if (changed != 0 && call_keeps_registers(c.nr)) {
			log_write(plan->number, i, changed);   /* the parent prints the call */
			_exit(1);
		}
	}
	_exit(0);
}
