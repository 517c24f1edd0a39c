/*
 * restart.c - a sleeping child is stopped and continued: its nanosleep is
 * resumed by restart_syscall(<... resuming interrupted nanosleep ...>); the
 * parent sees SIGCHLD with CLD_STOPPED and CLD_CONTINUED. Run with -f.
 * Used by test_trace_format.c: test_signal_lines and test_restart_syscall.
 */
#include "raw.h"

struct ts { long s, ns; };

int
main(void)
{
	struct ts t = { 0, 100000000 }, sleep = { 0, 400000000 };
	long pid = S0(57);

	if (pid == 0) {
		S2(35, &sleep, 0);
		return 0;
	}
	S2(35, &t, 0);
	S2(62, pid, 19);                /* SIGSTOP */
	S2(35, &t, 0);
	S2(62, pid, 18);                /* SIGCONT */
	S4(61, pid, 0, 0, 0);
	return 0;
}
