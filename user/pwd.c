/* pwd.c - print the current directory (getcwd(2)). */
#include "libsys.h"

int
main(void)
{
	char buf[512];

	if (getcwd(buf, sizeof buf) == NULL) {
		dprintf(2, "pwd: %s\n", strerror(errno));
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}
