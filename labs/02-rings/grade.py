"""Grader of lab 02-rings: ioperm(2) and the TSS I/O permission bitmap (see README.md)."""

EXITED_0 = r"^init exited with status 0$"
KILLED_SEGV = r"^init killed by signal 11 \(SIGSEGV\)$"
NO_PANIC = [r"KERNEL PANIC", r"\[FAIL\]"]


def ioperm_test(mode, points, expect=None, last=EXITED_0, exit=1):
    return dict(name="ioperm_" + mode, points=points,
                append="init=/bin/iopermtest -- " + mode,
                expect=expect or [r"^iopermtest %s: passed$" % mode],
                forbid=NO_PANIC, last=last, exit=exit, timeout=20)


TESTS = [
    # The granted port works in the calling process, at once.
    ioperm_test("grant", 15),
    # Every other port still faults: neighbours, other bytes, a 16-bit
    # access that reaches one port too far.
    ioperm_test("others", 10),
    # ioperm(port, 1, 0) takes the port back, at once: last, init reads it
    # itself and the kernel must kill it (#GP -> SIGSEGV), as on Linux.
    ioperm_test("revoke", 15, expect=[
        r"^iopermtest revoke: passed so far; init reads the revoked port 0x3ff itself$",
        r"^traps: iopermtest\[1\] general protection fault ",
        KILLED_SEGV], last=KILLED_SEGV, exit=3),
    # A range, a hole punched into it, and the last ports (0xffff needs
    # the 0xff byte after the bitmap, inside the TSS limit).
    ioperm_test("range", 15),
    # -EINVAL for ranges outside 0..0xffff (and for num = 0); 0 otherwise.
    ioperm_test("bad", 10),
    # fork: the child gets a copy, not a share.
    ioperm_test("fork", 10),
    # execve keeps the grant (the program re-executes itself).
    ioperm_test("exec", 5, expect=[r"^\[OK\] ioperm\(0x3ff, 1, 1\) = 0 ",
                                   r"^iopermtest after-exec: passed$"]),
    # The bitmap belongs to the process: a process that did not ask gets
    # nothing, though it runs right after one that did.
    ioperm_test("isolation", 10),
    # strace decodes the new call by name, with Linux's argument formats.
    dict(name="strace_decodes_ioperm", points=10,
         append="init=/bin/strace -- /bin/iopermtest one",
         expect=[r"^ioperm\(0x3ff, 1, 1\) += 0$"],
         forbid=[r"KERNEL PANIC", r"syscall_0xad"], last=EXITED_0, exit=1, timeout=20),
]
