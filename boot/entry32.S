/*
 * entry32.S - the first instructions of the kernel, in 32-bit protected mode.
 *
 * State on entry (from GRUB or QEMU, Multiboot spec section 3.2):
 *   EAX = Multiboot magic, EBX = physical address of the boot information,
 *   paging off, interrupts off, flat 4 GiB segments, no usable stack.
 *
 * Only what C cannot do happens here:
 *   1. check that the CPU has long mode, else print a message and stop;
 *   2. load the boot page tables (built statically below);
 *   3. enable PAE, EFER.LME (+ EFER.NXE when available), paging;
 *   4. far-jump into a 64-bit code segment, then jump to the higher half.
 *
 * Everything in this file is linked at its physical address (see linker.ld),
 * because paging is off while it runs.
 */
#include "memlayout.h"
#include "segment.h"

#define CR0_PE (1 << 0)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define EFER_MSR 0xc0000080
#define EFER_LME_BIT 8
#define EFER_NXE_BIT 11

	.code32
	.section .boot.text, "ax"
	.global boot_entry32
boot_entry32:
	cli
	cld
	movl $boot_stack32_top, %esp        /* a tiny stack for the calls below */
	movl %eax, boot_magic               /* keep the loader's magic ... */
	movl %ebx, boot_info_phys           /* ... and boot info for kmain() */
	rdtsc                               /* TSC at kernel entry, for the boot-time log */
	movl %eax, boot_entry_tsc
	movl %edx, boot_entry_tsc + 4

	call check_long_mode                /* returns only if long mode exists */

	movl $boot_pml4, %eax               /* CR3 = physical address of the PML4 */
	movl %eax, %cr3
	movl %cr4, %eax
	orl $CR4_PAE, %eax                  /* long mode requires PAE paging */
	movl %eax, %cr4

	movl $EFER_MSR, %ecx
	rdmsr
	btsl $EFER_LME_BIT, %eax            /* long mode enable (active once PG=1) */
	cmpl $0, boot_has_nx
	je 1f
	btsl $EFER_NXE_BIT, %eax            /* allow the NX bit in page tables */
1:	wrmsr

	movl %cr0, %eax
	orl $(CR0_PG | CR0_PE), %eax        /* paging on: now in compatibility mode */
	movl %eax, %cr0

	lgdt boot_gdt_ptr                   /* a GDT with a 64-bit code segment */
	ljmp $KERNEL_CS, $entry64_low       /* reload CS: now in 64-bit mode */

/*
 * check_long_mode: CPUID must exist (EFLAGS.ID can be toggled), must have
 * extended leaf 0x80000001, and that leaf must report LM (EDX bit 29).
 * Also records NX support (EDX bit 20) for the EFER setup above.
 */
check_long_mode:
	pushfl
	popl %eax
	movl %eax, %ecx
	xorl $(1 << 21), %eax               /* try to flip EFLAGS.ID */
	pushl %eax
	popfl
	pushfl
	popl %eax
	pushl %ecx                          /* restore the original EFLAGS */
	popfl
	cmpl %eax, %ecx
	je no_long_mode                     /* ID did not flip: no CPUID at all */

	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode                     /* no extended leaves */
	movl $0x80000001, %eax
	cpuid
	btl $29, %edx                       /* LM: long mode */
	jnc no_long_mode
	btl $20, %edx                       /* NX: execute disable */
	setc boot_has_nx
	ret

/* Print a message on the VGA text screen and on COM1, then stop. */
no_long_mode:
	movl $no_long_mode_msg, %esi
	movl $0xb8000, %edi                 /* VGA text buffer */
	movw $0x3f8, %dx                    /* COM1 data port (polled, no set-up needed in QEMU) */
2:	lodsb
	testb %al, %al
	jz 3f
	outb %al, %dx
	movb %al, (%edi)
	movb $0x4f, 1(%edi)                 /* white on red */
	addl $2, %edi
	jmp 2b
3:	cli
	hlt
	jmp 3b

	.code64
entry64_low:
	/* Running 64-bit code, but still at a low (identity-mapped) address. */
	movabsq $entry64, %rax
	jmpq *%rax                          /* continue in the higher half: boot/entry64.S */

	.section .boot.data, "aw"
no_long_mode_msg:
	.asciz "This CPU has no 64-bit long mode: cannot boot. (QEMU: use qemu-system-x86_64)\r\n"

	.balign 4
	.global boot_magic, boot_info_phys, boot_entry_tsc
boot_magic:     .long 0
boot_info_phys: .long 0
boot_has_nx:    .long 0
	.balign 8
boot_entry_tsc:       .quad 0

	/* Boot GDT: same selectors as the real one (segment.h) for the code we use. */
	.balign 8
boot_gdt:
	.quad 0                             /* 0x00 null */
	.quad 0x00cf9a000000ffff            /* 0x08 32-bit code, DPL 0 */
	.quad 0x00af9a000000ffff            /* 0x10 64-bit code (L=1), DPL 0 */
	.quad 0x00cf92000000ffff            /* 0x18 data, DPL 0 */
boot_gdt_end:
boot_gdt_ptr:
	.short boot_gdt_end - boot_gdt - 1  /* limit */
	.long boot_gdt                      /* base (physical) */

	.balign 16
	.space 1024
boot_stack32_top:

/*
 * Boot page tables: 2 MiB pages mapping physical 0..1 GiB three times.
 *
 *   boot_pml4[0]   -> boot_pdpt_low[0]   -> boot_pd    identity: VA = PA
 *   boot_pml4[256] -> boot_pdpt_low[0]   -> boot_pd    VA = 0xffff800000000000 + PA
 *   boot_pml4[511] -> boot_pdpt_high[510]-> boot_pd    VA = 0xffffffff80000000 + PA
 *
 * The identity map lets the instruction after "paging on" still be fetched;
 * the direct map (slot 256) lets early C code use phys_to_virt(); the last
 * one is where the kernel is linked. kmain() replaces all this with precise
 * 4 KiB mappings (vm_init_kernel), and the identity map disappears.
 *
 * Entry bits: 0x003 = present | writable; 0x083 = present | writable | 2 MiB page (PS).
 */
	.balign 4096
	.global boot_pml4
boot_pml4:
	.quad boot_pdpt_low + 0x003
	.fill 255, 8, 0
	.quad boot_pdpt_low + 0x003         /* slot 256 */
	.fill 254, 8, 0
	.quad boot_pdpt_high + 0x003        /* slot 511 */
boot_pdpt_low:
	.quad boot_pd + 0x003
	.fill 511, 8, 0
boot_pdpt_high:
	.fill 510, 8, 0
	.quad boot_pd + 0x003               /* slot 510: -2 GiB */
	.quad 0
boot_pd:
	.set addr, 0
	.rept 512
	.quad addr + 0x083
	.set addr, addr + 0x200000
	.endr
