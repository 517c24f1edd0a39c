/* power.h - how the machine stops (dev/poweroff.c). */
#ifndef POWER_H
#define POWER_H

/*
 * Codes written to QEMU's isa-debug-exit device (port 0xf4); QEMU then exits
 * with status (code << 1) | 1. Part of the boot contract (docs/boot-contract.md).
 */
enum exit_code {
	EXIT_INIT_OK = 0,        /* init exited with status 0      -> QEMU exit 1 */
	EXIT_INIT_FAILED = 1,    /* non-zero status, or a signal   -> QEMU exit 3 */
	EXIT_KERNEL_PANIC = 2,   /* kernel panic                   -> QEMU exit 5 */
	EXIT_NO_INIT = 3,        /* init missing or not loadable   -> QEMU exit 7 */
};

void power_off(enum exit_code code) __attribute__((noreturn));

#endif
