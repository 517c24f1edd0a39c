/*
 * entry.S - the SYSCALL instruction lands here (MSR_LSTAR = syscall_entry).
 *
 * Registers on entry (set by the user and by the SYSCALL instruction):
 *
 *   RAX  system call number          RCX  user RIP to return to (saved by CPU)
 *   RDI  argument 1                  R11  user RFLAGS (saved by CPU)
 *   RSI  argument 2                  RSP  still the USER stack (!)
 *   RDX  argument 3                  CS/SS kernel selectors from MSR_STAR
 *   R10  argument 4 (not RCX: SYSCALL overwrites RCX)
 *   R8   argument 5                  RFLAGS: bits in MSR_FMASK cleared
 *   R9   argument 6                  (IF=0: no interrupts until we allow them)
 *
 * SYSCALL changes no stack and no %gs: we are in ring 0 on a stack the user
 * controls. So the first three instructions get us onto the kernel stack,
 * then we build a struct trap_frame (trapframe.h) like an interrupt would,
 * and let C decide everything else.
 */
#include "asm_macros.h"
#include "segment.h"
#include "syscall_asm.h"
#include "trapframe.h"

	.text
	/* Debug info for GDB: this is where kernel backtraces end (the caller is
	 * user code, reached by SYSCALL, not by a call instruction). */
	.cfi_sections .debug_frame
	.global syscall_entry
syscall_entry:
	.cfi_startproc simple
	.cfi_def_cfa rsp, 0
	.cfi_undefined rip              /* no caller frame to unwind to */
	swapgs                          /* %gs -> per-CPU data (struct percpu) */
	movq %rsp, %gs:CPU_USER_RSP     /* remember the user stack pointer */
	movq %gs:CPU_KERNEL_RSP, %rsp   /* switch to this task's kernel stack */

	/* The "iret frame" part, built by hand. */
	pushq $USER_DS                  /* ss */
	pushq %gs:CPU_USER_RSP          /* rsp */
	pushq %r11                      /* rflags */
	pushq $USER_CS                  /* cs */
	pushq %rcx                      /* rip */
	pushq %rax                      /* orig_rax: the number, kept for restarts */
	pushq $TRAP_SYSCALL             /* trapno */

	PUSH_GPRS                       /* the general registers (asm_macros.h) */

	movq %rsp, %rdi                 /* argument: struct trap_frame * */
	call syscall_dispatch           /* result already stored in frame->rax */
	cmpl $RETURN_SYSRET_ASM, %eax
	jne trap_return                 /* slow path: restore everything, IRETQ */

	/* Fast path. C checked that RCX == RIP and R11 == RFLAGS in the frame. */
	POP_GPRS                        /* RAX = result, RCX = user RIP, R11 = user RFLAGS */
	movq TF_RSP - TF_TRAPNO(%rsp), %rsp  /* back on the user stack */
	swapgs                          /* user %gs base back (interrupts are off) */
	sysretq                         /* RIP = RCX, RFLAGS = R11, CS/SS from MSR_STAR, ring 3 */
	.cfi_endproc
