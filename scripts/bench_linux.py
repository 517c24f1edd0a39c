#!/usr/bin/env python3
"""bench_linux.py - `make bench-linux`: the same benchmark binaries under Linux.

The "Linux 6.1" column of `make bench`, measured rather than typed in: the
static programs of build/bin (libsys, no libc) boot as init of Debian's
Linux 6.1 kernel in the same QEMU, TCG with -icount shift=0, so that both
columns count guest instructions the same way.

  1. The kernel. `apt-cache depends linux-image-amd64` names the package it
     points to (linux-image-6.1.0-NN-amd64); `apt-get download` fetches that
     .deb into BUILD/linux/ (once: a .deb already there is used as it is, no
     network) and dpkg-deb unpacks its /boot (vmlinuz, config) next to it.
     Nothing is installed on the host, /boot is not touched. The modules
     (400 MB unpacked) are left in the .deb: nothing here needs one (the
     8250 serial console and the initramfs are built in).
  2. The initramfs: a cpio newc archive written here (cpio_archive()) with
     /bin/{bench,exitcode,clockbench,epoll-bench} and /dev/console (char
     5,1), so init starts with the serial console as fd 0, 1 and 2. Python
     writes the device entry: no mknod, no root.
  3. Three boots per program (--runs), rdinit=/bin/NAME, two at a time,
     each under a timeout; per row the median of the three is kept, and
     the range is recorded. When init returns, Linux panics "Attempted to
     kill init! exitcode=0x..." and panic=-1 reboots, which -no-reboot
     turns into QEMU exiting: that line is how we know the program ran to
     its end (status 0). One more boot without `quiet` (init =
     /bin/exitcode) keeps the kernel's log, for its version string and its
     mitigations.

Results: BUILD/linux-bench.json (read by scripts/bench.py for its "Linux
6.1" column), BUILD/linux/*.log (each boot's console), and a table here. A
program that does not end with status 0, or a row of bench.py's table that
no program printed, is reported and makes the exit status 1.

  --package linux-image-6.1.0-NN-amd64   a given package instead of the one
                                         linux-image-amd64 depends on now
"""

import argparse
import concurrent.futures
import datetime
import glob
import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (ROWS: the rows of `make bench`'s table)

QEMU = os.environ.get("QEMU", "qemu-system-x86_64")
# bench.py's machine, with the memory a stock kernel wants (teachos boots in
# 128M; the benchmarks themselves need under 100 MB).
QEMU_ARGS = ["-accel", "tcg", "-cpu", "max", "-m", "512M", "-no-reboot", "-nic", "none",
             "-display", "none", "-serial", "stdio", "-monitor", "none", "-icount", "shift=0"]
# norandmaps: no address-space randomisation in user space (teachos has
# none). With it, where mmap puts a page decides whether its page tables
# must be allocated and freed each time: mmap_touch_munmap_4k measured
# 34.0k or 39.0k instructions depending on the boot, 23.4k without it
# (thread_create_join 99.4k-105k against 89.4k). Everything else is
# Debian's default (KASLR, the mitigations, HZ=250, THP always).
CMDLINE = "console=ttyS0 rdinit=/bin/%s panic=-1 quiet norandmaps"
META = "linux-image-amd64"

# The initramfs's /bin: name -> path in the build directory. bench execs
# /bin/exitcode (fork_execve_exit_wait).
PROGRAMS = {"bench": "bin/bench", "exitcode": "testbin/exitcode",
            "clockbench": "bin/clockbench", "epoll-bench": "bin/epoll-bench"}
# The boots, in bench.py's order: a name printed twice keeps the later
# value (clock_gettime_syscall: bench's and clockbench's, as in bench.py).
BENCHMARKS = ("bench", "clockbench", "epoll-bench")

PANIC = re.compile(r"Kernel panic - not syncing: (.*)")
INIT_EXIT = re.compile(r"Attempted to kill init! exitcode=0x([0-9a-f]+)")
BENCH_LINE = re.compile(r"^BENCH (\S+)\s+([\d.]+) cycles/call", re.M)
# From the panic's register dump: "... Comm: bench Not tainted 6.1.0-57-amd64 #1  Debian 6.1.192-3"
RUNNING = re.compile(r"Comm: \S+ (?:Not tainted|Tainted: \S+) (\S+) (#.*)$", re.M)
BOOT_NOTES = re.compile(r"Linux version|Spectre|Meltdown|Mitigation|page tables isolation|"
                        r"clocksource: Switched|tsc: (Detected|Refined)|vulnerab", re.I)


# ---------------------------------------------------------------- initramfs

def cpio_member(name, data=b"", mode=0o100755, ino=0, nlink=1, rdev=(0, 0)):
    """One cpio newc member: "070701", 13 fields of 8 hex digits (ino, mode,
    uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor,
    rdevminor, namesize, check), the name and its NUL padded to 4 bytes,
    the data padded to 4 bytes."""
    name_bytes = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_bytes), 0]
    out = b"070701" + b"".join(b"%08x" % f for f in fields) + name_bytes
    out += b"\0" * (-len(out) % 4)
    out += data
    return out + b"\0" * (-len(out) % 4)


def cpio_archive(files):
    """The initramfs: /dev/console (char 5,1), /bin, and files {name: bytes}
    as /bin/name (mode 0755), then the trailer. Every entry has its own
    inode number: Linux takes equal (ino, dev) with nlink > 1 for hard links."""
    members = [("dev", b"", 0o040755, 2, (0, 0)),
               ("dev/console", b"", 0o020600, 1, (5, 1)),
               ("bin", b"", 0o040755, 2, (0, 0))]
    members += [("bin/" + name, data, 0o100755, 1, (0, 0)) for name, data in sorted(files.items())]
    out = b"".join(cpio_member(name, data, mode, ino, nlink, rdev)
                   for ino, (name, data, mode, nlink, rdev) in enumerate(members, start=1))
    return out + cpio_member("TRAILER!!!", mode=0)


# ---------------------------------------------------------------- the kernel

def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def depended_package():
    """The package linux-image-amd64 depends on (linux-image-6.1.0-NN-amd64), from apt's lists."""
    def lookup():
        out = run(["apt-cache", "depends", META]).stdout
        m = re.search(r"Depends: (linux-image-\S+)", out)
        return m.group(1) if m else None
    name = lookup()
    if name is None and os.geteuid() == 0:       # no package lists yet on a fresh machine
        print("bench-linux: apt-cache knows no %s; running apt-get update" % META, flush=True)
        run(["apt-get", "update", "-qq"])
        name = lookup()
    return name


def get_kernel(cache, package):
    """(vmlinuz path, {package, version, deb}): the .deb from cache or apt-get download,
    its /boot unpacked in cache/PACKAGE_VERSION/."""
    os.makedirs(cache, exist_ok=True)
    if package is None:
        package = depended_package()
        if package is None:
            cached = sorted(glob.glob(os.path.join(cache, "linux-image-*.deb")))
            if not cached:
                sys.exit("bench-linux: apt-cache does not know %s (run apt-get update as root)" % META)
            package = os.path.basename(cached[-1]).split("_")[0]
            print("bench-linux: apt-cache does not know %s; using the cached %s" % (META, cached[-1]))
    debs = sorted(glob.glob(os.path.join(cache, package + "_*.deb")))
    if not debs:
        print("bench-linux: apt-get download %s (into %s)" % (package, cache), flush=True)
        proc = run(["apt-get", "download", package], cwd=cache)
        debs = sorted(glob.glob(os.path.join(cache, package + "_*.deb")))
        if proc.returncode != 0 or not debs:
            sys.exit("bench-linux: apt-get download %s failed:\n%s" % (package, proc.stdout + proc.stderr))
    deb = debs[-1]
    fields = dict(line.split(": ", 1) for line in
                  run(["dpkg-deb", "-f", deb, "Package", "Version"], check=True).stdout.splitlines())
    unpacked = os.path.join(cache, "%s_%s" % (fields["Package"], fields["Version"]))
    vmlinuz = glob.glob(os.path.join(unpacked, "boot", "vmlinuz-*"))
    if not vmlinuz:
        print("bench-linux: unpacking /boot of %s" % os.path.basename(deb), flush=True)
        os.makedirs(unpacked + ".tmp", exist_ok=True)
        subprocess.run("dpkg-deb --fsys-tarfile '%s' | tar -x -C '%s' ./boot" % (deb, unpacked + ".tmp"),
                       shell=True, check=True)
        os.rename(unpacked + ".tmp", unpacked)
        vmlinuz = glob.glob(os.path.join(unpacked, "boot", "vmlinuz-*"))
    return vmlinuz[0], {"package": fields["Package"], "version": fields["Version"],
                        "deb": os.path.basename(deb)}


# ---------------------------------------------------------------- boots

def boot(vmlinuz, initrd, program, timeout, quiet=True):
    """Boot with init = /bin/program; return (console output, QEMU status or a
    "timeout" string, seconds)."""
    append = CMDLINE % program if quiet else (CMDLINE % program).replace(" quiet", "")
    cmd = [QEMU] + QEMU_ARGS + ["-kernel", vmlinuz, "-initrd", initrd, "-append", append]
    start = time.time()
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        out, status = proc.stdout + proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as e:
        out, status = (e.stdout or b"") + (e.stderr or b""), "timeout after %d s" % timeout
    return out.decode(errors="replace").replace("\r", ""), status, time.time() - start


def parse_run(out, status):
    """What one boot says: {results, exit, problems, running}. The program ran to its
    end when Linux reports init's exit with status 0."""
    results = {m.group(1): float(m.group(2)) for m in BENCH_LINE.finditer(out)}
    problems, exit_status = [], None
    panic = PANIC.search(out)
    init_exit = INIT_EXIT.search(out)
    if init_exit:
        wstatus = int(init_exit.group(1), 16)
        exit_status = wstatus >> 8
        if wstatus & 0x7f:
            problems.append("init was killed by signal %d" % (wstatus & 0x7f))
        elif exit_status != 0:
            problems.append("init exited with status %d" % exit_status)
    elif panic:
        problems.append("kernel panic: " + panic.group(1).strip())
    else:
        problems.append("no 'Attempted to kill init' line: the program did not end")
    for m in re.finditer(r"^.*(Failed to execute|No working init|BUG:|Oops|"
                         r"segfault|traps:).*$", out, re.M):
        problems.append("console: " + m.group(0).strip())
    if isinstance(status, str):                  # the timeout
        problems.append(status)
    elif status != 0:
        problems.append("QEMU exited with status %s" % status)
    if not results:
        problems.append("no BENCH lines")
    running = RUNNING.search(out)
    return {"results": results, "exit": exit_status, "problems": problems,
            "running": " ".join(running.group(0).split()[4:]) if running else None}


def combine(boots):
    """One program's boots -> {results: the median over boots per name, range:
    [min, max] per name, problems, boots}. A name that some boot did not print
    is a problem of that boot (its BENCH lines stop short)."""
    names = sorted(set().union(*(b["results"] for b in boots)))
    problems = []
    for i, b in enumerate(boots, start=1):
        problems += ["boot %d: %s" % (i, p) for p in b["problems"]]
        problems += ["boot %d: no BENCH %s" % (i, n) for n in names if n not in b["results"]]
    values = {n: sorted(b["results"][n] for b in boots if n in b["results"]) for n in names}
    return {"results": {n: round(statistics.median(v), 2) for n, v in values.items()},
            "range": {n: [v[0], v[-1]] for n, v in values.items()},
            "problems": problems, "boots": boots}


def merge(programs):
    """One value per name, in BENCHMARKS order (a later program wins, as in bench.py)."""
    merged = {}
    for name in BENCHMARKS:
        merged.update(programs.get(name, {}).get("results", {}))
    return merged


def missing_rows(merged, rows):
    return [row for row in rows if row not in merged]


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def git_commit():
    proc = run(["git", "-C", ROOT, "describe", "--always", "--dirty", "--abbrev=12"])
    return proc.stdout.strip() or None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--package", default=os.environ.get("LINUX_PACKAGE") or None,
                    help="linux-image-... package (default: what %s depends on)" % META)
    ap.add_argument("--runs", type=int, default=3, help="boots per program (default 3): the median is kept")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per boot (default 600)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="boots at once")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    started = time.time()

    paths = {name: os.path.join(build, rel) for name, rel in PROGRAMS.items()}
    absent = [p for p in paths.values() if not os.path.exists(p)]
    if absent:
        sys.exit("bench-linux: missing %s (make bench-linux builds them)" % ", ".join(absent))
    cache = os.path.join(build, "linux")
    vmlinuz, kernel = get_kernel(cache, args.package)
    initrd = os.path.join(cache, "bench-initramfs.cpio")
    files = {}
    for name, path in paths.items():
        with open(path, "rb") as f:
            files[name] = f.read()
    with open(initrd + ".tmp", "wb") as f:
        f.write(cpio_archive(files))
    os.replace(initrd + ".tmp", initrd)
    print("bench-linux: %s %s (%s), QEMU TCG -icount shift=0, %d boot(s) per program, %d at a time"
          % (kernel["package"], kernel["version"], os.path.relpath(vmlinuz, ROOT), args.runs, args.jobs),
          flush=True)

    # (program, boot number, quiet): round by round, the kernel log last.
    boots = [(name, i, True) for i in range(1, args.runs + 1) for name in BENCHMARKS]
    boots.append(("exitcode", 1, False))
    outputs = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(boot, vmlinuz, initrd, name, args.timeout, quiet): (name, i)
                   for name, i, quiet in boots}
        for f in concurrent.futures.as_completed(futures):
            name, i = futures[f]
            out, status, seconds = f.result()
            with open(os.path.join(cache, "%s-%d.log" % (name, i)), "w") as log:
                log.write(out)
            outputs[name, i] = (out, status, seconds)
            print("  %-12s boot %d: %5.1f s%s" % (name, i, seconds,
                                                 "" if status == 0 else ", QEMU status %s" % status),
                  flush=True)

    programs = {}
    for name in BENCHMARKS:
        parsed = []
        for i in range(1, args.runs + 1):
            out, status, seconds = outputs[name, i]
            parsed.append(dict(parse_run(out, status), seconds=round(seconds, 1)))
        programs[name] = dict(combine(parsed), sha256=sha256(paths[name]))
    info_out, info_status, _ = outputs["exitcode", 1]
    info = parse_run(info_out, info_status)
    notes = [re.sub(r"^\[[\s\d.]+\]\s*", "", line) for line in info_out.splitlines()
             if BOOT_NOTES.search(line)]
    version_line = next((n for n in notes if n.startswith("Linux version")), None)
    kernel["running"] = next((b["running"] for p in programs.values() for b in p["boots"] if b["running"]),
                             info["running"])
    kernel["linux_version"] = version_line

    merged = merge(programs)
    missing = missing_rows(merged, bench.ROWS)
    problems = ["%s: %s" % (name, p) for name in BENCHMARKS for p in programs[name]["problems"]]
    problems += ["exitcode (the boot for the kernel log): " + p
                 for p in info["problems"] if p != "no BENCH lines"]
    problems += ["row %s: no program printed it on Linux" % row for row in missing]
    result = {
        "what": "instructions per operation: the median over boots of each program's median; "
                "the teachos benchmark binaries as init of Debian's Linux kernel, QEMU TCG -icount shift=0",
        "measured": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "make bench-linux",
        "kernel": kernel,
        "qemu": run([QEMU, "--version"]).stdout.splitlines()[0],
        "qemu_args": QEMU_ARGS,
        "cmdline": CMDLINE % "NAME",
        "runs": args.runs,
        "commit": git_commit(),
        "programs": programs,
        "results": merged,
        "missing": missing,
        "problems": problems,
        "boot_notes": notes,
    }
    out_path = os.path.join(build, "linux-bench.json")
    with open(out_path + ".tmp", "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(out_path + ".tmp", out_path)

    print("Linux: %s" % (version_line or kernel["running"] or "?"))
    print("%-26s %16s %30s  %s" % ("", "instructions", "min - max over boots", "program"))
    origin = {}
    for name in BENCHMARKS:
        for row in programs[name]["results"]:
            origin[row] = name
    for row in bench.ROWS + sorted(set(merged) - set(bench.ROWS)):
        if row in merged:
            low, high = programs[origin[row]]["range"][row]
            print("%-26s %16.2f %30s  %s" % (row, merged[row], "%.2f - %.2f" % (low, high), origin[row]))
        else:
            print("%-26s %16s" % (row, "MISSING"))
    print("  (median per operation; QEMU TCG -icount shift=0: the guest TSC counts instructions;"
          "\n   kernel command line: %s)" % (CMDLINE % "NAME"))
    for line in notes:
        if not line.startswith("Linux version"):
            print("  boot: " + line)
    print("Wrote %s (each boot's console: %s/NAME-N.log) in %.0f s"
          % (os.path.relpath(out_path, ROOT), os.path.relpath(cache, ROOT), time.time() - started))
    if problems:
        print("bench-linux: FAILED:\n  " + "\n  ".join(problems))
        for (name, i), (out, status, _) in sorted(outputs.items()):
            if name in programs and programs[name]["boots"][i - 1]["problems"]:
                print("--- %s, boot %d: last 20 console lines ---\n%s"
                      % (name, i, "\n".join(out.splitlines()[-20:])))
        sys.exit(1)


if __name__ == "__main__":
    main()
