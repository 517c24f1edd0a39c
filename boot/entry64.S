/*
 * entry64.S - first instructions in the higher half, 64-bit mode.
 * Set the data segments, clear .bss, switch to the boot stack and call
 * kmain(magic, info_phys). kmain never returns.
 */
#include "segment.h"

	.code64
	.text
	.global entry64
entry64:
	movw $KERNEL_DS, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorl %eax, %eax
	movw %ax, %fs
	movw %ax, %gs

	/* Zero .bss (the loaders do it too, but we do not rely on it). */
	movabsq $_bss_start, %rdi
	movabsq $_bss_end, %rcx
	subq %rdi, %rcx
	xorl %eax, %eax
	rep stosb

	movabsq $boot_stack_top, %rsp       /* 16-byte aligned kernel stack */
	xorl %ebp, %ebp                     /* end of the frame-pointer chain */
	movl boot_magic, %edi               /* arg 1: Multiboot magic */
	movl boot_info_phys, %esi           /* arg 2: boot info physical address */
	call kmain
1:	cli
	hlt
	jmp 1b

	.bss
	.balign 16
	.global boot_stack_bottom, boot_stack_top
boot_stack_bottom:
	.space 16384
boot_stack_top:
