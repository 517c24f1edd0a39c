/*
 * ktest.c - in-guest tests of the system-call boundary, with raw SYSCALL
 * instructions so no library can hide an edge. Prints [RUN]/[OK]/[FAIL] per
 * test and exits with the number of failures (tests/qemu/cases.py checks
 * the output and the exit status).
 */
#include "libsys.h"
#include "testing.h"
#include "uapi/elf.h"

uint64_t syscall_clobber_check(uint64_t nr, uint64_t *rcx_out);   /* support.S */
uint64_t syscall_return_address(void);
extern char _start[], _end[];

/* "exact": QEMU runs with -icount shift=0,sleep=off, so time is exact and
 * tight bounds hold; otherwise the host may stall QEMU and only loose ones do. */
static int exact_timing;

#define KERNEL_ADDR 0xffffffff80100000UL
#define NONCANONICAL 0x0000800000000000UL
#define UNMAPPED 0x0000000010000000UL
#define USER_TOP 0x00007ffffffff000UL

/* Unknown numbers return -ENOSYS; only the low 32 bits of RAX select the call. */
static int
test_enosys(void)
{
	int ok = 1;
	long pid = raw_syscall0(__NR_getpid);

	EXPECT_EQ(raw_syscall0(1000), -ENOSYS);
	EXPECT_EQ(raw_syscall0(511), -ENOSYS);
	EXPECT_EQ(raw_syscall0(512), -ENOSYS);
	EXPECT_EQ(raw_syscall0(-1L), -ENOSYS);
	EXPECT_EQ(raw_syscall0(0x7fffffffL), -ENOSYS);
	EXPECT_EQ(raw_syscall0(0x80000000L), -ENOSYS);
	EXPECT_EQ(raw_syscall0(0x40000027L), -ENOSYS);          /* x32 bit set: not supported */
	EXPECT_EQ(raw_syscall0(0x100000027L), pid);             /* upper half ignored: getpid */
	EXPECT_EQ(raw_syscall0(0xffffffff00000027L), pid);
	return ok;
}

/* Every register except RAX, RCX, R11 survives a system call; RCX = return address. */
static int
test_registers(void)
{
	int ok = 1;
	uint64_t rcx;

	EXPECT_EQ(syscall_clobber_check(__NR_getpid, &rcx), 0);
	EXPECT_EQ(rcx, syscall_return_address());
	EXPECT_EQ(syscall_clobber_check(1000, &rcx), 0);       /* the -ENOSYS path too */
	EXPECT_EQ(syscall_clobber_check(__NR_clock_gettime, &rcx), 0);  /* -EFAULT path */
	return ok;
}

/* Bad pointers give -EFAULT and nothing else. */
static int
test_efault(void)
{
	int ok = 1;
	struct timespec ts;
	uint64_t after_end = ((uint64_t)_end + 4095) & ~4095UL;   /* first unmapped page */

	EXPECT_EQ(raw_syscall3(__NR_write, 1, 0, 1), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_write, 1, KERNEL_ADDR, 8), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_write, 1, 0xffff800000000000UL, 8), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_write, 1, NONCANONICAL, 1), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_write, 1, UNMAPPED, 1), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_write, 1, after_end - 4, 8), -EFAULT);   /* straddles */
	EXPECT_EQ(raw_syscall3(__NR_write, 1, USER_TOP - 4, 8), -EFAULT);    /* crosses USER_TOP */
	EXPECT_EQ(raw_syscall3(__NR_write, 1, -1L, 2), -EFAULT);             /* wraps around */
	EXPECT_EQ(raw_syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, 0), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, KERNEL_ADDR), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_clock_gettime, CLOCK_REALTIME, (uint64_t)_start), -EFAULT); /* read-only text */
	/* 16 bytes out: two 8-byte steps of raw_copy_user; the fault in either is caught. */
	EXPECT_EQ(raw_syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, after_end - 16), 0);   /* ends at the edge */
	EXPECT_EQ(raw_syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, after_end - 12), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, after_end - 8), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_nanosleep, 0, 0), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_nanosleep, NONCANONICAL, 0), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, (long)&ts), 0);
	return ok;
}

/* Bad file descriptors and bad numbers. */
static int
test_bad_arguments(void)
{
	int ok = 1;
	struct timespec ts, bad = { 0, 1000000000L }, neg = { -1, 0 };

	EXPECT_EQ(raw_syscall3(__NR_write, 5, "x", 1), -EBADF);
	EXPECT_EQ(raw_syscall3(__NR_write, -1, "x", 1), -EBADF);
	EXPECT_EQ(raw_syscall3(__NR_write, 0x100000001L, "", 0), 0);   /* fd is an int: 1 */
	EXPECT_EQ(raw_syscall3(__NR_write, 1, "", 0), 0);
	EXPECT_EQ(raw_syscall2(__NR_clock_gettime, 99, &ts), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_clock_gettime, -1, &ts), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_nanosleep, &bad, 0), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_nanosleep, &neg, 0), -EINVAL);
	EXPECT_EQ(write(1, "wrapper: ", 9), 9);
	EXPECT_EQ(write(7, "x", 1), -1);
	EXPECT_EQ(errno, EBADF);
	printf("errno=%d (%s)\n", errno, strerror(errno));
	return ok;
}

static long
to_ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000L + t->tv_nsec;
}

/* Clocks: monotonic never goes back, realtime is a plausible date, sleep sleeps. */
static int
test_clocks(void)
{
	int ok = 1;
	struct timespec a, b, rt, ten_ms = { 0, 10000000L };

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < 1000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &b);
		CHECK(b.tv_nsec >= 0 && b.tv_nsec < 1000000000L);
		if (to_ns(&b) < to_ns(&a)) {
			CHECK(!"monotonic clock went backwards");
			break;
		}
		a = b;
	}
	clock_gettime(CLOCK_REALTIME, &rt);
	CHECK(rt.tv_sec > 1577836800L);          /* after 2020-01-01 */
	clock_gettime(CLOCK_MONOTONIC, &a);
	EXPECT_EQ(nanosleep(&ten_ms, NULL), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	long slept = to_ns(&b) - to_ns(&a);
	printf("    nanosleep(10 ms) took %ld us\n", slept / 1000);
	CHECK(slept >= 10000000L);
	CHECK(slept < (exact_timing ? 12000000L : 2000000000L));
	return ok;
}

/* We run in ring 3 with Linux's selectors; pid == tid. */
static int
test_identity(void)
{
	int ok = 1;
	uint16_t cs, ss;

	__asm__("mov %%cs, %0" : "=r"(cs));
	__asm__("mov %%ss, %0" : "=r"(ss));
	EXPECT_EQ(cs, 0x33);
	EXPECT_EQ(ss, 0x2b);
	CHECK(getpid() >= 1);
	EXPECT_EQ(gettid(), getpid());            /* one thread per process */
	return ok;
}

static int saved_argc;
static char **saved_argv, **saved_envp;

/* The initial stack: argv, envp and the auxiliary vector as Linux builds them. */
static int
test_initial_stack(void)
{
	int ok = 1;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	const uint8_t *rnd = (const uint8_t *)getauxval(AT_RANDOM);

	EXPECT_EQ(saved_argc, 2);
	CHECK(strcmp(saved_argv[0], "/bin/ktest") == 0);
	CHECK(strcmp(saved_argv[1], "all") == 0 || strcmp(saved_argv[1], "exact") == 0);
	CHECK(saved_argv[2] == NULL);
	CHECK(saved_envp[0] && strcmp(saved_envp[0], "HOME=/") == 0);
	CHECK(saved_envp[1] && strcmp(saved_envp[1], "PATH=/bin") == 0);
	CHECK(saved_envp[2] && strcmp(saved_envp[2], "TERM=linux") == 0);
	EXPECT_EQ(getauxval(AT_PAGESZ), 4096);
	EXPECT_EQ(getauxval(AT_ENTRY), (uint64_t)_start);
	EXPECT_EQ(getauxval(AT_PHENT), sizeof(Elf64_Phdr));
	CHECK(getauxval(AT_PHNUM) >= 3);
	CHECK(ph != NULL && ph[0].p_type == PT_LOAD);
	CHECK(execfn != NULL && strcmp(execfn, "/bin/ktest") == 0);
	CHECK(rnd != NULL && (uint64_t)rnd > (uint64_t)saved_argv);
	CHECK(strcmp((const char *)getauxval(AT_PLATFORM), "x86_64") == 0);
	/* The most one signal frame takes: FXSAVE 512 + frame 440 + alignment (sigtest uses it). */
	EXPECT_EQ(getauxval(AT_MINSIGSTKSZ), 1040);
	CHECK(((uint64_t)saved_argv - 8) % 16 == 0);    /* argc sat 16-byte aligned */
	return ok;
}

int
main(int argc, char **argv, char **envp)
{
	saved_argc = argc;
	saved_argv = argv;
	saved_envp = envp;
	exact_timing = argc > 1 && strcmp(argv[1], "exact") == 0;
	run("enosys", test_enosys);
	run("registers", test_registers);
	run("efault", test_efault);
	run("bad_arguments", test_bad_arguments);
	run("clocks", test_clocks);
	run("identity", test_identity);
	run("initial_stack", test_initial_stack);
	printf("ktest: %d passed, %d failed\n", passes, failures);
	return failures;
}
