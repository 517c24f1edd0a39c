/*
 * mce.c - machine checks: the CPU's reports of hardware errors it could
 * not correct (a memory cell that lost its value, a bus error), raised as
 * exception 18 (#MC).
 *
 * Each kind of error has a "bank" of MSRs: MCi_CTL (which errors raise
 * #MC), MCi_STATUS (what happened: valid, uncorrected, ...), MCi_ADDR.
 * MCG_STATUS says whether the interrupted code can go on (RIPV) and that
 * a machine check is in progress (MCIP): a second #MC while MCIP is set
 * shuts the CPU down, so the handler clears it. With CR4.MCE off, the
 * first #MC already shuts it down - hence mce_init.
 *
 * What this kernel does with one is Linux's simplest policy: an error in
 * a program's own work ends that program (SIGBUS, BUS_MCEERR_AR), one in
 * the kernel's ends everything (panic). QEMU's monitor command `mce`
 * injects one (tests/qemu/cases.py, case "machine_check").
 */
#include "cpu.h"
#include "panic.h"
#include "printk.h"
#include "proc.h"
#include "trap.h"
#include "x86.h"

#define CPUID1_EDX_MCE (1u << 7)     /* the #MC exception exists */
#define CPUID1_EDX_MCA (1u << 14)    /* ... and the banks of MSRs */
#define CR4_MCE (1UL << 6)

#define MSR_MCG_CAP    0x179         /* bits 0-7: how many banks; bit 8: MCG_CTL exists */
#define MSR_MCG_STATUS 0x17a         /* RIPV, EIPV, MCIP */
#define MSR_MCG_CTL    0x17b
#define MSR_MC_CTL(i)    (0x400 + 4 * (i))
#define MSR_MC_STATUS(i) (0x401 + 4 * (i))
#define MSR_MC_ADDR(i)   (0x402 + 4 * (i))

#define MCG_CAP_COUNT 0xff
#define MCG_CAP_CTL_P (1UL << 8)
#define MCI_STATUS_VAL (1UL << 63)   /* this bank has something to say */
#define MCI_STATUS_ADDRV (1UL << 58) /* ... and MCi_ADDR holds the address */

static int banks;

/* Turn reporting on: every error of every bank, and CR4.MCE. */
void
mce_init(void)
{
	if ((cpu_features.hwcap & (CPUID1_EDX_MCE | CPUID1_EDX_MCA)) !=
	    (CPUID1_EDX_MCE | CPUID1_EDX_MCA))
		return;                  /* no machine checks to report */
	uint64_t cap = rdmsr(MSR_MCG_CAP);
	banks = (int)(cap & MCG_CAP_COUNT);
	if (cap & MCG_CAP_CTL_P)
		wrmsr(MSR_MCG_CTL, ~0UL);
	for (int i = 0; i < banks; i++) {
		wrmsr(MSR_MC_CTL(i), ~0UL);
		wrmsr(MSR_MC_STATUS(i), 0);   /* forget what an earlier boot left */
	}
	write_cr4(read_cr4() | CR4_MCE);
}

/* Print what the banks say, as Linux's "[Hardware Error]" lines, and clear them. */
static void
report_banks(const struct trap_frame *f)
{
	uint64_t mcg = rdmsr(MSR_MCG_STATUS);

	for (int i = 0; i < banks; i++) {
		uint64_t status = rdmsr(MSR_MC_STATUS(i));
		if (!(status & MCI_STATUS_VAL))
			continue;
		printk("mce: [Hardware Error]: CPU 0: Machine Check Exception: %lx Bank %d: %016lx\n",
		       mcg, i, status);
		if (status & MCI_STATUS_ADDRV)
			printk("mce: [Hardware Error]: ADDR %lx\n", rdmsr(MSR_MC_ADDR(i)));
		wrmsr(MSR_MC_STATUS(i), 0);
	}
	printk("mce: [Hardware Error]: RIP %02lx:<%016lx>\n", f->cs, f->rip);
}

/*
 * #MC, from paranoid_common (cpu/vectors.S) on its own stack. The SIGBUS
 * is only marked here: it is acted on at the program's next way back to
 * user mode (a timer tick, within a millisecond), on its own kernel stack.
 */
void
mce_handle(struct trap_frame *f)
{
	report_banks(f);
	wrmsr(MSR_MCG_STATUS, 0);        /* MCIP off: the next one need not shut down */
	if (!trap_from_user(f))
		panic("machine check in the kernel: the hardware cannot be trusted");
	struct proc *p = current_proc();
	printk("mce: killing %s[%d]: uncorrected hardware error in its work\n", p->name, p->pid);
	signal_force(p, SIGBUS, BUS_MCEERR_AR, 0);
}
