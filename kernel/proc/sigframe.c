/*
 * sigframe.c - the frame a signal handler runs on, and rt_sigreturn(2),
 * which takes it down again. The layout is Linux's (uapi/ucontext.h has
 * the picture); where it goes on the stack is sig_frame_address's rule.
 *
 *   kernel, on the way out:             user:
 *   setup: save registers, mask,        handler(sig, info, uc) runs;
 *          FPU into the frame;          its `ret` pops pretcode and lands
 *          RIP = handler, RSP = frame   in sa_restorer:
 *                                         mov $15, %eax; syscall
 *   rt_sigreturn: check the frame,  <---  (RSP = frame + 8)
 *          restore it all, return to
 *          the interrupted instruction
 *
 * The program can change anything in the frame before it returns (Go's
 * runtime does, to preempt goroutines): rt_sigreturn restores only what a
 * user may have, and anything else - a kernel code selector, a
 * non-canonical RIP, IOPL - makes it a bad frame: SIGSEGV.
 */
#include "fpu.h"
#include "printk.h"
#include "proc.h"
#include "segment.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/ucontext.h"
#include "x86.h"

static bool
is_canonical(uint64_t addr)
{
	return (uint64_t)((int64_t)(addr << 16) >> 16) == addr;
}

/* The registers as the interrupted code had them. */
static void
save_sigcontext(struct sigcontext *sc, const struct proc *p, const struct trap_frame *f,
		sigset_t mask, uint64_t fpstate)
{
	sc->r8 = f->r8, sc->r9 = f->r9, sc->r10 = f->r10, sc->r11 = f->r11;
	sc->r12 = f->r12, sc->r13 = f->r13, sc->r14 = f->r14, sc->r15 = f->r15;
	sc->rdi = f->rdi, sc->rsi = f->rsi, sc->rbp = f->rbp, sc->rbx = f->rbx;
	sc->rdx = f->rdx, sc->rax = f->rax, sc->rcx = f->rcx, sc->rsp = f->rsp;
	sc->rip = f->rip;
	sc->eflags = f->rflags;
	sc->cs = (uint16_t)f->cs;
	sc->ss = (uint16_t)f->ss;
	sc->err = p->fault.error;
	sc->trapno = p->fault.trapno;
	sc->cr2 = p->fault.cr2;
	sc->oldmask = mask;
	sc->fpstate = fpstate;
}

int
sigframe_setup(struct proc *p, struct trap_frame *f, int sig, const struct sig_info *info,
	       const struct kernel_sigaction *ka, sigset_t saved_mask)
{
	static const uint8_t sw_reserved[FXSAVE_BYTES - FXSAVE_SW_BYTES];   /* zeros */
	struct rt_sigframe frame;
	uint64_t fpstate;
	bool onstack = (ka->flags & SA_ONSTACK) && p->sig.altstack.size != 0;
	uint64_t addr = sig_frame_address(f->rsp, onstack, p->sig.altstack.sp,
					  p->sig.altstack.size, &fpstate);

	/* x86-64 has no return trampoline of the kernel's: libc must give one. */
	if (addr == 0 || !(ka->flags & SA_RESTORER))
		return -EFAULT;
	memset(&frame, 0, sizeof frame);
	frame.pretcode = ka->restorer;
	frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	signal_get_altstack(p, f->rsp, &frame.uc.uc_stack);
	save_sigcontext(&frame.uc.uc_mcontext, p, f, saved_mask, fpstate);
	frame.uc.uc_sigmask = saved_mask;
	signal_fill_siginfo(&frame.info, sig, info);
	/* The FPU image straight onto the user stack; its last 48 bytes are
	 * for software (Linux: fpx_sw_bytes), zero without XSAVE. */
	if (fxsave_user((void *)fpstate) < 0 ||
	    copy_to_user(fpstate + FXSAVE_SW_BYTES, sw_reserved, sizeof sw_reserved) < 0 ||
	    copy_to_user(addr, &frame, sizeof frame) < 0)
		return -EFAULT;
	if (p->sig.altstack.flags & SS_AUTODISARM)
		p->sig.altstack.sp = p->sig.altstack.size = 0, p->sig.altstack.flags = 0;

	/* The handler's registers: handler(sig, &frame->info, &frame->uc). */
	f->rdi = (uint64_t)sig;
	f->rsi = addr + __builtin_offsetof(struct rt_sigframe, info);
	f->rdx = addr + __builtin_offsetof(struct rt_sigframe, uc);
	f->rax = 0;                  /* for handlers declared without a prototype */
	f->rip = ka->handler;
	f->rsp = addr;
	f->cs = USER_CS;
	f->ss = USER_DS;
	f->rflags &= ~(RFLAGS_DF | RFLAGS_RF | RFLAGS_TF);
	fpu_load_initial();          /* the handler starts with a clean FPU, as on Linux */
	return 0;
}

/* The frame's registers, if a user may have them: the 64-bit user code
 * segment (there is no 32-bit mode here) and a canonical RIP. */
static bool
sigcontext_valid(const struct sigcontext *sc)
{
	return is_canonical(sc->rip) && (sc->cs | 3) == USER_CS;
}

/*
 * SS as Linux restores it. With UC_STRICT_RESTORE_SS (the kernel's own
 * frames carry it): the frame's selector at RPL 3, whatever it is - if the
 * CPU refuses it, the iretq back to user mode faults and the program gets
 * SIGSEGV from there (cpu/trap.c: fixup_bad_iret). Without the flag, a bad
 * SS is quietly made the user data segment (Linux's force_valid_ss, kept
 * for old programs that edit frames without knowing about SS).
 */
static uint64_t
restored_ss(const struct ucontext *uc)
{
	if (uc->uc_flags & UC_STRICT_RESTORE_SS)
		return uc->uc_mcontext.ss | 3;
	return USER_DS;              /* the only user data segment there is */
}

static void
restore_registers(struct trap_frame *f, const struct ucontext *uc)
{
	const struct sigcontext *sc = &uc->uc_mcontext;

	f->r8 = sc->r8, f->r9 = sc->r9, f->r10 = sc->r10, f->r11 = sc->r11;
	f->r12 = sc->r12, f->r13 = sc->r13, f->r14 = sc->r14, f->r15 = sc->r15;
	f->rdi = sc->rdi, f->rsi = sc->rsi, f->rbp = sc->rbp, f->rbx = sc->rbx;
	f->rdx = sc->rdx, f->rax = sc->rax, f->rcx = sc->rcx, f->rsp = sc->rsp;
	f->rip = sc->rip;
	f->rflags = sig_restored_rflags(f->rflags, sc->eflags);   /* never IF, IOPL, ... */
	f->cs = USER_CS;
	f->ss = restored_ss(uc);
	f->orig_rax = (uint64_t)-1;  /* no longer a system call: nothing to restart */
}

/*
 * The FPU registers from the frame's image: straight from user memory
 * (one FXRSTOR); if that faults, through a kernel copy whose reserved
 * MXCSR bits are cleared (fpu_load_from_user) - a frame edited by the
 * program is its business, as long as it cannot fault in the kernel.
 * No image at all: the initial state. false if the image cannot be read.
 */
static bool
restore_fpu(uint64_t fpstate)
{
	uint8_t fx[FXSAVE_BYTES] __attribute__((aligned(16)));

	if (fpstate == 0) {
		fpu_load_initial();
		return true;
	}
	if (fxrstor_user((const void *)fpstate) == 0)
		return true;
	if (copy_from_user(fx, fpstate, sizeof fx) < 0)
		return false;
	fpu_load_from_user(fx);
	return true;
}

/*
 * rt_sigreturn: the frame is at RSP - 8 (the handler's `ret` popped
 * pretcode). Everything is read and checked before the registers change,
 * so a bad frame leaves them as they are and gets SIGSEGV.
 */
long
sigframe_return(struct proc *p, struct trap_frame *f)
{
	struct rt_sigframe frame;
	uint64_t addr = f->rsp - 8;
	const struct sigcontext *sc = &frame.uc.uc_mcontext;

	if (copy_from_user(&frame, addr, sizeof frame) < 0 || !sigcontext_valid(sc) ||
	    !restore_fpu(sc->fpstate)) {
		printk("%s[%d] bad frame in rt_sigreturn frame:%lx ip:%lx sp:%lx orax:%lx\n",
		       p->name, p->pid, addr, f->rip, f->rsp, f->orig_rax);
		signal_force(p, SIGSEGV, SI_KERNEL, 0);
		return 0;
	}
	signal_set_blocked(p, frame.uc.uc_sigmask);
	restore_registers(f, &frame.uc);
	signal_set_altstack(p, &frame.uc.uc_stack, f->rsp);   /* errors ignored, as Linux */
	p->restart.fn = NULL;        /* a restart_syscall from now on fails with EINTR */
	return (long)f->rax;
}
