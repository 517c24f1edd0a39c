/*
 * uapi/signal.h - signal numbers and the structures of the signal system
 * calls, as Linux x86-64 defines them (include/uapi/asm-generic/signal*.h,
 * siginfo.h). The signal frame a handler runs on is in uapi/ucontext.h.
 */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

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
#define SIGRTMIN 32
#define NSIG     64   /* signals are 1..64 */

#define SIG_DFL 0UL   /* default action */
#define SIG_IGN 1UL   /* ignore */

/* sa_flags of rt_sigaction(2). */
#define SA_NOCLDSTOP 0x00000001U  /* SIGCHLD: not when a child stops or continues */
#define SA_NOCLDWAIT 0x00000002U  /* SIGCHLD: children are not kept as zombies */
#define SA_SIGINFO   0x00000004U  /* handler(sig, siginfo_t *, ucontext_t *) */
#define SA_UNSUPPORTED 0x00000400U  /* never supported: lets programs probe for unknown flags */
#define SA_EXPOSE_TAGBITS 0x00000800U
#define SA_RESTORER  0x04000000U  /* sa_restorer is where the handler returns (x86-64: always) */
#define SA_ONSTACK   0x08000000U  /* run on the alternate stack (sigaltstack) */
#define SA_RESTART   0x10000000U  /* restart interrupted system calls */
#define SA_NODEFER   0x40000000U  /* do not block the signal in its own handler */
#define SA_RESETHAND 0x80000000U  /* back to SIG_DFL once delivered */
/* The flags rt_sigaction keeps (Linux's UAPI_SA_FLAGS); others read back as 0. */
#define SA_KNOWN_FLAGS (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_EXPOSE_TAGBITS | \
			SA_RESTORER | SA_ONSTACK | SA_RESTART | SA_NODEFER | SA_RESETHAND)

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

/* sigaltstack(2): an alternate stack for handlers with SA_ONSTACK. */
struct sigaltstack {
	unsigned long ss_sp;     /* lowest address */
	int ss_flags;            /* SS_ONSTACK (read back only), SS_DISABLE, SS_AUTODISARM */
	unsigned long ss_size;
};
#define SS_ONSTACK    1           /* the thread is running on it now */
#define SS_DISABLE    2           /* no alternate stack */
#define SS_AUTODISARM (1U << 31)  /* disable it while a handler runs on it */
#define MINSIGSTKSZ   2048        /* smaller stacks are refused (-ENOMEM) */
#define SIGSTKSZ      8192

/*
 * siginfo_t: what a SA_SIGINFO handler, rt_sigtimedwait and waitid learn
 * about a signal. 128 bytes: three ints, then a union whose member
 * depends on where the signal came from (si_code).
 */
struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int _pad;                     /* the union is 8-byte aligned: offset 16 */
	union {
		struct {              /* kill, tkill, tgkill, sigqueue */
			int pid;
			unsigned uid;
			unsigned long value;   /* sigqueue's sigval */
		} kill;
		struct {              /* SIGCHLD */
			int pid;
			unsigned uid;
			int status;       /* exit code, or the signal that stopped/ended it */
			long utime, stime;
		} child;
		struct {              /* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
			unsigned long addr;   /* the faulting address (or instruction) */
		} fault;
		int _pad2[28];
	} u;
};

/* si_code: who sent it. <= 0 from a process, > 0 from the kernel. */
#define SI_USER    0             /* kill */
#define SI_KERNEL  0x80          /* the kernel (a terminal's ^C, an itimer, ...) */
#define SI_QUEUE   (-1)          /* sigqueue */
#define SI_TKILL   (-6)          /* tkill, tgkill */
#define SEGV_MAPERR 1            /* SIGSEGV: no mapping at the address */
#define SEGV_ACCERR 2            /* SIGSEGV: a mapping that forbids the access */
#define BUS_ADRALN  1            /* SIGBUS: misaligned (#AC) */
#define ILL_ILLOPN  2            /* SIGILL: invalid opcode (#UD) */
#define FPE_INTDIV  1            /* SIGFPE: integer division by zero (#DE) */
#define FPE_FLTDIV  3            /*         floating-point division by zero */
#define FPE_FLTOVF  4            /*         overflow */
#define FPE_FLTUND  5            /*         underflow */
#define FPE_FLTRES  6            /*         inexact result */
#define FPE_FLTINV  7            /*         invalid operation */
#define TRAP_BRKPT  1            /* SIGTRAP: breakpoint */
#define TRAP_TRACE  2            /*          single step */
#define TRAP_HWBKPT 4            /*          debug register (DR0-3) */
#define CLD_EXITED    1          /* SIGCHLD: the child called exit */
#define CLD_KILLED    2          /*          a signal ended it */
#define CLD_DUMPED    3          /*          ... with a core dump */
#define CLD_STOPPED   5          /*          it stopped */
#define CLD_CONTINUED 6          /*          it continued */

/* wait4(2) options. */
#define WNOHANG    1
#define WUNTRACED  2
#define WCONTINUED 8

#endif
