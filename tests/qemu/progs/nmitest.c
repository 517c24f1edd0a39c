/*
 * nmitest.c - NMIs arriving in user code, in the middle of system calls
 * and while the kernel idles (tests/qemu/cases.py "nmi" injects them
 * through QEMU's monitor). Each phase runs until /proc/interrupts counts
 * one more NMI, and then checks that nothing was disturbed: an NMI is
 * reported by the kernel and otherwise invisible. Last, a machine check
 * in a child's user code: the child gets SIGBUS, nothing else is hurt.
 */
#include "libsys.h"
#include "testing.h"

#define PHASE_MS 20000           /* give up waiting for an NMI after this */

/* The NMI count from /proc/interrupts ("NMI:   N   Non-maskable interrupts"). */
static long
nmi_count(void)
{
	char buf[512];
	int fd = open("/proc/interrupts", O_RDONLY);
	long n = read(fd, buf, sizeof buf - 1);

	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	char *line = strstr(buf, "NMI:");
	if (line == NULL)
		return -1;
	for (line += 4; *line == ' '; line++)
		;
	return atol(line);
}

/* Pure user-mode arithmetic: its result says whether registers survived. */
static uint64_t
mix(uint64_t x, long rounds)
{
	for (long i = 0; i < rounds; i++)
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
	return x;
}

static int
phase_user(void)
{
	int ok = 1;
	long before = nmi_count();
	uint64_t start = now_ms(), x = 1, expect = 1;

	printf("nmitest: spinning in user mode\n");
	while (nmi_count() == before && now_ms() - start < PHASE_MS) {
		x = mix(x, 200000);              /* the NMI lands in here, most likely */
		expect = mix(expect, 200000);    /* the same work again: the same result */
		CHECK(x == expect);
	}
	EXPECT_EQ(nmi_count(), before + 1);
	return ok;
}

static int
phase_syscalls(void)
{
	int ok = 1;
	long before = nmi_count();
	uint64_t start = now_ms();
	int pid = getpid();

	printf("nmitest: making system calls\n");
	while (nmi_count() == before && now_ms() - start < PHASE_MS)
		for (int i = 0; i < 1000; i++)
			CHECK(getpid() == pid);
	EXPECT_EQ(nmi_count(), before + 1);
	return ok;
}

static int
phase_idle(void)
{
	int ok = 1;
	long before = nmi_count();
	uint64_t start = now_ms();

	printf("nmitest: sleeping\n");
	while (nmi_count() == before && now_ms() - start < PHASE_MS)
		sleep_ms(50);                     /* the CPU halts in the idle loop */
	EXPECT_EQ(nmi_count(), before + 1);
	return ok;
}

/* A child spins in user mode until the monitor's `mce` hits it. */
static int
phase_machine_check(void)
{
	int ok = 1, status = 0;
	pid_t child = fork();

	if (child == 0) {
		uint64_t x = 1;
		for (;;)
			x = mix(x, 1000);
	}
	printf("nmitest: machine check next\n");
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT_EQ(status, SIGBUS);                   /* killed by it, nothing else */
	EXPECT_EQ(getpid(), 1);
	return ok;
}

int
main(void)
{
	run("nmi_in_user_mode", phase_user);
	run("nmi_in_system_calls", phase_syscalls);
	run("nmi_while_idle", phase_idle);
	run("machine_check_kills_the_program", phase_machine_check);
	printf("nmitest: %d passed, %d failed\n", passes, failures);
	return failures;
}
