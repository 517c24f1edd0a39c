/*
 * table.c - the system call table and its descriptors, both expanded from
 * the one list in uapi/syscalls.h. A SYSCALL line fills a table slot; a
 * NOSYS line (and a number Linux does not use) leaves it NULL: -ENOSYS.
 * Every line, SYSCALL or NOSYS, gets a descriptor, so the tracer names
 * every Linux call.
 * See the expansion with: gcc -E -P -Ikernel/include kernel/syscall/table.c
 */
#include "syscall.h"
#include "trace.h"

/* Every number in the list must fit the table. */
#define SYSCALL(nr, name, nargs, ...) _Static_assert((nr) < NR_SYSCALLS, #name " fits the table");
#define NOSYS(nr, name, nargs, ...) _Static_assert((nr) < NR_SYSCALLS, #name " fits the table");
#include "uapi/syscalls.h"
#undef SYSCALL
#undef NOSYS

/* [1] = sys_write, ... ; the cast through void(*)(void) tells GCC the type change is deliberate. */
const syscall_fn_t syscall_table[NR_SYSCALLS] = {
#define SYSCALL(nr, name, nargs, ...) [nr] = (syscall_fn_t)(void (*)(void))sys_##name,
#define NOSYS(nr, name, nargs, ...)        /* no handler: the slot stays NULL */
#include "uapi/syscalls.h"
#undef SYSCALL
#undef NOSYS
};

/* [1] = { "write", 3 }, ... : names and argument counts for tracing and docs. */
const struct syscall_desc syscall_descs[NR_SYSCALLS] = {
#define SYSCALL(nr, name, nargs, ...) [nr] = { #name, nargs },
#define NOSYS(nr, name, nargs, ...) [nr] = { #name, nargs },
#include "uapi/syscalls.h"
#undef SYSCALL
#undef NOSYS
};

/* [1] = { FD, BUF_IN, LEN }, ...: how strace prints each argument (trace.h). */
const uint8_t syscall_arg_kinds[NR_SYSCALLS][6] = {
#define SYSCALL(nr, name, nargs, ...) [nr] = { __VA_ARGS__ },
#define NOSYS(nr, name, nargs, ...) [nr] = { __VA_ARGS__ },
#include "uapi/syscalls.h"
#undef SYSCALL
#undef NOSYS
};
