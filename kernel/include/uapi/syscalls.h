/*
 * uapi/syscalls.h - THE list of system calls, shared by kernel, libsys and tests.
 *
 * Each line is SYSCALL(number, name, nargs). The numbers are Linux x86-64's
 * (arch/x86/entry/syscalls/syscall_64.tbl), so a program built for this
 * kernel makes the same calls it would make on Linux, and strace output
 * looks the same.
 *
 * This is an "X-macro": the file has no include guard on purpose. A user
 * defines SYSCALL(nr, name, nargs) to mean what it needs, includes this file,
 * and gets one expansion per line:
 *   - uapi/unistd.h turns each line into an enum constant __NR_name = nr;
 *   - kernel/syscall/table.c turns each line into a table slot
 *     [nr] = sys_name and a descriptor { "name", nargs } for tracing/docs.
 * Adding a system call is therefore one line here plus its handler.
 * See the expansion yourself with:  gcc -E -P kernel/syscall/table.c
 */
SYSCALL(1,   write,         3)
SYSCALL(9,   mmap,          6)
SYSCALL(10,  mprotect,      3)
SYSCALL(11,  munmap,        2)
SYSCALL(12,  brk,           1)
SYSCALL(28,  madvise,       3)
SYSCALL(35,  nanosleep,     2)
SYSCALL(39,  getpid,        0)
SYSCALL(60,  exit,          1)
SYSCALL(99,  sysinfo,       1)
SYSCALL(186, gettid,        0)
SYSCALL(228, clock_gettime, 2)
SYSCALL(231, exit_group,    1)
