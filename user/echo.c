/* echo.c - print the arguments, separated by spaces (-n: no newline). */
#include "libsys.h"

int
main(int argc, char **argv)
{
	int newline = 1, i = 1;

	if (argc > 1 && strcmp(argv[1], "-n") == 0)
		newline = 0, i = 2;
	for (int first = i; i < argc; i++)
		printf("%s%s", i > first ? " " : "", argv[i]);
	if (newline)
		printf("\n");
	return 0;
}
