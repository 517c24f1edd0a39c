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


/* Vectors where the CPU pushes an error code: #DF #TS #NP #SS #GP #PF #AC #CP #VC #SX */
.macro STUB vec
	.balign 16
trap_stub_\vec:
	.if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushq $0                    /* dummy error code */
	.endif
	pushq $\vec                 /* trapno */
	jmp trap_common
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
 */
	.global trap_common
trap_common:
	SMAP_CLAC                        /* delivery does not clear RFLAGS.AC: do it first */
	testb $3, 0x18(%rsp)        /* saved CS: did we come from ring 3? */
	jz 1f
	swapgs                      /* yes: %gs now points at the kernel's per-CPU data */
1:	PUSH_GPRS                   /* save the general registers (trapframe.h order) */
	cld                         /* the C ABI expects DF = 0 */
	movq %rsp, %rdi             /* argument: struct trap_frame * */
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
	iretq                       /* pops RIP, CS, RFLAGS, RSP, SS */

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
