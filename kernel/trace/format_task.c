/*
 * format_task.c - threads and processes as strace prints them:
 *
 *   clone(child_stack=0xc000048000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|
 *         CLONE_SYSVSEM|CLONE_SETTLS, tls=0xc000038090) = 1473
 *   futex(0xc000038548, FUTEX_WAKE_PRIVATE, 1) = 1
 *   sched_getaffinity(0, 8192, [0 1])       = 32
 *   prlimit64(0, RLIMIT_NOFILE, NULL, {rlim_cur=1024, rlim_max=4*1024}) = 0
 *   mincore(0x7fed8e878000, 12288, [1, 0, 1]) = 0
 *
 * Pure, like format.c: user memory through out->read only (format_parts.h).
 */
#include "format_parts.h"
#include "uapi/futex.h"
#include "uapi/resource.h"
#include "uapi/sched.h"

/* ------------------------------------------------------------------ clone */

/* In strace's order; CLONE_DETACHED has no name there (Linux ignores it). */
static const struct flag_name clone_flag_names[] = {
	{ CLONE_VM, "CLONE_VM" }, { CLONE_FS, "CLONE_FS" }, { CLONE_FILES, "CLONE_FILES" },
	{ CLONE_SIGHAND, "CLONE_SIGHAND" }, { CLONE_PIDFD, "CLONE_PIDFD" }, { CLONE_PTRACE, "CLONE_PTRACE" },
	{ CLONE_VFORK, "CLONE_VFORK" }, { CLONE_PARENT, "CLONE_PARENT" }, { CLONE_THREAD, "CLONE_THREAD" },
	{ CLONE_NEWNS, "CLONE_NEWNS" }, { CLONE_SYSVSEM, "CLONE_SYSVSEM" }, { CLONE_SETTLS, "CLONE_SETTLS" },
	{ CLONE_PARENT_SETTID, "CLONE_PARENT_SETTID" }, { CLONE_CHILD_CLEARTID, "CLONE_CHILD_CLEARTID" },
	{ CLONE_UNTRACED, "CLONE_UNTRACED" }, { CLONE_CHILD_SETTID, "CLONE_CHILD_SETTID" },
	{ CLONE_NEWCGROUP, "CLONE_NEWCGROUP" }, { CLONE_NEWUTS, "CLONE_NEWUTS" }, { CLONE_NEWIPC, "CLONE_NEWIPC" },
	{ CLONE_NEWUSER, "CLONE_NEWUSER" }, { CLONE_NEWPID, "CLONE_NEWPID" }, { CLONE_NEWNET, "CLONE_NEWNET" },
	{ CLONE_IO, "CLONE_IO" },
	/* clone3 only (outside clone's 32 bits, or in its CSIGNAL byte) */
	{ 0x80, "CLONE_NEWTIME" }, { 0x100000000ULL, "CLONE_CLEAR_SIGHAND" },
	{ CLONE_INTO_CGROUP, "CLONE_INTO_CGROUP" },
};
#define CLONE_NAMES 23           /* the ones clone() itself can have */

/* "[1473]": a tid the kernel stored, or the address if it could not be read. */
static void
print_tid_at(struct trace_fmt *out, uint64_t addr)
{
	int tid;

	if (read_struct(out, addr, &tid, sizeof tid))
		trace_printf(out, "[%d]", tid);
}

/* clone's entry part: child_stack=..., flags=FLAGS|SIGNAL (x86-64 order:
 * flags, stack, parent_tid, child_tid, tls). */
void
print_clone_enter(struct trace_fmt *out, const uint64_t args[6])
{
	uint64_t flags = args[0] & ~(uint64_t)CSIGNAL;
	int sig = (int)(args[0] & CSIGNAL);

	trace_printf(out, "child_stack=");
	print_addr(out, args[1]);
	trace_printf(out, ", flags=");
	if (flags) {
		print_flags(out, flags, clone_flag_names, CLONE_NAMES, "0", "CLONE_???");
		if (sig) {
			trace_printf(out, "|");
			print_signal(out, sig);
		}
	} else {
		print_signal(out, sig);
	}
}

/* Does strace show more at exit (the flags that make the kernel store or use a tid or tls)? */
bool
clone_has_exit_part(const uint64_t args[6])
{
	return args[0] & (CLONE_PARENT_SETTID | CLONE_PIDFD | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID |
			  CLONE_SETTLS);
}

/* , parent_tid=[1473], tls=0x..., child_tidptr=0x... : each with its flag, in this order. */
void
print_clone_exit(struct trace_fmt *out, const uint64_t args[6], long ret)
{
	uint64_t flags = args[0];

	if (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		trace_printf(out, ", parent_tid=");
		if (trace_failed(ret))
			print_addr(out, args[2]);
		else
			print_tid_at(out, args[2]);
	}
	if (flags & CLONE_SETTLS) {
		trace_printf(out, ", tls=");
		print_addr(out, args[4]);
	}
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		trace_printf(out, ", child_tidptr=");
		print_addr(out, args[3]);
	}
}

/* clone3's struct clone_args, read at entry (the kernel does not change it). */
static bool
read_clone_args(struct trace_fmt *out, uint64_t addr, uint64_t size, struct clone_args *ca, bool quiet)
{
	size_t n = size < sizeof *ca ? (size_t)size : sizeof *ca;

	*ca = (struct clone_args){ 0 };
	if (size < CLONE_ARGS_SIZE_VER0) {
		if (!quiet)
			print_addr(out, addr);
		return false;
	}
	if (quiet)
		return addr != 0 && out->read(out->ctx, addr, ca, n) == 0;
	return read_struct(out, addr, ca, n);
}

/* {flags=..., child_tid=..., parent_tid=..., exit_signal=0, stack=..., stack_size=0x..., tls=...} */
void
print_clone3_args(struct trace_fmt *out, uint64_t addr, uint64_t size)
{
	struct clone_args ca;

	if (!read_clone_args(out, addr, size, &ca, false))
		return;
	trace_printf(out, "{flags=");
	print_flags(out, ca.flags, clone_flag_names, COUNT(clone_flag_names), "0", "CLONE_???");
	if (ca.flags & CLONE_PIDFD) {
		trace_printf(out, ", pidfd=");
		print_addr(out, ca.pidfd);
	}
	if (ca.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		trace_printf(out, ", child_tid=");
		print_addr(out, ca.child_tid);
	}
	if (ca.flags & CLONE_PARENT_SETTID) {
		trace_printf(out, ", parent_tid=");
		print_addr(out, ca.parent_tid);
	}
	trace_printf(out, ", exit_signal=");
	if (ca.exit_signal < 0x7fffffff)
		print_signal(out, (int)ca.exit_signal);
	else
		trace_printf(out, "%lu", ca.exit_signal);
	trace_printf(out, ", stack=");
	print_addr(out, ca.stack);
	trace_printf(out, ", stack_size=%#lx", ca.stack_size);
	if (ca.flags & CLONE_SETTLS) {
		trace_printf(out, ", tls=");
		print_addr(out, ca.tls);
	}
	if (ca.set_tid || ca.set_tid_size) {
		trace_printf(out, ", set_tid=");
		print_addr(out, ca.set_tid);
		trace_printf(out, ", set_tid_size=%lu", ca.set_tid_size);
	}
	if (size > 80 && (ca.cgroup || (ca.flags & CLONE_INTO_CGROUP)))
		trace_printf(out, ", cgroup=%lu", ca.cgroup);
	trace_printf(out, "}");
}

/* strace finishes clone3's line at exit when the kernel stores a tid or a pidfd. */
bool
clone3_has_exit_part(struct trace_fmt *out, const uint64_t args[6])
{
	struct clone_args ca;

	return read_clone_args(out, args[0], args[1], &ca, true) &&
	       (ca.flags & (CLONE_PIDFD | CLONE_PARENT_SETTID));
}

/* " => {parent_tid=[1473]}" after a successful clone3, then ", 88". */
void
print_clone3_exit(struct trace_fmt *out, const uint64_t args[6], long ret)
{
	struct clone_args ca;

	if (!trace_failed(ret) && read_clone_args(out, args[0], args[1], &ca, true)) {
		const char *sep = " => {";
		if (ca.flags & CLONE_PIDFD) {
			int fd;
			trace_printf(out, "%spidfd=", sep);
			if (read_struct(out, ca.pidfd, &fd, sizeof fd))
				trace_printf(out, "[%d]", fd);
			sep = ", ";
		}
		if (ca.flags & CLONE_PARENT_SETTID) {
			trace_printf(out, "%sparent_tid=", sep);
			print_tid_at(out, ca.parent_tid);
			sep = ", ";
		}
		if (*sep == ',')
			trace_printf(out, "}");
	}
	trace_printf(out, ", %lu", args[1]);
}

/* ------------------------------------------------------------------ futex */

static const struct flag_name futex_op_names[] = {
	{ FUTEX_WAIT, "FUTEX_WAIT" }, { FUTEX_WAKE, "FUTEX_WAKE" }, { FUTEX_FD, "FUTEX_FD" },
	{ FUTEX_REQUEUE, "FUTEX_REQUEUE" }, { FUTEX_CMP_REQUEUE, "FUTEX_CMP_REQUEUE" },
	{ FUTEX_WAKE_OP, "FUTEX_WAKE_OP" }, { FUTEX_LOCK_PI, "FUTEX_LOCK_PI" },
	{ FUTEX_UNLOCK_PI, "FUTEX_UNLOCK_PI" }, { FUTEX_TRYLOCK_PI, "FUTEX_TRYLOCK_PI" },
	{ FUTEX_WAIT_BITSET, "FUTEX_WAIT_BITSET" }, { FUTEX_WAKE_BITSET, "FUTEX_WAKE_BITSET" },
	{ FUTEX_WAIT_REQUEUE_PI, "FUTEX_WAIT_REQUEUE_PI" }, { FUTEX_CMP_REQUEUE_PI, "FUTEX_CMP_REQUEUE_PI" },
	{ FUTEX_LOCK_PI2, "FUTEX_LOCK_PI2" },
	{ FUTEX_WAIT_PRIVATE, "FUTEX_WAIT_PRIVATE" }, { FUTEX_WAKE_PRIVATE, "FUTEX_WAKE_PRIVATE" },
	{ FUTEX_FD | FUTEX_PRIVATE_FLAG, "FUTEX_FD|FUTEX_PRIVATE_FLAG" },
	{ FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG, "FUTEX_REQUEUE_PRIVATE" },
	{ FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, "FUTEX_CMP_REQUEUE_PRIVATE" },
	{ FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, "FUTEX_WAKE_OP_PRIVATE" },
	{ FUTEX_LOCK_PI | FUTEX_PRIVATE_FLAG, "FUTEX_LOCK_PI_PRIVATE" },
	{ FUTEX_UNLOCK_PI | FUTEX_PRIVATE_FLAG, "FUTEX_UNLOCK_PI_PRIVATE" },
	{ FUTEX_TRYLOCK_PI | FUTEX_PRIVATE_FLAG, "FUTEX_TRYLOCK_PI_PRIVATE" },
	{ FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, "FUTEX_WAIT_BITSET_PRIVATE" },
	{ FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, "FUTEX_WAKE_BITSET_PRIVATE" },
	{ FUTEX_WAIT_REQUEUE_PI | FUTEX_PRIVATE_FLAG, "FUTEX_WAIT_REQUEUE_PI_PRIVATE" },
	{ FUTEX_CMP_REQUEUE_PI | FUTEX_PRIVATE_FLAG, "FUTEX_CMP_REQUEUE_PI_PRIVATE" },
	{ FUTEX_LOCK_PI2 | FUTEX_PRIVATE_FLAG, "FUTEX_LOCK_PI2_PRIVATE" },
	{ FUTEX_WAIT | FUTEX_CLOCK_REALTIME, "FUTEX_WAIT|FUTEX_CLOCK_REALTIME" },
	{ FUTEX_WAIT_PRIVATE | FUTEX_CLOCK_REALTIME, "FUTEX_WAIT_PRIVATE|FUTEX_CLOCK_REALTIME" },
	{ FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, "FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME" },
	{ FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME,
	  "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME" },
	{ FUTEX_WAIT_REQUEUE_PI | FUTEX_CLOCK_REALTIME, "FUTEX_WAIT_REQUEUE_PI|FUTEX_CLOCK_REALTIME" },
	{ FUTEX_WAIT_REQUEUE_PI | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME,
	  "FUTEX_WAIT_REQUEUE_PI_PRIVATE|FUTEX_CLOCK_REALTIME" },
};
static const struct flag_name futex_wake_op_names[] = {
	{ FUTEX_OP_SET, "FUTEX_OP_SET" }, { FUTEX_OP_ADD, "FUTEX_OP_ADD" }, { FUTEX_OP_OR, "FUTEX_OP_OR" },
	{ FUTEX_OP_ANDN, "FUTEX_OP_ANDN" }, { FUTEX_OP_XOR, "FUTEX_OP_XOR" },
};
static const struct flag_name futex_cmp_names[] = {
	{ FUTEX_OP_CMP_EQ, "FUTEX_OP_CMP_EQ" }, { FUTEX_OP_CMP_NE, "FUTEX_OP_CMP_NE" },
	{ FUTEX_OP_CMP_LT, "FUTEX_OP_CMP_LT" }, { FUTEX_OP_CMP_LE, "FUTEX_OP_CMP_LE" },
	{ FUTEX_OP_CMP_GT, "FUTEX_OP_CMP_GT" }, { FUTEX_OP_CMP_GE, "FUTEX_OP_CMP_GE" },
};
static const struct flag_name futex_bitset_names[] = {
	{ FUTEX_BITSET_MATCH_ANY, "FUTEX_BITSET_MATCH_ANY" },
};

/* FUTEX_WAKE_OP's val3: FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1 */
static void
print_futex_wake_op(struct trace_fmt *out, uint32_t val3)
{
	uint32_t op = val3 >> 28, cmp = (val3 >> 24) & 0xf;
	bool known_op = (op & 7) < (uint32_t)COUNT(futex_wake_op_names);
	bool known_cmp = cmp < (uint32_t)COUNT(futex_cmp_names);

	if (op & FUTEX_OP_OPARG_SHIFT)
		trace_printf(out, "FUTEX_OP_OPARG_SHIFT<<28|");
	print_xval(out, op & 7, futex_wake_op_names, COUNT(futex_wake_op_names), NULL);
	trace_printf(out, "<<28%s|%#x<<12|", known_op ? "" : " /* FUTEX_OP_??? */", (val3 >> 12) & 0xfff);
	print_xval(out, cmp, futex_cmp_names, COUNT(futex_cmp_names), NULL);
	trace_printf(out, "<<24%s|%#x", known_cmp ? "" : " /* FUTEX_OP_CMP_??? */", val3 & 0xfff);
}

/*
 * futex(uaddr, op, val, timeout or val2, uaddr2, val3): strace shows the
 * op and then only the arguments that op uses (FUTEX_OPCODE prints them
 * all; the kinds after it are only labels).
 */
void
print_futex_op(struct trace_fmt *out, const uint64_t args[6])
{
	int op = (int)args[1];
	uint32_t val = (uint32_t)args[2], val2 = (uint32_t)args[3], val3 = (uint32_t)args[5];
	uint64_t timeout = args[3], uaddr2 = args[4];

	print_xval(out, (uint32_t)op, futex_op_names, COUNT(futex_op_names), "FUTEX_???");
	switch (op & 127) {
	case FUTEX_WAIT:
		trace_printf(out, ", %u, ", val);
		print_timespec(out, timeout);
		break;
	case FUTEX_LOCK_PI: case FUTEX_LOCK_PI2:
		trace_printf(out, ", ");
		print_timespec(out, timeout);
		break;
	case FUTEX_WAIT_BITSET:
		trace_printf(out, ", %u, ", val);
		print_timespec(out, timeout);
		trace_printf(out, ", ");
		print_xval(out, val3, futex_bitset_names, COUNT(futex_bitset_names), NULL);
		break;
	case FUTEX_WAKE_BITSET:
		trace_printf(out, ", %u, ", val);
		print_xval(out, val3, futex_bitset_names, COUNT(futex_bitset_names), NULL);
		break;
	case FUTEX_REQUEUE:
		trace_printf(out, ", %u, %u, ", val, val2);
		print_addr(out, uaddr2);
		break;
	case FUTEX_CMP_REQUEUE: case FUTEX_CMP_REQUEUE_PI:
		trace_printf(out, ", %u, %u, ", val, val2);
		print_addr(out, uaddr2);
		trace_printf(out, ", %u", val3);
		break;
	case FUTEX_WAKE_OP:
		trace_printf(out, ", %u, %u, ", val, val2);
		print_addr(out, uaddr2);
		trace_printf(out, ", ");
		print_futex_wake_op(out, val3);
		break;
	case FUTEX_WAIT_REQUEUE_PI:
		trace_printf(out, ", %u, ", val);
		print_timespec(out, timeout);
		trace_printf(out, ", ");
		print_addr(out, uaddr2);
		break;
	case FUTEX_FD: case FUTEX_WAKE:
		trace_printf(out, ", %u", val);
		break;
	case FUTEX_UNLOCK_PI: case FUTEX_TRYLOCK_PI:
		break;
	default:
		trace_printf(out, ", %u, ", val);
		print_addr(out, timeout);
		trace_printf(out, ", ");
		print_addr(out, uaddr2);
		trace_printf(out, ", %#x", val3);
		break;
	}
}

/* ------------------------------------------------------------------ CPU sets */

#define CPUSET_MAX 128           /* bytes strace reads at most (its own sched_getaffinity probe) */

/* [0 1]: the CPUs in the first len bytes, "..." after them if len was larger than strace reads. */
void
print_cpuset(struct trace_fmt *out, uint64_t addr, uint64_t len)
{
	uint64_t words[CPUSET_MAX / 8] = { 0 };
	size_t n = len < CPUSET_MAX ? (size_t)len : CPUSET_MAX;
	size_t size = (n + 7) / 8 * 8;
	const char *sep = "";

	if (addr == 0) {
		trace_printf(out, "NULL");
		return;
	}
	if (len == 0) {
		trace_printf(out, "[]");
		return;
	}
	if (!read_struct(out, addr, words, n))
		return;
	trace_printf(out, "[");
	for (size_t cpu = 0; cpu < size * 8; cpu++)
		if (words[cpu / 64] & (1UL << (cpu % 64))) {
			trace_printf(out, "%s%zu", sep, cpu);
			sep = " ";
		}
	trace_printf(out, "%s]", size < len ? (*sep ? " ..." : "...") : "");
}

/* ------------------------------------------------------------------ resource limits */

static const struct flag_name rlimit_names[] = {
	{ RLIMIT_CPU, "RLIMIT_CPU" }, { RLIMIT_FSIZE, "RLIMIT_FSIZE" }, { RLIMIT_DATA, "RLIMIT_DATA" },
	{ RLIMIT_STACK, "RLIMIT_STACK" }, { RLIMIT_CORE, "RLIMIT_CORE" }, { RLIMIT_RSS, "RLIMIT_RSS" },
	{ RLIMIT_NPROC, "RLIMIT_NPROC" }, { RLIMIT_NOFILE, "RLIMIT_NOFILE" },
	{ RLIMIT_MEMLOCK, "RLIMIT_MEMLOCK" }, { RLIMIT_AS, "RLIMIT_AS" }, { RLIMIT_LOCKS, "RLIMIT_LOCKS" },
	{ RLIMIT_SIGPENDING, "RLIMIT_SIGPENDING" }, { RLIMIT_MSGQUEUE, "RLIMIT_MSGQUEUE" },
	{ RLIMIT_NICE, "RLIMIT_NICE" }, { RLIMIT_RTPRIO, "RLIMIT_RTPRIO" }, { RLIMIT_RTTIME, "RLIMIT_RTTIME" },
};

void
print_rlimit_resource(struct trace_fmt *out, uint64_t resource)
{
	print_xval(out, (uint32_t)resource, rlimit_names, COUNT(rlimit_names), "RLIMIT_???");
}

/* A limit as strace writes it: RLIM64_INFINITY, 4*1024 for a multiple of 1024 above it, else the number. */
static void
print_rlim(struct trace_fmt *out, uint64_t lim)
{
	if (lim == RLIM_INFINITY)
		trace_printf(out, "RLIM64_INFINITY");
	else if (lim > 1024 && lim % 1024 == 0)
		trace_printf(out, "%lu*1024", lim / 1024);
	else
		trace_printf(out, "%lu", lim);
}

/* {rlim_cur=1024, rlim_max=4*1024} */
void
print_rlimit(struct trace_fmt *out, uint64_t addr)
{
	struct rlimit r;

	if (!read_struct(out, addr, &r, sizeof r))
		return;
	trace_printf(out, "{rlim_cur=");
	print_rlim(out, r.rlim_cur);
	trace_printf(out, ", rlim_max=");
	print_rlim(out, r.rlim_max);
	trace_printf(out, "}");
}

/* ------------------------------------------------------------------ mincore */

/* mincore's vector: one byte per page of len, bit 0 shown: [1, 0, 1]; at most strsize, then "...". */
void
print_mincore_vec(struct trace_fmt *out, uint64_t addr, uint64_t len)
{
	uint64_t pages = len / 4096 + (len % 4096 ? 1 : 0);
	uint8_t b;

	if (addr == 0) {
		trace_printf(out, "NULL");
		return;
	}
	if (pages == 0) {
		trace_printf(out, "[]");
		return;
	}
	for (uint64_t i = 0; i < pages; i++) {
		if (i == (uint64_t)out->strsize) {
			trace_printf(out, ", ...");
			break;
		}
		if (out->read(out->ctx, addr + i, &b, 1) < 0) {
			if (i == 0) {
				print_addr(out, addr);
				return;
			}
			trace_printf(out, ", ...");
			break;
		}
		trace_printf(out, "%s%u", i ? ", " : "[", b & 1);
	}
	trace_printf(out, "]");
}
