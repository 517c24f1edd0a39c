/*
 * blocking.c - a blocking system call must not stop the whole system.
 *
 * The parent forks a child that sleeps in nanosleep(2) three times; while
 * it is blocked, the kernel takes it off the CPU and the parent keeps
 * computing. Each line is stamped with milliseconds since start: the
 * child's naps and the parent's progress interleave. Compare Go's runtime,
 * which does the same inside one process (entersyscall/sysmon): a thread
 * blocked in the kernel must not hold up the others.
 */
#include "libsys.h"

static uint64_t start_ms;

static uint64_t
ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000 - start_ms;
}

int
main(void)
{
	start_ms = 0;
	start_ms = ms();
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 1; i <= 3; i++) {
			printf("[%4lu ms] child  (pid %d): going to sleep for 100 ms (nanosleep blocks)\n",
			       ms(), getpid());
			sleep_ms(100);
			printf("[%4lu ms] child  (pid %d): woke up (%d/3)\n", ms(), getpid(), i);
		}
		return 0;
	}
	/* The parent computes and reports its progress every ~50 ms. */
	uint64_t next = 50, count = 0;
	while (ms() < 330) {
		count++;
		if (ms() >= next) {
			printf("[%4lu ms] parent (pid %d): still computing, %lu loops so far\n",
			       ms(), getpid(), count);
			next += 50;
		}
	}
	int status;
	waitpid(pid, &status, 0);
	printf("[%4lu ms] parent: child exited with status %d; the CPU never waited for it\n",
	       ms(), WEXITSTATUS(status));
	return 0;
}
