/*
 * libsys.h - the tiny C library for this kernel's user programs: raw
 * system calls, one wrapper per call, printf, strings. Numbers, errno
 * values and structs come from the kernel's uapi headers, so they cannot
 * disagree with the kernel.
 *
 * Wrappers follow libc's convention: on failure they return -1 and set
 * errno; the raw_syscallN() helpers return the kernel's value untouched
 * (a negative errno on failure), which is what the tests want to see.
 */
#ifndef LIBSYS_H
#define LIBSYS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "uapi/auxv.h"
#include "uapi/errno.h"
#include "uapi/eventpoll.h"
#include "uapi/fcntl.h"
#include "uapi/termios.h"
#include "uapi/mman.h"
#include "uapi/resource.h"
#include "uapi/signal.h"
#include "uapi/sysinfo.h"
#include "uapi/time.h"
#include "uapi/unistd.h"
#include "uapi/utsname.h"

typedef long ssize_t;
typedef int pid_t;

extern int errno;
extern char **environ;

/*
 * A raw system call: number in RAX, arguments in RDI, RSI, RDX, R10, R8, R9.
 * The SYSCALL instruction itself overwrites RCX (return address) and R11
 * (saved RFLAGS), so they are clobbered; "memory" because the kernel may
 * read or write our buffers.
 */
static inline long
raw_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}
#define raw_syscall0(nr) raw_syscall6((nr), 0, 0, 0, 0, 0, 0)
#define raw_syscall1(nr, a) raw_syscall6((nr), (long)(a), 0, 0, 0, 0, 0)
#define raw_syscall2(nr, a, b) raw_syscall6((nr), (long)(a), (long)(b), 0, 0, 0, 0)
#define raw_syscall3(nr, a, b, c) raw_syscall6((nr), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define raw_syscall4(nr, a, b, c, d) raw_syscall6((nr), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define raw_syscall5(nr, a, b, c, d, e) \
	raw_syscall6((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* System call wrappers (stubs.c). */
long syscall_result(long ret);   /* -errno -> -1 with errno set */
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int close(int fd);
long lseek(int fd, long offset, int whence);
ssize_t pread(int fd, void *buf, size_t count, long offset);
ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
int fstat(int fd, struct stat *st);
int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);
long getdents64(int fd, void *buf, size_t count);
int dup(int fd);
int dup2(int oldfd, int newfd);
int dup3(int oldfd, int newfd, int flags);
int fcntl(int fd, int cmd, long arg);
int ioctl(int fd, unsigned long cmd, void *arg);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int access(const char *path, int mode);
char *getcwd(char *buf, size_t size);
int chdir(const char *path);
int isatty(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
pid_t tcgetpgrp(int fd);
int reboot_poweroff(void);
int epoll_create1(int flags);
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);
int eventfd(unsigned initval, int flags);
int timerfd_create(int clock, int flags);
int timerfd_settime(int fd, int flags, const struct itimerspec *new, struct itimerspec *old);
int timerfd_gettime(int fd, struct itimerspec *cur);
int poll(struct pollfd *fds, unsigned nfds, int timeout);
pid_t getpid(void);
pid_t gettid(void);
void exit(int status) __attribute__((noreturn));
void _exit(int status) __attribute__((noreturn));
int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(int clock, struct timespec *tp);          /* via the vDSO */
int clock_gettime_syscall(int clock, struct timespec *tp);  /* always the system call */
int gettimeofday(struct timeval *tv, struct timezone *tz);  /* via the vDSO */
long time(long *tloc);                                      /* via the vDSO */
int clock_getres(int clock, struct timespec *res);
void *vdso_lookup(const char *name);     /* a vDSO function by name, or NULL */
int vdso_for_each_symbol(void (*fn)(const char *name, const char *version, void *addr));
void *mmap(void *addr, size_t len, int prot, int flags, int fd, long off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int madvise(void *addr, size_t len, int advice);
int brk(void *addr);
void *sbrk(long increment);
int sysinfo(struct sysinfo *info);
pid_t fork(void);
pid_t vfork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);    /* with environ */
pid_t wait4(pid_t pid, int *status, int options, void *rusage);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);
int kill(pid_t pid, int sig);
pid_t getppid(void);
int uname(struct utsname *buf);
int sched_yield(void);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t pid);
int signal_ignore(int sig, int ignore);   /* rt_sigaction with SIG_IGN / SIG_DFL */
int sigprocmask(int how, const uint64_t *set, uint64_t *old);

/* Signal handlers (signal.c). A handler gets the signal number, its
 * siginfo_t and the ucontext the kernel saved (uapi/ucontext.h). */
typedef void (*sig_handler_t)(int sig, struct siginfo *info, void *ucontext);
/* Install handler with SA_SIGINFO | SA_RESTORER | flags and sa_mask = mask. */
int signal_handle(int sig, sig_handler_t handler, unsigned long flags, uint64_t mask);
int sigaction_raw(int sig, const struct kernel_sigaction *act, struct kernel_sigaction *old);
int sigaltstack(const struct sigaltstack *ss, struct sigaltstack *old);
int sigpending(uint64_t *set);
int sigsuspend(const uint64_t *mask);
int sigtimedwait(const uint64_t *set, struct siginfo *info, const struct timespec *timeout);
int tgkill(pid_t tgid, pid_t tid, int sig);
int pause(void);
void __restore_rt(void);                 /* sa_restorer: rt_sigreturn */

/* Threads (thread.c): a raw clone that runs fn(arg) in the new thread, and
 * create/join as pthreads does them (clone + a futex on the thread id). */
long thread_clone(unsigned long flags, void *stack_top, int *parent_tid, int *child_tid,
		  unsigned long tls, int (*fn)(void *), void *arg);
struct thread {
	volatile int tid;        /* set by the kernel at the start, cleared (and woken) at the end */
	int result;              /* fn's return value, for thread_join */
	int (*fn)(void *);
	void *arg;
	void *stack;
};
int thread_create(struct thread *t, int (*fn)(void *), void *arg);
int thread_join(struct thread *t);       /* fn's result */

/* sigsetjmp/siglongjmp: leave a signal handler for a point saved earlier. */
typedef struct {
	uint64_t regs[8];                /* rbx rbp r12-r15 rsp rip */
	uint64_t mask;
	int mask_saved;
} sigjmp_buf[1];
int __sigsetjmp_regs(sigjmp_buf env) __attribute__((returns_twice));
/* A macro, not a function: the registers must be the caller's own. */
#define sigsetjmp(env, savemask) \
	((env)->mask_saved = (savemask), \
	 (savemask) ? sigprocmask(SIG_SETMASK, NULL, &(env)->mask) : 0, \
	 __sigsetjmp_regs(env))
void siglongjmp(sigjmp_buf env, int val) __attribute__((noreturn));
unsigned sleep_ms(unsigned ms);

/* Decoding wait4's status word (the same macros as <sys/wait.h>). */
#define WIFEXITED(s)    (((s) & 0x7f) == 0)
#define WEXITSTATUS(s)  (((s) >> 8) & 0xff)
#define WIFSIGNALED(s)  (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)     ((s) & 0x7f)
#define WIFSTOPPED(s)   (((s) & 0xff) == 0x7f)
#define WSTOPSIG(s)     WEXITSTATUS(s)
#define WIFCONTINUED(s) ((s) == 0xffff)

/* Start-up information (crt0.S / start.c). */
unsigned long getauxval(unsigned long type);

/* Output (stdio.c). */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int puts(const char *s);
const char *strerror(int err);

const char *signal_name(int sig);

/* Strings and numbers (string.c). */
char *strchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *dst, const char *src);
char *getenv(const char *name);
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
long atol(const char *s);

/* CPU helpers for measurements. */
static inline uint64_t
rdtsc_ordered(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t
rdtscp(void)
{
	uint32_t lo, hi, aux;
	__asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

#endif
