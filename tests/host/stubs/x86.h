/*
 * x86.h (host stub) - shadows kernel/include/x86.h for units that need only
 * the interrupt flag: the real irq_save()/irq_restore() execute cli/sti,
 * privileged instructions that crash a host process.
 *
 * A unit gets this file with `-iquote tests/host/stubs` in its cflags:
 * quoted includes search -iquote directories before -I ones, so
 * `#include "x86.h"` in the kernel file finds this one, and the other
 * units keep the kernel's header. Nothing else of x86.h is provided, so a
 * kernel file that starts to need more fails to build rather than running
 * host code in its place.
 *
 * The flag is simulated, not touched: stub_irq_on says whether "interrupts"
 * are on (true at the start), so a test can check that a call leaves them
 * as it found them and that callbacks ran with them off (waitqueue.c
 * defines the variables; stubs.h documents them).
 */
#ifndef X86_H
#define X86_H

#include <stdbool.h>

extern bool stub_irq_on;
extern int stub_irq_saves;       /* irq_save calls since the reset */

/* Turn interrupts off and return whether they were on, for irq_restore(). */
static inline bool
irq_save(void)
{
	bool was_on = stub_irq_on;

	stub_irq_saves++;
	stub_irq_on = false;
	return was_on;
}

static inline void
irq_restore(bool was_on)
{
	if (was_on)
		stub_irq_on = true;
}

#endif
