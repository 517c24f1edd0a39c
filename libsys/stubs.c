/*
 * stubs.c - one thin wrapper per system call. The kernel returns -errno in
 * RAX on failure; libc's convention is -1 with errno set, done here once.
 */
#include "libsys.h"

int errno;

static long
syscall_result(long ret)
{
	if (ret < 0 && ret >= -4095) {   /* -4095..-1 are errors, as on Linux */
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

ssize_t
write(int fd, const void *buf, size_t count)
{
	return syscall_result(raw_syscall3(__NR_write, fd, buf, count));
}

pid_t
getpid(void)
{
	return (pid_t)raw_syscall0(__NR_getpid);
}

pid_t
gettid(void)
{
	return (pid_t)raw_syscall0(__NR_gettid);
}

void
_exit(int status)
{
	raw_syscall1(__NR_exit_group, status);
	__builtin_unreachable();
}

void
exit(int status)
{
	_exit(status);
}

int
nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)syscall_result(raw_syscall2(__NR_nanosleep, req, rem));
}

int
clock_gettime(int clock, struct timespec *tp)
{
	return (int)syscall_result(raw_syscall2(__NR_clock_gettime, clock, tp));
}
