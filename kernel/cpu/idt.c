/*
 * idt.c - the Interrupt Descriptor Table: for each of the 256 vectors, the
 * address of its entry stub (cpu/vectors.S), the code segment, the ring
 * allowed to raise it with INT n (DPL), and the IST stack to switch to.
 *
 *   vectors  0..31   CPU exceptions (#DE, #DB, ..., #PF, ...)
 *   vectors 32..47   legacy PIC interrupts, IRQ0 (timer) = 32
 *   others           unused; a stray one is reported, not fatal
 */
#include <stdint.h>

#include "cpu.h"
#include "segment.h"

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;      /* code segment to run the handler in */
	uint8_t ist;            /* 0 = normal stack, 1..7 = TSS.ist[n-1] */
	uint8_t type_attr;      /* P | DPL | type (0xe = 64-bit interrupt gate) */
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));
_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate is 16 bytes");

#define GATE_INTERRUPT 0x8e     /* present, DPL 0, interrupt gate: IF cleared on entry */
#define GATE_DPL3      0x60     /* INT n allowed from ring 3 (int3 = breakpoint) */

#define VEC_NMI 2
#define VEC_BREAKPOINT 3
#define VEC_DOUBLE_FAULT 8
#define VEC_MACHINE_CHECK 18

static struct idt_gate idt[256];
extern const uint64_t trap_stub_table[256];   /* cpu/vectors.S */

static void
set_gate(int vec, uint64_t handler, uint8_t attr, uint8_t ist)
{
	idt[vec] = (struct idt_gate){
		.offset_low = handler & 0xffff,
		.selector = KERNEL_CS,
		.ist = ist,
		.type_attr = attr,
		.offset_mid = (handler >> 16) & 0xffff,
		.offset_high = handler >> 32,
	};
}

void
idt_init(void)
{
	for (int v = 0; v < 256; v++)
		set_gate(v, trap_stub_table[v], GATE_INTERRUPT, 0);
	/* int3 from user code must reach us as #BP (SIGTRAP), not as #GP. */
	set_gate(VEC_BREAKPOINT, trap_stub_table[VEC_BREAKPOINT], GATE_INTERRUPT | GATE_DPL3, 0);
	/* These can arrive when the current stack is unusable: use known-good ones. */
	set_gate(VEC_DOUBLE_FAULT, trap_stub_table[VEC_DOUBLE_FAULT], GATE_INTERRUPT, IST_DOUBLE_FAULT);
	set_gate(VEC_NMI, trap_stub_table[VEC_NMI], GATE_INTERRUPT, IST_NMI);
	set_gate(VEC_MACHINE_CHECK, trap_stub_table[VEC_MACHINE_CHECK], GATE_INTERRUPT, IST_MACHINE_CHECK);

	struct { uint16_t limit; uint64_t base; } __attribute__((packed)) idtr = {
		sizeof(idt) - 1, (uint64_t)idt
	};
	__asm__ volatile("lidt %0" : : "m"(idtr));
}
