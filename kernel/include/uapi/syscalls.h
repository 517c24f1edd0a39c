/*
 * uapi/syscalls.h - THE list of system calls, shared by kernel, libsys and tests.
 *
 * Each line is SYSCALL(number, name, nargs, kind of each argument). The
 * numbers are Linux x86-64's (arch/x86/entry/syscalls/syscall_64.tbl), so
 * a program built for this kernel makes the same calls it would make on
 * Linux, and strace output looks the same. The kinds (kernel/include/trace.h)
 * tell the tracer how to print each argument: FD, PATH, BUF_OUT, PROT, ...
 *
 * This is an "X-macro": the file has no include guard on purpose. A user
 * defines SYSCALL(nr, name, nargs) to mean what it needs, includes this file,
 * and gets one expansion per line:
 *   - uapi/unistd.h turns each line into an enum constant __NR_name = nr;
 *   - kernel/syscall/table.c turns each line into a table slot
 *     [nr] = sys_name, a descriptor { "name", nargs }, and the argument
 *     kinds the tracer uses.
 * Adding a system call is therefore one line here plus its handler.
 * See the expansion yourself with:  gcc -E -P kernel/syscall/table.c
 */
SYSCALL(0,   read,            3, FD, BUF_OUT, LEN)
SYSCALL(1,   write,           3, FD, BUF_IN, LEN)
SYSCALL(2,   open,            3, PATH, OPEN_FLAGS, MODE)
SYSCALL(3,   close,           1, FD)
SYSCALL(4,   stat,            2, PATH, STAT_OUT)
SYSCALL(5,   fstat,           2, FD, STAT_OUT)
SYSCALL(6,   lstat,           2, PATH, STAT_OUT)
SYSCALL(7,   poll,            3, PTR, UINT, INT)
SYSCALL(8,   lseek,           3, FD, OFF, WHENCE)
SYSCALL(9,   mmap,            6, PTR, LEN, PROT, MAP_FLAGS, FD, HEX)
SYSCALL(10,  mprotect,        3, PTR, LEN, PROT)
SYSCALL(11,  munmap,          2, PTR, LEN)
SYSCALL(12,  brk,             1, PTR)
SYSCALL(13,  rt_sigaction,    4, SIGNAL, SIGACTION_IN, SIGACTION_OUT, LEN)
SYSCALL(14,  rt_sigprocmask,  4, SIGHOW, SIGSET_IN, SIGSET_OUT, LEN)
SYSCALL(16,  ioctl,           3, FD, IOCTL_CMD, HEX)
SYSCALL(17,  pread64,         4, FD, BUF_OUT, LEN, OFF)
SYSCALL(19,  readv,           3, FD, IOVEC_OUT, INT)
SYSCALL(20,  writev,          3, FD, IOVEC_IN, INT)
SYSCALL(21,  access,          2, PATH, ACCESS_MODE)
SYSCALL(22,  pipe,            1, PIPEFDS_OUT)
SYSCALL(24,  sched_yield,     0)
SYSCALL(28,  madvise,         3, PTR, LEN, MADVICE)
SYSCALL(32,  dup,             1, FD)
SYSCALL(33,  dup2,            2, FD, FD)
SYSCALL(35,  nanosleep,       2, TIMESPEC_IN, TIMESPEC_OUT)
SYSCALL(39,  getpid,          0)
SYSCALL(57,  fork,            0)
SYSCALL(58,  vfork,           0)
SYSCALL(59,  execve,          3, PATH, ARGV, ENVP)
SYSCALL(60,  exit,            1, INT)
SYSCALL(61,  wait4,           4, INT, WSTATUS_OUT, WAIT_OPTIONS, PTR)
SYSCALL(62,  kill,            2, INT, SIGNAL)
SYSCALL(63,  uname,           1, UTSNAME_OUT)
SYSCALL(72,  fcntl,           3, FD, FCNTL_CMD, HEX)
SYSCALL(79,  getcwd,          2, STR_OUT, LEN)
SYSCALL(80,  chdir,           1, PATH)
SYSCALL(96,  gettimeofday,    2, TIMEVAL_OUT, PTR)
SYSCALL(99,  sysinfo,         1, PTR)
SYSCALL(102, getuid,          0)
SYSCALL(104, getgid,          0)
SYSCALL(107, geteuid,         0)
SYSCALL(108, getegid,         0)
SYSCALL(109, setpgid,         2, INT, INT)
SYSCALL(110, getppid,         0)
SYSCALL(111, getpgrp,         0)
SYSCALL(112, setsid,          0)
SYSCALL(121, getpgid,         1, INT)
SYSCALL(124, getsid,          1, INT)
SYSCALL(158, arch_prctl,      2, ARCH_PRCTL_CODE, HEX)
SYSCALL(169, reboot,          4, HEX, HEX, HEX, PTR)
SYSCALL(186, gettid,          0)
SYSCALL(201, time,            1, PTR)
SYSCALL(213, epoll_create,    1, INT)
SYSCALL(217, getdents64,      3, FD, PTR, LEN)
SYSCALL(218, set_tid_address, 1, PTR)
SYSCALL(228, clock_gettime,   2, CLOCK, TIMESPEC_OUT)
SYSCALL(229, clock_getres,    2, CLOCK, TIMESPEC_OUT)
SYSCALL(230, clock_nanosleep, 4, CLOCK, INT, TIMESPEC_IN, TIMESPEC_OUT)
SYSCALL(231, exit_group,      1, INT)
SYSCALL(232, epoll_wait,      4, FD, EPOLL_EVENTS_OUT, INT, INT)
SYSCALL(233, epoll_ctl,       4, FD, EPOLL_OP, FD, EPOLL_EVENT_IN)
SYSCALL(257, openat,          4, DIRFD, PATH, OPEN_FLAGS, MODE)
SYSCALL(262, newfstatat,      4, DIRFD, PATH, STAT_OUT, HEX)
SYSCALL(271, ppoll,           5, PTR, UINT, TIMESPEC_IN, SIGSET_IN, LEN)
SYSCALL(281, epoll_pwait,     6, FD, EPOLL_EVENTS_OUT, INT, INT, SIGSET_IN, LEN)
SYSCALL(283, timerfd_create,  2, CLOCK, HEX)
SYSCALL(284, eventfd,         1, UINT)
SYSCALL(286, timerfd_settime, 4, FD, HEX, ITIMERSPEC_IN, ITIMERSPEC_OUT)
SYSCALL(287, timerfd_gettime, 2, FD, ITIMERSPEC_OUT)
SYSCALL(290, eventfd2,        2, UINT, EFD_FLAGS)
SYSCALL(291, epoll_create1,   1, EFD_FLAGS)
SYSCALL(292, dup3,            3, FD, FD, OPEN_FLAGS)
SYSCALL(293, pipe2,           2, PIPEFDS_OUT, PIPE_FLAGS)
SYSCALL(309, getcpu,          3, PTR, PTR, PTR)
