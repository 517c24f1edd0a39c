/*
 * cpu.h - the processor: features found with CPUID, descriptor tables,
 * per-CPU data reached through %gs, the legacy PIC.
 */
#ifndef CPU_H
#define CPU_H

#include <stdbool.h>
#include <stdint.h>

struct cpu_features {
	bool nx;        /* CPUID 0x80000001 EDX[20]: no-execute pages */
	bool smep;      /* CPUID 7 EBX[7]: supervisor-mode execution prevention */
	bool smap;      /* CPUID 7 EBX[20]: supervisor-mode access prevention */
	bool umip;      /* CPUID 7 ECX[2]: user-mode instruction prevention */
	bool rdtscp;    /* CPUID 0x80000001 EDX[27] */
	bool rdpid;     /* CPUID 7 ECX[22] */
	bool gbpages;   /* CPUID 0x80000001 EDX[26]: 1 GiB pages */
	bool invariant_tsc;  /* CPUID 0x80000007 EDX[8]: constant rate in all states */
	uint32_t hwcap; /* CPUID 1 EDX, reported to user space as AT_HWCAP */
};
extern struct cpu_features cpu_features;

/*
 * Per-CPU data. In ring 0, %gs points here (MSR_GS_BASE); in ring 3 the user
 * owns %gs and this address waits in MSR_KERNEL_GS_BASE. SWAPGS exchanges
 * the two on every kernel entry and exit from user mode.
 * syscall_entry reaches the first two fields by the offsets in trapframe.h.
 */
struct proc;
struct percpu {
	uint64_t kernel_rsp;   /* CPU_KERNEL_RSP: top of the current task's kernel stack */
	uint64_t user_rsp;     /* CPU_USER_RSP: scratch slot for the user RSP at SYSCALL */
	struct proc *current;  /* the process running on this CPU */
};
extern struct percpu cpu0;

void cpu_detect_features(void);
void cpu_enable_protections(void);
void cpu_report(void);
void smap_patch_sites(void);

void gdt_init(void);
void tss_set_kernel_stack(uint64_t rsp0);
void idt_init(void);
void pic_init(void);
void pic_eoi(int irq);
void pic_unmask(int irq);

static inline struct proc *
current_proc(void)
{
	return cpu0.current;
}

#endif
