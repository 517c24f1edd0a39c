/*
 * musl-hello.c - an ordinary C program, built with musl-gcc -static (a real
 * C library nobody here wrote), run unchanged on teachos and on the Linux
 * host. tests/run_all.py compares the two outputs line by line.
 *
 * It exercises what a libc needs from a kernel at start-up and in normal
 * use: TLS (arch_prctl), set_tid_address, the auxiliary vector, brk/mmap
 * for malloc, writev for stdio, ioctl(TIOCGWINSZ) to see if stdout is a
 * terminal, open/read/close, clock_gettime through the vDSO, strerror.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int
compare(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
main(int argc, char **argv)
{
	const char *words[] = { "pear", "apple", "fig", "banana", "cherry" };
	struct timespec t1, t2;

	printf("argc=%d argv[1]=%s\n", argc, argc > 1 ? argv[1] : "(none)");
	printf("HOME=%s\n", getenv("HOME") ? getenv("HOME") : "(unset)");

	qsort(words, 5, sizeof words[0], compare);
	printf("sorted:");
	for (int i = 0; i < 5; i++)
		printf(" %s", words[i]);
	printf("\n");

	/* malloc: small blocks (brk) and a big one (mmap). */
	char *small = malloc(100), *big = malloc(1 << 20);
	if (small == NULL || big == NULL)
		return 1;
	snprintf(small, 100, "%s-%d-%.3f", "formatted", 42, 3.14159);
	memset(big, 'x', 1 << 20);
	printf("malloc: %s, big block ends with %c\n", small, big[(1 << 20) - 1]);
	free(big);
	free(small);

	/* A file that exists, and one that does not. */
	if (argc > 1) {
		char line[128] = { 0 };
		int fd = open(argv[1], O_RDONLY);
		if (fd < 0) {
			printf("open %s: %s\n", argv[1], strerror(errno));
			return 1;
		}
		ssize_t n = read(fd, line, sizeof line - 1);
		close(fd);
		printf("read %zd bytes: %s", n, line);
	}
	if (open("/no/such/file", O_RDONLY) < 0)
		printf("open /no/such/file: %s\n", strerror(errno));

	clock_gettime(CLOCK_MONOTONIC, &t1);
	for (volatile int i = 0; i < 100000; i++)
		;
	clock_gettime(CLOCK_MONOTONIC, &t2);
	printf("clock_gettime: monotonic %s\n",
	       t2.tv_sec > t1.tv_sec || (t2.tv_sec == t1.tv_sec && t2.tv_nsec >= t1.tv_nsec) ?
	       "ok" : "went backwards");
	printf("isatty(1)=%s\n", isatty(1) ? "yes" : "no");
	return 0;
}
