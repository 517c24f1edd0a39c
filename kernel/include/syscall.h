/*
 * syscall.h - the system call layer: entry (syscall/entry.S), dispatch
 * (syscall/syscall.c), the table (syscall/table.c) and the handlers.
 *
 * Handlers are named sys_<name> (so `break sys_write` works in GDB) and
 * return a value or a negative errno, which goes straight into the user's
 * RAX, as on Linux.
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include <stddef.h>
#include <stdint.h>

#include "trapframe.h"

#define NR_SYSCALLS 512          /* table size; Linux x86-64 uses about 460 numbers */

typedef long (*syscall_fn_t)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

struct syscall_desc {
	const char *name;        /* "write" */
	int nargs;               /* how many of RDI, RSI, RDX, R10, R8, R9 it reads */
};

extern const syscall_fn_t syscall_table[NR_SYSCALLS];
extern const struct syscall_desc syscall_descs[NR_SYSCALLS];

/* How syscall_entry returns to user mode (decided in C, acted on in entry.S). */
enum syscall_return {
	RETURN_SYSRET = 0,       /* fast path: SYSRETQ */
	RETURN_IRET = 1,         /* general path: IRETQ from the full frame */
	RETURN_KILL = 2,         /* cannot return safely: SIGSEGV (never reaches entry.S) */
};

void syscall_init(void);
long syscall_invoke(uint64_t nr, const struct trap_frame *f);
enum syscall_return syscall_return_path(const struct trap_frame *f);
int syscall_dispatch(struct trap_frame *f);
void syscall_entry(void);
void syscall_print_stats(void);

/* The handlers, one file per area: sys_file.c, sys_proc.c, sys_signal.c,
 * sys_time.c, sys_mem.c, sys_info.c. */
long sys_read(int fd, uint64_t buf, size_t count);
long sys_write(int fd, uint64_t buf, size_t count);
long sys_open(uint64_t path, int flags, int mode);
long sys_openat(int dirfd, uint64_t path, int flags, int mode);
long sys_close(int fd);
long sys_pread64(int fd, uint64_t buf, size_t count, int64_t offset);
long sys_readv(int fd, uint64_t iov, int iovcnt);
long sys_writev(int fd, uint64_t iov, int iovcnt);
long sys_lseek(int fd, int64_t offset, int whence);
long sys_fstat(int fd, uint64_t st);
long sys_stat(uint64_t path, uint64_t st);
long sys_lstat(uint64_t path, uint64_t st);
long sys_readlink(uint64_t path, uint64_t buf, int size);
long sys_readlinkat(int dirfd, uint64_t path, uint64_t buf, int size);
long sys_newfstatat(int dirfd, uint64_t path, uint64_t st, int flags);
long sys_getdents64(int fd, uint64_t buf, size_t count);
long sys_dup(int fd);
long sys_dup2(int oldfd, int newfd);
long sys_dup3(int oldfd, int newfd, int flags);
long sys_fcntl(int fd, int cmd, uint64_t arg);
long sys_ioctl(int fd, unsigned cmd, uint64_t arg);
long sys_pipe(uint64_t fds);
long sys_pipe2(uint64_t fds, int flags);
long sys_access(uint64_t path, int mode);
long sys_getcwd(uint64_t buf, size_t size);
long sys_chdir(uint64_t path);
long sys_getpid(void);
long sys_gettid(void);
long sys_getppid(void);
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_exit(int status);
long sys_exit_group(int status);
long sys_fork(void);
long sys_clone(uint64_t flags, uint64_t stack, uint64_t parent_tid, uint64_t child_tid, uint64_t tls);
long sys_futex(uint64_t uaddr, int op, uint32_t val, uint64_t utime, uint64_t uaddr2, uint32_t val3);
long sys_set_robust_list(uint64_t head, size_t len);
long sys_get_robust_list(int tid, uint64_t head, uint64_t len);
long sys_vfork(void);
long sys_execve(uint64_t path, uint64_t argv, uint64_t envp);
long sys_wait4(int pid, uint64_t status, int options, uint64_t rusage);
long sys_sched_yield(void);
long sys_setpgid(int pid, int pgid);
long sys_getpgid(int pid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getsid(int pid);
long sys_uname(uint64_t buf);
long sys_set_tid_address(uint64_t tidptr);
long sys_arch_prctl(int code, uint64_t addr);
long sys_kill(int pid, int sig);
long sys_rt_sigaction(int sig, uint64_t act, uint64_t oldact, size_t sigsetsize);
long sys_rt_sigprocmask(int how, uint64_t set, uint64_t oldset, size_t sigsetsize);
long sys_rt_sigreturn(void);
long sys_rt_sigpending(uint64_t set, size_t sigsetsize);
long sys_rt_sigtimedwait(uint64_t set, uint64_t info, uint64_t ts, size_t sigsetsize);
long sys_rt_sigsuspend(uint64_t mask, size_t sigsetsize);
long sys_sigaltstack(uint64_t ss, uint64_t oss);
long sys_pause(void);
long sys_tkill(int tid, int sig);
long sys_tgkill(int tgid, int tid, int sig);
long sys_restart_syscall(void);
long sys_nanosleep(uint64_t req, uint64_t rem);
long sys_getitimer(int which, uint64_t cur);
long sys_setitimer(int which, uint64_t new, uint64_t old);
long sys_alarm(unsigned seconds);
long sys_clock_nanosleep(int clock, int flags, uint64_t req, uint64_t rem);
long sys_clock_gettime(int clock, uint64_t tp);
long sys_clock_getres(int clock, uint64_t tp);
long sys_gettimeofday(uint64_t tv, uint64_t tz);
long sys_time(uint64_t tloc);
long sys_getcpu(uint64_t cpu, uint64_t node, uint64_t cache);
long sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off);
long sys_munmap(uint64_t addr, uint64_t len);
long sys_mprotect(uint64_t addr, uint64_t len, int prot);
long sys_madvise(uint64_t addr, uint64_t len, int advice);
long sys_mincore(uint64_t addr, uint64_t len, uint64_t vec);
long sys_getrlimit(int resource, uint64_t lim);
long sys_setrlimit(int resource, uint64_t lim);
long sys_prlimit64(int pid, int resource, uint64_t new, uint64_t old);
long sys_sched_getaffinity(int pid, size_t len, uint64_t mask);
long sys_sched_setaffinity(int pid, size_t len, uint64_t mask);
long sys_brk(uint64_t addr);
long sys_sysinfo(uint64_t info);
long sys_reboot(unsigned magic1, unsigned magic2, unsigned cmd, uint64_t arg);
long sys_epoll_create(int size);
long sys_epoll_create1(int flags);
long sys_epoll_ctl(int epfd, int op, int fd, uint64_t event);
long sys_epoll_wait(int epfd, uint64_t events, int maxevents, int timeout);
long sys_epoll_pwait(int epfd, uint64_t events, int maxevents, int timeout, uint64_t sigmask,
		     size_t sigsetsize);
long sys_eventfd(unsigned initval);
long sys_eventfd2(unsigned initval, int flags);
long sys_timerfd_create(int clock, int flags);
long sys_timerfd_settime(int fd, int flags, uint64_t new, uint64_t old);
long sys_timerfd_gettime(int fd, uint64_t cur);
long sys_poll(uint64_t fds, unsigned nfds, int timeout);
long sys_select(int n, uint64_t in, uint64_t out, uint64_t ex, uint64_t tv);
long sys_pselect6(int n, uint64_t in, uint64_t out, uint64_t ex, uint64_t ts, uint64_t sig);
long sys_ppoll(uint64_t fds, unsigned nfds, uint64_t ts, uint64_t sigmask, size_t sigsetsize);

#endif
