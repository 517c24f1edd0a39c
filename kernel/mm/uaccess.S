/*
 * uaccess.S - the two loops that touch user memory. Each instruction that
 * may fault on a user address is listed in __ex_table with the address to
 * resume at (its "fixup"); see mm/uaccess.c:extable_fixup.
 *
 * STAC/CLAC open and close the SMAP window: with SMAP on, ring 0 may touch
 * user pages only while RFLAGS.AC = 1. (Without SMAP they are patched to
 * NOPs at boot, cpu/cpu.c:smap_patch_sites.)
 */
#include "asm_macros.h"

/* EXTABLE insn, fixup: "if insn faults, continue at fixup". */
.macro EXTABLE insn, fixup
	.pushsection __ex_table, "a"
	.balign 8
	.quad \insn, \fixup
	.popsection
.endm

	.text
/*
 * size_t raw_copy_user(void *dst %rdi, const void *src %rsi, size_t n %rdx)
 * Returns the number of bytes NOT copied: 0 on success. 8 bytes per step,
 * then the last 0-7 (lib/string.c says why).
 */
	.global raw_copy_user
raw_copy_user:
	movq %rdx, %rcx
	shrq $3, %rcx               /* %rcx = 8-byte words */
	andl $7, %edx               /* %rdx = the bytes after them */
	SMAP_STAC
1:	rep movsq                   /* may fault: then %rcx = words left */
	movq %rdx, %rcx
2:	rep movsb                   /* may fault: then %rcx = bytes left */
3:	SMAP_CLAC
	movq %rcx, %rax             /* 0 if everything was copied */
	ret
4:	leaq (%rdx,%rcx,8), %rcx    /* fixup for the words: bytes left = words * 8 + tail */
	jmp 3b
	EXTABLE 1b, 4b
	EXTABLE 2b, 3b              /* on a fault in the tail, %rcx is already the bytes left */

/*
 * long raw_strncpy_user(char *dst %rdi, const char *src %rsi, size_t max %rdx)
 * Copies up to and including the NUL, at most max bytes. Returns the string
 * length, max if no NUL was found within max bytes, or -1 on a fault.
 */
	.global raw_strncpy_user
raw_strncpy_user:
	xorl %eax, %eax             /* %rax = bytes copied so far */
	SMAP_STAC
3:	cmpq %rdx, %rax
	je 5f                       /* max reached without a NUL */
4:	movb (%rsi,%rax), %cl       /* may fault */
	movb %cl, (%rdi,%rax)
	testb %cl, %cl
	jz 5f                       /* copied the NUL: %rax = length */
	incq %rax
	jmp 3b
5:	SMAP_CLAC
	ret
6:	SMAP_CLAC                        /* fixup: the load faulted */
	movq $-1, %rax
	ret
	EXTABLE 4b, 6b

/*
 * int fxsave_user(void *udst %rdi): FXSAVE the live x87/SSE registers
 * straight into user memory - a signal frame, 16-byte aligned - as Linux
 * writes its XSAVE image: one instruction instead of a copy through a
 * kernel buffer. 0, or -1 if it faulted (a bad stack: the frame fails).
 */
	.global fxsave_user
fxsave_user:
	SMAP_STAC
7:	fxsave64 (%rdi)             /* may fault: unmapped or misaligned */
	SMAP_CLAC
	xorl %eax, %eax
	ret
8:	SMAP_CLAC                        /* fixup */
	movl $-1, %eax
	ret
	EXTABLE 7b, 8b

/*
 * int fxrstor_user(const void *usrc %rdi): load the x87/SSE registers
 * straight from user memory (rt_sigreturn). 0, or -1 if it faulted: an
 * unmapped or misaligned image, or reserved MXCSR bits (#GP) - then the
 * caller copies the image and cleans it (cpu/fpu.c).
 */
	.global fxrstor_user
fxrstor_user:
	SMAP_STAC
9:	fxrstor64 (%rdi)            /* may fault */
	SMAP_CLAC
	xorl %eax, %eax
	ret
10:	SMAP_CLAC                        /* fixup */
	movl $-1, %eax
	ret
	EXTABLE 9b, 10b
