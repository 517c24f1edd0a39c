/*
 * sigframe_host.c - the host C library's view of the signal ABI, for
 * test_sigframe.c: glibc's ucontext_t, siginfo_t, stack_t and constants
 * describe the same bytes as the kernel's uapi/ucontext.h and
 * uapi/signal.h, from an independent source. A translation unit of its
 * own because <signal.h> and the kernel's headers both define sigset_t.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <sys/ucontext.h>

#include "sigframe_host.h"

const struct host_sigabi host_sigabi = {
	.ucontext_mcontext = offsetof(ucontext_t, uc_mcontext),
	.ucontext_stack = offsetof(ucontext_t, uc_stack),
	.ucontext_link = offsetof(ucontext_t, uc_link),
	.ucontext_sigmask = offsetof(ucontext_t, uc_sigmask),
	.gregs = {
#define REG(name) [HOST_##name] = offsetof(ucontext_t, uc_mcontext.gregs[name]) - \
				  offsetof(ucontext_t, uc_mcontext)
		REG(REG_R8), REG(REG_R9), REG(REG_R10), REG(REG_R11), REG(REG_R12), REG(REG_R13),
		REG(REG_R14), REG(REG_R15), REG(REG_RDI), REG(REG_RSI), REG(REG_RBP), REG(REG_RBX),
		REG(REG_RDX), REG(REG_RAX), REG(REG_RCX), REG(REG_RSP), REG(REG_RIP), REG(REG_EFL),
		REG(REG_CSGSFS), REG(REG_ERR), REG(REG_TRAPNO), REG(REG_OLDMASK), REG(REG_CR2),
#undef REG
	},
	.mcontext_fpregs = offsetof(mcontext_t, fpregs),
	.mcontext_size = sizeof(mcontext_t),
	.fpstate_mxcsr = offsetof(struct _libc_fpstate, mxcsr),
	.fpstate_xmm = offsetof(struct _libc_fpstate, _xmm),
	.fpstate_size = sizeof(struct _libc_fpstate),
	.siginfo_size = sizeof(siginfo_t),
	.siginfo_signo = offsetof(siginfo_t, si_signo),
	.siginfo_errno = offsetof(siginfo_t, si_errno),
	.siginfo_code = offsetof(siginfo_t, si_code),
	.siginfo_pid = offsetof(siginfo_t, si_pid),
	.siginfo_uid = offsetof(siginfo_t, si_uid),
	.siginfo_status = offsetof(siginfo_t, si_status),
	.siginfo_utime = offsetof(siginfo_t, si_utime),
	.siginfo_stime = offsetof(siginfo_t, si_stime),
	.siginfo_value = offsetof(siginfo_t, si_value),
	.siginfo_addr = offsetof(siginfo_t, si_addr),
	.stack_sp = offsetof(stack_t, ss_sp),
	.stack_flags = offsetof(stack_t, ss_flags),
	.stack_size_field = offsetof(stack_t, ss_size),
	.stack_size = sizeof(stack_t),
	.consts = {
#define HOST_CONST(name) { #name, name },
		SIGNAL_ABI_CONSTANTS(HOST_CONST)
#undef HOST_CONST
		{ "SIGRTMIN (kernel's)", __SIGRTMIN }, { "NSIG - 1", _NSIG - 1 },
		{ NULL, 0 },
	},
};
