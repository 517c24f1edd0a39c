/*
 * randtest.c - the syscall lab's checks of getrandom(2) (Linux number 318).
 * It calls the number directly (raw_syscall3), so it builds before the lab
 * is done: on the stock kernel every call returns -ENOSYS.
 *
 *   randtest basic    16 bytes: the result is 16 and the buffer changed
 *   randtest differ   two 32-byte draws differ and neither is all zeros
 *   randtest spread   64 KiB: every byte value appears about 256 times
 *   randtest flags    0, GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE work; others -EINVAL
 *   randtest bad      bad pointers -EFAULT; length 0 returns 0; big lengths work
 *   randtest one      one call of 16 bytes (for strace)
 */
#include "libsys.h"

#define NR_getrandom 318
#ifndef GRND_NONBLOCK          /* your solution may define them (uapi/random.h) */
#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4
#endif

static int failures;

static long
getrandom_raw(void *buf, unsigned long len, unsigned flags)
{
	return raw_syscall3(NR_getrandom, buf, len, flags);
}

static void
expect(int ok, const char *what, long got)
{
	printf("%s %s (got %ld)\n", ok ? "[OK]" : "[FAIL]", what, got);
	if (!ok)
		failures++;
}

static int
all_equal(const unsigned char *p, int n, unsigned char value)
{
	for (int i = 0; i < n; i++)
		if (p[i] != value)
			return 0;
	return 1;
}

static void
basic(void)
{
	unsigned char buf[16];

	memset(buf, 0xaa, sizeof buf);
	long r = getrandom_raw(buf, sizeof buf, 0);
	expect(r == 16, "getrandom(buf, 16, 0) returns 16", r);
	expect(!all_equal(buf, 16, 0xaa), "the buffer was written", r);
}

static void
differ(void)
{
	unsigned char a[32], b[32];

	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	long ra = getrandom_raw(a, sizeof a, 0), rb = getrandom_raw(b, sizeof b, 0);
	expect(ra == 32 && rb == 32, "two draws of 32 bytes", ra == 32 ? rb : ra);
	expect(!all_equal(a, 32, 0) && !all_equal(b, 32, 0), "neither is all zeros", 0);
	expect(memcmp(a, b, 32) != 0, "the two draws differ", 0);
}

static void
spread(void)
{
	static unsigned char buf[65536];
	static unsigned count[256];
	long r = getrandom_raw(buf, sizeof buf, 0);

	expect(r == (long)sizeof buf, "one call fills 64 KiB", r);
	for (unsigned long i = 0; i < sizeof buf; i++)
		count[buf[i]]++;
	unsigned lo = ~0u, hi = 0;
	for (int v = 0; v < 256; v++) {
		lo = count[v] < lo ? count[v] : lo;
		hi = count[v] > hi ? count[v] : hi;
	}
	/* Uniform bytes: each value ~256 times, standard deviation ~16. */
	printf("byte counts: min %u, max %u (uniform: about 256)\n", lo, hi);
	expect(lo >= 150 && hi <= 370, "every byte value appears 150..370 times", (long)lo);
}

static void
flags(void)
{
	unsigned char buf[8];
	static const unsigned good[] = { 0, GRND_NONBLOCK, GRND_RANDOM, GRND_NONBLOCK | GRND_RANDOM,
					 GRND_INSECURE };
	static const unsigned bad[] = { 8, 0x80, GRND_INSECURE | GRND_RANDOM, 0x80000000u };

	for (unsigned i = 0; i < sizeof good / sizeof good[0]; i++) {
		long r = getrandom_raw(buf, sizeof buf, good[i]);
		printf("flags %#x -> %ld\n", good[i], r);
		expect(r == 8, "a valid flag combination returns 8", r);
	}
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long r = getrandom_raw(buf, sizeof buf, bad[i]);
		printf("flags %#x -> %ld\n", bad[i], r);
		expect(r == -EINVAL, "an invalid flag combination returns -EINVAL", r);
	}
}

static void
bad_input(void)
{
	static unsigned char big[1 << 20];
	long r;

	r = getrandom_raw(NULL, 16, 0);
	expect(r == -EFAULT, "NULL buffer: -EFAULT", r);
	r = getrandom_raw((void *)0xffffffff80100000ul, 16, 0);
	expect(r == -EFAULT, "a kernel address: -EFAULT (the kernel is not overwritten)", r);
	r = getrandom_raw((void *)0x00007ffffffff000ul - 8, 4096, 0);
	expect(r == -EFAULT || (r > 0 && r <= 4096), "a buffer running off the user space: -EFAULT or short", r);
	r = getrandom_raw(big, 0, 0);
	expect(r == 0, "length 0 returns 0", r);
	r = getrandom_raw(big, sizeof big, 0);
	expect(r > 0 && r <= (long)sizeof big, "1 MiB: returns how much it filled", r);
	r = getrandom_raw(big, 16, 0);
	expect(r == 16, "still works afterwards", r);
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "basic";

	if (!strcmp(mode, "one")) {
		unsigned char buf[16];
		return getrandom_raw(buf, sizeof buf, 0) == 16 ? 0 : 1;
	}
	if (!strcmp(mode, "basic"))
		basic();
	else if (!strcmp(mode, "differ"))
		differ();
	else if (!strcmp(mode, "spread"))
		spread();
	else if (!strcmp(mode, "flags"))
		flags();
	else if (!strcmp(mode, "bad"))
		bad_input();
	else {
		printf("randtest: unknown mode %s\n", mode);
		return 2;
	}
	printf("randtest %s: %s\n", mode, failures ? "FAILED" : "passed");
	return failures ? 1 : 0;
}
