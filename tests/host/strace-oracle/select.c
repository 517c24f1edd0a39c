/*
 * select.c - select and pselect6 (their results list the ready
 * descriptors), mincore, madvise and fcntl, as strace 6.1 prints them.
 * Used by test_trace_format.c: test_select and test_memory_and_fcntl.
 */
#include "raw.h"

struct ts { long s, ns; };
struct tv { long s, us; };
static unsigned char vec[8];

int
main(void)
{
	int p[2];
	unsigned long r, w, e = 0, data[2] = { 0, 8 }, mask = 1UL << 9;
	struct tv tv = { 0, 1000 };
	struct ts ts = { 0, 1000 };

	S2(293, p, 0);
	r = 1UL << p[0];
	w = 1UL << p[1];
	S5(23, p[1] + 1, &r, &w, &e, &tv);              /* the write end is ready */
	r = 1UL << p[0];
	S5(23, p[1] + 1, &r, 0, 0, &tv);                 /* nothing: (Timeout) */
	S5(23, 0, 0, 0, 0, &tv);
	r = (1UL << p[0]) | 1 | 2;
	S5(23, 64, &r, 0, 0, 0x10);
	r = 1UL << p[0];
	w = 1UL << p[1];
	S6(270, p[1] + 1, &r, &w, 0, &ts, 0);            /* pselect6 */
	r = 1UL << p[0];
	S6(270, p[1] + 1, &r, 0, 0, &ts, data);
	data[0] = (unsigned long)&mask;
	S6(270, p[1] + 1, 0, 0, 0, &ts, data);

	char *m = (char *)sc6(9, 0, 3 * 4096, 3, 0x22, -1, 0);
	m[0] = 1;
	m[8192] = 1;
	S3(27, m, 3 * 4096, vec);                        /* mincore */
	S3(27, m, 4096, vec);
	S3(27, m + 1, 4096, vec);
	static const int advice[] = { 14, 15, 8, 4, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 21, 22, 23,
				      24, 25, 100, 101, 102 };
	for (unsigned i = 0; i < sizeof advice / sizeof advice[0]; i++)
		S3(28, m, 4096, advice[i]);              /* madvise */

	S3(72, p[0], 3, 0);                              /* fcntl */
	S3(72, p[0], 4, 0x800);
	S3(72, p[0], 3, 0);
	S3(72, p[0], 1030, 3);
	S3(72, p[0], 1, 0);
	S3(72, p[0], 2, 1);
	S3(72, p[0], 1, 0);
	S3(72, p[0], 0, 10);
	S3(72, p[1], 4, 0x800 | 0x400);
	S3(72, p[1], 3, 0);
	S3(72, p[1], 999, 3);
	return 0;
}
