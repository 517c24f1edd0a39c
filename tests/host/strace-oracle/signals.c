/*
 * signals.c - the signal calls a C library or Go's runtime makes, and the
 * "--- SIG... ---" lines of delivered signals, as strace 6.1 prints them:
 * rt_sigpending, rt_sigtimedwait, sigaltstack, kill/tkill/tgkill,
 * rt_sigqueueinfo, alarm, pause, getitimer/setitimer, rt_sigsuspend,
 * SIGSEGV (SEGV_MAPERR, SEGV_ACCERR), calls cut short by a handler, and
 * rt_sigreturn. Used by test_trace_format.c: test_signal_calls and friends.
 */
#include <setjmp.h>

#include "raw.h"

#define B(s) (1UL << ((s) - 1))
struct ksa { unsigned long handler, flags, restorer, mask; };
struct stack { unsigned long sp; int flags, pad; unsigned long size; };
struct tv { long s, us; };
struct itv { struct tv interval, value; };
struct ts { long s, ns; };

static char altstack[32768];
extern void restorer(void);
__asm__(".text\n.globl restorer\nrestorer: mov $15, %eax\nsyscall\n");   /* rt_sigreturn */
static sigjmp_buf jb;

static void handler(int s) { (void)s; }
static void segv(int s) { (void)s; siglongjmp(jb, 1); }

static void
sa(int sig, void (*h)(int), unsigned long flags)
{
	struct ksa a = { (unsigned long)h, flags | 0x04000000, (unsigned long)restorer, 0 };
	S4(13, sig, &a, 0, 8);
}

int
main(void)
{
	long pid = S0(39), tid = S0(186);
	unsigned long m = B(10) | B(12), o;
	int si[32] = { 0 };
	struct ts t = { 0, 100000 };
	struct stack s = { (unsigned long)altstack, 0, 0, sizeof altstack }, os;
	struct itv it = { { 0, 0 }, { 0, 200000 } }, oit;

	S4(14, 0, &m, &o, 8);
	S2(127, &o, 8);                 /* rt_sigpending: [] */
	S2(62, pid, 10);                /* SIGUSR1, blocked */
	S2(127, &o, 8);                 /* [USR1] */
	S2(127, &o, 4);
	S2(127, 0x10, 8);
	S4(128, &m, si, &t, 8);         /* rt_sigtimedwait takes it: = 10 (SIGUSR1) */
	S4(128, &m, si, &t, 8);         /* EAGAIN */
	m = 0;
	S4(14, 2, &m, 0, 8);

	S2(131, 0, &os);                /* sigaltstack */
	S2(131, &s, &os);
	S2(131, 0, &os);
	s.flags = 2;
	S2(131, &s, 0);                 /* SS_DISABLE */
	s.flags = 1;
	S2(131, &s, 0);                 /* SS_ONSTACK */
	s.flags = 1U << 31;
	S2(131, &s, 0);                 /* SS_AUTODISARM */
	S2(131, 0, &os);
	s.flags = 0x10;
	S2(131, &s, 0);
	S2(131, 0x10, 0);

	sa(23, handler, 0x10000000 | 0x08000000 | 4);
	S3(234, pid, tid, 23);          /* tgkill: SI_TKILL, then rt_sigreturn */
	S2(200, tid, 23);               /* tkill */
	S2(62, pid, 23);                /* kill: SI_USER */
	si[0] = 23;
	si[2] = -1;                     /* SI_QUEUE */
	si[4] = (int)pid;
	si[6] = 77;
	S3(129, pid, 23, si);           /* rt_sigqueueinfo */

	sa(14, handler, 0);
	S1(37, 1);                      /* alarm(1); pause: ERESTARTNOHAND, SIGALRM SI_KERNEL */
	S0(34);
	S3(38, 0, &it, &oit);           /* setitimer, getitimer */
	S2(36, 0, &oit);
	S0(34);
	it = (struct itv){ { 1, 0 }, { 1, 500 } };
	S3(38, 1, &it, 0);
	S3(38, 2, &it, &oit);
	S3(38, 1, 0, &oit);
	S2(36, 2, &oit);
	S2(36, 5, &oit);
	S3(38, 5, &it, 0);
	S2(36, 0, 0x10);
	it = (struct itv){ { 0, 0 }, { 0, 0 } };
	S3(38, 1, &it, 0);
	S3(38, 2, &it, 0);
	S1(37, 0);

	sa(11, segv, 0x40000000);
	if (!sigsetjmp(jb, 1))
		*(volatile int *)0x10 = 1;                      /* SEGV_MAPERR */
	if (!sigsetjmp(jb, 1))
		*(volatile char *)(void *)main = 1;             /* SEGV_ACCERR */

	struct ts nap = { 0, 300000000 };
	it = (struct itv){ { 0, 0 }, { 0, 100000 } };
	S3(38, 0, &it, 0);
	S2(35, &nap, &nap);             /* nanosleep cut short: ERESTART_RESTARTBLOCK */
	S3(38, 0, &it, 0);
	m = 0;
	S2(130, &m, 8);                 /* rt_sigsuspend: ERESTARTNOHAND */
	return 0;
}
