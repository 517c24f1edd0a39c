/* kill.c - send a signal: kill [-N] PID...  (default SIGTERM; PID < 0: a group). */
#include "libsys.h"

int
main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9')
		sig = (int)atol(argv[1] + 1), i = 2;
	if (i >= argc) {
		dprintf(2, "usage: kill [-SIGNAL] PID...\n");
		return 1;
	}
	for (; i < argc; i++)
		if (kill((pid_t)atol(argv[i]), sig) < 0) {
			dprintf(2, "kill: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	return status;
}
