/*
 * keyboard.c - the PS/2 keyboard (IRQ 1, data on port 0x60), for typing in
 * QEMU's window. Scan code set 1: one byte per key press, the same byte
 * with bit 7 set on release. Letters, digits, punctuation, Enter,
 * Backspace, Shift and Ctrl are enough for a shell.
 */
#include <stdbool.h>
#include <stdint.h>

#include "vfs.h"
#include "x86.h"

#define KBD_DATA 0x60
#define SC_LSHIFT 0x2a
#define SC_RSHIFT 0x36
#define SC_CTRL 0x1d
#define SC_RELEASED 0x80

static const char normal[128] = {
	0, 27, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', 0x7f, '\t',
	'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\n', 0, 'a', 's',
	'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0, '\\', 'z', 'x', 'c', 'v',
	'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ',
};
static const char shifted[128] = {
	0, 27, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', 0x7f, '\t',
	'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\n', 0, 'A', 'S',
	'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0, '|', 'Z', 'X', 'C', 'V',
	'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ',
};

static bool shift, ctrl;

void
keyboard_interrupt(void)
{
	uint8_t sc = inb(KBD_DATA);
	bool released = sc & SC_RELEASED;
	uint8_t key = sc & ~SC_RELEASED;

	if (key == SC_LSHIFT || key == SC_RSHIFT) {
		shift = !released;
		return;
	}
	if (key == SC_CTRL) {
		ctrl = !released;
		return;
	}
	if (released)
		return;
	char c = shift ? shifted[key] : normal[key];
	if (c == 0)
		return;
	if (ctrl && c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 1);    /* ^A = 1 ... ^C = 3, ^D = 4 */
	tty_input_char(c);
}
