/*
 * uapi/ucontext.h - the signal frame: what the kernel writes on the user
 * stack before it runs a signal handler, and what rt_sigreturn(2) reads
 * back. The layout is Linux x86-64's, byte for byte (uapi/asm/sigcontext.h,
 * asm-generic/ucontext.h, arch/x86/include/asm/sigframe.h), because real
 * programs read it: Go's runtime edits uc_mcontext to preempt a goroutine,
 * glibc and musl's siglongjmp-free code paths read the mask.
 *
 * The user stack when a handler starts (higher addresses at the top):
 *
 *      | the interrupted code's stack |
 *      +------------------------------+ <- its RSP
 *      | 128-byte red zone (untouched)|    (leaf functions may keep data here)
 *      +------------------------------+ <- or the top of the sigaltstack
 *      | padding to 64 bytes          |
 *      +------------------------------+ <- uc_mcontext.fpstate (64-byte aligned)
 *      | FXSAVE image, 512 bytes:     |
 *      | x87, MXCSR, XMM0-15          |
 *      +------------------------------+
 *      | padding                      |
 *      +------------------------------+
 *      | siginfo_t info     (128)     | <- RSI for an SA_SIGINFO handler
 *      | ucontext uc:                 | <- RDX; what rt_sigreturn restores
 *      |   uc_sigmask       (8)       |    the mask to restore
 *      |   uc_mcontext      (256)     |    every register, RIP, RSP, RFLAGS
 *      |   uc_stack         (24)      |    the sigaltstack settings
 *      |   uc_link, uc_flags(16)      |
 *      | pretcode = sa_restorer (8)   | <- RSP at the handler's first instruction
 *      +------------------------------+    ((RSP + 8) % 16 == 0, like after a call)
 *
 * The handler's `ret` pops pretcode and jumps to the restorer, which libc
 * provides: `mov $15, %eax; syscall` - rt_sigreturn. The kernel finds the
 * frame at RSP - 8 and puts every register back.
 */
#ifndef UAPI_UCONTEXT_H
#define UAPI_UCONTEXT_H

#include <stdint.h>

#include "signal.h"

/* The registers at the moment of the signal (Linux's struct sigcontext, 64-bit). */
struct sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp;
	uint64_t rip;
	uint64_t eflags;             /* RFLAGS */
	uint16_t cs, gs, fs, ss;     /* gs and fs are written 0 (the bases are MSRs) */
	uint64_t err;                /* the exception's error code, for a fault */
	uint64_t trapno;             /* the exception's vector, for a fault */
	uint64_t oldmask;            /* the mask (old ABI: the low word) */
	uint64_t cr2;                /* the faulting address, for a page fault */
	uint64_t fpstate;            /* user address of the FXSAVE image, 0 if none */
	uint64_t reserved1[8];
};

struct ucontext {
	uint64_t uc_flags;           /* UC_* */
	uint64_t uc_link;            /* 0 */
	struct sigaltstack uc_stack;
	struct sigcontext uc_mcontext;
	uint64_t uc_sigmask;         /* the mask before the handler: restored at return */
};

#define UC_FP_XSTATE         0x1  /* fpstate is an XSAVE image (never here: FXSAVE) */
#define UC_SIGCONTEXT_SS     0x2  /* uc_mcontext.ss is meaningful */
#define UC_STRICT_RESTORE_SS 0x4  /* rt_sigreturn restores ss as saved */

/* The whole frame (kernel-internal in Linux, but its layout is fixed by the ABI). */
struct rt_sigframe {
	uint64_t pretcode;           /* the handler's return address: sa_restorer */
	struct ucontext uc;
	struct siginfo info;
	/* the FXSAVE image follows, 64-byte aligned, at uc.uc_mcontext.fpstate */
};

#define FXSAVE_SIZE 512
#define SIGNAL_RED_ZONE 128

/* Linux's numbers; host-tested against the C library's own structures too. */
_Static_assert(sizeof(struct sigcontext) == 256, "sigcontext is 256 bytes");
_Static_assert(__builtin_offsetof(struct sigcontext, rip) == 128, "sigcontext.rip");
_Static_assert(__builtin_offsetof(struct sigcontext, cs) == 144, "sigcontext.cs");
_Static_assert(__builtin_offsetof(struct sigcontext, fpstate) == 184, "sigcontext.fpstate");
_Static_assert(sizeof(struct sigaltstack) == 24, "stack_t is 24 bytes");
_Static_assert(__builtin_offsetof(struct ucontext, uc_mcontext) == 40, "uc_mcontext");
_Static_assert(__builtin_offsetof(struct ucontext, uc_sigmask) == 296, "uc_sigmask");
_Static_assert(sizeof(struct siginfo) == 128, "siginfo_t is 128 bytes");
_Static_assert(__builtin_offsetof(struct rt_sigframe, uc) == 8, "rt_sigframe.uc");
_Static_assert(__builtin_offsetof(struct rt_sigframe, info) == 312, "rt_sigframe.info");
_Static_assert(sizeof(struct rt_sigframe) == 440, "rt_sigframe is 440 bytes");

#endif
