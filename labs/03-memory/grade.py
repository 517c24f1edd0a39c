"""Grader of lab 03-memory: mremap(2) - grow, shrink or move an area (see README.md)."""

EXITED_0 = r"^init exited with status 0$"
NO_PANIC = [r"KERNEL PANIC", r"\[FAIL\]"]


def mremaptest(mode, points, extra=()):
    return dict(name="mremap_" + mode, points=points,
                append="init=/bin/mremaptest -- " + mode,
                expect=list(extra) + [r"^mremaptest %s: passed$" % mode],
                forbid=NO_PANIC, last=EXITED_0, exit=1, timeout=20)


TESTS = [
    mremaptest("shrink", 10),
    mremaptest("grow", 10),
    mremaptest("move", 20),          # -ENOMEM without MREMAP_MAYMOVE; moves with it
    mremaptest("fixed", 10),
    mremaptest("bad", 15),
    mremaptest("noleak", 10),
    mremaptest("cow", 15),           # fork + copy-on-write + move
    # strace decodes the call as real strace does: flags by name, the result in hex.
    dict(name="strace_decodes_mremap", points=10,
         append="init=/bin/strace -- /bin/mremaptest one",
         expect=[r"^mremap\(0x[0-9a-f]+, 8192, 16384, MREMAP_MAYMOVE\) += 0x[0-9a-f]+$"],
         forbid=[r"KERNEL PANIC", r"syscall_0x19"], last=EXITED_0, exit=1, timeout=20),
]
