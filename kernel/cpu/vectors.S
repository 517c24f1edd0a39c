/*
 * vectors.S - one small entry stub per interrupt vector, all funnelling into
 * trap_common, which saves the registers as a struct trap_frame
 * (trapframe.h) and calls trap_dispatch(frame) in cpu/trap.c.
 *
 * On entry the CPU has pushed (on the kernel stack: TSS.RSP0 if we came
 * from ring 3, else the current stack, or an IST stack):
 *     SS, RSP, RFLAGS, CS, RIP, and for some exceptions an error code.
 * Each stub pushes a dummy error code when the CPU did not, so every frame
 * has the same shape, then pushes its vector number.
 */
#include "asm_macros.h"
#include "trapframe.h"

#define MSR_GS_BASE 0xc0000101      /* the live GS base (x86.h) */


/* Vectors where the CPU pushes an error code: #DF #TS #NP #SS #GP #PF #AC #CP #VC #SX */
.macro STUB vec
	.balign 16
trap_stub_\vec:
	.if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushq $0                    /* dummy error code */
	.endif
	pushq $\vec                 /* trapno */
	.if (\vec == 2) || (\vec == 8) || (\vec == 18)
	jmp paranoid_common         /* NMI, #DF, #MC: may arrive anywhere (below) */
	.else
	jmp trap_common
	.endif
.endm

	.text
	.altmacro                   /* lets %vec below expand to the counter's value */
	.set vec, 0
	.rept 256
	STUB %vec
	.set vec, vec + 1
	.endr
	.noaltmacro

/*
 * trap_common: finish the trap frame and call C.
 * Stack here: trapno, error, RIP, CS, RFLAGS, RSP, SS (trapno at 0(%rsp)).
 *
 * Which GS base is live? From ring 3, the user's: SWAPGS to the kernel's.
 * From ring 0, the kernel's - with one exception: the iretq at the end of
 * trap_return, which runs after the SWAPGS back to the user's base. If the
 * CPU refuses what that iretq loads (an SS restored by rt_sigreturn that
 * is not a user data segment, say), it raises #GP in ring 0 with the
 * user's GS base live. That is a fault of the user's making, so it is
 * handled as one: fixup_bad_iret rebuilds the frame as if the program had
 * faulted at the address it was returning to (Linux: error_entry's
 * .Lerror_bad_iret and fixup_bad_iret).
 */
	.global trap_common
trap_common:
	SMAP_CLAC                        /* delivery does not clear RFLAGS.AC: do it first */
	PUSH_GPRS                   /* save the general registers (trapframe.h order) */
	cld                         /* the C ABI expects DF = 0 */
	testb $3, TF_CS(%rsp)       /* saved CS: did we come from ring 3? */
	jz 1f
	swapgs                      /* yes: %gs now points at the kernel's per-CPU data */
	jmp 2f
1:	leaq iret_to_user(%rip), %rax
	cmpq %rax, TF_RIP(%rsp)     /* a fault on trap_return's iretq ... */
	jne 2f
	movq TF_RSP(%rsp), %rax     /* ... on its way to ring 3 (the frame it pops)? */
	testb $3, 8(%rax)
	jz 2f
	swapgs                      /* yes: the user's GS base was live */
	movq %rsp, %rdi
	call fixup_bad_iret         /* returns the rebuilt frame, at the top of the stack */
	movq %rax, %rsp
2:	movq %rsp, %rdi             /* argument: struct trap_frame * */
	call trap_dispatch

/*
 * trap_return: restore a trap frame at %rsp and IRET to it. Also how a new
 * process enters ring 3 for the first time (proc/switch.S:proc_first_return).
 */
	.global trap_return
trap_return:
	POP_GPRS                    /* restore the general registers */
	testb $3, 0x18(%rsp)        /* going back to ring 3? */
	jz 2f
	cli                         /* no interrupt between SWAPGS and IRETQ */
	swapgs                      /* give the user its %gs base back */
2:	addq $16, %rsp              /* drop trapno and error */
	.global iret_to_user
iret_to_user:                       /* (trap_common knows this address: a fault here is the user's) */
	iretq                       /* pops RIP, CS, RFLAGS, RSP, SS */

/*
 * paranoid_common: NMI, double fault and machine check. They use their own
 * IST stacks and can arrive at any instruction - also between a SWAPGS and
 * the SYSRETQ or IRETQ after it, where the saved CS says ring 0 but the
 * user's GS base is live. So the saved CS cannot tell which base is live;
 * MSR_GS_BASE can: the kernel's per-CPU data is at a kernel (negative)
 * address, and a user base never is (arch_prctl checks). %rbx remembers
 * whether to SWAPGS back (callee-saved: it survives the C call).
 * Linux: paranoid_entry / paranoid_exit.
 */
paranoid_common:
	SMAP_CLAC
	PUSH_GPRS
	cld
	movl $MSR_GS_BASE, %ecx
	rdmsr                       /* %edx = the high half of the live GS base */
	xorl %ebx, %ebx
	testl %edx, %edx
	js 3f                       /* negative: the kernel's already */
	swapgs
	movl $1, %ebx               /* and back on the way out */
3:	movq %rsp, %rdi
	call trap_dispatch          /* never schedules or delivers signals for these */
	testl %ebx, %ebx
	jz 4f
	swapgs
4:	POP_GPRS
	addq $16, %rsp              /* drop trapno and error */
	iretq                       /* back to exactly where it came */

/* Table of stub addresses for idt.c. */
	.section .rodata
	.balign 8
	.global trap_stub_table
trap_stub_table:
.macro STUB_ADDRESS vec
	.quad trap_stub_\vec
.endm
	.altmacro
	.set vec, 0
	.rept 256
	STUB_ADDRESS %vec
	.set vec, vec + 1
	.endr
	.noaltmacro
