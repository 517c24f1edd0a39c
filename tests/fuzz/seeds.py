#!/usr/bin/env python3
"""seeds.py - write the made-up seeds of the host fuzzers into corpus/.

The seeds that are real files are copied, not made here (corpus/README.md
says where each came from). This script writes the inputs that must follow
a harness's own layout (fuzz_strace.c, fuzz_printf.c) and the command
lines (taken from the QEMU cases and docs/boot-contract.md). Run it after
changing a harness's layout; the files are committed.

    python3 tests/fuzz/seeds.py
"""

import os
import struct

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def write(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------- cmdline

CMDLINES = {
    "hello": "init=/bin/hello",
    "ktest-all": "init=/bin/ktest -- all",
    "default": "init=/bin/init --",
    "qemu-kernel-path": "/boot/kernel.elf crashtest=pagefault init=/bin/hello",
    "runner": "init=/bin/runner -- /bin/hello -- /bin/ktest all -- /bin/mmtest "
              "-- /bin/rings ud2 -- /bin/nope -- /bin/exitcode 3",
    "quotes": 'quiet init="/bin/my prog" -- a "b c" "" "--" \t tab',
    "unterminated-quote": 'init=/bin/echo -- "oops',
    "relative-init": "init=bin/hello",
}

# ---------------------------------------------------------------- printf
# The format, a NUL, the small buffer's size, then 8 bytes per argument.
# For %s, the argument modulo 5 picks the string (2: "hello, world").


def printf_seed(fmt, *args, small=7):
    return fmt.encode() + b"\0" + bytes([small]) + b"".join(struct.pack("<q", a) for a in args)


PRINTFS = {
    "int-string": printf_seed("pid %d: %s\n", 42, 2),
    "pointer": printf_seed("%-10p|%p", 0x10, 0xffff800000000000 - (1 << 64)),
    "alternate": printf_seed("%#x %#o %#08x %-#6x|", 31, 15, 16, 16),
    "precision": printf_seed("%.3s|%.0d|%5.3d|%.*s", 3, 0, 7, 4, 2, small=3),
    "star-width": printf_seed("[%*d] [%-*d] [%0*x]", 5, 42, -6, 1, 8, 255),
    "lengths": printf_seed("%lld %llu %lx %zu %zd %ld", -(1 << 63), -1, -1, 4096, -1, 7),
    "char-percent": printf_seed("%c%c%%%5c|%-3c|", 104, 105, 0, 120),
    "unknown": printf_seed("%y %hd %+d %5"),
    "dmesg-like": printf_seed("[%5lu.%06lu] %s: %#lx", 12, 345678, 2, 0x400000),
}

# ---------------------------------------------------------------- strace
# fuzz_strace.c: what, small (2), page offset (2), memory size (2); then the
# parameters; the fake user memory is the end of the input, at
# USER_MEM_PAGE + page offset. A value is how (1) + 8 bytes: how % 3 = 0
# raw, 1 small (v % 8192 - 4096), 2 the memory's address + v.

BASE = 0x10000000            # fuzz_strace.c's USER_MEM_PAGE, page offset 0


def raw(v):
    return b"\0" + struct.pack("<Q", v & (2 ** 64 - 1))


def small(v):
    return b"\1" + struct.pack("<Q", v + 4096)


def mem(offset):
    return b"\2" + struct.pack("<Q", offset)


def call(nr, args, ret, memory=b"", strsize=32, returns=True, pid=None):
    args = list(args) + [raw(0)] * (6 - len(args))
    params = struct.pack("<I", nr & 0xffffffff) + b"".join(args) + ret + bytes([strsize])
    params += bytes([1 if returns else 0])
    params += b"\0" + struct.pack("<I", pid) if pid else b"\1"
    return header(0, len(memory)) + params + memory


def header(what, mem_len, small_size=40, page_offset=0):
    return struct.pack("<BHHH", what, small_size, page_offset, mem_len)


def ptr(offset):
    return struct.pack("<Q", BASE + offset)


def cstrings(*strings):
    return b"".join(s.encode() + b"\0" for s in strings)


def execve_memory():
    strings = b"/bin/ls\0ls\0-l\0\0\0"                    # 0, 8, 11; 16 bytes
    argv = ptr(8) + ptr(11) + struct.pack("<Q", 0)        # 16..40
    envp = ptr(0) + struct.pack("<Q", 0)                  # 40..56
    return strings + argv + envp


def writev_memory():
    iov = ptr(32) + struct.pack("<Q", 6) + ptr(38) + struct.pack("<Q", 7)   # 0..32
    return iov + b"hello,\n world\0"


def select_memory():
    return struct.pack("<QQQ", 1 << 3, 1 << 4, 0) + struct.pack("<qq", 0, 1000)


def sigaction_memory():
    return struct.pack("<QQQQ", 0x401000, 0x04000000 | 0x10000000, 0x401200, 1 << 14)


def summary(rows):
    body = bytes([len(rows)]) + b"".join(
        struct.pack("<HII", nr, calls, errors) + struct.pack("<Q", ns)[:5]
        for nr, calls, errors, ns in rows)
    return header(7, 0) + body


STRACES = {
    "write": call(1, [small(1), mem(0), raw(13)], raw(13), b"hello, world\n"),
    "openat-enoent": call(257, [small(-100), mem(0), raw(0o2000000), raw(0)], small(-2),
                          b"/etc/passwd\0"),
    "execve": call(59, [mem(0), mem(16), mem(40)], raw(0), execve_memory()),
    "read-binary": call(0, [small(3), mem(0), raw(64)], raw(7), b"abc\0\n\x01\x89"),
    "rt_sigaction": call(13, [small(2), mem(0), raw(0), raw(8)], raw(0), sigaction_memory()),
    "rt_sigprocmask": call(14, [small(0), mem(0), mem(8), raw(8)], raw(0),
                           struct.pack("<QQ", (1 << 1) | (1 << 2), 0xfffffffffffbfeff)),
    "clone-thread": call(56, [raw(0x3d0f00), raw(0xc000048000), mem(0), mem(0), raw(0xc000038090)],
                         raw(1473), struct.pack("<I", 1473), pid=5),
    "futex-wait": call(202, [mem(16), small(0x80), small(1), mem(0)], small(-110),
                       struct.pack("<qq", 1, 500) + struct.pack("<I", 1)),
    "select": call(23, [small(5), mem(0), mem(8), mem(16), mem(24)], raw(1), select_memory()),
    "writev": call(20, [small(1), mem(0), small(2)], raw(13), writev_memory()),
    "wait4": call(61, [small(-1), mem(0), raw(0), raw(0)], raw(7), struct.pack("<i", 0x0300)),
    "fcntl-getfl": call(72, [small(3), small(3)], raw(0x8002)),
    "exit_group": call(231, [small(0)], raw(0), returns=False),
    "unknown-number": call(500, [raw(1), raw(2), raw(3), raw(4), raw(5), raw(6)], small(-38)),
    "negative-number": call(-1, [raw(0)] * 6, small(-38)),
    "sigsegv-line": header(6, 0) + struct.pack("<ii", 11, 1) + raw(0x10) + struct.pack("<i", 0),
    "sigchld-line": header(6, 0) + struct.pack("<ii", 17, 1) + raw(3) + struct.pack("<i", 42),
    "summary": summary([(0, 12, 0, 120000), (1, 30, 2, 450000), (59, 1, 0, 672000)]),
}


def main():
    for name, line in CMDLINES.items():
        write("cmdline", name, line)
    for name, data in PRINTFS.items():
        write("printf", name, data)
    for name, data in STRACES.items():
        write("strace", name, data)


if __name__ == "__main__":
    main()
