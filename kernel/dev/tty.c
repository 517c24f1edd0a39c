/*
 * tty.c - the console terminal: /dev/console, and stdin/stdout/stderr of
 * init. Output goes to the console (serial + VGA); input arrives by
 * interrupt from the serial port (dev/serial.c) and the PS/2 keyboard
 * (dev/keyboard.c), goes through the line discipline (dev/ldisc.c), and
 * wakes readers blocked in read(). ^C becomes SIGINT for the foreground
 * process group (set by the shell with TIOCSPGRP).
 *
 * Controlling terminal: like Linux's /dev/console, the console belongs to
 * no session at boot (so init has none, and ^C at boot signals nobody). A
 * session leader claims it with TIOCSCTTY (/bin/init does, for the shell it
 * starts); from then on it is that session's controlling terminal: /dev/tty
 * opens, and the foreground process group can be read and set. A claim
 * dies with the last process of its session.
 */
#include "console.h"
#include "cpu.h"
#include "ldisc.h"
#include "proc.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "vfs.h"
#include "x86.h"

static struct {
	struct ldisc ld;
	struct wait_queue readers;   /* tasks blocked in read() */
	int fg_pgrp;                 /* foreground process group: gets ^C (0: none) */
	int session;                 /* the session it is the controlling terminal of (0: none) */
	struct winsize ws;
} tty;

void
tty_init(void)
{
	ldisc_init(&tty.ld);
	tty.ws = (struct winsize){ .ws_row = 25, .ws_col = 80 };
}

static void
tty_echo(const char *s, size_t n)
{
	console_write(s, n);
}

/* Called from the serial and keyboard interrupt handlers, interrupts off. */
void
tty_input_char(char c)
{
	int sig = ldisc_input(&tty.ld, c, tty_echo);

	if (sig != 0 && tty.fg_pgrp > 0)         /* to every process of the foreground group */
		for (int i = 0; i < MAX_PROCS; i++)
			if (proc_is_leader(&procs[i]) &&
			    !procs[i].tg->exited && procs[i].tg->pgid == tty.fg_pgrp)
				signal_send(procs[i].tg, sig, SI_KERNEL, 0, 0);
	if (ldisc_readable(&tty.ld))
		wake_up(&tty.readers);
}

static bool
tty_has_input(void *arg)
{
	(void)arg;
	return ldisc_readable(&tty.ld);
}

/* read(): block until a line (or, raw, a byte) is there; -EAGAIN with O_NONBLOCK. */
static long
tty_read(struct file *f, uint64_t ubuf, size_t n)
{
	char chunk[256];

	if (n == 0)
		return 0;
	if (!ldisc_readable(&tty.ld)) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event(&tty.readers, tty_has_input, NULL, 0) < 0)
			return -ERESTARTSYS;     /* ^C: restart, or EINTR (SA_RESTART decides) */
	}
	bool irq = irq_save();
	size_t got = ldisc_read(&tty.ld, chunk, n < sizeof chunk ? n : sizeof chunk);
	irq_restore(irq);
	if (got > 0 && copy_to_user(ubuf, chunk, got) < 0)
		return -EFAULT;
	return (long)got;
}

#define WRITE_CHUNK 256

/* write(): copy in chunks; a fault after some bytes returns the count written (as Linux). */
static long
tty_write(struct file *f, uint64_t ubuf, size_t count)
{
	char chunk[WRITE_CHUNK];
	size_t done = 0;

	(void)f;
	while (done < count) {
		size_t n = count - done < WRITE_CHUNK ? count - done : WRITE_CHUNK;
		if (copy_from_user(chunk, ubuf + done, n) < 0)
			return done > 0 ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (long)done;
}

/* Is the console the caller's controlling terminal? */
bool
tty_is_controlling(void)
{
	return tty.session != 0 && tty.session == current_proc()->tg->sid;
}

/* Does some process of session sid still exist? */
static bool
session_alive(int sid)
{
	for (int i = 0; i < MAX_PROCS; i++)
		if (proc_is_leader(&procs[i]) && !procs[i].tg->exited && procs[i].tg->sid == sid)
			return true;
	return false;
}

/* TIOCSCTTY: a session leader makes the console its controlling terminal. */
static long
claim_ctty(bool steal)
{
	struct thread_group *tg = current_proc()->tg;

	if (tty_is_controlling())
		return 0;
	if (tg->sid != tg->tgid)
		return -EPERM;           /* only a session leader */
	if (tty.session != 0 && session_alive(tty.session) && !steal)
		return -EPERM;           /* another session's (root may steal it: arg 1) */
	tty.session = tg->sid;
	tty.fg_pgrp = tg->pgid;
	return 0;
}

/* TIOCSPGRP (tcsetpgrp): which process group of our session gets ^C and may read. */
static long
set_foreground(uint64_t arg)
{
	int pgrp;
	bool in_session = false;

	if (!tty_is_controlling())
		return -ENOTTY;
	if (copy_from_user(&pgrp, arg, sizeof pgrp) < 0)
		return -EFAULT;
	if (pgrp <= 0)
		return -EINVAL;
	for (int i = 0; i < MAX_PROCS; i++)
		if (proc_is_leader(&procs[i]) && !procs[i].tg->exited && procs[i].tg->pgid == pgrp)
			in_session |= procs[i].tg->sid == tty.session;
	if (!in_session)
		return -EPERM;           /* no such group in our session */
	tty.fg_pgrp = pgrp;
	return 0;
}

static long
tty_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	(void)f;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(arg, &tty.ld.termios, sizeof tty.ld.termios);
	case TCSETS: case TCSETSW: case TCSETSF: {
		struct termios t;
		if (copy_from_user(&t, arg, sizeof t) < 0)
			return -EFAULT;
		tty.ld.termios = t;
		return 0;
	}
	case TIOCGWINSZ:
		return copy_to_user(arg, &tty.ws, sizeof tty.ws);
	case TIOCSWINSZ:
		return copy_from_user(&tty.ws, arg, sizeof tty.ws);
	case TIOCSCTTY:
		return claim_ctty(arg == 1);
	case TIOCGPGRP:
		if (!tty_is_controlling())
			return -ENOTTY;
		return copy_to_user(arg, &tty.fg_pgrp, sizeof tty.fg_pgrp);
	case TIOCGSID:
		if (!tty_is_controlling())
			return -ENOTTY;
		return copy_to_user(arg, &tty.session, sizeof tty.session);
	case TIOCSPGRP:
		return set_foreground(arg);
	case FIONREAD: {
		int n = (int)ldisc_available(&tty.ld);
		return copy_to_user(arg, &n, sizeof n);
	}
	default:
		return -ENOTTY;
	}
}

static void
tty_stat(struct file *f, struct stat *st)
{
	if (f->node != NULL)
		vfs_stat_node(f->node, st);
	else
		memset(st, 0, sizeof *st);
	st->st_mode = S_IFCHR | 0620;
	st->st_rdev = DEV_CONSOLE;
}

static unsigned
tty_poll(struct file *f)
{
	(void)f;
	return (ldisc_readable(&tty.ld) ? 0x001 : 0) | 0x004;   /* EPOLLIN, EPOLLOUT */
}

static struct wait_queue *
tty_wait_queue(struct file *f)
{
	(void)f;
	return &tty.readers;
}

const struct file_ops tty_ops = {
	.read = tty_read, .write = tty_write, .ioctl = tty_ioctl, .stat = tty_stat,
	.poll = tty_poll, .wait_queue = tty_wait_queue,
};
