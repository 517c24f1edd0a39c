"""Grader of lab 04-vdso: __vdso_getpid from a per-process read-only page (see README.md)."""

EXITED_0 = r"^init exited with status 0$"
NO_PANIC = [r"KERNEL PANIC", r"\[FAIL\]"]


def pidtest(mode, points, extra=(), **kw):
    return dict(name="vdso_getpid_" + mode, points=points,
                append="init=/bin/pidtest -- " + mode,
                expect=list(extra) + [r"^pidtest %s: passed$" % mode],
                forbid=NO_PANIC, last=EXITED_0, exit=1, timeout=20, **kw)


TESTS = [
    pidtest("exists", 5),
    pidtest("value", 10),
    pidtest("fork", 20),
    pidtest("exec", 15),
    pidtest("readonly", 15, [r"^write to 0x[0-9a-f]+: status 0xb$",
                             r"^write to 0x[0-9a-f]+ after execve: status 0xb$"]),
    pidtest("nosyscall", 10),
    # Under -icount shift=0 the TSC counts instructions: exact, repeatable costs
    # (sleep=off: an idle guest does not wait in real time, so the boot is quicker).
    pidtest("cost", 10, [r"^COST __vdso_getpid \d+\.\d+ cycles/call$",
                         r"^COST getpid syscall \d+\.\d+ cycles/call$"],
            qemu=["-icount", "shift=0,sleep=off"]),
    pidtest("leak", 10),
    # strace sees every system call: three vDSO calls must not show up as getpid().
    dict(name="vdso_getpid_strace_sees_nothing", points=5,
         append="init=/bin/strace -- /bin/pidtest once",
         expect=[r"^execve\(", r"^\+\+\+ exited with 0 \+\+\+$"],
         forbid=[r"KERNEL PANIC", r"\[FAIL\]", r"^getpid\("], last=EXITED_0, exit=1, timeout=20),
]
