/*
 * signal-demo.c - a signal handler, seen from the program: the kernel
 * stops what the program was doing, runs the handler on a frame it built
 * on the stack, and rt_sigreturn puts everything back (docs/signals.md).
 *
 *   signal-demo          the demo
 *   signal-demo ^C       also wait for three ^C (SIGINT) from the console
 *
 * Watch it with `strace signal-demo`: rt_sigaction, the signals, and the
 * rt_sigreturn after each handler.
 */
#include "libsys.h"
#include "uapi/ucontext.h"

static volatile uint64_t before_rsp;
static sigjmp_buf back;
static volatile int interrupts;

/* SA_SIGINFO: handler(signal, what the kernel knows about it, the interrupted registers). */
static void
show_frame(int sig, struct siginfo *si, void *ucp)
{
	struct ucontext *uc = ucp;
	uint64_t mask;

	sigprocmask(SIG_SETMASK, NULL, &mask);
	printf("  in the handler: signal %d (%s), si_code %d, sent by pid %d\n", sig,
	       signal_name(sig), si->si_code, si->kill.pid);
	printf("  the frame is at %#lx, %lu bytes below the stack pointer of the code it interrupted\n",
	       (uint64_t)uc - 8, before_rsp - ((uint64_t)uc - 8));
	printf("  saved there: rip %#lx rsp %#lx rax %ld (the system call's result, not yet seen)\n",
	       uc->uc_mcontext.rip, uc->uc_mcontext.rsp, (long)uc->uc_mcontext.rax);
	printf("  blocked while it runs: %#lx (the signal itself); to restore afterwards: %#lx\n", mask,
	       uc->uc_sigmask);
	printf("  it returns to %#lx: __restore_rt, which calls rt_sigreturn\n", *(uint64_t *)((uint64_t)uc - 8));
}

static void
recover(int sig, struct siginfo *si, void *uc)
{
	(void)uc;
	printf("  in the handler: %s at address %#lx, si_code %s\n", signal_name(sig), si->fault.addr,
	       si->si_code == SEGV_MAPERR ? "SEGV_MAPERR (nothing mapped there)" : "SEGV_ACCERR");
	siglongjmp(back, 1);             /* out of the handler, back to sigsetjmp */
}

static void
count_interrupt(int sig, struct siginfo *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	printf("  ^C number %d caught\n", ++interrupts);
}

int
main(int argc, char **argv)
{
	int local;

	(void)argv;

	printf("1. A handler for SIGUSR1, then kill(getpid(), SIGUSR1):\n");
	signal_handle(SIGUSR1, show_frame, 0, 0);
	before_rsp = (uint64_t)&local;
	kill(getpid(), SIGUSR1);
	printf("  back in main: kill returned, everything as before\n");

	printf("2. A handler for SIGSEGV, then a write to address 16:\n");
	signal_handle(SIGSEGV, recover, 0, 0);
	volatile int *bad = (volatile int *)16;   /* (through a variable: the compiler knows 16 is bad) */
	if (sigsetjmp(back, 1) == 0)
		*bad = 1;
	printf("  back in main after siglongjmp: the program goes on\n");

	printf("3. SIGALRM from alarm(1) while we wait in pause():\n");
	signal_handle(SIGALRM, show_frame, 0, 0);
	before_rsp = (uint64_t)&local;
	raw_syscall1(__NR_alarm, 1);
	long r = raw_syscall0(__NR_pause);
	printf("  pause returned %ld (EINTR: a handler ran)\n", r);

	if (argc > 1) {
		printf("4. Press ^C three times (the terminal sends SIGINT to the foreground group):\n");
		signal_handle(SIGINT, count_interrupt, 0, 0);
		while (interrupts < 3)
			pause();
	}
	return 0;
}
