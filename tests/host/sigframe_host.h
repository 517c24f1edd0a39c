/* sigframe_host.h - numbers sigframe_host.c reads from the host C library. */
#ifndef SIGFRAME_HOST_H
#define SIGFRAME_HOST_H

#include <stddef.h>

/* glibc's gregs[] order: REG_R8 = 0 ... REG_CR2 = 22 (sys/ucontext.h). */
enum {
	HOST_REG_R8, HOST_REG_R9, HOST_REG_R10, HOST_REG_R11, HOST_REG_R12, HOST_REG_R13,
	HOST_REG_R14, HOST_REG_R15, HOST_REG_RDI, HOST_REG_RSI, HOST_REG_RBP, HOST_REG_RBX,
	HOST_REG_RDX, HOST_REG_RAX, HOST_REG_RCX, HOST_REG_RSP, HOST_REG_RIP, HOST_REG_EFL,
	HOST_REG_CSGSFS, HOST_REG_ERR, HOST_REG_TRAPNO, HOST_REG_OLDMASK, HOST_REG_CR2,
	HOST_NGREG
};

/* Constants with the same name in glibc's headers and the kernel's uapi
 * headers: each side expands the list with its own definitions. */
#define SIGNAL_ABI_CONSTANTS(X) \
	X(SA_NOCLDSTOP) X(SA_NOCLDWAIT) X(SA_SIGINFO) X(SA_ONSTACK) X(SA_RESTART) \
	X(SA_NODEFER) X(SA_RESETHAND) X(SS_ONSTACK) X(SS_DISABLE) X(SI_USER) X(SI_KERNEL) \
	X(SI_QUEUE) X(SI_TKILL) X(SEGV_MAPERR) X(SEGV_ACCERR) X(BUS_ADRALN) X(ILL_ILLOPN) \
	X(FPE_INTDIV) X(FPE_FLTDIV) X(FPE_FLTOVF) X(FPE_FLTUND) X(FPE_FLTRES) X(FPE_FLTINV) \
	X(TRAP_BRKPT) X(TRAP_TRACE) X(TRAP_HWBKPT) X(CLD_EXITED) X(CLD_KILLED) X(CLD_DUMPED) \
	X(CLD_STOPPED) X(CLD_CONTINUED) X(SIG_BLOCK) X(SIG_UNBLOCK) X(SIG_SETMASK)

struct host_const {
	const char *name;
	long value;
};

struct host_sigabi {
	size_t ucontext_mcontext, ucontext_stack, ucontext_link, ucontext_sigmask;
	size_t gregs[HOST_NGREG];        /* offsets inside mcontext */
	size_t mcontext_fpregs, mcontext_size;
	size_t fpstate_mxcsr, fpstate_xmm, fpstate_size;
	size_t siginfo_size, siginfo_signo, siginfo_errno, siginfo_code, siginfo_pid,
	       siginfo_uid, siginfo_status, siginfo_utime, siginfo_stime, siginfo_value,
	       siginfo_addr;
	size_t stack_sp, stack_flags, stack_size_field, stack_size;
	struct host_const consts[40];
};

extern const struct host_sigabi host_sigabi;

#endif
