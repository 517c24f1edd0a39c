/*
 * crt0.S - where every user program starts (the ELF entry point, _start).
 *
 * The kernel leaves RSP pointing at argc, with the rest of the initial
 * stack above it (see kernel/proc/exec.c):
 *     (%rsp)      argc
 *     8(%rsp)     argv[0] ... argv[argc-1], NULL
 *     ...         envp[0] ..., NULL, then auxv pairs
 * All other registers are zero.
 */
	.text
	.global _start
_start:
	xorl %ebp, %ebp             /* outermost frame: ends backtraces */
	movq (%rsp), %rdi           /* arg 1: argc */
	leaq 8(%rsp), %rsi          /* arg 2: argv */
	leaq 8(%rsi,%rdi,8), %rdx   /* arg 3: envp = argv + argc + 1 */
	andq $-16, %rsp             /* the ABI wants RSP % 16 == 0 before a call */
	call libsys_start           /* never returns */
	hlt                         /* unreachable: a privileged instruction would fault */
