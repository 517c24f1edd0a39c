/*
 * calls.c - which system call a fuzzing child makes next, with which
 * arguments, and the safety filters that keep the fuzzer itself alive.
 *
 * The calls come from the kernel's one list, uapi/syscalls.h: its SYSCALL
 * lines are the implemented calls, its NOSYS lines the others, and each
 * line names the kind of every argument (the tracer's kinds, trace.h),
 * which tells args.c what a good bad value for it looks like.
 */
#include "sysfuzz.h"
#include "trace.h"

#define LINUX_CALLS 451              /* 0..450: every number in the list */

struct call_info {
	const char *name;            /* NULL: Linux has no call with this number */
	uint8_t nargs;
	uint8_t kinds[6];
	bool implemented;
};

/* [1] = { "write", 3, { FD, BUF_IN, LEN }, true }, ... */
static const struct call_info call_table[LINUX_CALLS] = {
#define SYSCALL(nr, name, nargs, ...) [nr] = { #name, nargs, { __VA_ARGS__ }, true },
#define NOSYS(nr, name, nargs, ...) [nr] = { #name, nargs, { __VA_ARGS__ }, false },
#include "uapi/syscalls.h"
#undef SYSCALL
#undef NOSYS
};

static uint16_t implemented[LINUX_CALLS];
static int nr_implemented;

/* List the implemented numbers once (the same list in every child). */
void
calls_init(void)
{
	nr_implemented = 0;
	for (int nr = 0; nr < LINUX_CALLS; nr++)
		if (call_table[nr].implemented)
			implemented[nr_implemented++] = (uint16_t)nr;
}

int
calls_implemented(void)
{
	return nr_implemented;
}

static const struct call_info *
call_info(uint64_t nr)
{
	uint32_t n = (uint32_t)nr;   /* the kernel looks at the low 32 bits only (syscall.c) */

	return n < LINUX_CALLS && call_table[n].name != NULL ? &call_table[n] : NULL;
}

/*
 * The number: mostly an implemented call (that is where the bugs can be),
 * then any number Linux has up to HIGHEST_NUMBER (the NOSYS lines and the
 * unused numbers after them must all give -ENOSYS), then full 64-bit
 * numbers: random ones, and implemented calls with random high bits, which
 * the kernel ignores as Linux does (0x100000027 is getpid).
 */
static uint64_t
any_number(uint64_t *rng)
{
	uint64_t r = rand_below(rng, 100);

	if (r < 75)
		return implemented[rand_below(rng, (uint64_t)nr_implemented)];
	if (r < 93)
		return rand_below(rng, HIGHEST_NUMBER + 1);
	if (r < 97)
		return rand_next(rng);
	return (rand_next(rng) & ~0xffffffffUL) |
	       implemented[rand_below(rng, (uint64_t)nr_implemented)];
}

/* Calls after which a child makes no more calls: exit, exit_group, an
 * execve of a harmless program (the filter below) that ends at once, and
 * rt_sigreturn, whose frame is wherever the stack pointer is - call.S's
 * saved registers - and always refused (SIGSEGV: sigtest forges better ones). */
static bool
ends_the_child(uint64_t nr)
{
	uint32_t n = (uint32_t)nr;

	return n == __NR_exit || n == __NR_exit_group || n == __NR_execve || n == __NR_execveat ||
	       n == __NR_rt_sigreturn;
}

/* The number, with the calls that end the child drawn ten times less
 * often: a child that lives longer builds up more state to trip on. */
static uint64_t
choose_number(uint64_t *rng)
{
	uint64_t nr = any_number(rng);

	if (ends_the_child(nr) && rand_percent(rng, 90))
		nr = any_number(rng);
	return nr;
}

/* Where the tracer's kind says less than the fuzzer wants to know: the
 * descriptor a call works on (an epoll instance for epoll_wait...), and two
 * arguments strace prints plainly. */
static const struct {
	uint16_t nr;
	uint8_t arg, kind;
} sharper_kinds[] = {
	{ __NR_rt_sigaction, 3, SIGSETSIZE },        /* its LEN is the size of sa_mask */
	{ __NR_mmap, 5, OFF },                       /* its HEX is the file offset */
	{ __NR_epoll_wait, 0, FD_EPOLL },
	{ __NR_epoll_pwait, 0, FD_EPOLL },
	{ __NR_epoll_ctl, 0, FD_EPOLL },
	{ __NR_epoll_ctl, 2, FD_POLLABLE },          /* epoll instances too: nesting */
	{ __NR_timerfd_settime, 0, FD_TIMER },
	{ __NR_timerfd_gettime, 0, FD_TIMER },
	{ __NR_getdents64, 0, FD_DIR },
	{ __NR_openat, 0, FD_DIR },
	{ __NR_newfstatat, 0, FD_DIR },
	{ __NR_readlinkat, 0, FD_DIR },
	{ __NR_ioctl, 0, FD_TTY },
	{ __NR_lseek, 0, FD_SEEKABLE },
	{ __NR_pread64, 0, FD_SEEKABLE },
};

static int
arg_kind(const struct call_info *info, uint64_t nr, int i)
{
	if (info == NULL || i >= info->nargs)
		return _;
	for (size_t k = 0; k < sizeof sharper_kinds / sizeof sharper_kinds[0]; k++)
		if (sharper_kinds[k].nr == (uint32_t)nr && sharper_kinds[k].arg == i)
			return sharper_kinds[k].kind;
	return info->kinds[i];
}

/* A whole call: the number, then each argument by its kind (all six are
 * set: a call must ignore the registers it does not read). */
void
call_generate(uint64_t *rng, struct fuzz_call *c)
{
	const struct call_info *info;

	c->nr = choose_number(rng);
	c->filtered = NULL;
	info = call_info(c->nr);
	for (int i = 0; i < 6; i++)
		c->args[i] = arg_generate(rng, arg_kind(info, c->nr, i));
}

/* ---------------------------------------------------------------- safety filters */

/*
 * Calls that name another process by its id: a child may point them only
 * at itself (or at ids no process has), never at the parent or init. The
 * NOSYS ones are listed too, so that implementing one does not quietly
 * give the children a way to kill the fuzzer. Calls taking a pidfd need no
 * filter: pidfd_open is filtered, so a child only ever holds pidfds of
 * itself or of its own children.
 */
static const struct {
	uint16_t nr;
	uint8_t pid_args;            /* bit i: argument i is a process or thread id */
} names_a_process[] = {
	{ __NR_kill, 1 << 0 },               /* kill(-1) or kill(1) would end the fuzzer */
	{ __NR_tkill, 1 << 0 },
	{ __NR_tgkill, 1 << 0 | 1 << 1 },
	{ __NR_rt_sigqueueinfo, 1 << 0 },
	{ __NR_rt_tgsigqueueinfo, 1 << 0 | 1 << 1 },
	{ __NR_pidfd_open, 1 << 0 },
	{ __NR_prlimit64, 1 << 0 },          /* RLIMIT_NOFILE = 0 on the parent would blind it */
	{ __NR_ptrace, 1 << 1 },
	{ __NR_process_vm_readv, 1 << 0 },
	{ __NR_process_vm_writev, 1 << 0 },
	{ __NR_kcmp, 1 << 0 | 1 << 1 },
	{ __NR_sched_setaffinity, 1 << 0 },
	{ __NR_sched_setparam, 1 << 0 },
	{ __NR_sched_setscheduler, 1 << 0 },
	{ __NR_setpriority, 1 << 1 },
	{ __NR_ioprio_set, 1 << 1 },
	{ __NR_migrate_pages, 1 << 0 },
	{ __NR_move_pages, 1 << 0 },
};

#define REBOOT_MAGIC1 0xfee1deadU

static bool
aim_at_self(struct fuzz_call *c, int self_pid)
{
	uint32_t nr = (uint32_t)c->nr;
	uint64_t rng = c->args[0] ^ c->args[1];      /* the choice below follows from the call */

	for (size_t i = 0; i < sizeof names_a_process / sizeof names_a_process[0]; i++) {
		if (names_a_process[i].nr != nr)
			continue;
		for (int a = 0; a < 6; a++)
			if (names_a_process[i].pid_args & (1 << a))
				c->args[a] = arg_own_pid(&rng, self_pid);
		return true;
	}
	return false;
}

/*
 * Change a generated call so that it cannot end the fuzzer: a child may
 * die by its calls, the parent and the machine may not. Each filter says
 * why it exists; docs/fuzzing.md lists them.
 */
void
call_make_safe(struct fuzz_call *c, int self_pid)
{
	uint32_t nr = (uint32_t)c->nr;
	uint64_t rng = c->args[2] ^ c->args[3];

	if (aim_at_self(c, self_pid)) {
		c->filtered = "aimed at the child itself";
	} else if (nr == __NR_reboot && (uint32_t)c->args[0] == REBOOT_MAGIC1) {
		/* With both magic numbers right it powers the machine off. */
		c->args[0] ^= 1;
		c->filtered = "reboot: wrong magic";
	} else if (nr == __NR_execve || nr == __NR_execveat) {
		/* A program built from random bytes could be /bin/poweroff, or a
		 * shell that waits for input: only harmless programs run. */
		c->args[nr == __NR_execve ? 0 : 1] = arg_exec_path(&rng);
		c->filtered = "exec: harmless programs only";
	}
}

/* ---------------------------------------------------------------- what a call does */

bool
call_starts_task(uint64_t nr)
{
	uint32_t n = (uint32_t)nr;

	return n == __NR_fork || n == __NR_vfork || n == __NR_clone || n == __NR_clone3;
}

/* rt_sigreturn loads every register from the frame it is given: it is the
 * one call whose changed registers are no news. */
bool
call_keeps_registers(uint64_t nr)
{
	return (uint32_t)nr != __NR_rt_sigreturn;
}

/* "read(0x3, 0x200000000, 0x1000)"; the full number when it has high bits. */
int
call_format(const struct fuzz_call *c, char *buf, size_t size)
{
	const struct call_info *info = call_info(c->nr);
	int nargs = info != NULL ? info->nargs : 6;
	int n;

	if (info != NULL && c->nr == (uint32_t)c->nr)
		n = snprintf(buf, size, "%s(", info->name);
	else if (info != NULL)
		n = snprintf(buf, size, "%s[nr %#lx](", info->name, c->nr);
	else
		n = snprintf(buf, size, "syscall_%#lx(", c->nr);
	for (int i = 0; i < nargs && n < (int)size; i++)
		n += snprintf(buf + n, size - (size_t)n, "%s%#lx", i ? ", " : "", c->args[i]);
	if (n < (int)size)
		n += snprintf(buf + n, size - (size_t)n, ")%s%s", c->filtered ? " /* filtered: " : "",
			      c->filtered ? c->filtered : "");
	if (c->filtered && n < (int)size)
		n += snprintf(buf + n, size - (size_t)n, " */");
	return n;
}
