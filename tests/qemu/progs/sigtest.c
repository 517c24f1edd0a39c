/*
 * sigtest.c - signal handlers, checked from user space: delivery and the
 * frame, masks, restarting interrupted calls, the alternate stack, faults
 * turned into signals a program can survive, interval timers, and every
 * error rule - bad pointers, bad numbers, forged sigreturn frames, a
 * handler whose stack is gone. The kernel must carry on through all of it
 * (this runs as init: if the kernel broke, nothing would report).
 *
 *   sigtest          every test
 *   sigtest exact    the same, with exact timing checks (QEMU -icount)
 *   sigtest NAME     one test
 */
#include "testing.h"
#include "uapi/ucontext.h"

static int exact_timing;

#define BIT(sig) (1UL << ((sig) - 1))

/* A child that sends sig to us after ms milliseconds. */
static pid_t
send_later(int sig, unsigned ms)
{
	pid_t parent = getpid(), pid = fork();
	if (pid == 0) {
		sleep_ms(ms);
		kill(parent, sig);
		_exit(0);
	}
	return pid;
}

static uint64_t
current_mask(void)
{
	uint64_t m;
	sigprocmask(SIG_SETMASK, NULL, &m);
	return m;
}

static void
set_mask(uint64_t m)
{
	sigprocmask(SIG_SETMASK, &m, NULL);
}

static void
default_action(int sig)
{
	struct kernel_sigaction dfl = { .handler = SIG_DFL };
	sigaction_raw(sig, &dfl, NULL);
}

/* What the last handler saw. */
static volatile int got_sig, got_code, got_pid, got_count;
static volatile uint64_t got_addr, got_mask, got_sp;
static volatile uint64_t got_value;

static void
record(int sig, struct siginfo *si, void *uc)
{
	(void)uc;
	int local;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->kill.pid;
	got_addr = si->fault.addr;
	got_mask = current_mask();
	got_sp = (uint64_t)&local;
	got_count++;
}

static void
forget(void)
{
	got_sig = got_code = got_pid = got_count = 0;
	got_addr = got_mask = got_sp = got_value = 0;
}

/* ---------------------------------------------------------------- delivery */

static int
test_handler_runs(void)
{
	int ok = 1;

	forget();
	EXPECT_EQ(signal_handle(SIGUSR1, record, 0, BIT(SIGUSR2)), 0);
	EXPECT_EQ(kill(getpid(), SIGUSR1), 0);       /* delivered on kill's way back */
	EXPECT_EQ(got_sig, SIGUSR1);
	EXPECT_EQ(got_code, SI_USER);
	EXPECT_EQ(got_pid, getpid());
	EXPECT_EQ(got_mask, BIT(SIGUSR1) | BIT(SIGUSR2));   /* itself and sa_mask, meanwhile */
	EXPECT_EQ(current_mask(), 0);                       /* and not after */
	forget();
	EXPECT_EQ(tgkill(getpid(), gettid(), SIGUSR1), 0);
	EXPECT_EQ(got_code, SI_TKILL);
	EXPECT_EQ(got_pid, getpid());
	forget();
	EXPECT_EQ(raw_syscall2(__NR_tkill, gettid(), SIGUSR1), 0);
	EXPECT_EQ(got_code, SI_TKILL);
	/* Real-time signals have handlers too. */
	forget();
	EXPECT_EQ(signal_handle(40, record, 0, 0), 0);
	EXPECT_EQ(kill(getpid(), 40), 0);
	EXPECT_EQ(got_sig, 40);
	default_action(40);
	default_action(SIGUSR1);
	return ok;
}

/* Clobber every register a C function may leave changed, and more. */
static void
clobber_all(int sig, struct siginfo *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	__asm__ volatile("mov $-1, %%rax; mov $-1, %%rcx; mov $-1, %%rdx; mov $-1, %%rsi;"
			 "mov $-1, %%rdi; mov $-1, %%r8; mov $-1, %%r9; mov $-1, %%r10;"
			 "mov $-1, %%r11; pcmpeqd %%xmm0, %%xmm0; pcmpeqd %%xmm5, %%xmm5;"
			 "pcmpeqd %%xmm15, %%xmm15"
			 : : : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
			   "xmm0", "xmm5", "xmm15", "memory");
	got_count++;
}

static int
test_registers_survive(void)
{
	int ok = 1;
	uint64_t out[8];

	forget();
	signal_handle(SIGUSR2, clobber_all, 0, 0);
	/* The handler runs between kill's return and the next instruction: every
	 * register must be as kill left it (RCX and R11 are the syscall's). */
	__asm__ volatile(
		"mov $0x1111111111111111, %%r8\n\t"
		"mov $0x2222222222222222, %%r9\n\t"
		"mov $0x3333333333333333, %%r10\n\t"
		"mov $0x4444444444444444, %%rdx\n\t"
		"movq %%r8, %%xmm5\n\t"
		"movq %%r9, %%xmm15\n\t"
		"syscall\n\t"
		"mov %%r8, 0(%[out])\n\t"
		"mov %%r9, 8(%[out])\n\t"
		"mov %%r10, 16(%[out])\n\t"
		"mov %%rdx, 24(%[out])\n\t"
		"mov %%rdi, 32(%[out])\n\t"
		"mov %%rsi, 40(%[out])\n\t"
		"movq %%xmm5, 48(%[out])\n\t"
		"movq %%xmm15, 56(%[out])\n\t"
		: "+a"((long){ __NR_kill })
		: "D"((long)getpid()), "S"((long)SIGUSR2), [out] "b"(out)
		: "rcx", "rdx", "r8", "r9", "r10", "r11", "xmm5", "xmm15", "memory");
	EXPECT_EQ(got_count, 1);
	EXPECT_EQ(out[0], 0x1111111111111111);
	EXPECT_EQ(out[1], 0x2222222222222222);
	EXPECT_EQ(out[2], 0x3333333333333333);
	EXPECT_EQ(out[3], 0x4444444444444444);
	EXPECT_EQ(out[4], getpid());
	EXPECT_EQ(out[5], SIGUSR2);
	EXPECT_EQ(out[6], 0x1111111111111111);      /* SSE registers too (the FXSAVE image) */
	EXPECT_EQ(out[7], 0x2222222222222222);
	default_action(SIGUSR2);
	return ok;
}

static volatile uint64_t seen_uc, seen_info, seen_fp, seen_flags, seen_cs, seen_ss, seen_ret;
static volatile uint64_t seen_ucmask, seen_rip;

static void
look_at_frame(int sig, struct siginfo *si, void *ucp)
{
	struct ucontext *uc = ucp;
	(void)sig;
	seen_uc = (uint64_t)uc;
	seen_info = (uint64_t)si;
	seen_fp = uc->uc_mcontext.fpstate;
	seen_flags = uc->uc_flags;
	seen_cs = uc->uc_mcontext.cs;
	seen_ss = uc->uc_mcontext.ss;
	seen_ret = *(uint64_t *)((uint64_t)uc - 8);   /* the frame's pretcode */
	seen_ucmask = uc->uc_sigmask;
	seen_rip = uc->uc_mcontext.rip;
}

static int
test_frame_layout(void)
{
	int ok = 1;
	uint64_t before = BIT(SIGHUP) | BIT(40);

	signal_handle(SIGUSR1, look_at_frame, 0, 0);
	set_mask(before);
	int local;
	uint64_t sp = (uint64_t)&local;
	kill(getpid(), SIGUSR1);
	set_mask(0);
	/* Linux's struct rt_sigframe: pretcode, ucontext, then siginfo. */
	EXPECT_EQ(seen_info - seen_uc, 304);
	EXPECT_EQ(seen_ret, (uint64_t)__restore_rt);
	EXPECT_EQ(seen_uc % 16, 0);                 /* RSP + 8 aligned at the handler's entry */
	EXPECT_EQ(seen_fp % 64, 0);
	CHECK(seen_fp >= seen_info + 128);          /* the FXSAVE image above the frame */
	CHECK(sp - (seen_fp + 512) >= 128);         /* the red zone untouched */
	EXPECT_EQ(seen_flags, UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS);
	EXPECT_EQ(seen_cs, 0x33);
	EXPECT_EQ(seen_ss, 0x2b);
	EXPECT_EQ(seen_ucmask, before);             /* the mask to restore */
	CHECK(seen_rip > 0x400000 && seen_rip < 0x800000);   /* in this program */
	default_action(SIGUSR1);
	return ok;
}

/* A handler may change the registers it will return to: skip a ud2 (Go's
 * runtime edits RIP and RSP this way to preempt goroutines). */
static void
skip_ud2(int sig, struct siginfo *si, void *ucp)
{
	struct ucontext *uc = ucp;
	(void)sig;
	got_addr = si->fault.addr;
	got_code = si->si_code;
	uc->uc_mcontext.rip += 2;
	uc->uc_mcontext.rax = 0x5eed;
}

static int
test_handler_edits_context(void)
{
	int ok = 1;
	long rax;

	forget();
	signal_handle(SIGILL, skip_ud2, 0, 0);
	__asm__ volatile("mov $1, %%rax\n\t"
			 "ud2_here: ud2\n\t"
			 : "=a"(rax) : : "memory");
	extern char ud2_here[];
	EXPECT_EQ(rax, 0x5eed);
	EXPECT_EQ(got_code, ILL_ILLOPN);
	EXPECT_EQ(got_addr, (uint64_t)ud2_here);
	default_action(SIGILL);
	return ok;
}

static int
nodefer_child(void)
{
	/* SA_RESETHAND: the first SIGUSR1 runs the handler, the second kills. */
	signal_handle(SIGUSR1, record, SA_RESETHAND | SA_NODEFER, 0);
	kill(getpid(), SIGUSR1);
	if (got_count != 1 || (got_mask & BIT(SIGUSR1)))
		return 1;                /* SA_NODEFER: not blocked in its handler */
	struct kernel_sigaction now;
	sigaction_raw(SIGUSR1, NULL, &now);
	if (now.handler != SIG_DFL)
		return 2;
	kill(getpid(), SIGUSR1);
	return 3;
}

static int
test_mask_rules(void)
{
	int ok = 1;

	EXPECT_EQ(reap(spawn(nodefer_child)), SIGUSR1);
	/* SIGKILL and SIGSTOP in sa_mask are dropped, silently. */
	struct kernel_sigaction act = { .handler = (uint64_t)record, .flags = SA_RESTORER | SA_SIGINFO,
					.restorer = (uint64_t)__restore_rt, .mask = ~0UL }, back;
	EXPECT_EQ(sigaction_raw(SIGUSR2, &act, NULL), 0);
	EXPECT_EQ(sigaction_raw(SIGUSR2, NULL, &back), 0);
	EXPECT_EQ(back.mask, ~0UL & ~(BIT(SIGKILL) | BIT(SIGSTOP)));
	EXPECT_EQ(back.flags, SA_RESTORER | SA_SIGINFO);
	forget();
	kill(getpid(), SIGUSR2);
	EXPECT_EQ(got_mask, ~0UL & ~(BIT(SIGKILL) | BIT(SIGSTOP)));
	EXPECT_EQ(current_mask(), 0);
	/* Blocked: pending, not delivered, until unblocked. */
	forget();
	set_mask(BIT(SIGUSR2));
	kill(getpid(), SIGUSR2);
	uint64_t pending = 0;
	EXPECT_EQ(sigpending(&pending), 0);
	EXPECT_EQ(pending, BIT(SIGUSR2));
	EXPECT_EQ(got_count, 0);
	set_mask(0);                                /* delivered on sigprocmask's way back */
	EXPECT_EQ(got_count, 1);
	/* SIG_IGN drops a pending signal (POSIX). */
	set_mask(BIT(SIGUSR2));
	kill(getpid(), SIGUSR2);
	signal_ignore(SIGUSR2, 1);
	sigpending(&pending);
	EXPECT_EQ(pending, 0);
	set_mask(0);
	default_action(SIGUSR2);
	/* Unknown flags read back as 0, so a program can probe (SA_UNSUPPORTED). */
	act.flags = SA_RESTORER | SA_SIGINFO | SA_UNSUPPORTED | 0x00200000;
	EXPECT_EQ(sigaction_raw(SIGUSR2, &act, &back), 0);
	EXPECT_EQ(sigaction_raw(SIGUSR2, NULL, &back), 0);
	EXPECT_EQ(back.flags, SA_RESTORER | SA_SIGINFO);
	default_action(SIGUSR2);
	return ok;
}

/* ---------------------------------------------------------------- interrupted calls */

static int
read_one(int fd)
{
	char c;
	return (int)raw_syscall3(__NR_read, fd, &c, 1);
}

static int
test_restart(void)
{
	int ok = 1, fds[2];

	/* A read on an empty pipe; a signal after 20 ms, data after 60 ms. */
	pipe(fds);
	signal_handle(SIGUSR1, record, SA_RESTART, 0);
	forget();
	pid_t sender = send_later(SIGUSR1, 20), writer = fork();
	if (writer == 0) {
		sleep_ms(60);
		write(fds[1], "x", 1);
		_exit(0);
	}
	EXPECT_EQ(read_one(fds[0]), 1);             /* SA_RESTART: the read went on */
	EXPECT_EQ(got_count, 1);
	reap(sender), reap(writer);
	/* The same without SA_RESTART: EINTR. */
	signal_handle(SIGUSR1, record, 0, 0);
	forget();
	sender = send_later(SIGUSR1, 20);
	EXPECT_EQ(read_one(fds[0]), -EINTR);
	EXPECT_EQ(got_count, 1);
	reap(sender);
	/* wait4 too (for a child that does not end meanwhile: the sender ends
	 * right after its kill, and its exit could be what wait4 reports). */
	forget();
	pid_t sleeper = fork();
	if (sleeper == 0) {
		sleep_ms(5000);
		_exit(0);
	}
	sender = send_later(SIGUSR1, 20);
	EXPECT_EQ(raw_syscall4(__NR_wait4, sleeper, 0, 0, 0), -EINTR);
	kill(sleeper, SIGKILL);
	reap(sleeper), reap(sender);
	/* nanosleep: EINTR, and the time left. */
	forget();
	sender = send_later(SIGUSR1, 20);
	struct timespec req = { 5, 0 }, rem = { 0, 0 };
	EXPECT_EQ(raw_syscall2(__NR_nanosleep, &req, &rem), -EINTR);
	CHECK(rem.tv_sec >= 3 && rem.tv_sec <= 4);
	reap(sender);
	/* epoll_wait is never restarted, even with SA_RESTART (man 7 signal). */
	signal_handle(SIGUSR1, record, SA_RESTART, 0);
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data = 0 };
	epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
	sender = send_later(SIGUSR1, 20);
	EXPECT_EQ(raw_syscall4(__NR_epoll_wait, ep, &ev, 1, 5000), -EINTR);
	reap(sender);
	/* pause and sigsuspend end with EINTR once a handler ran. */
	sender = send_later(SIGUSR1, 20);
	EXPECT_EQ(raw_syscall0(__NR_pause), -EINTR);
	reap(sender);
	close(ep), close(fds[0]), close(fds[1]);
	default_action(SIGUSR1);
	return ok;
}

/* nanosleep(100 ms) stopped at 20 ms and continued at 60 ms: it still ends at
 * about 100 ms (restart_syscall keeps the deadline), and returns 0. */
static int
stopped_sleeper(void)
{
	uint64_t t0 = now_ms();
	struct timespec req = { 0, 100000000 };
	long r = raw_syscall2(__NR_nanosleep, &req, 0);
	uint64_t took = now_ms() - t0;
	if (r != 0)
		return 1;
	if (took < 100)
		return 2;
	if (exact_timing && took > 110)
		return 3;                /* a fresh 100 ms after the stop would end at 160+ */
	return 0;
}

static int
test_restart_without_handler(void)
{
	int ok = 1, status;
	pid_t pid = spawn(stopped_sleeper);

	sleep_ms(20);
	kill(pid, SIGSTOP);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	sleep_ms(40);
	kill(pid, SIGCONT);
	EXPECT_EQ(reap(pid), 0);
	/* restart_syscall with nothing to restart: EINTR. */
	EXPECT_EQ(raw_syscall0(__NR_restart_syscall), -EINTR);
	return ok;
}

/* ---------------------------------------------------------------- the alternate stack */

static uint8_t alt[16384] __attribute__((aligned(16)));
static volatile uint64_t alt_flags_in_handler;
static volatile long eperm_in_handler;

static void
on_alt(int sig, struct siginfo *si, void *uc)
{
	struct sigaltstack now, again = { .ss_sp = (uint64_t)alt, .ss_size = sizeof alt };
	record(sig, si, uc);
	sigaltstack(NULL, &now);
	alt_flags_in_handler = (uint64_t)now.ss_flags;
	eperm_in_handler = raw_syscall2(__NR_sigaltstack, &again, 0);
}

static int
test_altstack(void)
{
	int ok = 1;
	struct sigaltstack ss = { 0 }, old;

	/* None at first. */
	EXPECT_EQ(sigaltstack(NULL, &old), 0);
	EXPECT_EQ(old.ss_flags, SS_DISABLE);
	/* Errors. */
	ss = (struct sigaltstack){ .ss_sp = (uint64_t)alt, .ss_flags = 0x1234, .ss_size = sizeof alt };
	EXPECT_EQ(raw_syscall2(__NR_sigaltstack, &ss, 0), -EINVAL);
	ss = (struct sigaltstack){ .ss_sp = (uint64_t)alt, .ss_flags = 0, .ss_size = MINSIGSTKSZ - 1 };
	EXPECT_EQ(raw_syscall2(__NR_sigaltstack, &ss, 0), -ENOMEM);
	EXPECT_EQ(raw_syscall2(__NR_sigaltstack, 0x10, 0), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_sigaltstack, 0, 0x10), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_sigaltstack, 0xffff800000000000, 0), -EFAULT);
	/* Set, read back. */
	ss = (struct sigaltstack){ .ss_sp = (uint64_t)alt, .ss_flags = 0, .ss_size = sizeof alt };
	EXPECT_EQ(sigaltstack(&ss, NULL), 0);
	EXPECT_EQ(sigaltstack(NULL, &old), 0);
	EXPECT_EQ(old.ss_sp, (uint64_t)alt);
	EXPECT_EQ(old.ss_size, sizeof alt);
	EXPECT_EQ(old.ss_flags, 0);
	/* SA_ONSTACK: the handler runs on it, sees SS_ONSTACK, may not change it. */
	forget();
	signal_handle(SIGUSR1, on_alt, SA_ONSTACK, 0);
	kill(getpid(), SIGUSR1);
	CHECK(got_sp > (uint64_t)alt && got_sp < (uint64_t)alt + sizeof alt);
	EXPECT_EQ(alt_flags_in_handler, SS_ONSTACK);
	EXPECT_EQ(eperm_in_handler, -EPERM);
	/* Without SA_ONSTACK: the normal stack. */
	forget();
	signal_handle(SIGUSR1, on_alt, 0, 0);
	kill(getpid(), SIGUSR1);
	CHECK(got_sp < (uint64_t)alt || got_sp > (uint64_t)alt + sizeof alt);
	EXPECT_EQ(alt_flags_in_handler, 0);
	EXPECT_EQ(eperm_in_handler, 0);
	/* SS_AUTODISARM: disabled while its handler runs, back afterwards. */
	ss = (struct sigaltstack){ .ss_sp = (uint64_t)alt, .ss_flags = (int)SS_AUTODISARM, .ss_size = sizeof alt };
	EXPECT_EQ(sigaltstack(&ss, NULL), 0);
	forget();
	signal_handle(SIGUSR1, on_alt, SA_ONSTACK, 0);
	kill(getpid(), SIGUSR1);
	CHECK(got_sp > (uint64_t)alt && got_sp < (uint64_t)alt + sizeof alt);
	EXPECT_EQ(alt_flags_in_handler, SS_DISABLE);
	EXPECT_EQ(sigaltstack(NULL, &old), 0);
	EXPECT_EQ((unsigned)old.ss_flags, SS_AUTODISARM);
	/* SS_DISABLE. */
	ss.ss_flags = SS_DISABLE;
	EXPECT_EQ(sigaltstack(&ss, NULL), 0);
	EXPECT_EQ(sigaltstack(NULL, &old), 0);
	EXPECT_EQ(old.ss_flags, SS_DISABLE);
	EXPECT_EQ(old.ss_size, 0);
	default_action(SIGUSR1);
	return ok;
}

static volatile uint64_t tiny_sp;

static void
note_sp(int sig, struct siginfo *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	tiny_sp = (uint64_t)__builtin_frame_address(0);
}

/* The smallest stacks: AT_MINSIGSTKSZ says how much one frame takes, and
 * an alternate stack of MINSIGSTKSZ holds a frame and a small handler. */
static int
test_altstack_minimal(void)
{
	int ok = 1;
	uint64_t need = getauxval(AT_MINSIGSTKSZ);
	uint64_t base = (uint64_t)alt + sizeof alt - MINSIGSTKSZ;
	struct sigaltstack ss = { .ss_sp = base, .ss_size = MINSIGSTKSZ };

	CHECK(need >= 440 + 512 && need <= MINSIGSTKSZ);
	memset(alt, 0, sizeof alt);
	EXPECT_EQ(sigaltstack(&ss, NULL), 0);
	signal_handle(SIGUSR2, note_sp, SA_ONSTACK, 0);
	tiny_sp = 0;
	kill(getpid(), SIGUSR2);
	CHECK(tiny_sp > base && tiny_sp < base + MINSIGSTKSZ - 440 - 512);
	/* Nothing written below the alternate stack. */
	int below = 0;
	for (uint64_t i = 0; i < sizeof alt - MINSIGSTKSZ; i++)
		below |= alt[i];
	EXPECT_EQ(below, 0);
	ss.ss_flags = SS_DISABLE;
	EXPECT_EQ(sigaltstack(&ss, NULL), 0);
	default_action(SIGUSR2);
	return ok;
}

static sigjmp_buf recover;

static void
jump_back(int sig, struct siginfo *si, void *uc)
{
	record(sig, si, uc);
	siglongjmp(recover, sig);
}

static volatile int keep_going = 1;

static int __attribute__((noinline))
recurse(int depth)
{
	volatile char pad[512];
	pad[0] = (char)depth;
	if (!keep_going)             /* never: but the compiler cannot know */
		return 0;
	return recurse(depth + 1) + pad[0];
}

/* Infinite recursion: SIGSEGV at the stack's guard, handled on the alternate stack. */
static int
overflow_child(void)
{
	struct sigaltstack ss = { .ss_sp = (uint64_t)alt, .ss_flags = 0, .ss_size = sizeof alt };
	sigaltstack(&ss, NULL);
	signal_handle(SIGSEGV, jump_back, SA_ONSTACK, 0);
	if (sigsetjmp(recover, 1) == 0)
		recurse(0);
	if (got_sig != SIGSEGV || got_code != SEGV_MAPERR)
		return 1;
	if (got_sp < (uint64_t)alt || got_sp > (uint64_t)alt + sizeof alt)
		return 2;
	return 0;
}

/* The same without an alternate stack: nowhere to run the handler. */
static int
overflow_no_altstack_child(void)
{
	signal_handle(SIGSEGV, jump_back, SA_ONSTACK, 0);
	if (sigsetjmp(recover, 1) == 0)
		recurse(0);
	return 1;
}

static int
test_stack_overflow(void)
{
	int ok = 1;
	EXPECT_EQ(reap(spawn(overflow_child)), 0 << 8);
	EXPECT_EQ(reap(spawn(overflow_no_altstack_child)), SIGSEGV);
	return ok;
}

/* ---------------------------------------------------------------- faults */

static void
make_writable(int sig, struct siginfo *si, void *uc)
{
	record(sig, si, uc);
	mprotect((void *)(si->fault.addr & ~0xfffUL), 4096, PROT_READ | PROT_WRITE);
}

static int
test_faults(void)
{
	volatile int ok = 1;         /* survives siglongjmp */

	signal_handle(SIGSEGV, jump_back, 0, 0);
	/* NULL: no mapping. */
	forget();
	if (sigsetjmp(recover, 1) == 0)
		*(volatile int *)0 = 1;
	EXPECT_EQ(got_sig, SIGSEGV);
	EXPECT_EQ(got_code, SEGV_MAPERR);
	EXPECT_EQ(got_addr, 0);
	EXPECT_EQ(current_mask(), 0);               /* siglongjmp restored the mask */
	/* A kernel address: no user mapping either. */
	forget();
	if (sigsetjmp(recover, 1) == 0)
		(void)*(volatile int *)0xffff800000100000;
	EXPECT_EQ(got_code, SEGV_MAPERR);
	EXPECT_EQ(got_addr, 0xffff800000100000);
	/* PROT_NONE: a mapping that forbids the access. */
	char *page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	forget();
	if (sigsetjmp(recover, 1) == 0)
		(void)*(volatile char *)(page + 10);
	EXPECT_EQ(got_code, SEGV_ACCERR);
	EXPECT_EQ(got_addr, (uint64_t)page + 10);
	/* A handler that fixes the cause and returns: the instruction runs again. */
	signal_handle(SIGSEGV, make_writable, 0, 0);
	forget();
	*(volatile char *)(page + 20) = 7;
	EXPECT_EQ(got_count, 1);
	EXPECT_EQ(page[20], 7);
	munmap(page, 4096);
	/* #DE, int3. */
	signal_handle(SIGFPE, jump_back, 0, 0);
	signal_handle(SIGTRAP, jump_back, 0, 0);
	forget();
	if (sigsetjmp(recover, 1) == 0)        /* asm: a C division by 0 may be optimised away */
		__asm__ volatile("xor %%edx, %%edx; mov $1, %%eax; divl %0" : : "r"(0) : "eax", "edx");
	EXPECT_EQ(got_sig, SIGFPE);
	EXPECT_EQ(got_code, FPE_INTDIV);
	forget();
	if (sigsetjmp(recover, 1) == 0)
		__asm__ volatile("int3");
	EXPECT_EQ(got_sig, SIGTRAP);
	EXPECT_EQ(got_code, SI_KERNEL);
	default_action(SIGSEGV);
	default_action(SIGFPE);
	default_action(SIGTRAP);
	return ok;
}

static int
fault_blocked_child(void)
{
	uint64_t m = BIT(SIGSEGV);
	signal_handle(SIGSEGV, jump_back, 0, 0);
	sigprocmask(SIG_BLOCK, &m, NULL);
	*(volatile int *)0 = 1;          /* blocked: the default action instead */
	return 1;
}

static int
fault_ignored_child(void)
{
	signal_ignore(SIGSEGV, 1);
	*(volatile int *)0 = 1;          /* ignored: returning would fault forever */
	return 1;
}

/* Single-stepping: TF set by popf, each instruction traps with TRAP_TRACE. */
static void
count_steps(int sig, struct siginfo *si, void *ucp)
{
	struct ucontext *uc = ucp;
	(void)sig;
	got_code = si->si_code;
	if (++got_count >= 3)
		uc->uc_mcontext.eflags &= ~0x100UL;   /* enough: clear TF */
}

static int
test_fault_rules(void)
{
	int ok = 1;

	EXPECT_EQ(reap(spawn(fault_blocked_child)), SIGSEGV);
	EXPECT_EQ(reap(spawn(fault_ignored_child)), SIGSEGV);
	forget();
	signal_handle(SIGTRAP, count_steps, 0, 0);
	__asm__ volatile("pushf; orq $0x100, (%%rsp); popf; nop; nop; nop; nop; nop" ::: "memory", "cc");
	EXPECT_EQ(got_count, 3);
	EXPECT_EQ(got_code, TRAP_TRACE);
	default_action(SIGTRAP);
	return ok;
}

/* ---------------------------------------------------------------- bad input */

#define KERNEL_ADDR 0xffff800000000000UL
#define NONCANON    0x0000800000000000UL

static int
test_errors(void)
{
	int ok = 1;
	struct kernel_sigaction act = { .handler = SIG_IGN }, old;
	uint64_t set = 0;
	struct timespec ts = { 0, 0 }, bad_ts = { 0, 2000000000 };

	/* rt_sigaction */
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, 0, &act, 0, 8), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, 65, &act, 0, 8), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, -1, &act, 0, 8), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGKILL, &act, 0, 8), -EINVAL);
	struct kernel_sigaction dfl = { .handler = SIG_DFL };
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGSTOP, &dfl, 0, 8), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGKILL, 0, &old, 8), 0);    /* reading is fine */
	EXPECT_EQ(old.handler, SIG_DFL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGUSR1, &act, 0, 4), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGUSR1, &act, 0, 16), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGUSR1, 0x10, 0, 8), -EFAULT);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGUSR1, KERNEL_ADDR, 0, 8), -EFAULT);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGUSR1, NONCANON, 0, 8), -EFAULT);
	/* A bad oldact: -EFAULT, but the new action is in place (as on Linux). */
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGUSR1, &act, 0x10, 8), -EFAULT);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigaction, SIGUSR1, 0, &old, 8), 0);
	EXPECT_EQ(old.handler, SIG_IGN);
	default_action(SIGUSR1);
	/* rt_sigprocmask */
	EXPECT_EQ(raw_syscall4(__NR_rt_sigprocmask, 3, &set, 0, 8), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigprocmask, SIG_BLOCK, &set, 0, 4), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigprocmask, SIG_BLOCK, 0x10, 0, 8), -EFAULT);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigprocmask, SIG_BLOCK, 0, KERNEL_ADDR, 8), -EFAULT);
	/* rt_sigpending */
	EXPECT_EQ(raw_syscall2(__NR_rt_sigpending, &set, 16), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_rt_sigpending, 0x10, 8), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_rt_sigpending, &set, 4), 0);      /* shorter is allowed */
	/* rt_sigsuspend */
	EXPECT_EQ(raw_syscall2(__NR_rt_sigsuspend, &set, 4), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_rt_sigsuspend, 0x10, 8), -EFAULT);
	/* rt_sigtimedwait */
	set = BIT(SIGUSR2);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigtimedwait, &set, 0, &ts, 4), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigtimedwait, 0x10, 0, &ts, 8), -EFAULT);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigtimedwait, &set, 0, &bad_ts, 8), -EINVAL);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigtimedwait, &set, 0, 0x10, 8), -EFAULT);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigtimedwait, &set, 0, &ts, 8), -EAGAIN);   /* zero: a look */
	/* kill, tkill, tgkill */
	EXPECT_EQ(raw_syscall2(__NR_kill, getpid(), 65), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_tkill, 0, SIGUSR1), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_tkill, -5, SIGUSR1), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_tkill, 99999, SIGUSR1), -ESRCH);
	EXPECT_EQ(raw_syscall2(__NR_tkill, gettid(), 65), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_tgkill, 0, gettid(), SIGUSR1), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_tgkill, getpid(), 0, SIGUSR1), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_tgkill, getpid(), 99999, SIGUSR1), -ESRCH);
	EXPECT_EQ(raw_syscall3(__NR_tgkill, 99999, gettid(), SIGUSR1), -ESRCH);   /* wrong process */
	EXPECT_EQ(raw_syscall3(__NR_tgkill, getpid(), gettid(), 0), 0);          /* "exists?" */
	EXPECT_EQ(raw_syscall3(__NR_tgkill, getpid(), gettid(), -1), -EINVAL);
	/* setitimer, getitimer */
	struct itimerval itv = { { 0, 0 }, { 0, 1000000 } };
	EXPECT_EQ(raw_syscall3(__NR_setitimer, ITIMER_REAL, &itv, 0), -EINVAL);   /* usec too big */
	itv.it_value.tv_usec = -1;
	EXPECT_EQ(raw_syscall3(__NR_setitimer, ITIMER_REAL, &itv, 0), -EINVAL);
	itv.it_value.tv_usec = 0;
	EXPECT_EQ(raw_syscall3(__NR_setitimer, 3, &itv, 0), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_setitimer, -1, &itv, 0), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_setitimer, ITIMER_REAL, 0x10, 0), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_setitimer, ITIMER_REAL, &itv, 0x10), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_getitimer, 3, &itv), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_getitimer, ITIMER_PROF, 0x10), -EFAULT);
	return ok;
}

/* ---------------------------------------------------------------- forged frames */

static void __attribute__((noreturn))
landed(void)
{
	_exit(42);
}

static void __attribute__((noreturn))
try_cli(void)
{
	__asm__ volatile("cli");         /* still ring 3 with IOPL 0: #GP */
	_exit(43);
}

static uint8_t forge_stack[8192] __attribute__((aligned(16)));
static uint8_t forge_fx[512] __attribute__((aligned(64)));

enum forgery {
	FORGE_NONE, FORGE_KERNEL_CS, FORGE_32BIT_CS, FORGE_KERNEL_SS, FORGE_NONCANON_RIP,
	FORGE_KERNEL_RIP, FORGE_IOPL, FORGE_IF_OFF, FORGE_UNMAPPED_FRAME, FORGE_BAD_FPSTATE,
	FORGE_BAD_MXCSR, FORGE_KERNEL_SS_STRICT, FORGE_NULL_SS_STRICT, FORGE_CODE_SS_STRICT,
	FORGE_TSS_SS_STRICT,
};

static enum forgery forgery;

/* Build a frame by hand and call rt_sigreturn on it, as no handler ever would. */
static int
forge_child(void)
{
	static struct rt_sigframe f;
	memset(&f, 0, sizeof f);
	struct sigcontext *sc = &f.uc.uc_mcontext;
	sc->rip = (uint64_t)landed;
	sc->rsp = (uint64_t)forge_stack + sizeof forge_stack - 8;
	sc->cs = 0x33;
	sc->ss = 0x2b;
	sc->eflags = 0x202;
	uint64_t frame = (uint64_t)&f;
	__asm__ volatile("fxsave64 %0" : "=m"(forge_fx));
	sc->fpstate = (uint64_t)forge_fx;
	switch (forgery) {
	case FORGE_NONE: break;
	case FORGE_KERNEL_CS: sc->cs = 0x10; break;
	case FORGE_32BIT_CS: sc->cs = 0x23; break;
	case FORGE_KERNEL_SS: sc->ss = 0x18; break;
	case FORGE_NONCANON_RIP: sc->rip = NONCANON; break;
	case FORGE_KERNEL_RIP: sc->rip = 0xffffffff80100000; break;
	case FORGE_IOPL: sc->eflags = 0x3202; sc->rip = (uint64_t)try_cli; break;
	case FORGE_IF_OFF: sc->eflags = 0x002; break;    /* must not turn interrupts off */
	case FORGE_UNMAPPED_FRAME: frame = 0x1000; break;
	case FORGE_BAD_FPSTATE: sc->fpstate = 0x2000; break;
	case FORGE_BAD_MXCSR: *(uint32_t *)(forge_fx + 24) = 0xffffffff; break;
	/* UC_STRICT_RESTORE_SS: the SS is loaded as it is, and iretq refuses it. */
	case FORGE_KERNEL_SS_STRICT: sc->ss = 0x18; f.uc.uc_flags = UC_STRICT_RESTORE_SS; break;
	case FORGE_NULL_SS_STRICT: sc->ss = 0; f.uc.uc_flags = UC_STRICT_RESTORE_SS; break;
	case FORGE_CODE_SS_STRICT: sc->ss = 0x33; f.uc.uc_flags = UC_STRICT_RESTORE_SS; break;
	case FORGE_TSS_SS_STRICT: sc->ss = 0x40; f.uc.uc_flags = UC_STRICT_RESTORE_SS; break;
	}
	/* RSP = frame + 8, as after the handler's `ret`. */
	__asm__ volatile("mov %0, %%rsp; mov $15, %%eax; syscall" : : "r"(frame + 8) : "memory");
	return 1;
}

static int
forged(enum forgery which)
{
	forgery = which;
	return reap(spawn(forge_child));
}

static int
test_forged_frames(void)
{
	int ok = 1;

	EXPECT_EQ(forged(FORGE_NONE), 42 << 8);           /* the control: a good frame works */
	EXPECT_EQ(forged(FORGE_KERNEL_CS), SIGSEGV);
	EXPECT_EQ(forged(FORGE_32BIT_CS), SIGSEGV);
	EXPECT_EQ(forged(FORGE_KERNEL_SS), 42 << 8);       /* no UC_STRICT_RESTORE_SS: made valid */
	EXPECT_EQ(forged(FORGE_NONCANON_RIP), SIGSEGV);
	EXPECT_EQ(forged(FORGE_KERNEL_RIP), SIGSEGV);      /* ring 3 cannot run kernel pages */
	EXPECT_EQ(forged(FORGE_IOPL), SIGSEGV);            /* IOPL stays 0: cli faults */
	EXPECT_EQ(forged(FORGE_IF_OFF), 42 << 8);          /* IF stays on: the kernel keeps its clock */
	EXPECT_EQ(forged(FORGE_UNMAPPED_FRAME), SIGSEGV);
	EXPECT_EQ(forged(FORGE_BAD_FPSTATE), SIGSEGV);
	EXPECT_EQ(forged(FORGE_BAD_MXCSR), 42 << 8);       /* reserved MXCSR bits dropped, no #GP */
	/* The kernel's iretq faults on these (#GP in ring 0 with the user's GS
	 * base live): the program gets SIGSEGV, the kernel carries on. */
	EXPECT_EQ(forged(FORGE_KERNEL_SS_STRICT), SIGSEGV);
	EXPECT_EQ(forged(FORGE_NULL_SS_STRICT), SIGSEGV);
	EXPECT_EQ(forged(FORGE_CODE_SS_STRICT), SIGSEGV);
	EXPECT_EQ(forged(FORGE_TSS_SS_STRICT), SIGSEGV);
	EXPECT_EQ(forged(FORGE_NONE), 42 << 8);           /* and all is well afterwards */
	return ok;
}

/* ---------------------------------------------------------------- a handler that cannot run */

static int
no_restorer_child(void)
{
	struct kernel_sigaction act = { .handler = (uint64_t)record, .flags = SA_SIGINFO };
	sigaction_raw(SIGUSR1, &act, NULL);
	kill(getpid(), SIGUSR1);         /* x86-64 needs SA_RESTORER: nowhere to return */
	return 1;
}

static int
unmapped_altstack_child(void)
{
	void *gone = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(gone, 65536);
	struct sigaltstack ss = { .ss_sp = (uint64_t)gone, .ss_flags = 0, .ss_size = 65536 };
	sigaltstack(&ss, NULL);
	signal_handle(SIGUSR1, record, SA_ONSTACK, 0);
	kill(getpid(), SIGUSR1);
	return 1;
}

/* SIGSEGV's own handler has no stack: the default action, not a loop. */
static int
segv_handler_unmapped_child(void)
{
	void *gone = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(gone, 65536);
	struct sigaltstack ss = { .ss_sp = (uint64_t)gone, .ss_flags = 0, .ss_size = 65536 };
	sigaltstack(&ss, NULL);
	signal_handle(SIGSEGV, jump_back, SA_ONSTACK, 0);
	*(volatile int *)0 = 1;
	return 1;
}

static int
test_unusable_handlers(void)
{
	int ok = 1;
	EXPECT_EQ(reap(spawn(no_restorer_child)), SIGSEGV);
	EXPECT_EQ(reap(spawn(unmapped_altstack_child)), SIGSEGV);
	EXPECT_EQ(reap(spawn(segv_handler_unmapped_child)), SIGSEGV);
	return ok;
}

/* ---------------------------------------------------------------- SIGCHLD */

static int exit7(void) { return 7; }
static int
wait_forever(void)
{
	for (;;)
		pause();
	return 0;
}

static int
test_sigchld(void)
{
	int ok = 1, status;

	forget();
	signal_handle(SIGCHLD, record, 0, 0);
	pid_t pid = spawn(exit7);
	EXPECT_EQ(reap(pid), 7 << 8);               /* SIGCHLD came while we waited */
	EXPECT_EQ(got_sig, SIGCHLD);
	EXPECT_EQ(got_code, CLD_EXITED);
	EXPECT_EQ(got_pid, pid);
	/* Stopped and continued children report too, unless SA_NOCLDSTOP. */
	pid = spawn(wait_forever);
	forget();
	kill(pid, SIGSTOP);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	EXPECT_EQ(got_code, CLD_STOPPED);
	kill(pid, SIGCONT);
	EXPECT_EQ(waitpid(pid, &status, WCONTINUED), pid);
	EXPECT_EQ(got_code, CLD_CONTINUED);
	signal_handle(SIGCHLD, record, SA_NOCLDSTOP, 0);
	forget();
	kill(pid, SIGSTOP);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	EXPECT_EQ(got_count, 0);
	kill(pid, SIGKILL);
	EXPECT_EQ(reap(pid), SIGKILL);
	EXPECT_EQ(got_code, CLD_KILLED);
	/* SIGCHLD ignored: children leave no zombie; wait4 finds none. */
	signal_ignore(SIGCHLD, 1);
	pid = spawn(exit7);
	EXPECT_EQ(raw_syscall4(__NR_wait4, -1, &status, 0, 0), -ECHILD);
	EXPECT_EQ(raw_syscall2(__NR_kill, pid, 0), -ESRCH);
	default_action(SIGCHLD);
	/* SA_NOCLDWAIT with a handler: the signal comes, the zombie does not stay. */
	forget();
	signal_handle(SIGCHLD, record, SA_NOCLDWAIT, 0);
	pid = spawn(exit7);
	EXPECT_EQ(raw_syscall4(__NR_wait4, -1, &status, 0, 0), -ECHILD);
	EXPECT_EQ(got_sig, SIGCHLD);
	default_action(SIGCHLD);
	return ok;
}

/* ---------------------------------------------------------------- waiting for signals */

static int
test_wait_for_signals(void)
{
	int ok = 1;
	struct siginfo si;
	uint64_t usr2 = BIT(SIGUSR2), usr1 = BIT(SIGUSR1), none = 0;

	/* sigtimedwait: a blocked signal already pending is taken at once. */
	set_mask(usr2);
	kill(getpid(), SIGUSR2);
	struct timespec second = { 1, 0 }, ten_ms = { 0, 10000000 };
	EXPECT_EQ(sigtimedwait(&usr2, &si, &second), SIGUSR2);
	EXPECT_EQ(si.si_signo, SIGUSR2);
	EXPECT_EQ(si.si_code, SI_USER);
	EXPECT_EQ(si.kill.pid, getpid());
	/* Nothing comes: EAGAIN after the timeout. */
	uint64_t t0 = now_ms();
	EXPECT_EQ(raw_syscall4(__NR_rt_sigtimedwait, &usr2, &si, &ten_ms, 8), -EAGAIN);
	CHECK(now_ms() - t0 >= 10);
	/* It comes while we wait. SIGUSR1's default would kill us: waiting for it, it does not. */
	set_mask(usr1 | usr2);
	pid_t sender = send_later(SIGUSR1, 20);
	EXPECT_EQ(sigtimedwait(&usr1, &si, &second), SIGUSR1);
	reap(sender);
	/* The signal is consumed even if siginfo cannot be written (as on Linux). */
	kill(getpid(), SIGUSR2);
	EXPECT_EQ(raw_syscall4(__NR_rt_sigtimedwait, &usr2, 0x10, &second, 8), -EFAULT);
	uint64_t pending;
	sigpending(&pending);
	EXPECT_EQ(pending, 0);
	/* sigsuspend: wait with USR1 unblocked; the old mask is back afterwards. */
	forget();
	signal_handle(SIGUSR1, record, 0, 0);
	set_mask(usr1);
	sender = send_later(SIGUSR1, 20);
	EXPECT_EQ(raw_syscall2(__NR_rt_sigsuspend, &none, 8), -EINTR);
	EXPECT_EQ(got_sig, SIGUSR1);
	EXPECT_EQ(got_mask, usr1);                  /* in the handler: its own signal */
	EXPECT_EQ(current_mask(), usr1);            /* back to the mask before sigsuspend */
	reap(sender);
	/* ppoll and epoll_pwait: the same, a mask for the wait only. */
	int fds[2];
	pipe(fds);
	struct pollfd pfd = { fds[0], POLLIN, 0 };
	forget();
	sender = send_later(SIGUSR1, 20);
	EXPECT_EQ(raw_syscall5(__NR_ppoll, &pfd, 1, 0, &none, 8), -EINTR);
	EXPECT_EQ(got_sig, SIGUSR1);
	EXPECT_EQ(current_mask(), usr1);
	reap(sender);
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data = 0 };
	epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
	forget();
	sender = send_later(SIGUSR1, 20);
	EXPECT_EQ(raw_syscall6(__NR_epoll_pwait, ep, (long)&ev, 1, 5000, (long)&none, 8), -EINTR);
	EXPECT_EQ(got_sig, SIGUSR1);
	EXPECT_EQ(current_mask(), usr1);
	reap(sender);
	/* Not interrupted: the mask is back at once. */
	write(fds[1], "x", 1);
	EXPECT_EQ(raw_syscall6(__NR_epoll_pwait, ep, (long)&ev, 1, 5000, (long)&none, 8), 1);
	EXPECT_EQ(current_mask(), usr1);
	/* ppoll's timeout is updated with the time left (Linux). */
	struct timespec left = { 0, 20000000 };
	read_one(fds[0]);
	EXPECT_EQ(raw_syscall5(__NR_ppoll, &pfd, 1, &left, &none, 8), 0);
	EXPECT_EQ(left.tv_sec, 0);
	EXPECT_EQ(left.tv_nsec, 0);
	close(ep), close(fds[0]), close(fds[1]);
	set_mask(0);
	default_action(SIGUSR1);
	return ok;
}

/* ---------------------------------------------------------------- interval timers */

static int
test_itimers(void)
{
	int ok = 1;
	struct itimerval itv = { { 0, 10000 }, { 0, 20000 } }, cur;   /* 20 ms, then every 10 ms */
	uint64_t alrm = BIT(SIGALRM), none = 0;

	forget();
	signal_handle(SIGALRM, record, 0, 0);
	set_mask(alrm);
	uint64_t t0 = now_ms();
	EXPECT_EQ(raw_syscall3(__NR_setitimer, ITIMER_REAL, &itv, 0), 0);
	EXPECT_EQ(raw_syscall2(__NR_getitimer, ITIMER_REAL, &cur), 0);
	EXPECT_EQ(cur.it_interval.tv_usec, 10000);
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 20000);
	while (got_count < 3)
		sigsuspend(&none);
	uint64_t took = now_ms() - t0;
	CHECK(took >= 40);
	if (exact_timing)
		CHECK(took <= 42);
	EXPECT_EQ(got_code, SI_KERNEL);
	/* Disarm; the old setting comes back. */
	struct itimerval off = { { 0, 0 }, { 0, 0 } }, old;
	EXPECT_EQ(raw_syscall3(__NR_setitimer, ITIMER_REAL, &off, &old), 0);
	EXPECT_EQ(old.it_interval.tv_usec, 10000);
	EXPECT_EQ(raw_syscall2(__NR_getitimer, ITIMER_REAL, &cur), 0);
	EXPECT_EQ(cur.it_value.tv_sec + cur.it_value.tv_usec, 0);
	/* alarm: seconds; returns what the previous one had left (rounded). */
	EXPECT_EQ(raw_syscall1(__NR_alarm, 5), 0);
	EXPECT_EQ(raw_syscall1(__NR_alarm, 0), 5);
	/* ITIMER_VIRTUAL and ITIMER_PROF count CPU time: spin until they fire. */
	forget();
	signal_handle(SIGVTALRM, record, 0, 0);
	signal_handle(SIGPROF, record, 0, 0);
	struct itimerval cpu = { { 0, 0 }, { 0, 5000 } };
	set_mask(0);
	EXPECT_EQ(raw_syscall3(__NR_setitimer, ITIMER_VIRTUAL, &cpu, 0), 0);
	t0 = now_ms();
	while (got_count == 0 && now_ms() - t0 < 2000)
		;
	EXPECT_EQ(got_sig, SIGVTALRM);
	forget();
	EXPECT_EQ(raw_syscall3(__NR_setitimer, ITIMER_PROF, &cpu, 0), 0);
	t0 = now_ms();
	while (got_count == 0 && now_ms() - t0 < 2000)
		;
	EXPECT_EQ(got_sig, SIGPROF);
	default_action(SIGALRM);
	default_action(SIGVTALRM);
	default_action(SIGPROF);
	return ok;
}

/* ---------------------------------------------------------------- stop, continue, exec */

static volatile int conts;

static void
on_cont(int sig, struct siginfo *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	conts++;
}

static int
cont_child(void)
{
	signal_handle(SIGCONT, on_cont, 0, 0);
	signal_handle(SIGTSTP, record, 0, 0);   /* a caught SIGTSTP does not stop */
	kill(getpid(), SIGTSTP);
	if (got_sig != SIGTSTP)
		return 1;
	while (conts == 0)
		pause();
	return 9;
}

/* Everything blocked, handlers for everything: SIGSTOP and SIGKILL still work. */
static int
stubborn_child(void)
{
	uint64_t all = ~0UL;
	for (int sig = 1; sig <= 64; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal_handle(sig, record, 0, 0);
	sigprocmask(SIG_SETMASK, &all, NULL);
	for (;;)
		pause();
	return 0;
}

static int
test_stop_continue(void)
{
	int ok = 1, status;
	pid_t pid = spawn(cont_child);

	sleep_ms(10);
	kill(pid, SIGSTOP);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	kill(pid, SIGCONT);                         /* continues, then runs the handler */
	EXPECT_EQ(reap(pid), 9 << 8);
	pid = spawn(stubborn_child);
	sleep_ms(10);
	kill(pid, SIGTERM);                         /* blocked: nothing happens */
	kill(pid, SIGSTOP);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	kill(pid, SIGKILL);
	EXPECT_EQ(reap(pid), SIGKILL);
	return ok;
}

/* A process under the tracer stops itself (found by /bin/sysfuzz: SIGKILL
 * then woke it, and it stopped again, for ever). */
static int
traced_stopper(void)
{
	int fd = open("/proc/self/trace", O_WRONLY);

	if (fd < 0 || write(fd, "lines", 5) != 5)   /* traced from its next execve: armed now */
		return 1;
	kill(getpid(), SIGSTOP);
	return 2;
}

static int
test_stop_kill_traced(void)
{
	int ok = 1, status = 0;
	pid_t pid = spawn(traced_stopper), got = 0;

	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	kill(pid, SIGKILL);
	for (int ms = 0; ms < 1000 && got == 0; ms++, sleep_ms(1))
		got = waitpid(pid, &status, WNOHANG);
	EXPECT_EQ(got, pid);
	EXPECT_EQ(status, SIGKILL);
	return ok;
}

/* execve keeps the mask and ignored signals, and resets handlers (POSIX). */
static int
exec_check(void)
{
	struct kernel_sigaction a;
	uint64_t m = current_mask();
	for (int sig = 1; sig <= 64; sig++) {
		sigaction_raw(sig, NULL, &a);
		if (sig == SIGUSR2 ? a.handler != SIG_IGN : a.handler != SIG_DFL)
			return 10 + sig;
	}
	struct sigaltstack ss;
	sigaltstack(NULL, &ss);
	if (ss.ss_flags != SS_DISABLE)
		return 2;
	return m == BIT(SIGTERM) ? 0 : 3;
}

static int
exec_child(void)
{
	struct sigaltstack ss = { .ss_sp = (uint64_t)alt, .ss_flags = 0, .ss_size = sizeof alt };
	uint64_t term = BIT(SIGTERM);
	signal_handle(SIGUSR1, record, 0, 0);
	signal_ignore(SIGUSR2, 1);
	sigprocmask(SIG_SETMASK, &term, NULL);
	sigaltstack(&ss, NULL);
	char *argv[] = { "sigtest", "exec_check", NULL };
	execv("/bin/sigtest", argv);
	return 99;
}

static int
test_exec_resets(void)
{
	int ok = 1;
	EXPECT_EQ(reap(spawn(exec_child)), 0);
	return ok;
}

/* ---------------------------------------------------------------- main */

static const struct {
	const char *name;
	int (*fn)(void);
} tests[] = {
	{ "handler_runs", test_handler_runs },
	{ "registers_survive", test_registers_survive },
	{ "frame_layout", test_frame_layout },
	{ "handler_edits_context", test_handler_edits_context },
	{ "mask_rules", test_mask_rules },
	{ "restart", test_restart },
	{ "restart_without_handler", test_restart_without_handler },
	{ "altstack", test_altstack },
	{ "altstack_minimal", test_altstack_minimal },
	{ "stack_overflow", test_stack_overflow },
	{ "faults", test_faults },
	{ "fault_rules", test_fault_rules },
	{ "errors", test_errors },
	{ "forged_frames", test_forged_frames },
	{ "unusable_handlers", test_unusable_handlers },
	{ "sigchld", test_sigchld },
	{ "wait_for_signals", test_wait_for_signals },
	{ "itimers", test_itimers },
	{ "stop_continue", test_stop_continue },
	{ "stop_kill_traced", test_stop_kill_traced },
	{ "exec_resets", test_exec_resets },
};

int
main(int argc, char **argv)
{
	const char *only = NULL;

	if (argc > 1 && strcmp(argv[1], "exec_check") == 0)
		return exec_check();
	if (argc > 1 && strcmp(argv[1], "exact") == 0)
		exact_timing = 1;
	else if (argc > 1)
		only = argv[1];
	for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (only == NULL || strcmp(only, tests[i].name) == 0)
			run(tests[i].name, tests[i].fn);
	printf("sigtest: %d passed, %d failed\n", passes, failures);
	return failures;
}
