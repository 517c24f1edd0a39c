/*
 * uapi/unistd.h - system call numbers as constants (__NR_write, ...),
 * generated from the single list in uapi/syscalls.h: every Linux x86-64
 * call has one, implemented (SYSCALL) or not (NOSYS).
 */
#ifndef UAPI_UNISTD_H
#define UAPI_UNISTD_H

enum syscall_number {
#define SYSCALL(nr, name, nargs, ...) __NR_##name = nr,
#define NOSYS(nr, name, nargs, ...) __NR_##name = nr,
#include "syscalls.h"
#undef SYSCALL
#undef NOSYS
};

#endif
