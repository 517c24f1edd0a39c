/*
 * format_fd.c - select/pselect6 and fcntl as strace prints them:
 *
 *   select(5, [3], [4], [], {tv_sec=0, tv_usec=1000}) = 1 (out [4], left {tv_sec=0, tv_usec=996})
 *   pselect6(5, [3], NULL, NULL, {tv_sec=0, tv_nsec=128}, {sigmask=NULL, sigsetsize=8}) = 0 (Timeout)
 *   fcntl(3, F_SETFL, O_RDONLY|O_NONBLOCK)  = 0
 *   fcntl(3, F_GETFL)                       = 0x800 (flags O_RDONLY|O_NONBLOCK)
 *
 * Pure, like format.c: user memory through out->read only (format_parts.h).
 */
#include "format_parts.h"
#include "uapi/fcntl.h"

/* ------------------------------------------------------------------ select */

#define FDSET_MAX 1024           /* descriptors shown at most (an fd_set's size) */

/* The bytes of an fd_set strace reads: nfds bits, rounded up to whole longs. */
static size_t
fdset_bytes(int nfds)
{
	if (nfds < 0)
		nfds = 0;
	if (nfds > FDSET_MAX)
		nfds = FDSET_MAX;
	return ((size_t)(nfds + 7) / 8 + 7) & ~(size_t)7;
}

/* An fd_set of nfds descriptors: [0 1 3], NULL, or its address if unreadable. */
void
print_fdset(struct trace_fmt *out, uint64_t addr, int nfds)
{
	uint64_t set[FDSET_MAX / 64];
	size_t n = fdset_bytes(nfds);
	const char *sep = "[";

	if (n == 0 || addr == 0) {
		print_addr(out, addr);
		return;
	}
	if (!read_struct(out, addr, set, n))
		return;
	for (int fd = 0; fd < nfds && fd < FDSET_MAX; fd++)
		if (set[fd / 64] & (1UL << (fd % 64))) {
			trace_printf(out, "%s%d", sep, fd);
			sep = " ";
		}
	trace_printf(out, "%s]", *sep == '[' ? "[" : "");
}

/*
 * What select and pselect6 add to their result: " (Timeout)", or the
 * descriptors that are ready, read back from the sets the kernel rewrote,
 * and the time left: " (in [3], out [4], left {tv_sec=0, tv_usec=996})".
 * As in strace, at most ret descriptors are listed.
 */
void
print_select_result(struct trace_fmt *out, const uint64_t args[6], long ret, bool timespec)
{
	static const char *const names[3] = { "in", "out", "except" };
	int nfds = (int)args[0];
	size_t n = fdset_bytes(nfds);
	long ready = ret;
	const char *sep = "";

	if (ret == 0) {
		trace_printf(out, " (Timeout)");
		return;
	}
	trace_printf(out, " (");
	for (int k = 0; k < 3 && ready > 0; k++) {
		uint64_t set[FDSET_MAX / 64];
		bool first = true;
		if (args[k + 1] == 0 || n == 0 || out->read(out->ctx, args[k + 1], set, n) < 0)
			continue;
		for (int fd = 0; fd < nfds && fd < FDSET_MAX; fd++) {
			if (!(set[fd / 64] & (1UL << (fd % 64))))
				continue;
			if (first)
				trace_printf(out, "%s%s [%d", sep, names[k], fd);
			else
				trace_printf(out, " %d", fd);
			first = false;
			sep = ", ";
			if (--ready == 0)
				break;
		}
		if (*sep)                /* strace closes a list here once anything was listed */
			trace_printf(out, "]");
	}
	if (args[4]) {
		trace_printf(out, "%sleft ", sep);
		if (timespec)
			print_timespec(out, args[4]);
		else
			print_timeval(out, args[4]);
	}
	trace_printf(out, ")");
}

/* ------------------------------------------------------------------ fcntl */

#define F_SETOWN 8
#define F_GETOWN 9
#define F_SETSIG 10
#define F_GETSIG 11
#define F_SETLEASE 1024
#define F_GETLEASE 1025
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032
#define F_GET_SEALS 1034

static const struct flag_name fcntl_names[] = {
	{ F_DUPFD, "F_DUPFD" }, { F_GETFD, "F_GETFD" }, { F_SETFD, "F_SETFD" }, { F_GETFL, "F_GETFL" },
	{ F_SETFL, "F_SETFL" }, { 5, "F_GETLK" }, { 6, "F_SETLK" }, { 7, "F_SETLKW" },
	{ F_SETOWN, "F_SETOWN" }, { F_GETOWN, "F_GETOWN" }, { F_SETSIG, "F_SETSIG" }, { F_GETSIG, "F_GETSIG" },
	{ 15, "F_SETOWN_EX" }, { 16, "F_GETOWN_EX" }, { 17, "F_GETOWNER_UIDS" }, { 36, "F_OFD_GETLK" },
	{ 37, "F_OFD_SETLK" }, { 38, "F_OFD_SETLKW" }, { F_SETLEASE, "F_SETLEASE" },
	{ F_GETLEASE, "F_GETLEASE" }, { 1026, "F_NOTIFY" }, { 1029, "F_CANCELLK" },
	{ F_DUPFD_CLOEXEC, "F_DUPFD_CLOEXEC" }, { F_SETPIPE_SZ, "F_SETPIPE_SZ" },
	{ F_GETPIPE_SZ, "F_GETPIPE_SZ" }, { 1033, "F_ADD_SEALS" }, { F_GET_SEALS, "F_GET_SEALS" },
};
static const struct flag_name fd_flag_names[] = {
	{ FD_CLOEXEC, "FD_CLOEXEC" },
};

void
print_fcntl_cmd(struct trace_fmt *out, uint64_t cmd)
{
	print_xval(out, (uint32_t)cmd, fcntl_names, COUNT(fcntl_names), "F_???");
}

/* The commands that take no third argument: strace shows none. */
bool
fcntl_arg_shown(uint64_t cmd)
{
	switch ((uint32_t)cmd) {
	case F_GETFD: case F_GETFL: case F_GETOWN: case F_GETSIG: case F_GETLEASE: case F_GETPIPE_SZ:
	case F_GET_SEALS:
		return false;
	default:
		return true;
	}
}

/* fcntl's third argument, decoded by command (a struct flock or f_owner_ex: its address). */
void
print_fcntl_arg(struct trace_fmt *out, uint64_t cmd, uint64_t arg)
{
	switch ((uint32_t)cmd) {
	case F_SETFD:
		print_flags(out, arg, fd_flag_names, COUNT(fd_flag_names), "0", "FD_???");
		break;
	case F_SETFL:
		print_open_flags(out, arg);
		break;
	case F_DUPFD: case F_DUPFD_CLOEXEC: case F_SETOWN: case F_SETPIPE_SZ:
		trace_printf(out, "%d", (int)arg);
		break;
	case F_SETSIG:
		print_signal(out, (int)arg);
		break;
	case 5: case 6: case 7: case 15: case 16: case 36: case 37: case 38:
		print_addr(out, arg);
		break;
	default:
		trace_printf(out, "%#lx", arg);
		break;
	}
}

/* F_GETFD and F_GETFL results: "= 0x800 (flags O_RDONLY|O_NONBLOCK)". Returns
 * whether it printed the result. */
bool
print_fcntl_result(struct trace_fmt *out, uint64_t cmd, long ret)
{
	switch ((uint32_t)cmd) {
	case F_GETFD:
		if (ret == 0)
			return false;
		trace_printf(out, "= %#lx (flags ", (uint64_t)ret);
		print_flags(out, (uint64_t)ret, fd_flag_names, COUNT(fd_flag_names), "0", NULL);
		trace_printf(out, ")");
		return true;
	case F_GETFL:
		trace_printf(out, "= %#lx (flags ", (uint64_t)ret);
		print_open_flags(out, (uint64_t)ret);
		trace_printf(out, ")");
		return true;
	case F_GETSIG:
		if (ret == 0 || !trace_signal_name((int)ret))
			return false;
		trace_printf(out, "= %ld (%s)", ret, trace_signal_name((int)ret));
		return true;
	default:
		return false;
	}
}
