/*
 * tracenosys.c - calls this kernel does not implement (NOSYS lines of
 * uapi/syscalls.h) or did not when the case was written, for strace: it
 * names each and decodes its arguments as strace 6.1 does, and the kernel
 * side feeds restart_syscall's pseudo-argument (the previous call). Also
 * unknown numbers and a number with high bits set. The case in
 * tests/qemu/cases.py (strace_nosys_calls) accepts either result of a call
 * that has since been implemented. With the argument "sigreturn" it also
 * calls rt_sigreturn on a hand-made frame - which the real rt_sigreturn
 * refuses (SIGSEGV): that is for trying by hand, not for the case.
 */
#include "libsys.h"

long syscall_on_stack(long nr, void *sp);   /* support.S */

#define CLONE_THREAD 0x00010000
#define FUTEX_WAKE_PRIVATE 129
#define RLIMIT_NOFILE 7

int
main(int argc, char **argv)
{
	uint64_t old[3], mask = 0, limits[2];
	uint64_t clone_args[11] = { CLONE_THREAD };     /* CLONE_THREAD without CLONE_SIGHAND: EINVAL */
	static uint64_t frame[64];
	int word = 0;

	raw_syscall2(__NR_sigaltstack, 0, old);
	raw_syscall3(__NR_futex, &word, FUTEX_WAKE_PRIVATE, 1);
	raw_syscall2(__NR_clone3, clone_args, sizeof clone_args);
	raw_syscall2(__NR_mkdir, "/no/such/dir", 0755);
	raw_syscall3(__NR_sched_getaffinity, 0, sizeof mask, &mask);
	raw_syscall4(__NR_prlimit64, 0, RLIMIT_NOFILE, 0, limits);
	raw_syscall0(__NR_restart_syscall);      /* nothing to restart: EINTR */
	if (argc > 1 && strcmp(argv[1], "sigreturn") == 0) {
		frame[296 / 8] = 1UL << (SIGUSR1 - 1);   /* the ucontext's uc_sigmask */
		syscall_on_stack(__NR_rt_sigreturn, frame);
	}
	raw_syscall6(500, 1, 2, 3, 4, 5, 6);
	raw_syscall6(0x1000001f4L, 1, 2, 3, 4, 5, 6);
	raw_syscall6(0x100000027L, 1, 2, 3, 4, 5, 6);    /* getpid: only the low 32 bits count */
	return 0;
}
