/* panic.h - stop the kernel on a broken invariant (never on user input). */
#ifndef PANIC_H
#define PANIC_H

#include <stdint.h>

struct trap_frame;

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void backtrace_from(uint64_t rbp);

/* Kernel symbols, for backtraces (lib/ksyms.c): name of the function holding addr. */
const char *ksym_lookup(uint64_t addr, uint64_t *offset);

#define assert(cond) \
	do { if (!(cond)) panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__); } while (0)

#endif
