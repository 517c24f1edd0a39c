/*
 * stubs.c - one thin wrapper per system call. The kernel returns -errno in
 * RAX on failure; libc's convention is -1 with errno set, done here once.
 */
#include "libsys.h"

int errno;

long
syscall_result(long ret)
{
	if (ret < 0 && ret >= -4095) {   /* -4095..-1 are errors, as on Linux */
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

ssize_t
read(int fd, void *buf, size_t count)
{
	return syscall_result(raw_syscall3(__NR_read, fd, buf, count));
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

/*
 * The clock calls go through the vDSO when the kernel provides one: no
 * system call at all (see libsys/vdso.c and kernel/vdso/vclock.c).
 */
typedef int (*clock_gettime_fn)(int, struct timespec *);
typedef int (*gettimeofday_fn)(struct timeval *, struct timezone *);
typedef long (*time_fn)(long *);

static clock_gettime_fn vdso_clock_gettime;
static gettimeofday_fn vdso_gettimeofday;
static time_fn vdso_time;
static int vdso_resolved;

static void
resolve_vdso(void)
{
	vdso_clock_gettime = (clock_gettime_fn)vdso_lookup("__vdso_clock_gettime");
	vdso_gettimeofday = (gettimeofday_fn)vdso_lookup("__vdso_gettimeofday");
	vdso_time = (time_fn)vdso_lookup("__vdso_time");
	vdso_resolved = 1;
}

int
clock_gettime(int clock, struct timespec *tp)
{
	if (!vdso_resolved)
		resolve_vdso();
	if (vdso_clock_gettime != NULL)
		return (int)syscall_result(vdso_clock_gettime(clock, tp));
	return (int)syscall_result(raw_syscall2(__NR_clock_gettime, clock, tp));
}

int
clock_gettime_syscall(int clock, struct timespec *tp)
{
	return (int)syscall_result(raw_syscall2(__NR_clock_gettime, clock, tp));
}

int
gettimeofday(struct timeval *tv, struct timezone *tz)
{
	if (!vdso_resolved)
		resolve_vdso();
	if (vdso_gettimeofday != NULL)
		return (int)syscall_result(vdso_gettimeofday(tv, tz));
	return (int)syscall_result(raw_syscall2(__NR_gettimeofday, tv, tz));
}

long
time(long *tloc)
{
	if (!vdso_resolved)
		resolve_vdso();
	if (vdso_time != NULL)
		return vdso_time(tloc);
	return syscall_result(raw_syscall1(__NR_time, tloc));
}

int
clock_getres(int clock, struct timespec *res)
{
	return (int)syscall_result(raw_syscall2(__NR_clock_getres, clock, res));
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

pid_t fork(void) { return (pid_t)syscall_result(raw_syscall0(__NR_fork)); }
/*
 * vfork shares the caller's memory - its stack too - with the child, which
 * runs first, and the parent resumes only after the child's execve or
 * _exit. So the child may overwrite the very stack slot holding vfork's
 * return address before the parent returns through it. Hence assembly, as
 * in every libc: the return address is taken off the stack into RDX
 * (each side has its own registers) and pushed back after the system call.
 */
__asm__(".text\n"
	".global vfork\n"
	"vfork:\n"
	"	pop %rdx\n"                  /* our return address, out of harm's way */
	"	mov $58, %eax\n"             /* __NR_vfork */
	"	syscall\n"
	"	push %rdx\n"                 /* back, for `ret` (in the child, then the parent) */
	"	mov %rax, %rdi\n"
	"	jmp syscall_result\n");      /* -errno -> -1 and errno; returns to our caller */
pid_t getppid(void) { return (pid_t)raw_syscall0(__NR_getppid); }
int sched_yield(void) { return (int)syscall_result(raw_syscall0(__NR_sched_yield)); }
pid_t getpgrp(void) { return (pid_t)raw_syscall0(__NR_getpgrp); }
pid_t setsid(void) { return (pid_t)syscall_result(raw_syscall0(__NR_setsid)); }

int
execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)syscall_result(raw_syscall3(__NR_execve, path, argv, envp));
}

int
execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

pid_t
wait4(pid_t pid, int *status, int options, void *rusage)
{
	return (pid_t)syscall_result(raw_syscall4(__NR_wait4, pid, status, options, rusage));
}

pid_t waitpid(pid_t pid, int *status, int options) { return wait4(pid, status, options, NULL); }
pid_t wait(int *status) { return wait4(-1, status, 0, NULL); }

int
kill(pid_t pid, int sig)
{
	return (int)syscall_result(raw_syscall2(__NR_kill, pid, sig));
}

int
uname(struct utsname *buf)
{
	return (int)syscall_result(raw_syscall1(__NR_uname, buf));
}

int
setpgid(pid_t pid, pid_t pgid)
{
	return (int)syscall_result(raw_syscall2(__NR_setpgid, pid, pgid));
}

pid_t getpgid(pid_t pid) { return (pid_t)syscall_result(raw_syscall1(__NR_getpgid, pid)); }
pid_t getsid(pid_t pid) { return (pid_t)syscall_result(raw_syscall1(__NR_getsid, pid)); }

int
signal_ignore(int sig, int ignore)
{
	struct kernel_sigaction act = { .handler = ignore ? SIG_IGN : SIG_DFL };
	return (int)syscall_result(raw_syscall4(__NR_rt_sigaction, sig, &act, 0, 8));
}

int
sigprocmask(int how, const uint64_t *set, uint64_t *old)
{
	return (int)syscall_result(raw_syscall4(__NR_rt_sigprocmask, how, set, old, 8));
}

unsigned
sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	return nanosleep(&ts, NULL) == 0 ? 0 : ms;
}

int
open(const char *path, int flags, ...)
{
	return (int)syscall_result(raw_syscall3(__NR_open, path, flags, 0));
}

int
openat(int dirfd, const char *path, int flags, ...)
{
	return (int)syscall_result(raw_syscall4(__NR_openat, dirfd, path, flags, 0));
}

int close(int fd) { return (int)syscall_result(raw_syscall1(__NR_close, fd)); }

long
lseek(int fd, long offset, int whence)
{
	return syscall_result(raw_syscall3(__NR_lseek, fd, offset, whence));
}

ssize_t
pread(int fd, void *buf, size_t count, long offset)
{
	return syscall_result(raw_syscall4(__NR_pread64, fd, buf, count, offset));
}

ssize_t readv(int fd, const struct iovec *iov, int n) { return syscall_result(raw_syscall3(__NR_readv, fd, iov, n)); }
ssize_t writev(int fd, const struct iovec *iov, int n) { return syscall_result(raw_syscall3(__NR_writev, fd, iov, n)); }
int fstat(int fd, struct stat *st) { return (int)syscall_result(raw_syscall2(__NR_fstat, fd, st)); }
int stat(const char *p, struct stat *st) { return (int)syscall_result(raw_syscall2(__NR_stat, p, st)); }
int lstat(const char *p, struct stat *st) { return (int)syscall_result(raw_syscall2(__NR_lstat, p, st)); }
long getdents64(int fd, void *buf, size_t n) { return syscall_result(raw_syscall3(__NR_getdents64, fd, buf, n)); }
int dup(int fd) { return (int)syscall_result(raw_syscall1(__NR_dup, fd)); }
int dup2(int a, int b) { return (int)syscall_result(raw_syscall2(__NR_dup2, a, b)); }
int dup3(int a, int b, int f) { return (int)syscall_result(raw_syscall3(__NR_dup3, a, b, f)); }
int fcntl(int fd, int cmd, long arg) { return (int)syscall_result(raw_syscall3(__NR_fcntl, fd, cmd, arg)); }
int ioctl(int fd, unsigned long cmd, void *arg) { return (int)syscall_result(raw_syscall3(__NR_ioctl, fd, cmd, arg)); }
int pipe(int fds[2]) { return (int)syscall_result(raw_syscall1(__NR_pipe, fds)); }
int pipe2(int fds[2], int flags) { return (int)syscall_result(raw_syscall2(__NR_pipe2, fds, flags)); }
int access(const char *p, int mode) { return (int)syscall_result(raw_syscall2(__NR_access, p, mode)); }
int chdir(const char *p) { return (int)syscall_result(raw_syscall1(__NR_chdir, p)); }

char *
getcwd(char *buf, size_t size)
{
	return syscall_result(raw_syscall2(__NR_getcwd, buf, size)) < 0 ? NULL : buf;
}

int
isatty(int fd)
{
	struct winsize ws;
	return ioctl(fd, TIOCGWINSZ, &ws) == 0;
}

int tcsetpgrp(int fd, pid_t pgrp) { return ioctl(fd, TIOCSPGRP, &pgrp); }

pid_t
tcgetpgrp(int fd)
{
	pid_t pgrp;
	return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

/* reboot(2) with Linux's magic numbers: power the machine off. */
int
reboot_poweroff(void)
{
	return (int)syscall_result(raw_syscall4(__NR_reboot, 0xfee1dead, 672274793, 0x4321fedc, 0));
}

int epoll_create1(int flags) { return (int)syscall_result(raw_syscall1(__NR_epoll_create1, flags)); }

int
epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
	return (int)syscall_result(raw_syscall4(__NR_epoll_ctl, epfd, op, fd, ev));
}

int
epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)
{
	return (int)syscall_result(raw_syscall4(__NR_epoll_wait, epfd, events, maxevents, timeout));
}

int eventfd(unsigned initval, int flags) { return (int)syscall_result(raw_syscall2(__NR_eventfd2, initval, flags)); }
int timerfd_create(int clock, int flags) { return (int)syscall_result(raw_syscall2(__NR_timerfd_create, clock, flags)); }

int
timerfd_settime(int fd, int flags, const struct itimerspec *new, struct itimerspec *old)
{
	return (int)syscall_result(raw_syscall4(__NR_timerfd_settime, fd, flags, new, old));
}

int
timerfd_gettime(int fd, struct itimerspec *cur)
{
	return (int)syscall_result(raw_syscall2(__NR_timerfd_gettime, fd, cur));
}

int
poll(struct pollfd *fds, unsigned nfds, int timeout)
{
	return (int)syscall_result(raw_syscall3(__NR_poll, fds, nfds, timeout));
}
