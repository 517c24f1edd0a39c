/*
 * bench.c - what does crossing into the kernel cost? Times getpid (a real,
 * tiny system call) and an unknown number (the bare entry/exit path, which
 * returns -ENOSYS), plus clock_gettime through the syscall.
 *
 * Each sample times BATCH calls with the TSC; we report the median sample
 * divided by BATCH. Under QEMU with -icount shift=0 the TSC counts guest
 * instructions, so the numbers are exact instruction counts (`make bench`).
 * Memory: the cost of a first-touch page fault (demand paging), of
 * mmap + touch + munmap of one page, and of touching 64 MiB.
 * Processes: a context switch (two processes taking turns with
 * sched_yield), fork + exit + wait, and execve of a small program.
 * Pipes: write + read of one byte in one process, and a one-byte
 * ping-pong between two processes (two pipes, two context switches).
 * Signals and threads: a signal sent to ourselves, its handler and
 * rt_sigreturn; two threads waking each other with futexes; creating a
 * thread and joining it.
 * Output lines "BENCH <name> <cycles>" are read by scripts/bench.py.
 */
#include "libsys.h"
#include "uapi/futex.h"

#define SAMPLES 101
#define BATCH 100
#define UNKNOWN_SYSCALL 1000

static int have_rdtscp;

static uint64_t
now(void)
{
	return have_rdtscp ? rdtscp() : rdtsc_ordered();
}

static void
sort(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/* Median over SAMPLES of the cost of one call, in TSC cycles (x100 for two decimals). */
static uint64_t
measure(long nr, long a1, long a2)
{
	static uint64_t samples[SAMPLES];

	for (int s = 0; s < SAMPLES; s++) {
		uint64_t t0 = now();
		for (int i = 0; i < BATCH; i++)
			raw_syscall2(nr, a1, a2);
		samples[s] = now() - t0;
	}
	sort(samples, SAMPLES);
	return samples[SAMPLES / 2];     /* per BATCH calls = hundredths per call */
}

#define PAGE 4096UL

/* Median cost of one first-touch page fault: each sample touches FAULT_BATCH fresh pages. */
#define FAULT_BATCH 32
static uint64_t
measure_fault(void)
{
	static uint64_t samples[SAMPLES];
	uint64_t len = SAMPLES * FAULT_BATCH * PAGE;
	volatile char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	for (int s = 0; s < SAMPLES; s++) {
		volatile char *base = p + (uint64_t)s * FAULT_BATCH * PAGE;
		uint64_t t0 = now();
		for (int i = 0; i < FAULT_BATCH; i++)
			base[i * PAGE] = 1;
		samples[s] = (now() - t0) * BATCH / FAULT_BATCH;   /* scaled to BATCH calls */
	}
	munmap((void *)p, len);
	sort(samples, SAMPLES);
	return samples[SAMPLES / 2];
}

/* mmap + touch + munmap of 4 KiB: the whole life of one page. */
static uint64_t
measure_map_touch_unmap(void)
{
	static uint64_t samples[SAMPLES];

	for (int s = 0; s < SAMPLES; s++) {
		uint64_t t0 = now();
		for (int i = 0; i < BATCH; i++) {
			volatile char *q = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
						MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			q[0] = 1;
			munmap((void *)q, PAGE);
		}
		samples[s] = now() - t0;
	}
	sort(samples, SAMPLES);
	return samples[SAMPLES / 2];
}

/* Touch every page of 64 MiB once: total cycles (x BATCH, to share report()). */
static uint64_t
measure_touch_64mib(void)
{
	uint64_t len = 64UL << 20;
	volatile char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t t0 = now();

	for (uint64_t off = 0; off < len; off += PAGE)
		p[off] = 1;
	uint64_t cycles = now() - t0;
	munmap((void *)p, len);
	return cycles * BATCH;
}

/* Two processes ping-pong with sched_yield: each yield is one context switch. */
static uint64_t
measure_context_switch(void)
{
	static uint64_t samples[SAMPLES];
	pid_t child = fork();

	if (child == 0)
		for (;;)
			raw_syscall0(__NR_sched_yield);
	raw_syscall0(__NR_sched_yield);            /* let the child reach its loop */
	for (int s = 0; s < SAMPLES; s++) {
		uint64_t t0 = now();
		for (int i = 0; i < BATCH; i++)
			raw_syscall0(__NR_sched_yield);    /* to the child and back: 2 switches */
		samples[s] = (now() - t0) / 2;
	}
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	sort(samples, SAMPLES);
	return samples[SAMPLES / 2];
}

/* fork + exit + wait (with exec: fork + execve(/bin/exitcode) + exit + wait). */
#define PROC_SAMPLES 21
#define PROC_BATCH 10
static uint64_t
measure_fork(int with_exec)
{
	static uint64_t samples[PROC_SAMPLES];
	char *argv[] = { "/bin/exitcode", NULL };

	for (int s = 0; s < PROC_SAMPLES; s++) {
		uint64_t t0 = now();
		for (int i = 0; i < PROC_BATCH; i++) {
			pid_t pid = fork();
			if (pid == 0) {
				if (with_exec)
					execve(argv[0], argv, environ);
				_exit(0);
			}
			waitpid(pid, NULL, 0);
		}
		samples[s] = (now() - t0) * BATCH / PROC_BATCH;   /* scaled for report() */
	}
	sort(samples, PROC_SAMPLES);
	return samples[PROC_SAMPLES / 2];
}

/* write(1 byte) + read(1 byte) on one pipe, in one process. */
static uint64_t
measure_pipe_self(void)
{
	static uint64_t samples[SAMPLES];
	int p[2];
	char c = 'x';

	pipe(p);
	for (int s = 0; s < SAMPLES; s++) {
		uint64_t t0 = now();
		for (int i = 0; i < BATCH; i++) {
			raw_syscall3(__NR_write, p[1], &c, 1);
			raw_syscall3(__NR_read, p[0], &c, 1);
		}
		samples[s] = now() - t0;
	}
	close(p[0]);
	close(p[1]);
	sort(samples, SAMPLES);
	return samples[SAMPLES / 2];
}

/* A byte to a child and back: write, the child wakes, reads, writes back. */
static uint64_t
measure_pipe_pingpong(void)
{
	static uint64_t samples[SAMPLES];
	int to[2], from[2];
	char c = 'x';

	pipe(to);
	pipe(from);
	pid_t child = fork();
	if (child == 0) {
		close(to[1]);            /* else our own copy would keep the pipe from EOF */
		close(from[0]);
		while (raw_syscall3(__NR_read, to[0], &c, 1) == 1)
			raw_syscall3(__NR_write, from[1], &c, 1);
		_exit(0);
	}
	close(to[0]);
	close(from[1]);
	for (int s = 0; s < SAMPLES; s++) {
		uint64_t t0 = now();
		for (int i = 0; i < BATCH; i++) {
			raw_syscall3(__NR_write, to[1], &c, 1);
			raw_syscall3(__NR_read, from[0], &c, 1);
		}
		samples[s] = now() - t0;
	}
	close(to[1]);                    /* the child reads EOF and exits */
	waitpid(child, NULL, 0);
	close(from[0]);
	sort(samples, SAMPLES);
	return samples[SAMPLES / 2];
}

/* tgkill to ourselves -> the handler runs on the way out -> rt_sigreturn. */
static volatile int handled;

static void
on_signal(int sig, struct siginfo *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	handled++;
}

static uint64_t
measure_signal(void)
{
	static uint64_t samples[SAMPLES];
	int pid = getpid(), tid = gettid();

	signal_handle(SIGUSR1, on_signal, 0, 0);
	for (int s = 0; s < SAMPLES; s++) {
		uint64_t t0 = now();
		for (int i = 0; i < BATCH; i++)
			raw_syscall3(__NR_tgkill, pid, tid, SIGUSR1);
		samples[s] = now() - t0;
	}
	signal_ignore(SIGUSR1, 0);
	sort(samples, SAMPLES);
	return samples[SAMPLES / 2];
}

/*
 * Two threads pass a turn back and forth through one word: each waits
 * (FUTEX_WAIT) until the word says it is its turn, then hands it over
 * and wakes the other (FUTEX_WAKE). One round trip: two waits, two wakes,
 * two switches between threads (no CR3 write: same address space).
 */
static volatile int turn;                /* 0: main's turn, 1: the partner's */
static volatile int stop_partner;

static void
wait_turn(int mine)
{
	while (turn != mine)
		raw_syscall6(__NR_futex, (long)&turn, FUTEX_WAIT_PRIVATE, !mine, 0, 0, 0);
}

static void
give_turn(int to)
{
	turn = to;
	raw_syscall6(__NR_futex, (long)&turn, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
}

static int
partner(void *arg)
{
	(void)arg;
	for (;;) {
		wait_turn(1);
		if (stop_partner)
			return 0;
		give_turn(0);
	}
}

static uint64_t
measure_futex_pingpong(void)
{
	static uint64_t samples[SAMPLES];
	struct thread t;

	turn = 0;
	thread_create(&t, partner, NULL);
	for (int s = 0; s < SAMPLES; s++) {
		uint64_t t0 = now();
		for (int i = 0; i < BATCH; i++) {
			give_turn(1);
			wait_turn(0);
		}
		samples[s] = now() - t0;
	}
	stop_partner = 1;
	give_turn(1);
	thread_join(&t);
	sort(samples, SAMPLES);
	return samples[SAMPLES / 2];
}

/* A thread that returns at once: clone, its first run, exit, the join's futex wake. */
static int
nothing(void *arg)
{
	(void)arg;
	return 0;
}

static uint64_t
measure_thread_create_join(void)
{
	static uint64_t samples[PROC_SAMPLES];
	struct thread t;

	for (int s = 0; s < PROC_SAMPLES; s++) {
		uint64_t t0 = now();
		for (int i = 0; i < PROC_BATCH; i++) {
			thread_create(&t, nothing, NULL);
			thread_join(&t);
		}
		samples[s] = (now() - t0) * BATCH / PROC_BATCH;   /* scaled for report() */
	}
	sort(samples, PROC_SAMPLES);
	return samples[PROC_SAMPLES / 2];
}

static void
report(const char *name, uint64_t per_batch)
{
	printf("BENCH %-22s %lu.%02lu cycles/call\n", name, per_batch / BATCH, per_batch % BATCH);
}

int
main(void)
{
	uint32_t a, b, c, d;
	struct timespec ts;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000001), "c"(0));
	have_rdtscp = (d >> 27) & 1;
	printf("bench: median of %d samples of %d calls, timed with %s\n", SAMPLES, BATCH,
	       have_rdtscp ? "rdtscp" : "lfence+rdtsc");
	uint64_t unknown = measure(UNKNOWN_SYSCALL, 0, 0);
	uint64_t getpid_cost = measure(__NR_getpid, 0, 0);
	uint64_t clock = measure(__NR_clock_gettime, CLOCK_MONOTONIC, (long)&ts);
	report("unknown_syscall", unknown);
	report("getpid", getpid_cost);
	report("clock_gettime_syscall", clock);
	report("page_fault", measure_fault());
	report("mmap_touch_munmap_4k", measure_map_touch_unmap());
	report("touch_64mib_total", measure_touch_64mib());
	report("context_switch_yield", measure_context_switch());
	uint64_t fork_cost = measure_fork(0), exec_cost = measure_fork(1);
	report("fork_exit_wait", fork_cost);
	report("fork_execve_exit_wait", exec_cost);
	report("pipe_write_read_1byte", measure_pipe_self());
	report("pipe_pingpong_roundtrip", measure_pipe_pingpong());
	report("signal_roundtrip", measure_signal());
	report("futex_pingpong_roundtrip", measure_futex_pingpong());
	report("thread_create_join", measure_thread_create_join());
	printf("bench: getpid / unknown = %lu.%02lu\n", getpid_cost / unknown,
	       getpid_cost * 100 / unknown % 100);
	return 0;
}
