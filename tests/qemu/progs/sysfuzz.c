/*
 * sysfuzz.c - an in-guest system-call fuzzer, in the style of trinity:
 * disposable children make random system calls with nasty arguments, one
 * child after another, and the parent checks that the kernel survives
 * them all without a leak.
 *
 *   sysfuzz [-v] [-child N] [-per-child K] SEED CALLS
 *
 * makes at least CALLS calls, K per child (200 by default), all following
 * from SEED; -child N makes only child N's calls (the same calls as in the
 * whole run), -v prints each call before it is made and its result after.
 * `make fuzz SEED=... CALLS=...` boots it as init; docs/fuzzing.md says
 * how the calls and arguments are chosen and how to replay a failure.
 *
 * The parent, for each child: a pipe the child logs each call into before
 * making it (so the parent knows the last call of a child that dies, and
 * whether it still makes progress), a watchdog that kills a child which
 * has made no call for HANG_MS, and a wait for its end. A child killed by a
 * signal is normal. Failures: a child that SIGKILL cannot end, a child
 * that finds a register changed by a call (child.c), children or memory
 * left over at the end. A kernel panic or a machine that hangs ends the
 * run without a last line; tests/qemu/cases.py catches those.
 */
#include "sysfuzz/sysfuzz.h"

#define DEFAULT_PER_CHILD 200
#define HANG_MS 400                  /* no call started for this long: SIGKILL */
#define UNKILLABLE_MS 3000           /* still alive this long after SIGKILL: a kernel bug */
#define POLL_MS 20                   /* how often the watchdog looks */
#define REPORTS 20                   /* progress lines in a run */

struct run {
	uint64_t seed;
	unsigned long calls_wanted, calls_made;
	unsigned per_child;
	int only_child;              /* -child N, or -1 */
	bool verbose;
	unsigned children, exited, watchdog_kills, failures;
	unsigned killed_by[NSIG + 1];        /* children ended by each signal */
};

/* What the parent learnt about one child. */
struct child_watch {
	unsigned number;
	pid_t pid;
	int log;                     /* read end of its log pipe */
	unsigned calls;              /* records read */
	long last;                   /* index of the last call logged, or -1 */
	uint8_t pending[sizeof(struct log_record)];
	size_t npending;
	uint64_t progress_ms;        /* when a record last came */
	uint64_t killed_ms;          /* when the watchdog sent SIGKILL, or 0 */
	bool log_closed;
	int status;
};

/* ---------------------------------------------------------------- reporting */

/* Rebuild call `index` of child `number` (sysfuzz.h: it follows from the seed). */
static void
rebuild_call(const struct run *r, const struct child_watch *w, long index, struct fuzz_call *c)
{
	uint64_t rng = child_seed(r->seed, w->number);

	for (long i = 0; i <= index; i++)
		call_generate(&rng, c);
	call_make_safe(c, w->pid);
}

static void
print_last_call(const struct run *r, const struct child_watch *w, const char *what)
{
	struct fuzz_call c;
	char text[256];

	if (w->last < 0) {
		printf("sysfuzz: child %u (pid %d) %s before its first call\n", w->number, w->pid, what);
		return;
	}
	rebuild_call(r, w, w->last, &c);
	call_format(&c, text, sizeof text);
	printf("sysfuzz: child %u (pid %d) %s; its last call, #%ld: %s\n", w->number, w->pid, what,
	       w->last, text);
	printf("sysfuzz: replay: make fuzz SEED=%lu CALLS=%lu CHILD=%u VERBOSE=1\n", r->seed,
	       r->calls_wanted, w->number);
}

static void
fail(struct run *r, const char *why)
{
	printf("sysfuzz: FAIL: %s\n", why);
	r->failures++;
}

/* ---------------------------------------------------------------- watching a child */

/* Take the complete records out of bytes read from the log; skip garbage
 * (a call may write into the log pipe too) one byte at a time. */
static void
take_records(struct child_watch *w, const uint8_t *bytes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		w->pending[w->npending++] = bytes[i];
		if (w->npending < sizeof w->pending)
			continue;
		struct log_record rec;
		memcpy(&rec, w->pending, sizeof rec);
		if (rec.magic == (LOG_MAGIC ^ w->number)) {
			w->calls++;
			w->last = rec.index;
			w->npending = 0;
		} else {
			memcpy(w->pending, w->pending + 1, --w->npending);
		}
	}
}

/* Wait up to POLL_MS for log records; note the end of the log. */
static void
read_log(struct child_watch *w)
{
	struct pollfd pfd = { w->log, POLLIN, 0 };
	uint8_t bytes[512];

	if (w->log_closed) {
		sleep_ms(1);
		return;
	}
	if (poll(&pfd, 1, POLL_MS) <= 0)
		return;
	long n = read(w->log, bytes, sizeof bytes);
	if (n <= 0) {
		w->log_closed = true;    /* the child and every copy of it closed it */
		return;
	}
	take_records(w, bytes, (size_t)n);
	w->progress_ms = now_ms();
}

/* Until the child has ended: read its log, and kill it if it stops making calls. */
static void
watch(struct run *r, struct child_watch *w)
{
	w->progress_ms = now_ms();
	for (;;) {
		read_log(w);
		if (waitpid(w->pid, &w->status, WNOHANG) == w->pid)
			break;
		uint64_t now = now_ms();
		if (w->killed_ms == 0 && now - w->progress_ms > HANG_MS) {
			kill(w->pid, SIGKILL);
			w->killed_ms = now;
			r->watchdog_kills++;
		} else if (w->killed_ms != 0 && now - w->killed_ms > UNKILLABLE_MS) {
			print_last_call(r, w, "did not end after SIGKILL");
			fail(r, "a child SIGKILL cannot end");
			waitpid(w->pid, &w->status, 0);    /* a hang here is the kernel's too */
			break;
		}
	}
	while (!w->log_closed)       /* the records the child wrote before its end */
		read_log(w);
}

/* Reap children of children: when a child dies first, its own children
 * become ours (we are init), and end by themselves (call.S). */
static void
reap_orphans(void)
{
	int status;

	while (waitpid(-1, &status, WNOHANG) > 0)
		;
}

static void
count_end(struct run *r, struct child_watch *w)
{
	if (WIFSIGNALED(w->status)) {
		r->killed_by[WTERMSIG(w->status)]++;
	} else {
		r->exited++;
		if (WEXITSTATUS(w->status) == CHILD_REGISTERS_CHANGED && w->killed_ms == 0) {
			print_last_call(r, w, "saw a register changed by a call");
			fail(r, "the kernel changed a register it must keep");
		}
	}
	if (w->killed_ms != 0 && r->verbose)
		print_last_call(r, w, "made no call for a while and was killed");
}

static void
run_child(struct run *r, unsigned number)
{
	struct child_watch w = { .number = number, .last = -1 };
	int p[2];

	if (pipe(p) < 0) {
		fail(r, "pipe for the log");
		return;
	}
	w.pid = fork();
	if (w.pid == 0)
		child_run(r->seed, number, r->per_child, r->verbose, p[1]);
	close(p[1]);
	if (w.pid < 0) {
		close(p[0]);
		fail(r, "fork");
		return;
	}
	w.log = p[0];
	watch(r, &w);
	close(p[0]);
	r->children++;
	r->calls_made += w.calls;
	count_end(r, &w);
	reap_orphans();
}

/* ---------------------------------------------------------------- leaks */

/* A "Name:   N kB" line of /proc/meminfo, or -1. */
static long
meminfo(const char *name)
{
	char text[512];
	int fd = open("/proc/meminfo", O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, text, sizeof text - 1);

	close(fd);
	if (n <= 0)
		return -1;
	text[n] = '\0';
	char *line = strstr(text, name);
	if (line == NULL)
		return -1;
	line += strlen(name);
	while (*line == ' ' || *line == ':')
		line++;
	return atol(line);
}

/* The pids /proc lists, as a bit set (pids < 32768 fit in 512 words). */
#define PID_WORDS 512
static int
list_processes(uint64_t set[PID_WORDS])
{
	char buf[1024];
	int fd = open("/proc", O_RDONLY | O_DIRECTORY), n = 0;
	long got;

	memset(set, 0, PID_WORDS * sizeof set[0]);
	while ((got = getdents64(fd, buf, sizeof buf)) > 0)
		for (long off = 0; off < got; off += ((struct linux_dirent64 *)(buf + off))->d_reclen) {
			long pid = atol(((struct linux_dirent64 *)(buf + off))->d_name);
			if (pid > 0 && pid < PID_WORDS * 64) {
				set[pid / 64] |= 1UL << (pid % 64);
				n++;
			}
		}
	close(fd);
	return n;
}

struct snapshot {
	long mem_free;
	uint64_t pids[PID_WORDS];
};

static void
take_snapshot(struct snapshot *s)
{
	s->mem_free = meminfo("MemFree");
	list_processes(s->pids);
}

/* After the run: the same processes as before, the same free memory. */
static void
check_leaks(struct run *r, const struct snapshot *before)
{
	static struct snapshot after;

	take_snapshot(&after);
	for (int i = 0; i < PID_WORDS; i++) {
		uint64_t extra = after.pids[i] & ~before->pids[i];
		for (int b = 0; extra != 0; b++, extra >>= 1)
			if (extra & 1)
				printf("sysfuzz: process %d is still there\n", i * 64 + b);
		if (after.pids[i] & ~before->pids[i])
			fail(r, "processes left over");
	}
	printf("sysfuzz: MemFree %ld kB before, %ld kB after\n", before->mem_free, after.mem_free);
	if (after.mem_free != before->mem_free)
		fail(r, "free memory differs: a leak");
}

/* ---------------------------------------------------------------- the run */

static void
print_summary(const struct run *r)
{
	printf("sysfuzz: %lu calls in %u children: %u exited, %u stopped by the watchdog", r->calls_made,
	       r->children, r->exited, r->watchdog_kills);
	for (int sig = 1; sig <= NSIG; sig++)
		if (r->killed_by[sig])
			printf(", %u %s", r->killed_by[sig], signal_name(sig));
	printf("\n");
}

static void
fuzz(struct run *r)
{
	unsigned long next_report = r->calls_wanted / REPORTS;
	uint64_t start = now_ms();

	if (r->only_child >= 0) {
		run_child(r, (unsigned)r->only_child);
		return;
	}
	for (unsigned n = 0; r->calls_made < r->calls_wanted; n++) {
		run_child(r, n);
		if (r->calls_made >= next_report) {
			printf("sysfuzz: %lu calls, %u children, %lu s\n", r->calls_made, r->children,
			       (now_ms() - start) / 1000);
			next_report += r->calls_wanted / REPORTS;
		}
	}
}

static int
usage(void)
{
	printf("usage: sysfuzz [-v] [-child N] [-per-child K] SEED CALLS\n");
	return 2;
}

static int
parse_args(struct run *r, int argc, char **argv)
{
	int i = 1;

	r->per_child = DEFAULT_PER_CHILD;
	r->only_child = -1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-v") == 0)
			r->verbose = true;
		else if (strcmp(argv[i], "-child") == 0 && i + 1 < argc)
			r->only_child = (int)atol(argv[++i]);
		else if (strcmp(argv[i], "-per-child") == 0 && i + 1 < argc)
			r->per_child = (unsigned)atol(argv[++i]);
		else
			return -1;
	}
	if (argc - i != 2 || r->per_child == 0)
		return -1;
	r->seed = (uint64_t)atol(argv[i]);
	r->calls_wanted = (unsigned long)atol(argv[i + 1]);
	return 0;
}

int
main(int argc, char **argv)
{
	static struct run r;
	static struct snapshot before;

	if (parse_args(&r, argc, argv) < 0)
		return usage();
	calls_init();
	printf("sysfuzz: seed %lu, %lu calls, %u per child, %d implemented calls of %d numbers\n",
	       r.seed, r.calls_wanted, r.per_child, calls_implemented(), 461);
	if (arena_init(r.seed) < 0) {
		printf("sysfuzz: FAIL: cannot map the arena\n");
		return 1;
	}
	take_snapshot(&before);
	fuzz(&r);
	reap_orphans();
	print_summary(&r);
	check_leaks(&r, &before);
	if (r.failures)
		printf("sysfuzz: FAIL (%u problems)\n", r.failures);
	else
		printf("sysfuzz: PASS\n");
	return r.failures != 0;
}
