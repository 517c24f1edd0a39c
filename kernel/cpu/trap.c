/*
 * trap.c - what happens after an exception or interrupt entered the kernel
 * (cpu/vectors.S built a struct trap_frame and called trap_dispatch).
 *
 *   hardware interrupt   -> its driver (the timer), then return
 *   exception, ring 3    -> the program did something illegal: print a
 *                           Linux-style line and kill it with the signal
 *                           Linux would send; the kernel carries on
 *   exception, ring 0    -> a user-copy fault is fixed up (-EFAULT);
 *                           anything else is a kernel bug: panic
 *   NMI                  -> counted and reported, then straight back: it
 *                           is asynchronous, no one's fault (Linux:
 *                           "Uhhuh. NMI received for unknown reason")
 *   machine check        -> a hardware error (cpu/mce.c): the program it
 *                           hit gets SIGBUS; in the kernel, panic
 */
#include "console.h"
#include "cpu.h"
#include "memlayout.h"
#include "mm.h"
#include "panic.h"
#include "power.h"
#include "printk.h"
#include "proc.h"
#include "uapi/signal.h"
#include "clock.h"
#include "trace.h"
#include "trap.h"
#include "x86.h"

#define VEC_DIVIDE 0
#define VEC_DEBUG 1
#define VEC_NMI 2
#define VEC_MACHINE_CHECK 18
#define VEC_INVALID_OPCODE 6
#define VEC_GP_FAULT 13
#define VEC_PAGE_FAULT 14
#define VEC_X87_FP 16
#define VEC_ALIGNMENT 17
#define VEC_SIMD_FP 19

static const char *const exception_names[32] = {
	"divide error (#DE)", "debug (#DB)", "non-maskable interrupt (NMI)",
	"breakpoint (#BP)", "overflow (#OF)", "bound range exceeded (#BR)",
	"invalid opcode (#UD)", "device not available (#NM)", "double fault (#DF)",
	"coprocessor segment overrun", "invalid TSS (#TS)", "segment not present (#NP)",
	"stack-segment fault (#SS)", "general protection fault (#GP)", "page fault (#PF)",
	"reserved 15", "x87 floating-point error (#MF)", "alignment check (#AC)",
	"machine check (#MC)", "SIMD floating-point error (#XM)", "virtualization (#VE)",
	"control protection (#CP)", "reserved 22", "reserved 23", "reserved 24",
	"reserved 25", "reserved 26", "reserved 27", "hypervisor injection (#HV)",
	"VMM communication (#VC)", "security (#SX)", "reserved 31",
};

const char *
trap_name(uint64_t vector)
{
	return vector < 32 ? exception_names[vector] : "interrupt";
}

/* The signal Linux sends for each exception raised by user code. */
int
trap_signal(uint64_t vector)
{
	switch (vector) {
	case 0: case 16: case 19:
		return SIGFPE;      /* arithmetic */
	case 1: case 3:
		return SIGTRAP;     /* debugging */
	case 6:
		return SIGILL;      /* invalid opcode */
	case 11: case 12: case 17:
		return SIGBUS;      /* segment not present, stack segment, alignment */
	default:
		return SIGSEGV;     /* #GP, #PF and the rest */
	}
}

void
trap_print_registers(const struct trap_frame *f)
{
	printk("  RIP %016lx  CS %04lx (ring %lu)  RFLAGS %016lx\n",
	       f->rip, f->cs, f->cs & 3, f->rflags);
	printk("  RSP %016lx  SS %04lx  error %lx", f->rsp, f->ss, f->error);
	if (f->trapno == VEC_PAGE_FAULT)
		printk("  CR2 %016lx", read_cr2());
	printk("\n");
	printk("  RAX %016lx RBX %016lx RCX %016lx RDX %016lx\n", f->rax, f->rbx, f->rcx, f->rdx);
	printk("  RSI %016lx RDI %016lx RBP %016lx R8  %016lx\n", f->rsi, f->rdi, f->rbp, f->r8);
	printk("  R9  %016lx R10 %016lx R11 %016lx R12 %016lx\n", f->r9, f->r10, f->r11, f->r12);
	printk("  R13 %016lx R14 %016lx R15 %016lx\n", f->r13, f->r14, f->r15);
}

/*
 * A floating-point exception's si_code from the unmasked exception bits
 * (x87 status & ~control, or MXCSR flags & ~masks): Linux's order. 0 means
 * no exception is really pending (a spurious one): no signal.
 */
int
fpe_code(uint32_t unmasked)
{
	if (unmasked & 0x001)
		return FPE_FLTINV;       /* invalid operation */
	if (unmasked & 0x004)
		return FPE_FLTDIV;       /* division by zero */
	if (unmasked & 0x008)
		return FPE_FLTOVF;
	if (unmasked & 0x012)
		return FPE_FLTUND;       /* denormal or underflow */
	if (unmasked & 0x020)
		return FPE_FLTRES;       /* inexact result */
	return 0;
}

static uint32_t
fpu_unmasked_exceptions(uint64_t vector)
{
	if (vector == VEC_SIMD_FP) {
		uint32_t mxcsr;
		__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
		return mxcsr & ~(mxcsr >> 7) & 0x3f;    /* flags 0-5, masks 7-12 */
	}
	uint16_t cw, sw;
	__asm__ volatile("fnstcw %0; fnstsw %1" : "=m"(cw), "=m"(sw));
	return sw & ~cw & 0x3f;
}

/*
 * What the program is told about its fault: si_code and si_addr, as Linux
 * gives them. Returns 0 for a spurious floating-point exception.
 */
static int
fault_siginfo(struct proc *p, const struct trap_frame *f, uint64_t cr2, uint64_t *addr)
{
	*addr = 0;
	switch (f->trapno) {
	case VEC_PAGE_FAULT:
		*addr = cr2;
		/* An area that forbids this access (read-only, PROT_NONE), or none at all. */
		return cr2 < USER_TOP && vma_find(&p->mm->vmas, cr2) != NULL ? SEGV_ACCERR : SEGV_MAPERR;
	case VEC_DIVIDE:
		*addr = f->rip;
		return FPE_INTDIV;
	case VEC_INVALID_OPCODE:
		*addr = f->rip;
		return ILL_ILLOPN;
	case VEC_X87_FP:
	case VEC_SIMD_FP:
		*addr = f->rip;
		return fpe_code(fpu_unmasked_exceptions(f->trapno));
	case VEC_DEBUG: {
		uint64_t dr6 = read_dr6();
		write_dr6(DR6_RESERVED);             /* the CPU never clears it */
		*addr = f->rip;
		return dr6 & DR6_SINGLE_STEP ? TRAP_TRACE : (dr6 & 0xf) ? TRAP_HWBKPT : TRAP_BRKPT;
	}
	case VEC_ALIGNMENT:
		return BUS_ADRALN;
	default:
		return SI_KERNEL;        /* #GP, int3, #NP, #SS, ... */
	}
}

/* Linux prints a fault only if the program has no handler for it. */
static void
print_unhandled_fault(struct proc *p, const struct trap_frame *f, uint64_t cr2)
{
	if (f->trapno == VEC_PAGE_FAULT)
		printk("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n",
		       p->name, p->pid, cr2, f->rip, f->rsp, f->error);
	else if (f->trapno == VEC_GP_FAULT)
		printk("traps: %s[%d] general protection fault ip:%lx sp:%lx error:%lx\n",
		       p->name, p->pid, f->rip, f->rsp, f->error);
	else
		printk("traps: %s[%d] trap %s ip:%lx sp:%lx error:%lx\n",
		       p->name, p->pid, trap_name(f->trapno), f->rip, f->rsp, f->error);
	trap_print_registers(f);
}

/*
 * A user program faulted: it gets the signal Linux sends for this fault,
 * with Linux's si_code and si_addr. A handler may fix things up and return
 * (the instruction runs again) or siglongjmp away; without one, the
 * program ends, after the line Linux prints (arch/x86/mm/fault.c
 * show_signal_msg, arch/x86/kernel/traps.c do_trap).
 */
static void
user_fault(struct trap_frame *f)
{
	struct proc *p = current_proc();
	int sig = trap_signal(f->trapno);
	uint64_t cr2 = f->trapno == VEC_PAGE_FAULT ? read_cr2() : 0, addr;
	int code = fault_siginfo(p, f, cr2, &addr);
	uint64_t handler = sig_action(p, sig)->handler;

	if (code == 0)
		return;                  /* a spurious floating-point exception */
	p->fault.trapno = f->trapno;     /* for the signal frame's sigcontext */
	p->fault.error = f->error;
	p->fault.cr2 = cr2;
	if (handler == SIG_DFL || handler == SIG_IGN)
		print_unhandled_fault(p, f, cr2);
	signal_force(p, sig, code, addr);    /* acted on in trap_dispatch, on the way out */
}

static void
kernel_fault(struct trap_frame *f)
{
	/* A fault inside copy_from_user & co. is the user's bad pointer: -EFAULT. */
	if ((f->trapno == VEC_PAGE_FAULT || f->trapno == VEC_GP_FAULT) && extable_fixup(f))
		return;
	cli();
	printk("KERNEL PANIC: %s in ring 0\n", trap_name(f->trapno));
	trap_print_registers(f);
	uint64_t off;
	const char *fn = ksym_lookup(f->rip, &off);
	printk("  at %s+0x%lx\n", fn ? fn : "?", off);
	backtrace_from(f->rbp);
	power_off(EXIT_KERNEL_PANIC);
}

/* Interrupts taken, by IRQ line, and NMIs: /proc/interrupts shows them. */
uint64_t irq_counts[16], nmi_count;

/* NMI status and control (the PC's port 0x61): why an NMI came. */
#define NMI_REASON_PORT 0x61
#define NMI_REASON_SERR 0x80      /* a PCI system error */
#define NMI_REASON_IOCHK 0x40     /* an I/O channel check */

/*
 * An NMI: nobody's fault and nothing to fix. Say so as Linux does and go
 * straight back to whatever ran (paranoid_common restores it exactly):
 * no signal, no scheduling - this may be the middle of anything.
 */
static void
handle_nmi(void)
{
	uint8_t reason = inb(NMI_REASON_PORT);

	nmi_count++;
	if (reason & (NMI_REASON_SERR | NMI_REASON_IOCHK)) {
		printk("NMI: %s error on CPU 0 (reason %02x)\n",
		       reason & NMI_REASON_SERR ? "PCI system" : "IOCK", reason);
		return;
	}
	printk("Uhhuh. NMI received for unknown reason %02x on CPU 0.\n", reason);
	printk("Dazed and confused, but trying to continue\n");
}

/*
 * trap_return's iretq to user mode faulted (cpu/vectors.S, trap_common).
 * f is the #GP's frame, pushed below the frame that iretq was popping;
 * the registers in it are already the user's. Rebuild it at the top of
 * the kernel stack, where a fault from user mode would have put it, with
 * the RIP, CS, RFLAGS, RSP and SS the iretq was about to load: from here
 * on, the user's program faulted at the address it was returning to.
 */
struct trap_frame *
fixup_bad_iret(struct trap_frame *f)
{
	struct iret_frame { uint64_t rip, cs, rflags, rsp, ss; } to = *(struct iret_frame *)f->rsp;
	struct trap_frame rebuilt = *f;
	struct trap_frame *top = proc_frame(current_proc());

	rebuilt.rip = to.rip, rebuilt.cs = to.cs, rebuilt.rflags = to.rflags;
	rebuilt.rsp = to.rsp, rebuilt.ss = to.ss;
	*top = rebuilt;              /* (it may overlap f: both were copied first) */
	return top;
}

static void
handle_irq(int irq, struct trap_frame *f)
{
	irq_counts[irq]++;
	if (irq == IRQ_SPURIOUS_MASTER)
		return;              /* spurious: no EOI for these */
	pic_eoi(irq);                /* first: the scheduler may switch tasks below */
	if (irq == IRQ_TIMER) {
		timer_interrupt();
		sched_timer_tick(trap_from_user(f));
	} else if (irq == IRQ_COM1) {
		serial_interrupt();
	} else if (irq == IRQ_KEYBOARD) {
		keyboard_interrupt();
	}
}

/*
 * A page fault on a user address, from ring 3 or from a user copy in ring 0:
 * let the address space's policy map a page if the access is allowed
 * (demand paging). Returns true if the faulting instruction can be retried.
 */
static bool
page_fault_fixed(struct trap_frame *f)
{
	struct proc *p = current_proc();
	uint64_t addr = read_cr2();

	if (p == NULL || p->mm == NULL || addr >= USER_TOP)
		return false;            /* no address space: the idle task, or early boot */
	switch (mm_handle_fault(p->mm, addr, f->error)) {
	case FAULT_HANDLED:
		return true;
	case FAULT_OOM:
		/* The OOM killer (mm/oom.c) frees memory by ending the biggest process. */
		if (oom_kill(p, addr, trap_from_user(f) || (f->rflags & RFLAGS_IF)))
			return true;         /* another one went: try the access again */
		/* This one is the biggest. Its own instruction faulted: it ends here. */
		if (trap_from_user(f))
			proc_kill(p, SIGKILL);   /* never returns (noreturn) */
		/* A user copy inside a system call faulted: the call must first give
		 * back what it holds (heap blocks, references, wait entries), so the
		 * copy fails (-EFAULT) and the process ends as by SIGKILL on its way
		 * back to user mode, as Linux does (found by sysfuzz: pselect6's
		 * blocks leaked). */
		signal_group_exit(p->tg, wstatus_signaled(SIGKILL));
		return false;
	case FAULT_SIGSEGV:
		break;
	}
	return false;
}

void
trap_dispatch(struct trap_frame *f)
{
	if (f->trapno == VEC_NMI) {
		handle_nmi();
		return;                  /* and nothing else: see handle_nmi */
	}
	if (f->trapno == VEC_MACHINE_CHECK) {
		mce_handle(f);           /* cpu/mce.c */
		return;
	}
	if (f->trapno >= IRQ_BASE && f->trapno < IRQ_BASE + 16)
		handle_irq((int)(f->trapno - IRQ_BASE), f);
	else if (f->trapno >= 32)
		printk("trap: unexpected vector %lu ignored\n", f->trapno);
	else if (f->trapno == VEC_PAGE_FAULT && page_fault_fixed(f))
		;                        /* demand paging: retry the instruction */
	else if (trap_from_user(f))
		user_fault(f);
	else
		kernel_fault(f);
	/* Back to user mode: first act on signals sent meanwhile (kill, ^C, a fault). */
	if (trap_from_user(f) && current_proc()->sigpending)
		signal_deliver(current_proc(), f);
}
