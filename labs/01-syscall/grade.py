"""Grader of lab 01-syscall: getrandom(2) end to end (see README.md)."""

EXITED_0 = r"^init exited with status 0$"
NO_PANIC = [r"KERNEL PANIC", r"\[FAIL\]"]


def randtest(mode, points, extra=()):
    return dict(name="getrandom_" + mode, points=points,
                append="init=/bin/randtest -- " + mode,
                expect=list(extra) + [r"^randtest %s: passed$" % mode],
                forbid=NO_PANIC, last=EXITED_0, exit=1)


TESTS = [
    randtest("basic", 20),
    randtest("differ", 15),
    randtest("spread", 15),
    randtest("flags", 15),
    randtest("bad", 20),
    # strace decodes the new call by name, with its buffer (BUF_OUT) shown
    # the way strace escapes bytes: "\256\367\"..." (octal, \", \n, ...).
    dict(name="strace_decodes_getrandom", points=15,
         append="init=/bin/strace -- /bin/randtest one",
         expect=[r'^getrandom\("(\\.|[^"\\])+"(\.\.\.)?, 16, 0\) = 16$'],
         forbid=[r"KERNEL PANIC", r"syscall_0x13e"], last=EXITED_0, exit=1),
]
