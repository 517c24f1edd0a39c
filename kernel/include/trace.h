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

/*
 * How the tracer prints each argument: the kinds used in uapi/syscalls.h.
 * A kind names what strace shows for the argument, not only its C type, so
 * that the line of a call can be flipped from NOSYS to SYSCALL without
 * touching its kinds. Kinds marked "(exit)" are printed when the call
 * returns (the kernel fills them in); a failed call shows their address.
 * Adding a kind: here, in is_output() if it is an output, and in
 * print_arg() (trace/format.c).
 */
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
	EPOLL_CREATE_FLAGS,   /* epoll_create1's: EPOLL_CLOEXEC (Go's runtime) */
	DUP3_FLAGS,      /* dup3's: O_CLOEXEC, or 0 */

	/* Signals (trace/format_signal.c). SIGSET_IN/OUT above: [INT QUIT], ~[KILL STOP],
	 * [RTMIN RT_1], of the size the call's SIGSETSIZE says (the address if not 8). */
	SIGSETSIZE,      /* rt_sigprocmask, ppoll, ...: the size of the call's sigsets, printed as LEN */
	SIGPENDING_OUT,  /* rt_sigpending's set (exit): any size 1..8 */
	SIGINFO_IN,      /* {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=5, si_uid=0, ...} (rt_sigqueueinfo) */
	SIGINFO_OUT,     /* the same, filled by the call (exit); a positive result is a signal:
			    rt_sigtimedwait(...) = 10 (SIGUSR1) */
	STACK_IN, STACK_OUT,   /* sigaltstack's stack_t: {ss_sp=0xc000008000, ss_flags=0, ss_size=32768} */
	ITIMER_WHICH,    /* ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF */
	ITIMERVAL_IN, ITIMERVAL_OUT,  /* {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=1, tv_usec=0}} */
	SIGFRAME,        /* rt_sigreturn's pseudo-argument: traced_invoke (syscall.c) passes the user
			    RSP as args[0]; prints {mask=[...]} from the ucontext there */
	TIMESPEC_REM,    /* nanosleep's remaining time (exit): shown only when a signal cut the
			    sleep short (= ? ERESTART_RESTARTBLOCK), else its address */
	RESTART_NR,      /* restart_syscall's pseudo-argument: trace.c passes the number of the task's
			    previous call as args[0]: <... resuming interrupted nanosleep ...> */

	/* Threads and processes (trace/format_task.c). */
	CLONE_FLAGS,     /* clone's flags (arg 0): prints "child_stack=..., flags=CLONE_VM|...|SIGCHLD" */
	CLONE_STACK,     /* clone's stack: printed by CLONE_FLAGS */
	CLONE_PARENT_TID,/* clone's parent_tid (exit): prints ", parent_tid=[N], tls=..., child_tidptr=..."
			    as the flags ask */
	CLONE_CHILD_TID, CLONE_TLS,   /* printed by CLONE_PARENT_TID */
	CLONE3_ARGS,     /* clone3's struct clone_args: {flags=..., exit_signal=SIGCHLD, stack=..., ...} */
	CLONE3_SIZE,     /* clone3's size; after a success " => {parent_tid=[N]}" first (exit) */
	FUTEX_OPCODE,    /* futex's op: FUTEX_WAIT_PRIVATE and the arguments that op uses */
	FUTEX_VAL, FUTEX_TIMEOUT, FUTEX_UADDR2, FUTEX_VAL3,   /* printed by FUTEX_OPCODE */
	PTR_OUT,         /* an address the call stores: [0x7ffdde676720] (exit) */
	LEN_OUT,         /* a size the call stores: [24] (exit) */
	CPUSET_IN,       /* a CPU set, its size the argument before: [0 1] */
	CPUSET_OUT,      /* the same filled by the call, its size the result (exit) */
	RLIMIT_RESOURCE, /* RLIMIT_NOFILE, ... */
	RLIMIT_IN, RLIMIT_OUT,   /* {rlim_cur=1024, rlim_max=4*1024}, RLIM64_INFINITY */
	MINCORE_OUT,     /* mincore's vector, one per page of the length before: [1, 0, 1] (exit) */

	/* Descriptors (trace/format_fd.c). */
	FDSET,           /* select's fd_set of args[0] descriptors: [3 4]; the result shows the
			    ready ones: = 1 (out [4], left {...}) */
	TIMEVAL_IN,      /* {tv_sec=0, tv_usec=1000} */
	PSELECT6_SIGMASK,/* {sigmask=[USR1], sigsetsize=8} */
	FCNTL_ARG,       /* fcntl's third argument, by command (none for F_GETFL); F_GETFL's
			    result: = 0x800 (flags O_RDONLY|O_NONBLOCK) */
	TRACE_KIND_COUNT,
};
_Static_assert(TRACE_KIND_COUNT <= 256, "a kind fits in syscall_arg_kinds' uint8_t");

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
/* The end of a call that does not return: " <unfinished ...>" if arguments
 * were left for the exit, ") = ?" at column 40 (exit, exit_group, a task
 * that dies in a call). */
void trace_format_no_return(struct trace_fmt *out, int nr, int pos, size_t col0);
/* "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10} ---" (no newline). */
struct siginfo;
void trace_format_signal(struct trace_fmt *out, const struct siginfo *si);
/* The siginfo that trace_signal's arguments describe (see trace_signal). */
void trace_siginfo_of(struct siginfo *si, int sig, int code, uint64_t addr, int sender);
/* "[pid     5] ": the prefix of a line with -f while several tasks are traced. */
void trace_format_pid(struct trace_fmt *out, int pid);
/* "write", or "syscall_0x1f4" for a number Linux does not use (buf holds it). */
#define TRACE_NAME_MAX 32
const char *trace_syscall_name(int nr, char buf[TRACE_NAME_MAX]);
/* "-1 ENOENT (No such file or directory)" style for a negative errno. */
const char *trace_errno_name(int err);
const char *trace_errno_text(int err);
const char *trace_signal_name(int sig);  /* SIGINT, SIGRTMIN, SIGRT_1..SIGRT_32; NULL outside 1..64 */
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
void trace_stop(struct proc *p, int sig);     /* a signal's default action stopped p */
void trace_process_end(struct proc *p, int wait_status);
void trace_leader_ends_early(struct proc *p);

/* Descriptor of each argument, from uapi/syscalls.h (syscall/table.c). */
extern const uint8_t syscall_arg_kinds[NR_SYSCALLS][6];

#endif
