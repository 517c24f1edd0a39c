/*
 * uapi/signal.h - signal numbers and the structures of the signal system
 * calls: rt_sigaction(2), sigaltstack(2), siginfo, as Linux x86-64 defines
 * them (include/uapi/asm-generic/signal*.h, siginfo.h). The signal frame a
 * handler runs on is in uapi/ucontext.h.
 */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#include <stdint.h>

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4   /* invalid opcode (#UD) */
#define SIGTRAP   5   /* breakpoint (#BP), single step (#DB) */
#define SIGABRT   6
#define SIGBUS    7   /* alignment check (#AC) */
#define SIGFPE    8   /* divide error (#DE), x87/SIMD errors */
#define SIGKILL   9   /* cannot be caught, blocked or ignored */
#define SIGUSR1  10
#define SIGSEGV  11   /* page fault (#PF), general protection (#GP), ... */
#define SIGUSR2  12
#define SIGPIPE  13
#define SIGALRM  14
#define SIGTERM  15
#define SIGSTKFLT 16
#define SIGCHLD  17   /* a child stopped or ended; ignored by default */
#define SIGCONT  18   /* continue if stopped */
#define SIGSTOP  19   /* stop; cannot be caught, blocked or ignored */
#define SIGTSTP  20   /* stop from the terminal (^Z) */
#define SIGTTIN  21
#define SIGTTOU  22
#define SIGURG   23
#define SIGXCPU  24
#define SIGXFSZ  25
#define SIGVTALRM 26
#define SIGPROF  27
#define SIGWINCH 28
#define SIGIO    29
#define SIGPWR   30
#define SIGSYS   31
#define SIGRTMIN 32   /* 32..64: real-time signals, no names (strace: SIGRTMIN, SIGRT_1..SIGRT_32) */
#define NSIG     64   /* signals are 1..64 */

#define SIG_DFL 0UL   /* default action */
#define SIG_IGN 1UL   /* ignore */

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* What rt_sigaction(2) reads and writes (the kernel's view, not libc's). */
struct kernel_sigaction {
	unsigned long handler;   /* SIG_DFL, SIG_IGN, or a function */
	unsigned long flags;     /* SA_* */
	unsigned long restorer;
	unsigned long mask;      /* blocked while the handler runs (64 bits) */
};

/* sa_flags. */
#define SA_NOCLDSTOP 0x00000001  /* SIGCHLD: not when a child stops */
#define SA_NOCLDWAIT 0x00000002  /* SIGCHLD: children do not become zombies */
#define SA_SIGINFO   0x00000004  /* handler(sig, siginfo *, ucontext *) */
#define SA_RESTORER  0x04000000  /* sa_restorer is the return trampoline (calls rt_sigreturn) */
#define SA_ONSTACK   0x08000000  /* run the handler on the sigaltstack */
#define SA_RESTART   0x10000000  /* restart interrupted calls */
#define SA_NODEFER   0x40000000  /* do not block the signal in its own handler */
#define SA_RESETHAND 0x80000000  /* back to SIG_DFL once delivered */
#define SA_UNSUPPORTED    0x00000400  /* never supported: lets programs probe for unknown flags */
#define SA_EXPOSE_TAGBITS 0x00000800
/* The flags rt_sigaction keeps (Linux's UAPI_SA_FLAGS); others read back as 0. */
#define SA_KNOWN_FLAGS (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_EXPOSE_TAGBITS | \
			SA_RESTORER | SA_ONSTACK | SA_RESTART | SA_NODEFER | SA_RESETHAND)

/* sigaltstack(2): the alternate signal stack. */
struct sigaltstack {
	uint64_t ss_sp;          /* base */
	int ss_flags;            /* SS_* */
	int _pad;
	uint64_t ss_size;
};
#define SS_ONSTACK    1          /* (read only) running on it now */
#define SS_DISABLE    2          /* no alternate stack */
#define SS_AUTODISARM (1U << 31) /* disarmed while a handler runs on it */
#define MINSIGSTKSZ   2048       /* smaller stacks are refused (-ENOMEM) */
#define SIGSTKSZ      8192

/*
 * siginfo: what a SA_SIGINFO handler, rt_sigtimedwait and waitid receive
 * about a signal (128 bytes on x86-64). Which member of the union holds
 * depends on si_code and the signal, as strace decodes it.
 */
struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;             /* SI_* (<= 0: sent by a process), or per signal (SEGV_*, CLD_*) */
	int _pad;
	union {
		struct {         /* SI_USER, SI_TKILL, SI_QUEUE: the sender */
			int pid;
			unsigned uid;
			uint64_t value;  /* SI_QUEUE: the sigval (si_int / si_ptr) */
		} kill;
		struct {         /* SI_TIMER: a POSIX timer */
			int tid;
			int overrun;
			uint64_t value;
		} timer;
		struct {         /* SIGCHLD */
			int pid;
			unsigned uid;
			int status;      /* CLD_EXITED: exit code; else the signal */
			int _pad;
			long utime, stime;
		} chld;
		struct {         /* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
			uint64_t addr;
		} fault;
		struct {         /* SIGIO */
			long band;
			int fd;
		} poll;
		uint8_t _bytes[112];
	};
};
_Static_assert(sizeof(struct siginfo) == 128, "siginfo is 128 bytes, as on Linux");

/* si_code: sent by a process (<= 0) or by the kernel. */
#define SI_USER    0             /* kill */
#define SI_KERNEL  0x80          /* the kernel (timer signals, SIGSEGV of a #GP) */
#define SI_QUEUE   (-1)          /* rt_sigqueueinfo */
#define SI_TIMER   (-2)          /* a POSIX timer */
#define SI_MESGQ   (-3)
#define SI_ASYNCIO (-4)
#define SI_SIGIO   (-5)
#define SI_TKILL   (-6)          /* tkill, tgkill */
/* si_code of SIGSEGV, SIGILL, SIGFPE, SIGCHLD. */
#define SEGV_MAPERR 1            /* no mapping at the address */
#define SEGV_ACCERR 2            /* mapped, but the access is not allowed */
#define BUS_ADRALN  1            /* SIGBUS: misaligned (#AC) */
#define BUS_MCEERR_AR 4          /* SIGBUS: a hardware memory error, in what it was doing */
#define ILL_ILLOPN  2            /* illegal operand (#UD) */
#define FPE_INTDIV  1            /* integer divide by zero (#DE) */
#define FPE_FLTDIV  3            /* floating-point division by zero */
#define FPE_FLTOVF  4            /* overflow */
#define FPE_FLTUND  5            /* underflow */
#define FPE_FLTRES  6            /* inexact result */
#define FPE_FLTINV  7            /* invalid operation */
#define TRAP_BRKPT  1            /* SIGTRAP: breakpoint */
#define TRAP_TRACE  2            /* single step */
#define TRAP_HWBKPT 4            /* debug register (DR0-3) */
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

/*
 * A signal handler returns into sa_restorer, which calls rt_sigreturn with
 * RSP pointing at the ucontext of the signal frame (the handler's return
 * address was popped). Its uc_sigmask, the mask to restore, is this far
 * in: uc_flags 8 + uc_link 8 + uc_stack 24 + uc_mcontext 256. strace reads
 * the mask there to print rt_sigreturn({mask=[...]}).
 */
#define UCONTEXT_SIGMASK_OFFSET 296

/* wait4(2) options. */
#define WNOHANG    1
#define WUNTRACED  2
#define WCONTINUED 8

#endif
