/* cat.c - copy files (or stdin) to stdout, with read(2) and write(2). */
#include "libsys.h"

static int
copy(int fd, const char *name)
{
	char buf[4096];
	long n;

	while ((n = read(fd, buf, sizeof buf)) > 0)
		if (write(1, buf, (size_t)n) != n)
			return 1;
	if (n < 0) {
		dprintf(2, "cat: %s: %s\n", name, strerror(errno));
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int status = 0;

	if (argc == 1)
		return copy(0, "stdin");
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			dprintf(2, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		status |= copy(fd, argv[i]);
		close(fd);
	}
	return status;
}
