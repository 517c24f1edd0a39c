/*
 * strace.c - watch a program's system calls, in strace's own format.
 *
 *   strace [-f] [-c] [-C] [-e trace=NAME,...] [-s N] PROG [ARGS...]
 *
 *   -f            follow children (fork, vfork): lines get "[pid N] "
 *   -c            count calls, errors and time; print a summary at the end
 *   -C            like -c, and print the calls too
 *   -e trace=...  only these calls
 *   -s N          show at most N characters of each string (default 32)
 *
 * How it works: no ptrace. strace forks; the child writes the options to
 * /proc/self/trace, which arms the kernel's tracer (kernel/trace/trace.c),
 * and execs PROG; from that execve on, the kernel prints every call of the
 * child as it enters and leaves the kernel. strace itself just waits and
 * exits with PROG's status. See docs/tracing.md.
 */
#include "libsys.h"

static void
usage(void)
{
	dprintf(2, "usage: strace [-f] [-c] [-C] [-e trace=NAME,...] [-s N] PROG [ARGS...]\n");
	exit(1);
}

int
main(int argc, char **argv)
{
	char options[256] = "";
	int follow = 0, count = 0, lines = 1, strsize = 32, i;
	const char *filter = NULL;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *o = argv[i];
		if (strcmp(o, "-f") == 0)
			follow = 1;
		else if (strcmp(o, "-c") == 0)
			count = 1, lines = 0;
		else if (strcmp(o, "-C") == 0)
			count = 1, lines = 1;
		else if (strcmp(o, "-s") == 0 && i + 1 < argc)
			strsize = (int)atol(argv[++i]);
		else if (strcmp(o, "-e") == 0 && i + 1 < argc && strncmp(argv[i + 1], "trace=", 6) == 0)
			filter = argv[++i] + 6;
		else if (strncmp(o, "-etrace=", 8) == 0)
			filter = o + 8;
		else
			usage();
	}
	if (i == argc)
		usage();
	snprintf(options, sizeof options, "%s%s%ss=%d%s%s", follow ? "follow " : "",
		 count ? "count " : "", lines ? "lines " : "", strsize, filter ? " e=" : "",
		 filter ? filter : "");

	char path[256];
	if (strchr(argv[i], '/'))
		snprintf(path, sizeof path, "%s", argv[i]);
	else
		snprintf(path, sizeof path, "/bin/%s", argv[i]);

	pid_t pid = fork();
	if (pid < 0) {
		dprintf(2, "strace: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		int fd = open("/proc/self/trace", O_WRONLY);
		if (fd < 0 || write(fd, options, strlen(options)) < 0) {
			dprintf(2, "strace: cannot trace: %s\n", strerror(errno));
			_exit(1);
		}
		close(fd);
		execve(path, argv + i, environ);   /* the first traced call */
		dprintf(2, "strace: exec: %s: %s\n", path, strerror(errno));
		_exit(1);
	}
	int status;
	while (waitpid(pid, &status, 0) != pid)
		;
	if (WIFSIGNALED(status)) {               /* die the same way, as strace does */
		signal_ignore(WTERMSIG(status), 0);
		kill(getpid(), WTERMSIG(status));
	}
	return WEXITSTATUS(status);
}
