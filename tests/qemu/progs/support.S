/*
 * support.S - assembly helpers for the QEMU test programs.
 *
 * uint64_t syscall_clobber_check(uint64_t nr, uint64_t *rcx_out)
 *   Loads a distinct pattern into every general register except RAX, RCX,
 *   R11 and RSP, executes SYSCALL with RAX = nr, and returns a bit mask of
 *   the registers whose value changed (bit order: rbx rbp rdi rsi rdx r8 r9
 *   r10 r12 r13 r14 r15). 0 means the kernel preserved all of them, as the
 *   Linux ABI promises. *rcx_out receives RCX after the call (the CPU put
 *   the return address there).
 *
 * long syscall_on_stack(long nr, void *sp)
 *   Executes SYSCALL nr with RSP = sp (no arguments) and returns RAX:
 *   rt_sigreturn finds its signal frame at the user's RSP, and strace reads
 *   the mask to restore there.
 */
	.text
	.global syscall_clobber_check
syscall_clobber_check:
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	pushq %rsi                      /* rcx_out */
	movq %rdi, %rax                 /* system call number */
	movabsq $0x1111111111111111, %rbx
	movabsq $0x2222222222222222, %rbp
	movabsq $0x3333333333333333, %rdi
	movabsq $0x4444444444444444, %rsi
	movabsq $0x5555555555555555, %rdx
	movabsq $0x6666666666666666, %r8
	movabsq $0x7777777777777777, %r9
	movabsq $0x8888888888888888, %r10
	movabsq $0x9999999999999999, %r12
	movabsq $0xaaaaaaaaaaaaaaaa, %r13
	movabsq $0xbbbbbbbbbbbbbbbb, %r14
	movabsq $0xcccccccccccccccc, %r15
	syscall
after_syscall:
	xorl %eax, %eax                 /* build the mask in %rax */
.macro CHECK reg, value, bit
	movabsq $\value, %r11
	cmpq %r11, \reg
	je 1f
	orq $(1 << \bit), %rax
1:
.endm
	CHECK %rbx, 0x1111111111111111, 0
	CHECK %rbp, 0x2222222222222222, 1
	CHECK %rdi, 0x3333333333333333, 2
	CHECK %rsi, 0x4444444444444444, 3
	CHECK %rdx, 0x5555555555555555, 4
	CHECK %r8,  0x6666666666666666, 5
	CHECK %r9,  0x7777777777777777, 6
	CHECK %r10, 0x8888888888888888, 7
	CHECK %r12, 0x9999999999999999, 8
	CHECK %r13, 0xaaaaaaaaaaaaaaaa, 9
	CHECK %r14, 0xbbbbbbbbbbbbbbbb, 10
	CHECK %r15, 0xcccccccccccccccc, 11
	popq %rsi
	movq %rcx, (%rsi)               /* RCX as SYSCALL/SYSRET left it */
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	ret

	.global syscall_return_address
syscall_return_address:
	leaq after_syscall(%rip), %rax
	ret

	.global syscall_on_stack
syscall_on_stack:
	pushq %rbx
	movq %rsp, %rbx                 /* our stack, kept in a callee-saved register */
	movq %rdi, %rax                 /* system call number */
	movq %rsi, %rsp                 /* the "signal frame" */
	syscall
	movq %rbx, %rsp
	popq %rbx
	ret
