/*
 * console.h - where kernel and user output goes: COM1 (serial) always, the
 * VGA text screen too when there is one. QEMU's -serial stdio shows COM1 in
 * the terminal.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stddef.h>

void serial_init(void);
void serial_putc(char c);
void serial_enable_input(void);
void serial_interrupt(void);
void keyboard_interrupt(void);
void vga_init(void);
void vga_putc(char c);

void console_init(void);
void console_write(const char *s, size_t n);

#endif
