/*
 * test_ldisc.c - kernel/dev/ldisc.c: the terminal line discipline (line
 * editing, ^C/^\/^Z, ^D, echo, raw mode, and what happens when nobody
 * reads). Characters go in one at a time through ldisc_input, as the tty
 * driver feeds them; the echo callback records what would be shown, so
 * every test checks the echo as well as what ldisc_read returns. A
 * randomised test at the end compares canonical mode with a model.
 */
#include <stdio.h>

#include "host_test.h"

#include "ldisc.h"
#include "uapi/signal.h"

#define DEL 0x7f
#define BS 0x08
#define CTRL_C 0x03
#define CTRL_BACKSLASH 0x1c
#define CTRL_D 0x04
#define CTRL_U 0x15
#define CTRL_Z 0x1a

static struct ldisc ld;
static char echoed[4 * LDISC_BUF];
static size_t echoed_len;
static int echo_calls;

static void
record_echo(const char *s, size_t n)
{
	assert_true(echoed_len + n < sizeof echoed);
	memcpy(echoed + echoed_len, s, n);
	echoed_len += n;
	echoed[echoed_len] = '\0';
	echo_calls++;
}

static int
setup(void **state)
{
	(void)state;
	memset(&ld, 0x5a, sizeof ld);          /* ldisc_init must set every field */
	ldisc_init(&ld);
	echoed_len = 0;
	echoed[0] = '\0';
	echo_calls = 0;
	return 0;
}

/* ---------------------------------------------------------------- helpers */

/* Feed n bytes; none may raise a signal. */
static void
type_n(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int sig = ldisc_input(&ld, s[i], record_echo);
		if (sig != 0)
			fail_msg("byte %zu (%#x) raised signal %d", i, (unsigned char)s[i], sig);
	}
}

static void
type(const char *s)
{
	type_n(s, strlen(s));
}

static void
type_char(char c)
{
	type_n(&c, 1);
}

/* One ldisc_read of up to n bytes must return exactly want[0..len). */
static void
read_expect_n(size_t n, const char *want, size_t len, int line)
{
	char buf[2 * LDISC_BUF];

	if (n > sizeof buf)
		fail_msg("line %d: read size %zu too large for the test buffer", line, n);
	memset(buf, 0x6b, sizeof buf);
	size_t got = ldisc_read(&ld, buf, n);
	if (got != len)
		fail_msg("line %d: ldisc_read(%zu) returned %zu bytes (\"%.*s\"), expected %zu (\"%.*s\")",
			 line, n, got, (int)(got < 80 ? got : 80), buf, len, (int)(len < 80 ? len : 80),
			 want);
	if (memcmp(buf, want, len) != 0)
		fail_msg("line %d: ldisc_read returned \"%.*s\", expected \"%.*s\"", line,
			 (int)(len < 80 ? len : 80), buf, (int)(len < 80 ? len : 80), want);
	for (size_t i = got; i < n; i++)
		if ((unsigned char)buf[i] != 0x6b)
			fail_msg("line %d: byte %zu past the %zu returned was written", line, i, got);
}

#define READ_EXPECT(n, s) read_expect_n((n), (s), strlen(s), __LINE__)
#define READ_EOF() read_expect_n(100, "", 0, __LINE__)

#define ECHO_IS(s)                                                                 \
	do {                                                                       \
		const char *want_ = (s);                                           \
		if (echoed_len != strlen(want_) || memcmp(echoed, want_, echoed_len) != 0) \
			fail_msg("echo is \"%s\" (%zu bytes), expected \"%s\"", echoed,    \
				 echoed_len, want_);                                \
	} while (0)

static void
clear_echo(void)
{
	echoed_len = 0;
	echoed[0] = '\0';
	echo_calls = 0;
}

static void
lflag_clear(uint32_t bits)
{
	ld.termios.c_lflag &= ~bits;
}

/* ---------------------------------------------------------------- init */

static void
test_init_defaults(void **state)
{
	(void)state;
	assert_int_equal(ld.termios.c_lflag & (ICANON | ECHO | ISIG), ICANON | ECHO | ISIG);
	assert_int_equal(ld.termios.c_iflag & ICRNL, ICRNL);
	assert_int_equal(ld.termios.c_cc[VINTR], CTRL_C);
	assert_int_equal(ld.termios.c_cc[VQUIT], CTRL_BACKSLASH);
	assert_int_equal(ld.termios.c_cc[VERASE], DEL);
	assert_int_equal(ld.termios.c_cc[VKILL], CTRL_U);
	assert_int_equal(ld.termios.c_cc[VEOF], CTRL_D);
	assert_int_equal(ld.termios.c_cc[VSUSP], CTRL_Z);
	assert_int_equal(ld.edit_len, 0);
	assert_int_equal(ld.rpos, 0);
	assert_int_equal(ld.wpos, 0);
	assert_int_equal(ld.ends_count, 0);
	assert_false(ldisc_readable(&ld));
	assert_int_equal(ldisc_available(&ld), 0);
}

/* ---------------------------------------------------------------- canonical */

static void
test_line_readable_only_after_newline(void **state)
{
	(void)state;
	type("hello");
	assert_false(ldisc_readable(&ld));
	assert_int_equal(ldisc_available(&ld), 0);   /* the edited line is not queued yet */
	ECHO_IS("hello");
	type("\n");
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_available(&ld), 6);
	ECHO_IS("hello\n");
	READ_EXPECT(100, "hello\n");
	assert_false(ldisc_readable(&ld));
	assert_int_equal(ldisc_available(&ld), 0);
}

static void
test_empty_line(void **state)
{
	(void)state;
	type("\n");
	assert_true(ldisc_readable(&ld));
	READ_EXPECT(100, "\n");                    /* a newline, not end-of-file */
	assert_false(ldisc_readable(&ld));
}

static void
test_cr_becomes_newline_with_icrnl(void **state)
{
	(void)state;
	type("hi\r");
	assert_true(ldisc_readable(&ld));
	ECHO_IS("hi\n");
	READ_EXPECT(100, "hi\n");
}

static void
test_cr_stays_without_icrnl(void **state)
{
	(void)state;
	ld.termios.c_iflag &= ~ICRNL;
	type("hi\r");
	assert_false(ldisc_readable(&ld));         /* CR does not end the line */
	ECHO_IS("hi\r");
	type("\n");
	READ_EXPECT(100, "hi\r\n");
}

static void
test_one_line_per_read(void **state)
{
	(void)state;
	type("one\ntwo\n");
	assert_int_equal(ldisc_available(&ld), 8);
	READ_EXPECT(100, "one\n");
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_available(&ld), 4);
	READ_EXPECT(100, "two\n");
	assert_false(ldisc_readable(&ld));
	assert_int_equal(ldisc_available(&ld), 0);
}

static void
test_short_buffer_reads_line_in_pieces(void **state)
{
	(void)state;
	type("abcdefg\nxy\n");
	READ_EXPECT(3, "abc");
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_available(&ld), 8);
	/* The rest of the first line only, never into the second. */
	READ_EXPECT(100, "defg\n");
	READ_EXPECT(100, "xy\n");
	assert_false(ldisc_readable(&ld));

	/* Pieces that end exactly before the newline: the line is not used up
	 * until its last byte is read. */
	type("abcd\nz\n");
	READ_EXPECT(2, "ab");
	READ_EXPECT(2, "cd");
	assert_true(ldisc_readable(&ld));
	READ_EXPECT(2, "\n");                      /* only the newline, not "\nz" */
	READ_EXPECT(1, "z");
	READ_EXPECT(1, "\n");
	assert_false(ldisc_readable(&ld));
	assert_int_equal(ld.ends_count, 0);

	/* A buffer exactly the line's size takes the line and its end. */
	type("1234\n5\n");
	READ_EXPECT(5, "1234\n");
	READ_EXPECT(5, "5\n");
	assert_false(ldisc_readable(&ld));
}

static void
test_backspace_erases_one_char(void **state)
{
	(void)state;
	type("abx");
	type_char(DEL);
	type("c\n");
	ECHO_IS("abx\b \bc\n");
	READ_EXPECT(100, "abc\n");

	clear_echo();
	type("abx");
	type_char(BS);                             /* ^H erases too */
	type("c\n");
	ECHO_IS("abx\b \bc\n");
	READ_EXPECT(100, "abc\n");

	clear_echo();
	type("abc");
	type_char(DEL);
	type_char(DEL);
	type_char(DEL);                            /* back to column 0 */
	type("z\n");
	ECHO_IS("abc\b \b\b \b\b \bz\n");
	READ_EXPECT(100, "z\n");
}

static void
test_backspace_at_column_zero(void **state)
{
	(void)state;
	type_char(DEL);
	type_char(BS);
	assert_int_equal(echo_calls, 0);
	assert_false(ldisc_readable(&ld));
	assert_int_equal(ld.edit_len, 0);
	type("a\n");
	READ_EXPECT(100, "a\n");

	/* Nor does it reach back into a line already entered. */
	clear_echo();
	type("ab\n");
	type_char(DEL);
	type("c\n");
	ECHO_IS("ab\nc\n");
	READ_EXPECT(100, "ab\n");
	READ_EXPECT(100, "c\n");
}

static void
test_kill_erases_line(void **state)
{
	(void)state;
	type("abc");
	type_char(CTRL_U);
	ECHO_IS("abc\b \b\b \b\b \b");
	assert_false(ldisc_readable(&ld));
	type("d\n");
	READ_EXPECT(100, "d\n");

	/* ^U on an empty line: nothing. */
	clear_echo();
	type_char(CTRL_U);
	assert_int_equal(echo_calls, 0);
	assert_false(ldisc_readable(&ld));

	/* Only the line being edited. */
	type("keep\nlose");
	type_char(CTRL_U);
	type("new\n");
	READ_EXPECT(100, "keep\n");
	READ_EXPECT(100, "new\n");
}

static void
test_eof_on_nonempty_line(void **state)
{
	(void)state;
	type("abc");
	type_char(CTRL_D);
	ECHO_IS("abc");                            /* ^D itself is not echoed */
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_available(&ld), 3);
	READ_EXPECT(100, "abc");                   /* no newline added */
	assert_false(ldisc_readable(&ld));
	type("d\n");
	READ_EXPECT(100, "d\n");

	/* Read in pieces like any other line. */
	type("xyz");
	type_char(CTRL_D);
	READ_EXPECT(2, "xy");
	assert_true(ldisc_readable(&ld));
	READ_EXPECT(2, "z");
	assert_false(ldisc_readable(&ld));
}

static void
test_eof_on_empty_line(void **state)
{
	(void)state;
	type_char(CTRL_D);
	assert_int_equal(echo_calls, 0);
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_available(&ld), 0);
	READ_EOF();
	/* Exactly once. */
	assert_false(ldisc_readable(&ld));
	assert_int_equal(ld.ends_count, 0);
	type("more\n");
	READ_EXPECT(100, "more\n");
	assert_false(ldisc_readable(&ld));
}

static void
test_eof_after_line(void **state)
{
	(void)state;
	/* "ab", Enter, ^D: the line, then end-of-file, then nothing. */
	type("ab\n");
	type_char(CTRL_D);
	READ_EXPECT(100, "ab\n");
	assert_true(ldisc_readable(&ld));
	READ_EOF();
	assert_false(ldisc_readable(&ld));

	/* ^D after a line's text sends the text; a second ^D is end-of-file. */
	type("cd");
	type_char(CTRL_D);
	type_char(CTRL_D);
	READ_EXPECT(100, "cd");
	assert_true(ldisc_readable(&ld));
	READ_EOF();
	assert_false(ldisc_readable(&ld));

	/* Two end-of-files are two zero reads. */
	type_char(CTRL_D);
	type_char(CTRL_D);
	READ_EOF();
	assert_true(ldisc_readable(&ld));
	READ_EOF();
	assert_false(ldisc_readable(&ld));
}

/* ---------------------------------------------------------------- signals */

static void
test_ctrl_c_interrupts(void **state)
{
	(void)state;
	type("ok\nabc");
	clear_echo();
	assert_int_equal(ldisc_input(&ld, CTRL_C, record_echo), SIGINT);
	assert_int_equal(SIGINT, 2);
	ECHO_IS("^C\n");
	assert_int_equal(ld.edit_len, 0);         /* the half-typed line is gone */
	/* The line entered before stays. */
	READ_EXPECT(100, "ok\n");
	assert_false(ldisc_readable(&ld));
	type("d\n");
	READ_EXPECT(100, "d\n");
}

static void
test_quit_and_suspend(void **state)
{
	(void)state;
	type("x");
	clear_echo();
	assert_int_equal(ldisc_input(&ld, CTRL_BACKSLASH, record_echo), SIGQUIT);
	assert_int_equal(SIGQUIT, 3);
	ECHO_IS("^\\\n");
	assert_int_equal(ld.edit_len, 0);

	type("y");
	clear_echo();
	assert_int_equal(ldisc_input(&ld, CTRL_Z, record_echo), SIGTSTP);
	assert_int_equal(SIGTSTP, 20);
	ECHO_IS("^Z\n");
	assert_int_equal(ld.edit_len, 0);
	assert_false(ldisc_readable(&ld));
	type("z\n");
	READ_EXPECT(100, "z\n");
}

static void
test_signal_chars_follow_c_cc(void **state)
{
	(void)state;
	/* The characters come from c_cc, not fixed codes. */
	ld.termios.c_cc[VINTR] = 'q';
	assert_int_equal(ldisc_input(&ld, 'q', record_echo), SIGINT);
	assert_int_equal(ldisc_input(&ld, CTRL_C, record_echo), 0);   /* now ordinary */
	type("\n");
	READ_EXPECT(100, "\x03\n");
}

static void
test_isig_cleared(void **state)
{
	(void)state;
	lflag_clear(ISIG);
	type("a\x03\x1c\x1a" "b\n");               /* type() fails on any signal */
	ECHO_IS("a\x03\x1c\x1a" "b\n");
	READ_EXPECT(100, "a\x03\x1c\x1a" "b\n");
}

static void
test_echo_cleared(void **state)
{
	(void)state;
	lflag_clear(ECHO);
	type("abx");
	type_char(DEL);
	type("c\n");
	type("zz");
	type_char(CTRL_U);
	type_char(DEL);
	type_char(CTRL_D);
	assert_int_equal(ldisc_input(&ld, CTRL_C, record_echo), SIGINT);
	assert_int_equal(echo_calls, 0);
	READ_EXPECT(100, "abc\n");
	READ_EOF();
	assert_false(ldisc_readable(&ld));
}

static void
test_no_echo_callback(void **state)
{
	(void)state;
	/* A NULL callback is allowed (nothing to show on). */
	assert_int_equal(ldisc_input(&ld, 'a', NULL), 0);
	assert_int_equal(ldisc_input(&ld, DEL, NULL), 0);
	assert_int_equal(ldisc_input(&ld, 'b', NULL), 0);
	assert_int_equal(ldisc_input(&ld, CTRL_C, NULL), SIGINT);
	assert_int_equal(ldisc_input(&ld, 'c', NULL), 0);
	assert_int_equal(ldisc_input(&ld, '\n', NULL), 0);
	READ_EXPECT(100, "c\n");
}

/* ---------------------------------------------------------------- raw mode */

static void
test_raw_mode(void **state)
{
	(void)state;
	lflag_clear(ICANON);
	type("a");
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_available(&ld), 1);
	READ_EXPECT(100, "a");
	assert_false(ldisc_readable(&ld));

	/* No editing: erase, kill and EOF are bytes like any other. */
	type("x\x7fy\x08z\x15w\x04");
	assert_int_equal(ldisc_available(&ld), 8);
	ECHO_IS("ax\x7fy\x08z\x15w\x04");
	READ_EXPECT(100, "x\x7fy\x08z\x15w\x04");

	/* No lines: one read takes everything, newlines included. */
	type("ab\ncd\n");
	READ_EXPECT(100, "ab\ncd\n");
	type("12345");
	READ_EXPECT(2, "12");
	READ_EXPECT(100, "345");
	assert_false(ldisc_readable(&ld));
}

static void
test_raw_mode_input_translation_and_signals(void **state)
{
	(void)state;
	lflag_clear(ICANON);
	/* ICRNL is an input flag: it applies in raw mode too. */
	type("\r");
	READ_EXPECT(100, "\n");
	ld.termios.c_iflag &= ~ICRNL;
	type("\r");
	READ_EXPECT(100, "\r");
	/* ISIG is separate from ICANON. */
	assert_int_equal(ldisc_input(&ld, CTRL_C, record_echo), SIGINT);
	assert_false(ldisc_readable(&ld));
	lflag_clear(ISIG);
	type_char(CTRL_C);
	READ_EXPECT(100, "\x03");
	/* And no echo without ECHO. */
	lflag_clear(ECHO);
	clear_echo();
	type("q");
	assert_int_equal(echo_calls, 0);
	READ_EXPECT(100, "q");
}

static void
test_raw_mode_full_buffer(void **state)
{
	char big[LDISC_BUF + 10];
	(void)state;

	lflag_clear(ICANON);
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)('a' + i % 26);
	type_n(big, sizeof big);
	assert_int_equal(ldisc_available(&ld), LDISC_BUF);
	assert_int_equal(echoed_len, LDISC_BUF);   /* dropped bytes are not echoed */
	read_expect_n(sizeof big, big, LDISC_BUF, __LINE__);
	type("ok");
	READ_EXPECT(100, "ok");
}

/*
 * BUG (kernel/dev/ldisc.c, ldisc_read): bytes read in raw mode do not retire
 * the line ends (ends[]) recorded while canonical, so after switching
 * ICANON off and back on (TCSETS, as dev/tty.c does it) a stale end stays
 * at the head of the table. With it at rpos, the next canonical read
 * returns 0, a spurious end-of-file; with it behind rpos (a raw byte was
 * read after the line), ldisc_readable stays true and every ldisc_read
 * returns 0 forever: new lines are never delivered.
 */
static void
test_switch_to_raw_and_back(void **state)
{
	(void)state;
	type("ab\n");                              /* a complete canonical line */
	lflag_clear(ICANON);                       /* the program goes raw ... */
	type("x");
	READ_EXPECT(100, "ab\nx");                 /* ... and reads everything */
	ld.termios.c_lflag |= ICANON;              /* ... then back to canonical */
	assert_int_equal(ldisc_available(&ld), 0);
	assert_false(ldisc_readable(&ld));         /* BUG: true (stale line end) */
	type("cd\n");
	READ_EXPECT(100, "cd\n");                  /* BUG: returns 0, forever */
}

/* ---------------------------------------------------------------- overflow */

static void
test_edit_line_capped(void **state)
{
	char line[LDISC_LINE_MAX + 1];
	(void)state;

	for (int i = 0; i < 2000; i++)
		type_char((char)('a' + i % 26));
	assert_int_equal(ld.edit_len, LDISC_LINE_MAX - 1);
	assert_int_equal(echoed_len, LDISC_LINE_MAX - 1);   /* extra characters not echoed */
	/* Editing still works at the cap. */
	type_char(DEL);
	type_char('#');
	type("\n");
	for (int i = 0; i < LDISC_LINE_MAX - 2; i++)
		line[i] = (char)('a' + i % 26);
	line[LDISC_LINE_MAX - 2] = '#';
	line[LDISC_LINE_MAX - 1] = '\n';
	assert_int_equal(ldisc_available(&ld), LDISC_LINE_MAX);
	read_expect_n(2 * LDISC_LINE_MAX, line, LDISC_LINE_MAX, __LINE__);
	assert_false(ldisc_readable(&ld));
}

/* A full line of LDISC_LINE_MAX - 1 copies of c, plus its newline. */
static void
type_full_line(char c)
{
	char line[LDISC_LINE_MAX];
	memset(line, c, LDISC_LINE_MAX - 1);
	line[LDISC_LINE_MAX - 1] = '\n';
	type_n(line, LDISC_LINE_MAX);
}

static void
read_full_line(char c, int line_no)
{
	char line[LDISC_LINE_MAX];
	memset(line, c, LDISC_LINE_MAX - 1);
	line[LDISC_LINE_MAX - 1] = '\n';
	read_expect_n(2 * LDISC_LINE_MAX, line, LDISC_LINE_MAX, line_no);
}

static void
test_ready_buffer_full_drops_new_lines(void **state)
{
	(void)state;
	_Static_assert(LDISC_BUF % LDISC_LINE_MAX == 0, "full lines fill the buffer exactly");
	int lines = LDISC_BUF / LDISC_LINE_MAX;

	for (int i = 0; i < lines; i++)
		type_full_line((char)('A' + i));
	assert_int_equal(ldisc_available(&ld), LDISC_BUF);
	/* Nobody reads: these are dropped, whole. */
	type("dropped\n");
	type("x");
	type_char(CTRL_D);
	assert_int_equal(ldisc_available(&ld), LDISC_BUF);
	assert_int_equal(ld.ends_count, lines);
	assert_int_equal(ld.edit_len, 0);
	/* An end-of-file needs no room in the buffer, only in the line table. */
	type_char(CTRL_D);
	assert_int_equal(ldisc_available(&ld), LDISC_BUF);
	assert_int_equal(ld.ends_count, lines + 1);
	for (int i = 0; i < lines; i++)
		read_full_line((char)('A' + i), __LINE__);
	READ_EOF();
	assert_false(ldisc_readable(&ld));
	/* Room again. */
	type("after\n");
	READ_EXPECT(100, "after\n");
}

static void
test_ready_buffer_drop_is_whole(void **state)
{
	(void)state;
	/* 4090 bytes queued: a 10-byte line does not fit and leaves no part
	 * behind; a 5-byte line after it still fits. */
	for (int i = 0; i < 3; i++)
		type_full_line((char)('a' + i));
	char tail[LDISC_BUF - 3 * LDISC_LINE_MAX - 6 + 1];
	memset(tail, 't', sizeof tail - 1);
	tail[sizeof tail - 2] = '\n';
	tail[sizeof tail - 1] = '\0';
	type(tail);
	assert_int_equal(ldisc_available(&ld), LDISC_BUF - 6);
	type("123456789\n");
	assert_int_equal(ldisc_available(&ld), LDISC_BUF - 6);
	type("abcd\n");
	assert_int_equal(ldisc_available(&ld), LDISC_BUF - 1);
	for (int i = 0; i < 3; i++)
		read_full_line((char)('a' + i), __LINE__);
	READ_EXPECT(LDISC_BUF, tail);
	READ_EXPECT(100, "abcd\n");
	assert_false(ldisc_readable(&ld));
}

static void
test_line_table_full_drops_new_lines(void **state)
{
	char text[16];
	(void)state;

	for (int i = 0; i < LDISC_MAX_LINES; i++) {
		snprintf(text, sizeof text, "L%d\n", i);
		type(text);
	}
	assert_int_equal(ld.ends_count, LDISC_MAX_LINES);
	size_t queued = ldisc_available(&ld);
	type("dropped\n");
	type_char(CTRL_D);                         /* an end-of-file is a line too */
	assert_int_equal(ldisc_available(&ld), queued);
	assert_int_equal(ld.ends_count, LDISC_MAX_LINES);
	for (int i = 0; i < LDISC_MAX_LINES; i++) {
		snprintf(text, sizeof text, "L%d\n", i);
		READ_EXPECT(100, text);
	}
	assert_false(ldisc_readable(&ld));
	assert_int_equal(ldisc_available(&ld), 0);
	/* One slot free again after one read. */
	for (int i = 0; i < LDISC_MAX_LINES; i++)
		type("z\n");
	READ_EXPECT(100, "z\n");
	type("last\n");
	for (int i = 1; i < LDISC_MAX_LINES; i++)
		READ_EXPECT(100, "z\n");
	READ_EXPECT(100, "last\n");
	assert_false(ldisc_readable(&ld));
}

static void
test_available_counts_queued_bytes(void **state)
{
	(void)state;
	type("ab\ncd\nef");
	assert_int_equal(ldisc_available(&ld), 6);  /* "ef" is still being edited */
	READ_EXPECT(1, "a");
	assert_int_equal(ldisc_available(&ld), 5);
	READ_EXPECT(100, "b\n");
	assert_int_equal(ldisc_available(&ld), 3);
	type_char(CTRL_D);
	assert_int_equal(ldisc_available(&ld), 5);
	READ_EXPECT(100, "cd\n");
	READ_EXPECT(100, "ef");
	assert_int_equal(ldisc_available(&ld), 0);
}

/* ---------------------------------------------------------------- random */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/*
 * The model: a FIFO of complete lines (text, with '\n' unless ended by ^D;
 * an empty one is end-of-file) and the line being edited. A read takes
 * from the first line only and drops it once all of it is read.
 */
#define MODEL_LINES 256

static struct {
	char text[MODEL_LINES][LDISC_LINE_MAX + 1];
	size_t len[MODEL_LINES], done[MODEL_LINES];
	unsigned head, count;
	size_t bytes;                               /* queued, unread */
	char edit[LDISC_LINE_MAX];
	size_t edit_len;
} m;

static void
model_commit(bool newline)
{
	size_t n = m.edit_len + (newline ? 1 : 0);
	if (m.bytes + n <= LDISC_BUF && m.count < LDISC_MAX_LINES) {
		unsigned i = (m.head + m.count++) % MODEL_LINES;
		memcpy(m.text[i], m.edit, m.edit_len);
		if (newline)
			m.text[i][m.edit_len] = '\n';
		m.len[i] = n;
		m.done[i] = 0;
		m.bytes += n;
	}
	m.edit_len = 0;
}

static void
test_random_canonical_against_model(void **state)
{
	static const char alphabet[] = "abcdefghij \t";
	char buf[LDISC_BUF];
	(void)state;

	memset(&m, 0, sizeof m);
	for (int step = 0; step < 200000; step++) {
		unsigned what = rnd(100);
		if (what < 60) {                        /* a printable character */
			char c = alphabet[rnd(sizeof alphabet - 1)];
			type_char(c);
			if (m.edit_len < LDISC_LINE_MAX - 1)
				m.edit[m.edit_len++] = c;
		} else if (what < 66) {
			type_char(rnd(2) ? DEL : BS);
			if (m.edit_len > 0)
				m.edit_len--;
		} else if (what < 67) {
			type_char(CTRL_U);
			m.edit_len = 0;
		} else if (what < 75) {
			type_char(rnd(2) ? '\n' : '\r');
			model_commit(true);
		} else if (what < 77) {
			type_char(CTRL_D);
			model_commit(false);
		} else if (what < 78) {
			assert_int_equal(ldisc_input(&ld, CTRL_C, record_echo), SIGINT);
			m.edit_len = 0;
		} else if (what < 79) {
			/* A burst of long lines, to fill the buffer and the table. */
			for (int k = 0; k < 40; k++) {
				for (unsigned j = rnd(200); j > 0; j--) {
					type_char('L');
					if (m.edit_len < LDISC_LINE_MAX - 1)
						m.edit[m.edit_len++] = 'L';
				}
				type_char('\n');
				model_commit(true);
			}
		} else if (m.count > 0 && ldisc_readable(&ld)) {
			size_t n = 1 + rnd(rnd(4) == 0 ? LDISC_LINE_MAX + 8 : 8);
			unsigned i = m.head % MODEL_LINES;
			size_t left = m.len[i] - m.done[i];
			size_t want = left < n ? left : n;
			read_expect_n(n, m.text[i] + m.done[i], want, __LINE__);
			m.done[i] += want;
			m.bytes -= want;
			if (m.done[i] == m.len[i]) {
				m.head++;
				m.count--;
			}
		}
		if (ldisc_readable(&ld) != (m.count > 0) || ldisc_available(&ld) != m.bytes ||
		    ld.edit_len != m.edit_len || memcmp(ld.edit, m.edit, m.edit_len) != 0)
			fail_msg("step %d: readable %d available %zu edit %zu; model: %u lines, %zu "
				 "bytes, edit %zu", step, ldisc_readable(&ld), ldisc_available(&ld),
				 ld.edit_len, m.count, m.bytes, m.edit_len);
		if (echoed_len > sizeof echoed / 2)
			clear_echo();
	}
	/* Drain. */
	while (m.count > 0) {
		unsigned i = m.head++ % MODEL_LINES;
		read_expect_n(sizeof buf, m.text[i] + m.done[i], m.len[i] - m.done[i], __LINE__);
		m.count--;
	}
	assert_false(ldisc_readable(&ld));
	assert_true(ld.wpos > 10 * LDISC_BUF);      /* the ring wrapped many times */
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, NULL)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_init_defaults),
		T(test_line_readable_only_after_newline),
		T(test_empty_line),
		T(test_cr_becomes_newline_with_icrnl),
		T(test_cr_stays_without_icrnl),
		T(test_one_line_per_read),
		T(test_short_buffer_reads_line_in_pieces),
		T(test_backspace_erases_one_char),
		T(test_backspace_at_column_zero),
		T(test_kill_erases_line),
		T(test_eof_on_nonempty_line),
		T(test_eof_on_empty_line),
		T(test_eof_after_line),
		T(test_ctrl_c_interrupts),
		T(test_quit_and_suspend),
		T(test_signal_chars_follow_c_cc),
		T(test_isig_cleared),
		T(test_echo_cleared),
		T(test_no_echo_callback),
		T(test_raw_mode),
		T(test_raw_mode_input_translation_and_signals),
		T(test_raw_mode_full_buffer),
		T(test_switch_to_raw_and_back),
		T(test_edit_line_capped),
		T(test_ready_buffer_full_drops_new_lines),
		T(test_ready_buffer_drop_is_whole),
		T(test_line_table_full_drops_new_lines),
		T(test_available_counts_queued_bytes),
		T(test_random_canonical_against_model),
	};
	host_watchdog(60);
	return cmocka_run_group_tests_name("ldisc", tests, NULL, NULL);
}
