/*
 * test_syscall.c - kernel/syscall/syscall.c: dispatching a number through
 * the table (syscall_invoke) and choosing how to return to user mode
 * (syscall_return_path). QEMU's TCG does not model the Intel SYSRET fault,
 * so this decision is checked here.
 *
 * syscall.c sits next to MSR and interrupt-flag code, so it is #included
 * (its hardware functions compile on the host but are never called) with
 * host definitions of what it refers to: a fake syscall_table that records
 * its calls, cpu0, syscall_entry, signal_deliver, proc_kill. printk is
 * stubs/printk.c. (The Makefile also links this test with --gc-sections, so
 * a new call in syscall_dispatch, which is never run here, does not break
 * the build.)
 */
#include "host_test.h"

#include "../../kernel/syscall/syscall.c"

/* ---------------------------------------------------------------- host definitions */

struct percpu cpu0;

void
syscall_entry(void)
{
}

void
signal_deliver(struct proc *p, struct trap_frame *f)
{
	(void)p;
	(void)f;
	fail_msg("signal_deliver called");
}

void
proc_kill(struct proc *p, int sig)
{
	(void)p;
	(void)sig;
	fail_msg("proc_kill called");
	__builtin_abort();
}

static int calls;
static uint64_t args[6];
static int which;

static long
fake_record(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f)
{
	calls++;
	which = 1;
	args[0] = a, args[1] = b, args[2] = c, args[3] = d, args[4] = e, args[5] = f;
	return 0x1234567890L;
}

static long
fake_negative(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f)
{
	(void)a, (void)b, (void)c, (void)d, (void)e, (void)f;
	calls++;
	which = 2;
	return -EFAULT;
}

static long
fake_last(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f)
{
	(void)b, (void)c, (void)d, (void)e, (void)f;
	calls++;
	which = 3;
	return (long)a + 1;
}

/* Slot 0 and everything else is a hole. */
const syscall_fn_t syscall_table[NR_SYSCALLS] = {
	[1] = fake_record,
	[2] = fake_negative,
	[NR_SYSCALLS - 1] = fake_last,
};

/* ---------------------------------------------------------------- syscall_invoke */

/* A frame with a distinct value in every register. */
static struct trap_frame
frame_with_distinct_registers(void)
{
	struct trap_frame f;
	uint64_t *r = (uint64_t *)&f;
	for (size_t i = 0; i < sizeof f / sizeof *r; i++)
		r[i] = 0x1111111111111111ULL * (i % 15 + 1) + i;
	return f;
}

static int
setup(void **state)
{
	(void)state;
	calls = 0;
	which = 0;
	memset(args, 0, sizeof args);
	return 0;
}

static void
test_invoke_passes_linux_argument_registers(void **state)
{
	(void)state;
	struct trap_frame f = frame_with_distinct_registers();
	assert_int_equal(syscall_invoke(1, &f), 0x1234567890L);
	assert_int_equal(calls, 1);
	assert_int_equal(which, 1);
	/* Linux's order: RDI, RSI, RDX, R10 (not RCX: SYSCALL clobbers it), R8, R9. */
	assert_int_equal(args[0], f.rdi);
	assert_int_equal(args[1], f.rsi);
	assert_int_equal(args[2], f.rdx);
	assert_int_equal(args[3], f.r10);
	assert_int_equal(args[4], f.r8);
	assert_int_equal(args[5], f.r9);
	assert_int_not_equal(args[3], f.rcx);
}

static void
test_invoke_returns_handler_result(void **state)
{
	(void)state;
	struct trap_frame f = frame_with_distinct_registers();
	assert_int_equal(syscall_invoke(2, &f), -EFAULT);
	assert_int_equal(which, 2);
	/* The last slot of the table is reachable. */
	f.rdi = 41;
	assert_int_equal(syscall_invoke(NR_SYSCALLS - 1, &f), 42);
	assert_int_equal(which, 3);
	assert_int_equal(calls, 2);
}

static void
test_invoke_hole_is_enosys(void **state)
{
	(void)state;
	struct trap_frame f = frame_with_distinct_registers();
	assert_int_equal(syscall_invoke(0, &f), -ENOSYS);
	assert_int_equal(syscall_invoke(3, &f), -ENOSYS);
	assert_int_equal(syscall_invoke(NR_SYSCALLS - 2, &f), -ENOSYS);
	assert_int_equal(calls, 0);
}

static void
test_invoke_out_of_range_is_enosys(void **state)
{
	static const uint64_t numbers[] = {
		NR_SYSCALLS, 512, 513, 1000, 0x7fffffff, 0x80000000, 0xffffffff,
		0x100000001ULL,               /* only dispatch truncates to 32 bits */
		(uint64_t)-1, (uint64_t)-512, 0x8000000000000001ULL,
	};
	(void)state;

	struct trap_frame f = frame_with_distinct_registers();
	assert_int_equal(NR_SYSCALLS, 512);
	for (size_t i = 0; i < ARRAY_SIZE(numbers); i++)
		if (syscall_invoke(numbers[i], &f) != -ENOSYS)
			fail_msg("syscall_invoke(%#llx) is not -ENOSYS",
				 (unsigned long long)numbers[i]);
	assert_int_equal(calls, 0);
}

/* ---------------------------------------------------------------- syscall_return_path */

#define USER_RFLAGS (RFLAGS_IF | 0x2)     /* bit 1 is always set */

/* What the frame of an ordinary system call from user mode looks like. */
static struct trap_frame
normal_frame(uint64_t rip)
{
	struct trap_frame f = frame_with_distinct_registers();
	f.trapno = TRAP_SYSCALL;
	f.rip = f.rcx = rip;
	f.rflags = f.r11 = USER_RFLAGS;
	f.cs = USER_CS;
	f.ss = USER_DS;
	f.rsp = 0x7ffffffde000;
	return f;
}

static void
test_selectors(void **state)
{
	(void)state;
	/* SYSRET loads exactly these (segment.h; Linux's values). */
	assert_int_equal(USER_CS, 0x33);
	assert_int_equal(USER_DS, 0x2b);
}

static void
test_normal_frame_uses_sysret(void **state)
{
	(void)state;
	struct trap_frame f = normal_frame(0x401234);
	assert_int_equal(syscall_return_path(&f), RETURN_SYSRET);
	assert_int_equal(RETURN_SYSRET, 0);          /* entry.S tests for 0 */

	/* Flags SYSRET restores faithfully from R11 do not matter. */
	f.rflags = f.r11 = USER_RFLAGS | RFLAGS_CF | RFLAGS_DF | RFLAGS_AC | (1UL << 6) | (1UL << 7);
	assert_int_equal(syscall_return_path(&f), RETURN_SYSRET);

	/* The highest canonical user address, and the lowest. */
	f = normal_frame(0x00007fffffffffff);
	assert_int_equal(syscall_return_path(&f), RETURN_SYSRET);
	f = normal_frame(0);
	assert_int_equal(syscall_return_path(&f), RETURN_SYSRET);
}

static void
test_changed_rip_or_rflags_uses_iret(void **state)
{
	(void)state;
	struct trap_frame f = normal_frame(0x401234);
	f.rip = 0x402000;                          /* exec or a signal changed RIP */
	assert_int_equal(syscall_return_path(&f), RETURN_IRET);

	f = normal_frame(0x401234);
	f.rcx = 0x401236;                          /* RCX no longer matches */
	assert_int_equal(syscall_return_path(&f), RETURN_IRET);

	f = normal_frame(0x401234);
	f.rflags = USER_RFLAGS | RFLAGS_CF;         /* RFLAGS changed, R11 not */
	assert_int_equal(syscall_return_path(&f), RETURN_IRET);

	f = normal_frame(0x401234);
	f.r11 = 0x246;                             /* R11 changed, RFLAGS not */
	assert_int_equal(syscall_return_path(&f), RETURN_IRET);
}

static void
test_tf_or_rf_uses_iret(void **state)
{
	(void)state;
	struct trap_frame f = normal_frame(0x401234);
	f.rflags = f.r11 = USER_RFLAGS | RFLAGS_TF;  /* single-stepping */
	assert_int_equal(syscall_return_path(&f), RETURN_IRET);

	f.rflags = f.r11 = USER_RFLAGS | RFLAGS_RF;  /* resume flag */
	assert_int_equal(syscall_return_path(&f), RETURN_IRET);

	f.rflags = f.r11 = USER_RFLAGS | RFLAGS_RF | RFLAGS_TF;
	assert_int_equal(syscall_return_path(&f), RETURN_IRET);
}

static void
test_other_selectors_use_iret(void **state)
{
	static const uint64_t bad_cs[] = { USER32_CS, KERNEL_CS, 0x30, 0x3b, 0 };
	static const uint64_t bad_ss[] = { 0, KERNEL_DS, 0x28, 0x23, USER_CS };
	(void)state;

	for (size_t i = 0; i < ARRAY_SIZE(bad_cs); i++) {
		struct trap_frame f = normal_frame(0x401234);
		f.cs = bad_cs[i];
		if (syscall_return_path(&f) != RETURN_IRET)
			fail_msg("cs %#lx: not RETURN_IRET", (unsigned long)bad_cs[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad_ss); i++) {
		struct trap_frame f = normal_frame(0x401234);
		f.ss = bad_ss[i];
		if (syscall_return_path(&f) != RETURN_IRET)
			fail_msg("ss %#lx: not RETURN_IRET", (unsigned long)bad_ss[i]);
	}
}

static void
test_non_canonical_rip_kills(void **state)
{
	static const uint64_t bad[] = {
		0x0000800000000000,   /* one past the last canonical user address */
		0x0000800000000002,   /* after a 2-byte SYSCALL at the last user byte */
		0xffff7fffffffffff,   /* one below the first canonical kernel address */
		0x00ff000000000000,
		0x8000000000000000,
		0x7fffffffffffffff,
	};
	(void)state;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct trap_frame f = normal_frame(bad[i]);
		if (syscall_return_path(&f) != RETURN_KILL)
			fail_msg("rip %#lx: not RETURN_KILL", (unsigned long)bad[i]);
		/* Also when IRET would otherwise be chosen: IRET faults there too. */
		f.rcx = 0x401000;
		f.rflags |= RFLAGS_TF;
		f.cs = USER32_CS;
		if (syscall_return_path(&f) != RETURN_KILL)
			fail_msg("rip %#lx with an IRET frame: not RETURN_KILL", (unsigned long)bad[i]);
	}
}

static void
test_canonical_kernel_rip_not_killed(void **state)
{
	(void)state;
	/* Canonical: SYSRET to it is safe (the fetch faults in ring 3), so this
	 * function does not refuse it; keeping RIP in the user half is the job
	 * of whoever changes it. */
	struct trap_frame f = normal_frame(0xffff800000000000);
	assert_int_equal(syscall_return_path(&f), RETURN_SYSRET);
	f = normal_frame(0xffffffffffffffff);
	assert_int_equal(syscall_return_path(&f), RETURN_SYSRET);
	f = normal_frame(0xffffffff80100000);
	f.rcx = 0;
	assert_int_equal(syscall_return_path(&f), RETURN_IRET);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_invoke_passes_linux_argument_registers),
		T(test_invoke_returns_handler_result),
		T(test_invoke_hole_is_enosys),
		T(test_invoke_out_of_range_is_enosys),
		T(test_selectors),
		T(test_normal_frame_uses_sysret),
		T(test_changed_rip_or_rflags_uses_iret),
		T(test_tf_or_rf_uses_iret),
		T(test_other_selectors_use_iret),
		T(test_non_canonical_rip_kills),
		T(test_canonical_kernel_rip_not_killed),
	};
	return cmocka_run_group_tests_name("syscall", tests, NULL, NULL);
}
