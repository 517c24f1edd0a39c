"""cases.py - the QEMU test scenarios, as data.

Each case boots the kernel headless (QEMU -kernel, Multiboot1, unless
boot="grub": the real GRUB + Multiboot2 path through an ISO), captures the
serial console, and checks:
  expect  regexes that must each match some line, in order;
  forbid  regexes that must match no line (a panic, a triple fault, ...);
  last    regex the last line must match (the boot contract's final line);
  exit    QEMU's exit status: (isa-debug-exit code << 1) | 1, i.e.
          1 = init exited 0, 3 = init failed or killed, 5 = kernel panic,
          7 = init missing or not loadable.
initrd is "test" (build/test-initrd.cpio), a fixture name from fixtures.py,
or None for no module at all. Tags "contract" mark the boot-contract rules
(docs/boot-contract.md names each case).
"""

NO_PANIC = [r"KERNEL PANIC", r"did not fault"]
EXITED_0 = r"^init exited with status 0$"


def killed(sig, name):
    return r"^init killed by signal %d \(%s\)$" % (sig, name)


CASES = [
    # ---------------------------------------------------------------- basics
    dict(name="hello", append="init=/bin/hello",
         expect=[r"^boot: kernel entry to init in \d+\.\d+ ms",
                 r"^hello, world$",
                 r"^I am process 1, running in ring 3 \(CS = 0x33\)$"],
         last=EXITED_0, exit=1),
    dict(name="ktest", append="init=/bin/ktest -- all",
         expect=[r"^\[OK\] enosys$", r"^\[OK\] registers$", r"^\[OK\] efault$",
                 r"^\[OK\] bad_arguments$", r"^\[OK\] clocks$", r"^\[OK\] identity$",
                 r"^\[OK\] initial_stack$", r"^ktest: 7 passed, 0 failed$"],
         forbid=NO_PANIC + [r"\[FAIL\]"], last=EXITED_0, exit=1),
    # The same on a CPU without SMEP, SMAP, UMIP, RDTSCP, 1 GiB pages: every fallback path.
    dict(name="ktest_qemu64", append="init=/bin/ktest -- all", cpu="qemu64",
         expect=[r"^cpu: NX \w+, SMEP absent, SMAP absent, UMIP absent, RDTSCP no",
                 r"^ktest: 7 passed, 0 failed$"],
         forbid=NO_PANIC + [r"\[FAIL\]"], last=EXITED_0, exit=1),
    # Exact time: -icount makes the TSC count instructions; sleep=off skips idle time.
    dict(name="ktest_icount", append="init=/bin/ktest -- exact",
         qemu=["-icount", "shift=0,sleep=off"],
         expect=[r"^\[OK\] clocks$", r"^ktest: 7 passed, 0 failed$"],
         forbid=NO_PANIC + [r"\[FAIL\]"], last=EXITED_0, exit=1),
    dict(name="small_memory", append="init=/bin/hello", mem="32M",
         expect=[r"^memory: \d+ KiB RAM", r"^hello, world$"], last=EXITED_0, exit=1),
    dict(name="bench_runs", append="init=/bin/bench",
         expect=[r"^BENCH unknown_syscall +\d+\.\d+ cycles/call$",
                 r"^BENCH getpid +\d+\.\d+ cycles/call$"],
         last=EXITED_0, exit=1),
    dict(name="kernel_panic_report", append="crashtest=pagefault init=/bin/hello",
         expect=[r"^KERNEL PANIC: page fault \(#PF\) in ring 0$",
                 r"^  RIP ffffffff8[0-9a-f]+  CS 0010 \(ring 0\)",
                 r"CR2 000000000dead000",
                 r"^  RAX [0-9a-f]{16} RBX",
                 r"^  at maybe_crash\+0x[0-9a-f]+$|^  at kmain\+0x[0-9a-f]+$",
                 r"^Backtrace:$",
                 r"^  \[<ffffffff8[0-9a-f]+>\] \w+\+0x[0-9a-f]+$"],
         forbid=[r"hello, world"], exit=5),
]

# ---------------------------------------------------------------- ring 3 is stopped
# (test, Linux's line for it, signal number, signal name)
RING_FAULTS = [
    ("cli", r"general protection fault ip:[0-9a-f]+ sp:[0-9a-f]+ error:0", 11, "SIGSEGV"),
    ("hlt", r"general protection fault", 11, "SIGSEGV"),
    ("cr3", r"general protection fault", 11, "SIGSEGV"),
    ("in", r"general protection fault", 11, "SIGSEGV"),
    ("out", r"general protection fault", 11, "SIGSEGV"),
    ("wrmsr", r"general protection fault", 11, "SIGSEGV"),
    ("kernel", r"segfault at ffff800000100000 ip [0-9a-f]{16} sp [0-9a-f]{16} error 5", 11, "SIGSEGV"),
    ("null", r"segfault at 0 ip [0-9a-f]{16} sp [0-9a-f]{16} error 4", 11, "SIGSEGV"),
    ("noncanon", r"general protection fault", 11, "SIGSEGV"),
    ("edge", r"segfault at 7ffffffffffe ip 00007ffffffffffe sp [0-9a-f]{16} error 14", 11, "SIGSEGV"),
    ("ud2", r"trap invalid opcode \(#UD\) ip:[0-9a-f]+", 4, "SIGILL"),
    ("div0", r"trap divide error \(#DE\) ip:[0-9a-f]+", 8, "SIGFPE"),
    ("int3", r"trap breakpoint \(#BP\) ip:[0-9a-f]+", 5, "SIGTRAP"),
]
for test, line, sig, signame in RING_FAULTS:
    CASES.append(dict(
        name="rings_" + test, append="init=/bin/rings -- " + test,
        expect=[r"^rings: ring 3 tries to ", r"(^traps: rings\[1\] |^rings\[1\]: )" + line,
                r"^  RIP [0-9a-f]{16}  CS 0033 \(ring 3\)"],
        forbid=NO_PANIC, last=killed(sig, signame), exit=3))

# ---------------------------------------------------------------- processes
THREAD_TESTS = ("ids", "tls_and_sharing", "exit", "proc_status", "signals", "group_signals",
                "exec_from_thread", "futex", "futex_signals", "many_threads", "thread_table_full",
                "robust", "clone_errors")
SIG_TESTS = ("handler_runs", "registers_survive", "frame_layout", "handler_edits_context",
             "mask_rules", "restart", "restart_without_handler", "altstack", "altstack_minimal", "stack_overflow",
             "faults", "fault_rules", "errors", "forged_frames", "unusable_handlers", "sigchld",
             "wait_for_signals", "itimers", "stop_continue", "stop_kill_traced", "exec_resets")
PROC_OK = [r"^\[OK\] %s$" % t for t in (
    "fork_wait", "copy_on_write", "execve", "default_signals", "stop_continue_kill", "groups",
    "preemption", "sleep_accuracy", "no_leak", "fork_bomb", "orphans", "exit_signals", "small_calls",
    "vfork", "limits_and_cpus", "segment_registers")]
CASES += [
    dict(name="proctest", append="init=/bin/proctest",
         expect=PROC_OK + [r"^proctest: 16 passed, 0 failed$"],
         forbid=NO_PANIC + [r"\[FAIL\]"], last=EXITED_0, exit=1),
    # Timing checks (preemption, sleep within a tick) exact under -icount.
    dict(name="proctest_icount", append="init=/bin/proctest -- exact", qemu=["-icount", "shift=0,sleep=off"],
         expect=[r"^\[OK\] preemption$", r"^\[OK\] sleep_accuracy$", r"^proctest: 16 passed, 0 failed$"],
         forbid=NO_PANIC + [r"\[FAIL\]"], last=EXITED_0, exit=1),
    dict(name="proctest_qemu64_32M", append="init=/bin/proctest", cpu="qemu64", mem="32M",
         expect=[r"^proctest: 16 passed, 0 failed$"], forbid=NO_PANIC, last=EXITED_0, exit=1),
    # Many programs in one boot, each in its own child (xv6's usertests style).
    dict(name="runner", append="init=/bin/runner -- /bin/hello -- /bin/ktest all -- /bin/mmtest "
                               "-- /bin/rings ud2 -- /bin/nope -- /bin/exitcode 3",
         expect=[r"^runner: /bin/hello exited with status 0$",
                 r"^runner: /bin/ktest exited with status 0$",
                 r"^runner: /bin/mmtest exited with status 0$",
                 r"^traps: rings\[\d+\] trap invalid opcode",
                 r"^runner: /bin/rings killed by signal 4 \(SIGILL\)$",
                 r"^runner: cannot run /bin/nope: No such file or directory$",
                 r"^runner: /bin/exitcode exited with status 3$",
                 r"^runner: 6 programs, 3 passed, 3 failed$"],
         forbid=NO_PANIC, last=r"^init exited with status 3$", exit=3),
    # Signal handlers: delivery, frames, masks, restarts, the alternate stack,
    # faults, timers, and every error rule, forged sigreturn frames included.
    dict(name="sigtest", append="init=/bin/sigtest",
         expect=[r"^\[OK\] %s$" % t for t in SIG_TESTS] + [r"^sigtest: %d passed, 0 failed$" % len(SIG_TESTS)],
         forbid=NO_PANIC + [r"\[FAIL\]"], last=EXITED_0, exit=1, timeout=120),
    # Timing checks (restart keeps nanosleep's deadline, itimer periods) exact under -icount.
    dict(name="sigtest_icount", append="init=/bin/sigtest -- exact", qemu=["-icount", "shift=0,sleep=off"],
         expect=[r"^\[OK\] restart_without_handler$", r"^\[OK\] itimers$",
                 r"^sigtest: %d passed, 0 failed$" % len(SIG_TESTS)],
         forbid=NO_PANIC + [r"\[FAIL\]"], last=EXITED_0, exit=1, timeout=120),
    # Threads (raw clone) and futexes: ids, sharing, TLS, exit vs exit_group,
    # signals and threads, execve from a thread, every futex op and error.
    dict(name="threadtest", append="init=/bin/threadtest",
         expect=[r"^\[OK\] %s$" % t for t in THREAD_TESTS] +
                [r"^threadtest: %d passed, 0 failed$" % len(THREAD_TESTS)],
         forbid=NO_PANIC + [r"\[FAIL\]"], last=EXITED_0, exit=1, timeout=120),
    dict(name="threadtest_qemu64_32M", append="init=/bin/threadtest", cpu="qemu64", mem="32M",
         expect=[r"^threadtest: %d passed, 0 failed$" % len(THREAD_TESTS)],
         forbid=NO_PANIC + [r"\[FAIL\]"], last=EXITED_0, exit=1, timeout=120),
    # The demos students run from the shell.
    dict(name="signal_demo", append="init=/bin/signal-demo",
         expect=[r"^  in the handler: signal 10 \(SIGUSR1\), si_code 0, sent by pid 1$",
                 r"^  it returns to 0x[0-9a-f]+: __restore_rt", r"^  back in main: kill returned",
                 r"^  in the handler: SIGSEGV at address 0x10, si_code SEGV_MAPERR",
                 r"^  back in main after siglongjmp", r"^  in the handler: signal 14 \(SIGALRM\)",
                 r"^  pause returned -4 \(EINTR"],
         forbid=NO_PANIC + [r"segfault"], last=EXITED_0, exit=1),
    dict(name="thread_demo", append="init=/bin/thread-demo -- 6",
         expect=[r"^main: getpid\(\) = 1, gettid\(\) = 1; starting 6 threads$",
                 r"^thread 5: getpid\(\) = 1, gettid\(\) = 7$",
                 r"^main: counter = 600000 \(want 600000\); the lock slept in the kernel [1-9]\d* times$"],
         forbid=NO_PANIC, last=EXITED_0, exit=1),
    dict(name="blocking_demo", append="init=/bin/blocking", qemu=["-icount", "shift=0,sleep=off"],
         expect=[r"child  \(pid 2\): going to sleep", r"parent \(pid 1\): still computing",
                 r"child  \(pid 2\): woke up \(1/3\)", r"parent \(pid 1\): still computing",
                 r"child  \(pid 2\): woke up \(3/3\)",
                 r"parent: child exited with status 0"], last=EXITED_0, exit=1),
]

# ---------------------------------------------------------------- time and the vDSO
VDSO_OK = [r"^\[OK\] %s$" % t for t in ("found", "agreement", "monotonic", "other_calls", "read_only")]
CASES += [
    dict(name="vdsotest", append="init=/bin/vdsotest",
         expect=[r"^vdso: \d+ bytes at 7ffff8000000, vvar at 7ffff7fff000$"] + VDSO_OK +
                [r"^vdsotest: 5 passed, 0 failed$"],
         forbid=NO_PANIC + [r"\[FAIL\]"], last=EXITED_0, exit=1),
    dict(name="vdsotest_icount", append="init=/bin/vdsotest", qemu=["-icount", "shift=0,sleep=off"],
         expect=[r"^vdsotest: 5 passed, 0 failed$"], forbid=NO_PANIC, last=EXITED_0, exit=1),
    # qemu64 has no RDTSCP/RDPID: getcpu takes the LSL path.
    dict(name="vdsotest_qemu64", append="init=/bin/vdsotest", cpu="qemu64",
         expect=[r"^vdsotest: 5 passed, 0 failed$"], forbid=NO_PANIC, last=EXITED_0, exit=1),
    # 1,000 clock_gettime calls through the vDSO: the kernel sees only exit_group.
    dict(name="vdso_makes_no_syscall", append="init=/bin/clockbench -- vdso",
         expect=[r"^init made 1 system calls$"], last=EXITED_0, exit=1),
    dict(name="vdso_contrast_syscall", append="init=/bin/clockbench -- syscall",
         expect=[r"^init made 1001 system calls$"], last=EXITED_0, exit=1),
    dict(name="vdso_info", append="init=/bin/vdso-info",
         expect=[r"^\[vdso\] at 0x7ffff8000000 \(AT_SYSINFO_EHDR\), ELF magic 7f ELF$",
                 r"^\[vvar\] at 0x7ffff7fff000", r"^  __vdso_clock_gettime\s+LINUX_2.6\s+0x7ffff8",
                 r"^vvar now: seq \d*[02468], updates \d+", r"^getcpu uses: "],
         last=EXITED_0, exit=1),
    dict(name="date", append="init=/bin/date",
         expect=[r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d UTC 20\d\d$"],
         last=EXITED_0, exit=1),
    dict(name="clockbench", append="init=/bin/clockbench", qemu=["-icount", "shift=0"],
         expect=[r"^BENCH clock_gettime_vdso +\d+\.\d+ cycles/call$",
                 r"^BENCH clock_gettime_syscall +\d+\.\d+ cycles/call$",
                 r"^the vDSO costs ([0-9]|[1-4][0-9])\.\d\d% of the system call"],  # at most half
         last=EXITED_0, exit=1),
]

# ---------------------------------------------------------------- files, pipes, the shell
MOTD = "This initrd was built by scripts/mkinitrd.sh.\n"
CASES += [
    dict(name="filetest", append="init=/bin/filetest",
         expect=[r"^filetest: \d+ passed, 0 failed$"], forbid=NO_PANIC + [r"\[FAIL\]"],
         last=EXITED_0, exit=1),
    dict(name="filetest_icount", append="init=/bin/filetest", qemu=["-icount", "shift=0,sleep=off"],
         expect=[r"^filetest: \d+ passed, 0 failed$"], forbid=NO_PANIC, last=EXITED_0, exit=1),
    # musl's static hello, unmodified: same output here as on Linux (the host runs it too).
    dict(name="musl_same_as_linux", append="init=/bin/musl-hello -- etc/motd",
         expect=[r"^isatty\(1\)=yes$"], last=EXITED_0, exit=1,
         host_compare=dict(binary="musl/musl-hello", args=["etc/motd"], files={"etc/motd": MOTD},
                           ignore=r"^isatty")),
    # A person at the console: pipelines, redirection, errors, a background job, ^C.
    dict(name="shell_session", append="init=/bin/init",
         interact=[
             (r"^/\$ ", "echo hello from the shell\n"),
             (r"^hello from the shell\r?$", "ls /bin | cat | cat\n"),
             # Wait for the prompt after the listing: typing ahead works, but
             # the echo of typed keys would interleave with ls's output.
             (r"^musl-hello\r?$[\s\S]*?^/\$ ", "cat < /etc/motd\n"),
             (r"^This initrd was built", "nope\n"),
             (r"sh: nope: command not found", "false\n"),
             (r"^\[exit 1\]", "echo $?\n"),
             (r"^1\r?$", "echo hi > /etc/new\n"),
             (r"Read-only file system", "sleep 0.2 &\n"),
             (r"^\[\d+\]\r?$[\s\S]*?^/\$ ", "sleep 0.5\n"),
             # ^C must reach a foreground job that is surely running: cat
             # proves it by copying the typed line (echo, then cat's copy).
             (r"^\[\d+\] done", "cat\n"),
             (r"\$ cat\r?\n", "still here\n"),
             (r"^still here\r?\nstill here\r?$", "\x03"),
             (r"^\[killed by SIGINT\]", "ps\n"),
             (r"PID  PPID[\s\S]*?^/\$ ", "cd /proc\n"),
             (r"^/proc\$ ", "cat self/status | cat\n"),
             (r"^Name:\tcat[\s\S]*?^/proc\$ ", "forkbomb\n"),
             (r"^forkbomb: forking", "\x03"),
             (r"^\[killed by SIGINT\]", "echo still alive\n"),
             (r"^still alive\r?$", "exit 4\n"),
             (r"init: /bin/sh exited with status 4; starting it again", ""),
             (r"^/\$ ", "poweroff\n"),
         ],
         expect=[r"^init: starting /bin/sh$", r"teachos shell", r"^\[\d+\] done",
                 r"^\[killed by SIGINT\]", r"^reboot: Power down$"],
         forbid=NO_PANIC, exit=1, timeout=60),
]

# ---------------------------------------------------------------- NMIs and machine checks
# QEMU's monitor injects an NMI (its "nmi" command) in each phase of
# nmitest: in user code, in system calls, in the idle loop. The kernel
# reports each as Linux does and nothing else happens. Then a machine
# check (`mce CPU BANK STATUS MCG_STATUS ADDR MISC`: an uncorrected error,
# action required - VAL|UC|EN|S|AR - with RIPV|MCIP) in a child's loop:
# the child gets SIGBUS.
NMI = "monitor:nmi"
MCE = "monitor-in-user:mce 0 0 0xb180000000000000 5 0 0"   # (in the child's loop, not a tick)
CASES += [
    dict(name="nmi", append="init=/bin/nmitest", monitor=True,
         interact=[(r"spinning in user mode", NMI), (r"making system calls", NMI),
                   (r"nmitest: sleeping", NMI), (r"nmitest: machine check next", MCE)],
         expect=[r"Uhhuh\. NMI received for unknown reason [0-9a-f]{2} on CPU 0\.",
                 r"Dazed and confused, but trying to continue", r"^\[OK\] nmi_in_user_mode",
                 r"Uhhuh\. NMI received", r"^\[OK\] nmi_in_system_calls",
                 r"Uhhuh\. NMI received", r"^\[OK\] nmi_while_idle",
                 r"^mce: \[Hardware Error\]: CPU 0: Machine Check Exception: 5 Bank 0: b180000000000000",
                 r"^mce: killing nmitest\[2\]", r"^\[OK\] machine_check_kills_the_program",
                 r"^nmitest: 4 passed, 0 failed$"],
         forbid=NO_PANIC + [r"SIGSEGV", r"segfault"], last=EXITED_0, exit=1, timeout=90),
    # The same machine check while the kernel idles (init sleeps): nothing
    # can be trusted any more, the kernel stops (QEMU exits 5: a panic).
    dict(name="machine_check_in_kernel", append="init=/bin/sleep -- 30", monitor=True,
         interact=[(r"starting /bin/sleep", "monitor:mce 0 0 0xb180000000000000 5 0 0")],
         expect=[r"^mce: \[Hardware Error\]: RIP 10:<ffffffff8", r"^KERNEL PANIC: machine check in the kernel"],
         exit=5, timeout=60),
]

# ---------------------------------------------------------------- epoll and event sources
EPOLL_OK = [r"^\[OK\] %s$" % t for t in ("errors", "level_edge_oneshot", "hup_err_close",
                                         "blocking_and_timeout", "eventfd", "timerfd", "poll", "select",
                                         "nesting", "stress")]
CASES += [
    dict(name="epolltest", append="init=/bin/epolltest",
         expect=EPOLL_OK + [r"^epolltest: 10 passed, 0 failed$"], forbid=NO_PANIC + [r"\[FAIL\]"],
         last=EXITED_0, exit=1),
    # Timers on time (within a tick) and intervals without drift: exact under -icount.
    dict(name="epolltest_icount", append="init=/bin/epolltest -- exact",
         qemu=["-icount", "shift=0,sleep=off"],
         expect=[r"^\[OK\] timerfd$", r"^epolltest: 10 passed, 0 failed$"], forbid=NO_PANIC,
         last=EXITED_0, exit=1),
    # The demo: a 1 s timer and a pipe fed every 1.5 s; the CPU idles in between.
    dict(name="epoll_demo", append="init=/bin/epoll-demo -- 3", qemu=["-icount", "shift=0,sleep=off"],
         expect=[r"^epoll-demo: watching the console", r"^\[ 1001 ms\] timerfd: expired 1 time",
                 r"^\[ 1501 ms\] pipe: \"message 1\"$", r"^\[ 3001 ms\] timerfd",
                 r"^epoll-demo: done$", r"^sched: \d+ context switches, 3\d\d\d idle ticks of 3\d\d\d$"],
         last=EXITED_0, exit=1),
    dict(name="epoll_demo_console", append="init=/bin/epoll-demo",
         interact=[(r"^epoll-demo: watching", "hello epoll\n"),
                   (r'console: you typed "hello epoll"', "quit\n")],
         expect=[r"^epoll-demo: done$"], last=EXITED_0, exit=1),
]

# ---------------------------------------------------------------- strace
CASES += [
    # The same binary under real strace on the host and under ours: the same lines.
    dict(name="strace_same_as_linux", append="init=/bin/strace -- /bin/traceme",
         expect=[r'^execve\("/bin/traceme", \["/bin/traceme"\], 0x7fff[0-9a-f]+ /\* 3 vars \*/\) = 0$',
                 r"^\+\+\+ exited with 3 \+\+\+$"],
         strace_compare=dict(binary="testbin/traceme"), last=r"^init exited with status 3$", exit=3),
    dict(name="strace_summary", append="init=/bin/strace -- -c /bin/traceme",
         expect=[r"^% time     seconds  usecs/call     calls    errors syscall$",
                 r"^------ ----------- ----------- --------- --------- ----------------$",
                 r"^ *\d+\.\d\d +\d+\.\d{6} +\d+ +4 +1 close$",
                 r"^ *\d+\.\d\d +\d+\.\d{6} +\d+ +1 +1 syscall_0x3e8|^ *\d+\.\d\d +\d+\.\d{6} +\d+ +1 +1 \(other\)$",
                 r"^100\.00 +\d+\.\d{6} +\d+ +2[0-9] +[0-9] total$"],
         forbid=[r"^write\(", r"^\+\+\+"], last=r"^init exited with status 3$", exit=3),
    dict(name="strace_filter_and_strsize", append="init=/bin/strace -- -e trace=write,getpid -s 4 /bin/traceme",
         expect=[r'^write\(3, "hell"\.\.\., 13\) += 13$', r"^getpid\(\) += \d+$",
                 r"^write\(5, 0x10, 4\) += -1 EFAULT \(Bad address\)$", r"^\+\+\+ exited with 3"],
         forbid=[r"^mmap\(", r"^close\("], last=r"^init exited with status 3$", exit=3),
    dict(name="strace_follow_children", append="init=/bin/strace -- -f /bin/runner /bin/exitcode 3 -- /bin/hello",
         expect=[r"^strace: Process \d+ attached$", r"^\[pid +\d+\] execve\(\"/bin/exitcode\"",
                 r"^\[pid +\d+\] \+\+\+ exited with 3 \+\+\+$",
                 r"<\.\.\. wait4 resumed>\[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 3\}\], 0, NULL\) += \d+",
                 r"^--- SIGCHLD \{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=\d+, si_uid=0, si_status=3",
                 r"^\+\+\+ exited with 1 \+\+\+$"],
         forbid=NO_PANIC, last=r"^init exited with status 1$", exit=3),
    # The boot command line can trace init itself: a shell pipeline, followed with -f.
    dict(name="strace_init_shell_pipeline", append="init=/bin/strace -- -f /bin/sh",
         interact=[(r"read\(0, ", "echo hi | cat\n"), (r'write\(1, "hi\\n", 3', ""),
                   (r"read\(0, ", "exit 6\n")],
         expect=[r'^execve\("/bin/sh", \["/bin/sh"\]', r"^pipe\(\[3, 4\]\) += 0$",
                 r"^\[pid +\d+\] dup2\(4, 1\) += 1$", r'^\[pid +\d+\] execve\("/bin/cat"',
                 r"<\.\.\. wait4 resumed>", r"^exit_group\(6\) += \?$", r"^\+\+\+ exited with 6 \+\+\+$"],
         forbid=NO_PANIC, last=r"^init exited with status 6$", exit=3),
    # musl's start-up, traced: what a real libc asks of the kernel.
    dict(name="strace_musl", append="init=/bin/strace -- /bin/musl-hello etc/motd",
         expect=[r"^arch_prctl\(ARCH_SET_FS, 0x[0-9a-f]+\) += 0$", r"^set_tid_address\(0x[0-9a-f]+\) += \d+$",
                 r"^ioctl\(1, TIOCGWINSZ, 0x[0-9a-f]+\) += 0$",
                 r'writev\(1, \[\{iov_base="argc=2 argv\[1\]=etc/motd", iov_len=23\}',
                 r'^open\("etc/motd", O_RDONLY\|O_LARGEFILE\) += 3$',
                 r'^open\("/no/such/file", O_RDONLY\|O_LARGEFILE\) += -1 ENOENT \(No such file or directory\)$',
                 r"^\+\+\+ exited with 0 \+\+\+$"],
         last=EXITED_0, exit=1),
    # The traced program dies by a signal; strace reports it and dies the same way,
    # and the system goes on (the runner runs the next program).
    dict(name="strace_tracer_survives", append="init=/bin/runner -- /bin/strace /bin/faults null-write -- /bin/hello",
         expect=[r"^--- SIGSEGV \{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL\} ---$",
                 r"^\+\+\+ killed by SIGSEGV \+\+\+$",
                 r"^runner: /bin/strace killed by signal 11 \(SIGSEGV\)$", r"^hello, world$"],
         forbid=NO_PANIC, last=r"^init exited with status 1$", exit=3),
    # Calls the kernel does not implement yet are named and decoded as strace 6.1 does
    # (tests/qemu/progs/tracenosys.c); the regexes also accept each call's future result.
    # rt_sigreturn's mask comes from the frame at the user's RSP (syscall.c traced_invoke),
    # restart_syscall names the task's previous call (trace.c).
    dict(name="strace_nosys_calls", append="init=/bin/strace -- /bin/tracenosys",
         expect=[r"^sigaltstack\(NULL, (0x[0-9a-f]+|\{ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0\})\) += "
                 r"(-1 ENOSYS \(Function not implemented\)|0)$",
                 r"^futex\(0x[0-9a-f]+, FUTEX_WAKE_PRIVATE, 1\) += (-1 ENOSYS \(Function not implemented\)|0)$",
                 r"^clone3\(\{flags=CLONE_THREAD, exit_signal=0, stack=NULL, stack_size=0\}, 88\) += "
                 r"-1 (ENOSYS \(Function not implemented\)|EINVAL \(Invalid argument\))$",
                 r'^mkdir\("/no/such/dir", 0755\) += -1 (ENOSYS|ENOENT) ',
                 r"^sched_getaffinity\(0, 8, (0x[0-9a-f]+|\[0\])\) += (-1 ENOSYS \(Function not implemented\)|8)$",
                 r"^prlimit64\(0, RLIMIT_NOFILE, NULL, (0x[0-9a-f]+|\{rlim_cur=\S+, rlim_max=\S+\})\) += ",
                 r"^restart_syscall\(<\.\.\. resuming interrupted prlimit64 \.\.\.>\) += -1 EINTR ",
                 r"^syscall_0x1f4\(0x1, 0x2, 0x3, 0x4, 0x5, 0x6\) = -1 ENOSYS \(Function not implemented\)$",
                 r"^getpid\(\) += \d+$", r"^\+\+\+ exited with 0 \+\+\+$"],
         forbid=NO_PANIC + [r"syscall_0x(83|ca|1b3|53|cc|12e|f|db)\("], last=EXITED_0, exit=1),
    dict(name="strace_killed_by_signal", append="init=/bin/strace -- /bin/faults null-write",
         expect=[r"^--- SIGSEGV \{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL\} ---$",
                 r"^\+\+\+ killed by SIGSEGV \+\+\+$"],
         forbid=NO_PANIC, last=killed(11, "SIGSEGV"), exit=3),
]

# ---------------------------------------------------------------- virtual memory
MM_OK = [r"^\[OK\] %s$" % t for t in ("mmap_errors", "mmap_basics", "munmap", "mprotect",
                                      "prot_none_keeps_data", "shared_anonymous", "madvise", "brk", "sysinfo", "lazy_and_populate", "mincore",
                                      "no_leak")]
CASES += [
    dict(name="mmtest", append="init=/bin/mmtest", expect=MM_OK + [r"^mmtest: 12 passed, 0 failed$"],
         forbid=NO_PANIC + [r"\[FAIL\]"], last=EXITED_0, exit=1),
    dict(name="mmtest_qemu64", append="init=/bin/mmtest", cpu="qemu64",
         expect=[r"^mmtest: 12 passed, 0 failed$"], forbid=NO_PANIC, last=EXITED_0, exit=1),
    dict(name="mmtest_32M", append="init=/bin/mmtest", mem="32M",
         expect=[r"^mmtest: 12 passed, 0 failed$"], forbid=NO_PANIC, last=EXITED_0, exit=1),
    dict(name="mmap_demo", append="init=/bin/mmap-demo",
         expect=[r"^mmap\(64 MiB\) = 0x7ffff3fff000; free now:",
                 r"^touched 64 MiB; free now:", r"^after munmap; free now:",
                 r"^PROT_NONE reservation of 1 GiB"], last=EXITED_0, exit=1),
    dict(name="free", append="init=/bin/free",
         expect=[r"^\s+total\s+used\s+free$", r"^Mem:\s+\d+\s+\d+\s+\d+$"], last=EXITED_0, exit=1),
    dict(name="faults_oom", append="init=/bin/faults -- oom", mem="32M",
         expect=[r"^Out of memory: Killed process 1 \(faults\) total-vm:\d+kB, anon-rss:\d+kB",
                 r"^oom: faults\[1\] needed a page at 7f"],
         forbid=NO_PANIC, last=killed(9, "SIGKILL"), exit=3),
    # Who pays when memory runs out: the process with the most pages (mm/oom.c).
    dict(name="oom_choice", append="init=/bin/oomtest", mem="64M",
         expect=[r"^oomtest: the hog \(pid 2\) holds", r"^Out of memory: Killed process 2 \(oomtest\)",
                 r"^oom: oomtest\[1\] needed a page", r"^oomtest: the hog was killed",
                 r"^\[OK\] the_bigger_one_goes", r"^Out of memory: Killed process 3 \(oomtest\)",
                 r"^\[OK\] the_greedy_one_goes", r"^Out of memory: Killed process 4 \(oomtest\)",
                 r"^\[OK\] greedy_in_a_call", r"^\[OK\] usable_afterwards",
                 r"^oomtest: 4 passed, 0 failed$"],
         forbid=NO_PANIC, last=EXITED_0, exit=1, timeout=120),
]
# (test, the address and error code in Linux's segfault line)
MEMORY_FAULTS = [
    ("null-read", r"0 ip [0-9a-f]{16} sp [0-9a-f]{16} error 4"),
    ("null-write", r"0 ip [0-9a-f]{16} sp [0-9a-f]{16} error 6"),
    ("kernel", r"ffff800000100000 ip [0-9a-f]{16} sp [0-9a-f]{16} error 5"),
    ("rodata", r"4[0-9a-f]{5} ip [0-9a-f]{16} sp [0-9a-f]{16} error 7"),
    ("nx", r"7fffffff[0-9a-f]{4} ip 00007fffffff[0-9a-f]{4} sp [0-9a-f]{16} error 15"),
    ("stack", r"7fffff7f[0-9a-f]{4} ip [0-9a-f]{16} sp 00007fffff7f[0-9a-f]{4} error 6"),  # below 8 MiB
    ("prot-none", r"7ffff7ffe000 ip [0-9a-f]{16} sp [0-9a-f]{16} error 4"),
    ("unmapped", r"7ffff7ffe000 ip [0-9a-f]{16} sp [0-9a-f]{16} error 6"),
]
for test, line in MEMORY_FAULTS:
    CASES.append(dict(name="faults_" + test, append="init=/bin/faults -- " + test,
                      expect=[r"^faults: " + test + "$", r"^faults\[1\]: segfault at " + line],
                      forbid=NO_PANIC, last=killed(11, "SIGSEGV"), exit=3))

# ---------------------------------------------------------------- the system-call fuzzer
def sysfuzz_case(seed, calls, options=(), timeout=300):
    """/bin/sysfuzz as init (tests/qemu/progs/sysfuzz.c, docs/fuzzing.md): random
    calls with nasty arguments from disposable children. The kernel must not
    panic (NO_PANIC), hang (the timeout, or no last line), or leak (the
    fuzzer's FAIL lines: memory or processes left over, a child SIGKILL cannot
    end, a register changed). `make fuzz SEED=... CALLS=...` runs the same
    case with other numbers (scripts/fuzz.py)."""
    args = " ".join(list(options) + [str(seed), str(calls)])
    return dict(name="sysfuzz", append="init=/bin/sysfuzz -- " + args, timeout=timeout,
                expect=[r"^sysfuzz: seed %d, %d calls" % (seed, calls),
                        r"^sysfuzz: \d+ calls in \d+ children", r"^sysfuzz: PASS$"],
                forbid=NO_PANIC + [r"^sysfuzz: FAIL"], last=EXITED_0, exit=1)


CASES.append(sysfuzz_case(seed=1, calls=100000))

# ---------------------------------------------------------------- the boot contract
CASES += [
    dict(name="contract_exit_status_0", tags=["contract"], append="init=/bin/exitcode -- 0",
         last=EXITED_0, exit=1),
    dict(name="contract_exit_status_42", tags=["contract"], append="init=/bin/exitcode -- 42",
         last=r"^init exited with status 42$", exit=3),
    dict(name="contract_exit_status_low_byte", tags=["contract"], append="init=/bin/exitcode -- 263",
         last=r"^init exited with status 7$", exit=3),
    dict(name="contract_exit_status_255", tags=["contract"], append="init=/bin/exitcode -- -1",
         last=r"^init exited with status 255$", exit=3),
    dict(name="contract_killed_by_signal", tags=["contract"], append="init=/bin/rings -- null",
         last=killed(11, "SIGSEGV"), exit=3),
    dict(name="contract_argv_envp", tags=["contract"],
         append='init=/bin/args -- one "two words" "" -- last',
         expect=[r"^argc=6$", r"^argv\[0\]=\[/bin/args\]$", r"^argv\[1\]=\[one\]$",
                 r"^argv\[2\]=\[two words\]$", r"^argv\[3\]=\[\]$", r"^argv\[4\]=\[--\]$",
                 r"^argv\[5\]=\[last\]$", r"^envp\[0\]=\[HOME=/\]$", r"^envp\[1\]=\[PATH=/bin\]$",
                 r"^envp\[2\]=\[TERM=linux\]$"],
         last=EXITED_0, exit=1),
    dict(name="contract_options_before_init", tags=["contract"],
         append="quiet foo=bar init=/bin/args",
         expect=[r"^argc=1$", r"^argv\[0\]=\[/bin/args\]$"], last=EXITED_0, exit=1),
    dict(name="contract_default_init", tags=["contract"], append="",
         interact=[(r"^/\$ ", "poweroff\n")],
         expect=[r"^boot: .*starting /bin/init \(pid 1\)$", r"^init: starting /bin/sh$"],
         last=r"^reboot: Power down$", exit=1),
    dict(name="contract_default_init_missing", tags=["contract"], append="", initrd="plain_names",
         expect=[r"^init: /bin/init: not found in the initrd$"],
         last=r"^init could not be started; powering off$", exit=7),
    dict(name="tsc_monotonic", append="init=/bin/tsccheck",
         expect=[r"^tsccheck: 0 backward steps"], last=EXITED_0, exit=1),
    dict(name="contract_missing_init", tags=["contract"], append="init=/bin/nope",
         expect=[r"^init: /bin/nope: not found in the initrd$"], forbid=NO_PANIC, exit=7),
    dict(name="contract_init_is_directory", tags=["contract"], append="init=/bin",
         expect=[r"^init: /bin: not a regular file$"], forbid=NO_PANIC, exit=7),
    dict(name="contract_unterminated_quote", tags=["contract"], append='init=/bin/args -- "oops',
         expect=[r"^init: bad kernel command line: unterminated quote"], forbid=NO_PANIC, exit=7),
    dict(name="contract_relative_init", tags=["contract"], append="init=bin/hello",
         expect=[r"^init: bad kernel command line: init= must be an absolute path"], exit=7),
    dict(name="contract_no_initrd", tags=["contract"], append="init=/bin/hello", initrd=None,
         expect=[r"^init: no initrd"], forbid=NO_PANIC, exit=7),
    dict(name="contract_cpio_plain_names", tags=["contract"], append="init=/bin/hello",
         initrd="plain_names",
         expect=[r"^initrd: skipping \./etc/link \(type 120000 not supported yet\)$",
                 r"^initrd: skipping dev/console \(type 20000 not supported yet\)$",
                 r"^hello, world$"], last=EXITED_0, exit=1),
    dict(name="contract_cpio_leading_slash", tags=["contract"], append="init=/bin/args",
         initrd="plain_names", expect=[r"^argv\[0\]=\[/bin/args\]$"], last=EXITED_0, exit=1),
]
for fixture, message in [
        ("truncated", r"archive is truncated|runs past the end"),
        ("badmagic", r"bad member magic"),
        ("nonhex", r"non-hex field"),
        ("no_trailer", r"archive is truncated \(no TRAILER!!! member\)"),
        ("empty", r"archive is truncated")]:
    CASES.append(dict(name="contract_cpio_" + fixture, tags=["contract"], append="init=/bin/hello",
                      initrd=fixture, expect=[r"^init: initrd is malformed: .*(%s)" % message],
                      forbid=NO_PANIC, last=r"^init could not be started; powering off$", exit=7))
for prog, message in [
        ("truncated", r"file too short for an ELF header"),
        ("badmagic", r"not an ELF file \(bad magic\)"),
        ("elf32", r"not a 64-bit ELF file"),
        ("bigendian", r"not little-endian"),
        ("i386", r"not an x86-64 program"),
        ("relocatable", r"not an executable"),
        ("phdrs_outside", r"program headers lie outside the file"),
        ("kernel_segment", r"segment outside the user address range"),
        ("huge_segment", r"segment is huge|segment outside the user address range"),
        ("filesz_gt_memsz", r"segment file size exceeds its memory size|segment data lies outside the file"),
        ("dynamic", r"dynamically linked"),
        ("text_file", r"not an ELF file \(bad magic\)"),
        ("empty", r"file too short for an ELF header")]:
    CASES.append(dict(name="contract_elf_" + prog, tags=["contract"], append="init=/bin/" + prog,
                      initrd="bad_elves", expect=[r"^init: /bin/%s: (%s)" % (prog, message)],
                      forbid=NO_PANIC, last=r"^init could not be started; powering off$", exit=7))

# A 1 GiB .bss on a 32 MiB machine: like Linux, the kernel maps .bss lazily,
# so the program starts, and only pages it touches cost memory.
CASES.append(dict(name="elf_lazy_bss", append="init=/bin/huge_bss", initrd="bad_elves", mem="32M",
                  expect=[r"^hello, world$"], forbid=NO_PANIC, last=EXITED_0, exit=1))

# ---------------------------------------------------------------- through real GRUB (Multiboot2)
CASES += [
    dict(name="grub_hello", boot="grub", tags=["contract"], append="init=/bin/hello",
         expect=[r"^boot: multiboot2, command line \"init=/bin/hello\"$", r"^hello, world$"],
         last=EXITED_0, exit=1),
    dict(name="grub_argv", boot="grub", tags=["contract"], append='init=/bin/args -- a "b c"',
         expect=[r"^argc=3$", r"^argv\[1\]=\[a\]$", r"^argv\[2\]=\[b c\]$"], last=EXITED_0, exit=1),
    dict(name="grub_exit_status", boot="grub", tags=["contract"], append="init=/bin/exitcode -- 3",
         last=r"^init exited with status 3$", exit=3),
    dict(name="grub_killed", boot="grub", tags=["contract"], append="init=/bin/rings -- ud2",
         last=killed(4, "SIGILL"), exit=3),
    dict(name="grub_missing_init", boot="grub", tags=["contract"], append="init=/bin/nope",
         expect=[r"^init: /bin/nope: not found in the initrd$"], exit=7),
]

# ---------------------------------------------------------------- real programs
# Go, musl threads and signals, busybox (tests/qemu/cases_real.py): the cases
# the kernel passes already. The others wait in cases_real.PENDING_REAL_PROGRAMS
# with the feature each needs; `make test-pending` runs them.
from cases_real import ENABLED_REAL_PROGRAMS  # noqa: E402
CASES += ENABLED_REAL_PROGRAMS
