/*
 * fuzz_strace.c - kernel/trace/format*.c, the formatter behind /bin/strace:
 * one system call's line (its arguments decoded by kind, read from user
 * memory, and its result), a signal's line, strace -c's table.
 *
 * Feeds, taken off the front of the input (fuzz.h):
 *   - what to print: a call (entry part, then the exit part or the end of
 *     a call that never returns), a "--- SIGxxx {...} ---" line, or the -c
 *     table;
 *   - a small output buffer's size; where the fake user memory starts (any
 *     offset in a page, so strings can run into the page after) and its
 *     size;
 *   - for a call: its number (mostly below NR_SYSCALLS, sometimes any int),
 *     six arguments and a result, each either a raw 64-bit value, a small
 *     number, or an address inside the fake user memory; strace's -s
 *     (1..256, as trace.c allows); a "[pid N] " prefix or none;
 *   - for a signal: trace_siginfo_of's signal, code, address and sender;
 *   - for the table: up to 16 rows (names from the system-call table,
 *     counts, times below 2^40 ns).
 * The fake user memory is the end of the input, at that address, in pages
 * of zeros; a read anywhere else fails, as copy_from_user does in trace.c's
 * reader.
 *
 * Checks:
 *   - every read asks for 1..4096 bytes and reaches the reader's context;
 *   - a call printed in two buffers (entry, then exit at column col0, as
 *     trace.c prints them) is the same line as in one buffer;
 *   - the output is printable ASCII (user bytes are escaped), plus the
 *     newlines of the -c table, one per row and four more;
 *   - trace_fmt.len is the output's length, and the same output into a
 *     small buffer is its prefix, NUL-terminated, with the same len.
 */
#include "fuzz.h"
#include "syscall.h"
#include "trace.h"
#include "uapi/signal.h"

#define USER_MEM_PAGE 0x10000000UL   /* the page where the fake user memory starts */
#define OUT_SIZE (256 * 1024)

static struct {
	uint64_t addr;
	const uint8_t *bytes;
	size_t len;
} user;
static int reader_ctx;

/*
 * Like copy_from_user: a page is mapped whole, so the pages the memory
 * touches are readable, zeros around its bytes; everything else fails.
 */
static int
fake_read(void *ctx, uint64_t addr, void *dst, size_t n)
{
	uint64_t lo = user.addr & ~4095UL, hi = (user.addr + user.len + 4095) & ~4095UL;

	FUZZ_CHECK(ctx == &reader_ctx, "the reader got another context");
	FUZZ_CHECK(n > 0 && n <= 4096, "a read of %zu bytes", n);
	if (user.len == 0 || addr < lo || addr > hi || n > hi - addr)
		return -1;
	for (size_t i = 0; i < n; i++) {
		uint64_t at = addr + i;
		bool inside = at >= user.addr && at - user.addr < user.len;
		((uint8_t *)dst)[i] = inside ? user.bytes[at - user.addr] : 0;
	}
	return 0;
}

static struct trace_fmt
new_fmt(char *buf, size_t size, int strsize)
{
	return (struct trace_fmt){ .buf = buf, .size = size, .strsize = strsize, .read = fake_read,
				   .ctx = &reader_ctx };
}

/* An argument or result: raw, small (-4096..4095), or an address in the user memory. */
static uint64_t
take_value(struct fuzz_input *in)
{
	uint8_t how = (uint8_t)fuzz_take(in, 1);
	uint64_t v = fuzz_take(in, 8);

	switch (how % 3) {
	case 0: return v;
	case 1: return (uint64_t)((int64_t)(v % 8192) - 4096);
	default: return user.addr + v % (user.len + 1);
	}
}

/* What the formatter printed: complete, printable, len right. */
static void
check_text(const struct trace_fmt *f, size_t newlines)
{
	FUZZ_CHECK(f->len < f->size, "%zu bytes do not fit in %zu", f->len, f->size);
	FUZZ_CHECK(strlen(f->buf) == f->len, "len %zu, text %zu", f->len, strlen(f->buf));
	size_t seen = 0;
	for (size_t i = 0; i < f->len; i++) {
		unsigned char c = (unsigned char)f->buf[i];
		seen += c == '\n';
		FUZZ_CHECK((c >= 0x20 && c < 0x7f) || (c == '\n' && newlines), "byte %#x at %zu in [%s]", c,
			   i, f->buf);
	}
	FUZZ_CHECK(seen == newlines, "%zu newlines, want %zu", seen, newlines);
}

static char entry_buf[OUT_SIZE], exit_buf[OUT_SIZE], single_buf[2 * OUT_SIZE];

struct call {
	int nr;
	uint64_t args[6];
	long ret;
	int strsize;
	bool returns;            /* else: the task died in it (or exit) */
	int pid;                 /* > 0: the "[pid N] " of strace -f */
};

/* The line of one call, as trace.c prints it into buf (col0 0), or in two buffers. */
static void
format_call(const struct call *c, struct trace_fmt *one, bool two_buffers)
{
	if (!two_buffers) {
		if (c->pid > 0)
			trace_format_pid(one, c->pid);
		int pos = trace_format_enter(one, c->nr, c->args);
		if (c->returns)
			trace_format_exit(one, c->nr, c->args, pos, c->ret, 0);
		else
			trace_format_no_return(one, c->nr, pos, 0);
		return;
	}
	struct trace_fmt e = new_fmt(entry_buf, sizeof entry_buf, c->strsize);
	if (c->pid > 0)
		trace_format_pid(&e, c->pid);
	int pos = trace_format_enter(&e, c->nr, c->args);
	FUZZ_CHECK(pos >= 0 && pos <= 6, "entry stopped at argument %d", pos);
	check_text(&e, 0);
	struct trace_fmt x = new_fmt(exit_buf, sizeof exit_buf, c->strsize);
	if (c->returns)
		trace_format_exit(&x, c->nr, c->args, pos, c->ret, e.len);
	else
		trace_format_no_return(&x, c->nr, pos, e.len);
	check_text(&x, 0);
	FUZZ_CHECK(strncmp(one->buf, entry_buf, e.len) == 0 && strcmp(one->buf + e.len, exit_buf) == 0,
		   "two buffers differ from one:\n    one: %s\n    two: %s%s", one->buf, entry_buf,
		   exit_buf);
}

/* Print one call; checked: its entry and exit parts in two buffers too. */
static void
fuzz_call(struct fuzz_input *in, struct trace_fmt *out, bool checked)
{
	struct call c;
	uint32_t nr = (uint32_t)fuzz_take(in, 4);

	/* Mostly a number the table knows (or a hole in it), sometimes anything. */
	c.nr = nr & 0x80000000 ? (int)nr : (int)(nr % (NR_SYSCALLS + 16));
	for (int i = 0; i < 6; i++)
		c.args[i] = take_value(in);
	c.ret = (long)take_value(in);
	uint8_t s = (uint8_t)fuzz_take(in, 1);
	c.strsize = s ? s : 256;
	c.returns = fuzz_take(in, 1) % 4 != 0;
	c.pid = fuzz_take(in, 1) % 3 == 0 ? (int)fuzz_take(in, 4) : 0;
	out->strsize = c.strsize;
	format_call(&c, out, false);
	if (checked) {
		check_text(out, 0);
		format_call(&c, out, true);
	}
}

static void
fuzz_signal(struct fuzz_input *in, struct trace_fmt *out, bool checked)
{
	struct siginfo si;
	int sig = (int)fuzz_take(in, 4), code = (int)fuzz_take(in, 4);
	uint64_t addr = take_value(in);
	int sender = (int)fuzz_take(in, 4);

	trace_siginfo_of(&si, sig, code, addr, sender);
	trace_format_signal(out, &si);
	if (checked)
		check_text(out, 0);
}

static void
fuzz_summary(struct fuzz_input *in, struct trace_fmt *out, bool checked)
{
	struct trace_count rows[16];
	int n = (int)(fuzz_take(in, 1) % 17);

	for (int i = 0; i < n; i++) {
		int nr = (int)(fuzz_take(in, 2) % NR_SYSCALLS);
		uint32_t calls = (uint32_t)fuzz_take(in, 4);
		rows[i] = (struct trace_count){
			.name = syscall_descs[nr].name ? syscall_descs[nr].name : "(other)",
			.calls = calls,
			.errors = calls ? (uint32_t)fuzz_take(in, 4) % (calls + 1ULL) : 0,
			.ns = fuzz_take(in, 5),
		};
	}
	trace_format_summary(out, rows, n);
	if (!checked)
		return;
	check_text(out, (size_t)n + 4);      /* header, rule, the rows, rule, total */
	for (int i = 1; i < n; i++)
		FUZZ_CHECK(rows[i - 1].ns >= rows[i].ns, "rows not sorted by time");
}

static void
format_kind(uint8_t what, struct fuzz_input params, struct trace_fmt *out, bool checked)
{
	switch (what % 8) {
	case 6: fuzz_signal(&params, out, checked); break;
	case 7: fuzz_summary(&params, out, checked); break;
	default: fuzz_call(&params, out, checked); break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	uint8_t what = (uint8_t)fuzz_take(&in, 1);
	size_t small = fuzz_take(&in, 2) % 512;
	uint64_t page_offset = fuzz_take(&in, 2) % 4096;
	size_t mem_len = fuzz_take(&in, 2);

	/* The user memory is the end of the input; the parameters come before it. */
	if (mem_len > in.size)
		mem_len = in.size;
	user.addr = USER_MEM_PAGE + page_offset;
	user.bytes = in.data + in.size - mem_len;
	user.len = mem_len;
	in.size -= mem_len;

	struct trace_fmt out = new_fmt(single_buf, sizeof single_buf, 32);
	format_kind(what, in, &out, true);
	if (getenv("FUZZ_SHOW"))                 /* FUZZ_SHOW=1 fuzz_strace FILE: see the line */
		fprintf(stderr, "%s\n", out.buf);

	/* Again into exactly `small` bytes: the same length, the text cut short.
	 * (malloc(0) is a block of no bytes here, not NULL: trace.c's buffers
	 * are never NULL either.) */
	char *buf = malloc(small);
	struct trace_fmt cut = new_fmt(buf, small, 32);
	format_kind(what, in, &cut, false);
	FUZZ_CHECK(cut.len == out.len, "len %zu into %zu bytes, %zu into a big buffer", cut.len, small,
		   out.len);
	if (small) {
		size_t kept = out.len < small ? out.len : small - 1;
		FUZZ_CHECK(memcmp(buf, out.buf, kept) == 0 && buf[kept] == '\0',
			   "into %zu bytes: not the prefix of [%s]", small, out.buf);
	}
	free(buf);
	return 0;
}
