/*
 * poweroff.c - turn the (virtual) machine off, trying in order:
 *   1. QEMU's isa-debug-exit device at port 0xf4 (tests use it: the exit code
 *      tells the test runner how the run ended);
 *   2. ACPI S5 through the PM1a control port QEMU's firmware sets up (0x604),
 *      and the old Bochs/QEMU port 0xb004;
 *   3. halt with interrupts off.
 */
#include "power.h"
#include "x86.h"

#define DEBUG_EXIT_PORT 0xf4
#define ACPI_PM1A_CNT   0x604
#define BOCHS_SHUTDOWN  0xb004
#define ACPI_SLP_EN_S5  0x2000

void
power_off(enum exit_code code)
{
	cli();
	outl(DEBUG_EXIT_PORT, code);            /* ignored when the device is absent */
	outw(ACPI_PM1A_CNT, ACPI_SLP_EN_S5);
	outw(BOCHS_SHUTDOWN, ACPI_SLP_EN_S5);
	for (;;)
		hlt();
}
