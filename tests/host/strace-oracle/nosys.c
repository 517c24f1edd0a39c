/*
 * nosys.c - calls this kernel does not implement (NOSYS lines), failed
 * with ENOSYS by a seccomp filter: how strace 6.1 names and prints them.
 * Used by test_trace_format.c: test_nosys_calls_are_named.
 */
#include "raw.h"

struct stack { unsigned long sp; int flags, pad; unsigned long size; };
static char altstack[8192];

int
main(void)
{
	static const int nrs[] = { 83, 131, 15, 219, 34, 37, 41, 87, 214, 183 };
	struct stack s = { (unsigned long)altstack, 0, 0, sizeof altstack }, old;
	unsigned long frame[64] = { 0 };

	nosys_filter(nrs, sizeof nrs / sizeof nrs[0]);
	S2(83, "/tmp/x", 0755);                     /* mkdir */
	S2(131, 0, &old);                           /* sigaltstack */
	S2(131, &s, 0);
	frame[296 / 8] = 1UL << 9;                  /* uc_sigmask of a ucontext at RSP: [USR1] */
	__asm__ volatile("mov %%rsp, %%rbx; mov %0, %%rsp; mov $15, %%eax; syscall; mov %%rbx, %%rsp"
			 : : "r"(frame) : "rax", "rbx", "rcx", "r11", "memory");   /* rt_sigreturn */
	S0(219);                                    /* restart_syscall */
	S0(34);                                     /* pause */
	S1(37, 5);                                  /* alarm */
	S3(41, 1, 1, 0);                            /* socket(AF_UNIX, SOCK_STREAM, 0) */
	S1(87, "/tmp/x");                           /* unlink */
	S4(214, 1, 2, 3, 4);                        /* epoll_ctl_old */
	S5(183, 0, 0, 0, 0, 0);                     /* afs_syscall */
	return 0;
}
