#!/usr/bin/env python3
"""bench.py - `make bench`: what a system call costs on this kernel.

Boots /bin/bench as init three ways and prints one table:
  - QEMU TCG with -icount shift=0: the guest TSC counts instructions, so the
    numbers are exact, repeatable instruction counts (compare with Linux's
    numbers in the README);
  - QEMU TCG without icount: TSC cycles of the host, noisy;
  - the same through GRUB, timing QEMU start -> first line of init from the host.
Also reports the kernel's own "kernel entry to init" time and image size.

The "Linux 6.1" column: BUILD/linux-bench.json when `make bench-linux`
(scripts/bench_linux.py) has written it - the same binaries as init of
Debian's kernel, same QEMU, -icount shift=0 - else the older numbers typed
in below (LINUX_TYPED). `make bench` never downloads a kernel itself.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QEMU = os.environ.get("QEMU", "qemu-system-x86_64")
BASE = [QEMU, "-accel", "tcg", "-cpu", "max", "-m", "128M", "-no-reboot", "-nic", "none", "-display", "none",
        "-serial", "stdio", "-monitor", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]

# The table's rows, in order (scripts/bench_linux.py checks that Linux printed each).
ROWS = ["unknown_syscall", "getpid", "clock_gettime_syscall", "clock_gettime_vdso", "page_fault",
        "mmap_touch_munmap_4k", "touch_64mib_total", "context_switch_yield",
        "fork_exit_wait", "fork_execve_exit_wait", "pipe_write_read_1byte",
        "pipe_pingpong_roundtrip", "epoll_wait_ready", "epoll_pipe_roundtrip",
        "signal_roundtrip", "futex_pingpong_roundtrip", "thread_create_join"]

# Linux 6.1 numbers typed in by hand from an earlier run (a Debian 6.1
# kernel, the same kind of boot; version and date not recorded, and with
# user address-space randomisation on, which moves mmap_touch_munmap_4k
# between about 23k and 39k: see scripts/bench_linux.py): the column when
# BUILD/linux-bench.json is absent.
LINUX_TYPED = {"getpid": 310, "unknown_syscall": 213, "clock_gettime_syscall": 437,
               "clock_gettime_vdso": 64, "mmap_touch_munmap_4k": 38998,
               "pipe_write_read_1byte": 2343, "epoll_wait_ready": 723}


def linux_column(build):
    """({row: text}, footer lines) for the "Linux 6.1" column."""
    path = os.path.join(build, "linux-bench.json")
    if not os.path.exists(path):
        return ({name: str(v) for name, v in LINUX_TYPED.items()},
                ["   Linux 6.1 column: older numbers typed in by hand (scripts/bench.py), not measured now;",
                 "   `make bench-linux` measures them (downloads Debian's kernel package, ~70 MB)"])
    with open(path) as f:
        data = json.load(f)
    kernel = data.get("kernel", {})
    lines = ["   Linux 6.1 column: %s, `make bench-linux` of %s: the same binaries as init"
             % (os.path.relpath(path, ROOT), data.get("measured", "?")),
             "   of Debian's %s %s (%s), QEMU TCG -icount shift=0,"
             % (kernel.get("package", "?"), kernel.get("version", "?"), kernel.get("running") or "?"),
             "   instructions, median of %s boots; Linux's command line: %s"
             % (data.get("runs", "?"), data.get("cmdline", "?"))]
    stale = []
    for prog, info in sorted(data.get("programs", {}).items()):
        binary = os.path.join(build, "bin", prog)
        if os.path.exists(binary) and info.get("sha256"):
            with open(binary, "rb") as f:
                if hashlib.sha256(f.read()).hexdigest() != info["sha256"]:
                    stale.append(prog)
    if stale:
        lines.append("   (measured with other builds of %s than build/bin has now: run `make bench-linux` again)"
                     % ", ".join(stale))
    if data.get("problems"):
        lines.append("   (that run had problems: %s)" % "; ".join(data["problems"]))
    return {name: "%.2f" % v for name, v in data.get("results", {}).items()}, lines


def boot(args, marker, stop_at_marker=False):
    """Run QEMU; return (serial output, seconds until a line matched marker).
    With stop_at_marker, end QEMU there (for a shell that would wait forever)."""
    start = time.time()
    proc = subprocess.Popen(BASE + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    out, first = [], None
    for raw in proc.stdout:
        line = raw.decode(errors="replace").rstrip("\r\n")
        out.append(line)
        if first is None and re.search(marker, line):
            first = time.time() - start
            if stop_at_marker:
                proc.kill()
                break
    proc.wait(timeout=120)
    return "\n".join(out), first


def parse(out):
    bench = dict((m.group(1), float(m.group(2)))
                 for m in re.finditer(r"^BENCH (\S+)\s+([\d.]+) cycles/call", out, re.M))
    m = re.search(r"kernel entry to init in ([\d.]+) ms", out)
    return bench, float(m.group(1)) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    build = os.path.abspath(ap.parse_args().build)
    kernel = ["-kernel", os.path.join(build, "kernel.elf"), "-initrd",
              os.path.join(build, "test-initrd.cpio"), "-append", "init=/bin/bench"]
    icount_out, _ = boot(kernel + ["-icount", "shift=0"], r"^bench:")
    tcg_out, kernel_start = boot(kernel, r"^bench:")
    iso = os.path.join(build, "bench.iso")
    subprocess.run(["sh", os.path.join(ROOT, "scripts", "mkiso.sh"), iso,
                    os.path.join(build, "kernel.elf"), os.path.join(build, "test-initrd.cpio"),
                    "init=/bin/bench"], check=True)
    grub_out, grub_start = boot(["-cdrom", iso], r"^bench:")
    for prog in ("clockbench", "epoll-bench"):
        extra = ["-kernel", os.path.join(build, "kernel.elf"), "-initrd",
                 os.path.join(build, "test-initrd.cpio"), "-append", "init=/bin/" + prog]
        icount_out += "\n" + boot(extra + ["-icount", "shift=0"], r"^$")[0]
        tcg_out += "\n" + boot(extra, r"^$")[0]
    icount, icount_boot = parse(icount_out)
    tcg, tcg_boot = parse(tcg_out)
    if not icount or not tcg:
        print(icount_out + "\n" + tcg_out)
        sys.exit("bench: no BENCH lines in the output")

    print("Costs, median per operation (bench.c: 101 samples; touch_64mib_total is one run)")
    print("%-24s %18s %16s %14s" % ("", "instructions", "TSC cycles", "Linux 6.1"))
    linux, linux_notes = linux_column(build)
    for name in ROWS:
        print("%-24s %18.2f %16.2f %14s" % (name, icount.get(name, 0), tcg.get(name, 0),
                                            linux.get(name, "")))
    print("  (instructions: QEMU TCG -icount shift=0, exact; cycles: TCG without icount, noisy;")
    print("\n".join(linux_notes) + ")")
    ratio = icount["getpid"] / icount["unknown_syscall"]
    print("getpid / unknown-syscall floor: %.2f (target <= 1.3)" % ratio)
    if "clock_gettime_vdso" in icount:
        print("clock_gettime: vDSO / syscall = %.2f (target <= 0.5)"
              % (icount["clock_gettime_vdso"] / icount["clock_gettime_syscall"]))
    print("Boot: kernel entry -> init: %.1f ms (icount), %.1f ms (TCG); target <= 50 ms"
          % (icount_boot or -1, tcg_boot or -1))
    print("Boot: QEMU start -> init's first line: %.2f s with -kernel, %.2f s through SeaBIOS+GRUB"
          % (kernel_start or -1, grub_start or -1))
    shell_out, shell_start = boot(["-kernel", os.path.join(build, "kernel.elf"), "-initrd",
                                   os.path.join(build, "initrd.cpio"), "-append", "init=/bin/sh"],
                                  r"teachos shell", stop_at_marker=True)
    m = re.search(r"kernel entry to init in ([\d.]+) ms", shell_out)
    print("Boot: QEMU start -> shell banner: %.2f s with -kernel (kernel part %s ms)"
          % (shell_start or -1, m.group(1) if m else "?"))
    size = os.path.getsize(os.path.join(build, "kernel.elf"))
    mem = re.search(r"kernel (\d+) KiB", tcg_out)
    print("Kernel image: %d KiB in memory (text+data+bss), build/kernel.elf %d KiB on disk (with debug info)"
          % (int(mem.group(1)) if mem else -1, size // 1024))


if __name__ == "__main__":
    main()
