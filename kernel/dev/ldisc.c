/*
 * ldisc.c - the line discipline (see ldisc.h).
 */
#include "ldisc.h"
#include "string.h"
#include "uapi/signal.h"

void
ldisc_init(struct ldisc *l)
{
	memset(l, 0, sizeof *l);
	l->termios.c_iflag = ICRNL;
	l->termios.c_oflag = OPOST | ONLCR;
	l->termios.c_cflag = B38400 | CS8 | CREAD;
	l->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK;
	l->termios.c_cc[VINTR] = 0x03;   /* ^C */
	l->termios.c_cc[VQUIT] = 0x1c;   /* ^\ */
	l->termios.c_cc[VERASE] = 0x7f;  /* DEL, what terminals send for backspace */
	l->termios.c_cc[VKILL] = 0x15;   /* ^U */
	l->termios.c_cc[VEOF] = 0x04;    /* ^D */
	l->termios.c_cc[VMIN] = 1;
	l->termios.c_cc[VSUSP] = 0x1a;   /* ^Z */
}

static bool
room_for(const struct ldisc *l, size_t n)
{
	return l->wpos - l->rpos + n <= LDISC_BUF;
}

static void
push_byte(struct ldisc *l, char c)
{
	l->buf[l->wpos++ % LDISC_BUF] = c;
}

/* Move the edited line (plus an optional newline) to the readable ring. */
static void
commit_line(struct ldisc *l, bool newline)
{
	size_t n = l->edit_len + (newline ? 1 : 0);

	if (!room_for(l, n) || l->ends_count == LDISC_MAX_LINES) {
		l->edit_len = 0;     /* nobody is reading: drop it, as a full tty does */
		return;
	}
	for (size_t i = 0; i < l->edit_len; i++)
		push_byte(l, l->edit[i]);
	if (newline)
		push_byte(l, '\n');
	l->ends[(l->ends_head + l->ends_count++) % LDISC_MAX_LINES] = l->wpos;
	l->edit_len = 0;
}

static void
echo_str(const struct ldisc *l, ldisc_echo_fn echo, const char *s, size_t n)
{
	if ((l->termios.c_lflag & ECHO) && echo != NULL)
		echo(s, n);
}

static void
erase_chars(struct ldisc *l, ldisc_echo_fn echo, size_t count)
{
	while (count-- > 0 && l->edit_len > 0) {
		l->edit_len--;
		echo_str(l, echo, "\b \b", 3);
	}
}

/* ^C, ^\, ^Z: the signal for a control character, or 0. */
static int
signal_for(const struct ldisc *l, char c)
{
	const uint8_t *cc = l->termios.c_cc;

	if (!(l->termios.c_lflag & ISIG))
		return 0;
	if ((uint8_t)c == cc[VINTR])
		return SIGINT;
	if ((uint8_t)c == cc[VQUIT])
		return SIGQUIT;
	if ((uint8_t)c == cc[VSUSP])
		return SIGTSTP;
	return 0;
}

static int
canonical_input(struct ldisc *l, char c, ldisc_echo_fn echo)
{
	const uint8_t *cc = l->termios.c_cc;

	if ((uint8_t)c == cc[VERASE] || c == '\b') {
		erase_chars(l, echo, 1);
	} else if ((uint8_t)c == cc[VKILL]) {
		erase_chars(l, echo, l->edit_len);
	} else if ((uint8_t)c == cc[VEOF]) {
		commit_line(l, false);       /* an empty line here means end-of-file */
	} else if (c == '\n') {
		echo_str(l, echo, "\n", 1);
		commit_line(l, true);
	} else if (l->edit_len < LDISC_LINE_MAX - 1) {
		l->edit[l->edit_len++] = c;
		echo_str(l, echo, &c, 1);
	}
	return 0;
}

int
ldisc_input(struct ldisc *l, char c, ldisc_echo_fn echo)
{
	if (c == '\r' && (l->termios.c_iflag & ICRNL))
		c = '\n';                    /* Enter on a serial terminal sends CR */
	int sig = signal_for(l, c);
	if (sig != 0) {
		static const char *const shown[] = { [SIGINT] = "^C\n", [SIGQUIT] = "^\\\n",
						     [SIGTSTP] = "^Z\n" };
		echo_str(l, echo, shown[sig], 3);
		l->edit_len = 0;             /* the half-typed line is discarded */
		return sig;
	}
	if (l->termios.c_lflag & ICANON)
		return canonical_input(l, c, echo);
	if (room_for(l, 1)) {
		push_byte(l, c);
		echo_str(l, echo, &c, 1);
	}
	return 0;
}

bool
ldisc_readable(const struct ldisc *l)
{
	if (l->termios.c_lflag & ICANON)
		return l->ends_count > 0;
	return l->wpos > l->rpos;
}

size_t
ldisc_available(const struct ldisc *l)
{
	return (size_t)(l->wpos - l->rpos);
}

size_t
ldisc_read(struct ldisc *l, char *out, size_t n)
{
	uint64_t limit = l->wpos;
	size_t got = 0;

	if ((l->termios.c_lflag & ICANON) && l->ends_count > 0)
		limit = l->ends[l->ends_head];   /* never past the end of the first line */
	while (got < n && l->rpos < limit)
		out[got++] = l->buf[l->rpos++ % LDISC_BUF];
	if ((l->termios.c_lflag & ICANON) && l->ends_count > 0 && l->rpos == limit) {
		l->ends_head = (l->ends_head + 1) % LDISC_MAX_LINES;   /* line used up */
		l->ends_count--;
	} else if (!(l->termios.c_lflag & ICANON)) {
		/* Raw reads ignore line ends, but must not leave stale ones behind
		 * for when canonical mode comes back. */
		while (l->ends_count > 0 && l->ends[l->ends_head] <= l->rpos) {
			l->ends_head = (l->ends_head + 1) % LDISC_MAX_LINES;
			l->ends_count--;
		}
	}
	return got;
}
