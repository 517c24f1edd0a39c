/*
 * kerrno.h - error numbers that never reach user space (Linux's
 * include/linux/errno.h, same values). A system call cut short by a signal
 * returns one of these; on the way out to user mode the kernel either
 * restarts the call (RIP back onto the `syscall` instruction, RAX = its
 * number again) or turns the value into -EINTR, by the table in
 * proc/sigset.c: sig_restart_action.
 */
#ifndef KERRNO_H
#define KERRNO_H

#define ERESTARTSYS           512  /* restart if the handler has SA_RESTART */
#define ERESTARTNOINTR        513  /* always restart */
#define ERESTARTNOHAND        514  /* restart only if no handler ran */
#define ERESTART_RESTARTBLOCK 516  /* like NOHAND, but through restart_syscall(2) */

#endif
