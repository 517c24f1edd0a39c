/*
 * cpu.c - find out what this CPU can do (CPUID) and switch on the
 * protections the kernel relies on: FPU/SSE for user programs, CR0.WP,
 * SMEP, SMAP, UMIP. Each is used only when CPUID reports it, so the same
 * kernel runs on `-cpu max` and on a bare `-cpu qemu64`.
 */
#include "cpu.h"
#include "memlayout.h"
#include "printk.h"
#include "x86.h"

struct cpu_features cpu_features;

#define CR0_MP (1UL << 1)    /* monitor coprocessor */
#define CR0_EM (1UL << 2)    /* emulate FPU: must be 0 for SSE */
#define CR0_NE (1UL << 5)    /* native FPU error reporting */
#define CR4_OSFXSR (1UL << 9)      /* OS saves SSE state with FXSAVE */
#define CR4_OSXMMEXCPT (1UL << 10) /* OS handles SIMD exceptions (#XM) */

void
cpu_detect_features(void)
{
	uint32_t a, b, c, d, max;

	cpuid(0, 0, &max, &b, &c, &d);
	cpuid(1, 0, &a, &b, &c, &d);
	cpu_features.hwcap = d;
	if (max >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		cpu_features.smep = b & (1u << 7);
		cpu_features.smap = b & (1u << 20);
		cpu_features.umip = c & (1u << 2);
		cpu_features.rdpid = c & (1u << 22);
	}
	cpuid(0x80000000, 0, &max, &b, &c, &d);
	if (max >= 0x80000007) {
		cpuid(0x80000007, 0, &a, &b, &c, &d);
		cpu_features.invariant_tsc = d & (1u << 8);
	}
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	cpu_features.nx = d & (1u << 20);
	cpu_features.gbpages = d & (1u << 26);
	cpu_features.rdtscp = d & (1u << 27);
}

/*
 * SSE is part of the x86-64 user ABI (compilers use XMM registers freely),
 * so it must be on before the first user program runs. The kernel itself is
 * compiled with -mno-sse and never touches these registers.
 */
static void
fpu_enable(void)
{
	write_cr0((read_cr0() & ~CR0_EM) | CR0_MP | CR0_NE);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	__asm__ volatile("fninit");
}

void
cpu_enable_protections(void)
{
	fpu_enable();
	uint64_t cr4 = read_cr4();      /* read after fpu_enable changed it */

	/* WP: the kernel, too, faults on writes to read-only pages (copy-on-write needs it). */
	write_cr0(read_cr0() | CR0_WP);
	if (cpu_features.smep)
		cr4 |= CR4_SMEP;
	if (cpu_features.smap)
		cr4 |= CR4_SMAP;
	if (cpu_features.umip)
		cr4 |= CR4_UMIP;
	cr4 &= ~CR4_TSD;   /* user programs may read the TSC, as on Linux */
	write_cr4(cr4);
}

void
cpu_report(void)
{
	printk("cpu: NX %s, SMEP %s, SMAP %s, UMIP %s, RDTSCP %s, WP on\n",
	       cpu_features.nx ? "on" : "absent", cpu_features.smep ? "on" : "absent",
	       cpu_features.smap ? "on" : "absent", cpu_features.umip ? "on" : "absent",
	       cpu_features.rdtscp ? "yes" : "no");
}

/*
 * STAC and CLAC (set/clear RFLAGS.AC) exist only on CPUs with SMAP; elsewhere
 * they are invalid opcodes. Every one we emit is recorded in section
 * .smap_sites (see the STAC/CLAC macros in uaccess.S and vectors.S). Without
 * SMAP we overwrite each 3-byte instruction with a 3-byte NOP - a tiny
 * version of Linux's "alternatives". Writing goes through the direct map,
 * because the kernel text mapping itself is read-only.
 */
extern const int32_t __smap_sites_start[], __smap_sites_end[];

void
smap_patch_sites(void)
{
	static const uint8_t nop3[3] = { 0x0f, 0x1f, 0x00 };   /* nopl (%rax) */

	if (cpu_features.smap)
		return;
	for (const int32_t *site = __smap_sites_start; site < __smap_sites_end; site++) {
		/* Each entry is a 32-bit offset from itself to the instruction. */
		uint64_t insn = (uint64_t)site + *site;
		uint8_t *alias = phys_to_virt(virt_to_phys((void *)insn));
		for (int i = 0; i < 3; i++)
			alias[i] = nop3[i];
	}
}
