/*
 * killed.c - a child blocked in read is killed: with SIGKILL strace shows
 * "<... read resumed> <unfinished ...>) = ?" and no signal line; with
 * SIGTERM "= ? ERESTARTSYS" and "--- SIGTERM ... ---". Then the parent's
 * SIGCHLD (CLD_KILLED). Run with -f, argument k or t.
 * Used by test_trace_format.c: test_thread_lines and test_signal_lines.
 */
#include "raw.h"

int
main(int argc, char **argv)
{
	int p[2];
	char b[8];
	struct { long s, ns; } t = { 0, 100000000 };

	(void)argc;
	S1(22, p);
	long pid = S0(57);
	if (pid == 0) {
		S3(0, p[0], b, 8);
		return 0;
	}
	S2(35, &t, 0);
	S2(62, pid, argv[1][0] == 'k' ? 9 : 15);
	S4(61, pid, 0, 0, 0);
	return 0;
}
