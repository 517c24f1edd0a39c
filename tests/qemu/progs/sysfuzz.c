/*
 * sysfuzz.c - an in-guest system-call fuzzer, in the style of trinity:
 * disposable children make random system calls with nasty arguments, one
 * child after another, and the parent checks that the kernel survives
 * them all without a leak.
 *
 *   sysfuzz [-v] [-child N [-calls I,J,...]] [-per-child K] SEED CALLS
 *
 * makes at least CALLS calls, K per child (200 by default), all following
 * from SEED; -child N makes only child N's calls (the same calls as in the
 * whole run), -calls only those of its calls (to cut a failure down to the
 * calls that matter), -v prints each call before it is made and its
 * result after.
 * `make fuzz SEED=... CALLS=...` boots it as init; docs/fuzzing.md says
 * how the calls and arguments are chosen and how to replay a failure.
 *
 * The parent, for each child: a pipe the child logs each call into before
 * making it (so the parent knows the last call of a child that dies, and
 * whether it still makes progress), a watchdog that kills a child which
 * has made no call for HANG_MS, and a wait for its end. A child killed by a
 * signal is normal. Failures: a child that SIGKILL cannot end, a child
 * that finds a register changed by a call (child.c), memory left over
 * after a child or the whole run, processes left over at the end. A
 * kernel panic or a machine that hangs ends the run without a last line;
 * tests/qemu/cases.py catches those.
 */
#include "sysfuzz/sysfuzz.h"

#define DEFAULT_PER_CHILD 200
#define HANG_MS 25                   /* no call started for this long (12 alarms): SIGKILL */
#define UNKILLABLE_MS 3000           /* still alive this long after SIGKILL: a kernel bug */
#define POLL_MS 5                    /* how often the watchdog looks */
#define REPORTS 20                   /* progress lines in a run */

struct run {
	uint64_t seed;
	unsigned long calls_wanted, calls_made;
	unsigned per_child;
	int only_child;              /* -child N, or -1 */
	const char *only_calls;      /* -calls LIST, or NULL */
	bool verbose;
	unsigned children, exited, watchdog_kills, failures;
	bool stop;                   /* a failure the run cannot go on after */
	unsigned killed_by[NSIG + 1];        /* children ended by each signal */
};

/* What the parent learnt about one child. */
struct child_watch {
	unsigned number;
	pid_t pid;
	int log;                     /* read end of its log pipe */
	unsigned calls;              /* records read */
	long last;                   /* index of the last call logged, or -1 */
	uint64_t changed;            /* registers the last call changed (call.S's bits) */
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

/* ---------------------------------------------------------------- leaks */

/* Read a /proc file into text (NUL-terminated); its length, or -1. */
static long
read_proc(const char *path, char *text, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, text, size - 1);

	close(fd);
	text[n > 0 ? n : 0] = '\0';
	return n;
}

/* A "Name:   N kB" line of /proc/meminfo, or -1. */
static long
meminfo(const char *name)
{
	char text[512];
	char *line;

	if (read_proc("/proc/meminfo", text, sizeof text) <= 0 || (line = strstr(text, name)) == NULL)
		return -1;
	line += strlen(name);
	while (*line == ' ' || *line == ':')
		line++;
	return atol(line);
}

/* Kernel heap blocks in use: the sum of /proc/slabinfo's active_objs column. */
static long
heap_blocks(void)
{
	char text[2048];
	long n = 0;

	if (read_proc("/proc/slabinfo", text, sizeof text) <= 0)
		return -1;
	for (char *line = strstr(text, "\nkmalloc-"); line != NULL; line = strstr(line + 1, "\nkmalloc-")) {
		char *field = strchr(line + 1, ' ');
		while (field != NULL && *field == ' ')
			field++;
		n += field != NULL ? atol(field) : 0;
	}
	return n;
}

struct memory {
	long mem_free, slab;         /* kB */
	long heap_blocks;
};

static void
measure(struct memory *m)
{
	m->mem_free = meminfo("MemFree");
	m->slab = meminfo("Slab");
	m->heap_blocks = heap_blocks();
}

/*
 * Nothing leaked between a and b: every page is free again or kept by the
 * kernel heap (Slab: the heap never gives pages back, its one cache), and
 * every heap block is free again.
 */
static bool
same_memory(const struct memory *a, const struct memory *b)
{
	return a->mem_free + a->slab == b->mem_free + b->slab && a->heap_blocks == b->heap_blocks;
}

static void
print_memory(const char *when, const struct memory *m)
{
	printf("sysfuzz: memory %s MemFree %ld kB, Slab %ld kB, %ld heap blocks in use\n", when,
	       m->mem_free, m->slab, m->heap_blocks);
}

/* The pids /proc lists, as a bit set (pids < 32768 fit in 512 words). */
#define PID_WORDS 512
static void
list_processes(uint64_t set[PID_WORDS])
{
	char buf[1024];
	int fd = open("/proc", O_RDONLY | O_DIRECTORY);
	long got;

	memset(set, 0, PID_WORDS * sizeof set[0]);
	while ((got = getdents64(fd, buf, sizeof buf)) > 0)
		for (long off = 0; off < got; off += ((struct linux_dirent64 *)(buf + off))->d_reclen) {
			long pid = atol(((struct linux_dirent64 *)(buf + off))->d_name);
			if (pid > 0 && pid < PID_WORDS * 64)
				set[pid / 64] |= 1UL << (pid % 64);
		}
	close(fd);
}

/* After the run: no process that was not there before. */
static void
check_processes(struct run *r, const uint64_t before[PID_WORDS])
{
	static uint64_t after[PID_WORDS];
	bool extra = false;

	list_processes(after);
	for (int pid = 0; pid < PID_WORDS * 64; pid++)
		if (after[pid / 64] & ~before[pid / 64] & (1UL << (pid % 64))) {
			printf("sysfuzz: process %d is still there\n", pid);
			extra = true;
		}
	if (extra)
		fail(r, "processes left over");
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
			w->calls += rec.changed == 0;
			w->last = rec.index;
			w->changed = rec.changed;
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
			r->stop = true;          /* the rest of the run would measure nothing */
			return;
		}
	}
	while (!w->log_closed)       /* the records the child wrote before its end */
		read_log(w);
}

/*
 * Reap the children of children: when a child dies first, its own children
 * become ours (we are init), and they end by themselves at once (call.S).
 * Wait until none is left, so that their memory is back before it is
 * counted; as init, kill(-1) ends a straggler (it spares init).
 */
static void
reap_orphans(void)
{
	uint64_t start = now_ms();
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) >= 0) {
		if (pid > 0)
			continue;
		if (now_ms() - start > HANG_MS && getpid() == 1)
			kill(-1, SIGKILL);
		sleep_ms(1);
	}
}

static void
count_end(struct run *r, struct child_watch *w)
{
	if (WIFSIGNALED(w->status)) {
		r->killed_by[WTERMSIG(w->status)]++;
	} else {
		r->exited++;
	}
	if (w->changed != 0) {
		printf("sysfuzz: registers changed: %#lx (bits: call.S)\n", w->changed);
		print_last_call(r, w, "saw a register changed by a call");
		fail(r, "the kernel changed a register it must keep");
	}
	if (w->killed_ms != 0 && r->verbose)
		print_last_call(r, w, "made no call for a while and was killed");
}

/* Fork child `number`, watch it to its end, and count what it left behind. */
static void
run_child(struct run *r, unsigned number)
{
	struct child_watch w = { .number = number, .last = -1 };
	struct memory before, after;
	int p[2];

	measure(&before);
	if (pipe(p) < 0) {
		fail(r, "pipe for the log");
		return;
	}
	w.pid = fork();
	if (w.pid == 0) {
		struct child_plan plan = { r->seed, number, r->per_child, r->verbose, r->only_calls };
		child_run(&plan, p[1]);
	}
	close(p[1]);
	if (w.pid < 0) {
		close(p[0]);
		fail(r, "fork");
		return;
	}
	w.log = p[0];
	watch(r, &w);
	close(p[0]);
	if (r->stop)
		return;
	reap_orphans();
	r->children++;
	r->calls_made += w.calls;
	count_end(r, &w);
	measure(&after);
	if (!same_memory(&before, &after)) {
		print_memory("before the child:", &before);
		print_memory("after the child: ", &after);
		print_last_call(r, &w, "left memory behind");
		fail(r, "a leak");
	}
}

/* ---------------------------------------------------------------- the run */

static void
print_summary(const struct run *r)
{
	unsigned killed = 0, realtime = 0;

	for (int sig = 1; sig <= NSIG; sig++) {
		killed += r->killed_by[sig];
		realtime += sig >= SIGRTMIN ? r->killed_by[sig] : 0;
	}
	printf("sysfuzz: %lu calls in %u children: %u exited, %u stopped by the watchdog, "
	       "%u killed by signals (", r->calls_made, r->children, r->exited, r->watchdog_kills, killed);
	for (int sig = 1; sig < SIGRTMIN; sig++)
		if (r->killed_by[sig])
			printf("%s %u, ", signal_name(sig), r->killed_by[sig]);
	printf("real-time %u)\n", realtime);
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
	for (unsigned n = 0; r->calls_made < r->calls_wanted && !r->stop; n++) {
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
	printf("usage: sysfuzz [-v] [-child N [-calls I,J,...]] [-per-child K] SEED CALLS\n");
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
		else if (strcmp(argv[i], "-calls") == 0 && i + 1 < argc)
			r->only_calls = argv[++i];
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
	static uint64_t processes[PID_WORDS];
	struct memory before, after;

	if (parse_args(&r, argc, argv) < 0)
		return usage();
	calls_init();
	printf("sysfuzz: seed %lu, %lu calls, %u per child, %d implemented calls among 0..%d\n",
	       r.seed, r.calls_wanted, r.per_child, calls_implemented(), HIGHEST_NUMBER);
	if (arena_init(r.seed) < 0) {
		printf("sysfuzz: FAIL: cannot map the arena\n");
		return 1;
	}
	list_processes(processes);
	measure(&before);
	if (before.mem_free < 0 || before.slab < 0 || before.heap_blocks < 0) {
		printf("sysfuzz: FAIL: no MemFree or Slab in /proc/meminfo, or no /proc/slabinfo\n");
		return 1;
	}
	fuzz(&r);
	if (r.stop) {
		printf("sysfuzz: FAIL (the run stopped there)\n");
		return 1;
	}
	measure(&after);
	print_summary(&r);
	print_memory("before:", &before);
	print_memory("after: ", &after);
	if (!same_memory(&before, &after))
		fail(&r, "memory differs: a leak");
	check_processes(&r, processes);
	if (r.failures)
		printf("sysfuzz: FAIL (%u problems)\n", r.failures);
	else
		printf("sysfuzz: PASS\n");
	return r.failures != 0;
}
