/*
 * vga.c - the 80x25 VGA text screen at physical 0xb8000: each cell is a
 * character byte and a colour byte. We scroll by moving rows up.
 */
#include <stdint.h>

#include "console.h"
#include "memlayout.h"
#include "string.h"

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_COLOUR 0x07          /* light grey on black */

static volatile uint16_t *vga;
static int row, col;

void
vga_init(void)
{
	vga = phys_to_virt(0xb8000);
	for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
		vga[i] = (VGA_COLOUR << 8) | ' ';
	row = col = 0;
}

static void
vga_scroll(void)
{
	memmove((void *)vga, (const void *)(vga + VGA_COLS),
		(VGA_ROWS - 1) * VGA_COLS * sizeof vga[0]);
	for (int i = 0; i < VGA_COLS; i++)
		vga[(VGA_ROWS - 1) * VGA_COLS + i] = (VGA_COLOUR << 8) | ' ';
	row = VGA_ROWS - 1;
}

void
vga_putc(char c)
{
	if (vga == NULL)
		return;
	if (c == '\n') {
		col = 0;
		row++;
	} else if (c == '\r') {
		col = 0;
	} else if (c == '\b') {
		if (col > 0)
			col--;
	} else {
		vga[row * VGA_COLS + col] = (VGA_COLOUR << 8) | (uint8_t)c;
		if (++col == VGA_COLS) {
			col = 0;
			row++;
		}
	}
	if (row == VGA_ROWS)
		vga_scroll();
}
