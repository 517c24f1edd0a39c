/*
 * serial.c - the 16550 UART on COM1 (I/O port 0x3f8), 115200 baud, 8N1.
 * Output is polled: wait until the transmit holding register is empty, then
 * write the byte. Simple, and it still works inside panic().
 */
#include <stdint.h>

#include "console.h"
#include "vfs.h"
#include "x86.h"

#define COM1 0x3f8
#define UART_DATA 0      /* transmit/receive buffer (DLAB=0), divisor low (DLAB=1) */
#define UART_IER  1      /* interrupt enable (DLAB=0), divisor high (DLAB=1) */
#define UART_FCR  2      /* FIFO control */
#define UART_LCR  3      /* line control: data bits, parity, stop bits, DLAB */
#define UART_MCR  4      /* modem control */
#define UART_LSR  5      /* line status */
#define LSR_THR_EMPTY 0x20

/*
 * Keys typed before the kernel was ready: the UART holds one byte before
 * its FIFO is switched on, and switching the FIFO on empties it (QEMU's
 * 16550 does so), so we take that byte first and replay it later.
 */
static char early_input[16];
static int early_count;

void
serial_init(void)
{
	while (early_count < (int)sizeof early_input && (inb(COM1 + UART_LSR) & 0x01))
		early_input[early_count++] = (char)inb(COM1 + UART_DATA);
	outb(COM1 + UART_IER, 0x00);   /* no interrupts until serial_enable_input */
	outb(COM1 + UART_LCR, 0x80);   /* DLAB=1: next two ports set the baud divisor */
	outb(COM1 + UART_DATA, 1);     /* divisor 1 = 115200 baud (clock 1.8432 MHz / 16) */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x03);   /* DLAB=0, 8 data bits, no parity, 1 stop bit */
	outb(COM1 + UART_FCR, 0xc7);   /* enable and clear FIFOs, 14-byte threshold */
	outb(COM1 + UART_MCR, 0x03);   /* DTR + RTS */
}

/* Interrupt on every received byte (IRQ 4); OUT2 routes the UART's interrupt to the PIC. */
void
serial_enable_input(void)
{
	for (int i = 0; i < early_count; i++)
		tty_input_char(early_input[i]);
	early_count = 0;
	outb(COM1 + UART_MCR, 0x0b);   /* DTR + RTS + OUT2 */
	outb(COM1 + UART_IER, 0x01);   /* "received data available" interrupt */
}

/* IRQ 4: hand every waiting byte to the terminal. */
void
serial_interrupt(void)
{
	while (inb(COM1 + UART_LSR) & 0x01)    /* data ready */
		tty_input_char((char)inb(COM1 + UART_DATA));
}

void
serial_putc(char c)
{
	while ((inb(COM1 + UART_LSR) & LSR_THR_EMPTY) == 0)
		pause();
	outb(COM1 + UART_DATA, (uint8_t)c);
}
