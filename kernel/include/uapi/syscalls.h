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
SYSCALL(0,   read,            3)
SYSCALL(1,   write,           3)
SYSCALL(2,   open,            3)
SYSCALL(3,   close,           1)
SYSCALL(4,   stat,            2)
SYSCALL(5,   fstat,           2)
SYSCALL(6,   lstat,           2)
SYSCALL(8,   lseek,           3)
SYSCALL(9,   mmap,            6)
SYSCALL(10,  mprotect,        3)
SYSCALL(11,  munmap,          2)
SYSCALL(12,  brk,             1)
SYSCALL(13,  rt_sigaction,    4)
SYSCALL(14,  rt_sigprocmask,  4)
SYSCALL(16,  ioctl,           3)
SYSCALL(17,  pread64,         4)
SYSCALL(19,  readv,           3)
SYSCALL(20,  writev,          3)
SYSCALL(21,  access,          2)
SYSCALL(22,  pipe,            1)
SYSCALL(24,  sched_yield,     0)
SYSCALL(28,  madvise,         3)
SYSCALL(32,  dup,             1)
SYSCALL(33,  dup2,            2)
SYSCALL(35,  nanosleep,       2)
SYSCALL(39,  getpid,          0)
SYSCALL(57,  fork,            0)
SYSCALL(58,  vfork,           0)
SYSCALL(59,  execve,          3)
SYSCALL(60,  exit,            1)
SYSCALL(61,  wait4,           4)
SYSCALL(62,  kill,            2)
SYSCALL(63,  uname,           1)
SYSCALL(72,  fcntl,           3)
SYSCALL(79,  getcwd,          2)
SYSCALL(80,  chdir,           1)
SYSCALL(96,  gettimeofday,    2)
SYSCALL(99,  sysinfo,         1)
SYSCALL(102, getuid,          0)
SYSCALL(104, getgid,          0)
SYSCALL(107, geteuid,         0)
SYSCALL(108, getegid,         0)
SYSCALL(109, setpgid,         2)
SYSCALL(110, getppid,         0)
SYSCALL(111, getpgrp,         0)
SYSCALL(112, setsid,          0)
SYSCALL(121, getpgid,         1)
SYSCALL(124, getsid,          1)
SYSCALL(158, arch_prctl,      2)
SYSCALL(169, reboot,          4)
SYSCALL(186, gettid,          0)
SYSCALL(201, time,            1)
SYSCALL(217, getdents64,      3)
SYSCALL(218, set_tid_address, 1)
SYSCALL(228, clock_gettime,   2)
SYSCALL(229, clock_getres,    2)
SYSCALL(230, clock_nanosleep, 4)
SYSCALL(231, exit_group,      1)
SYSCALL(257, openat,          4)
SYSCALL(262, newfstatat,      4)
SYSCALL(292, dup3,            3)
SYSCALL(293, pipe2,           2)
SYSCALL(309, getcpu,          3)
