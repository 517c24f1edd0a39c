/*
 * pic.c - the two legacy 8259A interrupt controllers. At power-on they
 * deliver IRQ 0-7 on vectors 8-15, which collide with CPU exceptions, so we
 * move ("remap") them to vectors 32-47 and mask all lines except the timer.
 */
#include "cpu.h"
#include "trap.h"
#include "x86.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI 0x20

void
pic_init(void)
{
	outb(PIC1_CMD, 0x11);          /* ICW1: initialise, expect ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ_BASE);     /* ICW2: master vectors 32..39 */
	outb(PIC2_DATA, IRQ_BASE + 8); /* ICW2: slave vectors 40..47 */
	outb(PIC1_DATA, 0x04);         /* ICW3: slave on master's IRQ2 */
	outb(PIC2_DATA, 0x02);         /* ICW3: slave's cascade identity */
	outb(PIC1_DATA, 0x01);         /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, (uint8_t)~(1u << IRQ_TIMER));  /* mask all but the timer */
	outb(PIC2_DATA, 0xff);
}

/* Let IRQ line irq through (each driver enables its own). */
void
pic_unmask(int irq)
{
	uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;

	outb(port, inb(port) & (uint8_t)~(1u << (irq & 7)));
	if (irq >= 8)
		outb(PIC1_DATA, inb(PIC1_DATA) & (uint8_t)~(1u << 2));   /* the cascade */
}

void
pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}
