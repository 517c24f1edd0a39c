"""cases_real.py - real programs nobody here wrote, run unmodified: Go's
runtime (tests/go), musl's threads and signals (tests/musl), Debian's static
busybox. Linux is the oracle: the same binary runs on the host and its
output is compared with the guest's, line by line (host_compare), or its
real strace must match the same regexes (host_strace), or the same keys
typed on a pseudo-terminal give the same lines (host_interact).

All of them run in `make test` now. A case whose name is a key of
PENDING_REAL_PROGRAMS (empty today) waits there with the kernel feature it
needs; cases.py includes only ENABLED_REAL_PROGRAMS, so a program added
before its feature keeps `make test` green. Try pending cases with:

    python3 tests/run_all.py --only qemu --pending go_hello musl_pthreads
    make test-pending                  # every pending case
    make test-pending CASES=go_hello   # some of them

and once one passes, delete its line from PENDING_REAL_PROGRAMS: it becomes
part of `make test`. The oracle side runs in `make test` already (stage
"oracle": every case below on the host, twice, through the same comparison
code), so the expected output is known to be deterministic on Linux.
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXITED_0 = r"^init exited with status 0$"
NO_PANIC = [r"KERNEL PANIC", r"did not fault"]


def etc_files():
    """/etc of the test initrd (scripts/mkinitrd.sh: motd + tests/data/*),
    for the host's working directory: the scripts read etc/..."""
    files = {"etc/motd": "This initrd was built by scripts/mkinitrd.sh.\n"}
    data = os.path.join(ROOT, "tests", "data")
    for name in sorted(os.listdir(data)):
        with open(os.path.join(data, name)) as f:
            files["etc/" + name] = f.read()
    return files


def exited(status):
    return r"^init exited with status %d$" % status


def real(name, path, args=(), expect=(), status=0, stdin=None, **extra):
    """A program as init, compared with the same binary on the host.
    path is its file in $(BUILD) (= /bin/<basename> in the test initrd)."""
    append = "init=/bin/" + os.path.basename(path)
    if args:
        append += " -- " + " ".join('"%s"' % a if " " in a else a for a in args)
    spec = dict(binary=path, args=list(args), status=status)
    if stdin is not None:
        spec["stdin"] = stdin
    spec.update(extra.pop("spec", {}))
    return dict(name=name, append=append, expect=list(expect), forbid=extra.pop("forbid", NO_PANIC),
                last=exited(status), exit=1 if status == 0 else 3,
                host_compare=spec, **extra)


# ---------------------------------------------------------------- Go
# The lesson's program: println writes "hello world\n" to fd 2.
GO_HELLO = [
    real("go_hello", "go/hello-go", expect=[r"^hello world$"]),
]

# What Go's runtime asks of the kernel before main, in order (strace -f of
# /bin/hello-go; the same regexes hold for real strace on Linux, checked by
# the oracle stage). Lines of other threads may come in between.
PID = r"^(\[pid +\d+\] )?"
GO_SIGNALS = ["SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
              "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
              "SIGCHLD", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
              "SIGIO", "SIGPWR", "SIGSYS"]
GO_HANDLER = (r"\{sa_handler=0x[0-9a-f]+, sa_mask=~\[\], "
              r"sa_flags=SA_RESTORER\|SA_ONSTACK\|SA_RESTART\|SA_SIGINFO, sa_restorer=0x[0-9a-f]+\}")
GO_STARTUP_TRACE = [
    r'^execve\("[^"]*hello-go", \["[^"]*hello-go"\], 0x[0-9a-f]+ /\* 3 vars \*/\) += 0$',
    r"^arch_prctl\(ARCH_SET_FS, 0x[0-9a-f]+\) += 0$",
    r"^sched_getaffinity\(0, 8192, \[0( \d+)*\]\) += \d+$",
    r'^openat\(AT_FDCWD, "/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", O_RDONLY\) += 3$',
    r'^read\(3, "\d+\\n", 20\) += \d+$',
    r"^close\(3\) += 0$",
    r"^mmap\(NULL, \d+, PROT_NONE, MAP_PRIVATE\|MAP_ANONYMOUS, -1, 0\) += 0x[0-9a-f]+$",
    r"^mmap\(0xc000000000, 67108864, PROT_NONE, MAP_PRIVATE\|MAP_ANONYMOUS, -1, 0\) += 0xc000000000$",
    r"^mmap\(0xc000000000, 4194304, PROT_READ\|PROT_WRITE, MAP_PRIVATE\|MAP_FIXED\|MAP_ANONYMOUS, -1, 0\)"
    r" += 0xc000000000$",
    r"^rt_sigprocmask\(SIG_SETMASK, NULL, \[\], 8\) += 0$",
    r"^sigaltstack\(NULL, \{ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0\}\) += 0$",
    r"^sigaltstack\(\{ss_sp=0xc[0-9a-f]+, ss_flags=0, ss_size=32768\}, NULL\) += 0$",
    r"^rt_sigprocmask\(SIG_SETMASK, \[\], NULL, 8\) += 0$",
    r"^gettid\(\) += \d+$",
] + [r"^rt_sigaction\(%s, %s, NULL, 8\) += 0$" % (sig, GO_HANDLER) for sig in GO_SIGNALS] + [
    r"^clone\(child_stack=0xc[0-9a-f]+, flags=CLONE_VM\|CLONE_FS\|CLONE_FILES\|CLONE_SIGHAND\|"
    r"CLONE_THREAD\|CLONE_SYSVSEM\|CLONE_SETTLS",
    PID + r"futex\(0x[0-9a-f]+, FUTEX_WAIT_PRIVATE, 0, NULL",
    PID + r'write\(2, "hello world\\n", 12',
    PID + r"exit_group\(0",
    r"^\+\+\+ exited with 0 \+\+\+$",
]
GO_HELLO += [
    dict(name="go_hello_strace", append="init=/bin/strace -- -f /bin/hello-go",
         expect=GO_STARTUP_TRACE, forbid=NO_PANIC, last=EXITED_0, exit=1,
         host_strace=dict(binary="go/hello-go")),
]

# Run from the shell, as a student would: "runs as init and from the shell".
SHELL_PROMPT = r"^/\$ "
GO_HELLO += [
    dict(name="go_hello_from_shell", append="init=/bin/init",
         interact=[(SHELL_PROMPT, "hello-go\n"), (r"^hello world\r?$", ""),
                   (SHELL_PROMPT, "hello-go\n"), (SHELL_PROMPT, "echo status $?\n"),
                   (r"^status 0\r?$", ""),
                   (SHELL_PROMPT, "poweroff\n")],
         expect=[r"^hello world\r?$", r"^status 0\r?$", r"^reboot: Power down$"],
         forbid=NO_PANIC, exit=1),
]

# goroutines-go: part 1 (channels) is fully ordered; in part 2 the reader is
# blocked in read(0) on the console for good (nobody types), as on the host
# with stdin an open, empty pipe.
GOROUTINES_PART1 = [r"^part 1: goroutines and channels$", r"^workers: total = 7998000 \(want 7998000\)$",
                    r"^mutex: counter = 8000 \(want 8000\)$", r"^ping 3$", r"^pong 3$",
                    r"^select: the 20 ms timer fired first$",
                    r"^time\.Sleep\(100ms\): slept at least 100 ms: true$"]
# The console session: ticks go on while the reader is blocked, a typed line
# is read, ^C reaches the program through signal.Notify. The same steps are
# typed on a pseudo-terminal on the host (host_interact).
GOROUTINES_STEPS = [
    (r"^tick 2\r?$", "hello go\n"),
    (r'^reader: got "hello go\\n"\r?$', ""),
    (r"^main: waiting for SIGINT\r?$", "\x03"),
    (r"got SIGINT\r?$", ""),
]
GOROUTINES_ORDER = [r"^reader: calling read\(0\)\r?$", r"^tick 1\r?$", r"^tick 2\r?$",
                    r'^reader: got "hello go\\n"\r?$', r"^tick 30\r?$",
                    r"^main: waiting for SIGINT\r?$", r"got SIGINT\r?$"]
GOROUTINES = [
    real("go_goroutines", "go/goroutines-go", args=["5", "kill"], stdin="open",
         expect=GOROUTINES_PART1 + [r"^reader: calling read\(0\)$", r"^tick 1$", r"^tick 5$",
                                    r"^main: sending SIGINT to myself$", r"^got SIGINT$"],
         forbid=NO_PANIC + [r"^reader: (got|EOF)"]),
    dict(name="go_goroutines_console", append="init=/bin/init",
         interact=[(SHELL_PROMPT, "goroutines-go 30\n")] + GOROUTINES_STEPS + [
             (SHELL_PROMPT, "echo typed | goroutines-go 3 kill\n"),
             (r"got SIGINT\r?$", ""), (SHELL_PROMPT, "poweroff\n")],
         expect=GOROUTINES_ORDER + [r'^reader: got "typed\\n"\r?$', r"^reader: EOF\r?$",
                                    r"^got SIGINT\r?$", r"^reboot: Power down$"],
         forbid=NO_PANIC + [r"killed by"], exit=1, timeout=90,
         host_interact=dict(argv=["go/goroutines-go", "30"], steps=GOROUTINES_STEPS,
                            expect=GOROUTINES_ORDER, status=0)),
]

# ---------------------------------------------------------------- musl: threads
MUSL_THREADS = [
    real("musl_pthreads", "musl/pthreads",
         expect=[r"^mutex: 4 threads x 10000 increments = 40000$", r"^thread 3: returned \"thread-3\"",
                 r"^consumer: 20 items, sum of squares 2870, in order: yes$",
                 r"^pthread_exit: joined value 42$", r"^pthreads: 0 failed$"],
         forbid=NO_PANIC + [r"^\[FAIL\]"]),
    # What a pthread_create asks of the kernel (musl's flags), and joins on futexes.
    dict(name="musl_pthreads_strace", append="init=/bin/strace -- -f /bin/pthreads",
         expect=[r"^set_tid_address\(0x[0-9a-f]+\) += \d+$",
                 r"^mmap\(NULL, \d+, PROT_NONE, MAP_PRIVATE\|MAP_ANONYMOUS, -1, 0\) += 0x",
                 r"^mprotect\(0x[0-9a-f]+, \d+, PROT_READ\|PROT_WRITE\) += 0$",
                 # (the rest of the line may come after "strace: Process N attached")
                 r"^clone\(child_stack=0x[0-9a-f]+, flags=CLONE_VM\|CLONE_FS\|CLONE_FILES\|CLONE_SIGHAND\|"
                 r"CLONE_THREAD\|CLONE_SYSVSEM\|CLONE_SETTLS\|CLONE_PARENT_SETTID\|CLONE_CHILD_CLEARTID"
                 r"\|0x400000",
                 # a contended mutex or a join sleeps on a futex; which calls wait and
                 # which find the word changed depends on the scheduling (one CPU here)
                 r"^(\[pid +\d+\] )?futex\(0x[0-9a-f]+, FUTEX_(WAIT|WAKE)(_PRIVATE)?, \d+",
                 # (the program's own output lands in the middle of the line: one console)
                 r'^writev\(1, \[\{iov_base="pthreads: 0", iov_len=11\}, \{iov_base=" failed\\n", iov_len=8\}\], '
                 r"2(\) += 19|pthreads: 0 failed)$",
                 r"^\+\+\+ exited with 0 \+\+\+$"],
         forbid=NO_PANIC, last=EXITED_0, exit=1, host_strace=dict(binary="musl/pthreads")),
]

# ---------------------------------------------------------------- musl: signals
# One case per test of signals.c (they can be switched on one by one as the
# kernel learns each part), and the whole program.
SIGNAL_TESTS = {   # test: (a line it must print, what it needs)
    "itimer": (r"^interval timer: 3 expirations, then stopped", "setitimer/getitimer ITIMER_REAL, pause"),
    "alarm": (r"^alarm\(5\) then alarm\(0\): 5 seconds were left$", "alarm, pause"),
    "segv": (r"^read of a PROT_NONE page \+ 16: SIGSEGV, si_code SEGV_ACCERR",
             "SIGSEGV siginfo (si_code, si_addr), SA_NODEFER, siglongjmp"),
    "altstack": (r"^stack overflow: SIGSEGV handled on the alternate stack: yes", "sigaltstack, SA_ONSTACK"),
    "sigchld": (r"^SIGCHLD: si_code CLD_EXITED, si_pid is the child: yes$",
                "SIGCHLD siginfo, sigsuspend"),
    "sigchld_killed": (r"^SIGCHLD for a killed child: si_code CLD_KILLED, si_status 9$",
                       "SIGCHLD siginfo, sigsuspend"),
    "restart": (r"^SA_RESTART: read restarted and returned 1 byte 'x'",
                "EINTR vs SA_RESTART for a blocked pipe read, setitimer"),
    "nodefer_resethand": (r"^SA_RESETHAND: ran 1 time, then the action is SIG_DFL$",
                          "SA_NODEFER, SA_RESETHAND, nested handlers"),
    "mask_in_handler": (r"^inside a SIGUSR1 handler with sa_mask \{SIGUSR2\}: SIGUSR1 blocked yes, SIGUSR2 yes",
                        "sa_mask, the mask restored by rt_sigreturn"),
    "pending": (r"^blocked: SIGUSR1 sent twice, pending yes, handler ran 0 times$", "rt_sigpending"),
    "sigsuspend": (r"^sigsuspend: returned -1 \(EINTR\), handler ran 1 time", "rt_sigsuspend"),
    "sigtimedwait": (r"^sigtimedwait with nothing pending: -1 \(EAGAIN\)$", "rt_sigtimedwait"),
    "senders": (r"^tgkill\(getpid\(\), gettid\(\)\): si_code SI_TKILL", "tkill, tgkill, siginfo of kill"),
}
MUSL_SIGNALS = [
    real("musl_signals", "musl/signals",
         # every test's header, and its key line (one test alone: init=/bin/signals NAME)
         expect=[x for t, (line, _) in SIGNAL_TESTS.items() for x in (r"^== %s$" % t, line)] +
                [r"^signals: 13 tests, 0 failed$"],
         forbid=NO_PANIC + [r"^\[FAIL\]"], timeout=90),
] + [
    # An interrupted read, traced: the kernel's strace shows what real strace shows.
    dict(name="musl_signals_restart_strace", append="init=/bin/strace -- /bin/signals restart",
         expect=[r"^rt_sigaction\(SIGALRM, \{sa_handler=0x[0-9a-f]+, sa_mask=\[\], "
                 r"sa_flags=SA_RESTORER\|SA_SIGINFO, sa_restorer=0x[0-9a-f]+\}, NULL, 8\) += 0$",
                 r"^setitimer\(ITIMER_REAL, \{it_interval=\{tv_sec=0, tv_usec=0\}, "
                 r"it_value=\{tv_sec=0, tv_usec=30000\}\}, NULL\) += 0$",
                 r"^read\(3, 0x[0-9a-f]+, 1\) += \? ERESTARTSYS \(To be restarted if SA_RESTART is set\)$",
                 r"^--- SIGALRM \{si_signo=SIGALRM, si_code=SI_KERNEL\} ---$",
                 r"^rt_sigreturn\(\{mask=\[\]\}\) += -1 EINTR \(Interrupted system call\)$",
                 r'^read\(3, "x", 1\) += 1$',
                 r"^\+\+\+ exited with 0 \+\+\+$"],
         forbid=NO_PANIC, last=EXITED_0, exit=1, host_strace=dict(binary="musl/signals", args=["restart"])),
]

# ---------------------------------------------------------------- busybox
# Debian's busybox-static, no symlinks: FEATURE_SH_STANDALONE and
# FEATURE_PREFER_APPLETS are on, so `busybox sh` runs its own applets
# whatever PATH says: NOFORK ones (echo, printf, test, ...) in the shell,
# NOEXEC ones (ls, sort, ...) in a forked child, the rest by execve of
# /proc/self/exe with argv[0] = the applet's name.
BB_ETC = etc_files()
BUSYBOX = [
    real("busybox_sh_c", "busybox/busybox",
         args=["sh", "-c", "echo one two three | wc -w; echo $((6 * 7)) $(echo nested)"],
         expect=[r"^3$", r"^42 nested$"], spec=dict(files=BB_ETC)),
    real("busybox_shell", "busybox/busybox", args=["sh", "etc/bb-shell.sh"],
         expect=[r"^for: 3 three$", r"^read from a pipe: c=z b=y a=x$", r"^sh -c exit: 5$", r"^done$"],
         spec=dict(files=BB_ETC)),
    real("busybox_applets", "busybox/busybox", args=["sh", "etc/bb-applets.sh"],
         expect=[r"^== ls$", r"^fruits\.txt$", r"^      3 apple$", r"^THIS INITRD WAS BUILT",
                 r"^Linux$", r"^x86_64$", r"^PATH=/bin$", r"^ls is ls$",
                 r"^apple=3 banana=2 cherry=1 fig=1 kiwi=1 pear=1 plum=1 $", r"^done$"],
         spec=dict(files=BB_ETC)),
    real("busybox_trap", "busybox/busybox", args=["sh", "etc/bb-trap.sh"],
         expect=[r"^got INT$", r"^after kill -INT: still running$",
                 r"^a child killed by SIGTERM: status 143$", r"^child got USR1$",
                 r"^EXIT trap: status 0$"],
         spec=dict(files=BB_ETC)),
]
# busybox sh on the console: line editing puts the terminal in raw mode and
# asks for the cursor position (ESC [ 6 n); nobody answers, which it allows.
BUSYBOX_STEPS = [
    (r"^\S* # ", "echo hello $((6 * 7))\n"),
    (r"^hello 42\r?$", "cat etc/fruits.txt | sort -u | wc -l\n"),
    (r"^7\r?$", "exit 3\n"),
]
BUSYBOX += [
    dict(name="busybox_console", append="init=/bin/busybox -- sh",
         interact=BUSYBOX_STEPS,
         expect=[r"BusyBox v1\.\d+\.\d+ .*built-in shell \(ash\)", r"^hello 42\r?$", r"^7\r?$"],
         forbid=NO_PANIC, last=exited(3), exit=3,
         host_interact=dict(argv=["busybox/busybox", "sh"], steps=BUSYBOX_STEPS, files=BB_ETC,
                            expect=[r"built-in shell \(ash\)", r"^hello 42\r?$", r"^7\r?$"], status=3)),
]

REAL_PROGRAMS = GO_HELLO + GOROUTINES + MUSL_THREADS + MUSL_SIGNALS + BUSYBOX

# ---------------------------------------------------------------- what each still needs
# (Today Go's runtime stops at its first sigaltstack: -ENOSYS, and the runtime
# crashes on purpose by writing to address 0xf1.)
GO_RUNTIME = ("Go runtime start-up: sigaltstack, rt_sigaction handlers (SA_ONSTACK|SA_SIGINFO) + "
              "rt_sigreturn, clone(CLONE_VM|CLONE_THREAD|CLONE_SETTLS...) threads, futex, "
              "sched_getaffinity")
SIGNALS = "signal handlers: rt_sigaction with a handler, the signal frame, rt_sigreturn"
# (Today busybox sh stops at its first fork: "sh: can't fork: Function not implemented".)
BUSYBOX_NEEDS = ("glibc's fork (clone with CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD), "
                 "readlink and execve of /proc/self/exe, signal handlers")
PENDING_REAL_PROGRAMS = {
    # name: what the kernel still needs for it. Empty: every real program runs.
}

PENDING_CASES = [c for c in REAL_PROGRAMS if c["name"] in PENDING_REAL_PROGRAMS]
ENABLED_REAL_PROGRAMS = [c for c in REAL_PROGRAMS if c["name"] not in PENDING_REAL_PROGRAMS]
assert set(PENDING_REAL_PROGRAMS) <= {c["name"] for c in REAL_PROGRAMS}, "a pending name has no case"
