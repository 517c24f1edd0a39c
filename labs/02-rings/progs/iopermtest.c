/*
 * iopermtest.c - the rings lab's checks of ioperm(2) (Linux number 173).
 * It calls the number directly (raw_syscall3), so it builds before the lab
 * is done: on the stock kernel every call returns -ENOSYS (-38).
 *
 * The port used most is 0x3ff, the scratch register of the COM1 UART
 * (0x3f8 + 7): a byte of storage that does nothing else, so writing a value
 * and reading it back proves that both `out` and `in` really reached the
 * device. Reading ports 0x3fd and 0x3fe (line and modem status) is harmless
 * too, and nothing answers at the top ports 0xfff8..0xffff (reads give 0xff).
 *
 * An access the kernel must refuse is tried in a child process: the CPU
 * raises #GP, the kernel kills the child with SIGSEGV and the parent sees
 * that in wait4's status - so one boot checks many things.
 *
 *   iopermtest grant      ioperm(0x3ff, 1, 1); the scratch register round trip works here
 *   iopermtest others     ...while every other port still faults (0x3fe, 0x80, inw 0x3ff)
 *   iopermtest revoke     ioperm(0x3ff, 1, 0) takes the port back, at once; last, init
 *                         itself touches it and must be killed (SIGSEGV)
 *   iopermtest range      a range (0x3fd..0x3ff, 16-bit access inside it, a hole punched
 *                         into it) and the very last ports, 0xfff8..0xffff
 *   iopermtest bad        bad ranges: -EINVAL; revoking what was never granted: 0
 *   iopermtest fork       a child inherits a copy: it can use the port, and its
 *                         revoking the port does not take it from the parent
 *   iopermtest exec       the ports stay granted across execve (Linux's rule)
 *   iopermtest isolation  a process that did not ask gets nothing, even after running
 *                         right after one that did (the TSS is per CPU, not per process)
 *   iopermtest one        one ioperm(0x3ff, 1, 1) and one round trip (for strace)
 */
#include "libsys.h"

#define NR_ioperm 173
#define SCRATCH 0x3ff           /* COM1 scratch register */
#define LSR 0x3fd               /* COM1 line status register (read only) */
#define MSR 0x3fe               /* COM1 modem status register (read only) */
#define POST 0x80               /* the POST diagnostic port */

static int failures;

static long
ioperm_raw(unsigned long from, unsigned long num, long turn_on)
{
	return raw_syscall3(NR_ioperm, from, num, turn_on);
}

/* The port instructions. "Nd": the port in DX (or an 8-bit constant). */
static inline void
outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t
inb(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint16_t
inw(uint16_t port)
{
	uint16_t value;

	__asm__ volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint32_t
inl(uint16_t port)
{
	uint32_t value;

	__asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static void
expect(int ok, const char *what, long got)
{
	printf("%s %s (got %ld)\n", ok ? "[OK]" : "[FAIL]", what, got);
	if (!ok)
		failures++;
}

/* ioperm must return want; returns whether it did. */
static int
expect_ioperm(unsigned long from, unsigned long num, long turn_on, long want)
{
	char what[80];
	long r = ioperm_raw(from, num, turn_on);

	snprintf(what, sizeof what, "ioperm(%#lx, %lu, %ld) = %ld", from, num, turn_on, want);
	expect(r == want, what, r);
	return r == want;
}

/* Write two values to the scratch register and read each back: 1 if both came back. */
static int
scratch_round_trip(void)
{
	outb(SCRATCH, 0x5a);
	if (inb(SCRATCH) != 0x5a)
		return 0;
	outb(SCRATCH, 0xa5);
	return inb(SCRATCH) == 0xa5;
}

/* ------------------------------------------------------------ in a child */

/* The accesses a child can try; each returns normally only if the CPU allowed it. */
static void touch_inb(unsigned port) { (void)inb((uint16_t)port); }
static void touch_outb(unsigned port) { outb((uint16_t)port, 0); }
static void touch_inw(unsigned port) { (void)inw((uint16_t)port); }
static void touch_scratch(unsigned port) { (void)port; if (!scratch_round_trip()) _exit(1); }

/* Run touch(port) in a child; its wait status, or -1 if fork or wait4 failed. */
static int
in_child(void (*touch)(unsigned), unsigned port)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		touch(port);
		_exit(0);                /* still alive: the access was allowed */
	}
	if (pid < 0 || wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

static void
expect_fault(void (*touch)(unsigned), unsigned port, const char *what)
{
	int status = in_child(touch, port);

	expect(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, what, status);
}

static void
expect_allowed(void (*touch)(unsigned), unsigned port, const char *what)
{
	int status = in_child(touch, port);

	expect(status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0, what, status);
}

/* ------------------------------------------------------------ the modes */

static void
grant(void)
{
	if (!expect_ioperm(SCRATCH, 1, 1, 0))
		return;                  /* touching the port now would only kill us */
	expect(scratch_round_trip(), "port 0x3ff works in this process, right after ioperm", 1);
	expect(scratch_round_trip(), "... and keeps working", 1);
}

static void
others(void)
{
	if (!expect_ioperm(SCRATCH, 1, 1, 0))
		return;
	expect(scratch_round_trip(), "the granted port 0x3ff works", 1);
	expect_fault(touch_inb, MSR, "inb from port 0x3fe, next to it: SIGSEGV");
	expect_fault(touch_outb, POST, "outb to port 0x80: SIGSEGV");
	expect_fault(touch_inb, 0x3f7, "inb from port 0x3f7 (same bit, byte before): SIGSEGV");
	expect_fault(touch_inw, SCRATCH, "inw from 0x3ff (ports 0x3ff and 0x400): SIGSEGV");
	expect_fault(touch_inb, SCRATCH + 8, "inb from port 0x407 (same bit, byte after): SIGSEGV");
}

static void
revoke(void)
{
	if (!expect_ioperm(SCRATCH, 1, 1, 0))
		return;
	expect(scratch_round_trip(), "port 0x3ff works", 1);
	if (!expect_ioperm(SCRATCH, 1, 0, 0))
		return;
	expect_fault(touch_inb, SCRATCH, "after revoking, a child reading port 0x3ff: SIGSEGV");
	if (!expect_ioperm(SCRATCH, 1, 1, 0))
		return;
	expect(scratch_round_trip(), "granted again: port 0x3ff works again", 1);
	if (!expect_ioperm(SCRATCH, 1, 0, 0) || failures)
		return;
	/* The revoke must take effect now, not at the next context switch. */
	printf("iopermtest revoke: passed so far; init reads the revoked port 0x3ff itself\n");
	(void)inb(SCRATCH);
	printf("[FAIL] init is still alive after reading a revoked port\n");
	failures++;
}

static void
range(void)
{
	if (!expect_ioperm(LSR, 3, 1, 0))          /* 0x3fd, 0x3fe, 0x3ff */
		return;
	uint8_t lsr = inb(LSR);
	expect(1, "inb from 0x3fd (line status) works", lsr);
	uint16_t both = inw(MSR);
	expect(1, "inw from 0x3fe (ports 0x3fe and 0x3ff, both granted) works", both);
	expect(scratch_round_trip(), "port 0x3ff works", 1);
	expect_fault(touch_inb, 0x3fc, "inb from 0x3fc, just below the range: SIGSEGV");
	if (!expect_ioperm(MSR, 1, 0, 0))          /* punch a hole: 0x3fe only */
		return;
	expect_fault(touch_inb, MSR, "the hole, port 0x3fe: SIGSEGV");
	lsr = inb(LSR);
	expect(1, "port 0x3fd, left of the hole, still works", lsr);
	expect(scratch_round_trip(), "port 0x3ff, right of the hole, still works", 1);
	/* The last ports: the CPU reads the bitmap byte after 0xffff's too. */
	if (!expect_ioperm(0xfff8, 8, 1, 0))
		return;
	expect(inb(0xffff) == 0xff, "inb from 0xffff, the very last port, works (nothing there: 0xff)", 1);
	expect(inl(0xfffc) == 0xffffffffu, "inl from 0xfffc (ports 0xfffc..0xffff) works", 1);
	expect_fault(touch_inb, 0xfff7, "inb from 0xfff7, just below: SIGSEGV");
}

static void
bad(void)
{
	expect_ioperm(0x10000, 1, 1, -EINVAL);      /* starts past the last port */
	expect_ioperm(0xffff, 2, 1, -EINVAL);       /* ends one past it */
	expect_ioperm(0, 0x10001, 1, -EINVAL);      /* too many */
	expect_ioperm(SCRATCH, 0, 1, -EINVAL);      /* none at all (Linux: from + num <= from) */
	expect_ioperm(~0ul, 2, 1, -EINVAL);         /* from + num wraps around to 1 */
	expect_ioperm(SCRATCH, ~0ul, 1, -EINVAL);   /* so does this one */
	expect_ioperm(0, 0x10000, 0, 0);            /* revoking all, never granted: fine */
	expect_ioperm(0xffff, 1, 0, 0);             /* the last port alone is valid */
	expect_fault(touch_inb, SCRATCH, "after the failed calls, port 0x3ff was not granted: SIGSEGV");
	if (!expect_ioperm(0, 0x10000, 1, 0))       /* all of them at once */
		return;
	expect(scratch_round_trip(), "after ioperm(0, 0x10000, 1): port 0x3ff works", 1);
	expect_ioperm(0, 0x10000, 0, 0);
	expect_fault(touch_inb, SCRATCH, "after ioperm(0, 0x10000, 0): port 0x3ff faults again");
}

/* The child inherits a copy: it can use the port; what it changes is its own. */
static void
child_revokes(unsigned port)
{
	if (!scratch_round_trip())
		_exit(1);
	if (ioperm_raw(port, 1, 0) != 0)
		_exit(2);
	touch_inb(port);             /* must kill this child */
}

static void
inherit(void)
{
	if (!expect_ioperm(SCRATCH, 1, 1, 0))
		return;
	expect_allowed(touch_scratch, SCRATCH, "a child inherits port 0x3ff: its round trip works");
	expect_fault(child_revokes, SCRATCH, "a child uses it, revokes it, touches it: SIGSEGV");
	expect(scratch_round_trip(), "the parent still has port 0x3ff (the child had a copy)", 1);
}

static void
exec_self(void)
{
	char *argv[] = { "iopermtest", "after-exec", NULL };

	if (!expect_ioperm(SCRATCH, 1, 1, 0))
		return;
	execv("/bin/iopermtest", argv);
	expect(0, "execv /bin/iopermtest", -errno);
}

static void
after_exec(void)
{
	expect(scratch_round_trip(), "after execve, port 0x3ff still works", 1);
	expect_fault(touch_inb, MSR, "... and port 0x3fe still faults");
}

/* Two processes take turns: only the one that asked may use the port. */
static void
isolation(void)
{
	int go[2];
	char c = 'g';

	if (pipe(go) < 0) {
		expect(0, "pipe", -errno);
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {              /* forked before the grant: it has no ports */
		read(go[0], &c, 1);      /* sleep until the parent has its grant */
		for (int i = 0; i < 20; i++)
			sched_yield();   /* back and forth with the parent a few times */
		touch_inb(SCRATCH);      /* must kill this child */
		_exit(0);
	}
	if (!expect_ioperm(SCRATCH, 1, 1, 0))
		return;
	write(go[1], &c, 1);
	int status = -1, ok = 1;
	for (int i = 0; i < 20; i++) {
		sched_yield();           /* the child runs between our round trips */
		ok &= scratch_round_trip();
	}
	wait4(pid, &status, 0, NULL);
	expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	       "a process that did not ask, running after one that did: SIGSEGV", status);
	expect(ok && scratch_round_trip(), "the parent kept port 0x3ff across the switches", ok);
	expect_fault(touch_inb, MSR, "the parent's port 0x3fe still faults in a child");
}

int
main(int argc, char **argv)
{
	static const struct { const char *name; void (*run)(void); } modes[] = {
		{ "grant", grant }, { "others", others }, { "revoke", revoke },
		{ "range", range }, { "bad", bad }, { "fork", inherit },
		{ "exec", exec_self }, { "after-exec", after_exec }, { "isolation", isolation },
	};
	const char *mode = argc > 1 ? argv[1] : "grant";

	if (!strcmp(mode, "one"))
		return ioperm_raw(SCRATCH, 1, 1) == 0 && scratch_round_trip() ? 0 : 1;
	for (unsigned i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		if (strcmp(mode, modes[i].name) != 0)
			continue;
		modes[i].run();
		if (failures == 0)
			printf("iopermtest %s: passed\n", mode);
		return failures != 0;
	}
	printf("iopermtest: unknown mode %s\n", mode);
	return 2;
}
