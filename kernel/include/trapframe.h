/*
 * trapframe.h - the registers of a thread interrupted on its way into the
 * kernel, saved at the top of its kernel stack (Linux calls it pt_regs).
 * Every way into the kernel - SYSCALL, an exception, a hardware interrupt -
 * builds this same frame, so one C type describes "what the user had".
 *
 * Kernel stack at entry (higher addresses at the top):
 *
 *        +------------------+ <- top of kernel stack (TSS.RSP0 / cpu->kernel_rsp)
 *  0xa8  | ss               | \
 *  0xa0  | rsp              |  | pushed by the CPU on an interrupt or exception,
 *  0x98  | rflags           |  | or by syscall_entry by hand (RIP from RCX,
 *  0x90  | cs               |  | RFLAGS from R11, RSP from cpu->user_rsp)
 *  0x88  | rip              | /
 *  0x80  | error / orig_rax | CPU error code (#PF, #GP, ...) or 0 pushed by the stub;
 *        |                  | for SYSCALL: the call's number (RAX is overwritten
 *        |                  | by the result, and a restarted call needs it)
 *  0x78  | trapno           | vector number, or TRAP_SYSCALL
 *  0x70  | rdi              | \
 *   ...  | ...              |  | pushed by the entry code, in this order
 *  0x00  | r15              | / <- %rsp when C code is called with it as argument
 *        +------------------+
 */
#ifndef TRAPFRAME_H
#define TRAPFRAME_H

#define TF_R15    0x00
#define TF_R11    0x30
#define TF_RAX    0x50
#define TF_RCX    0x58
#define TF_RDI    0x70
#define TF_TRAPNO 0x78
#define TF_ERROR  0x80
#define TF_RIP    0x88
#define TF_CS     0x90
#define TF_RFLAGS 0x98
#define TF_RSP    0xa0
#define TF_SS     0xa8
#define TF_SIZE   0xb0

/* trapno for frames built by syscall_entry (not a real vector: vectors are 0..255). */
#define TRAP_SYSCALL 0x100

/* Per-CPU data reached through %gs in ring 0 (see kernel/include/percpu.h). */
#define CPU_KERNEL_RSP 0x00
#define CPU_USER_RSP   0x08

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, rbp, rbx;   /* callee-saved in the C ABI */
	uint64_t r11, r10, r9, r8;
	uint64_t rax, rcx, rdx, rsi, rdi;
	uint64_t trapno;   /* vector 0..255, or TRAP_SYSCALL */
	union {
		uint64_t error;      /* an exception's error code pushed by the CPU, or 0 */
		uint64_t orig_rax;   /* TRAP_SYSCALL: the number (Linux: orig_ax); -1 once
				      * rt_sigreturn made this no longer a system call */
	};
	uint64_t rip, cs, rflags, rsp, ss;   /* the "iret frame" */
};

/* The assembly uses the TF_* numbers; make a reordered struct a compile error. */
_Static_assert(offsetof(struct trap_frame, r15) == TF_R15, "TF_R15");
_Static_assert(offsetof(struct trap_frame, r11) == TF_R11, "TF_R11");
_Static_assert(offsetof(struct trap_frame, rax) == TF_RAX, "TF_RAX");
_Static_assert(offsetof(struct trap_frame, rcx) == TF_RCX, "TF_RCX");
_Static_assert(offsetof(struct trap_frame, rdi) == TF_RDI, "TF_RDI");
_Static_assert(offsetof(struct trap_frame, trapno) == TF_TRAPNO, "TF_TRAPNO");
_Static_assert(offsetof(struct trap_frame, error) == TF_ERROR, "TF_ERROR");
_Static_assert(offsetof(struct trap_frame, rip) == TF_RIP, "TF_RIP");
_Static_assert(offsetof(struct trap_frame, cs) == TF_CS, "TF_CS");
_Static_assert(offsetof(struct trap_frame, rflags) == TF_RFLAGS, "TF_RFLAGS");
_Static_assert(offsetof(struct trap_frame, rsp) == TF_RSP, "TF_RSP");
_Static_assert(offsetof(struct trap_frame, ss) == TF_SS, "TF_SS");
_Static_assert(sizeof(struct trap_frame) == TF_SIZE, "TF_SIZE");
_Static_assert(TF_SIZE % 16 == 0, "frame keeps the stack 16-byte aligned for C calls");

static inline int
trap_from_user(const struct trap_frame *f)
{
	return (f->cs & 3) == 3;   /* RPL of the saved CS = the ring we came from */
}
#endif

#endif
