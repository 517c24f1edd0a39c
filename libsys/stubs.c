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

void *
mmap(void *addr, size_t len, int prot, int flags, int fd, long off)
{
	return (void *)syscall_result(raw_syscall6(__NR_mmap, (long)addr, (long)len, prot, flags,
						   fd, off));
}

int
munmap(void *addr, size_t len)
{
	return (int)syscall_result(raw_syscall2(__NR_munmap, addr, len));
}

int
mprotect(void *addr, size_t len, int prot)
{
	return (int)syscall_result(raw_syscall3(__NR_mprotect, addr, len, prot));
}

int
madvise(void *addr, size_t len, int advice)
{
	return (int)syscall_result(raw_syscall3(__NR_madvise, addr, len, advice));
}

/* The kernel's brk returns the new break, or the old one on failure (never -errno). */
static uint64_t current_break;

int
brk(void *addr)
{
	current_break = (uint64_t)raw_syscall1(__NR_brk, addr);
	if (current_break < (uint64_t)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *
sbrk(long increment)
{
	if (current_break == 0)
		current_break = (uint64_t)raw_syscall1(__NR_brk, 0);
	uint64_t old = current_break;
	if (increment != 0 && brk((void *)(old + increment)) < 0)
		return (void *)-1;
	return (void *)old;
}

int
sysinfo(struct sysinfo *info)
{
	return (int)syscall_result(raw_syscall1(__NR_sysinfo, info));
}
