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
