/*
 * ps.c - list processes by reading /proc: getdents64 on /proc gives the
 * pids, /proc/<pid>/status their details. No private system call needed.
 * THR is how many threads the process has (its threads share the PID;
 * each has its own id, which /proc/<id> also answers to, as on Linux).
 */
#include "libsys.h"

/* The value after "Key:" in a status text, copied into out. */
static void
field(const char *text, const char *key, char *out, int size)
{
	size_t k = strlen(key);
	out[0] = '\0';
	for (const char *p = text; *p; p++) {
		if ((p == text || p[-1] == '\n') && strncmp(p, key, k) == 0 && p[k] == ':') {
			p += k + 1;
			while (*p == ' ' || *p == '\t')
				p++;
			int n = 0;
			while (*p && *p != '\n' && n < size - 1)
				out[n++] = *p++;
			out[n] = '\0';
			return;
		}
	}
}

int
main(void)
{
	char buf[2048], text[2048], path[64];
	char name[32], state[32], ppid[16], pgid[16], threads[8], calls[24];
	int fd = open("/proc", O_RDONLY);
	long n;

	if (fd < 0) {
		dprintf(2, "ps: /proc: %s\n", strerror(errno));
		return 1;
	}
	printf("  PID  PPID  PGID THR STATE        SYSCALLS CMD\n");
	while ((n = getdents64(fd, buf, sizeof buf)) > 0) {
		for (long off = 0; off < n; off += ((struct linux_dirent64 *)(buf + off))->d_reclen) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			if (d->d_name[0] < '0' || d->d_name[0] > '9')
				continue;
			snprintf(path, sizeof path, "/proc/%s/status", d->d_name);
			int sfd = open(path, O_RDONLY);
			if (sfd < 0)
				continue;            /* it ended meanwhile */
			long len = read(sfd, text, sizeof text - 1);
			close(sfd);
			text[len > 0 ? len : 0] = '\0';
			field(text, "Name", name, sizeof name);
			field(text, "State", state, sizeof state);
			field(text, "PPid", ppid, sizeof ppid);
			field(text, "NSpgid", pgid, sizeof pgid);
			field(text, "Threads", threads, sizeof threads);
			field(text, "Syscalls", calls, sizeof calls);
			printf("%5s %5s %5s %3s %-12s %8s %s\n", d->d_name, ppid, pgid, threads, state, calls,
			       name);
		}
	}
	close(fd);
	return 0;
}
