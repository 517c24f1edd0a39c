/*
 * ls.c - list directories with getdents64(2); -l adds type, size and inode
 * from stat(2). Names come out in the order the directory gives them.
 */
#include "libsys.h"

static int long_format;

static char
type_char(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return 'd';
	case S_IFCHR: return 'c';
	case S_IFIFO: return 'p';
	default: return '-';
	}
}

static void
show(const char *dir, const char *name)
{
	char path[512];
	struct stat st;

	if (!long_format) {
		printf("%s\n", name);
		return;
	}
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (stat(path, &st) < 0) {
		printf("?????????? %s\n", name);
		return;
	}
	printf("%c%c%c%c%c%c%c%c%c%c %8ld %s\n", type_char(st.st_mode),
	       st.st_mode & 0400 ? 'r' : '-', st.st_mode & 0200 ? 'w' : '-', st.st_mode & 0100 ? 'x' : '-',
	       st.st_mode & 040 ? 'r' : '-', st.st_mode & 020 ? 'w' : '-', st.st_mode & 010 ? 'x' : '-',
	       st.st_mode & 04 ? 'r' : '-', st.st_mode & 02 ? 'w' : '-', st.st_mode & 01 ? 'x' : '-',
	       st.st_size, name);
}

static int
list(const char *path)
{
	char buf[2048];
	struct stat st;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		dprintf(2, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	fstat(fd, &st);
	if ((st.st_mode & S_IFMT) != S_IFDIR) {
		close(fd);
		show(".", path);
		return 0;
	}
	long n;
	while ((n = getdents64(fd, buf, sizeof buf)) > 0) {
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			if (d->d_name[0] != '.')     /* hide . and .. and dot files, as ls does */
				show(path, d->d_name);
			off += d->d_reclen;
		}
	}
	close(fd);
	return n < 0;
}

int
main(int argc, char **argv)
{
	int i = 1, status = 0;

	if (argc > 1 && strcmp(argv[1], "-l") == 0)
		long_format = 1, i = 2;
	if (i == argc)
		return list(".");
	for (; i < argc; i++)
		status |= list(argv[i]);
	return status;
}
