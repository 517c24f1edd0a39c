/*
 * test_sigset.c - kernel/proc/sigset.c and the wait-status encoders of
 * signals.h: default actions, which pending signal goes next, the blocked
 * mask of rt_sigprocmask, how wait4() reports a child's end, stop and
 * continuation (checked against the host C library's own decoding macros),
 * which interrupted system calls restart, where a signal frame goes on the
 * stack, and which RFLAGS bits rt_sigreturn lets a program choose.
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
	return sig_next_deliverable(pending, blocked);
}

#define SYNC_SIGNALS (sig_bit(SIGILL) | sig_bit(SIGTRAP) | sig_bit(SIGBUS) | sig_bit(SIGFPE) | \
		      sig_bit(SIGSEGV) | sig_bit(SIGSYS))

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
	assert_int_equal(next(ALL_SIGNALS & ~SYNC_SIGNALS, 0), 1);
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
}

static void
test_next_faults_first(void **state)
{
	(void)state;
	/* A fault's signal goes before any other, whatever its number (Linux's
	 * SYNCHRONOUS_MASK): SIGSEGV (11) before SIGINT (2) and SIGHUP (1). */
	assert_int_equal(next(sig_bit(SIGHUP) | sig_bit(SIGINT) | sig_bit(SIGSEGV), 0), SIGSEGV);
	assert_int_equal(next(sig_bit(SIGALRM) | sig_bit(SIGFPE), 0), SIGFPE);
	assert_int_equal(next(ALL_SIGNALS, 0), SIGILL);          /* the lowest fault signal */
	assert_int_equal(next(sig_bit(SIGSYS) | sig_bit(SIGKILL), 0), SIGSYS);
	/* ... unless blocked: then the others go in number order. */
	assert_int_equal(next(sig_bit(SIGINT) | sig_bit(SIGSEGV), sig_bit(SIGSEGV)), SIGINT);
	assert_int_equal(SIG_SYNCHRONOUS, SYNC_SIGNALS);
	assert_int_equal(sig_pick(0), 0);
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

/* ---------------------------------------------------------------- restarting */

static void
test_restart_table(void **state)
{
	(void)state;
	/* Linux's table, row by row (arch/x86/kernel/signal.c). */
	assert_int_equal(sig_restart_action(-ERESTARTSYS, false, 0), RESTART_AGAIN);
	assert_int_equal(sig_restart_action(-ERESTARTSYS, true, 0), RESTART_EINTR);
	assert_int_equal(sig_restart_action(-ERESTARTSYS, true, SA_RESTART), RESTART_AGAIN);
	assert_int_equal(sig_restart_action(-ERESTARTSYS, true, ~(uint64_t)SA_RESTART), RESTART_EINTR);
	assert_int_equal(sig_restart_action(-ERESTARTNOINTR, false, 0), RESTART_AGAIN);
	assert_int_equal(sig_restart_action(-ERESTARTNOINTR, true, 0), RESTART_AGAIN);
	assert_int_equal(sig_restart_action(-ERESTARTNOHAND, false, 0), RESTART_AGAIN);
	assert_int_equal(sig_restart_action(-ERESTARTNOHAND, true, SA_RESTART), RESTART_EINTR);
	assert_int_equal(sig_restart_action(-ERESTART_RESTARTBLOCK, false, 0), RESTART_BLOCK);
	assert_int_equal(sig_restart_action(-ERESTART_RESTARTBLOCK, true, SA_RESTART), RESTART_EINTR);
	/* Linux's numbers: strace prints them by name. */
	assert_int_equal(ERESTARTSYS, 512);
	assert_int_equal(ERESTARTNOINTR, 513);
	assert_int_equal(ERESTARTNOHAND, 514);
	assert_int_equal(ERESTART_RESTARTBLOCK, 516);
}

static void
test_restart_only_restart_codes(void **state)
{
	(void)state;
	/* Any other result - success, a real error, -515 (ENOIOCTLCMD, unused
	 * here), positive values that look like the codes - is left alone. */
	long others[] = { 0, 1, 512, 513, 514, 516, -1, -EINTR, -EAGAIN, -ENOSYS, -511, -515, -517,
			  -4095, 0x7fffffffffffffffL, -0x7fffffffffffffffL - 1 };
	for (unsigned i = 0; i < sizeof others / sizeof others[0]; i++) {
		assert_int_equal(sig_restart_action(others[i], false, 0), RESTART_NONE);
		assert_int_equal(sig_restart_action(others[i], true, SA_RESTART), RESTART_NONE);
	}
}

/* ---------------------------------------------------------------- the frame's place */

static void
test_altstack_bounds(void **state)
{
	(void)state;
	/* [0x10000, 0x12000): the top counts (nothing pushed yet), the bottom does not. */
	assert_true(sig_on_altstack(0x12000, 0x10000, 0x2000));
	assert_true(sig_on_altstack(0x10001, 0x10000, 0x2000));
	assert_true(sig_on_altstack(0x11000, 0x10000, 0x2000));
	assert_false(sig_on_altstack(0x10000, 0x10000, 0x2000));
	assert_false(sig_on_altstack(0x12001, 0x10000, 0x2000));
	assert_false(sig_on_altstack(0x0ffff, 0x10000, 0x2000));
	assert_false(sig_on_altstack(0x11000, 0x10000, 0));       /* disabled */
	assert_false(sig_on_altstack(0x11000, 0, 0));
}

static void
test_frame_on_stack(void **state)
{
	(void)state;
	uint64_t fp, rsp = 0x7ffffffde000;
	uint64_t frame = sig_frame_address(rsp, false, 0, 0, &fp);

	/* The red zone is skipped, the FXSAVE image is 64-byte aligned below it,
	 * and the frame below that ends 8 bytes short of a 16-byte boundary: the
	 * handler starts as if called (RSP + 8 aligned). */
	assert_true(fp + 512 <= rsp - 128);
	assert_int_equal(fp % 64, 0);
	assert_true(frame + 440 <= fp);
	assert_int_equal((frame + 8) % 16, 0);
	/* Linux's exact numbers for this RSP: fpstate = round_down(rsp - 128 - 512, 64),
	 * frame = round_down(fpstate - 440, 16) - 8. */
	assert_int_equal(fp, 0x7ffffffddd80);
	assert_int_equal(frame, 0x7ffffffddd80 - 440 - 8 - 8);
	/* SA_ONSTACK without an alternate stack: the normal stack. */
	assert_int_equal(sig_frame_address(rsp, true, 0, 0, &fp), frame);
}

static void
test_frame_alignment_everywhere(void **state)
{
	(void)state;
	/* Whatever the interrupted RSP (even misaligned), the same guarantees. */
	for (uint64_t rsp = 0x7fff00001000; rsp < 0x7fff00001000 + 256; rsp++) {
		uint64_t fp, frame = sig_frame_address(rsp, false, 0, 0, &fp);
		if (fp % 64 != 0 || (frame + 8) % 16 != 0 || fp + 512 > rsp - 128 ||
		    frame + 440 > fp || rsp - frame > 128 + 512 + 63 + 440 + 15 + 8)
			fail_msg("rsp %#lx: frame %#lx, fpstate %#lx", rsp, frame, fp);
	}
}

static void
test_frame_on_altstack(void **state)
{
	(void)state;
	uint64_t fp, ss = 0x500000, size = 0x4000;
	/* From the normal stack with SA_ONSTACK: at the top of the alternate stack. */
	uint64_t frame = sig_frame_address(0x7ffffffde000, true, ss, size, &fp);
	assert_int_equal(fp, ss + size - 512);
	assert_true(frame > ss && frame + 440 <= fp);
	/* Without SA_ONSTACK: the alternate stack is not used. */
	assert_true(sig_frame_address(0x7ffffffde000, false, ss, size, &fp) > 0x7fff00000000);
	/* A nested signal while on the alternate stack: further down on it. */
	uint64_t nested = sig_frame_address(frame, true, ss, size, &fp);
	assert_true(nested < frame && nested > ss);
	assert_true(fp + 512 <= frame - 128);
	/* ... even for a handler without SA_ONSTACK: we are on it already. */
	assert_true(sig_frame_address(frame, false, ss, size, &fp) > ss);
}

static void
test_frame_altstack_overflow(void **state)
{
	(void)state;
	uint64_t fp, ss = 0x500000, size = 0x1000;
	/* 600 bytes left on the alternate stack: no room for 512 + 440 + red zone. */
	assert_int_equal(sig_frame_address(ss + 600, true, ss, size, &fp), 0);
	assert_int_equal(sig_frame_address(ss + 600, false, ss, size, &fp), 0);
	/* Just enough room: accepted. */
	uint64_t top = ss + size;
	uint64_t frame = sig_frame_address(top, true, ss, size, &fp);
	assert_true(frame > ss);
	/* Switching to a stack too small for one frame: refused too, as Linux 6.1
	 * does (MINSIGSTKSZ exists for this, but the size set may be any). */
	assert_int_equal(sig_frame_address(0x7ffffffde000, true, ss, 512, &fp), 0);
}

/* AT_MINSIGSTKSZ is the most a frame takes: an alternate stack of that
 * size holds one, whatever the alignment of its top; 16 bytes less may not. */
static void
test_frame_max_size_is_tight(void **state)
{
	(void)state;
	uint64_t fp, most = 0, max = sig_frame_max_size();
	assert_int_equal(max % 16, 0);
	for (uint64_t top = 0x501000; top < 0x501000 + 128; top++) {
		uint64_t frame = sig_frame_address(0x7ffffffde000, true, top - max, max, &fp);
		if (frame == 0 || frame < top - max)
			fail_msg("top %#lx: no room in %lu bytes", top, max);
		if (top - frame > most)
			most = top - frame;
	}
	assert_true(most > max - 16 && most <= max);
	/* A smaller stack fails for some alignment (and then with 0: SIGSEGV). */
	int refused = 0;
	for (uint64_t top = 0x501000; top < 0x501000 + 128; top++)
		refused += sig_frame_address(0x7ffffffde000, true, top - (max - 16), max - 16, &fp) == 0;
	assert_true(refused > 0);
}

static void
test_rflags_user_may_change(void **state)
{
	(void)state;
	uint64_t kernel_view = 0x202;            /* IF set, bit 1 set */
	/* The arithmetic flags, TF, DF, AC, RF come from the frame ... */
	assert_int_equal(sig_restored_rflags(kernel_view, 0x50dd5), 0x202 | 0x50dd5);
	/* ... IF, IOPL, NT, VM, VIF, ID never do: a program cannot turn interrupts off
	 * or give itself I/O ports by editing its signal frame. */
	assert_int_equal(sig_restored_rflags(kernel_view, 0), 0x202);
	assert_int_equal(sig_restored_rflags(kernel_view, 0x3000), 0x202);      /* IOPL 3 */
	assert_int_equal(sig_restored_rflags(kernel_view, 0x4000), 0x202);      /* NT */
	assert_int_equal(sig_restored_rflags(kernel_view, 0x20000), 0x202);     /* VM */
	assert_int_equal(sig_restored_rflags(kernel_view, 0x280000), 0x202);    /* VIF, VIP */
	assert_int_equal(sig_restored_rflags(kernel_view, ~0UL), 0x202 | RFLAGS_USER_CHANGEABLE);
	assert_int_equal(RFLAGS_USER_CHANGEABLE, 0x50dd5);   /* Linux's FIX_EFLAGS */
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
		cmocka_unit_test(test_next_faults_first),
		cmocka_unit_test(test_restart_table),
		cmocka_unit_test(test_restart_only_restart_codes),
		cmocka_unit_test(test_altstack_bounds),
		cmocka_unit_test(test_frame_on_stack),
		cmocka_unit_test(test_frame_alignment_everywhere),
		cmocka_unit_test(test_frame_on_altstack),
		cmocka_unit_test(test_frame_altstack_overflow),
		cmocka_unit_test(test_frame_max_size_is_tight),
		cmocka_unit_test(test_rflags_user_may_change),
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
