/*
 * fuzz.h - what the harnesses in tests/fuzz/ share.
 *
 * A harness is one function, LLVMFuzzerTestOneInput, that libFuzzer calls
 * with each input it makes up. A crash, a sanitizer report or a failed
 * FUZZ_CHECK makes libFuzzer stop and save the input. FUZZ_CHECK is for
 * the invariants a harness asserts beyond "no crash": it prints what
 * failed and aborts, which libFuzzer reports like any crash.
 *
 * -I kernel/include makes <string.h> the kernel's header (libc-compatible
 * prototypes, the host's C library underneath), as in tests/host.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "string.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                        \
	do {                                                                         \
		if (!(cond)) {                                                       \
			fprintf(stderr, "\nFUZZ_CHECK failed at %s:%d: %s\n    ", __FILE__, \
				__LINE__, #cond);                                    \
			fprintf(stderr, __VA_ARGS__);                                \
			fprintf(stderr, "\n");                                       \
			abort();                                                     \
		}                                                                    \
	} while (0)

/*
 * Taking fixed-size values off the front of an input, as libFuzzer's
 * FuzzedDataProvider does: a harness reads its parameters first and uses
 * what is left as the data. Past the end, the values are zero.
 */
struct fuzz_input {
	const uint8_t *data;
	size_t size;
};

static inline uint64_t
fuzz_take(struct fuzz_input *in, size_t bytes)
{
	uint64_t v = 0;

	for (size_t i = 0; i < bytes && in->size > 0; i++, in->data++, in->size--)
		v |= (uint64_t)in->data[0] << (8 * i);
	return v;
}

#endif
