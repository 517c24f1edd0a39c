/*
 * signal.c - libsys's signal handling: installing a handler (with the
 * restorer every x86-64 handler returns through), the alternate stack,
 * waiting for signals, and sigsetjmp/siglongjmp to leave a handler.
 *
 * What a real libc does here too: sigaction() fills in SA_RESTORER and
 * its own __restore_rt, because the kernel pushes sa_restorer as the
 * handler's return address (see kernel/include/uapi/ucontext.h).
 */
#include "libsys.h"

/*
 * The restorer: a handler's `ret` lands here, with RSP just above the
 * return address, i.e. at the frame's ucontext. rt_sigreturn (15) takes
 * the frame down and puts every register back. Never called, only
 * returned into: it has no prologue and must not touch the stack.
 */
__asm__(".text\n"
	".global __restore_rt\n"
	"__restore_rt:\n"
	"	mov $15, %eax\n"         /* __NR_rt_sigreturn */
	"	syscall\n");
void __restore_rt(void);

int
sigaction_raw(int sig, const struct kernel_sigaction *act, struct kernel_sigaction *old)
{
	return (int)syscall_result(raw_syscall4(__NR_rt_sigaction, sig, act, old, 8));
}

int
signal_handle(int sig, sig_handler_t handler, unsigned long flags, uint64_t mask)
{
	struct kernel_sigaction act = {
		.handler = (unsigned long)handler,
		.flags = flags | SA_SIGINFO | SA_RESTORER,
		.restorer = (unsigned long)__restore_rt,
		.mask = mask,
	};
	return sigaction_raw(sig, &act, NULL);
}

int
sigaltstack(const struct sigaltstack *ss, struct sigaltstack *old)
{
	return (int)syscall_result(raw_syscall2(__NR_sigaltstack, ss, old));
}

int
sigpending(uint64_t *set)
{
	return (int)syscall_result(raw_syscall2(__NR_rt_sigpending, set, 8));
}

int
sigsuspend(const uint64_t *mask)
{
	return (int)syscall_result(raw_syscall2(__NR_rt_sigsuspend, mask, 8));
}

int
sigtimedwait(const uint64_t *set, struct siginfo *info, const struct timespec *timeout)
{
	return (int)syscall_result(raw_syscall4(__NR_rt_sigtimedwait, set, info, timeout, 8));
}

int
tgkill(pid_t tgid, pid_t tid, int sig)
{
	return (int)syscall_result(raw_syscall3(__NR_tgkill, tgid, tid, sig));
}

int
pause(void)
{
	return (int)syscall_result(raw_syscall0(__NR_pause));
}

/*
 * sigsetjmp/siglongjmp: save the callee-saved registers, the stack
 * pointer and the return address (and, if asked, the signal mask); jump
 * back there later - from a signal handler, for instance, which is how a
 * program recovers from SIGSEGV. The buffer: rbx rbp r12 r13 r14 r15 rsp
 * rip, then the mask and whether it was saved.
 */
__asm__(".text\n"
	".global __sigsetjmp_regs\n"
	"__sigsetjmp_regs:\n"            /* (sigjmp_buf env): save, return 0 */
	"	mov %rbx, 0(%rdi)\n"
	"	mov %rbp, 8(%rdi)\n"
	"	mov %r12, 16(%rdi)\n"
	"	mov %r13, 24(%rdi)\n"
	"	mov %r14, 32(%rdi)\n"
	"	mov %r15, 40(%rdi)\n"
	"	lea 8(%rsp), %rdx\n"     /* the caller's RSP after our return */
	"	mov %rdx, 48(%rdi)\n"
	"	mov (%rsp), %rdx\n"      /* our return address */
	"	mov %rdx, 56(%rdi)\n"
	"	xor %eax, %eax\n"
	"	ret\n"
	".global __siglongjmp_regs\n"
	"__siglongjmp_regs:\n"           /* (sigjmp_buf env, int val): never returns */
	"	mov %esi, %eax\n"
	"	test %eax, %eax\n"
	"	jnz 1f\n"
	"	inc %eax\n"              /* longjmp(env, 0) returns 1 */
	"1:	mov 0(%rdi), %rbx\n"
	"	mov 8(%rdi), %rbp\n"
	"	mov 16(%rdi), %r12\n"
	"	mov 24(%rdi), %r13\n"
	"	mov 32(%rdi), %r14\n"
	"	mov 40(%rdi), %r15\n"
	"	mov 48(%rdi), %rsp\n"
	"	jmp *56(%rdi)\n");
void __siglongjmp_regs(sigjmp_buf env, int val) __attribute__((noreturn));

void
siglongjmp(sigjmp_buf env, int val)
{
	if (env->mask_saved)
		sigprocmask(SIG_SETMASK, &env->mask, NULL);
	__siglongjmp_regs(env, val);
}
