/*
 * args.c - the values a fuzzing child passes: a pool of the integers,
 * addresses, lengths, paths and descriptors that find kernel bugs (zero,
 * -1, the last bytes before an unmapped page, a kernel address, a huge
 * length, a real descriptor of every kind...), and the arena of memory the
 * addresses point into.
 *
 * An argument's kind (trace.h, from uapi/syscalls.h) picks the part of the
 * pool it draws from most of the time; the rest of the time any value goes,
 * because a kernel must survive a path where an fd was expected too.
 * Every value is a function of the random state alone (no address or
 * descriptor number depends on what happened before), so the parent can
 * rebuild a child's calls.
 */
#include "sysfuzz.h"
#include "trace.h"
#include "uapi/sched.h"

/* ---------------------------------------------------------------- the pools */

/* Addresses a user must never get at (memlayout.h): the direct map of
 * physical memory, the kernel image, and the non-canonical hole. */
static const uint64_t kernel_addresses[] = {
	0xffff800000000000UL, 0xffff800000100000UL, 0xffff800001000000UL,
	0xffffff0000000000UL,                      /* kernel stacks */
	0xffffffff80000000UL, 0xffffffff80100000UL, 0xffffffff80200000UL,
	0xfffffffffffff000UL, 0xffffffffffffffffUL,
};
static const uint64_t noncanonical_addresses[] = {
	0x0000800000000000UL, 0x0000800000001000UL, 0x00007ffffffff000UL, /* the last user page */
	0x00007fffffffffffUL, 0x8000000000000000UL, 0xdead000000000000UL,
	0x7fffffffffffffffUL, 0xffff7fffffffffffUL,
};
static const uint64_t huge_lengths[] = {
	0x7fffffffUL, 0x80000000UL, 0xffffffffUL, 0x100000000UL, 0x7ffffffff000UL,
	0x7fffffffffffffffUL, 0x8000000000000000UL, 0xfffffffffffff000UL,
	0xffffffffffffffffUL, 1UL << 40, 1UL << 47,
};

/* Paths: every kind of node of the file tree, and the edges of path walking. */
static const char long_name[] =
	"/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
static const char *const paths[] = {
	"/", ".", "..", "", "/bin", "/bin/true", "/bin/sysfuzz", "/etc", "/etc/motd",
	"/etc/motd/", "/etc/motd/x", "//bin///true", "/bin/../etc/./motd", "/nonexistent",
	"/proc", "/proc/self", "/proc/self/status", "/proc/self/maps", "/proc/self/exe",
	"/proc/self/trace", "/proc/1/status", "/proc/1", "/proc/99999/status", "/proc/meminfo",
	"/proc/uptime", "/proc/self/nothing", "/dev", "/dev/null", "/dev/zero", "/dev/tty",
	"/sys", "/sys/devices/system/cpu/online", "/sys/kernel/mm/transparent_hugepage/enabled",
	"bin", "etc/motd", "proc/self/exe", long_name,
	/* /dev/console is left out: writes would bury the report in random bytes. */
};
/* execve may run only these (calls.c): programs that end at once by themselves. */
static const char *const exec_paths[] = {
	"/bin/true", "/bin/false", "/etc/motd", "/bin", "/nonexistent", "/dev/null", "",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(rng, a) ((a)[rand_below(rng, COUNT(a))])

/* ---------------------------------------------------------------- one class each */

/* Somewhere in the arena's buffers: a page start, or anywhere in a page. */
static uint64_t
writable_buffer(uint64_t *rng)
{
	uint64_t page = ARENA_BASE + rand_below(rng, ARENA_BUFFERS) * PAGE_BYTES;

	return rand_percent(rng, 50) ? page : page + (rand_below(rng, PAGE_BYTES) & ~7UL);
}

/* The last 1..256 bytes before the unmapped page. */
static uint64_t
edge_pointer(uint64_t *rng)
{
	return ARENA_HOLE - ((uint64_t)1 << rand_below(rng, 9));
}

/* A page of the zone mmap maps into (and munmap, mprotect... work on). */
static uint64_t
zone_pointer(uint64_t *rng)
{
	return ARENA_ZONE + rand_below(rng, ARENA_ZONE_PAGES) * PAGE_BYTES;
}

/* An address: half the time a good buffer (a call must get past its
 * pointer checks to reach the rest of its code), else a bad one. */
static uint64_t
any_pointer(uint64_t *rng)
{
	switch (rand_below(rng, 20)) {
	case 10: case 11: return edge_pointer(rng);
	case 12: case 13: return zone_pointer(rng);
	case 14: return ARENA_READONLY + (rand_percent(rng, 50) ? 0 : rand_below(rng, PAGE_BYTES));
	case 15: return ARENA_NONE;
	case 16: return 0;                                       /* NULL */
	case 17: return PICK(rng, kernel_addresses);
	case 18: return PICK(rng, noncanonical_addresses);
	case 19: return getauxval(AT_SYSINFO_EHDR);             /* the vDSO: read-only */
	default: return writable_buffer(rng);
	}
}

static uint64_t
small_integer(uint64_t *rng)
{
	return rand_below(rng, 17);
}

/* A length: of nothing, a structure, a page or more, or far too much. */
static uint64_t
length(uint64_t *rng)
{
	static const uint64_t struct_sizes[] = { 8, 16, 24, 32, 64, 88, 128, 144 };

	switch (rand_below(rng, 9)) {
	case 0: return 0;
	case 8: return PICK(rng, struct_sizes);
	case 1: return 1 + rand_below(rng, 64);
	case 2: return PAGE_BYTES;
	case 3: return PAGE_BYTES * (1 + rand_below(rng, ARENA_BUFFERS + 2));
	case 4: return rand_below(rng, 2 * PAGE_BYTES);
	case 5: case 6: return PICK(rng, huge_lengths);
	default: return (uint64_t)-1 - rand_below(rng, 16);
	}
}

/* A descriptor: one of the child's own (mostly), an unused number, or a bad one. */
static uint64_t
descriptor(uint64_t *rng)
{
	switch (rand_below(rng, 10)) {
	case 0: return (uint64_t)-1;
	case 1: return rand_below(rng, FD_FIRST + FD_COUNT + 8);   /* stdio, or above ours */
	case 2: return (uint64_t)(int64_t)-100;                    /* AT_FDCWD */
	default: return FD_FIRST + rand_below(rng, FD_COUNT);
	}
}

/*
 * A descriptor of the class a call works on (sysfuzz.h's slots), half the
 * time; the other half any descriptor, as the call must refuse the wrong
 * kind too.
 */
static uint64_t
descriptor_of(uint64_t *rng, int class)
{
	static const uint8_t epolls[] = { SLOT_EPOLL, SLOT_EMPTY_EPOLL },
		timers[] = { SLOT_TIMERFD, SLOT_IDLE_TIMERFD },
		dirs[] = { SLOT_ROOT_DIR, SLOT_PROC_DIR, SLOT_SELF_DIR },
		seekable[] = { SLOT_PROC_STATUS, SLOT_MEMINFO, SLOT_PROC_MAPS, SLOT_DEV_NULL,
			       SLOT_DEV_ZERO, SLOT_MOTD, SLOT_TRUE, SLOT_SYS_FILE },
		pollable[] = { SLOT_PIPE_READ, SLOT_PIPE_WRITE, SLOT_FULL_PIPE_READ,
			       SLOT_FULL_PIPE_WRITE, SLOT_EPOLL, SLOT_EVENTFD, SLOT_SEMAPHORE,
			       SLOT_TIMERFD, SLOT_IDLE_TIMERFD, SLOT_TTY, SLOT_EMPTY_EPOLL };

	if (rand_percent(rng, 50))
		return descriptor(rng);
	switch (class) {
	case FD_EPOLL: return FD_FIRST + PICK(rng, epolls);
	case FD_TIMER: return FD_FIRST + PICK(rng, timers);
	case FD_DIR: return FD_FIRST + PICK(rng, dirs);
	case FD_TTY: return FD_FIRST + SLOT_TTY;
	case FD_SEEKABLE: return FD_FIRST + PICK(rng, seekable);
	default: return FD_FIRST + PICK(rng, pollable);
	}
}

static uint64_t
path(uint64_t *rng)
{
	return rand_percent(rng, 75) ? (uint64_t)PICK(rng, paths) : any_pointer(rng);
}

/* Flag words: zero, a few single bits, a real-looking low word, or anything. */
static uint64_t
flags(uint64_t *rng)
{
	switch (rand_below(rng, 5)) {
	case 0: return 0;
	case 1: return 1UL << rand_below(rng, 32);
	case 2: return (1UL << rand_below(rng, 32)) | (1UL << rand_below(rng, 32)) |
		       (1UL << rand_below(rng, 32));
	case 3: return rand_next(rng) & 0xffff;
	default: return rand_next(rng);
	}
}

/* Some of the bits a kernel knows, each with a chance of one in three;
 * now and then one it does not know. */
static uint64_t
some_of(uint64_t *rng, const uint64_t *bits, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++)
		if (rand_below(rng, 3) == 0)
			v |= bits[i];
	if (rand_percent(rng, 10))
		v |= 1UL << rand_below(rng, 64);
	return v;
}

/* mmap's flags: a sharing type and some of the others. */
static uint64_t
map_flags(uint64_t *rng)
{
	static const uint64_t types[] = { MAP_PRIVATE, MAP_SHARED, MAP_SHARED_VALIDATE, 0 };
	static const uint64_t bits[] = { MAP_FIXED, MAP_ANONYMOUS, MAP_NORESERVE, MAP_POPULATE,
					 MAP_STACK, MAP_FIXED_NOREPLACE, 0x100 /* MAP_GROWSDOWN */,
					 0x40 /* MAP_32BIT */ };
	return types[rand_below(rng, 4)] | some_of(rng, bits, COUNT(bits));
}

/* open's flags: an access mode and some of the others. */
static uint64_t
open_flags(uint64_t *rng)
{
	static const uint64_t bits[] = { O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND, O_NONBLOCK,
					 O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC, 010000000 /* O_PATH */ };
	return rand_below(rng, 4) | some_of(rng, bits, COUNT(bits));
}

/* clone's flags: a thread's set, or some flags; and an exit signal. */
static uint64_t
clone_flags(uint64_t *rng)
{
	static const uint64_t bits[] = { CLONE_VM, CLONE_FS, CLONE_FILES, CLONE_SIGHAND, CLONE_VFORK,
					 CLONE_PARENT, CLONE_THREAD, CLONE_SYSVSEM, CLONE_SETTLS,
					 CLONE_PARENT_SETTID, CLONE_CHILD_CLEARTID, CLONE_DETACHED,
					 CLONE_CHILD_SETTID, CLONE_IO, CLONE_PIDFD };
	uint64_t thread = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
			  CLONE_SYSVSEM;
	uint64_t v = rand_percent(rng, 25) ? thread : 0;

	v |= some_of(rng, bits, COUNT(bits));
	if (!(v & CLONE_THREAD))
		v |= rand_percent(rng, 70) ? SIGCHLD : rand_below(rng, 66);
	return v;
}

/* A value of an enumeration: one of its `count` values from `first` most
 * of the time, else one just past them, else anything. */
static uint64_t
one_of(uint64_t *rng, uint64_t first, uint64_t count)
{
	uint64_t r = rand_below(rng, 100);

	if (r < 80)
		return first + rand_below(rng, count);
	if (r < 90)
		return first + count + rand_below(rng, 4);
	return rand_percent(rng, 50) ? rand_below(rng, 70) : rand_next(rng);
}

/* The enumerations, each with its real values (Linux's numbers). */
static uint64_t
enumeration(uint64_t *rng, int kind)
{
	static const uint64_t fcntl_cmds[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
					       1024, 1025, 1026, 1030, 1031, 1032, 1033, 1034 };
	static const uint64_t arch_codes[] = { 0x1001, 0x1002, 0x1003, 0x1004, 0x1011, 0x1012,
					       0x3001, 0x3002, 0x3003, 0x4001 };
	switch (kind) {
	case WHENCE: return one_of(rng, 0, 5);               /* SEEK_SET .. SEEK_HOLE */
	case MADVICE: return one_of(rng, 0, 26);
	case EPOLL_OP: return one_of(rng, 1, 3);             /* ADD, DEL, MOD */
	case SIGHOW: return one_of(rng, 0, 3);               /* BLOCK, UNBLOCK, SETMASK */
	case CLOCK: return one_of(rng, 0, 12);
	case SIGNAL: return one_of(rng, 0, 65);
	case ITIMER_WHICH: return one_of(rng, 0, 3);
	case RLIMIT_RESOURCE: return one_of(rng, 0, 16);
	case FUTEX_OPCODE:           /* an operation, maybe PRIVATE, maybe CLOCK_REALTIME */
		return one_of(rng, 0, 14) | (rand_percent(rng, 50) ? 128 : 0) |
		       (rand_percent(rng, 10) ? 256 : 0);
	case FCNTL_CMD:
		return rand_percent(rng, 85) ? PICK(rng, fcntl_cmds) : one_of(rng, 0, 70);
	default:                     /* ARCH_PRCTL_CODE */
		return rand_percent(rng, 85) ? PICK(rng, arch_codes) : one_of(rng, 0x1000, 32);
	}
}

/* wait4's options: some of WNOHANG, WUNTRACED, WCONTINUED, __WNOTHREAD, __WALL, __WCLONE. */
static uint64_t
wait_options(uint64_t *rng)
{
	static const uint64_t bits[] = { 1, 2, 8, 0x20000000, 0x40000000, 0x80000000 };

	return some_of(rng, bits, COUNT(bits));
}

/* A file offset: the start, inside a file, past its end, negative, huge. */
static uint64_t
offset(uint64_t *rng)
{
	switch (rand_below(rng, 5)) {
	case 0: return 0;
	case 1: return rand_below(rng, 8192);
	case 2: return (uint64_t)-1 - rand_below(rng, 4096);
	case 3: return PICK(rng, huge_lengths);
	default: return rand_next(rng);
	}
}

/* Terminal and file ioctls the kernel knows, and some it does not. */
static uint64_t
ioctl_command(uint64_t *rng)
{
	static const uint32_t known[] = {
		0x5401, 0x5402, 0x5403, 0x5404, 0x540e, 0x540f, 0x5410, 0x5413, 0x5414,
		0x541b, 0x5421, 0x5429, 0x5451, 0x5450, 0x5412,
	};
	return rand_percent(rng, 80) ? PICK(rng, known) : rand_next(rng);
}

/* The brief's list, any of it: what a value of no particular kind may be. */
static uint64_t
any_value(uint64_t *rng)
{
	switch (rand_below(rng, 10)) {
	case 0: return 0;
	case 1: return small_integer(rng);
	case 2: return (uint64_t)-1;
	case 3: return rand_next(rng);
	case 4: case 5: return any_pointer(rng);
	case 6: return PICK(rng, huge_lengths);
	case 7: return descriptor(rng);
	case 8: return length(rng);
	default: return flags(rng);
	}
}

/*
 * One argument of the given kind. 80% of the time the kind decides the
 * class; otherwise, or when the kind says nothing useful, anything goes.
 */
uint64_t
arg_generate(uint64_t *rng, int kind)
{
	if (kind == _ || rand_percent(rng, 20))
		return any_value(rng);
	switch (kind) {
	case FD: case DIRFD:
		return descriptor(rng);
	case FD_EPOLL: case FD_TIMER: case FD_DIR: case FD_POLLABLE: case FD_TTY: case FD_SEEKABLE:
		return descriptor_of(rng, kind);
	case PATH: case STR:
		return path(rng);
	case LEN: case CLONE3_SIZE:
		return length(rng);
	case SIGSETSIZE:
		return rand_percent(rng, 70) ? 8 : length(rng);
	case OFF:
		return offset(rng);
	case IOCTL_CMD:
		return ioctl_command(rng);
	case MAP_FLAGS:
		return map_flags(rng);
	case OPEN_FLAGS:
		return open_flags(rng);
	case CLONE_FLAGS:
		return clone_flags(rng);
	case PROT:
		return rand_percent(rng, 90) ? rand_below(rng, 8) : flags(rng);
	case WAIT_OPTIONS:
		return wait_options(rng);
	case ACCESS_MODE: case EFD_FLAGS: case PIPE_FLAGS: case EPOLL_CREATE_FLAGS:
	case DUP3_FLAGS: case MODE: case HEX:
		return flags(rng);
	case SIGACTION_IN:           /* a real handler (or SIG_IGN/SIG_DFL), half the time */
		return rand_percent(rng, 50) ? ARENA_ACTIONS + rand_below(rng, ARENA_NACTIONS) *
					       sizeof(struct kernel_sigaction) : any_pointer(rng);
	case STACK_IN:               /* a usable alternate stack, or SS_DISABLE */
		return rand_percent(rng, 50) ? ARENA_STACKS + rand_below(rng, ARENA_NSTACKS) *
					       sizeof(struct sigaltstack) : any_pointer(rng);
	case CLONE_STACK:            /* the end of a buffer page: room below for a stack */
		return rand_percent(rng, 50) ? writable_buffer(rng) | (PAGE_BYTES - 16) : any_pointer(rng);
	case WHENCE: case MADVICE: case FCNTL_CMD: case ARCH_PRCTL_CODE: case EPOLL_OP:
	case SIGHOW: case CLOCK: case SIGNAL: case ITIMER_WHICH: case RLIMIT_RESOURCE:
	case FUTEX_OPCODE:
		return enumeration(rng, kind);
	case INT: case UINT: case FUTEX_VAL: case FUTEX_VAL3: case RESTART_NR:
		return rand_percent(rng, 50) ? small_integer(rng) : any_value(rng);
	default:                     /* every other kind is an address */
		return any_pointer(rng);
	}
}

/* execve's path, never a pointer into memory the calls may have written. */
uint64_t
arg_exec_path(uint64_t *rng)
{
	switch (rand_below(rng, 8)) {
	case 0: return 0;
	case 1: return PICK(rng, kernel_addresses);
	case 2: return ARENA_HOLE;
	default: return (uint64_t)PICK(rng, exec_paths);
	}
}

/* A process id for a call aimed at the child itself: its own, or one no
 * process has (pids stop at 32768), or INT_MIN (-pid overflows). */
uint64_t
arg_own_pid(uint64_t *rng, int self_pid)
{
	switch (rand_below(rng, 6)) {
	case 0: return 99999;
	case 1: return (uint64_t)(uint32_t)INT32_MIN;
	default: return (uint64_t)self_pid;
	}
}

/* ---------------------------------------------------------------- the arena */

/*
 * What the buffers hold when a child starts: something different per page,
 * so that a structure read from one is all zeros, small numbers (a timespec
 * of a few seconds, a count of 2), pointers with lengths (an iovec, an
 * argv), text, or random bytes.
 */
static void
fill_page(uint64_t *page, int kind, uint64_t *rng)
{
	for (size_t i = 0; i < PAGE_BYTES / 8; i++) {
		switch (kind) {
		case 0: page[i] = 0; break;
		case 1: page[i] = rand_below(rng, 4); break;
		case 2: page[i] = i % 2 ? rand_below(rng, 64) : writable_buffer(rng); break;
		case 3: page[i] = 0x2f6374652f2f2f00UL + rand_below(rng, 2); break;  /* "\0///etc/" */
		default: page[i] = rand_next(rng); break;
		}
	}
}

/* A handler that a signal can really run: it returns, through
 * __restore_rt and rt_sigreturn, to wherever the signal came. */
static void
fuzz_handler(int sig, struct siginfo *info, void *ucontext)
{
	(void)sig, (void)info, (void)ucontext;
}

/*
 * Signal actions that work, for rt_sigaction: a handler with each of the
 * flags that change delivery (its own stack, restarts, no deferring, one
 * shot), ignoring, the default; with masks of nothing, everything, or a
 * few signals. And alternate stacks in the buffers, for sigaltstack.
 */
static void
write_actions(uint64_t *rng)
{
	static const unsigned long extra_flags[ARENA_NACTIONS] = {
		0, SA_ONSTACK, SA_RESTART, SA_NODEFER, SA_RESETHAND, SA_ONSTACK | SA_NODEFER,
		SA_NOCLDSTOP | SA_NOCLDWAIT, SA_RESTART | SA_ONSTACK };
	struct kernel_sigaction *a = (void *)ARENA_ACTIONS;
	struct sigaltstack *st = (void *)ARENA_STACKS;

	for (int i = 0; i < ARENA_NACTIONS; i++) {
		a[i].handler = i == 6 ? SIG_IGN : i == 7 ? SIG_DFL : (unsigned long)fuzz_handler;
		a[i].flags = SA_SIGINFO | SA_RESTORER | extra_flags[i];
		a[i].restorer = (unsigned long)__restore_rt;
		a[i].mask = i % 3 == 0 ? 0 : i % 3 == 1 ? ~0UL : rand_next(rng);
	}
	st[0] = (struct sigaltstack){ ARENA_BASE + 2 * PAGE_BYTES, 0, 0, 2 * PAGE_BYTES };
	st[1] = (struct sigaltstack){ ARENA_BASE + 8 * PAGE_BYTES, SS_AUTODISARM, 0, PAGE_BYTES };
	st[2] = (struct sigaltstack){ ARENA_EDGE, 0, 0, PAGE_BYTES };    /* ends at the hole */
	st[3] = (struct sigaltstack){ 0, SS_DISABLE, 0, 0 };
}

/* Map the arena (sysfuzz.h draws it) and fill it; 0 or -1. */
int
arena_init(uint64_t seed)
{
	uint64_t rng = seed;
	void *fixed = (void *)ARENA_BASE;

	if (mmap(fixed, (ARENA_BUFFERS + 1) * PAGE_BYTES, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != fixed ||
	    mmap((void *)ARENA_READONLY, PAGE_BYTES, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (void *)ARENA_READONLY ||
	    mmap((void *)ARENA_NONE, PAGE_BYTES, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (void *)ARENA_NONE)
		return -1;
	for (int p = 0; p <= ARENA_BUFFERS; p++)
		fill_page((uint64_t *)(ARENA_BASE + p * PAGE_BYTES), p % 5, &rng);
	fill_page((uint64_t *)ARENA_READONLY, 1, &rng);
	strcpy((char *)ARENA_READONLY, "/etc/motd");
	write_actions(&rng);
	return mprotect((void *)ARENA_READONLY, PAGE_BYTES, PROT_READ);
}
