/*
 * trace.c - the tracer's state and its hooks (see trace.h).
 *
 *   strace's child writes "follow count ..." to /proc/self/trace
 *        -> trace_configure: a new session, armed until the next execve
 *   every system call of a traced process
 *        -> syscall_dispatch calls trace_enter before and trace_exit after
 *   fork of a traced process (with -f)   -> trace_fork: the child joins
 *   a signal reaches a traced process    -> trace_signal: "--- SIG... ---"
 *   a signal stops it                    -> trace_stop: "--- stopped by SIGSTOP ---"
 *   a traced process ends                -> trace_process_end: "+++ ... +++",
 *        and the -c summary when the session's last process is gone
 *
 * A thread is a task like a process here: trace_fork for a new thread,
 * trace_process_end when it ends (docs/tracing.md lists what the kernel
 * must call, and when, for threads).
 *
 * Lines go to the console. One line may be open at a time (a call that
 * has printed its arguments and not yet returned); if another process
 * prints meanwhile, the open one is closed with " <unfinished ...>" and
 * later continued as "<... name resumed>", as strace does.
 */
#include "clock.h"
#include "console.h"
#include "cpu.h"
#include "memlayout.h"
#include "pmm.h"
#include "proc.h"
#include "string.h"
#include "trace.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/unistd.h"
#include "x86.h"

#define LINE_MAX 1024
#define STAT_SLOTS 127           /* -c counters: slot 0 for unknown numbers, then one per call used */

struct trace_stat {
	uint32_t calls, errors;
	uint64_t cycles;
};

struct trace_session {
	int refs;                    /* processes using it */
	int ntasks;                  /* how many are traced right now: >1 shows [pid N] */
	bool follow;                 /* -f */
	bool count;                  /* -c or -C: keep counters */
	bool lines;                  /* print calls (not with -c alone) */
	int strsize;                 /* -s */
	bool filtered;               /* -e trace=...: only the marked calls */
	uint64_t wanted[NR_SYSCALLS / 64];
	struct proc *open;           /* whose line is open */
	/* -c: every Linux call has a name (uapi/syscalls.h), but a program uses
	 * few of them: a call gets a counter the first time it is made. */
	uint8_t slot[NR_SYSCALLS];   /* nr -> index into stats[]; 0 = none yet */
	int nslots;                  /* stats[1..nslots-1] are in use */
	struct trace_stat stats[STAT_SLOTS];
};
_Static_assert(sizeof(struct trace_session) <= 4096, "a session fits in one page");
_Static_assert(STAT_SLOTS <= 256, "a slot number fits in uint8_t");

/* The counter of call nr in session s: its own, or slot 0 ("(other)") for a
 * number outside the table or when every counter is taken. */
static struct trace_stat *
stat_of(struct trace_session *s, int nr)
{
	if (nr < 0 || nr >= NR_SYSCALLS || syscall_descs[nr].name == NULL)
		return &s->stats[0];
	if (s->slot[nr] == 0 && s->nslots < STAT_SLOTS)
		s->slot[nr] = (uint8_t)s->nslots++;
	return &s->stats[s->slot[nr]];
}

/* ------------------------------------------------------------------ output */

static int
read_user(void *ctx, uint64_t addr, void *dst, size_t n)
{
	(void)ctx;
	return copy_from_user(dst, addr, n);
}

struct line {
	char buf[LINE_MAX];
	struct trace_fmt fmt;
};

static void
line_start(struct line *l, struct trace_session *s)
{
	l->fmt = (struct trace_fmt){ .buf = l->buf, .size = sizeof l->buf,
				     .strsize = s ? s->strsize : 32, .read = read_user };
}

static void
line_emit(struct line *l)
{
	size_t n = l->fmt.len < sizeof l->buf ? l->fmt.len : sizeof l->buf - 1;
	console_write(l->buf, n);
}

/* Another process is about to print: close the open line with <unfinished ...>. */
static void
interrupt_open_line(struct trace_session *s, struct proc *me)
{
	if (s->open != NULL && s->open != me) {
		console_write(" <unfinished ...>\n", 18);
		s->open->trace_unfinished = true;
		s->open = NULL;
	}
}

/* "[pid     5] " while more than one task is traced (format.c: trace_format_pid). */
static void
print_prefix(struct line *l, struct trace_session *s, struct proc *p)
{
	if (s->ntasks > 1)
		trace_format_pid(&l->fmt, p->pid);
}

static bool
wanted(struct trace_session *s, int nr)
{
	if (!s->lines)
		return false;
	if (!s->filtered)
		return true;
	return nr >= 0 && nr < NR_SYSCALLS && (s->wanted[nr / 64] >> (nr % 64) & 1);
}

/* ------------------------------------------------------------------ sessions */

static void
session_put(struct trace_session *s)
{
	if (--s->refs == 0)
		pmm_free(virt_to_phys(s));
}

/* Parse "follow count lines s=64 e=write,getpid". 0 or -EINVAL. */
static int
parse_options(struct trace_session *s, const char *opt, size_t len)
{
	size_t i = 0;

	while (i < len) {
		while (i < len && (opt[i] == ' ' || opt[i] == '\n'))
			i++;
		size_t start = i;
		while (i < len && opt[i] != ' ' && opt[i] != '\n')
			i++;
		const char *w = opt + start;
		size_t wl = i - start;
		if (wl == 0)
			break;
		if (wl == 6 && strncmp(w, "follow", 6) == 0) {
			s->follow = true;
		} else if (wl == 5 && strncmp(w, "count", 5) == 0) {
			s->count = true;
		} else if (wl == 5 && strncmp(w, "lines", 5) == 0) {
			s->lines = true;
		} else if (wl > 2 && strncmp(w, "s=", 2) == 0) {
			int v = 0;
			for (size_t k = 2; k < wl && w[k] >= '0' && w[k] <= '9'; k++)
				v = v * 10 + (w[k] - '0');
			s->strsize = v > 0 && v <= 256 ? v : 256;
		} else if (wl > 2 && strncmp(w, "e=", 2) == 0) {
			/* A comma-separated list of call names. */
			s->filtered = true;
			for (size_t k = 2; k < wl;) {
				size_t e = k;
				while (e < wl && w[e] != ',')
					e++;
				bool found = false;
				for (int nr = 0; nr < NR_SYSCALLS; nr++) {
					const char *name = syscall_descs[nr].name;
					if (name && strncmp(name, w + k, e - k) == 0 && name[e - k] == '\0') {
						s->wanted[nr / 64] |= 1UL << (nr % 64);
						found = true;
					}
				}
				if (!found)
					return -EINVAL;     /* strace: invalid system call */
				k = e + 1;
			}
		} else {
			return -EINVAL;
		}
	}
	return 0;
}

/* A write to /proc/<pid>/trace: start tracing p at its next execve. */
int
trace_configure(struct proc *p, const char *options, size_t len)
{
	uint64_t page = pmm_alloc();

	if (page == 0)
		return -ENOMEM;
	struct trace_session *s = phys_to_virt(page);
	s->strsize = 32;
	if (parse_options(s, options, len) < 0) {
		pmm_free(page);
		return -EINVAL;
	}
	if (p->trace != NULL) {      /* a new session replaces the old one */
		p->trace->ntasks--;
		session_put(p->trace);
	}
	s->refs = 1;
	s->ntasks = 1;
	s->nslots = 1;
	p->trace = s;
	p->trace_nr = p->trace_prev_nr = -1;
	p->trace_armed = true;       /* quiet until the execve that starts the program */
	return 0;
}

/* ------------------------------------------------------------------ hooks */

void
trace_enter(struct proc *p, int nr, const uint64_t args[6])
{
	struct trace_session *s = p->trace;
	struct line l;
	uint64_t shown[6];

	if (p->trace_armed) {
		if (nr != __NR_execve)
			return;
		p->trace_armed = false;
	}
	p->trace_start = rdtsc();
	p->trace_unfinished = false;
	p->trace_nr = -1;
	if (!wanted(s, nr))
		return;
	memcpy(shown, args, sizeof shown);
	if (nr == __NR_restart_syscall)
		shown[0] = (uint64_t)(int64_t)p->trace_prev_nr;   /* RESTART_NR: what it resumes */
	interrupt_open_line(s, p);
	line_start(&l, s);
	print_prefix(&l, s, p);
	p->trace_argpos = trace_format_enter(&l.fmt, nr, shown);
	p->trace_col = l.fmt.len;
	/* exit and exit_group never return: strace shows "= ?" at once. */
	if (nr == __NR_exit || nr == __NR_exit_group) {
		trace_format_no_return(&l.fmt, nr, p->trace_argpos, 0);
		trace_printf(&l.fmt, "\n");
		line_emit(&l);
		return;
	}
	line_emit(&l);
	s->open = p;
	p->trace_nr = nr;
}

/* "<... read resumed>" after "[pid N] ": another task printed since our entry. */
static void
print_resumed(struct line *l, struct trace_session *s, struct proc *p, int nr)
{
	char name[TRACE_NAME_MAX];

	interrupt_open_line(s, p);
	print_prefix(l, s, p);
	trace_printf(&l->fmt, "<... %s resumed>", trace_syscall_name(nr, name));
}

void
trace_exit(struct proc *p, int nr, const uint64_t args[6], long ret)
{
	struct trace_session *s = p->trace;
	struct line l;

	if (p->trace_armed)
		return;
	/* Killed inside the call (SIGKILL; another thread's exit_group): strace
	 * never sees it return. trace_process_end ends the line with "= ?". */
	if (signal_exiting(p))
		return;
	p->trace_prev_nr = nr;
	p->trace_nr = -1;
	if (s->count) {
		struct trace_stat *st = stat_of(s, nr);
		st->calls++;
		st->errors += ret < 0 && ret >= -4095;
		st->cycles += rdtsc() - p->trace_start;
	}
	if (!wanted(s, nr))
		return;
	line_start(&l, s);
	size_t col0 = p->trace_col;
	if (s->open != p) {
		print_resumed(&l, s, p, nr);     /* someone else printed since our entry */
		col0 = 0;
	}
	trace_format_exit(&l.fmt, nr, args, p->trace_argpos, ret, col0);
	trace_printf(&l.fmt, "\n");
	line_emit(&l);
	s->open = NULL;
}

/* With -f, a traced parent's child is traced from its first instruction. */
void
trace_fork(struct proc *parent, struct proc *child)
{
	struct trace_session *s = parent->trace;

	if (s == NULL || !s->follow || parent->trace_armed)
		return;
	child->trace = s;
	child->trace_nr = -1;
	child->trace_prev_nr = -1;
	s->refs++;
	s->ntasks++;
	if (s->lines) {
		struct line l;
		line_start(&l, s);
		interrupt_open_line(s, NULL);
		trace_printf(&l.fmt, "strace: Process %d attached\n", child->pid);
		line_emit(&l);
	}
}

/*
 * "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10} ---".
 * code: si_code (uapi/signal.h): SI_USER (kill), SI_TKILL (tkill, tgkill),
 * SI_QUEUE, SI_KERNEL (timers), or the signal's own (SEGV_MAPERR,
 * CLD_EXITED, ...); addr: the faulting address, a SIGCHLD's status (exit
 * code, or the signal for CLD_KILLED/STOPPED/CONTINUED), or a queued
 * value; sender: the sending process, or the child for SIGCHLD.
 * SIGKILL is never shown: strace cannot see it before the task is gone.
 */
void
trace_signal(struct proc *p, int sig, int code, uint64_t addr, int sender)
{
	struct trace_session *s = p->trace;
	struct siginfo si;
	struct line l;

	if (s == NULL || p->trace_armed || !s->lines || sig == SIGKILL)
		return;
	line_start(&l, s);
	interrupt_open_line(s, p);
	print_prefix(&l, s, p);
	trace_siginfo_of(&si, sig, code, addr, sender);
	trace_format_signal(&l.fmt, &si);
	trace_printf(&l.fmt, "\n");
	line_emit(&l);
}

/* A signal stopped p (its default action): "--- stopped by SIGSTOP ---". */
void
trace_stop(struct proc *p, int sig)
{
	struct trace_session *s = p->trace;
	struct line l;

	if (s == NULL || p->trace_armed || !s->lines)
		return;
	line_start(&l, s);
	interrupt_open_line(s, p);
	print_prefix(&l, s, p);
	trace_printf(&l.fmt, "--- stopped by %s ---\n", trace_signal_name(sig) ?: "SIG?");
	line_emit(&l);
}

/* The -c table (trace/format.c does the arithmetic and the layout). Rows in
 * system call number order, "(other)" first; the formatter sorts by time. */
static void
print_summary(struct trace_session *s)
{
	struct trace_count rows[STAT_SLOTS];
	int n = 0;
	static char text[(STAT_SLOTS + 5) * 80];

	if (s->stats[0].calls > 0)
		rows[n++] = (struct trace_count){ "(other)", s->stats[0].calls, s->stats[0].errors,
						  tsc_to_ns(s->stats[0].cycles) };
	for (int nr = 0; nr < NR_SYSCALLS; nr++) {
		const struct trace_stat *st = &s->stats[s->slot[nr]];
		if (s->slot[nr] != 0 && st->calls > 0)
			rows[n++] = (struct trace_count){ syscall_descs[nr].name, st->calls, st->errors,
							  tsc_to_ns(st->cycles) };
	}
	struct trace_fmt out = { .buf = text, .size = sizeof text };
	trace_format_summary(&out, rows, n);
	console_write(text, out.len < sizeof text ? out.len : sizeof text - 1);
}

/*
 * The line of a call p was inside when it ended (entered, never returned):
 * "read(3,  <unfinished ...>) = ?" if it is still the open line, else
 * "[pid N] <... read resumed> <unfinished ...>) = ?", as strace ends it.
 */
static void
end_unfinished_call(struct trace_session *s, struct proc *p)
{
	struct line l;
	size_t col0 = 0;

	line_start(&l, s);
	if (s->open == p)
		col0 = p->trace_col;
	else
		print_resumed(&l, s, p, p->trace_nr);
	trace_format_no_return(&l.fmt, p->trace_nr, p->trace_argpos, col0);
	trace_printf(&l.fmt, "\n");
	line_emit(&l);
	s->open = NULL;
	p->trace_nr = -1;
}

/*
 * The first thread of a process ends while others go on: its call ends
 * with "= ?" now, but strace reports "+++ exited with N +++" for it only
 * when the whole process has ended (trace_process_end, from proc_exit).
 */
void
trace_leader_ends_early(struct proc *p)
{
	struct trace_session *s = p->trace;

	if (s != NULL && s->lines && !p->trace_armed && p->trace_nr >= 0)
		end_unfinished_call(s, p);
}

void
trace_process_end(struct proc *p, int wait_status)
{
	struct trace_session *s = p->trace;
	struct line l;

	if (s == NULL)
		return;
	if (s->lines && !p->trace_armed) {
		if (p->trace_nr >= 0)
			end_unfinished_call(s, p);
		line_start(&l, s);
		interrupt_open_line(s, p);
		if (s->open == p)
			s->open = NULL;
		print_prefix(&l, s, p);
		if (wait_status & 0x7f)
			trace_printf(&l.fmt, "+++ killed by %s +++\n",
				     trace_signal_name(wait_status & 0x7f) ?: "SIG?");
		else
			trace_printf(&l.fmt, "+++ exited with %d +++\n", (wait_status >> 8) & 0xff);
		line_emit(&l);
	}
	p->trace = NULL;
	s->ntasks--;
	if (s->ntasks == 0 && s->count)
		print_summary(s);
	session_put(s);
}
