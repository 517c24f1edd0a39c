/*
 * stdio.c - printf and friends. Formatting is the kernel's own engine
 * (kernel/lib/format.c, compiled into libsys too); output is one write(2)
 * per call, so each printf is one system call you can see in a trace.
 */
#include "format.h"
#include "libsys.h"

#define PRINTF_BUF 1024

static int
vdprintf(int fd, const char *fmt, va_list ap)
{
	char buf[PRINTF_BUF];
	int n = format_vsnprintf(buf, sizeof buf, fmt, ap);

	if (n >= PRINTF_BUF)
		n = PRINTF_BUF - 1;
	return (int)write(fd, buf, (size_t)n);
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vdprintf(1, fmt, ap);
	va_end(ap);
	return n;
}

int
dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = format_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int
puts(const char *s)
{
	return printf("%s\n", s);
}

const char *
strerror(int err)
{
	switch (err) {
	case EPERM: return "Operation not permitted";
	case ENOENT: return "No such file or directory";
	case EBADF: return "Bad file descriptor";
	case ENOMEM: return "Cannot allocate memory";
	case EFAULT: return "Bad address";
	case EINVAL: return "Invalid argument";
	case ENOSYS: return "Function not implemented";
	case ECHILD: return "No child processes";
	case EAGAIN: return "Resource temporarily unavailable";
	case ESRCH: return "No such process";
	case ENOEXEC: return "Exec format error";
	case EACCES: return "Permission denied";
	case E2BIG: return "Argument list too long";
	case EINTR: return "Interrupted system call";
	case ENOTDIR: return "Not a directory";
	case EISDIR: return "Is a directory";
	case EMFILE: return "Too many open files";
	case ENOTTY: return "Inappropriate ioctl for device";
	case EROFS: return "Read-only file system";
	case EPIPE: return "Broken pipe";
	case ESPIPE: return "Illegal seek";
	case EEXIST: return "File exists";
	case ENAMETOOLONG: return "File name too long";
	case ERANGE: return "Numerical result out of range";
	case ENXIO: return "No such device or address";
	default: return "Unknown error";
	}
}

const char *
signal_name(int sig)
{
	static const char *const names[] = {
		"0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
		"SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
		"SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
		"SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
		"SIGIO", "SIGPWR", "SIGSYS",
	};
	return sig > 0 && sig < 32 ? names[sig] : "SIGRT";
}
