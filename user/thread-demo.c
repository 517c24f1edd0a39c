/*
 * thread-demo.c - threads: one process (one getpid), several threads
 * (each its own gettid), one memory. Each thread adds to a shared counter
 * under a lock; the lock sleeps in the kernel only when it must (futex).
 *
 *   thread-demo [THREADS]     (default 4)
 *
 * Try `strace -f thread-demo`: clone for each thread, futex when two want
 * the lock at once, exit for each thread and exit_group at the end.
 * docs/threads.md explains each line.
 */
#include "libsys.h"
#include "uapi/futex.h"

#define ADDS 100000

static volatile int lock_word;      /* 0 free, 1 taken, 2 taken and someone sleeps */
static long counter;
static int futex_calls;

static void
lock(void)
{
	int c = __sync_val_compare_and_swap(&lock_word, 0, 1);
	if (c == 0)
		return;                  /* free: taken without the kernel */
	if (c != 2)
		c = __atomic_exchange_n(&lock_word, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {                 /* sleep until the holder wakes us */
		__atomic_add_fetch(&futex_calls, 1, __ATOMIC_RELAXED);
		raw_syscall6(__NR_futex, (long)&lock_word, FUTEX_WAIT_PRIVATE, 2, 0, 0, 0);
		c = __atomic_exchange_n(&lock_word, 2, __ATOMIC_ACQUIRE);
	}
}

static void
unlock(void)
{
	if (__atomic_exchange_n(&lock_word, 0, __ATOMIC_RELEASE) == 2)
		raw_syscall6(__NR_futex, (long)&lock_word, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
}

static int
worker(void *arg)
{
	long id = (long)arg;

	printf("thread %ld: getpid() = %d, gettid() = %d\n", id, getpid(), gettid());
	for (int i = 0; i < ADDS; i++) {
		lock();
		counter++;
		if (i % 10000 == 0)
			sched_yield();   /* off the CPU holding the lock, as if preempted: others must wait */
		unlock();
	}
	return (int)id;
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? (int)atol(argv[1]) : 4;
	struct thread t[16];

	if (n < 1 || n > 16)
		n = 4;
	printf("main: getpid() = %d, gettid() = %d; starting %d threads\n", getpid(), gettid(), n);
	for (long i = 0; i < n; i++)
		if (thread_create(&t[i], worker, (void *)i) < 0)
			printf("main: thread %ld: %s\n", i, strerror(errno));
	for (int i = 0; i < n; i++)
		thread_join(&t[i]);
	printf("main: counter = %ld (want %d); the lock slept in the kernel %d times\n", counter,
	       n * ADDS, futex_calls);
	return counter == (long)n * ADDS ? 0 : 1;
}
