/*
 * test_trace_format.c - kernel/trace/format.c, the strace-format printer
 * behind /bin/strace: one system call per line, and the -c table.
 *
 * Linked with the real syscall/table.c (names, argument counts and argument
 * kinds, all expanded from uapi/syscalls.h) with the stand-in handlers it
 * refers to (stubs/syscall_handlers.c), and lib/format.c, whose
 * format_vsnprintf is behind trace_printf.
 *
 * The formatter reads user memory only through trace_fmt.read. Here that is
 * a fake user memory: regions (a fake user address and bytes copied into an
 * arena). A read must lie inside one region or it fails (-1), as
 * copy_from_user does for trace.c's reader. Strings are put in regions
 * padded with zeros, as strings sit inside larger mapped memory.
 *
 * Every expected line is what real strace 6.1 prints on Linux x86-64 for the
 * same call (taken from strace runs of small musl-gcc -static programs, with
 * the same addresses, pids and results), or is composed only of pieces it
 * printed. The -c tables come from `strace -c -w` runs with clock_gettime
 * interposed in strace, so that every call took a known number of ns.
 * Lines are assembled as trace.c does: the entry part, then the exit part
 * in a fresh buffer continuing at column col0; each call is also formatted
 * into a single buffer (col0 0), which must give the same line.
 *
 * Tests named test_bug_* assert what strace 6.1 prints and this kernel does
 * not (yet) print: each checks every case and then fails listing each
 * difference (strace's line, then the kernel's).
 */
#include <stdio.h>

#include "host_test.h"

#include "syscall.h"
#include "trace.h"
#include "uapi/errno.h"
#include "uapi/eventpoll.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"
#include "uapi/signal.h"
#include "uapi/termios.h"
#include "uapi/time.h"
#include "uapi/unistd.h"
#include "uapi/utsname.h"

char *strerror(int errnum);

/* ---------------------------------------------------------------- fake user memory */

#define ARENA_SIZE (256 * 1024)
#define MAX_REGIONS 128
#define STR_PAD 512              /* a string's region: the string, then zeros */

struct region {
	uint64_t addr;
	size_t len;
	uint8_t *bytes;
};

static uint8_t arena[ARENA_SIZE];
static size_t arena_used;
static struct region regions[MAX_REGIONS];
static int nregions;
static int fake_reads;           /* calls of fake_read */
static int ctx_token;            /* trace_fmt.ctx: must reach fake_read unchanged */

static int
fake_read(void *ctx, uint64_t addr, void *dst, size_t n)
{
	assert_ptr_equal(ctx, &ctx_token);
	fake_reads++;
	/* The newest region first: a test can replace memory by putting new bytes. */
	for (int i = nregions - 1; i >= 0; i--) {
		const struct region *r = &regions[i];
		if (addr >= r->addr && addr - r->addr <= r->len && n <= r->len - (addr - r->addr)) {
			memcpy(dst, r->bytes + (addr - r->addr), n);
			return 0;
		}
	}
	return -1;
}

/* n bytes of data at user address addr; returns addr. */
static uint64_t
mem_put(uint64_t addr, const void *data, size_t n)
{
	assert_true(nregions < MAX_REGIONS);
	assert_true(n <= ARENA_SIZE - arena_used);
	regions[nregions++] = (struct region){ addr, n, arena + arena_used };
	memcpy(arena + arena_used, data, n);
	arena_used += n;
	return addr;
}

/* A NUL-terminated string at addr, followed by zeros up to STR_PAD bytes. */
static uint64_t
mem_str(uint64_t addr, const char *s)
{
	uint8_t padded[STR_PAD] = { 0 };
	size_t n = strlen(s) + 1;

	assert_true(n <= sizeof padded);
	memcpy(padded, s, n);
	return mem_put(addr, padded, sizeof padded);
}

/* A NULL-terminated pointer array (argv, envp) at addr. */
static uint64_t
mem_ptrs(uint64_t addr, const uint64_t *p, size_t n)
{
	return mem_put(addr, p, n * sizeof p[0]);
}

static void
mem_reset(void)
{
	arena_used = 0;
	nregions = 0;
	fake_reads = 0;
}

/* ---------------------------------------------------------------- formatting */

#define LINE_SIZE 8192

static struct trace_fmt
new_fmt(char *buf, size_t size, int strsize)
{
	return (struct trace_fmt){ .buf = buf, .size = size, .strsize = strsize, .read = fake_read,
				   .ctx = &ctx_token };
}

/*
 * One call as trace.c prints it: prefix (trace.c's "[pid N] " with -f) and
 * the entry part in one buffer, then the exit part in a fresh buffer from
 * the returned position, at column col0 = the entry part's length. Also
 * formats the call into a single buffer (col0 0), which must give the same
 * text. Returns the line (valid until the next call).
 */
static const char *
format_line(const char *prefix, int strsize, int nr, const uint64_t args[6], long ret)
{
	static char line[2 * LINE_SIZE];
	static char enter[LINE_SIZE], leave[LINE_SIZE], single[2 * LINE_SIZE];

	struct trace_fmt e = new_fmt(enter, sizeof enter, strsize);
	trace_printf(&e, "%s", prefix);
	int pos = trace_format_enter(&e, nr, args);
	assert_true(pos >= 0 && pos <= 6);
	assert_true(e.len < sizeof enter);
	assert_int_equal(strlen(enter), e.len);

	struct trace_fmt x = new_fmt(leave, sizeof leave, strsize);
	trace_format_exit(&x, nr, args, pos, ret, e.len);
	assert_true(x.len < sizeof leave);
	assert_int_equal(strlen(leave), x.len);
	snprintf(line, sizeof line, "%s%s", enter, leave);

	struct trace_fmt s = new_fmt(single, sizeof single, strsize);
	trace_printf(&s, "%s", prefix);
	assert_int_equal(trace_format_enter(&s, nr, args), pos);
	trace_format_exit(&s, nr, args, pos, ret, 0);
	if (strcmp(single, line) != 0)
		fail_msg("one buffer and two buffers differ:\n  one: %s\n  two: %s", single, line);
	return line;
}

static const char *
format_call(int strsize, int nr, const uint64_t args[6], long ret)
{
	return format_line("", strsize, nr, args, ret);
}

/* "<... name resumed>" continued after another process printed (col0 0). */
static const char *
format_resumed(const char *prefix, int nr, const uint64_t args[6], long ret)
{
	static char enter[LINE_SIZE], line[LINE_SIZE];
	struct trace_fmt e = new_fmt(enter, sizeof enter, 32);
	int pos = trace_format_enter(&e, nr, args);

	struct trace_fmt x = new_fmt(line, sizeof line, 32);
	trace_printf(&x, "%s<... %s resumed>", prefix, syscall_descs[nr].name);
	trace_format_exit(&x, nr, args, pos, ret, 0);
	assert_true(x.len < sizeof line);
	return line;
}

#define ARGS(...) ((const uint64_t[6]){ __VA_ARGS__ })

static void
check_line(int line, const char *want, const char *got)
{
	if (strcmp(want, got) != 0)
		fail_msg("line %d:\n  strace: %s\n  kernel: %s", line, want, got);
}

/* CALL(strace's line, number, result, arguments...): with -s 32. */
#define CALL(want, nr, ret, ...) check_line(__LINE__, (want), format_call(32, (nr), ARGS(__VA_ARGS__), (ret)))
#define CALL_S(strsize, want, nr, ret, ...) \
	check_line(__LINE__, (want), format_call((strsize), (nr), ARGS(__VA_ARGS__), (ret)))
#define CALL_PID(prefix, want, nr, ret, ...) \
	check_line(__LINE__, (want), format_line((prefix), 32, (nr), ARGS(__VA_ARGS__), (ret)))

/* ---------------------------------------------------------------- BUG collection */

static char bug_text[32768];
static size_t bug_len;
static int bug_count;

static void
bug_expect(int line, const char *want, const char *got)
{
	if (strcmp(want, got) == 0)
		return;
	bug_count++;
	if (bug_len < sizeof bug_text) {
		int n = snprintf(bug_text + bug_len, sizeof bug_text - bug_len,
				 "  line %d:\n    strace: %s\n    kernel: %s\n", line, want, got);
		bug_len += n > 0 ? (size_t)n : 0;
	}
}

#define BUG_CALL(want, nr, ret, ...) bug_expect(__LINE__, (want), format_call(32, (nr), ARGS(__VA_ARGS__), (ret)))
#define BUG_CALL_S(strsize, want, nr, ret, ...) \
	bug_expect(__LINE__, (want), format_call((strsize), (nr), ARGS(__VA_ARGS__), (ret)))
#define BUG_CALL_PID(prefix, want, nr, ret, ...) \
	bug_expect(__LINE__, (want), format_line((prefix), 32, (nr), ARGS(__VA_ARGS__), (ret)))

static void
bug_finish(const char *what)
{
	if (bug_count > 0)
		fail_msg("BUG: %s: %d case(s) differ from strace 6.1:\n%s", what, bug_count, bug_text);
}

static int
setup(void **state)
{
	(void)state;
	mem_reset();
	bug_text[0] = '\0';
	bug_len = 0;
	bug_count = 0;
	return 0;
}

/* Common fake addresses. */
#define UADDR_STR   0x402000UL       /* strings in a static binary's .rodata */
#define UADDR_STACK 0x7ffc15357fd0UL /* a buffer on the stack */
#define BAD         0x10UL           /* never mapped */

/* ---------------------------------------------------------------- whole call lines */

/* tests/qemu/progs/traceme.c under real strace, line for line. */
static void
test_traceme_lines(void **state)
{
	(void)state;
	uint64_t env[42];
	for (int i = 0; i < 41; i++)
		env[i] = 0x7ffd78018000UL + 16 * (uint64_t)i;
	env[41] = 0;
	uint64_t path = mem_str(0x7ffd78017f00UL, "/work/main/build/testbin/traceme");
	uint64_t argv = mem_ptrs(0x7ffd78017d00UL, (const uint64_t[]){ path, 0 }, 2);
	uint64_t envp = mem_ptrs(0x7ffd78017d20UL, env, 42);
	CALL("execve(\"/work/main/build/testbin/traceme\", [\"/work/main/build/testbin/traceme\"], "
	     "0x7ffd78017d20 /* 41 vars */) = 0", __NR_execve, 0, path, argv, envp);

	CALL("open(\"/dev/null\", O_WRONLY)             = 3", __NR_open, 3,
	     mem_str(UADDR_STR, "/dev/null"), O_WRONLY, 0);
	CALL("write(3, \"hello, world\\n\", 13)          = 13", __NR_write, 13,
	     mem_put(UADDR_STR + 0x100, "hello, world\n", 13), 13);
	CALL("getpid()                                = 4182", __NR_getpid, 4182);
	CALL("mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f3e3085c000",
	     __NR_mmap, 0x7f3e3085c000L, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
	     (uint64_t)-1, 0);
	CALL("mprotect(0x7f3e3085c000, 4096, PROT_READ) = 0", __NR_mprotect, 0, 0x7f3e3085c000UL, 4096,
	     PROT_READ);
	CALL("munmap(0x7f3e3085c000, 4096)            = 0", __NR_munmap, 0, 0x7f3e3085c000UL, 4096);
	struct timespec ts = { 5582, 202114505 };
	CALL("clock_gettime(CLOCK_MONOTONIC, {tv_sec=5582, tv_nsec=202114505}) = 0", __NR_clock_gettime, 0,
	     CLOCK_MONOTONIC, mem_put(UADDR_STACK, &ts, sizeof ts));
	CALL("open(\"/no/such/file\", O_RDONLY)         = -1 ENOENT (No such file or directory)", __NR_open,
	     -ENOENT, mem_str(UADDR_STR + 0x400, "/no/such/file"), O_RDONLY, 0);
	CALL("syscall_0x3e8(0, 0, 0, 0, 0, 0)         = -1 ENOSYS (Function not implemented)", 1000, -ENOSYS);
	CALL("openat(AT_FDCWD, \"/etc/hostname-not-here\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or "
	     "directory)", __NR_openat, -ENOENT, (uint64_t)AT_FDCWD,
	     mem_str(UADDR_STR + 0x800, "/etc/hostname-not-here"), O_RDONLY | O_CLOEXEC, 0);
	int fds[2] = { 4, 5 };
	CALL("pipe([4, 5])                            = 0", __NR_pipe, 0,
	     mem_put(UADDR_STACK + 0x40, fds, sizeof fds));
	CALL("write(5, 0x10, 4)                       = -1 EFAULT (Bad address)", __NR_write, -EFAULT, 5, BAD,
	     4);
	CALL("write(5, \"ping\", 4)                     = 4", __NR_write, 4, 5,
	     mem_put(UADDR_STR + 0xc00, "ping", 4), 4);
	CALL("read(4, \"ping\", 16)                     = 4", __NR_read, 4, 4,
	     mem_put(UADDR_STACK + 0x80, "ping\0\0\0\0\0\0\0\0\0\0\0\0", 16), 16);
	struct stat st = { .st_mode = S_IFIFO | 0600, .st_nlink = 1, .st_blksize = 4096 };
	CALL("fstat(4, {st_mode=S_IFIFO|0600, st_size=0, ...}) = 0", __NR_fstat, 0, 4,
	     mem_put(UADDR_STACK + 0x100, &st, sizeof st));
	CALL("epoll_create1(0)                        = 6", __NR_epoll_create1, 6, 0);
	struct epoll_event ev = { EPOLLIN, 42 };
	uint64_t evp = mem_put(UADDR_STACK + 0x200, &ev, sizeof ev);
	CALL("epoll_ctl(6, EPOLL_CTL_ADD, 4, {events=EPOLLIN, data={u32=42, u64=42}}) = 0", __NR_epoll_ctl, 0,
	     6, EPOLL_CTL_ADD, 4, evp);
	CALL("epoll_wait(6, [], 1, 0)                 = 0", __NR_epoll_wait, 0, 6, evp, 1, 0);
	CALL("close(6)                                = 0", __NR_close, 0, 6);
	CALL("close(99)                               = -1 EBADF (Bad file descriptor)", __NR_close, -EBADF, 99);
	struct timespec nap = { 0, 1000000 };
	CALL("nanosleep({tv_sec=0, tv_nsec=1000000}, NULL) = 0", __NR_nanosleep, 0,
	     mem_put(UADDR_STACK + 0x300, &nap, sizeof nap), 0);
	CALL("kill(0, 0)                              = 0", __NR_kill, 0, 0, 0);
}

/*
 * strace prints ") ", then pads to column 40: "=" is at column 40, or one
 * space after ")" once the call reaches column 39. Lines of every length
 * around 40, from write(1, "xxx...", n).
 */
static void
test_result_column(void **state)
{
	(void)state;
	char text[64], want[256];
	memset(text, 'x', sizeof text);
	uint64_t buf = mem_put(UADDR_STR, text, sizeof text);

	for (int n = 1; n <= 40; n++) {
		const char *got = format_call(64, __NR_write, ARGS(1, buf, (uint64_t)n), n);
		int call_len = snprintf(want, sizeof want, "write(1, \"%.*s\", %d)", n, text, n);
		int col = call_len < 39 ? 40 : call_len + 1;
		snprintf(want + call_len, sizeof want - (size_t)call_len, "%*s= %d", col - call_len, "", n);
		if (strcmp(got, want) != 0)
			fail_msg("n=%d:\n  want: %s\n  got:  %s", n, want, got);
		if (strchr(got, '=') - got != col)
			fail_msg("n=%d: \"=\" at column %ld, want %d", n, (long)(strchr(got, '=') - got), col);
	}
	/* Real lines ending at columns 38, 39 (")" in column 38), 40 and 41. */
	const uint64_t path = mem_str(UADDR_STR + 0x100, "/nonexistent");
	CALL("access(\"/nonexistent\", R_OK|W_OK|X_OK)  = -1 EACCES (Permission denied)", __NR_access, -EACCES,
	     path, R_OK | W_OK | X_OK);
	CALL("open(\"/nonexistent\", O_WRONLY|O_APPEND) = 5", __NR_open, 5, path, O_WRONLY | O_APPEND, 0644);
	CALL("open(\"/nonexistent\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)", __NR_open,
	     -ENOENT, path, O_RDONLY | O_CLOEXEC);
	CALL("mprotect(0x7f3e3085c000, 4096, PROT_READ) = 0", __NR_mprotect, 0, 0x7f3e3085c000UL, 4096,
	     PROT_READ);
}

/* The exit part continues at col0: where the entry part (and a prefix) ended. */
static void
test_col0_continues_the_line(void **state)
{
	(void)state;
	char buf[256];
	int fds[2] = { 3, 4 };
	uint64_t p = mem_put(UADDR_STACK, fds, sizeof fds);

	for (size_t col0 = 0; col0 < 60; col0++) {
		struct trace_fmt f = new_fmt(buf, sizeof buf, 32);
		trace_format_exit(&f, __NR_pipe, ARGS(p), 0, 0, col0);
		/* "[3, 4])" is 7 columns: padded to 40, or one space. */
		size_t spaces = col0 + 7 < 39 ? 40 - (col0 + 7) : 1;
		assert_int_equal(f.len, 7 + spaces + 3);
		assert_memory_equal(buf, "[3, 4])", 7);
		for (size_t i = 7; i < 7 + spaces; i++)
			assert_int_equal(buf[i], ' ');
		assert_string_equal(buf + 7 + spaces, "= 0");
	}
	/* strace -f's "PID " prefix counts: real lines from strace -f -o. */
	CALL_PID("25925 ", "25925 getppid()                         = 25922", __NR_getppid, 25922);
	CALL_PID("25925 ", "25925 sched_yield()                     = 0", __NR_sched_yield, 0);
	CALL_PID("25925 ", "25925 dup2(99, 3)                       = -1 EBADF (Bad file descriptor)", __NR_dup2,
		 -EBADF, 99, 3);
}

/* ---------------------------------------------------------------- results */

static const struct {
	int err;
	const char *name;
} errnos[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" }, { EINTR, "EINTR" },
	{ EIO, "EIO" }, { ENXIO, "ENXIO" }, { E2BIG, "E2BIG" }, { ENOEXEC, "ENOEXEC" },
	{ EBADF, "EBADF" }, { ECHILD, "ECHILD" }, { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EEXIST, "EEXIST" }, { ENOTDIR, "ENOTDIR" },
	{ EISDIR, "EISDIR" }, { EINVAL, "EINVAL" }, { EMFILE, "EMFILE" }, { ENOTTY, "ENOTTY" },
	{ ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" }, { EROFS, "EROFS" }, { EPIPE, "EPIPE" },
	{ ERANGE, "ERANGE" }, { ENAMETOOLONG, "ENAMETOOLONG" }, { ENOSYS, "ENOSYS" },
	{ ETIMEDOUT, "ETIMEDOUT" },
};

/* Names as Linux spells them; texts as strace prints them (glibc's strerror). */
static void
test_errno_names_and_texts(void **state)
{
	(void)state;
	char want[256];

	for (size_t i = 0; i < ARRAY_SIZE(errnos); i++) {
		int err = errnos[i].err;
		const char *name = trace_errno_name(err);
		if (name == NULL || strcmp(name, errnos[i].name) != 0)
			fail_msg("trace_errno_name(%d) is %s, want %s", err, name ? name : "NULL", errnos[i].name);
		if (strcmp(trace_errno_text(err), strerror(err)) != 0)
			fail_msg("trace_errno_text(%d) is \"%s\", strace prints \"%s\"", err, trace_errno_text(err),
				 strerror(err));
		/* The whole result: "close(99) ... = -1 EBADF (Bad file descriptor)". */
		snprintf(want, sizeof want, "close(99)                               = -1 %s (%s)", errnos[i].name,
			 strerror(err));
		check_line(__LINE__, want, format_call(32, __NR_close, ARGS(99), -err));
	}
	assert_null(trace_errno_name(0));
	assert_null(trace_errno_name(-1));
	assert_null(trace_errno_name(39));
	assert_null(trace_errno_name(4095));
	assert_null(trace_errno_name(1 << 30));
	assert_string_equal(trace_errno_text(0), "Unknown error");
	assert_string_equal(trace_errno_text(-5), "Unknown error");
	assert_string_equal(trace_errno_text(100000), "Unknown error");
	/* Real lines. */
	CALL("write(99, \"x\", 1)                       = -1 EBADF (Bad file descriptor)", __NR_write, -EBADF, 99,
	     mem_put(UADDR_STR, "x", 1), 1);
	CALL("getcwd(0x7ffc15357fd0, 1)               = -1 ERANGE (Numerical result out of range)", __NR_getcwd,
	     -ERANGE, UADDR_STACK, 1);
	CALL("mmap(NULL, 1125899906842624, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = -1 ENOMEM "
	     "(Cannot allocate memory)", __NR_mmap, -ENOMEM, 0, 1UL << 50, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0);
	CALL("munmap(0x10, 4096)                      = -1 EINVAL (Invalid argument)", __NR_munmap, -EINVAL, BAD,
	     4096);
}

/* Decimal results; hex for mmap and brk; only -4095..-1 are errors. */
static void
test_result_values(void **state)
{
	(void)state;
	CALL("getppid()                               = 25922", __NR_getppid, 25922);
	CALL("sched_yield()                           = 0", __NR_sched_yield, 0);
	CALL("getppid()                               = -4096", __NR_getppid, -4096);
	CALL("getppid()                               = 9223372036854775807", __NR_getppid, 0x7fffffffffffffffL);
	CALL("brk(NULL)                               = 0x306c9000", __NR_brk, 0x306c9000L, 0);
	CALL("brk(0x306ca000)                         = 0x306ca000", __NR_brk, 0x306ca000L, 0x306ca000UL);
	CALL("brk(0x1)                                = 0x306ca000", __NR_brk, 0x306ca000L, 1);
	CALL("mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS, -1, 0) = 0x7fd8ddb5d000",
	     __NR_mmap, 0x7fd8ddb5d000L, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	     (uint64_t)-1, 0);
	CALL("mmap(0x10000, 0, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_FIXED, 3, 0x1000) = -1 EBADF (Bad file "
	     "descriptor)", __NR_mmap, -EBADF, 0x10000, 0, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, 3,
	     0x1000);
	/* Not mmap or brk: decimal even for an address-like value. */
	CALL("set_tid_address(0x404270)               = 22741", __NR_set_tid_address, 22741, 0x404270);
	CALL("arch_prctl(ARCH_SET_FS, 0x404138)       = 0", __NR_arch_prctl, 0, 0x1002, 0x404138);
}

/* ---------------------------------------------------------------- strings */

/* C escapes, \" and \\, octal for the rest: 3 digits only when an octal digit follows. */
static void
test_string_escapes(void **state)
{
	(void)state;
	CALL("write(3, \"a\\tb\\rc\\vd\\fe\\\"f\\\\g\\n\\0\", 15) = 15", __NR_write, 15, 3,
	     mem_put(UADDR_STR, "a\tb\rc\vd\fe\"f\\g\n", 15), 15);
	CALL("write(3, \"\\1\\0022\\0037x\\4\", 7)          = 7", __NR_write, 7, 3,
	     mem_put(UADDR_STR + 0x100, "\001\0022\0037x\004", 7), 7);
	/* 0377, 0177, 0200; "\0" before '9' (not an octal digit) stays short. */
	CALL("write(3, \"\\377\\1778\\200 \\09\", 7)        = 7", __NR_write, 7, 3,
	     mem_put(UADDR_STR + 0x200, "\377\1778\200 \0009", 7), 7);
	CALL("write(3, \"\\0\", 1)                       = 1", __NR_write, 1, 3, mem_put(UADDR_STR + 0x300, "", 1),
	     1);
	CALL("write(3, \"\\0010\", 2)                    = 2", __NR_write, 2, 3,
	     mem_put(UADDR_STR + 0x400, "\0010", 2), 2);
	CALL("write(3, \"\\18\", 2)                      = 2", __NR_write, 2, 3,
	     mem_put(UADDR_STR + 0x500, "\0018", 2), 2);
	CALL("write(3, \"\\33[0m\", 4)                   = 4", __NR_write, 4, 3,
	     mem_put(UADDR_STR + 0x600, "\033[0m", 4), 4);
	/* In NUL-terminated strings (argv): "\0017" inside, "\"" and "\\", "". */
	uint64_t a0 = mem_str(0x7ffcfe3d3000UL, "abc\0017");
	uint64_t a1 = mem_str(0x7ffcfe3d3200UL, "ab\"\\");
	uint64_t a2 = mem_str(0x7ffcfe3d3400UL, "");
	uint64_t argv = mem_ptrs(0x7ffcfe3d3600UL, (const uint64_t[]){ a0, a1, a2, 0 }, 4);
	uint64_t envp = mem_ptrs(0x7ffcfe3d3248UL, (const uint64_t[]){ 0 }, 1);
	CALL("execve(\"/nonexistent\", [\"abc\\0017\", \"ab\\\"\\\\\", \"\"], 0x7ffcfe3d3248 /* 0 vars */) = -1 ENOENT "
	     "(No such file or directory)", __NR_execve, -ENOENT, mem_str(UADDR_STR + 0x700, "/nonexistent"),
	     argv, envp);
}

/* At most strsize characters, then "..." after the quote if something was left out. */
static void
test_string_truncation(void **state)
{
	(void)state;
	static const char s33[] = "0123456789abcdef0123456789abcdefX";
	static const char esc[] = "0123456789abcdef0123456789abcde\0017";
	uint64_t p33 = mem_put(UADDR_STR, s33, 33);
	uint64_t pesc = mem_put(UADDR_STR + 0x100, esc, 33);

	CALL("write(3, \"0123456789abcdef0123456789abcdef\", 32) = 32", __NR_write, 32, 3, p33, 32);
	CALL("write(3, \"0123456789abcdef0123456789abcdef\"..., 33) = 33", __NR_write, 33, 3, p33, 33);
	/* The escape at the cut is short: the next byte is not shown. */
	CALL("write(3, \"0123456789abcdef0123456789abcde\\1\"..., 33) = 33", __NR_write, 33, 3, pesc, 33);
	CALL("write(3, \"0123456789abcdef0123456789abcde\\1\", 32) = 32", __NR_write, 32, 3, pesc, 32);
	/* -s 4. */
	CALL_S(4, "write(3, \"a\\tb\\r\"..., 15)               = 15", __NR_write, 15, 3,
	       mem_put(UADDR_STR + 0x200, "a\tb\rc\vd\fe\"f\\g\n", 15), 15);
	CALL_S(4, "write(3, \"\\1\\0022\\3\"..., 7)             = 7", __NR_write, 7, 3,
	       mem_put(UADDR_STR + 0x300, "\001\0022\0037x\004", 7), 7);
	CALL_S(4, "write(3, \"\\377\\1778\\200\"..., 7)         = 7", __NR_write, 7, 3,
	       mem_put(UADDR_STR + 0x400, "\377\1778\200 \0009", 7), 7);
	CALL_S(4, "write(3, \"ab\\0c\"..., 5)                 = 5", __NR_write, 5, 3,
	       mem_put(UADDR_STR + 0x500, "ab\0cd", 5), 5);
	CALL_S(4, "write(3, \"\\33[0m\", 4)                   = 4", __NR_write, 4, 3,
	       mem_put(UADDR_STR + 0x600, "\033[0m", 4), 4);
	CALL_S(4, "write(3, \"0123\"..., 32)                 = 32", __NR_write, 32, 3, p33, 32);
	/* -s 0: only "...". */
	CALL_S(0, "write(3, \"\"..., 33)                     = 33", __NR_write, 33, 3, p33, 33);

	/* NUL-terminated (argv): exactly 32 shown whole; longer cut; real -s 32 and -s 4 lines. */
	uint64_t e0 = mem_str(0x7ffcfe3d4000UL, "0123456789abcdef0123456789abcdef");
	uint64_t e1 = mem_str(0x7ffcfe3d4200UL, "0123456789abcdef0123456789abcdefX");
	uint64_t e2 = mem_str(0x7ffcfe3d4400UL, "0123456789abcdef0123456789abcde\0017");
	uint64_t e3 = mem_str(0x7ffcfe3d4600UL, "0123456789abcdef0123456789abcde\001");
	uint64_t e4 = mem_str(0x7ffcfe3d4800UL, "0123456789abcdef0123456789abcd\0017");
	uint64_t argv = mem_ptrs(0x7ffcfe3d4a00UL, (const uint64_t[]){ e0, e1, e2, e3, e4, 0 }, 6);
	uint64_t envp = mem_ptrs(0x7ffcfe3d3248UL, (const uint64_t[]){ 0 }, 1);
	uint64_t path = mem_str(UADDR_STR + 0x700, "/nonexistent");
	CALL("execve(\"/nonexistent\", [\"0123456789abcdef0123456789abcdef\", \"0123456789abcdef0123456789abcdef\"..., "
	     "\"0123456789abcdef0123456789abcde\\1\"..., \"0123456789abcdef0123456789abcde\\1\", "
	     "\"0123456789abcdef0123456789abcd\\0017\"], 0x7ffcfe3d3248 /* 0 vars */) = -1 ENOENT (No such file or "
	     "directory)", __NR_execve, -ENOENT, path, argv, envp);
	uint64_t f0 = mem_str(0x7ffcfe3d5000UL, "abc\0017");
	uint64_t f1 = mem_str(0x7ffcfe3d5200UL, "abcd\0017");
	uint64_t f2 = mem_str(0x7ffcfe3d5400UL, "ab\"\\");
	uint64_t f3 = mem_str(0x7ffcfe3d5600UL, "");
	uint64_t argv2 = mem_ptrs(0x7ffcfe3d5800UL, (const uint64_t[]){ f0, f1, f2, f3, 0 }, 5);
	CALL_S(4, "execve(\"/nonexistent\", [\"abc\\1\"..., \"abcd\"..., \"ab\\\"\\\\\", \"\"], 0x7ffc89785648 /* 0 vars */) "
	       "= -1 ENOENT (No such file or directory)", __NR_execve, -ENOENT, path, argv2,
	       mem_ptrs(0x7ffc89785648UL, (const uint64_t[]){ 0 }, 1));
	/* A string argument of a failed call is still shown (it went in). */
	CALL("open(\"/x23456789abcdef0123456789abcde\\0017\", O_RDONLY) = -1 ENOENT (No such file or directory)",
	     __NR_open, -ENOENT, mem_str(UADDR_STR + 0x900, "/x23456789abcdef0123456789abcde\0017"), O_RDONLY);
}

/* NULL is "NULL"; an address that cannot be read is shown in hex; length 0 reads nothing. */
static void
test_null_and_unreadable_pointers(void **state)
{
	(void)state;
	CALL("open(NULL, O_RDONLY)                    = -1 EFAULT (Bad address)", __NR_open, -EFAULT, 0, O_RDONLY);
	CALL("open(0x10, O_RDONLY)                    = -1 EFAULT (Bad address)", __NR_open, -EFAULT, BAD,
	     O_RDONLY);
	CALL("write(3, NULL, 0)                       = 0", __NR_write, 0, 3, 0, 0);
	CALL("write(3, \"\", 0)                         = 0", __NR_write, 0, 3, BAD, 0);
	CALL("write(5, 0x10, 4)                       = -1 EFAULT (Bad address)", __NR_write, -EFAULT, 5, BAD, 4);
	/* An unterminated string running into unreadable memory. */
	mem_put(0x7f9b45adcffaUL, "abcdef", 6);
	CALL("open(0x7f9b45adcffa, O_RDONLY)          = -1 EFAULT (Bad address)", __NR_open, -EFAULT,
	     0x7f9b45adcffaUL, O_RDONLY);
	CALL("write(3, 0x7f9b45adcffa, 10)            = 10", __NR_write, 10, 3, 0x7f9b45adcffaUL, 10);
	CALL_S(4, "write(3, \"abcd\"..., 10)                 = 10", __NR_write, 10, 3, 0x7f9b45adcffaUL, 10);
	/* Reading a NULL or zero-length argument does not touch memory. */
	fake_reads = 0;
	format_call(32, __NR_write, ARGS(3, 0, 0), 0);
	format_call(32, __NR_write, ARGS(3, BAD, 0), 0);
	format_call(32, __NR_open, ARGS(0, O_RDONLY), -EFAULT);
	assert_int_equal(fake_reads, 0);
}

/* BUF_IN with its length: embedded NULs are bytes like any other. */
static void
test_buffer_in_with_length(void **state)
{
	(void)state;
	CALL("write(3, \"ab\\0cd\", 5)                   = 5", __NR_write, 5, 3, mem_put(UADDR_STR, "ab\0cd", 5), 5);
	CALL("write(5, \"abc\\0def\", 7)                 = 7", __NR_write, 7, 5,
	     mem_put(UADDR_STR + 0x100, "abc\0def", 7), 7);
	CALL_S(4, "write(5, \"abc\\0\"..., 7)                 = 7", __NR_write, 7, 5, UADDR_STR + 0x100, 7);
	/* The length is the argument, not the result: a short write shows what went in. */
	CALL("write(5, \"abc\\0def\", 7)                 = 3", __NR_write, 3, 5, UADDR_STR + 0x100, 7);
}

/* BUF_OUT: read at exit, as many bytes as the result; a failed call shows the pointer. */
static void
test_buffer_out_at_exit(void **state)
{
	(void)state;
	char enter[128], leave[128];
	uint64_t args[6] = { 4, UADDR_STACK, 64 };

	/* At entry the buffer is not read (it is not even mapped yet). */
	struct trace_fmt e = new_fmt(enter, sizeof enter, 32);
	fake_reads = 0;
	assert_int_equal(trace_format_enter(&e, __NR_read, args), 1);
	assert_string_equal(enter, "read(4, ");
	assert_int_equal(fake_reads, 0);
	/* The kernel fills it; at exit the result (7) says how much to show. */
	mem_put(UADDR_STACK, "abc\0defGARBAGE", 14);
	struct trace_fmt x = new_fmt(leave, sizeof leave, 32);
	trace_format_exit(&x, __NR_read, args, 1, 7, e.len);
	assert_string_equal(leave, "\"abc\\0def\", 64)                 = 7");

	CALL("read(4, \"abc\\0def\", 64)                 = 7", __NR_read, 7, 4, UADDR_STACK, 64);
	CALL_S(4, "read(4, \"abc\\0\"..., 64)                 = 7", __NR_read, 7, 4, UADDR_STACK, 64);
	CALL("read(99, 0x7ffc15357fd0, 64)            = -1 EBADF (Bad file descriptor)", __NR_read, -EBADF, 99,
	     UADDR_STACK, 64);
	CALL("read(4, \"\", 0)                          = 0", __NR_read, 0, 4, UADDR_STACK, 0);
	CALL("read(4, \"\", 64)                         = 0", __NR_read, 0, 4, UADDR_STACK, 64);
	CALL("pread64(4, \"abc\", 3, 100)               = 3", __NR_pread64, 3, 4, UADDR_STACK, 3, 100);
	/* A failed call never reads its out-buffer. */
	fake_reads = 0;
	format_call(32, __NR_read, ARGS(99, UADDR_STACK, 64), -EBADF);
	assert_int_equal(fake_reads, 0);
}
