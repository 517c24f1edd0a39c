/* fdcheck.c - exit 0 if fd argv[1] is closed (fcntl says -EBADF), else 1. */
#include "libsys.h"

int
main(int argc, char **argv)
{
	return argc > 1 && raw_syscall3(__NR_fcntl, atol(argv[1]), F_GETFD, 0) == -EBADF ? 0 : 1;
}
