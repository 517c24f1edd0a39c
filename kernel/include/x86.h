/*
 * x86.h - one-instruction wrappers. Each is a single instruction a student
 * can find in the Intel SDM; keeping them here keeps inline asm out of the
 * rest of the kernel.
 */
#ifndef X86_H
#define X86_H

#include <stdbool.h>
#include <stdint.h>

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

static inline void cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void sti(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void hlt(void) { __asm__ volatile("hlt" ::: "memory"); }
/* sti takes effect after the next instruction, so "sti; hlt" cannot miss an interrupt. */
static inline void sti_hlt(void) { __asm__ volatile("sti; hlt" ::: "memory"); }
static inline void pause(void) { __asm__ volatile("pause"); }

static inline uint64_t read_cr0(void) { uint64_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr2(void) { uint64_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr3(void) { uint64_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr4(void) { uint64_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(uint64_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static inline void write_cr3(uint64_t v) { __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void write_cr4(uint64_t v) { __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }
static inline uint64_t read_dr6(void) { uint64_t v; __asm__ volatile("mov %%dr6, %0" : "=r"(v)); return v; }
static inline void write_dr6(uint64_t v) { __asm__ volatile("mov %0, %%dr6" : : "r"(v)); }
#define DR6_SINGLE_STEP (1UL << 14)  /* BS: the trap came from RFLAGS.TF */
#define DR6_RESERVED    0xffff0ff0UL /* the value with no condition recorded */
static inline void invlpg(uint64_t va) { __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory"); }

static inline uint64_t read_rflags(void) { uint64_t f; __asm__ volatile("pushfq; popq %0" : "=r"(f)); return f; }

/* Turn interrupts off and return whether they were on, for irq_restore(). */
static inline bool
irq_save(void)
{
	bool was_on = read_rflags() & (1UL << 9);
	cli();
	return was_on;
}

static inline void
irq_restore(bool was_on)
{
	if (was_on)
		sti();
}

static inline void fxsave(void *area) { __asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory"); }
static inline void fxrstor(const void *area) { __asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory"); }

static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t
rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void
wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline void
cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

/* Model-specific registers (Intel SDM vol. 4). */
#define MSR_EFER           0xc0000080  /* extended features: SCE, LME, LMA, NXE */
#define MSR_STAR           0xc0000081  /* SYSCALL/SYSRET selector bases */
#define MSR_LSTAR          0xc0000082  /* SYSCALL entry point (64-bit) */
#define MSR_CSTAR          0xc0000083  /* SYSCALL entry from 32-bit mode */
#define MSR_FMASK          0xc0000084  /* RFLAGS bits cleared by SYSCALL */
#define MSR_FS_BASE        0xc0000100
#define MSR_GS_BASE        0xc0000101  /* GS base now */
#define MSR_KERNEL_GS_BASE 0xc0000102  /* GS base swapped in by SWAPGS */
#define MSR_TSC_AUX        0xc0000103  /* value RDTSCP and RDPID return */

#define EFER_SCE (1UL << 0)    /* SYSCALL enable */
#define EFER_LME (1UL << 8)    /* long mode enable */
#define EFER_NXE (1UL << 11)   /* no-execute bit in page tables */

#define CR0_WP  (1UL << 16)    /* ring 0 honours read-only pages too */
#define CR4_TSD  (1UL << 2)    /* RDTSC only in ring 0 (we keep it clear) */
#define CR4_UMIP (1UL << 11)   /* SGDT/SIDT/SLDT/SMSW/STR only in ring 0 */
#define CR4_SMEP (1UL << 20)   /* ring 0 may not execute user pages */
#define CR4_SMAP (1UL << 21)   /* ring 0 may not touch user pages unless RFLAGS.AC */

#define RFLAGS_CF   (1UL << 0)
#define RFLAGS_TF   (1UL << 8)
#define RFLAGS_IF   (1UL << 9)
#define RFLAGS_DF   (1UL << 10)
#define RFLAGS_IOPL (3UL << 12)
#define RFLAGS_NT   (1UL << 14)
#define RFLAGS_RF   (1UL << 16)
#define RFLAGS_AC   (1UL << 18)
#define RFLAGS_ID   (1UL << 21)

#endif
