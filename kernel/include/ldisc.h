/*
 * ldisc.h - the terminal line discipline: what happens to each typed key
 * before a program's read() sees it. Pure logic (tests/host/test_ldisc.c):
 * the tty driver (dev/tty.c) feeds it characters and reads lines from it.
 *
 * Canonical mode (ICANON, the default): a line is edited until Enter -
 * backspace erases a character, ^U the whole line - and only then becomes
 * readable; ^D sends the line without a newline, or, on an empty line,
 * end-of-file (read returns 0). With ISIG, ^C, ^\ and ^Z become SIGINT,
 * SIGQUIT and SIGTSTP for the foreground process group. With ECHO, what is
 * typed is shown. Raw mode (no ICANON): every byte is readable at once.
 */
#ifndef LDISC_H
#define LDISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uapi/termios.h"

#define LDISC_LINE_MAX 1024      /* longest line being edited */
#define LDISC_BUF 4096           /* input ready to be read */
#define LDISC_MAX_LINES 64

typedef void (*ldisc_echo_fn)(const char *s, size_t n);

struct ldisc {
	struct termios termios;
	char edit[LDISC_LINE_MAX];   /* the line being typed */
	size_t edit_len;
	char buf[LDISC_BUF];         /* ring of bytes ready for read() */
	uint64_t rpos, wpos;         /* absolute positions: buf[pos % LDISC_BUF] */
	uint64_t ends[LDISC_MAX_LINES];   /* canonical: where each complete line ends */
	unsigned ends_head, ends_count;
};

void ldisc_init(struct ldisc *l);
/* One input character; returns a signal to send to the foreground group, or 0. */
int ldisc_input(struct ldisc *l, char c, ldisc_echo_fn echo);
/* Is there something for read()? (A complete line, an EOF, or raw bytes.) */
bool ldisc_readable(const struct ldisc *l);
/* Take up to n bytes (canonical: at most one line); 0 means end-of-file. */
size_t ldisc_read(struct ldisc *l, char *out, size_t n);
size_t ldisc_available(const struct ldisc *l);

#endif
