/* uapi/signal.h - signal numbers and the structures of rt_sigaction(2) (Linux x86-64). */
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

/* wait4(2) options. */
#define WNOHANG    1
#define WUNTRACED  2
#define WCONTINUED 8

#endif
