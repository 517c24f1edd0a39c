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

#define VEC_PAGE_FAULT 14
#define VEC_GP_FAULT 13

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
 * A user program faulted. Print what Linux prints for the same fault
 * (arch/x86/mm/fault.c show_signal_msg, arch/x86/kernel/traps.c
 * do_trap), then terminate the program with the matching signal.
 */
static void
user_fault(struct trap_frame *f)
{
	struct proc *p = current_proc();

	if (f->trapno == VEC_PAGE_FAULT)
		printk("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n",
		       p->name, p->pid, read_cr2(), f->rip, f->rsp, f->error);
	else if (f->trapno == VEC_GP_FAULT)
		printk("traps: %s[%d] general protection fault ip:%lx sp:%lx error:%lx\n",
		       p->name, p->pid, f->rip, f->rsp, f->error);
	else
		printk("traps: %s[%d] trap %s ip:%lx sp:%lx error:%lx\n",
		       p->name, p->pid, trap_name(f->trapno), f->rip, f->rsp, f->error);
	trap_print_registers(f);
	if (p->trace != NULL) {          /* strace: "--- SIGSEGV {si_signo=SIGSEGV, ...} ---" */
		int sig = trap_signal(f->trapno), code = SI_KERNEL;
		uint64_t addr = 0;
		if (f->trapno == VEC_PAGE_FAULT)
			code = f->error & 1 ? 2 : 1, addr = read_cr2();   /* SEGV_ACCERR : SEGV_MAPERR */
		else if (sig == SIGILL || sig == SIGFPE)
			code = sig == SIGILL ? 2 : 1, addr = f->rip;      /* ILL_ILLOPN, FPE_INTDIV */
		trace_signal(p, sig, code, addr, 0);
	}
	proc_kill(p, trap_signal(f->trapno));   /* does not return */
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

static void
handle_irq(int irq, struct trap_frame *f)
{
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
		/* Linux's OOM killer picks a victim; we have exactly one candidate. */
		printk("Out of memory: Killed process %d (%s) at address %lx\n", p->pid, p->name, addr);
		proc_kill(p, SIGKILL);
	case FAULT_SIGSEGV:
		break;
	}
	return false;
}

void
trap_dispatch(struct trap_frame *f)
{
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
	/* Back to user mode: first act on signals sent meanwhile (kill, ^C, ...). */
	if (trap_from_user(f) && current_proc()->sig.pending)
		signal_deliver(current_proc());
}
