/*
 * sigaction.c - rt_sigaction's struct (handler, mask, SA_* flags,
 * restorer) and rt_sigprocmask's sets, as strace 6.1 prints them.
 * Used by test_trace_format.c: test_sigaction_decoded.
 */
#include "raw.h"

struct ksa { unsigned long handler, flags, restorer, mask; };
#define B(s) (1UL << ((s) - 1))

int
main(void)
{
	struct ksa a = { 0x4567c0, 0x04000000 | 0x08000000 | 0x10000000 | 4, 0x456900, ~0UL }, o;
	unsigned long m, om;

	S4(13, 23, &a, &o, 8);                          /* SIGURG: Go's form */
	a = (struct ksa){ 0x4567c0, 0x04000000 | 0x40000000 | 0x80000000UL, 0x456900, B(2) | B(3) };
	S4(13, 10, &a, &o, 8);                          /* SA_NODEFER|SA_RESETHAND, [INT QUIT] */
	a = (struct ksa){ 0x4567c0, 0x04000000 | 1 | 2, 0x456900, ~(B(9) | B(19)) };
	S4(13, 17, &a, &o, 8);                          /* SA_NOCLDSTOP|SA_NOCLDWAIT, ~[KILL STOP] */
	a = (struct ksa){ 0x4567c0, 0, 0, B(32) | B(33) };
	S4(13, 12, &a, &o, 8);                          /* [RTMIN RT_1], no restorer */
	a = (struct ksa){ 1, 0x04000000, 0x456900, 0 };
	S4(13, 13, &a, 0, 8);                           /* SIG_IGN */
	a = (struct ksa){ 0, 0x20, 0, 0 };
	S4(13, 14, &a, 0, 8);                           /* an unknown flag alone */
	a = (struct ksa){ 0, 0x04000000 | 0x100, 0x456900, 0 };
	S4(13, 15, &a, 0, 8);                           /* an unknown flag after a known one */
	a = (struct ksa){ 2, 0, 0, 0 };
	S4(13, 16, &a, 0, 8);
	a = (struct ksa){ 0x4567c0, 0x10000000, 0x456900, 0 };
	S4(13, 18, &a, 0, 8);                           /* sa_restorer not shown without SA_RESTORER */
	S4(13, 64, &a, 0, 8);
	S4(13, 34, &a, 0, 8);
	m = ~0UL;
	S4(14, 0, &m, &om, 8);
	m = B(2) | B(3);
	S4(14, 1, &m, &om, 8);
	m = B(32) | B(33);
	S4(14, 2, &m, &om, 8);
	m = ~(B(9) | B(19));
	S4(14, 2, &m, &om, 8);
	S4(14, 5, &m, 0, 8);
	return 0;
}
