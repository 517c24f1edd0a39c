/*
 * traceme.c - a libc-free program with a fixed list of system calls, for
 * comparing this kernel's strace with real strace on Linux (the same
 * binary runs on both; tests/run_all.py masks pids, addresses and times).
 */
#include "libsys.h"

int
main(void)
{
	struct timespec ts;
	struct stat st;
	int p[2];
	char buf[16];

	int null = (int)raw_syscall3(__NR_open, "/dev/null", O_WRONLY, 0);
	raw_syscall3(__NR_write, null, "hello, world\n", 13);   /* not mixed into the trace */
	raw_syscall0(__NR_getpid);
	void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mprotect(m, 4096, PROT_READ);
	munmap(m, 4096);
	raw_syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, &ts);
	raw_syscall3(__NR_open, "/no/such/file", O_RDONLY, 0);
	raw_syscall0(1000);
	int fd = (int)raw_syscall4(__NR_openat, AT_FDCWD, "/etc/hostname-not-here", O_RDONLY | O_CLOEXEC, 0);
	(void)fd;
	raw_syscall1(__NR_pipe, p);
	raw_syscall3(__NR_write, p[1], (void *)0x10, 4);      /* a bad buffer: EFAULT */
	raw_syscall3(__NR_write, p[1], "ping", 4);
	raw_syscall3(__NR_read, p[0], buf, sizeof buf);
	raw_syscall2(__NR_fstat, p[0], &st);
	int ep = (int)raw_syscall1(__NR_epoll_create1, 0);
	struct epoll_event ev = { EPOLLIN, 42 };
	raw_syscall4(__NR_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev);
	raw_syscall4(__NR_epoll_wait, ep, &ev, 1, 0);
	raw_syscall1(__NR_close, ep);
	raw_syscall1(__NR_close, p[0]);
	raw_syscall1(__NR_close, p[1]);
	raw_syscall1(__NR_close, 99);
	struct timespec nap = { 0, 1000000 };
	raw_syscall2(__NR_nanosleep, &nap, 0);
	raw_syscall2(__NR_kill, 0, 0);
	return 3;
}
