/* poweroff.c - turn the machine off with reboot(2), as on Linux. */
#include "libsys.h"

int
main(void)
{
	reboot_poweroff();
	printf("poweroff: %s\n", strerror(errno));
	return 1;
}
