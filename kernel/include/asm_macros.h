/*
 * asm_macros.h - assembler macros shared by the entry paths (cpu/vectors.S,
 * syscall/entry.S) and the user-copy loops (mm/uaccess.S). One definition
 * each, so the register order of a struct trap_frame (trapframe.h) is
 * written down exactly once for pushing and once for popping.
 */
#ifndef ASM_MACROS_H
#define ASM_MACROS_H
#ifdef __ASSEMBLER__

/* The general registers, pushed so that %rsp ends up at trap_frame.r15. */
.macro PUSH_GPRS
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq %rax
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

/* And back, leaving %rsp at trap_frame.trapno. */
.macro POP_GPRS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rax
	popq %rcx
	popq %rdx
	popq %rsi
	popq %rdi
.endm

/*
 * STAC/CLAC (set/clear RFLAGS.AC, the SMAP window) exist only on CPUs with
 * SMAP; each use is recorded in section .smap_sites so that
 * cpu/cpu.c:smap_patch_sites can overwrite it with a NOP elsewhere.
 */
.macro SMAP_STAC
999:	stac
	.pushsection .smap_sites, "a"
	.long 999b - .
	.popsection
.endm

.macro SMAP_CLAC
999:	clac
	.pushsection .smap_sites, "a"
	.long 999b - .
	.popsection
.endm

#endif
#endif
