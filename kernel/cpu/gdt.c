/*
 * gdt.c - the Global Descriptor Table and the Task State Segment.
 *
 * In 64-bit mode segments are mostly vestigial: bases and limits are ignored
 * for CS/DS/ES/SS. What still matters is the descriptor's DPL (the ring),
 * the L bit (64-bit code), and the TSS, which tells the CPU which stack to
 * use when an interrupt moves it from ring 3 to ring 0 (RSP0) and which
 * known-good stacks to use for double faults and NMIs (IST).
 * The layout and why SYSRET forces it: see segment.h.
 */
#include <stdint.h>

#include "cpu.h"
#include "segment.h"
#include "string.h"

/* Descriptor bits (Intel SDM vol. 3, 3.4.5). */
#define SEG_P     (1UL << 47)   /* present */
#define SEG_DPL3  (3UL << 45)   /* descriptor privilege level 3 */
#define SEG_S     (1UL << 44)   /* code/data (not system) */
#define SEG_CODE  (0xaUL << 40) /* execute/read */
#define SEG_DATA  (0x2UL << 40) /* read/write */
#define SEG_L     (1UL << 53)   /* 64-bit code */
#define SEG_DB    (1UL << 54)   /* 32-bit default size */
#define SEG_G     (1UL << 55)   /* limit in 4 KiB units */
#define SEG_LIMIT_MAX (0xffffUL | (0xfUL << 48))
#define SEG_TSS_AVAIL (0x9UL << 40)

/* The 64-bit TSS (SDM vol. 3, 8.7). Packed: the CPU's layout has 8-byte fields at 4-byte offsets. */
struct tss {
	uint32_t reserved0;
	uint64_t rsp0;          /* stack for entries from ring 3 */
	uint64_t rsp1, rsp2;
	uint64_t reserved1;
	uint64_t ist[7];        /* ist[0] is IST1 */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;    /* offset of the I/O permission bitmap */
} __attribute__((packed));
_Static_assert(sizeof(struct tss) == 104, "64-bit TSS is 104 bytes");

static uint64_t gdt[GDT_ENTRIES];
static struct tss tss;

#define IST_STACK_SIZE 4096
static uint8_t ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

static void
tss_descriptor(uint64_t *slot)
{
	uint64_t base = (uint64_t)&tss;
	uint64_t limit = sizeof(tss) - 1;

	/* A system descriptor is 16 bytes: the low 8 look like a segment ... */
	slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | SEG_TSS_AVAIL |
		  SEG_P | (((base >> 24) & 0xff) << 56);
	/* ... and the next 8 hold base bits 63:32. */
	slot[1] = base >> 32;
}

/* Reload CS with a far return, then the data segment registers. */
static void
load_segments(void)
{
	__asm__ volatile(
		"pushq %[cs]\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"           /* pops RIP and CS: now running with our CS */
		"1:\n\t"
		"movw %w[ds], %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		: : [cs] "i"(KERNEL_CS), [ds] "i"(KERNEL_DS) : "rax", "memory");
}

void
gdt_init(void)
{
	gdt[0] = 0;
	gdt[GDT_KERNEL32_CS] = SEG_P | SEG_S | SEG_CODE | SEG_DB | SEG_G | SEG_LIMIT_MAX;
	gdt[GDT_KERNEL_CS] = SEG_P | SEG_S | SEG_CODE | SEG_L | SEG_G | SEG_LIMIT_MAX;
	gdt[GDT_KERNEL_DS] = SEG_P | SEG_S | SEG_DATA | SEG_DB | SEG_G | SEG_LIMIT_MAX;
	gdt[GDT_USER32_CS] = SEG_P | SEG_S | SEG_DPL3 | SEG_CODE | SEG_DB | SEG_G | SEG_LIMIT_MAX;
	gdt[GDT_USER_DS] = SEG_P | SEG_S | SEG_DPL3 | SEG_DATA | SEG_DB | SEG_G | SEG_LIMIT_MAX;
	gdt[GDT_USER_CS] = SEG_P | SEG_S | SEG_DPL3 | SEG_CODE | SEG_L | SEG_G | SEG_LIMIT_MAX;
	tss_descriptor(&gdt[GDT_TSS]);
	/* Its limit is the CPU number (0) and node (0 << 12); nobody loads it. */
	gdt[GDT_CPUNODE] = SEG_P | SEG_S | SEG_DPL3 | SEG_DATA | SEG_DB | (0 | 0 << 12);

	memset(&tss, 0, sizeof tss);
	tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)ist_stacks[0] + IST_STACK_SIZE;
	tss.ist[IST_NMI - 1] = (uint64_t)ist_stacks[1] + IST_STACK_SIZE;
	tss.ist[IST_MACHINE_CHECK - 1] = (uint64_t)ist_stacks[2] + IST_STACK_SIZE;
	/* A bitmap offset past the TSS limit means "no I/O bitmap": every IN/OUT
	 * from ring 3 raises #GP (IOPL is 0). */
	tss.iomap_base = sizeof(tss);

	struct { uint16_t limit; uint64_t base; } __attribute__((packed)) gdtr = {
		sizeof(gdt) - 1, (uint64_t)gdt
	};
	__asm__ volatile("lgdt %0" : : "m"(gdtr));
	load_segments();
	__asm__ volatile("ltr %w0" : : "r"(TSS_SEL));
}

/* Called on every switch to a task: ring 3 -> 0 entries land on its kernel stack. */
void
tss_set_kernel_stack(uint64_t rsp0)
{
	tss.rsp0 = rsp0;
}
