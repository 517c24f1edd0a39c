/*
 * test_sigset.c - kernel/proc/sigset.c and the wait-status encoders of
 * signals.h: default actions, which pending signal goes next, the blocked
 * mask of rt_sigprocmask, and how wait4() reports a child's end, stop and
 * continuation (checked against the host C library's own decoding macros).
 */
#include "host_test.h"

#include "signals.h"
#include "uapi/errno.h"

/* sigset_wait.c: <sys/wait.h>'s macros. */
int host_wifexited(int s);
int host_wexitstatus(int s);
int host_wifsignaled(int s);
int host_wtermsig(int s);
int host_wifstopped(int s);
int host_wstopsig(int s);
int host_wifcontinued(int s);

#define ALL_SIGNALS (~(sigset_t)0)

/* ---------------------------------------------------------------- sig_default_action */

static void
test_numbering_is_linux(void **state)
{
	(void)state;
	/* The x86-64 numbers the table below relies on. */
	assert_int_equal(SIGKILL, 9);
	assert_int_equal(SIGCHLD, 17);
	assert_int_equal(SIGCONT, 18);
	assert_int_equal(SIGSTOP, 19);
	assert_int_equal(SIGTSTP, 20);
	assert_int_equal(SIGTTIN, 21);
	assert_int_equal(SIGTTOU, 22);
	assert_int_equal(SIGURG, 23);
	assert_int_equal(SIGWINCH, 28);
	assert_int_equal(SIGRTMIN, 32);
	assert_int_equal(NSIG, 64);
	assert_int_equal(sig_bit(1), 1);
	assert_int_equal(sig_bit(64), 1ULL << 63);
	assert_false(sig_valid(0));
	assert_true(sig_valid(1));
	assert_true(sig_valid(64));
	assert_false(sig_valid(65));
	assert_false(sig_valid(-1));
}

static void
test_default_actions_match_linux(void **state)
{
	(void)state;
	/* man 7 signal; "Core" counts as terminate. Written out per signal. */
	static const enum sig_action linux_table[65] = {
		[1] = SIGACT_TERMINATE,  /* SIGHUP */
		[2] = SIGACT_TERMINATE,  /* SIGINT */
		[3] = SIGACT_TERMINATE,  /* SIGQUIT (core) */
		[4] = SIGACT_TERMINATE,  /* SIGILL (core) */
		[5] = SIGACT_TERMINATE,  /* SIGTRAP (core) */
		[6] = SIGACT_TERMINATE,  /* SIGABRT (core) */
		[7] = SIGACT_TERMINATE,  /* SIGBUS (core) */
		[8] = SIGACT_TERMINATE,  /* SIGFPE (core) */
		[9] = SIGACT_TERMINATE,  /* SIGKILL */
		[10] = SIGACT_TERMINATE, /* SIGUSR1 */
		[11] = SIGACT_TERMINATE, /* SIGSEGV (core) */
		[12] = SIGACT_TERMINATE, /* SIGUSR2 */
		[13] = SIGACT_TERMINATE, /* SIGPIPE */
		[14] = SIGACT_TERMINATE, /* SIGALRM */
		[15] = SIGACT_TERMINATE, /* SIGTERM */
		[16] = SIGACT_TERMINATE, /* SIGSTKFLT */
		[17] = SIGACT_IGNORE,    /* SIGCHLD */
		[18] = SIGACT_CONTINUE,  /* SIGCONT */
		[19] = SIGACT_STOP,      /* SIGSTOP */
		[20] = SIGACT_STOP,      /* SIGTSTP */
		[21] = SIGACT_STOP,      /* SIGTTIN */
		[22] = SIGACT_STOP,      /* SIGTTOU */
		[23] = SIGACT_IGNORE,    /* SIGURG */
		[24] = SIGACT_TERMINATE, /* SIGXCPU (core) */
		[25] = SIGACT_TERMINATE, /* SIGXFSZ (core) */
		[26] = SIGACT_TERMINATE, /* SIGVTALRM */
		[27] = SIGACT_TERMINATE, /* SIGPROF */
		[28] = SIGACT_IGNORE,    /* SIGWINCH */
		[29] = SIGACT_TERMINATE, /* SIGIO */
		[30] = SIGACT_TERMINATE, /* SIGPWR */
		[31] = SIGACT_TERMINATE, /* SIGSYS (core) */
		/* 32..64: real-time signals, all terminate (SIGACT_TERMINATE is 0). */
	};
	assert_int_equal(SIGACT_TERMINATE, 0);
	for (int sig = 1; sig <= 64; sig++)
		if (sig_default_action(sig) != linux_table[sig])
			fail_msg("signal %d: default action %d, Linux's is %d", sig,
				 sig_default_action(sig), linux_table[sig]);
}

/* ---------------------------------------------------------------- sig_next_deliverable */

static int
next(sigset_t pending, sigset_t blocked)
{
	struct signal_state s = { .pending = pending, .blocked = blocked };
	return sig_next_deliverable(&s);
}

static void
test_next_none_pending(void **state)
{
	(void)state;
	assert_int_equal(next(0, 0), 0);
	assert_int_equal(next(0, ALL_SIGNALS), 0);
}

static void
test_next_lowest_first(void **state)
{
	(void)state;
	assert_int_equal(next(sig_bit(SIGTERM), 0), SIGTERM);
	assert_int_equal(next(sig_bit(SIGTERM) | sig_bit(SIGINT) | sig_bit(40), 0), SIGINT);
	assert_int_equal(next(sig_bit(1) | sig_bit(64), 0), 1);
	assert_int_equal(next(sig_bit(64), 0), 64);
	assert_int_equal(next(sig_bit(SIGRTMIN), 0), SIGRTMIN);
	assert_int_equal(next(ALL_SIGNALS, 0), 1);
	/* Each signal alone. */
	for (int sig = 1; sig <= 64; sig++)
		assert_int_equal(next(sig_bit(sig), 0), sig);
}

static void
test_next_blocked_held_back(void **state)
{
	(void)state;
	assert_int_equal(next(sig_bit(SIGINT), sig_bit(SIGINT)), 0);
	assert_int_equal(next(sig_bit(SIGINT) | sig_bit(SIGTERM), sig_bit(SIGINT)), SIGTERM);
	assert_int_equal(next(sig_bit(SIGUSR1) | sig_bit(64), ~sig_bit(64)), 64);
	/* Blocking a signal that is not pending changes nothing. */
	assert_int_equal(next(sig_bit(SIGHUP), sig_bit(SIGINT)), SIGHUP);
	/* Everything pending, everything but one blocked: that one. */
	for (int sig = 1; sig <= 64; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			assert_int_equal(next(ALL_SIGNALS & ~sig_bit(SIGKILL) & ~sig_bit(SIGSTOP),
					      ~sig_bit(sig)), sig);
	/* The blocked signal stays pending: only the mask is consulted. */
	struct signal_state s = { .pending = sig_bit(SIGINT), .blocked = sig_bit(SIGINT) };
	assert_int_equal(sig_next_deliverable(&s), 0);
	assert_int_equal(s.pending, sig_bit(SIGINT));
	assert_int_equal(s.blocked, sig_bit(SIGINT));
}

static void
test_next_kill_and_stop_unblockable(void **state)
{
	(void)state;
	/* A mask with SIGKILL/SIGSTOP set (which sig_change_mask never leaves)
	 * still cannot hold them back. */
	assert_int_equal(next(sig_bit(SIGKILL), ALL_SIGNALS), SIGKILL);
	assert_int_equal(next(sig_bit(SIGSTOP), ALL_SIGNALS), SIGSTOP);
	assert_int_equal(next(sig_bit(SIGKILL) | sig_bit(SIGSTOP), ALL_SIGNALS), SIGKILL);
	assert_int_equal(next(sig_bit(SIGSTOP) | sig_bit(SIGINT), ALL_SIGNALS), SIGSTOP);
	assert_int_equal(next(sig_bit(SIGSTOP) | sig_bit(SIGINT), 0), SIGINT);
	assert_int_equal(next(ALL_SIGNALS, ALL_SIGNALS), SIGKILL);
	assert_int_equal(SIG_UNBLOCKABLE, sig_bit(SIGKILL) | sig_bit(SIGSTOP));
}

static void
test_next_ignores_ignored_mask(void **state)
{
	(void)state;
	/* An ignored signal is still "delivered" (the action is to drop it). */
	struct signal_state s = { .pending = sig_bit(SIGUSR1), .ignored = sig_bit(SIGUSR1) };
	assert_int_equal(sig_next_deliverable(&s), SIGUSR1);
}

/* ---------------------------------------------------------------- sig_change_mask */

static void
test_mask_block(void **state)
{
	(void)state;
	sigset_t m = sig_bit(SIGINT);
	assert_int_equal(sig_change_mask(&m, SIG_BLOCK, sig_bit(SIGTERM) | sig_bit(40)), 0);
	assert_int_equal(m, sig_bit(SIGINT) | sig_bit(SIGTERM) | sig_bit(40));
	assert_int_equal(sig_change_mask(&m, SIG_BLOCK, 0), 0);
	assert_int_equal(m, sig_bit(SIGINT) | sig_bit(SIGTERM) | sig_bit(40));
	assert_int_equal(sig_change_mask(&m, SIG_BLOCK, ALL_SIGNALS), 0);
	assert_int_equal(m, ALL_SIGNALS & ~SIG_UNBLOCKABLE);
}

static void
test_mask_unblock(void **state)
{
	(void)state;
	sigset_t m = sig_bit(SIGINT) | sig_bit(SIGTERM) | sig_bit(64);
	assert_int_equal(sig_change_mask(&m, SIG_UNBLOCK, sig_bit(SIGTERM) | sig_bit(SIGHUP)), 0);
	assert_int_equal(m, sig_bit(SIGINT) | sig_bit(64));
	assert_int_equal(sig_change_mask(&m, SIG_UNBLOCK, ALL_SIGNALS), 0);
	assert_int_equal(m, 0);
}

static void
test_mask_setmask(void **state)
{
	(void)state;
	sigset_t m = sig_bit(SIGINT) | sig_bit(SIGTERM);
	assert_int_equal(sig_change_mask(&m, SIG_SETMASK, sig_bit(SIGUSR2) | sig_bit(33)), 0);
	assert_int_equal(m, sig_bit(SIGUSR2) | sig_bit(33));
	assert_int_equal(sig_change_mask(&m, SIG_SETMASK, 0), 0);
	assert_int_equal(m, 0);
}

static void
test_mask_kill_and_stop_always_removed(void **state)
{
	(void)state;
	sigset_t m = 0;
	assert_int_equal(sig_change_mask(&m, SIG_BLOCK, sig_bit(SIGKILL) | sig_bit(SIGINT)), 0);
	assert_int_equal(m, sig_bit(SIGINT));
	assert_int_equal(sig_change_mask(&m, SIG_SETMASK, ALL_SIGNALS), 0);
	assert_int_equal(m, ALL_SIGNALS & ~sig_bit(SIGKILL) & ~sig_bit(SIGSTOP));
	/* Even if they were in the mask before, any valid change drops them. */
	m = sig_bit(SIGKILL) | sig_bit(SIGSTOP) | sig_bit(SIGINT);
	assert_int_equal(sig_change_mask(&m, SIG_UNBLOCK, sig_bit(SIGHUP)), 0);
	assert_int_equal(m, sig_bit(SIGINT));
	m = sig_bit(SIGSTOP);
	assert_int_equal(sig_change_mask(&m, SIG_BLOCK, 0), 0);
	assert_int_equal(m, 0);
}

static void
test_mask_invalid_how(void **state)
{
	static const int bad[] = { 3, 4, -1, 100, 0x7fffffff, (int)0x80000000 };
	(void)state;

	assert_int_equal(SIG_BLOCK, 0);
	assert_int_equal(SIG_UNBLOCK, 1);
	assert_int_equal(SIG_SETMASK, 2);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		sigset_t m = sig_bit(SIGINT) | sig_bit(SIGKILL);
		assert_int_equal(sig_change_mask(&m, bad[i], sig_bit(SIGTERM)), -EINVAL);
		/* Untouched, not even "cleaned" of SIGKILL. */
		assert_int_equal(m, sig_bit(SIGINT) | sig_bit(SIGKILL));
	}
}

/* ---------------------------------------------------------------- wait statuses */

static void
test_wstatus_exited(void **state)
{
	(void)state;
	assert_int_equal(wstatus_exited(0), 0);
	assert_int_equal(wstatus_exited(3), 0x300);
	for (int code = 0; code < 256; code++) {
		int s = wstatus_exited(code);
		if (!host_wifexited(s) || host_wexitstatus(s) != code || host_wifsignaled(s) ||
		    host_wifstopped(s) || host_wifcontinued(s))
			fail_msg("exit code %d: status %#x decodes wrongly", code, s);
	}
	/* Like exit(2): only the low 8 bits of the code. */
	assert_int_equal(host_wexitstatus(wstatus_exited(256)), 0);
	assert_int_equal(host_wexitstatus(wstatus_exited(257)), 1);
	assert_int_equal(host_wexitstatus(wstatus_exited(-1)), 255);
	assert_true(host_wifexited(wstatus_exited(-1)));
}

static void
test_wstatus_signaled(void **state)
{
	(void)state;
	assert_int_equal(wstatus_signaled(SIGKILL), 9);
	for (int sig = 1; sig <= 64; sig++) {
		int s = wstatus_signaled(sig);
		if (!host_wifsignaled(s) || host_wtermsig(s) != sig || host_wifexited(s) ||
		    host_wifstopped(s) || host_wifcontinued(s))
			fail_msg("killed by signal %d: status %#x decodes wrongly", sig, s);
	}
}

static void
test_wstatus_stopped(void **state)
{
	(void)state;
	assert_int_equal(wstatus_stopped(SIGSTOP), 0x137f);
	for (int sig = 1; sig <= 64; sig++) {
		int s = wstatus_stopped(sig);
		if (!host_wifstopped(s) || host_wstopsig(s) != sig || host_wifexited(s) ||
		    host_wifsignaled(s) || host_wifcontinued(s))
			fail_msg("stopped by signal %d: status %#x decodes wrongly", sig, s);
	}
}

static void
test_wstatus_continued(void **state)
{
	(void)state;
	assert_int_equal(WSTATUS_CONTINUED, 0xffff);
	assert_true(host_wifcontinued(WSTATUS_CONTINUED));
	assert_false(host_wifexited(WSTATUS_CONTINUED));
	assert_false(host_wifsignaled(WSTATUS_CONTINUED));
	assert_false(host_wifstopped(WSTATUS_CONTINUED));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbering_is_linux),
		cmocka_unit_test(test_default_actions_match_linux),
		cmocka_unit_test(test_next_none_pending),
		cmocka_unit_test(test_next_lowest_first),
		cmocka_unit_test(test_next_blocked_held_back),
		cmocka_unit_test(test_next_kill_and_stop_unblockable),
		cmocka_unit_test(test_next_ignores_ignored_mask),
		cmocka_unit_test(test_mask_block),
		cmocka_unit_test(test_mask_unblock),
		cmocka_unit_test(test_mask_setmask),
		cmocka_unit_test(test_mask_kill_and_stop_always_removed),
		cmocka_unit_test(test_mask_invalid_how),
		cmocka_unit_test(test_wstatus_exited),
		cmocka_unit_test(test_wstatus_signaled),
		cmocka_unit_test(test_wstatus_stopped),
		cmocka_unit_test(test_wstatus_continued),
	};
	return cmocka_run_group_tests_name("sigset", tests, NULL, NULL);
}
