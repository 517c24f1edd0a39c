/*
 * panic.c - report a kernel bug and power off. panic() is only for broken
 * kernel invariants; anything a user program can cause is handled by
 * killing that program (cpu/trap.c), never by panicking.
 */
#include <stdarg.h>

#include "memlayout.h"
#include "panic.h"
#include "power.h"
#include "printk.h"
#include "x86.h"

/*
 * Walk the frame-pointer chain (the kernel is built with
 * -fno-omit-frame-pointer): each frame starts with the caller's RBP,
 * followed by the return address.
 *
 *     rbp -> [ saved rbp of caller ] -> next frame
 *            [ return address      ]  = a place inside the caller
 */
void
backtrace_from(uint64_t rbp)
{
	printk("Backtrace:\n");
	for (int depth = 0; depth < 32 && rbp != 0; depth++) {
		/* Stop at anything that is not a plausible kernel stack address. */
		if (rbp < PHYSMAP_BASE || (rbp & 7) != 0)
			break;
		uint64_t *frame = (uint64_t *)rbp;
		uint64_t ret = frame[1];
		uint64_t off;
		const char *name = ksym_lookup(ret, &off);
		printk("  [<%016lx>] %s+0x%lx\n", ret, name ? name : "?", off);
		if (frame[0] <= rbp)     /* stacks grow down: callers are higher */
			break;
		rbp = frame[0];
	}
}

void
panic(const char *fmt, ...)
{
	va_list ap;

	cli();
	printk("KERNEL PANIC: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	backtrace_from((uint64_t)__builtin_frame_address(0));
	power_off(EXIT_KERNEL_PANIC);
}
