/*
 * format_parts.h - what the pieces of the strace formatter share:
 *
 *   format.c          one call (name, arguments by kind, result), strings,
 *                     files and memory; the -c table
 *   format_signal.c   signals: names, sets, sigaction, siginfo and the
 *                     "--- SIGSEGV {...} ---" line, sigaltstack, itimers
 *   format_task.c     threads and processes: clone, clone3, futex, robust
 *                     lists, CPU sets, resource limits
 *   format_fd.c       select/pselect6 and fcntl
 *
 * All of it is pure: user memory is read through out->read only. The rest
 * of the kernel uses trace.h.
 */
#ifndef TRACE_FORMAT_PARTS_H
#define TRACE_FORMAT_PARTS_H

#include <stdbool.h>
#include <stdint.h>

#include "trace.h"

struct siginfo;

struct flag_name {
	uint64_t value;
	const char *name;
};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The result of a failed call: -4095..-1 (its output arguments were not written). */
static inline bool
trace_failed(long ret)
{
	return ret < 0 && ret >= -4095;
}

/* ---- format.c */
/* NAME|NAME|0x..; zero_name for 0; with no name matching, "0x10 /- unknown -/"
 * (unknown like "SA_???"; NULL: plain hex). */
void print_flags(struct trace_fmt *out, uint64_t value, const struct flag_name *names, int n,
		 const char *zero_name, const char *unknown);
/* One of a set of names, else "0x5 /- unknown -/" (NULL: plain hex). */
void print_xval(struct trace_fmt *out, uint64_t value, const struct flag_name *names, int n,
		const char *unknown);
/* An address: NULL or 0x... */
void print_addr(struct trace_fmt *out, uint64_t addr);
/* Read n bytes at addr, or print NULL / the address and return false. */
bool read_struct(struct trace_fmt *out, uint64_t addr, void *dst, size_t n);
void print_timespec(struct trace_fmt *out, uint64_t addr);
void print_timeval(struct trace_fmt *out, uint64_t addr);
void print_open_flags(struct trace_fmt *out, uint64_t flags);

/* ---- format_signal.c */
void print_signal(struct trace_fmt *out, int sig);             /* SIGINT, SIGRT_1, 65 */
/* A signal set of len bytes at addr ([INT QUIT], ~[KILL STOP]); the address when
 * len is not min_len..8. */
void print_sigset_at(struct trace_fmt *out, uint64_t addr, uint64_t len, uint64_t min_len);
void print_sigmask(struct trace_fmt *out, uint64_t mask, unsigned bytes);
void print_sigaction(struct trace_fmt *out, uint64_t addr);
void print_siginfo(struct trace_fmt *out, const struct siginfo *si);
void print_siginfo_at(struct trace_fmt *out, uint64_t addr);
void print_sigaltstack(struct trace_fmt *out, uint64_t addr);
void print_itimerval(struct trace_fmt *out, uint64_t addr);
void print_itimer_which(struct trace_fmt *out, uint64_t which);
void print_sigframe(struct trace_fmt *out, uint64_t rsp);
void print_pselect6_sigmask(struct trace_fmt *out, uint64_t addr);

/* ---- format_task.c */
void print_clone_enter(struct trace_fmt *out, const uint64_t args[6]);
bool clone_has_exit_part(const uint64_t args[6]);
void print_clone_exit(struct trace_fmt *out, const uint64_t args[6], long ret);
void print_clone3_args(struct trace_fmt *out, uint64_t addr, uint64_t size);
bool clone3_has_exit_part(struct trace_fmt *out, const uint64_t args[6]);
void print_clone3_exit(struct trace_fmt *out, const uint64_t args[6], long ret);
void print_futex_op(struct trace_fmt *out, const uint64_t args[6]);
void print_cpuset(struct trace_fmt *out, uint64_t addr, uint64_t len);
void print_rlimit_resource(struct trace_fmt *out, uint64_t resource);
void print_rlimit(struct trace_fmt *out, uint64_t addr);
void print_mincore_vec(struct trace_fmt *out, uint64_t addr, uint64_t len);

/* ---- format_fd.c */
void print_fdset(struct trace_fmt *out, uint64_t addr, int nfds);
void print_select_result(struct trace_fmt *out, const uint64_t args[6], long ret, bool timespec);
void print_fcntl_cmd(struct trace_fmt *out, uint64_t cmd);
bool fcntl_arg_shown(uint64_t cmd);
void print_fcntl_arg(struct trace_fmt *out, uint64_t cmd, uint64_t arg);
bool print_fcntl_result(struct trace_fmt *out, uint64_t cmd, long ret);

#endif
