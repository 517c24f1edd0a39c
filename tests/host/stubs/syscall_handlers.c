/*
 * syscall_handlers.c (host stub) - one stand-in sys_<name> per SYSCALL line
 * of uapi/syscalls.h (NOSYS lines have no handler), each returning
 * HANDLER_ID(its number), so a test can tell which handler a table slot
 * reaches. Generated from the list, so a new system call needs nothing here. syscall.h (the real prototypes) is not
 * included: like table.c, callers go through the common syscall_fn_t type.
 */
#include "stubs.h"

#define SYSCALL(nr, name, nargs, ...) long sys_##name(void); \
	long sys_##name(void) { return HANDLER_ID(nr); }
#define NOSYS(nr, name, nargs, ...)
#include "uapi/syscalls.h"
#undef SYSCALL
#undef NOSYS
