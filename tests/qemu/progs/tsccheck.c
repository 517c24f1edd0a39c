/* tsccheck.c - does the TSC, read from user mode, ever go backwards? (It must not:
 * every clock is built on it.) */
#include "libsys.h"

int
main(void)
{
	uint64_t prev = rdtsc_ordered(), worst = 0;
	long back = 0;

	for (long i = 0; i < 3000000; i++) {
		uint64_t t = rdtsc_ordered();
		if (t < prev) {
			back++;
			if (prev - t > worst)
				worst = prev - t;
		}
		prev = t;
	}
	printf("tsccheck: %ld backward steps, worst %lu cycles\n", back, worst);
	return back != 0;
}
