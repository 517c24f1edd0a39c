/*
 * clone3-glibc.c - glibc's pthread_create tries clone3 first; with clone3
 * failing ENOSYS (a seccomp filter, as on a kernel without it) it falls
 * back to clone. Also glibc's fork: clone(child_stack=NULL,
 * flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, ...). Run with -f.
 * Used by test_trace_format.c: test_clone.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void *run(void *a) { (void)a; syscall(SYS_getpid); return 0; }

int
main(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 435, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { 4, f };
	pthread_t t;

	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
	pthread_create(&t, 0, run, 0);
	pthread_join(t, 0);
	pid_t p = fork();
	if (p == 0)
		_exit(0);
	waitpid(p, 0, 0);
	return 0;
}
