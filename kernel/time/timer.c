/*
 * timer.c - the 8253/8254 Programmable Interval Timer. Channel 0 raises
 * IRQ0 HZ times a second (the kernel's "tick"); channel 2, whose output can
 * be read back through port 0x61, measures a fixed interval to calibrate
 * the TSC (clock.c).
 */
#include "clock.h"
#include "eventpoll.h"
#include "x86.h"

#define PIT_FREQ 1193182         /* input clock of the PIT, Hz */
#define PIT_CH0 0x40
#define PIT_CMD 0x43

volatile uint64_t jiffies;

void
timer_init(void)
{
	uint16_t divisor = (PIT_FREQ + HZ / 2) / HZ;

	outb(PIT_CMD, 0x34);             /* channel 0, lo/hi byte, mode 2 (rate generator) */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
}

/* IRQ0: count the tick and republish the clocks for the vDSO. */
void
timer_interrupt(void)
{
	jiffies++;
	timekeeping_update();
	timerfd_tick(clock_monotonic_ns());   /* expire timerfds, wake their readers */
}
