/* uname.c - print the system's name (-a: everything). */
#include "libsys.h"

int
main(int argc, char **argv)
{
	struct utsname u;

	uname(&u);
	if (argc > 1 && strcmp(argv[1], "-a") == 0)
		printf("%s %s %s %s %s\n", u.sysname, u.nodename, u.release, u.version, u.machine);
	else
		printf("%s\n", u.sysname);
	return 0;
}
