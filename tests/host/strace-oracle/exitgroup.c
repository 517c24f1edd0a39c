/*
 * exitgroup.c - exit_group ends a process with threads blocked in pause:
 * each gets "<... pause resumed>) = ?" and "+++ exited with N +++", the
 * thread group leader last. With an argument, a thread calls exit_group
 * while the leader waits. Run with -f.
 * Used by test_trace_format.c: test_thread_lines.
 */
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *run(void *a) { (void)a; for (;;) pause(); return 0; }
static void *run_exit(void *a) { (void)a; usleep(50000); syscall(SYS_exit_group, 3); return 0; }

int
main(int argc, char **argv)
{
	pthread_t t, u;

	(void)argv;
	pthread_create(&t, 0, run, 0);
	pthread_create(&u, 0, argc > 1 ? run_exit : run, 0);
	if (argc > 1)
		for (;;)
			pause();
	usleep(50000);
	syscall(SYS_exit_group, 0);
	return 0;
}
