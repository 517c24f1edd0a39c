/*
 * console.c - the kernel console: every byte goes to COM1 and to the VGA
 * screen. A terminal wants "\r\n", so '\n' is sent to the serial line as
 * "\r\n" (what a tty's ONLCR does on Linux).
 */
#include "console.h"

void
console_init(void)
{
	serial_init();
	vga_init();
}

void
console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
		vga_putc(s[i]);
	}
}
