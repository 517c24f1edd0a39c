/*
 * threadtest.c - threads and futexes, checked from user space with raw
 * clone(2) (libsys's thread_clone: clone, then fn(arg) on the new stack -
 * what musl's pthread_create does, without the thread library). Ids, shared and private parts,
 * TLS, exit versus exit_group, signals to threads and processes, execve
 * from a thread, every futex operation and error, robust futexes, and the
 * thread table running out.
 *
 *   threadtest          every test
 *   threadtest NAME     one test
 */
#include "testing.h"
#include "uapi/futex.h"
#include "uapi/sched.h"

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM)
#define STACK_SIZE (64 * 1024)
#define BIT(sig) (1UL << ((sig) - 1))

static void *
new_stack(void)
{
	char *s = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return s + STACK_SIZE;
}

static long
futex(volatile int *uaddr, int op, int val, const void *timeout, volatile int *uaddr2, int val3)
{
	return raw_syscall6(__NR_futex, (long)uaddr, op, val, (long)timeout, (long)uaddr2, val3);
}

/* A thread with CLONE_CHILD_SETTID/CLEARTID on *tid: join = wait until the kernel clears it. */
static long
spawn_thread(int (*fn)(void *), void *arg, volatile int *tid)
{
	*tid = -1;
	return thread_clone(THREAD_FLAGS | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID, new_stack(),
			    NULL, (int *)tid, 0, fn, arg);
}

static void
join(volatile int *tid)
{
	int t;
	while ((t = *tid) != 0)
		futex(tid, FUTEX_WAIT, t, NULL, NULL, 0);
}

/* A line of /proc/self/status, as a number: "Threads:" -> its count. */
static long
status_field(const char *field)
{
	char buf[1024];
	int fd = open("/proc/self/status", O_RDONLY);
	long n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	size_t len = strlen(field);
	for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (strncmp(line, field, len) == 0) {
			char *v = line + len;
			while (*v == '\t' || *v == ' ')
				v++;
			return atol(v);
		}
	return -1;
}

/* ---------------------------------------------------------------- identity */

static volatile int seen_pid, seen_tid, shared_word;

static int
report_ids(void *arg)
{
	(void)arg;
	seen_pid = getpid();
	seen_tid = gettid();
	shared_word = 42;                /* the same memory: the caller sees it */
	return 0;
}

static int
test_ids(void)
{
	int ok = 1, ptid = 0;
	volatile int ctid = -1;

	long tid = thread_clone(THREAD_FLAGS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
				CLONE_CHILD_CLEARTID, new_stack(), &ptid, (int *)&ctid, 0,
				report_ids, NULL);
	CHECK(tid > 0);
	EXPECT_EQ(ptid, tid);            /* CLONE_PARENT_SETTID: before clone returned */
	join(&ctid);                     /* CLONE_CHILD_CLEARTID: 0 and a wake at its end */
	EXPECT_EQ(ctid, 0);
	EXPECT_EQ(seen_pid, getpid());   /* one process ... */
	EXPECT_EQ(seen_tid, tid);        /* ... two threads */
	CHECK(seen_tid != gettid());
	EXPECT_EQ(gettid(), getpid());   /* the first thread's id is the process id */
	EXPECT_EQ(shared_word, 42);
	/* The thread is gone: signalling it fails. */
	EXPECT_EQ(raw_syscall3(__NR_tgkill, getpid(), tid, 0), -ESRCH);
	return ok;
}

/* ---------------------------------------------------------------- TLS and shared parts */

static uint64_t tls_block[2][4];
static volatile uint64_t tls_seen;

static int
read_tls(void *arg)
{
	(void)arg;
	uint64_t v;
	__asm__ volatile("mov %%fs:0, %0" : "=r"(v));
	tls_seen = v;
	return 0;
}

static volatile int fd_seen = -1;

static int
open_pipe(void *arg)
{
	int fds[2];
	(void)arg;
	pipe(fds);
	fd_seen = fds[0];
	return 0;
}

static int
test_tls_and_sharing(void)
{
	int ok = 1;
	volatile int tid;
	uint64_t mine;

	/* CLONE_SETTLS: the thread's FS base; %fs:0 conventionally points to itself. */
	tls_block[1][0] = 0x7e57;
	thread_clone(THREAD_FLAGS | CLONE_SETTLS | CLONE_CHILD_CLEARTID, new_stack(), NULL,
		     (int *)&tid, (uint64_t)&tls_block[1][0], read_tls, NULL);
	tid = 1;
	join(&tid);
	EXPECT_EQ(tls_seen, 0x7e57);
	EXPECT_EQ(raw_syscall2(__NR_arch_prctl, 0x1003 /* ARCH_GET_FS */, &mine), 0);
	CHECK(mine != (uint64_t)&tls_block[1][0]);   /* ours did not change */
	/* CLONE_FILES: a descriptor the thread opens is ours too ... */
	spawn_thread(open_pipe, NULL, &tid);
	join(&tid);
	CHECK(fd_seen >= 0);
	EXPECT_EQ(raw_syscall3(__NR_fcntl, fd_seen, F_GETFD, 0), 0);
	close(fd_seen);
	/* ... without it, the thread's table is a copy. */
	fd_seen = -1;
	thread_clone(CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_CHILD_CLEARTID, new_stack(),
		     NULL, (int *)&tid, 0, open_pipe, NULL);
	tid = 1;
	join(&tid);
	CHECK(fd_seen >= 0);
	EXPECT_EQ(raw_syscall3(__NR_fcntl, fd_seen, F_GETFD, 0), -EBADF);
	return ok;
}

/* ---------------------------------------------------------------- ending */

static int
sleep_then_exit(void *arg)
{
	sleep_ms((unsigned)(long)arg);
	return 0;
}

static int
spin(void *arg)
{
	(void)arg;
	for (;;)
		sched_yield();
	return 0;
}

/* exit_group ends every thread, at once. */
static int
group_exit_child(void)
{
	volatile int tid[3];
	spawn_thread(spin, NULL, &tid[0]);
	spawn_thread(sleep_then_exit, (void *)10000L, &tid[1]);
	spawn_thread(spin, NULL, &tid[2]);
	sleep_ms(5);
	raw_syscall1(__NR_exit_group, 7);
	return 99;
}

static volatile int last_words;

static int
outlive_leader(void *arg)
{
	(void)arg;
	sleep_ms(30);
	last_words = 1;
	return 5;                        /* exit(5): the last thread: the process's status */
}

/* The first thread ends (exit, not exit_group); the process lives on in the other. */
static int
leader_exits_child(void)
{
	volatile int tid;
	spawn_thread(outlive_leader, NULL, &tid);
	raw_syscall1(__NR_exit, 0);
	return 99;
}

/* Threads that end one by one: the process ends with the last. */
static int
threads_exit_child(void)
{
	volatile int tid[4];
	for (int i = 0; i < 4; i++)
		spawn_thread(sleep_then_exit, (void *)(long)(5 * i), &tid[i]);
	for (int i = 0; i < 4; i++)
		join(&tid[i]);
	return status_field("Threads:") == 1 ? 3 : 4;
}

static int
test_exit(void)
{
	int ok = 1;
	uint64_t t0 = now_ms();
	EXPECT_EQ(reap(spawn(group_exit_child)), 7 << 8);
	CHECK(now_ms() - t0 < 5000);     /* the sleeping thread did not hold it up */
	EXPECT_EQ(reap(spawn(leader_exits_child)), 5 << 8);
	EXPECT_EQ(reap(spawn(threads_exit_child)), 3 << 8);
	/* Each reported once: no more children. */
	EXPECT_EQ(raw_syscall4(__NR_wait4, -1, 0, WNOHANG, 0), -ECHILD);
	return ok;
}

static int
count_threads(void *arg)
{
	(void)arg;
	sleep_ms(50);
	return 0;
}

static int
test_proc_status(void)
{
	int ok = 1;
	volatile int tid[3];

	EXPECT_EQ(status_field("Threads:"), 1);
	for (int i = 0; i < 3; i++)
		spawn_thread(count_threads, NULL, &tid[i]);
	EXPECT_EQ(status_field("Threads:"), 4);
	EXPECT_EQ(status_field("Tgid:"), getpid());
	for (int i = 0; i < 3; i++)
		join(&tid[i]);
	EXPECT_EQ(status_field("Threads:"), 1);
	return ok;
}

/* ---------------------------------------------------------------- signals and threads */

static volatile int handler_tid;

static void
note_tid(int sig, struct siginfo *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	handler_tid = gettid();
}

static volatile int go_on;

static int
wait_for_go(void *arg)
{
	(void)arg;
	while (!go_on)
		sched_yield();
	return 0;
}

static int
test_signals(void)
{
	int ok = 1;
	volatile int tid;
	uint64_t usr1 = BIT(SIGUSR1), none = 0;

	signal_handle(SIGUSR1, note_tid, 0, 0);
	/* A process-directed signal goes to a thread that does not block it. */
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	go_on = 0;
	long t = spawn_thread(wait_for_go, NULL, &tid);     /* inherits the mask: unblock in it */
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* (the thread blocks SIGUSR1 too: it inherited our mask; so the signal waits for us) */
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	handler_tid = 0;
	kill(getpid(), SIGUSR1);
	EXPECT_EQ(handler_tid, 0);        /* everyone blocks it: pending */
	sigprocmask(SIG_SETMASK, &none, NULL);
	EXPECT_EQ(handler_tid, gettid()); /* we unblocked it: ours */
	/* tgkill picks the thread. */
	handler_tid = 0;
	EXPECT_EQ(tgkill(getpid(), (int)t, SIGUSR1), 0);   /* blocked there: pending for it */
	sched_yield();
	EXPECT_EQ(handler_tid, 0);
	go_on = 1;
	join(&tid);
	/* The thread ended with SIGUSR1 pending and blocked: it went with it. */
	EXPECT_EQ(handler_tid, 0);
	/* A thread that does not block it gets it; we block it. */
	sigprocmask(SIG_SETMASK, &none, NULL);
	go_on = 0;
	t = spawn_thread(wait_for_go, NULL, &tid);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	handler_tid = 0;
	kill(getpid(), SIGUSR1);
	while (handler_tid == 0)
		sched_yield();
	EXPECT_EQ(handler_tid, t);
	go_on = 1;
	join(&tid);
	sigprocmask(SIG_SETMASK, &none, NULL);
	struct kernel_sigaction dfl = { .handler = SIG_DFL };
	sigaction_raw(SIGUSR1, &dfl, NULL);
	return ok;
}

/* A fatal signal ends every thread. */
static int
fatal_child(void)
{
	volatile int tid[2];
	spawn_thread(spin, NULL, &tid[0]);
	spawn_thread(sleep_then_exit, (void *)10000L, &tid[1]);
	for (;;)
		pause();
	return 0;
}

static volatile long counter;

static int
count_forever(void *arg)
{
	(void)arg;
	for (;;)
		counter++;
	return 0;
}

/* SIGSTOP stops every thread: the counter stops. */
static int
stop_child(void)
{
	volatile int tid;
	spawn_thread(count_forever, NULL, &tid);
	for (;;)
		pause();
	return 0;
}

static int
test_group_signals(void)
{
	int ok = 1, status;

	pid_t pid = spawn(fatal_child);
	sleep_ms(20);
	kill(pid, SIGTERM);
	EXPECT_EQ(reap(pid), SIGTERM);
	pid = spawn(stop_child);
	sleep_ms(20);
	kill(pid, SIGSTOP);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	kill(pid, SIGKILL);
	EXPECT_EQ(reap(pid), SIGKILL);
	return ok;
}

/* ---------------------------------------------------------------- execve from a thread */

static int
exec_from_thread(void *arg)
{
	char pid[16];
	snprintf(pid, sizeof pid, "%d", (int)(long)arg);
	char *argv[] = { "threadtest", "pid_is", pid, NULL };
	execv("/bin/threadtest", argv);
	return 1;
}

static int
exec_child(void)
{
	volatile int tid[2];
	spawn_thread(sleep_then_exit, (void *)10000L, &tid[0]);
	spawn_thread(exec_from_thread, (void *)(long)getpid(), &tid[1]);
	for (;;)
		pause();
	return 0;
}

static int
test_exec_from_thread(void)
{
	int ok = 1;
	uint64_t t0 = now_ms();
	/* The other threads are gone, the program is new, the process id the same. */
	EXPECT_EQ(reap(spawn(exec_child)), 0);
	CHECK(now_ms() - t0 < 5000);
	return ok;
}

/* ---------------------------------------------------------------- futexes */

static volatile int word, woken_count;

static int
wait_on_word(void *arg)
{
	long op = (long)arg;
	long r = op == FUTEX_WAIT_BITSET ? futex(&word, FUTEX_WAIT_BITSET, 0, NULL, NULL, 1) :
					   futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
	if (r == 0)
		__atomic_add_fetch(&woken_count, 1, __ATOMIC_SEQ_CST);
	return (int)-r;
}

/* Until n threads sleep on the word (their state in /proc). */
static void
let_them_sleep(int ms)
{
	sleep_ms((unsigned)ms);
}

static int
test_futex(void)
{
	int ok = 1;
	volatile int tid[3];
	struct timespec ten_ms = { 0, 10000000 }, bad = { 0, 1000000000 }, zero = { 0, 0 };

	word = 0;
	/* The value differs: no sleep. */
	EXPECT_EQ(futex(&word, FUTEX_WAIT, 1, NULL, NULL, 0), -EAGAIN);
	/* Nobody wakes us: the timeout. */
	uint64_t t0 = now_ms();
	EXPECT_EQ(futex(&word, FUTEX_WAIT, 0, &ten_ms, NULL, 0), -ETIMEDOUT);
	CHECK(now_ms() - t0 >= 10);
	EXPECT_EQ(futex(&word, FUTEX_WAIT, 0, &zero, NULL, 0), -ETIMEDOUT);
	/* Three sleepers; wake two, then the third. */
	woken_count = 0;
	for (int i = 0; i < 3; i++)
		spawn_thread(wait_on_word, (void *)(long)FUTEX_WAIT, &tid[i]);
	let_them_sleep(20);
	EXPECT_EQ(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 2, NULL, NULL, 0), 2);
	let_them_sleep(10);
	EXPECT_EQ(woken_count, 2);
	EXPECT_EQ(futex(&word, FUTEX_WAKE, 10, NULL, NULL, 0), 1);
	for (int i = 0; i < 3; i++)
		join(&tid[i]);
	EXPECT_EQ(woken_count, 3);
	EXPECT_EQ(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0), 0);    /* nobody left */
	/* Bitsets: a wake for other bits leaves the sleeper alone. */
	woken_count = 0;
	spawn_thread(wait_on_word, (void *)(long)FUTEX_WAIT_BITSET, &tid[0]);
	let_them_sleep(20);
	EXPECT_EQ(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 2), 0);
	EXPECT_EQ(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 3), 1);
	join(&tid[0]);
	/* Absolute timeouts: CLOCK_MONOTONIC by default, CLOCK_REALTIME on request. */
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	now.tv_nsec += 10000000;
	if (now.tv_nsec >= 1000000000)
		now.tv_sec++, now.tv_nsec -= 1000000000;
	t0 = now_ms();
	EXPECT_EQ(futex(&word, FUTEX_WAIT_BITSET, 0, &now, NULL, -1), -ETIMEDOUT);
	CHECK(now_ms() - t0 >= 9);
	clock_gettime(CLOCK_REALTIME, &now);
	EXPECT_EQ(futex(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &now, NULL, -1),
		  -ETIMEDOUT);
	/* Requeue: two sleepers on word move to shared_word; waking that wakes them. */
	woken_count = 0;
	for (int i = 0; i < 2; i++)
		spawn_thread(wait_on_word, (void *)(long)FUTEX_WAIT, &tid[i]);
	let_them_sleep(20);
	EXPECT_EQ(futex(&word, FUTEX_CMP_REQUEUE, 0, (void *)2, &shared_word, 1), -EAGAIN);
	EXPECT_EQ(futex(&word, FUTEX_CMP_REQUEUE, 0, (void *)2, &shared_word, 0), 2);
	EXPECT_EQ(futex(&word, FUTEX_WAKE, 10, NULL, NULL, 0), 0);    /* none left here */
	EXPECT_EQ(futex(&shared_word, FUTEX_WAKE, 10, NULL, NULL, 0), 2);
	for (int i = 0; i < 2; i++)
		join(&tid[i]);
	EXPECT_EQ(woken_count, 2);
	/* Errors. */
	EXPECT_EQ(futex((volatile int *)((char *)&word + 1), FUTEX_WAIT, 0, NULL, NULL, 0), -EINVAL);
	EXPECT_EQ(futex((volatile int *)((char *)&word + 2), FUTEX_WAKE, 1, NULL, NULL, 0), -EINVAL);
	EXPECT_EQ(futex((volatile int *)0x10, FUTEX_WAIT, 0, NULL, NULL, 0), -EFAULT);
	EXPECT_EQ(futex((volatile int *)0xffff800000000000, FUTEX_WAKE, 1, NULL, NULL, 0), -EFAULT);
	EXPECT_EQ(futex((volatile int *)0x10, FUTEX_WAKE, 1, NULL, NULL, 0), 0);  /* nobody there */
	EXPECT_EQ(futex(&word, FUTEX_WAIT, 0, &bad, NULL, 0), -EINVAL);
	EXPECT_EQ(futex(&word, FUTEX_WAIT, 0, (void *)0x10, NULL, 0), -EFAULT);
	EXPECT_EQ(futex(&word, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0), -EINVAL);     /* bitset 0 */
	EXPECT_EQ(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), -EINVAL);
	EXPECT_EQ(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), -ENOSYS);
	EXPECT_EQ(futex(&word, FUTEX_LOCK_PI, 0, NULL, NULL, 0), -ENOSYS);
	EXPECT_EQ(futex(&word, 99, 0, NULL, NULL, 0), -ENOSYS);
	EXPECT_EQ(futex(&word, FUTEX_REQUEUE, -1, NULL, &shared_word, 0), -EINVAL);
	return ok;
}

/* A futex wait and a signal: SA_RESTART goes on waiting, without it EINTR. */
static volatile long wait_result = 1;

static int
wait_forever_on_word(void *arg)
{
	(void)arg;
	wait_result = futex(&word, FUTEX_WAIT, 0, NULL, NULL, 0);
	return 0;
}

static void
nothing(int sig, struct siginfo *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
}

static int
test_futex_signals(void)
{
	int ok = 1;
	volatile int tid;

	word = 0;
	signal_handle(SIGUSR2, nothing, SA_RESTART, 0);
	wait_result = 1;
	long t = spawn_thread(wait_forever_on_word, NULL, &tid);
	sleep_ms(10);
	tgkill(getpid(), (int)t, SIGUSR2);
	sleep_ms(10);
	EXPECT_EQ(wait_result, 1);               /* restarted: still waiting */
	EXPECT_EQ(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0), 1);
	join(&tid);
	EXPECT_EQ(wait_result, 0);
	signal_handle(SIGUSR2, nothing, 0, 0);
	wait_result = 1;
	t = spawn_thread(wait_forever_on_word, NULL, &tid);
	sleep_ms(10);
	tgkill(getpid(), (int)t, SIGUSR2);
	join(&tid);
	EXPECT_EQ(wait_result, -EINTR);
	struct kernel_sigaction dfl = { .handler = SIG_DFL };
	sigaction_raw(SIGUSR2, &dfl, NULL);
	return ok;
}

/* ---------------------------------------------------------------- a lock, many threads */

static volatile int lock_word;          /* 0 free, 1 taken, 2 taken with sleepers */
static volatile long total;

static void
lock(void)
{
	int c = __sync_val_compare_and_swap(&lock_word, 0, 1);
	if (c == 0)
		return;
	if (c != 2)
		c = __atomic_exchange_n(&lock_word, 2, __ATOMIC_SEQ_CST);
	while (c != 0) {
		futex(&lock_word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 2, NULL, NULL, 0);
		c = __atomic_exchange_n(&lock_word, 2, __ATOMIC_SEQ_CST);
	}
}

static void
unlock(void)
{
	if (__atomic_exchange_n(&lock_word, 0, __ATOMIC_SEQ_CST) == 2)
		futex(&lock_word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0);
}

static int
add_many(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		lock();
		long t = total;
		if (i % 100 == 0)
			sched_yield();       /* give up the CPU holding the lock: contention */
		total = t + 1;
		unlock();
	}
	return 0;
}

static int
test_many_threads(void)
{
	int ok = 1;
	volatile int tid[20];

	total = 0;
	for (int i = 0; i < 20; i++)
		CHECK(spawn_thread(add_many, NULL, &tid[i]) > 0);
	for (int i = 0; i < 20; i++)
		join(&tid[i]);
	EXPECT_EQ(total, 20000);
	return ok;
}

/* Create threads until the table is full; all goes back afterwards. */
static int
test_thread_table_full(void)
{
	int ok = 1, n = 0;
	static volatile int tid[128];
	long before = status_field("VmRSS:");
	struct sysinfo si;
	sysinfo(&si);
	unsigned long free_before = si.freeram;
	static void *stacks[128];

	go_on = 0;
	for (long r = 0; n < 128; n++) {
		stacks[n] = new_stack();
		tid[n] = -1;
		r = thread_clone(THREAD_FLAGS | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID, stacks[n],
				 NULL, (int *)&tid[n], 0, wait_for_go, NULL);
		if (r == -EAGAIN)
			break;
		CHECK(r > 0);
	}
	CHECK(n > 10 && n < 128);
	EXPECT_EQ(raw_syscall0(__NR_fork), -EAGAIN);  /* and no process either */
	go_on = 1;
	for (int i = 0; i < n; i++)
		join(&tid[i]);
	for (int i = 0; i <= n && i < 128; i++)
		munmap((char *)stacks[i] - STACK_SIZE, STACK_SIZE);
	sysinfo(&si);
	EXPECT_EQ(si.freeram, free_before);
	(void)before;
	pid_t pid = fork();                           /* room again */
	if (pid == 0)
		_exit(0);
	EXPECT_EQ(reap(pid), 0);
	return ok;
}

/* ---------------------------------------------------------------- robust futexes */

static volatile int robust_lock;
static struct {
	uint64_t next;               /* the one entry below, whose futex word is at offset 8 */
	int64_t futex_offset;
	uint64_t list_op_pending;
} robust_head;
static struct {
	uint64_t next;
	uint64_t pad;
} robust_entry;

/* Take the lock (the word holds our id), register it, and die holding it. */
static int
die_holding(void *arg)
{
	(void)arg;
	robust_lock = gettid() | FUTEX_WAITERS;
	robust_entry.next = (uint64_t)&robust_head;
	robust_head.next = (uint64_t)&robust_entry;
	robust_head.futex_offset = (int64_t)((uint64_t)&robust_lock - (uint64_t)&robust_entry);
	robust_head.list_op_pending = 0;
	raw_syscall2(__NR_set_robust_list, &robust_head, sizeof robust_head);
	return 0;                        /* exits without unlocking */
}

static int
test_robust(void)
{
	int ok = 1;
	volatile int tid;

	EXPECT_EQ(raw_syscall2(__NR_set_robust_list, &robust_head, 8), -EINVAL);
	uint64_t head = 1, len = 0;
	EXPECT_EQ(raw_syscall3(__NR_get_robust_list, 0, &head, &len), 0);
	EXPECT_EQ(len, 24);
	EXPECT_EQ(raw_syscall3(__NR_get_robust_list, 99999, &head, &len), -ESRCH);
	EXPECT_EQ(raw_syscall3(__NR_get_robust_list, 0, 0x10, &len), -EFAULT);
	spawn_thread(die_holding, NULL, &tid);
	join(&tid);
	/* The kernel marked it: owner died, waiters kept, no owner. */
	EXPECT_EQ((unsigned)robust_lock, FUTEX_OWNER_DIED | FUTEX_WAITERS);
	return ok;
}

/* ---------------------------------------------------------------- bad clone calls */

static int
test_clone_errors(void)
{
	int ok = 1;
	void *stack = new_stack();

	EXPECT_EQ(raw_syscall5(__NR_clone, CLONE_THREAD | CLONE_VM, stack, 0, 0, 0), -EINVAL);
	EXPECT_EQ(raw_syscall5(__NR_clone, CLONE_SIGHAND, stack, 0, 0, 0), -EINVAL);
	EXPECT_EQ(raw_syscall5(__NR_clone, THREAD_FLAGS | SIGCHLD, stack, 0, 0, 0), -EINVAL);
	EXPECT_EQ(raw_syscall5(__NR_clone, CLONE_NEWNS | SIGCHLD, 0, 0, 0, 0), -EINVAL);
	EXPECT_EQ(raw_syscall5(__NR_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0), -EINVAL);
	EXPECT_EQ(raw_syscall5(__NR_clone, 65, 0, 0, 0, 0), -EINVAL);      /* no signal 65 */
	EXPECT_EQ(raw_syscall2(435, 0, 0), -ENOSYS);                       /* clone3: not here */
	/* A fork-like clone: a new process, which the exit signal reports. */
	pid_t pid = (pid_t)raw_syscall5(__NR_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(status_field("Threads:") == 1 && getppid() > 0 ? 8 : 9);
	EXPECT_EQ(reap(pid), 8 << 8);
	return ok;
}

/* ---------------------------------------------------------------- main */

static const struct {
	const char *name;
	int (*fn)(void);
} tests[] = {
	{ "ids", test_ids },
	{ "tls_and_sharing", test_tls_and_sharing },
	{ "exit", test_exit },
	{ "proc_status", test_proc_status },
	{ "signals", test_signals },
	{ "group_signals", test_group_signals },
	{ "exec_from_thread", test_exec_from_thread },
	{ "futex", test_futex },
	{ "futex_signals", test_futex_signals },
	{ "many_threads", test_many_threads },
	{ "thread_table_full", test_thread_table_full },
	{ "robust", test_robust },
	{ "clone_errors", test_clone_errors },
};

int
main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "pid_is") == 0)
		return getpid() == atol(argv[2]) && gettid() == getpid() &&
		       status_field("Threads:") == 1 ? 0 : 1;
	for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (argc < 2 || strcmp(argv[1], tests[i].name) == 0)
			run(tests[i].name, tests[i].fn);
	printf("threadtest: %d passed, %d failed\n", passes, failures);
	return failures;
}
