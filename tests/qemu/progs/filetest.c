/*
 * filetest.c - in-guest tests of files, descriptors, pipes, /proc and the
 * tty ioctls: each call's success path and Linux's error for each misuse.
 */
#include "libsys.h"
#include "testing.h"

static const char motd[] = "This initrd was built by scripts/mkinitrd.sh.\n";

static int
test_open_read(void)
{
	int ok = 1;
	char buf[128];
	int fd = open("/etc/motd", O_RDONLY);

	CHECK(fd >= 3);
	EXPECT_EQ(read(fd, buf, 4), 4);
	CHECK(memcmp(buf, "This", 4) == 0);
	EXPECT_EQ(read(fd, buf, sizeof buf), (long)sizeof motd - 1 - 4);
	EXPECT_EQ(read(fd, buf, sizeof buf), 0);                        /* end of file */
	EXPECT_EQ(lseek(fd, 5, SEEK_SET), 5);
	EXPECT_EQ(read(fd, buf, 6), 6);
	CHECK(memcmp(buf, "initrd", 6) == 0);
	EXPECT_EQ(lseek(fd, -3, SEEK_END), (long)sizeof motd - 1 - 3);
	EXPECT_EQ(lseek(fd, 2, SEEK_CUR), (long)sizeof motd - 1 - 1);
	EXPECT_EQ(raw_syscall3(__NR_lseek, fd, -100, SEEK_SET), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_lseek, fd, 0, 9), -EINVAL);
	/* Past the largest offset: -EINVAL, and the offset stays where it was. */
	EXPECT_EQ(raw_syscall3(__NR_lseek, fd, 0x7fffffffffffffffL, SEEK_SET), 0x7fffffffffffffffL);
	EXPECT_EQ(raw_syscall3(__NR_lseek, fd, 1, SEEK_CUR), -EINVAL);           /* would overflow */
	EXPECT_EQ(raw_syscall3(__NR_lseek, fd, 0x7fffffffffffffffL, SEEK_END), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_lseek, fd, INT64_MIN, SEEK_CUR), -EINVAL);   /* -1 */
	EXPECT_EQ(lseek(fd, sizeof motd - 1 - 1, SEEK_SET), (long)sizeof motd - 1 - 1);
	EXPECT_EQ(pread(fd, buf, 4, 0), 4);                             /* offset unchanged */
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), (long)sizeof motd - 1 - 1);
	EXPECT_EQ(raw_syscall4(__NR_pread64, fd, buf, 4, -1), -EINVAL);
	lseek(fd, 0, SEEK_END);
	EXPECT_EQ(raw_syscall3(__NR_read, fd, 0, 10), 0);               /* at EOF: nothing copied */
	lseek(fd, 0, SEEK_SET);
	EXPECT_EQ(raw_syscall3(__NR_read, fd, 0, 10), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_read, fd, 0xffff800000000000UL, 10), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_write, fd, "x", 1), -EBADF);       /* opened read-only */
	EXPECT_EQ(close(fd), 0);
	EXPECT_EQ(raw_syscall1(__NR_close, fd), -EBADF);
	/* readv across two buffers. */
	fd = open("/etc/motd", O_RDONLY);
	char a[5] = { 0 }, b[8] = { 0 };
	struct iovec iov[2] = { { (uint64_t)a, 4 }, { (uint64_t)b, 7 } };
	EXPECT_EQ(readv(fd, iov, 2), 11);
	CHECK(memcmp(a, "This", 4) == 0 && memcmp(b, " initrd", 7) == 0);
	EXPECT_EQ(raw_syscall3(__NR_readv, fd, iov, -1), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_readv, fd, 0x10, 1), -EFAULT);
	close(fd);
	/* writev to stdout. */
	struct iovec out[2] = { { (uint64_t)"    writev ", 11 }, { (uint64_t)"works\n", 6 } };
	EXPECT_EQ(writev(1, out, 2), 17);
	return ok;
}

static int
test_open_errors(void)
{
	int ok = 1;

	EXPECT_EQ(raw_syscall3(__NR_open, "/nope", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(raw_syscall3(__NR_open, "/etc/motd/x", O_RDONLY, 0), -ENOTDIR);
	EXPECT_EQ(raw_syscall3(__NR_open, "/etc/motd/", O_RDONLY, 0), -ENOTDIR);
	EXPECT_EQ(raw_syscall3(__NR_open, "/etc", O_WRONLY, 0), -EISDIR);
	EXPECT_EQ(raw_syscall3(__NR_open, "/etc/motd", O_WRONLY, 0), -EROFS);
	EXPECT_EQ(raw_syscall3(__NR_open, "/etc/new", O_WRONLY | O_CREAT, 0644), -EROFS);
	EXPECT_EQ(raw_syscall3(__NR_open, "/etc/motd", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	EXPECT_EQ(raw_syscall3(__NR_open, "", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(raw_syscall3(__NR_open, 0, O_RDONLY, 0), -EFAULT);
	EXPECT_EQ(raw_syscall4(__NR_openat, 99, "motd", O_RDONLY, 0), -EBADF);
	int etc = open("/etc", O_RDONLY | O_DIRECTORY);
	CHECK(etc >= 0);
	int fd = openat(etc, "motd", O_RDONLY);                           /* relative to a dir fd */
	CHECK(fd >= 0);
	EXPECT_EQ(raw_syscall4(__NR_openat, fd, "x", O_RDONLY, 0), -ENOTDIR);
	close(fd);
	close(etc);
	/* Running out of descriptors: -EMFILE, and recovery. */
	int fds[70], n = 0;
	long r;
	while ((r = raw_syscall3(__NR_open, "/etc/motd", O_RDONLY, 0)) >= 0 && n < 70)
		fds[n++] = (int)r;
	EXPECT_EQ(r, -EMFILE);
	EXPECT_EQ(n, 64 - 3);
	while (n > 0)
		close(fds[--n]);
	EXPECT_EQ(access("/etc/motd", R_OK), 0);
	EXPECT_EQ(raw_syscall2(__NR_access, "/etc/motd", W_OK), -EROFS);
	EXPECT_EQ(raw_syscall2(__NR_access, "/nope", F_OK), -ENOENT);
	EXPECT_EQ(raw_syscall2(__NR_access, "/etc/motd", 99), -EINVAL);
	return ok;
}

static int
test_stat_getdents(void)
{
	int ok = 1;
	struct stat st;
	char buf[1024];

	EXPECT_EQ(stat("/etc/motd", &st), 0);
	EXPECT_EQ(st.st_size, (long)sizeof motd - 1);
	EXPECT_EQ(st.st_mode & S_IFMT, S_IFREG);
	EXPECT_EQ(stat("/bin", &st), 0);
	EXPECT_EQ(st.st_mode & S_IFMT, S_IFDIR);
	EXPECT_EQ(lstat("/dev/null", &st), 0);
	EXPECT_EQ(st.st_mode & S_IFMT, S_IFCHR);
	EXPECT_EQ(st.st_rdev, (1 << 8) | 3);
	EXPECT_EQ(raw_syscall2(__NR_stat, "/nope", &st), -ENOENT);
	EXPECT_EQ(raw_syscall2(__NR_stat, "/etc/motd", 0), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_fstat, 77, &st), -EBADF);
	EXPECT_EQ(raw_syscall4(__NR_newfstatat, AT_FDCWD, "etc/motd", &st, 0), 0);
	EXPECT_EQ(raw_syscall4(__NR_newfstatat, 1, "", &st, AT_EMPTY_PATH), 0);   /* = fstat */
	EXPECT_EQ(st.st_mode & S_IFMT, S_IFCHR);                                  /* the console */
	/* getdents64: ".", "..", and the files of /etc. */
	int fd = open("/etc", O_RDONLY);
	long n = getdents64(fd, buf, sizeof buf);
	int dot = 0, dotdot = 0, found = 0;
	for (long off = 0; off < n; off += ((struct linux_dirent64 *)(buf + off))->d_reclen) {
		struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
		dot |= strcmp(d->d_name, ".") == 0;
		dotdot |= strcmp(d->d_name, "..") == 0;
		found |= strcmp(d->d_name, "motd") == 0 && d->d_type == DT_REG;
		CHECK(d->d_reclen % 8 == 0);
	}
	CHECK(dot && dotdot && found);
	EXPECT_EQ(getdents64(fd, buf, sizeof buf), 0);                  /* done */
	close(fd);
	fd = open("/etc", O_RDONLY);
	EXPECT_EQ(raw_syscall3(__NR_getdents64, fd, buf, 10), -EINVAL);   /* too small for one */
	EXPECT_EQ(raw_syscall3(__NR_read, fd, buf, 10), -EISDIR);
	close(fd);
	fd = open("/etc/motd", O_RDONLY);
	EXPECT_EQ(raw_syscall3(__NR_getdents64, fd, buf, sizeof buf), -ENOTDIR);
	close(fd);
	return ok;
}

static int
test_cwd(void)
{
	int ok = 1;
	char buf[64];

	EXPECT_EQ(chdir("/etc"), 0);
	CHECK(getcwd(buf, sizeof buf) && strcmp(buf, "/etc") == 0);
	int fd = open("motd", O_RDONLY);                                 /* relative to cwd */
	CHECK(fd >= 0);
	close(fd);
	EXPECT_EQ(chdir(".."), 0);
	CHECK(getcwd(buf, sizeof buf) && strcmp(buf, "/") == 0);
	EXPECT_EQ(raw_syscall1(__NR_chdir, "/etc/motd"), -ENOTDIR);
	EXPECT_EQ(raw_syscall1(__NR_chdir, "/nope"), -ENOENT);
	EXPECT_EQ(raw_syscall2(__NR_getcwd, buf, 1), -ERANGE);
	EXPECT_EQ(raw_syscall2(__NR_getcwd, 0x10, 64), -EFAULT);
	return ok;
}

static int
test_dup_fcntl(void)
{
	int ok = 1;
	char c;
	int fd = open("/etc/motd", O_RDONLY | O_CLOEXEC);

	EXPECT_EQ(fcntl(fd, F_GETFD, 0), FD_CLOEXEC);
	int d = dup(fd);
	EXPECT_EQ(fcntl(d, F_GETFD, 0), 0);                              /* dup clears it */
	read(fd, &c, 1);
	EXPECT_EQ(lseek(d, 0, SEEK_CUR), 1);                             /* shared offset */
	EXPECT_EQ(dup2(fd, 40), 40);
	EXPECT_EQ(dup2(40, 40), 40);
	EXPECT_EQ(raw_syscall2(__NR_dup2, 55, 56), -EBADF);
	EXPECT_EQ(raw_syscall2(__NR_dup2, fd, 64), -EBADF);
	EXPECT_EQ(raw_syscall3(__NR_dup3, fd, fd, 0), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_dup3, fd, 41, 0x1), -EINVAL);
	EXPECT_EQ(dup3(fd, 41, O_CLOEXEC), 41);
	EXPECT_EQ(fcntl(41, F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(fcntl(fd, F_DUPFD, 50), 50);
	EXPECT_EQ(fcntl(fd, F_DUPFD_CLOEXEC, 50), 51);
	EXPECT_EQ(fcntl(51, F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(fcntl(fd, F_SETFD, 0), 0);
	EXPECT_EQ(fcntl(fd, F_GETFD, 0), 0);
	EXPECT_EQ(fcntl(fd, F_GETFL, 0) & O_ACCMODE, O_RDONLY);
	EXPECT_EQ(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	CHECK(fcntl(fd, F_GETFL, 0) & O_NONBLOCK);
	EXPECT_EQ(raw_syscall3(__NR_fcntl, fd, 9999, 0), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_fcntl, 77, F_GETFD, 0), -EBADF);
	for (int i = 0; i < 64; i++)
		if (i > 2)
			close(i);
	/* O_CLOEXEC is honoured by execve: the child sees fd 3 closed. */
	fd = open("/etc/motd", O_RDONLY | O_CLOEXEC);
	EXPECT_EQ(fd, 3);
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = { "/bin/fdcheck", "3", NULL };
		execve(argv[0], argv, environ);
		_exit(99);
	}
	int status;
	waitpid(pid, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 0);          /* fdcheck: 0 = "fd 3 is closed" */
	close(fd);
	return ok;
}

static int
test_devices(void)
{
	int ok = 1;
	char buf[8] = "xxxxxxx";
	struct winsize ws;
	struct termios t;

	int null = open("/dev/null", O_RDWR), zero = open("/dev/zero", O_RDONLY);
	EXPECT_EQ(write(null, "abc", 3), 3);
	EXPECT_EQ(read(null, buf, 8), 0);
	EXPECT_EQ(read(zero, buf, 8), 8);
	CHECK(buf[0] == 0 && buf[7] == 0);
	EXPECT_EQ(raw_syscall3(__NR_ioctl, null, TIOCGWINSZ, &ws), -ENOTTY);
	int fd = open("/etc/motd", O_RDONLY);
	EXPECT_EQ(raw_syscall3(__NR_ioctl, fd, TCGETS, &t), -ENOTTY);
	EXPECT_EQ(isatty(fd), 0);
	close(fd);
	close(null);
	close(zero);
	/* The console is a terminal. */
	EXPECT_EQ(isatty(1), 1);
	EXPECT_EQ(ioctl(1, TIOCGWINSZ, &ws), 0);
	EXPECT_EQ(ws.ws_col, 80);
	EXPECT_EQ(ioctl(0, TCGETS, &t), 0);
	CHECK(t.c_lflag & ICANON);
	EXPECT_EQ(ioctl(0, TCSETS, &t), 0);
	EXPECT_EQ(raw_syscall3(__NR_ioctl, 0, 0x9999, 0), -ENOTTY);
	EXPECT_EQ(raw_syscall3(__NR_ioctl, 0, TCGETS, 0x10), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_ioctl, 99, TCGETS, &t), -EBADF);
	/* The controlling terminal: none at boot (as Linux's /dev/console for
	 * init), so no foreground group and no /dev/tty... */
	pid_t pg = 0;
	EXPECT_EQ(raw_syscall3(__NR_ioctl, 0, TIOCGPGRP, &pg), -ENOTTY);
	EXPECT_EQ(raw_syscall3(__NR_ioctl, 0, TIOCSPGRP, &(pid_t){ getpgrp() }), -ENOTTY);
	EXPECT_EQ(raw_syscall2(__NR_open, "/dev/tty", O_RDWR), -ENXIO);
	/* ... until a session leader claims it (init here: pid 1 leads session 1). */
	pid_t child = fork();
	if (child == 0)                               /* not a session leader: refused */
		_exit(raw_syscall3(__NR_ioctl, 0, TIOCSCTTY, 0) == -EPERM ? 0 : 1);
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT_EQ(status, 0);
	EXPECT_EQ(ioctl(0, TIOCSCTTY, 0), 0);
	EXPECT_EQ(ioctl(0, TIOCGPGRP, &pg), 0);
	EXPECT_EQ(pg, getpgrp());                    /* claiming makes us the foreground */
	EXPECT_EQ(ioctl(0, TIOCSPGRP, &(pid_t){ getpgrp() }), 0);
	EXPECT_EQ(raw_syscall3(__NR_ioctl, 0, TIOCSPGRP, &(pid_t){ 4242 }), -EPERM);  /* no such group */
	EXPECT_EQ(raw_syscall3(__NR_ioctl, 0, TIOCSPGRP, &(pid_t){ 0 }), -EINVAL);
	int tty = open("/dev/tty", O_RDWR);
	CHECK(tty >= 0);
	EXPECT_EQ(isatty(tty), 1);
	close(tty);
	return ok;
}

static int
test_proc(void)
{
	int ok = 1;
	char buf[2048], path[64];

	int fd = open("/proc/meminfo", O_RDONLY);
	long n = read(fd, buf, sizeof buf - 1);
	CHECK(n > 0);
	buf[n > 0 ? n : 0] = '\0';
	CHECK(strncmp(buf, "MemTotal:", 9) == 0);
	CHECK(strstr(buf, "\nSlab:") != NULL);
	close(fd);
	/* The kernel heap's size classes, in Linux's slabinfo format (sysfuzz counts its blocks). */
	fd = open("/proc/slabinfo", O_RDONLY);
	n = read(fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	CHECK(strncmp(buf, "slabinfo - version: 2.1\n", 24) == 0);
	CHECK(strstr(buf, "\nkmalloc-32 ") != NULL && strstr(buf, "\nkmalloc-2048 ") != NULL);
	close(fd);
	snprintf(path, sizeof path, "/proc/%d/status", getpid());
	fd = open(path, O_RDONLY);
	n = read(fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	CHECK(strncmp(buf, "Name:\tfiletest\n", 15) == 0);
	CHECK(strchr(buf, 'S') != NULL);
	close(fd);
	fd = open("/proc/self/maps", O_RDONLY);
	n = read(fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	CHECK(n > 0 && strncmp(buf, "000000400000-", 13) == 0);
	close(fd);
	EXPECT_EQ(raw_syscall3(__NR_open, "/proc/99999/status", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(raw_syscall3(__NR_open, "/proc/1/nothing", O_RDONLY, 0), -ENOENT);
	EXPECT_EQ(raw_syscall3(__NR_open, "/proc/meminfo", O_WRONLY, 0), -EROFS);
	EXPECT_EQ(raw_syscall1(__NR_chdir, "/proc/self"), -EACCES);
	/* ls /proc sees our pid. */
	char name[16];
	int seen = 0;
	snprintf(name, sizeof name, "%d", getpid());
	fd = open("/proc", O_RDONLY);
	while ((n = getdents64(fd, buf, sizeof buf)) > 0)
		for (long off = 0; off < n; off += ((struct linux_dirent64 *)(buf + off))->d_reclen)
			seen |= strcmp(((struct linux_dirent64 *)(buf + off))->d_name, name) == 0;
	close(fd);
	CHECK(seen);
	return ok;
}

/* The kernel's symbolic links: /proc/self -> "<pid>", /proc/<pid>/exe -> the program. */
static int
test_proc_links(void)
{
	int ok = 1;
	char buf[64], pid[16];
	struct stat st;

	snprintf(pid, sizeof pid, "%d", getpid());
	memset(buf, 0, sizeof buf);
	EXPECT_EQ(raw_syscall3(__NR_readlink, "/proc/self", buf, sizeof buf), (long)strlen(pid));
	CHECK(strcmp(buf, pid) == 0);
	memset(buf, 0, sizeof buf);
	EXPECT_EQ(raw_syscall3(__NR_readlink, "/proc/self/exe", buf, sizeof buf), 13);
	CHECK(strcmp(buf, "/bin/filetest") == 0);
	memset(buf, 0, sizeof buf);                              /* readlinkat, relative to /proc */
	int proc = open("/proc", O_RDONLY);
	EXPECT_EQ(raw_syscall4(__NR_readlinkat, proc, "self/exe", buf, sizeof buf), 13);
	close(proc);
	memset(buf, 0, sizeof buf);                              /* truncated, no NUL: as Linux */
	EXPECT_EQ(raw_syscall3(__NR_readlink, "/proc/self/exe", buf, 4), 4);
	CHECK(memcmp(buf, "/bin", 4) == 0 && buf[4] == '\0');
	/* lstat sees the link, stat what it points to. */
	EXPECT_EQ(lstat("/proc/self/exe", &st), 0);
	EXPECT_EQ(st.st_mode & S_IFMT, S_IFLNK);
	EXPECT_EQ(lstat("/proc/self", &st), 0);
	EXPECT_EQ(st.st_mode & S_IFMT, S_IFLNK);
	EXPECT_EQ(stat("/proc/self/exe", &st), 0);
	EXPECT_EQ(st.st_mode & S_IFMT, S_IFREG);
	EXPECT_EQ(stat("/proc/self", &st), 0);
	EXPECT_EQ(st.st_mode & S_IFMT, S_IFDIR);
	/* Opening follows it: the program's ELF header. */
	int fd = open("/proc/self/exe", O_RDONLY);
	EXPECT_EQ(read(fd, buf, 4), 4);
	CHECK(memcmp(buf, "\177ELF", 4) == 0);
	close(fd);
	/* Errors. */
	EXPECT_EQ(raw_syscall3(__NR_readlink, "/proc/meminfo", buf, sizeof buf), -EINVAL);  /* not a link */
	EXPECT_EQ(raw_syscall3(__NR_readlink, "/proc/self/exe", buf, 0), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_readlink, "/proc/self/exe", 0x10, sizeof buf), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_readlink, 0x10, buf, sizeof buf), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_readlink, "/proc/99999/exe", buf, sizeof buf), -ENOENT);
	EXPECT_EQ(raw_syscall3(__NR_readlink, "/nonexistent", buf, sizeof buf), -ENOENT);
	/* ls /proc/self lists exe as a link; ls /proc lists self. */
	int links = 0;
	char dents[1024];
	long n;
	fd = open("/proc/self", O_RDONLY);
	while ((n = getdents64(fd, dents, sizeof dents)) > 0)
		for (long off = 0; off < n; off += ((struct linux_dirent64 *)(dents + off))->d_reclen) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(dents + off);
			links += strcmp(d->d_name, "exe") == 0 && d->d_type == DT_LNK;
		}
	close(fd);
	fd = open("/proc", O_RDONLY);
	while ((n = getdents64(fd, dents, sizeof dents)) > 0)
		for (long off = 0; off < n; off += ((struct linux_dirent64 *)(dents + off))->d_reclen) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(dents + off);
			links += strcmp(d->d_name, "self") == 0 && d->d_type == DT_LNK;
		}
	close(fd);
	EXPECT_EQ(links, 2);
	return ok;
}

/* ------------------------------------------------------------------ pipes */

static int
test_pipe_basics(void)
{
	int ok = 1, p[2];
	char buf[16];

	EXPECT_EQ(pipe(p), 0);
	EXPECT_EQ(write(p[1], "hello", 5), 5);
	EXPECT_EQ(read(p[0], buf, sizeof buf), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	EXPECT_EQ(raw_syscall3(__NR_lseek, p[0], 0, SEEK_SET), -ESPIPE);
	EXPECT_EQ(raw_syscall3(__NR_write, p[0], "x", 1), -EBADF);       /* the read end */
	EXPECT_EQ(raw_syscall3(__NR_read, p[1], buf, 1), -EBADF);
	close(p[1]);
	EXPECT_EQ(read(p[0], buf, sizeof buf), 0);                       /* EOF: no writers */
	close(p[0]);
	EXPECT_EQ(raw_syscall1(__NR_pipe, 0x10), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_pipe2, p, 0x40000), -EINVAL);
	/* O_NONBLOCK: -EAGAIN instead of sleeping, both ways. */
	EXPECT_EQ(pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
	EXPECT_EQ(fcntl(p[0], F_GETFD, 0), FD_CLOEXEC);
	EXPECT_EQ(raw_syscall3(__NR_read, p[0], buf, 1), -EAGAIN);
	static char big[8192];
	long w = raw_syscall3(__NR_write, p[1], big, sizeof big);
	EXPECT_EQ(w, 4096);                                            /* what fitted */
	EXPECT_EQ(raw_syscall3(__NR_write, p[1], "x", 1), -EAGAIN);
	close(p[0]);
	close(p[1]);
	return ok;
}

static int
test_pipe_blocking(void)
{
	int ok = 1, p[2], status;
	char buf[64];

	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		sleep_ms(30);                        /* the parent blocks in read meanwhile */
		write(p[1], "late news", 9);
		_exit(0);
	}
	close(p[1]);
	EXPECT_EQ(read(p[0], buf, sizeof buf), 9);
	EXPECT_EQ(read(p[0], buf, sizeof buf), 0);                       /* child exited: EOF */
	waitpid(pid, &status, 0);
	close(p[0]);
	/* A writer blocks when the pipe is full, until the reader drains it. */
	pipe(p);
	pid = fork();
	if (pid == 0) {
		static char data[20000];
		close(p[0]);
		_exit(write(p[1], data, sizeof data) == sizeof data ? 0 : 1);
	}
	close(p[1]);
	long total = 0, n;
	sleep_ms(10);
	while ((n = read(p[0], buf, sizeof buf)) > 0)
		total += n;
	EXPECT_EQ(total, 20000);
	waitpid(pid, &status, 0);
	EXPECT_EQ(status, 0);
	close(p[0]);
	return ok;
}

static int
write_to_closed_pipe(void)
{
	int p[2];
	pipe(p);
	close(p[0]);
	write(p[1], "x", 1);                         /* SIGPIPE: dies here */
	return 0;
}

static int
test_sigpipe(void)
{
	int ok = 1, p[2], status;

	pid_t pid = fork();
	if (pid == 0)
		_exit(write_to_closed_pipe());
	waitpid(pid, &status, 0);
	EXPECT_EQ(status, SIGPIPE);                      /* killed by SIGPIPE */
	signal_ignore(SIGPIPE, 1);                       /* ignored: -EPIPE instead */
	pipe(p);
	close(p[0]);
	EXPECT_EQ(raw_syscall3(__NR_write, p[1], "x", 1), -EPIPE);
	close(p[1]);
	signal_ignore(SIGPIPE, 0);
	return ok;
}

/* Two writers, messages of PIPE_BUF bytes each: never interleaved. */
static int
test_pipe_atomic(void)
{
	int ok = 1, p[2];
	static char msg[4096], got[4096];

	pipe(p);
	for (int w = 0; w < 2; w++) {
		if (fork() == 0) {
			close(p[0]);
			memset(msg, 'a' + w, sizeof msg);
			for (int i = 0; i < 20; i++)
				if (write(p[1], msg, sizeof msg) != sizeof msg)
					_exit(1);
			_exit(0);
		}
	}
	close(p[1]);
	for (int i = 0; i < 40; i++) {
		long have = 0, n;
		while (have < 4096 && (n = read(p[0], got + have, 4096 - have)) > 0)
			have += n;
		EXPECT_EQ(have, 4096);
		for (int k = 1; k < 4096; k++)
			if (got[k] != got[0]) {
				printf("    message %d mixes '%c' and '%c'\n", i, got[0], got[k]);
				ok = 0;
				break;
			}
	}
	char extra;
	EXPECT_EQ(read(p[0], &extra, 1), 0);
	int status;
	while (wait(&status) > 0)
		EXPECT_EQ(status, 0);
	close(p[0]);
	return ok;
}

/* /sys: the few read-only files real programs read at start-up. */
static int
read_whole(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	long n = read(fd, buf, size - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = 0;
	return (int)n;
}

static int
test_sys(void)
{
	int ok = 1;
	char buf[64];

	EXPECT_EQ(read_whole("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", buf, sizeof buf), 8);
	CHECK(strcmp(buf, "2097152\n") == 0);
	CHECK(read_whole("/sys/kernel/mm/transparent_hugepage/enabled", buf, sizeof buf) > 0);
	CHECK(strcmp(buf, "always [madvise] never\n") == 0);
	EXPECT_EQ(read_whole("/sys/devices/system/cpu/online", buf, sizeof buf), 2);
	CHECK(strcmp(buf, "0\n") == 0);
	/* Read-only, like the rest of the tree (and /proc: EROFS). */
	EXPECT_EQ(raw_syscall2(__NR_open, "/sys/kernel/mm/transparent_hugepage/hpage_pmd_size",
			       O_WRONLY), -EROFS);
	EXPECT_EQ(raw_syscall2(__NR_open, "/sys/nope", O_RDONLY), -ENOENT);
	struct stat st;
	EXPECT_EQ(stat("/sys/kernel/mm", &st), 0);
	CHECK((st.st_mode & S_IFMT) == S_IFDIR);
	return ok;
}

/* RLIMIT_NOFILE: no descriptor at or above the soft limit. */
static int
test_nofile_limit(void)
{
	int ok = 1;
	struct rlimit lim, old;

	EXPECT_EQ(raw_syscall2(__NR_getrlimit, RLIMIT_NOFILE, &old), 0);
	EXPECT_EQ(old.rlim_cur, 64);
	EXPECT_EQ(old.rlim_max, 64);
	lim = (struct rlimit){ 65, 65 };
	EXPECT_EQ(raw_syscall2(__NR_setrlimit, RLIMIT_NOFILE, &lim), -EPERM);   /* past the table */
	lim = (struct rlimit){ 20, 10 };
	EXPECT_EQ(raw_syscall2(__NR_setrlimit, RLIMIT_NOFILE, &lim), -EINVAL);  /* soft > hard */
	lim = (struct rlimit){ 10, 64 };
	EXPECT_EQ(raw_syscall2(__NR_setrlimit, RLIMIT_NOFILE, &lim), 0);
	int fds[16], n = 0, fd;
	while ((fd = (int)raw_syscall2(__NR_open, "/dev/null", O_RDONLY)) >= 0)
		fds[n++] = fd;
	EXPECT_EQ(fd, -EMFILE);
	CHECK(fds[n - 1] == 9);                      /* the last one below the limit */
	EXPECT_EQ(raw_syscall2(__NR_dup2, 0, 10), -EBADF);
	EXPECT_EQ(raw_syscall3(__NR_fcntl, 0, F_DUPFD, 10), -EINVAL);
	for (int i = 0; i < n; i++)
		close(fds[i]);
	EXPECT_EQ(raw_syscall2(__NR_setrlimit, RLIMIT_NOFILE, &old), 0);
	EXPECT_EQ(raw_syscall2(__NR_dup2, 0, 10), 10);
	close(10);
	EXPECT_EQ(raw_syscall2(__NR_getrlimit, 16, &lim), -EINVAL);
	EXPECT_EQ(raw_syscall2(__NR_getrlimit, RLIMIT_NOFILE, 0x10), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_setrlimit, RLIMIT_NOFILE, 0x10), -EFAULT);
	return ok;
}

/*
 * Running out, pipe by pipe: pipe() gives -EMFILE when the table is full -
 * also when one descriptor is left, without leaking the half-made pipe -
 * and every page comes back when they are closed. Then one write of
 * 256 KiB to a reader that drains it slowly: the writer sleeps and wakes
 * some sixty times and the count returned is the whole (Linux: a blocking
 * write is not cut short by a slow reader).
 */
static unsigned long
free_bytes(void)
{
	struct sysinfo si;
	sysinfo(&si);
	return si.freeram * si.mem_unit;
}

static int
test_pipe_exhaustion(void)
{
	int ok = 1, p[2], fds[70], n = 0;
	long r;
	unsigned long before = free_bytes();

	while ((r = raw_syscall1(__NR_pipe, p)) == 0 && n < 68)
		fds[n++] = p[0], fds[n++] = p[1];
	EXPECT_EQ(r, -EMFILE);
	EXPECT_EQ(n, 60);                            /* 61 free: the last one is left alone */
	EXPECT_EQ(raw_syscall3(__NR_open, "/etc/motd", O_RDONLY, 0), 63);   /* ... and usable */
	close(63);
	while (n > 0)
		close(fds[--n]);
	EXPECT_EQ(free_bytes(), before);
	/* A big write, a slow reader. */
	static char big[256 * 1024];
	memset(big, 'w', sizeof big);
	pipe(p);
	pid_t reader = fork();
	if (reader == 0) {
		char chunk[4096];
		long got = 0, k;
		close(p[1]);
		while ((k = read(p[0], chunk, sizeof chunk)) > 0) {
			got += k;
			if (got % (64 * 1024) < (long)sizeof chunk)
				sleep_ms(5);             /* now and then, a pause */
		}
		_exit(got == (long)sizeof big ? 0 : 1);
	}
	close(p[0]);
	EXPECT_EQ(write(p[1], big, sizeof big), (long)sizeof big);
	close(p[1]);
	EXPECT_EQ(reap(reader), 0);
	return ok;
}

int
main(void)
{
	run("open_read", test_open_read);
	run("open_errors", test_open_errors);
	run("stat_getdents", test_stat_getdents);
	run("cwd", test_cwd);
	run("dup_fcntl", test_dup_fcntl);
	run("devices", test_devices);
	run("proc", test_proc);
	run("proc_links", test_proc_links);
	run("pipe_basics", test_pipe_basics);
	run("pipe_blocking", test_pipe_blocking);
	run("sigpipe", test_sigpipe);
	run("pipe_atomic", test_pipe_atomic);
	run("sys", test_sys);
	run("nofile_limit", test_nofile_limit);
	run("pipe_exhaustion", test_pipe_exhaustion);
	printf("filetest: %d passed, %d failed\n", passes, failures);
	return failures;
}
