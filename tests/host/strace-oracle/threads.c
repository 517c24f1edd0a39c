/*
 * threads.c - musl's pthread_create (clone with CLONE_PARENT_SETTID|
 * CLONE_CHILD_CLEARTID|0x400000), a thread that ends with exit(0) while
 * the process goes on, and pthread_join's futex. Run with -f.
 * Used by test_trace_format.c: test_clone and test_thread_lines.
 */
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *run(void *a) { (void)a; syscall(SYS_getpid); return 0; }
static void *run_exit(void *a) { (void)a; syscall(SYS_exit, 0); return 0; }

int
main(void)
{
	pthread_t t, u;

	pthread_create(&t, 0, run, 0);
	pthread_join(t, 0);
	pthread_create(&u, 0, run_exit, 0);
	usleep(100000);
	syscall(SYS_getppid);
	return 0;
}
