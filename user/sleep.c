/* sleep.c - sleep for N seconds (a decimal fraction like 0.5 works too). */
#include "libsys.h"

int
main(int argc, char **argv)
{
	if (argc < 2) {
		dprintf(2, "usage: sleep SECONDS\n");
		return 1;
	}
	long ms = atol(argv[1]) * 1000;
	const char *dot = strchr(argv[1], '.');
	if (dot != NULL)
		for (long scale = 100; *++dot >= '0' && *dot <= '9' && scale > 0; scale /= 10)
			ms += (*dot - '0') * scale;
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	return nanosleep(&ts, NULL) == 0 ? 0 : 1;
}
