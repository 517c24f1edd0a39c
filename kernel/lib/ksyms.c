/*
 * ksyms.c - look up a kernel function name by address, for backtraces.
 *
 * The table is generated at build time (scripts/gen-ksyms.sh) from `nm` of
 * a first link of the kernel, compiled into section .ksyms, and linked in a
 * second pass. linker.ld puts .ksyms at the very end of .rodata, after all
 * code, so adding the table does not move any function: the addresses in
 * the table are the final ones.
 */
#include <stddef.h>
#include <stdint.h>

#include "panic.h"

struct ksym {
	uint64_t addr;
	const char *name;
};

/* Provided by the generated build/ksyms.S (empty in the first link). */
extern const struct ksym ksyms_table[];
extern const uint64_t ksyms_count;

const char *
ksym_lookup(uint64_t addr, uint64_t *offset)
{
	/* Binary search for the last symbol at or below addr (table is sorted). */
	size_t lo = 0, hi = ksyms_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ksyms_table[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	*offset = addr - ksyms_table[lo - 1].addr;
	return ksyms_table[lo - 1].name;
}
