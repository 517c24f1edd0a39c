/*
 * syscall.c - set up SYSCALL/SYSRET, dispatch a system call through the
 * table, and decide how to return.
 *
 * The flow of one call, e.g. write(1, "hi", 2) from a user program:
 *
 *   user:   mov $1,%eax; mov $1,%edi; lea msg,%rsi; mov $2,%edx; syscall
 *   CPU:    RCX = RIP, R11 = RFLAGS, RFLAGS &= ~FMASK, CS/SS from STAR, RIP = LSTAR
 *   entry.S syscall_entry: swapgs, kernel stack, push a struct trap_frame
 *   C:      syscall_dispatch(frame) -> syscall_invoke -> syscall_table[1] = sys_write
 *   entry.S restore registers, RAX = result, SYSRETQ (or IRETQ)
 *   user:   the instruction after `syscall` runs, with the result in RAX
 */
#include "cpu.h"
#include "memlayout.h"
#include "printk.h"
#include "proc.h"
#include "segment.h"
#include "syscall.h"
#include "syscall_asm.h"
#include "trace.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/unistd.h"
#include "x86.h"

_Static_assert(RETURN_SYSRET_ASM == RETURN_SYSRET, "entry.S and C agree on the fast path");

/* How often each return path was taken (printed when init ends). */
static struct {
	uint64_t sysret, iret, killed;
} return_stats;

/* What syscall_init wrote, kept so GDB's `msrs` command can show it (GDB cannot run RDMSR). */
struct {
	uint64_t star, lstar, cstar, fmask;
} syscall_msrs;

/*
 * Program the four MSRs that make the SYSCALL instruction work.
 */
void
syscall_init(void)
{
	/* STAR[47:32]: SYSCALL loads CS = 0x10, SS = 0x18.
	 * STAR[63:48]: SYSRET loads CS = 0x23 + 16 = 0x33, SS = 0x23 + 8 = 0x2b (see segment.h). */
	wrmsr(MSR_STAR, ((uint64_t)USER32_CS << 48) | ((uint64_t)KERNEL_CS << 32));
	/* LSTAR: where SYSCALL jumps in 64-bit mode. */
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* CSTAR: SYSCALL from 32-bit compatibility mode; we run no 32-bit code. */
	wrmsr(MSR_CSTAR, 0);
	/* FMASK: RFLAGS bits cleared on entry - as many as possible, like Linux:
	 * IF (no interrupts before we are on the kernel stack), TF (no single-step
	 * in the kernel), DF (C expects it clear), AC (SMAP protection on),
	 * NT (an IRETQ with NT set would fault), IOPL, and the arithmetic flags. */
	wrmsr(MSR_FMASK, RFLAGS_CF | (1UL << 2) | (1UL << 4) | (1UL << 6) | (1UL << 7) |
			 RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | (1UL << 11) | RFLAGS_IOPL |
			 RFLAGS_NT | RFLAGS_RF | RFLAGS_AC | RFLAGS_ID);
	/* EFER.SCE: allow SYSCALL/SYSRET at all. */
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	syscall_msrs.star = rdmsr(MSR_STAR);
	syscall_msrs.lstar = rdmsr(MSR_LSTAR);
	syscall_msrs.cstar = rdmsr(MSR_CSTAR);
	syscall_msrs.fmask = rdmsr(MSR_FMASK);
}

/*
 * Call the handler for nr with the six argument registers, in Linux's
 * order. This is the only place in C that knows that order.
 *
 * The table holds each handler cast to one common type; the handlers
 * themselves declare only the parameters they use, with their real types.
 * On x86-64 this is safe: arguments travel in registers, a callee ignores
 * registers it does not declare, and a callee taking `int` reads only the
 * low 32 bits (Linux built its table the same way for years).
 */
long
syscall_invoke(uint64_t nr, const struct trap_frame *f)
{
	/* nr is unsigned: a "negative" number is huge and fails this one test. */
	if (nr >= NR_SYSCALLS || syscall_table[nr] == NULL)
		return -ENOSYS;
	return syscall_table[nr](f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9);
}

static bool
is_canonical(uint64_t addr)
{
	/* Bits 63..47 must all equal bit 47 (48-bit virtual addresses). */
	return (uint64_t)((int64_t)(addr << 16) >> 16) == addr;
}

/*
 * SYSRET is fast but restores less than IRET, and has traps (see Linux's
 * do_syscall_64 / syscall_64.c for the same list):
 *   - it takes RIP from RCX and RFLAGS from R11, so both must still match
 *     the frame (exec and signal delivery change RIP);
 *   - on Intel CPUs, SYSRET with a non-canonical RCX raises #GP *in ring 0*,
 *     on the user's stack: never do it. IRET to a non-canonical RIP faults
 *     in ring 0 too, so such a process cannot be returned to at all: it gets
 *     SIGSEGV, which is what Linux ends up doing. (USER_TOP already keeps
 *     the last page unmappable, so a plain `syscall` cannot cause this.)
 *   - it cannot restore RF or TF correctly: use IRET when they are set;
 *   - it always loads the standard user CS/SS.
 * QEMU's TCG does not model the Intel fault, so this decision is host-tested.
 */
enum syscall_return
syscall_return_path(const struct trap_frame *f)
{
	if (!is_canonical(f->rip))
		return RETURN_KILL;
	if (f->rcx != f->rip || f->r11 != f->rflags)
		return RETURN_IRET;
	if (f->rflags & (RFLAGS_RF | RFLAGS_TF))
		return RETURN_IRET;
	if (f->cs != USER_CS || f->ss != USER_DS)
		return RETURN_IRET;
	return RETURN_SYSRET;
}

/*
 * A call of a traced process (strace): print it on the way in and out. Kept
 * out of line, so that tracing costs the untraced fast path nothing but
 * the test of p->trace.
 */
static long __attribute__((noinline))
traced_invoke(struct proc *p, uint64_t nr, const struct trap_frame *f)
{
	/* The arguments as they were at entry, for both halves of the line. */
	uint64_t args[6] = { f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9 };

	/* rt_sigreturn has no arguments; strace shows the mask it restores, from
	 * the ucontext at the user's RSP: its SIGFRAME kind reads args[0]. */
	if (nr == __NR_rt_sigreturn)
		args[0] = f->rsp;

	trace_enter(p, (int)nr, args);
	long ret = syscall_invoke(nr, f);
	if (p->trace != NULL)            /* still traced (it may have just ended) */
		trace_exit(p, (int)nr, args, ret);
	return ret;
}

/*
 * Called by syscall_entry with the saved registers. Interrupts are off on
 * entry (FMASK cleared IF) and are turned on while the handler runs, so a
 * long call does not hold up the timer; they are off again for the return.
 */
int
syscall_dispatch(struct trap_frame *f)
{
	struct proc *p = current_proc();
	/* Only the low 32 bits select the call, as on Linux: 0x100000027 is getpid. */
	uint64_t nr = (uint32_t)f->rax;

	p->syscalls++;
	sti();
	if (__builtin_expect(p->trace == NULL, 1))
		f->rax = (uint64_t)syscall_invoke(nr, f);   /* the usual case: one test */
	else
		f->rax = (uint64_t)traced_invoke(p, nr, f);
	cli();
	if (p->sigpending)
		signal_deliver(p, f);    /* a handler, a stop, the end, or a restart */

	enum syscall_return path = syscall_return_path(f);
	if (path == RETURN_KILL) {
		return_stats.killed++;
		printk("%s[%d]: cannot return to non-canonical address %lx: SIGSEGV\n",
		       p->name, p->pid, f->rip);
		proc_kill(p, SIGSEGV);
	}
	if (path == RETURN_SYSRET)
		return_stats.sysret++;
	else
		return_stats.iret++;
	return path;
}

void
syscall_print_stats(void)
{
	printk("syscall returns: %lu via sysret, %lu via iret, %lu refused (non-canonical)\n",
	       return_stats.sysret, return_stats.iret, return_stats.killed);
}
