/*
 * watchdog.c - guarded.h's watchdog() as a function of its own, for tests
 * that cannot include guarded.h: those that #include kernel files using
 * x86.h (whose pause() clashes with <unistd.h>) or uapi/mman.h (whose
 * MAP_FAILED clashes with <sys/mman.h>). Declared in host_test.h.
 */
#include "guarded.h"

void
host_watchdog(unsigned seconds)
{
	watchdog(seconds);
}
