/* uapi/signal.h - signal numbers (Linux x86-64). */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#define SIGHUP   1
#define SIGINT   2
#define SIGQUIT  3
#define SIGILL   4   /* invalid opcode (#UD) */
#define SIGTRAP  5   /* breakpoint (#BP), single step (#DB) */
#define SIGABRT  6
#define SIGBUS   7   /* alignment check (#AC) */
#define SIGFPE   8   /* divide error (#DE), x87/SIMD errors */
#define SIGKILL  9
#define SIGUSR1 10
#define SIGSEGV 11   /* page fault (#PF), general protection (#GP), ... */
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15

#endif
