/*
 * format.c - one system call as strace prints it:
 *
 *   write(1, "hello, world\n", 13)          = 13
 *   open("/no/such/file", O_RDONLY)         = -1 ENOENT (No such file or directory)
 *   mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7ffff7ffe000
 *
 * Each argument is printed according to its kind (uapi/syscalls.h, trace.h).
 * Arguments the call fills in (a read buffer, a struct stat) are printed
 * at exit; the rest at entry. The " = result" column starts at column 40,
 * as in strace. Pure: user memory is read through out->read only, so the
 * host tests (tests/host/test_trace_format.c) run it on fake memory.
 * The decoders of signals, tasks and select/fcntl are in format_signal.c,
 * format_task.c and format_fd.c (format_parts.h).
 */
#include <stdarg.h>
#include <stddef.h>

#include "format.h"
#include "format_parts.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/eventpoll.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"
#include "uapi/signal.h"
#include "uapi/termios.h"
#include "uapi/time.h"
#include "uapi/utsname.h"

#define RESULT_COLUMN 40
#define MAX_ARRAY 16             /* argv entries / epoll events shown before "..." */

void
trace_printf(struct trace_fmt *out, const char *fmt, ...)
{
	va_list ap;
	size_t room = out->len < out->size ? out->size - out->len : 0;

	va_start(ap, fmt);
	out->len += (size_t)format_vsnprintf(out->buf + (room ? out->len : 0), room, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ names */

static const char *const errno_names[] = {
	[EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH", [EINTR] = "EINTR",
	[EIO] = "EIO", [ENXIO] = "ENXIO", [E2BIG] = "E2BIG", [ENOEXEC] = "ENOEXEC",
	[EBADF] = "EBADF", [ECHILD] = "ECHILD", [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM",
	[EACCES] = "EACCES", [EFAULT] = "EFAULT", [EEXIST] = "EEXIST", [ENOTDIR] = "ENOTDIR",
	[EISDIR] = "EISDIR", [EINVAL] = "EINVAL", [EMFILE] = "EMFILE", [ENOTTY] = "ENOTTY",
	[ENOSPC] = "ENOSPC", [ESPIPE] = "ESPIPE", [EROFS] = "EROFS", [EPIPE] = "EPIPE",
	[ERANGE] = "ERANGE", [ENAMETOOLONG] = "ENAMETOOLONG", [ENOSYS] = "ENOSYS",
	[ELOOP] = "ELOOP",
};
static const char *const errno_texts[] = {
	[EPERM] = "Operation not permitted", [ENOENT] = "No such file or directory",
	[ESRCH] = "No such process", [EINTR] = "Interrupted system call",
	[EIO] = "Input/output error", [ENXIO] = "No such device or address",
	[E2BIG] = "Argument list too long", [ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file descriptor", [ECHILD] = "No child processes",
	[EAGAIN] = "Resource temporarily unavailable", [ENOMEM] = "Cannot allocate memory",
	[EACCES] = "Permission denied", [EFAULT] = "Bad address", [EEXIST] = "File exists",
	[ENOTDIR] = "Not a directory", [EISDIR] = "Is a directory", [EINVAL] = "Invalid argument",
	[EMFILE] = "Too many open files", [ENOTTY] = "Inappropriate ioctl for device",
	[ENOSPC] = "No space left on device", [ESPIPE] = "Illegal seek",
	[EROFS] = "Read-only file system", [EPIPE] = "Broken pipe",
	[ERANGE] = "Numerical result out of range", [ENAMETOOLONG] = "File name too long",
	[ENOSYS] = "Function not implemented", [ELOOP] = "Too many levels of symbolic links",
};

const char *
trace_errno_name(int err)
{
	if (err == ETIMEDOUT)
		return "ETIMEDOUT";
	return err > 0 && err < (int)(sizeof errno_names / sizeof errno_names[0]) &&
	       errno_names[err] ? errno_names[err] : NULL;
}

const char *
trace_errno_text(int err)
{
	if (err == ETIMEDOUT)
		return "Connection timed out";
	return err > 0 && err < (int)(sizeof errno_texts / sizeof errno_texts[0]) &&
	       errno_texts[err] ? errno_texts[err] : "Unknown error";
}

/*
 * value as NAME|NAME|0x.. from a table (in the table's order); zero_name
 * when value is 0. When no name matches at all, strace adds a comment
 * naming the kind after the number, "0x20" then the comment "SA_???"
 * (unknown); the older kinds here pass NULL and print plain hex.
 */
void
print_flags(struct trace_fmt *out, uint64_t value, const struct flag_name *names, int n,
	    const char *zero_name, const char *unknown)
{
	bool first = true;

	if (value == 0) {
		trace_printf(out, "%s", zero_name);
		return;
	}
	for (int i = 0; i < n; i++) {
		if (names[i].value != 0 && (value & names[i].value) == names[i].value) {
			trace_printf(out, "%s%s", first ? "" : "|", names[i].name);
			value &= ~names[i].value;
			first = false;
		}
	}
	if (value != 0 && first && unknown)
		trace_printf(out, "%#lx /* %s */", value, unknown);
	else if (value != 0)
		trace_printf(out, "%s%#lx", first ? "" : "|", value);
}

/* One of a set of names, else the number in hex with strace's comment
 * "MADV_???" (unknown), or plain hex when unknown is NULL. */
void
print_xval(struct trace_fmt *out, uint64_t value, const struct flag_name *names, int n, const char *unknown)
{
	for (int i = 0; i < n; i++)
		if (names[i].value == value) {
			trace_printf(out, "%s", names[i].name);
			return;
		}
	if (unknown)
		trace_printf(out, "%#lx /* %s */", value, unknown);
	else
		trace_printf(out, "%#lx", value);
}

void
print_addr(struct trace_fmt *out, uint64_t addr)
{
	if (addr == 0)
		trace_printf(out, "NULL");
	else
		trace_printf(out, "%#lx", addr);
}

/* A value that is one of a set of names (CLOCK_*, EPOLL_CTL_*, ...), else a number. */
static void
print_enum(struct trace_fmt *out, uint64_t value, const struct flag_name *names, int n)
{
	for (int i = 0; i < n; i++)
		if (names[i].value == value) {
			trace_printf(out, "%s", names[i].name);
			return;
		}
	trace_printf(out, "%ld", (long)value);
}

static const struct flag_name prot_names[] = {
	{ PROT_READ, "PROT_READ" }, { PROT_WRITE, "PROT_WRITE" }, { PROT_EXEC, "PROT_EXEC" },
};
static const struct flag_name map_names[] = {
	{ MAP_SHARED_VALIDATE, "MAP_SHARED_VALIDATE" }, { MAP_SHARED, "MAP_SHARED" },
	{ MAP_PRIVATE, "MAP_PRIVATE" }, { MAP_FIXED, "MAP_FIXED" },
	{ MAP_ANONYMOUS, "MAP_ANONYMOUS" }, { MAP_NORESERVE, "MAP_NORESERVE" },
	{ MAP_POPULATE, "MAP_POPULATE" }, { MAP_STACK, "MAP_STACK" },
	{ MAP_FIXED_NOREPLACE, "MAP_FIXED_NOREPLACE" },
};
static const struct flag_name open_names[] = {
	{ O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" }, { O_NOCTTY, "O_NOCTTY" },
	{ O_TRUNC, "O_TRUNC" }, { O_APPEND, "O_APPEND" }, { O_NONBLOCK, "O_NONBLOCK" },
	{ 0100000, "O_LARGEFILE" }, { O_NOFOLLOW, "O_NOFOLLOW" }, { O_CLOEXEC, "O_CLOEXEC" },
	{ O_DIRECTORY, "O_DIRECTORY" },   /* strace prints it last */
};
static const struct flag_name clock_names[] = {
	{ CLOCK_REALTIME, "CLOCK_REALTIME" }, { CLOCK_MONOTONIC, "CLOCK_MONOTONIC" },
	{ CLOCK_PROCESS_CPUTIME_ID, "CLOCK_PROCESS_CPUTIME_ID" },
	{ CLOCK_THREAD_CPUTIME_ID, "CLOCK_THREAD_CPUTIME_ID" },
	{ CLOCK_MONOTONIC_RAW, "CLOCK_MONOTONIC_RAW" },
	{ CLOCK_REALTIME_COARSE, "CLOCK_REALTIME_COARSE" },
	{ CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE" }, { CLOCK_BOOTTIME, "CLOCK_BOOTTIME" },
};
static const struct flag_name epoll_op_names[] = {
	{ EPOLL_CTL_ADD, "EPOLL_CTL_ADD" }, { EPOLL_CTL_DEL, "EPOLL_CTL_DEL" },
	{ EPOLL_CTL_MOD, "EPOLL_CTL_MOD" },
};
static const struct flag_name epoll_event_names[] = {
	{ EPOLLIN, "EPOLLIN" }, { EPOLLPRI, "EPOLLPRI" }, { EPOLLOUT, "EPOLLOUT" },
	{ EPOLLERR, "EPOLLERR" }, { EPOLLHUP, "EPOLLHUP" }, { EPOLLRDNORM, "EPOLLRDNORM" },
	{ EPOLLWRNORM, "EPOLLWRNORM" }, { EPOLLRDHUP, "EPOLLRDHUP" },
	{ EPOLLEXCLUSIVE, "EPOLLEXCLUSIVE" }, { EPOLLWAKEUP, "EPOLLWAKEUP" },
	{ EPOLLONESHOT, "EPOLLONESHOT" }, { EPOLLET, "EPOLLET" },
};
static const struct flag_name sighow_names[] = {
	{ SIG_BLOCK, "SIG_BLOCK" }, { SIG_UNBLOCK, "SIG_UNBLOCK" }, { SIG_SETMASK, "SIG_SETMASK" },
};
static const struct flag_name wait_names[] = {       /* in strace's order */
	{ WNOHANG, "WNOHANG" }, { 4, "WEXITED" }, { WUNTRACED, "WSTOPPED" } /* same bit; strace's name */,
	{ WCONTINUED, "WCONTINUED" }, { 0x01000000, "WNOWAIT" }, { 0x80000000, "__WCLONE" },
	{ 0x40000000, "__WALL" }, { 0x20000000, "__WNOTHREAD" },
};
static const struct flag_name access_names[] = {
	{ R_OK, "R_OK" }, { W_OK, "W_OK" }, { X_OK, "X_OK" },
};
static const struct flag_name whence_names[] = {
	{ SEEK_SET, "SEEK_SET" }, { SEEK_CUR, "SEEK_CUR" }, { SEEK_END, "SEEK_END" },
};
static const struct flag_name madv_names[] = {
	{ MADV_NORMAL, "MADV_NORMAL" }, { MADV_RANDOM, "MADV_RANDOM" },
	{ MADV_SEQUENTIAL, "MADV_SEQUENTIAL" }, { MADV_WILLNEED, "MADV_WILLNEED" },
	{ MADV_DONTNEED, "MADV_DONTNEED" }, { MADV_FREE, "MADV_FREE" }, { MADV_REMOVE, "MADV_REMOVE" },
	{ MADV_DONTFORK, "MADV_DONTFORK" }, { MADV_DOFORK, "MADV_DOFORK" },
	{ MADV_MERGEABLE, "MADV_MERGEABLE" }, { MADV_UNMERGEABLE, "MADV_UNMERGEABLE" },
	{ MADV_HUGEPAGE, "MADV_HUGEPAGE" }, { MADV_NOHUGEPAGE, "MADV_NOHUGEPAGE" },
	{ MADV_DONTDUMP, "MADV_DONTDUMP" }, { MADV_DODUMP, "MADV_DODUMP" },
	{ MADV_WIPEONFORK, "MADV_WIPEONFORK" }, { MADV_KEEPONFORK, "MADV_KEEPONFORK" },
	{ MADV_COLD, "MADV_COLD" }, { MADV_PAGEOUT, "MADV_PAGEOUT" },
	{ MADV_POPULATE_READ, "MADV_POPULATE_READ" }, { MADV_POPULATE_WRITE, "MADV_POPULATE_WRITE" },
	{ MADV_DONTNEED_LOCKED, "MADV_DONTNEED_LOCKED" }, { MADV_COLLAPSE, "MADV_COLLAPSE" },
	{ MADV_HWPOISON, "MADV_HWPOISON" }, { MADV_SOFT_OFFLINE, "MADV_SOFT_OFFLINE" },
};
static const struct flag_name ioctl_names[] = {
	{ TCGETS, "TCGETS" }, { TCSETS, "TCSETS" }, { TCSETSW, "TCSETSW" }, { TCSETSF, "TCSETSF" },
	{ TIOCSCTTY, "TIOCSCTTY" }, { TIOCGPGRP, "TIOCGPGRP" }, { TIOCSPGRP, "TIOCSPGRP" },
	{ TIOCGWINSZ, "TIOCGWINSZ" }, { TIOCSWINSZ, "TIOCSWINSZ" }, { FIONREAD, "FIONREAD" },
};
static const struct flag_name arch_prctl_names[] = {
	{ 0x1001, "ARCH_SET_GS" }, { 0x1002, "ARCH_SET_FS" }, { 0x1003, "ARCH_GET_FS" },
	{ 0x1004, "ARCH_GET_GS" },
};
static const struct flag_name efd_names[] = {
	{ EFD_SEMAPHORE, "EFD_SEMAPHORE" }, { EFD_CLOEXEC, "EFD_CLOEXEC" },
	{ EFD_NONBLOCK, "EFD_NONBLOCK" },
};
static const struct flag_name epoll_create_names[] = {
	{ EPOLL_CLOEXEC, "EPOLL_CLOEXEC" },
};
static const struct flag_name cloexec_names[] = {
	{ O_CLOEXEC, "O_CLOEXEC" },
};
static const struct flag_name pipe_names[] = {
	{ O_NONBLOCK, "O_NONBLOCK" }, { O_CLOEXEC, "O_CLOEXEC" },
};

/* ------------------------------------------------------------------ strings */

/* One byte as strace shows it inside "...": C escapes, \ooo for the rest. */
static void
put_escaped(struct trace_fmt *out, uint8_t c, uint8_t next)
{
	switch (c) {
	case '\n': trace_printf(out, "\\n"); return;
	case '\t': trace_printf(out, "\\t"); return;
	case '\r': trace_printf(out, "\\r"); return;
	case '\v': trace_printf(out, "\\v"); return;
	case '\f': trace_printf(out, "\\f"); return;
	case '"': trace_printf(out, "\\\""); return;
	case '\\': trace_printf(out, "\\\\"); return;
	}
	if (c >= 0x20 && c < 0x7f)
		trace_printf(out, "%c", c);
	else if (next >= '0' && next <= '7')
		trace_printf(out, "\\%03o", c);      /* 3 digits when a digit follows */
	else
		trace_printf(out, "\\%o", c);
}

#define PATH_MAX_SHOWN 4096      /* strace prints a path whole, whatever -s says */

/*
 * User memory, a piece at a time, never across a page boundary (a
 * readable page is readable whole), so that a string ending just before
 * unmapped memory is still read whole, as strace reads it.
 */
struct byte_reader {
	struct trace_fmt *out;
	uint64_t addr;
	size_t limit;                /* never read at or past addr + limit */
	size_t pos, have;            /* bytes [pos - have, pos) are in chunk */
	uint8_t chunk[64];
};

/* The byte at offset i (ask in increasing order), or -1 if unreadable. */
static int
byte_at(struct byte_reader *r, size_t i)
{
	if (i < r->pos)
		return r->chunk[i - (r->pos - r->have)];
	size_t room = 4096 - ((r->addr + i) & 4095), n = sizeof r->chunk;
	if (n > room)
		n = room;
	if (n > r->limit - i)
		n = r->limit - i;
	if (r->out->read(r->out->ctx, r->addr + i, r->chunk, n) < 0)
		return -1;
	r->pos = i + n;
	r->have = n;
	return r->chunk[0];
}

/*
 * Bytes from user memory: "quoted", at most `shown` of them (strsize, -s),
 * then "..." if something was left out. nul_ends: a C string, which ends
 * at its NUL; one that cannot be read up to its end (or to `shown`) is
 * printed as its address, as strace does. A first pass finds where to
 * stop, the second prints: a byte's escape depends on the next ("\1" or
 * "\001").
 */
static void
print_bytes_limited(struct trace_fmt *out, uint64_t addr, size_t len, bool nul_ends, size_t shown)
{
	size_t want = len < shown + 1 ? len : shown + 1;   /* one more: is something cut? */
	struct byte_reader r = { .out = out, .addr = addr, .limit = want };
	size_t end = 0;
	int c = 0;

	if (addr == 0) {
		trace_printf(out, "NULL");
		return;
	}
	while (end < want && (c = byte_at(&r, end)) >= 0 && !(nul_ends && c == 0))
		end++;
	if (c < 0) {                     /* unreadable before its end: only the address */
		trace_printf(out, "%#lx", addr);
		return;
	}
	bool cut = end > shown || (!nul_ends && len > shown);
	if (end > shown)
		end = shown;
	struct byte_reader again = { .out = out, .addr = addr, .limit = end };
	trace_printf(out, "\"");
	int next = end > 0 ? byte_at(&again, 0) : 0;
	for (size_t i = 0; i < end; i++) {
		int this = next;
		next = i + 1 < end ? byte_at(&again, i + 1) : 0;
		put_escaped(out, (uint8_t)this, (uint8_t)next);
	}
	trace_printf(out, "\"%s", cut ? "..." : "");
}

static void
print_user_bytes(struct trace_fmt *out, uint64_t addr, size_t len, bool nul_ends)
{
	print_bytes_limited(out, addr, len, nul_ends, (size_t)out->strsize);
}

/* ------------------------------------------------------------------ structs */

bool
read_struct(struct trace_fmt *out, uint64_t addr, void *dst, size_t n)
{
	if (addr == 0) {
		trace_printf(out, "NULL");
		return false;
	}
	if (out->read(out->ctx, addr, dst, n) < 0) {
		trace_printf(out, "%#lx", addr);
		return false;
	}
	return true;
}

void
print_timespec(struct trace_fmt *out, uint64_t addr)
{
	struct timespec ts;
	if (read_struct(out, addr, &ts, sizeof ts))
		trace_printf(out, "{tv_sec=%ld, tv_nsec=%ld}", ts.tv_sec, ts.tv_nsec);
}

void
print_timeval(struct trace_fmt *out, uint64_t addr)
{
	struct timeval tv;
	if (read_struct(out, addr, &tv, sizeof tv))
		trace_printf(out, "{tv_sec=%ld, tv_usec=%ld}", tv.tv_sec, tv.tv_usec);
}

static void
print_stat(struct trace_fmt *out, uint64_t addr)
{
	static const struct flag_name types[] = {
		{ S_IFREG, "S_IFREG" }, { S_IFDIR, "S_IFDIR" }, { S_IFCHR, "S_IFCHR" },
		{ S_IFIFO, "S_IFIFO" }, { S_IFLNK, "S_IFLNK" },
	};
	struct stat st;
	if (!read_struct(out, addr, &st, sizeof st))
		return;
	trace_printf(out, "{st_mode=");
	print_enum(out, st.st_mode & S_IFMT, types, COUNT(types));
	trace_printf(out, "|%#o, ", st.st_mode & 07777);
	if ((st.st_mode & S_IFMT) == S_IFCHR)
		trace_printf(out, "st_rdev=makedev(%#lx, %#lx), ...}", st.st_rdev >> 8, st.st_rdev & 0xff);
	else
		trace_printf(out, "st_size=%ld, ...}", st.st_size);
}

static void
print_epoll_event(struct trace_fmt *out, const struct epoll_event *ev)
{
	trace_printf(out, "{events=");
	print_flags(out, ev->events, epoll_event_names, COUNT(epoll_event_names), "0", "EPOLL???");
	trace_printf(out, ", data={u32=%u, u64=%lu}}", (uint32_t)ev->data, ev->data);
}

/* "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]" and friends. */
static void
print_wstatus(struct trace_fmt *out, uint64_t addr)
{
	int s;
	if (!read_struct(out, addr, &s, sizeof s))
		return;
	if ((s & 0x7f) == 0)
		trace_printf(out, "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]", (s >> 8) & 0xff);
	else if ((s & 0xff) == 0x7f)
		trace_printf(out, "[{WIFSTOPPED(s) && WSTOPSIG(s) == %s}]",
			     trace_signal_name((s >> 8) & 0xff) ?: "?");
	else if (s == 0xffff)
		trace_printf(out, "[{WIFCONTINUED(s)}]");
	else
		trace_printf(out, "[{WIFSIGNALED(s) && WTERMSIG(s) == %s}]",
			     trace_signal_name(s & 0x7f) ?: "?");
}

/* execve's argv: ["a", "b"]. */
static void
print_argv(struct trace_fmt *out, uint64_t addr)
{
	uint64_t p;
	int i;

	if (addr == 0) {
		trace_printf(out, "NULL");
		return;
	}
	trace_printf(out, "[");
	for (i = 0; i < MAX_ARRAY; i++) {
		if (out->read(out->ctx, addr + 8 * (uint64_t)i, &p, 8) < 0 || p == 0)
			break;
		trace_printf(out, "%s", i ? ", " : "");
		print_user_bytes(out, p, 4096, true);
	}
	if (i == MAX_ARRAY)
		trace_printf(out, ", ...");
	trace_printf(out, "]");
}

/* execve's envp: "0x7ffc... (3 vars)" in strace's comment style, as strace abbreviates it. */
static void
print_envp(struct trace_fmt *out, uint64_t addr)
{
	uint64_t p;
	int n = 0;

	if (addr == 0) {
		trace_printf(out, "NULL");
		return;
	}
	while (n < 4096 && out->read(out->ctx, addr + 8 * (uint64_t)n, &p, 8) == 0 && p != 0)
		n++;
	trace_printf(out, "%#lx /* %d var%s */", addr, n, n == 1 ? "" : "s");
}

/* readv/writev: [{iov_base="...", iov_len=N}, ...]; out-buffers show what was read. */
static void
print_iovec(struct trace_fmt *out, uint64_t addr, uint64_t count, long ret, bool output)
{
	struct iovec iov;
	long left = ret;

	if (addr == 0) {
		trace_printf(out, "NULL");
		return;
	}
	trace_printf(out, "[");
	for (uint64_t k = 0; k < count && k < MAX_ARRAY; k++) {
		if (out->read(out->ctx, addr + k * sizeof iov, &iov, sizeof iov) < 0)
			break;
		uint64_t shown = output ? (left > 0 ? ((uint64_t)left < iov.iov_len ? (uint64_t)left : iov.iov_len) : 0)
					: iov.iov_len;
		trace_printf(out, "%s{iov_base=", k ? ", " : "");
		print_user_bytes(out, iov.iov_base, shown, false);
		trace_printf(out, ", iov_len=%lu}", iov.iov_len);
		/* Only readv's result is shared out over the buffers: writev's lengths
		 * are the program's, and subtracting them could overflow a long. */
		if (output)
			left -= (long)shown;
	}
	trace_printf(out, "%s]", count > MAX_ARRAY ? ", ..." : "");
}

/*
 * uname's {sysname="Linux", nodename="vm", ...}. The fields are printed
 * from user memory like any string, escaped and never past their 65 bytes:
 * the kernel wrote them, but another thread of the program may have
 * written control characters over them since, and they would reach the
 * console as they are.
 */
static void
print_utsname(struct trace_fmt *out, uint64_t addr)
{
	struct utsname u;

	if (!read_struct(out, addr, &u, sizeof u))
		return;
	trace_printf(out, "{sysname=");
	print_bytes_limited(out, addr + offsetof(struct utsname, sysname), sizeof u.sysname, true,
			    sizeof u.sysname);
	trace_printf(out, ", nodename=");
	print_bytes_limited(out, addr + offsetof(struct utsname, nodename), sizeof u.nodename, true,
			    sizeof u.nodename);
	trace_printf(out, ", ...}");
}

static void
print_itimerspec(struct trace_fmt *out, uint64_t addr)
{
	struct itimerspec it;
	if (read_struct(out, addr, &it, sizeof it))
		trace_printf(out, "{it_interval={tv_sec=%ld, tv_nsec=%ld}, it_value={tv_sec=%ld, tv_nsec=%ld}}",
			     it.it_interval.tv_sec, it.it_interval.tv_nsec, it.it_value.tv_sec,
			     it.it_value.tv_nsec);
}

/* ------------------------------------------------------------------ one argument */

/* The kernel's "restart" codes: a call cut short by a signal (-ERESTARTSYS
 * etc.) never returns them to the program; strace shows them as "= ?". */
static const struct {
	int err;
	const char *text;
} restart_codes[] = {
	{ 512, "ERESTARTSYS (To be restarted if SA_RESTART is set)" },
	{ 513, "ERESTARTNOINTR (To be restarted)" },
	{ 514, "ERESTARTNOHAND (To be restarted if no handler)" },
	{ 515, "ENOIOCTLCMD (No ioctl command)" },
	{ 516, "ERESTART_RESTARTBLOCK (Interrupted by signal)" },
};

/* Was the call cut short by a signal, to be restarted (one of the codes above)? */
static bool
is_restart(long ret)
{
	return ret <= -512 && ret >= -516 && ret != -515;
}

/* Is an argument of this kind printed at exit (the kernel fills it in)? */
static bool
is_output(uint8_t kind)
{
	switch (kind) {
	case BUF_OUT: case STR_OUT: case IOVEC_OUT: case TIMESPEC_OUT: case STAT_OUT: case PIPEFDS_OUT: case WSTATUS_OUT:
	case EPOLL_EVENTS_OUT: case SIGSET_OUT: case SIGACTION_OUT: case UTSNAME_OUT:
	case ITIMERSPEC_OUT: case TIMEVAL_OUT: case TIMESPEC_REM:
	case SIGPENDING_OUT: case SIGINFO_OUT: case STACK_OUT: case ITIMERVAL_OUT: case CPUSET_OUT:
	case RLIMIT_OUT: case MINCORE_OUT: case PTR_OUT: case LEN_OUT:
	case CLONE_PARENT_TID: case CLONE3_SIZE:
		return true;
	default:
		return false;
	}
}

/* Kinds printed at exit that print their own ", " (and what a failure shows). */
static bool
own_separator(uint8_t kind)
{
	return kind == CLONE_PARENT_TID || kind == CLONE3_SIZE;
}

/* The size of the call's signal sets: its SIGSETSIZE argument (8 without one). */
static uint64_t
sigsetsize(int nr, const uint64_t args[6])
{
	for (int i = 0; i < 6; i++)
		if (syscall_arg_kinds[nr][i] == SIGSETSIZE)
			return args[i];
	return 8;
}

void
print_open_flags(struct trace_fmt *out, uint64_t v)
{
	static const char *const modes[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "0x3" };

	trace_printf(out, "%s", modes[v & O_ACCMODE]);
	if (v & ~(uint64_t)O_ACCMODE) {
		trace_printf(out, "|");
		print_flags(out, v & ~(uint64_t)O_ACCMODE, open_names, COUNT(open_names), "", NULL);
	}
}

static void
print_arg(struct trace_fmt *out, int nr, const uint64_t args[6], int i, long ret, bool failed)
{
	uint8_t kind = syscall_arg_kinds[nr][i];
	uint64_t v = args[i];

	/* A sleep's remaining time is written only when a signal cut it short. */
	if (kind == TIMESPEC_REM) {
		if (is_restart(ret))
			print_timespec(out, v);
		else
			print_addr(out, v);
		return;
	}
	/* Outputs of a failed call were never written: strace shows the pointer. */
	if (failed && is_output(kind) && !own_separator(kind)) {
		print_addr(out, v);
		return;
	}
	switch (kind) {
	case INT: case FD: trace_printf(out, "%d", (int)v); break;
	case UINT: trace_printf(out, "%u", (unsigned)v); break;
	case LEN: case SIGSETSIZE: trace_printf(out, "%lu", v); break;
	case OFF: trace_printf(out, "%ld", (long)v); break;
	case HEX: trace_printf(out, "%#lx", v); break;
	case MODE: trace_printf(out, "%#o", (unsigned)v); break;
	case PTR: print_addr(out, v); break;
	case DIRFD:
		if ((int)v == AT_FDCWD)
			trace_printf(out, "AT_FDCWD");
		else
			trace_printf(out, "%d", (int)v);
		break;
	case STR: print_user_bytes(out, v, 4096, true); break;
	case PATH: case STR_OUT: print_bytes_limited(out, v, PATH_MAX_SHOWN, true, PATH_MAX_SHOWN); break;
	case BUF_IN: print_user_bytes(out, v, args[i + 1], false); break;
	case BUF_OUT: print_user_bytes(out, v, ret > 0 ? (size_t)ret : 0, false); break;
	case IOVEC_IN: print_iovec(out, v, args[i + 1], 0, false); break;
	case IOVEC_OUT: print_iovec(out, v, args[i + 1], ret, true); break;
	case OPEN_FLAGS: print_open_flags(out, v); break;
	case PROT: print_flags(out, v, prot_names, COUNT(prot_names), "PROT_NONE", "PROT_???"); break;
	case MAP_FLAGS: print_flags(out, v, map_names, COUNT(map_names), "0", NULL); break;
	case CLOCK: print_xval(out, (uint32_t)v, clock_names, COUNT(clock_names), "CLOCK_???"); break;
	case SIGNAL: print_signal(out, (int)v); break;
	case SIGHOW: print_xval(out, (uint32_t)v, sighow_names, COUNT(sighow_names), "SIG_???"); break;
	case WAIT_OPTIONS: print_flags(out, v, wait_names, COUNT(wait_names), "0", "W???"); break;
	case ACCESS_MODE: print_flags(out, v, access_names, COUNT(access_names), "F_OK", "?_OK"); break;
	case WHENCE: print_xval(out, (uint32_t)v, whence_names, COUNT(whence_names), "SEEK_???"); break;
	case MADVICE: print_xval(out, (uint32_t)v, madv_names, COUNT(madv_names), "MADV_???"); break;
	case FCNTL_CMD: print_fcntl_cmd(out, v); break;
	case FCNTL_ARG: print_fcntl_arg(out, args[i - 1], v); break;
	case IOCTL_CMD: print_enum(out, v, ioctl_names, COUNT(ioctl_names)); break;
	case ARCH_PRCTL_CODE:
		print_xval(out, (uint32_t)v, arch_prctl_names, COUNT(arch_prctl_names), "ARCH_???");
		break;
	case EPOLL_OP: print_xval(out, (uint32_t)v, epoll_op_names, COUNT(epoll_op_names), "EPOLL_CTL_???"); break;
	case EFD_FLAGS: print_flags(out, v, efd_names, COUNT(efd_names), "0", "EFD_???"); break;
	case PIPE_FLAGS: print_flags(out, v, pipe_names, COUNT(pipe_names), "0", "O_???"); break;
	case EPOLL_CREATE_FLAGS: print_flags(out, v, epoll_create_names, COUNT(epoll_create_names), "0", "EPOLL_???"); break;
	case DUP3_FLAGS: print_flags(out, v, cloexec_names, COUNT(cloexec_names), "0", "O_???"); break;
	case TIMESPEC_IN: case TIMESPEC_OUT: print_timespec(out, v); break;
	case TIMEVAL_IN: case TIMEVAL_OUT: print_timeval(out, v); break;
	case STAT_OUT: print_stat(out, v); break;
	case PIPEFDS_OUT: {
		int fds[2];
		if (read_struct(out, v, fds, sizeof fds))
			trace_printf(out, "[%d, %d]", fds[0], fds[1]);
		break;
	}
	case WSTATUS_OUT: print_wstatus(out, v); break;
	case ARGV: print_argv(out, v); break;
	case ENVP: print_envp(out, v); break;
	case EPOLL_EVENT_IN: {
		struct epoll_event ev;
		if (read_struct(out, v, &ev, sizeof ev))
			print_epoll_event(out, &ev);
		break;
	}
	case EPOLL_EVENTS_OUT: {
		trace_printf(out, "[");
		for (long k = 0; k < ret && k < MAX_ARRAY; k++) {
			struct epoll_event ev;
			if (out->read(out->ctx, v + (uint64_t)k * sizeof ev, &ev, sizeof ev) < 0)
				break;
			trace_printf(out, "%s", k ? ", " : "");
			print_epoll_event(out, &ev);
		}
		trace_printf(out, "%s]", ret > MAX_ARRAY ? ", ..." : "");
		break;
	}
	case SIGSET_IN: case SIGSET_OUT: print_sigset_at(out, v, sigsetsize(nr, args), 8); break;
	case SIGPENDING_OUT: print_sigset_at(out, v, sigsetsize(nr, args), 1); break;
	case SIGACTION_IN: case SIGACTION_OUT: print_sigaction(out, v); break;
	case SIGINFO_IN: case SIGINFO_OUT: print_siginfo_at(out, v); break;
	case STACK_IN: case STACK_OUT: print_sigaltstack(out, v); break;
	case ITIMER_WHICH: print_itimer_which(out, v); break;
	case ITIMERVAL_IN: case ITIMERVAL_OUT: print_itimerval(out, v); break;
	case SIGFRAME: print_sigframe(out, v); break;
	case RESTART_NR: {
		char name[TRACE_NAME_MAX];
		trace_printf(out, "<... resuming interrupted %s ...>",
			     (int)v < 0 ? "system call" : trace_syscall_name((int)v, name));
		break;
	}
	case UTSNAME_OUT: print_utsname(out, v); break;
	case ITIMERSPEC_IN: case ITIMERSPEC_OUT: print_itimerspec(out, v); break;
	case CLONE_FLAGS: print_clone_enter(out, args); break;
	case CLONE_PARENT_TID: print_clone_exit(out, args, ret); break;
	case CLONE3_ARGS: print_clone3_args(out, v, args[i + 1]); break;
	case CLONE3_SIZE: print_clone3_exit(out, args, ret); break;
	case FUTEX_OPCODE: print_futex_op(out, args); break;
	case PTR_OUT: {
		uint64_t p;
		if (read_struct(out, v, &p, sizeof p))
			trace_printf(out, "[%#lx]", p);
		break;
	}
	case LEN_OUT: {
		uint64_t n;
		if (read_struct(out, v, &n, sizeof n))
			trace_printf(out, "[%lu]", n);
		break;
	}
	case CPUSET_IN: print_cpuset(out, v, args[i - 1]); break;
	case CPUSET_OUT: print_cpuset(out, v, ret > 0 ? (uint64_t)ret : 0); break;
	case RLIMIT_RESOURCE: print_rlimit_resource(out, v); break;
	case RLIMIT_IN: case RLIMIT_OUT: print_rlimit(out, v); break;
	case MINCORE_OUT: print_mincore_vec(out, v, args[i - 1]); break;
	case FDSET: print_fdset(out, v, (int)args[0]); break;
	case PSELECT6_SIGMASK: print_pselect6_sigmask(out, v); break;
	default: trace_printf(out, "%#lx", v); break;
	}
}

/* ------------------------------------------------------------------ a whole call */

static bool
known(int nr)
{
	return nr >= 0 && nr < NR_SYSCALLS && syscall_descs[nr].name != NULL;
}

/*
 * Does strace show argument i at all? A mode after open flags (open,
 * openat, mq_open) only with O_CREAT; mkdir's always. fcntl's third only
 * for the commands that take one. The kinds that only label arguments
 * another kind prints (clone's, futex's) never on their own.
 */
static bool
arg_shown(int nr, int i, const uint64_t args[6])
{
	switch (syscall_arg_kinds[nr][i]) {
	case MODE:
		return i == 0 || syscall_arg_kinds[nr][i - 1] != OPEN_FLAGS || (args[i - 1] & O_CREAT);
	case FCNTL_ARG:
		return fcntl_arg_shown(args[i - 1]);
	case CLONE_PARENT_TID:
		return clone_has_exit_part(args);
	case CLONE_STACK: case CLONE_CHILD_TID: case CLONE_TLS:
	case FUTEX_VAL: case FUTEX_TIMEOUT: case FUTEX_UADDR2: case FUTEX_VAL3:
		return false;
	default:
		return true;
	}
}

/* Is argument i printed at exit? clone3's size only when strace has more to show then. */
static bool
at_exit(struct trace_fmt *out, int nr, int i, const uint64_t args[6])
{
	uint8_t kind = syscall_arg_kinds[nr][i];

	if (kind == CLONE3_SIZE)
		return clone3_has_exit_part(out, args);
	return is_output(kind);
}

/*
 * A call's name: "write", or for a number Linux does not use
 * "syscall_0x1f4", as strace names it. nr is the low 32 bits of RAX (all
 * the kernel dispatches on), as a signed int: strace shows it sign-extended
 * to 64 bits, so 0xffffffff is syscall_0xffffffffffffffff.
 */
const char *
trace_syscall_name(int nr, char buf[TRACE_NAME_MAX])
{
	struct trace_fmt f = { .buf = buf, .size = TRACE_NAME_MAX };

	if (known(nr))
		return syscall_descs[nr].name;
	trace_printf(&f, "syscall_%#lx", (uint64_t)(int64_t)nr);
	return buf;
}

int
trace_format_enter(struct trace_fmt *out, int nr, const uint64_t args[6])
{
	char name[TRACE_NAME_MAX];

	if (!known(nr)) {
		/* Like strace for a number it does not know: all six in hex. */
		trace_printf(out, "%s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx", trace_syscall_name(nr, name),
			     args[0], args[1], args[2], args[3], args[4], args[5]);
		return 6;
	}
	const struct syscall_desc *d = &syscall_descs[nr];
	trace_printf(out, "%s(", d->name);
	for (int i = 0; i < d->nargs; i++) {
		if (!arg_shown(nr, i, args))
			continue;
		if (at_exit(out, nr, i, args)) {
			/* "wait4(-1, " ... "<... wait4 resumed>NULL"; clone's tail brings its own ", " */
			if (i > 0 && !own_separator(syscall_arg_kinds[nr][i]))
				trace_printf(out, ", ");
			return i;        /* the rest waits for the result */
		}
		trace_printf(out, "%s", i > 0 && !own_separator(syscall_arg_kinds[nr][i]) ? ", " : "");
		print_arg(out, nr, args, i, 0, false);
	}
	return d->nargs;
}

/* strace pads to column 40 before "= result" (one space when already past it). */
static void
pad_to_result(struct trace_fmt *out, size_t col)
{
	if (col < RESULT_COLUMN)
		trace_printf(out, "%*s", (int)(RESULT_COLUMN - col), "");
	else
		trace_printf(out, " ");
}

/* What some calls add to a successful result, chosen by their argument kinds. */
static bool
print_decorated_result(struct trace_fmt *out, int nr, const uint64_t args[6], long ret)
{
	const uint8_t *kinds = syscall_arg_kinds[nr];

	for (int i = 0; i < syscall_descs[nr].nargs; i++) {
		switch (kinds[i]) {
		case FCNTL_CMD:          /* "= 0x800 (flags O_RDONLY|O_NONBLOCK)" */
			return print_fcntl_result(out, args[i], ret);
		case SIGINFO_OUT:        /* rt_sigtimedwait: "= 10 (SIGUSR1)" */
			if (ret <= 0 || !trace_signal_name((int)ret))
				return false;
			trace_printf(out, "= %ld (%s)", ret, trace_signal_name((int)ret));
			return true;
		case FDSET:              /* select: "= 1 (out [4], left {...})" */
			trace_printf(out, "= %ld", ret);
			print_select_result(out, args, ret, kinds[4] == TIMESPEC_IN);
			return true;
		}
	}
	return false;
}

/* The result as strace shows it: an errno by name, a pointer in hex for mmap/brk, decoded for some calls. */
static void
print_result(struct trace_fmt *out, int nr, const uint64_t args[6], long ret)
{
	if (trace_failed(ret)) {
		int err = (int)-ret;
		const char *name = trace_errno_name(err);
		for (int i = 0; i < COUNT(restart_codes); i++)
			if (restart_codes[i].err == err) {
				trace_printf(out, "= ? %s", restart_codes[i].text);
				return;
			}
		if (name)
			trace_printf(out, "= -1 %s (%s)", name, trace_errno_text(err));
		else
			trace_printf(out, "= -1 (errno %d)", err);   /* as strace prints it */
	} else if (nr == 9 || nr == 12) {               /* mmap, brk: addresses */
		trace_printf(out, "= %#lx", (uint64_t)ret);
	} else if (!known(nr) || !print_decorated_result(out, nr, args, ret)) {
		trace_printf(out, "= %ld", ret);
	}
}

/*
 * The arguments from pos on (printed at exit), ")", the padding and the
 * result. col0: how many columns this line already used before out->buf
 * (the entry part, printed earlier).
 */
void
trace_format_exit(struct trace_fmt *out, int nr, const uint64_t args[6], int pos, long ret,
		  size_t col0)
{
	if (known(nr)) {
		const struct syscall_desc *d = &syscall_descs[nr];
		for (int i = pos; i < d->nargs; i++) {
			if (!arg_shown(nr, i, args))
				continue;
			if (i > pos && !own_separator(syscall_arg_kinds[nr][i]))
				trace_printf(out, ", ");
			print_arg(out, nr, args, i, ret, trace_failed(ret));
		}
	}
	trace_printf(out, ")");
	pad_to_result(out, col0 + out->len);
	print_result(out, nr, args, ret);
}

/* strace -f prints "[pid %5u] " (the pid right-aligned in 5 columns). */
void
trace_format_pid(struct trace_fmt *out, int pid)
{
	trace_printf(out, "[pid %5d] ", pid);
}

/*
 * The end of a call that never returns: exit and exit_group at entry
 * (pos = all arguments), or a task that died inside a call (SIGKILL,
 * another thread's exit_group). Like strace: " <unfinished ...>" when
 * arguments were left for the exit, then ") = ?".
 */
void
trace_format_no_return(struct trace_fmt *out, int nr, int pos, size_t col0)
{
	if (known(nr) && pos < syscall_descs[nr].nargs)
		trace_printf(out, " <unfinished ...>");
	trace_printf(out, ")");
	pad_to_result(out, col0 + out->len);
	trace_printf(out, "= ?");
}

/* ------------------------------------------------------------------ strace -c */

static void
summary_row(struct trace_fmt *out, uint64_t pct, uint64_t ns, uint64_t calls, uint64_t errors,
	    const char *name)
{
	trace_printf(out, "%3lu.%02lu %4lu.%06lu %11lu %9lu ", pct / 100, pct % 100,
		     ns / 1000000000, ns / 1000 % 1000000, calls ? ns / 1000 / calls : 0, calls);
	if (errors)
		trace_printf(out, "%9lu %s\n", errors, name);
	else
		trace_printf(out, "%9s %s\n", "", name);
}

/*
 *  % time     seconds  usecs/call     calls    errors syscall
 *  ------ ----------- ----------- --------- --------- ----------------
 *   92.69    0.000672         672         1           execve
 *  ------ ----------- ----------- --------- --------- ----------------
 *  100.00    0.000725         181         4           total
 */
void
trace_format_summary(struct trace_fmt *out, struct trace_count *rows, int n)
{
	static const char rule[] = "------ ----------- ----------- --------- --------- ----------------\n";
	uint64_t total_ns = 0, total_calls = 0, total_errors = 0;

	for (int i = 0; i < n; i++) {
		total_ns += rows[i].ns;
		total_calls += rows[i].calls;
		total_errors += rows[i].errors;
	}
	for (int i = 1; i < n; i++)          /* insertion sort: most time first */
		for (int j = i; j > 0 && rows[j].ns > rows[j - 1].ns; j--) {
			struct trace_count t = rows[j];
			rows[j] = rows[j - 1];
			rows[j - 1] = t;
		}
	trace_printf(out, "%% time     seconds  usecs/call     calls    errors syscall\n%s", rule);
	for (int i = 0; i < n; i++)
		summary_row(out, total_ns ? rows[i].ns * 10000 / total_ns : 0, rows[i].ns, rows[i].calls,
			    rows[i].errors, rows[i].name);
	trace_printf(out, "%s", rule);
	summary_row(out, 10000, total_ns, total_calls, total_errors, "total");
}
