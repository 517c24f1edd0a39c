/*
 * trace.h - the built-in system-call tracer behind /bin/strace.
 *
 * A process asks to be traced by writing options to /proc/self/trace
 * (user/strace.c does it in a child, just before execve); from its next
 * execve on, the dispatcher calls trace_enter/trace_exit around every
 * system call, and the lines come out on the console in strace's format.
 * With -f the children of traced processes are traced too. All traced
 * processes of one strace share a struct trace_session (options, counts
 * for -c, whose line is open for <unfinished ...>).
 *
 * The formatting itself (trace/format.c) is pure: it reads user memory
 * only through a callback, so the host tests check it byte for byte.
 */
#ifndef TRACE_H
#define TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "syscall.h"

/* How the tracer prints each argument (the kinds used in uapi/syscalls.h). */
enum trace_kind {
	_ = 0,           /* no argument */
	INT, UINT, HEX, PTR, FD, DIRFD, LEN, OFF, MODE,
	STR, PATH,       /* a NUL-terminated string read from user memory */
	STR_OUT,         /* a NUL-terminated string the call writes (getcwd) */
	BUF_IN,          /* bytes going in; the length is the next argument */
	BUF_OUT,         /* bytes coming out; the length is the result (printed at exit) */
	IOVEC_IN,        /* writev's array of buffers; the count is the next argument */
	IOVEC_OUT,       /* readv's, filled by the call */
	OPEN_FLAGS, PROT, MAP_FLAGS, CLOCK, SIGNAL, SIGHOW, WAIT_OPTIONS, ACCESS_MODE, WHENCE,
	MADVICE, FCNTL_CMD, IOCTL_CMD, ARCH_PRCTL_CODE, EPOLL_OP, EFD_FLAGS, PIPE_FLAGS,
	TIMESPEC_IN, TIMESPEC_OUT, STAT_OUT, PIPEFDS_OUT, WSTATUS_OUT, ARGV, ENVP,
	EPOLL_EVENT_IN, EPOLL_EVENTS_OUT, SIGSET_IN, SIGSET_OUT, SIGACTION_IN, SIGACTION_OUT,
	UTSNAME_OUT, ITIMERSPEC_IN, ITIMERSPEC_OUT, TIMEVAL_OUT,
	TRACE_KIND_COUNT,
};

/* Reads user memory for the formatter: 0, or -1 if the address is bad. */
typedef int (*trace_reader_fn)(void *ctx, uint64_t addr, void *dst, size_t n);

struct trace_fmt {
	char *buf;
	size_t size, len;            /* like snprintf: len may exceed size */
	int strsize;                 /* -s: longest string shown (default 32) */
	trace_reader_fn read;
	void *ctx;
};

/* Print "name(arg, arg" up to the first argument that is only known at exit. Returns its index. */
int trace_format_enter(struct trace_fmt *out, int nr, const uint64_t args[6]);
/* Print the remaining arguments from index pos, ")", padding to column 40 (counting
 * col0 columns already on the line), "= result". */
void trace_format_exit(struct trace_fmt *out, int nr, const uint64_t args[6], int pos, long ret,
		       size_t col0);
/* "write", or "syscall_0x1f4" for a number Linux does not use (buf holds it). */
#define TRACE_NAME_MAX 32
const char *trace_syscall_name(int nr, char buf[TRACE_NAME_MAX]);
/* "-1 ENOENT (No such file or directory)" style for a negative errno. */
const char *trace_errno_name(int err);
const char *trace_errno_text(int err);
const char *trace_signal_name(int sig);
void trace_printf(struct trace_fmt *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One row of strace -c: a call's count, errors and time spent in it. */
struct trace_count {
	const char *name;
	uint64_t calls, errors;
	uint64_t ns;
};
/* The -c table: rows sorted by time (rows is reordered), percentages, a total line. */
void trace_format_summary(struct trace_fmt *out, struct trace_count *rows, int n);

/* The session and the hooks (trace/trace.c). */
struct proc;
struct trace_session;
int trace_configure(struct proc *p, const char *options, size_t len);   /* /proc/<pid>/trace */
void trace_enter(struct proc *p, int nr, const uint64_t args[6]);
void trace_exit(struct proc *p, int nr, const uint64_t args[6], long ret);
void trace_fork(struct proc *parent, struct proc *child);
void trace_signal(struct proc *p, int sig, int code, uint64_t addr, int sender);
void trace_process_end(struct proc *p, int wait_status);

/* Descriptor of each argument, from uapi/syscalls.h (syscall/table.c). */
extern const uint8_t syscall_arg_kinds[NR_SYSCALLS][6];

#endif
