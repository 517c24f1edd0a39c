"""gdb_test.py - QEMU paused, GDB attached through scripts/gdbinit.tmpl (the
same script `make debug` uses), then a batch session: stop in sys_getpid
called by /bin/hello, and check that the backtrace goes through the
syscall entry, that the CPU is in ring 0 and the saved frame came from
ring 3."""

import os
import re
import socket
import subprocess
import time

TIMEOUT = 60


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BATCH = """
hbreak sys_getpid
continue
bt
info registers cs
print/x ((struct trap_frame *)(cpu0.kernel_rsp) - 1)->cs
print/x ((struct trap_frame *)(cpu0.kernel_rsp) - 1)->rax
kill
"""

CHECKS = [
    ("stops_at_kmain", r"Breakpoint 1, kmain \("),
    ("breaks_in_sys_getpid", r"Breakpoint 2, sys_getpid \("),
    ("backtrace_dispatch", r"#\d+ .*syscall_invoke|#\d+ .*syscall_dispatch"),
    ("backtrace_entry", r"#\d+ .*syscall_entry"),
    ("ring0_cs", r"^cs\s+0x10\s"),
    ("user_frame_cs", r"^\$1 = 0x33$"),
    ("user_frame_rax_is_getpid", r"^\$2 = 0x27$"),
]


def run(root, build, qemu):
    port = free_port()
    with open(os.path.join(root, "scripts", "gdbinit.tmpl")) as f:
        init = f.read().replace("@BUILD@", build).replace("@PORT@", str(port))
        init = init.replace("@USER_SYMBOLS@", "")
    script = os.path.join(build, "gdbtest.gdb")
    with open(script, "w") as f:
        f.write(init + BATCH)
    qemu_cmd = [qemu, "-accel", "tcg", "-cpu", "max", "-m", "128M", "-no-reboot", "-nic", "none",
                "-display", "none", "-serial", "null", "-monitor", "none",
                "-kernel", os.path.join(build, "kernel.elf"),
                "-initrd", os.path.join(build, "test-initrd.cpio"),
                "-append", "init=/bin/hello", "-S", "-gdb", "tcp:127.0.0.1:%d" % port]
    proc = subprocess.Popen(qemu_cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.3)
        gdb = subprocess.run(["gdb", "-q", "-nx", "-batch", "-x", script],
                             capture_output=True, text=True, timeout=TIMEOUT)
        out = gdb.stdout + gdb.stderr
    except subprocess.TimeoutExpired as e:
        out = "gdb timed out\n" + str(e.stdout)
    finally:
        proc.kill()
        proc.wait()
    results = []
    bad_g = "Remote 'g' packet reply is too long" in out
    results.append(("no_g_packet_error", not bad_g, out if bad_g else ""))
    for name, rx in CHECKS:
        ok = re.search(rx, out, re.M) is not None
        results.append((name, ok, "" if ok else "no match for %s in:\n%s" % (rx, out)))
    return results
