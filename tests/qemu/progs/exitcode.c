/* exitcode.c - exit with the status given as argv[1] (boot-contract tests). */
#include "libsys.h"

int
main(int argc, char **argv)
{
	return argc > 1 ? (int)atol(argv[1]) : 0;
}
