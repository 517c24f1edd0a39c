/* syscall_asm.h - constants shared by syscall/entry.S and C (checked in syscall.c). */
#ifndef SYSCALL_ASM_H
#define SYSCALL_ASM_H

#define RETURN_SYSRET_ASM 0      /* == RETURN_SYSRET */

#endif
