/*
 * test_sigframe.c - the signal frame's layout (uapi/ucontext.h) and the
 * signal ABI's structures and numbers (uapi/signal.h) against an
 * independent description of the same bytes: the host C library's
 * ucontext_t, mcontext_t, siginfo_t and stack_t (sigframe_host.c), which
 * programs compiled for Linux use to read what the kernel wrote. Plus the
 * numbers of Linux's own struct rt_sigframe, which libc does not describe.
 */
#include <string.h>

#include "host_test.h"

#include "sigframe_host.h"
#include "signals.h"
#include "uapi/ucontext.h"

#define OFF(type, field) offsetof(type, field)
#define MC(field) (OFF(struct ucontext, uc_mcontext) + OFF(struct sigcontext, field))

static void
test_ucontext_matches_libc(void **state)
{
	(void)state;
	const struct host_sigabi *h = &host_sigabi;
	assert_int_equal(OFF(struct ucontext, uc_link), h->ucontext_link);
	assert_int_equal(OFF(struct ucontext, uc_stack), h->ucontext_stack);
	assert_int_equal(OFF(struct ucontext, uc_mcontext), h->ucontext_mcontext);
	/* glibc's uc_sigmask is 128 bytes (its sigset_t); the kernel writes the first 8. */
	assert_int_equal(OFF(struct ucontext, uc_sigmask), h->ucontext_sigmask);
	assert_int_equal(sizeof(struct sigcontext), h->mcontext_size);
	assert_int_equal(OFF(struct sigcontext, fpstate), h->mcontext_fpregs);
}

static void
test_registers_match_libc(void **state)
{
	(void)state;
	const struct host_sigabi *h = &host_sigabi;
	const size_t ours[HOST_NGREG] = {
		[HOST_REG_R8] = OFF(struct sigcontext, r8), [HOST_REG_R9] = OFF(struct sigcontext, r9),
		[HOST_REG_R10] = OFF(struct sigcontext, r10), [HOST_REG_R11] = OFF(struct sigcontext, r11),
		[HOST_REG_R12] = OFF(struct sigcontext, r12), [HOST_REG_R13] = OFF(struct sigcontext, r13),
		[HOST_REG_R14] = OFF(struct sigcontext, r14), [HOST_REG_R15] = OFF(struct sigcontext, r15),
		[HOST_REG_RDI] = OFF(struct sigcontext, rdi), [HOST_REG_RSI] = OFF(struct sigcontext, rsi),
		[HOST_REG_RBP] = OFF(struct sigcontext, rbp), [HOST_REG_RBX] = OFF(struct sigcontext, rbx),
		[HOST_REG_RDX] = OFF(struct sigcontext, rdx), [HOST_REG_RAX] = OFF(struct sigcontext, rax),
		[HOST_REG_RCX] = OFF(struct sigcontext, rcx), [HOST_REG_RSP] = OFF(struct sigcontext, rsp),
		[HOST_REG_RIP] = OFF(struct sigcontext, rip), [HOST_REG_EFL] = OFF(struct sigcontext, eflags),
		/* glibc's REG_CSGSFS is one word holding cs, gs, fs, ss (16 bits each). */
		[HOST_REG_CSGSFS] = OFF(struct sigcontext, cs),
		[HOST_REG_ERR] = OFF(struct sigcontext, err), [HOST_REG_TRAPNO] = OFF(struct sigcontext, trapno),
		[HOST_REG_OLDMASK] = OFF(struct sigcontext, oldmask), [HOST_REG_CR2] = OFF(struct sigcontext, cr2),
	};
	for (int i = 0; i < HOST_NGREG; i++)
		if (ours[i] != h->gregs[i])
			fail_msg("gregs[%d]: kernel offset %zu, libc's %zu", i, ours[i], h->gregs[i]);
	assert_int_equal(OFF(struct sigcontext, gs), OFF(struct sigcontext, cs) + 2);
	assert_int_equal(OFF(struct sigcontext, fs), OFF(struct sigcontext, cs) + 4);
	assert_int_equal(OFF(struct sigcontext, ss), OFF(struct sigcontext, cs) + 6);
}

static void
test_fpstate_is_fxsave(void **state)
{
	(void)state;
	/* The image fpstate points to is FXSAVE's: libc reads MXCSR and XMM there. */
	assert_int_equal(host_sigabi.fpstate_size, FXSAVE_SIZE);
	assert_int_equal(host_sigabi.fpstate_mxcsr, 24);
	assert_int_equal(host_sigabi.fpstate_xmm, 160);
}

static void
test_siginfo_matches_libc(void **state)
{
	(void)state;
	const struct host_sigabi *h = &host_sigabi;
	assert_int_equal(sizeof(struct siginfo), h->siginfo_size);
	assert_int_equal(OFF(struct siginfo, si_signo), h->siginfo_signo);
	assert_int_equal(OFF(struct siginfo, si_errno), h->siginfo_errno);
	assert_int_equal(OFF(struct siginfo, si_code), h->siginfo_code);
	assert_int_equal(OFF(struct siginfo, kill.pid), h->siginfo_pid);
	assert_int_equal(OFF(struct siginfo, kill.uid), h->siginfo_uid);
	assert_int_equal(OFF(struct siginfo, kill.value), h->siginfo_value);
	assert_int_equal(OFF(struct siginfo, chld.pid), h->siginfo_pid);
	assert_int_equal(OFF(struct siginfo, chld.status), h->siginfo_status);
	assert_int_equal(OFF(struct siginfo, chld.utime), h->siginfo_utime);
	assert_int_equal(OFF(struct siginfo, chld.stime), h->siginfo_stime);
	assert_int_equal(OFF(struct siginfo, fault.addr), h->siginfo_addr);
}

static void
test_stack_t_matches_libc(void **state)
{
	(void)state;
	const struct host_sigabi *h = &host_sigabi;
	assert_int_equal(sizeof(struct sigaltstack), h->stack_size);
	assert_int_equal(OFF(struct sigaltstack, ss_sp), h->stack_sp);
	assert_int_equal(OFF(struct sigaltstack, ss_flags), h->stack_flags);
	assert_int_equal(OFF(struct sigaltstack, ss_size), h->stack_size_field);
}

static long
ours(const char *name)
{
	static const struct host_const table[] = {
#define KERNEL_CONST(name) { #name, name },
		SIGNAL_ABI_CONSTANTS(KERNEL_CONST)
#undef KERNEL_CONST
		{ "SIGRTMIN (kernel's)", SIGRTMIN }, { "NSIG - 1", NSIG },
	};
	for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].name, name) == 0)
			return table[i].value;
	fail_msg("no kernel constant %s", name);
	return -1;
}

static void
test_constants_match_libc(void **state)
{
	(void)state;
	int n = 0;
	for (const struct host_const *c = host_sigabi.consts; c->name != NULL; c++, n++)
		if (ours(c->name) != c->value)
			fail_msg("%s: kernel %ld, libc %ld", c->name, ours(c->name), c->value);
	assert_int_equal(n, 36);
}

static void
test_rt_sigframe_is_linux(void **state)
{
	(void)state;
	/* arch/x86/include/asm/sigframe.h, 64-bit: pretcode, uc, info; 440 bytes. */
	assert_int_equal(OFF(struct rt_sigframe, pretcode), 0);
	assert_int_equal(OFF(struct rt_sigframe, uc), 8);
	assert_int_equal(OFF(struct rt_sigframe, info), 8 + sizeof(struct ucontext));
	assert_int_equal(sizeof(struct rt_sigframe), 440);
	/* rt_sigreturn finds the mask at RSP + 296 (RSP = frame + 8 after `ret`);
	 * strace reads it there too. */
	assert_int_equal(OFF(struct rt_sigframe, uc.uc_sigmask) - 8, 296);
	assert_int_equal(MC(rip), 40 + 128);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ucontext_matches_libc),
		cmocka_unit_test(test_registers_match_libc),
		cmocka_unit_test(test_fpstate_is_fxsave),
		cmocka_unit_test(test_siginfo_matches_libc),
		cmocka_unit_test(test_stack_t_matches_libc),
		cmocka_unit_test(test_constants_match_libc),
		cmocka_unit_test(test_rt_sigframe_is_linux),
	};
	return cmocka_run_group_tests_name("sigframe", tests, NULL, NULL);
}
