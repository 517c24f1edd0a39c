"""Grader of lab 06-sched: nice values, getpriority/setpriority, CPU shares (see README.md)."""

EXITED_0 = r"^init exited with status 0$"
NO_PANIC = [r"KERNEL PANIC", r"\[FAIL\]"]
# Exact time: -icount makes the TSC (and so CLOCK_MONOTONIC and the timer)
# count instructions, sleep=off skips idle time: the shares come out the
# same on a fast and a slow machine.
ICOUNT = ["-icount", "shift=0,sleep=off"]


def nicetest(mode, points, extra=(), **more):
    return dict(name="nice_" + mode, points=points,
                append="init=/bin/nicetest -- " + mode,
                expect=list(extra) + [r"^nicetest %s: passed$" % mode],
                forbid=NO_PANIC, last=EXITED_0, exit=1, **more)


TESTS = [
    nicetest("self", 10),
    nicetest("child", 10),
    nicetest("clamp", 10),
    nicetest("einval", 5),
    nicetest("esrch", 5),
    nicetest("fork", 10),
    nicetest("exec", 10),
    # Nice 0 against nice 5: weights 1024 and 335, about 3 to 1.
    nicetest("share", 20, extra=[r"^nice 0: \d+ rounds, nice 5: \d+ rounds, ratio "],
             qemu=ICOUNT),
    # Two at nice 0: about 1 to 1 (weights must not break the plain case).
    nicetest("equal", 10, extra=[r"^nice 0: \d+ rounds, nice 0: \d+ rounds, ratio "],
             qemu=ICOUNT),
    # strace decodes the new calls by name, `which` by its PRIO_* name, as real strace does.
    dict(name="strace_decodes_setpriority", points=10,
         append="init=/bin/strace -- /bin/nicetest one",
         expect=[r"^setpriority\(PRIO_PROCESS, 0, 5\) += 0$"],
         forbid=[r"KERNEL PANIC", r"syscall_0x8d"], last=EXITED_0, exit=1),
]
