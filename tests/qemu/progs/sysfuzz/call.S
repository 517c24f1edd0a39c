/*
 * call.S - the fuzzer's SYSCALL, in assembly so that every register is
 * ours to check.
 *
 * long fuzz_syscall(const struct fuzz_call *c, bool new_task_exits, uint64_t *changed)
 *
 *   Loads c->nr into RAX and c->args[0..5] into RDI, RSI, RDX, R10, R8, R9
 *   (Linux's order), a known pattern into RBX, RBP, R12-R14, and
 *   new_task_exits into R15, then executes SYSCALL. The Linux ABI promises
 *   that only RAX (the result), RCX and R11 (used by SYSCALL itself)
 *   change: *changed gets one bit per other register that did not keep its
 *   value, in this order:
 *
 *     bit  0 rdi  1 rsi  2 rdx  3 r10  4 r8  5 r9  6 rbx  7 rbp  8 r12
 *          9 r13  10 r14  11 r15
 *
 *   A new task: fork, vfork and clone return 0 in the task they create,
 *   which starts here, right after SYSCALL, with a copy of these registers
 *   but perhaps another stack (the random one clone was given) or the very
 *   same memory. With new_task_exits set, such a task naps for a
 *   millisecond (so that it is still there while its creator goes on: a
 *   thread to deliver signals to, an exit_group to end it, a vfork parent
 *   waiting) and calls exit(0), touching neither the stack nor writable
 *   memory.
 */
#define S_RBX 0x0b0b0b0b0b0b0b0b
#define S_RBP 0x0bb0bb0bb0bb0bb0
#define S_R12 0x1212121212121212
#define S_R13 0x1313131313131313
#define S_R14 0x1414141414141414
#define NR_NANOSLEEP 35
#define NR_EXIT 60

/* Set bit `bit` of RCX unless reg equals the value at mem. */
.macro CHECK_MEM reg, mem, bit
	cmpq \mem, \reg
	je 1f
	orq $(1 << \bit), %rcx
1:
.endm
/* The same against a constant; RDI (already checked) is the scratch register. */
.macro CHECK_IMM reg, value, bit
	movabsq $\value, %rdi
	cmpq %rdi, \reg
	je 1f
	orq $(1 << \bit), %rcx
1:
.endm

	.text
	.global fuzz_syscall
fuzz_syscall:
	pushq %rbx                      /* callee-saved: the C caller expects them back */
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	pushq %rdi                      /* 16(%rsp): c */
	pushq %rdx                      /*  8(%rsp): changed */
	movzbl %sil, %r15d
	pushq %r15                      /*  0(%rsp): new_task_exits, R15's value */
	movq %rdi, %r11                 /* SYSCALL overwrites R11 anyway */
	movabsq $S_RBX, %rbx
	movabsq $S_RBP, %rbp
	movabsq $S_R12, %r12
	movabsq $S_R13, %r13
	movabsq $S_R14, %r14
	movq 0(%r11), %rax              /* c->nr */
	movq 8(%r11), %rdi              /* c->args[0] */
	movq 16(%r11), %rsi
	movq 24(%r11), %rdx
	movq 32(%r11), %r10
	movq 40(%r11), %r8
	movq 48(%r11), %r9              /* c->args[5] */
	syscall
	testq %r15, %r15
	jz 2f
	testq %rax, %rax
	jnz 2f
	/* RAX = 0 after fork/vfork/clone: the new task. Nap, then leave. */
	movl $NR_NANOSLEEP, %eax
	leaq new_task_nap(%rip), %rdi
	xorl %esi, %esi
	syscall
	movl $NR_EXIT, %eax
	xorl %edi, %edi
	syscall
	ud2
2:
	pushq %rax                      /* the result; now 8(%rsp): flag, 16: changed, 24: c */
	movq 24(%rsp), %r11
	xorl %ecx, %ecx                 /* the mask */
	CHECK_MEM %rdi, 8(%r11), 0
	CHECK_MEM %rsi, 16(%r11), 1
	CHECK_MEM %rdx, 24(%r11), 2
	CHECK_MEM %r10, 32(%r11), 3
	CHECK_MEM %r8, 40(%r11), 4
	CHECK_MEM %r9, 48(%r11), 5
	CHECK_IMM %rbx, S_RBX, 6
	CHECK_IMM %rbp, S_RBP, 7
	CHECK_IMM %r12, S_R12, 8
	CHECK_IMM %r13, S_R13, 9
	CHECK_IMM %r14, S_R14, 10
	CHECK_MEM %r15, 8(%rsp), 11
	movq 16(%rsp), %r11
	movq %rcx, (%r11)               /* *changed */
	popq %rax
	addq $24, %rsp                  /* flag, changed, c */
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	ret

	.section .rodata
	.balign 8
new_task_nap:                           /* struct timespec: 1 ms */
	.quad 0
	.quad 1000000
