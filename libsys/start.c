/*
 * start.c - from crt0 to main: remember envp and the auxiliary vector,
 * run main, and exit with its return value.
 */
#include "libsys.h"

int main(int argc, char **argv, char **envp);

char **environ;
static const unsigned long *auxv;

void libsys_start(int argc, char **argv, char **envp) __attribute__((noreturn));

void
libsys_start(int argc, char **argv, char **envp)
{
	char **p = envp;

	environ = envp;
	while (*p != NULL)      /* auxv starts after envp's NULL */
		p++;
	auxv = (const unsigned long *)(p + 1);
	exit(main(argc, argv, envp));
}

/* The value of an auxiliary vector entry, or 0 (like glibc's getauxval). */
unsigned long
getauxval(unsigned long type)
{
	for (const unsigned long *a = auxv; a != NULL && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}
