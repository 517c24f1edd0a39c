#!/usr/bin/env python3
"""run_all.py - everything `make test` runs, with one summary line at the end.

Stages:
  host  cmocka unit tests (tests/host/): pure kernel code on the host
  qemu  boot scenarios (tests/qemu/cases.py): headless QEMU, serial captured
  gdb   a GDB session against QEMU's stub (tests/gdb/)

Every QEMU run has a timeout. Output: one "PASS name" or "FAIL name" line
per test, context for each failure, then "N passed, N failed".
"""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "qemu"))
sys.path.insert(0, os.path.join(ROOT, "tests", "gdb"))

import cases as qemu_cases  # noqa: E402
import fixtures  # noqa: E402

QEMU = os.environ.get("QEMU", "qemu-system-x86_64")
TIMEOUT = 60


class Results:
    def __init__(self):
        self.passed = []
        self.failed = []

    def record(self, name, ok, detail=""):
        (self.passed if ok else self.failed).append(name)
        print("%s %s" % ("PASS" if ok else "FAIL", name), flush=True)
        if not ok and detail:
            print("\n".join("    | " + line for line in detail.rstrip().splitlines()), flush=True)


# ---------------------------------------------------------------- host stage

CMOCKA_RUN = re.compile(r"^\[ RUN      \] (\S+)")
CMOCKA_OK = re.compile(r"^\[       OK \] (\S+)")


def run_host(build, results):
    """Build tests/host and run each binary; one result per cmocka test (from its RUN/OK lines)."""
    host_build = os.path.join(build, "host")
    make = subprocess.run(["make", "-s", "-C", os.path.join(ROOT, "tests", "host"),
                           "BUILD=" + host_build, "all"], capture_output=True, text=True)
    if make.returncode != 0:
        results.record("host:build", False, make.stdout + make.stderr)
        return
    for exe in sorted(os.listdir(host_build)):
        path = os.path.join(host_build, exe)
        if not exe.startswith("test_") or not os.access(path, os.X_OK) or os.path.isdir(path):
            continue
        try:
            proc = subprocess.run([path], capture_output=True, text=True, timeout=TIMEOUT)
            out, code = proc.stdout + proc.stderr, proc.returncode
        except subprocess.TimeoutExpired as e:
            out, code = str(e.stdout or "") + "\ntimed out", -1
        lines = out.splitlines()
        started = [m.group(1) for m in map(CMOCKA_RUN.match, lines) if m]
        passed = {m.group(1) for m in map(CMOCKA_OK.match, lines) if m}
        for name in started:
            results.record("host:%s:%s" % (exe, name), name in passed,
                           "" if name in passed else out)
        if not started or (code != 0 and all(n in passed for n in started)):
            results.record("host:" + exe, False, out or "no cmocka output")


# ---------------------------------------------------------------- qemu stage

def qemu_command(case, build, kernel_iso=None, initrd_path=None):
    cpu = case.get("cpu", "max")
    cmd = [QEMU, "-accel", "tcg", "-cpu", cpu, "-m", case.get("mem", "128M"), "-no-reboot", "-nic", "none",
           "-display", "none", "-serial", "stdio", "-monitor", "none",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if kernel_iso:
        cmd += ["-cdrom", kernel_iso]
    else:
        cmd += ["-kernel", os.path.join(build, "kernel.elf"), "-append", case.get("append", "")]
        if initrd_path:
            cmd += ["-initrd", initrd_path]
    return cmd + case.get("qemu", [])


def check_output(case, out, status):
    """Return a list of problems (empty = pass)."""
    lines = [line.rstrip("\r") for line in out.splitlines()]
    problems = []
    pos = 0
    for rx in case.get("expect", []):
        for i in range(pos, len(lines)):
            if re.search(rx, lines[i]):
                pos = i + 1
                break
        else:
            problems.append("expected (in order) a line matching: " + rx)
    for rx in case.get("forbid", []):
        for line in lines:
            if re.search(rx, line):
                problems.append("forbidden line: " + line)
    nonempty = [line for line in lines if line.strip()]
    if "last" in case:
        last = nonempty[-1] if nonempty else ""
        if not re.search(case["last"], last):
            problems.append("last line %r does not match %s" % (last, case["last"]))
    if "exit" in case and status != case["exit"]:
        problems.append("QEMU exit status %s, expected %d" % (status, case["exit"]))
    return problems


def wait_until_quiet(chunks, lock, deadline, quiet=0.05):
    """Wait until no output has come for `quiet` seconds (or the deadline):
    keys typed while a program is still printing would be echoed into the
    middle of its output, as on any terminal."""
    last = None
    while time.time() < deadline:
        with lock:
            size = sum(len(c) for c in chunks)
        if size == last:
            return
        last = size
        time.sleep(quiet)


def run_interactive(cmd, steps, timeout):
    """Drive QEMU's serial console like a person at a terminal: for each
    (regex, text) step, wait until the output so far matches regex (after
    the previous match), then type text. Returns (output, exit status)."""
    import threading
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    chunks, lock = [], threading.Lock()

    def reader():
        for data in iter(lambda: proc.stdout.read1(4096), b""):
            with lock:
                chunks.append(data.decode(errors="replace"))
    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    deadline, pos = time.time() + timeout, 0
    try:
        for rx, text in steps:
            while True:
                with lock:
                    out = "".join(chunks)
                m = re.compile(rx, re.M).search(out, pos)
                if m:
                    pos = m.end()
                    wait_until_quiet(chunks, lock, deadline)
                    break
                if time.time() > deadline or proc.poll() is not None:
                    raise TimeoutError("waiting for %r" % rx)
                time.sleep(0.02)
            for ch in text:                  # type it, a key at a time
                proc.stdin.write(ch.encode())
                proc.stdin.flush()
                time.sleep(0.002)
        status = proc.wait(timeout=max(1, deadline - time.time()))
    except (TimeoutError, subprocess.TimeoutExpired) as e:
        proc.kill()
        proc.wait()
        status = "interaction failed: %s" % e
    thread.join(timeout=2)
    with lock:
        return "".join(chunks), status


def run_qemu_case(case, build, fixture_paths, tmpdir):
    initrd = case.get("initrd", "test")
    initrd_path = None if initrd is None else (
        os.path.join(build, "test-initrd.cpio") if initrd == "test" else fixture_paths[initrd])
    iso = None
    if case.get("boot") == "grub":
        iso = os.path.join(tmpdir, case["name"] + ".iso")
        subprocess.run(["sh", os.path.join(ROOT, "scripts", "mkiso.sh"), iso,
                        os.path.join(build, "kernel.elf"), initrd_path, case.get("append", "")],
                       check=True)
    cmd = qemu_command(case, build, iso, initrd_path)
    start = time.time()
    if "interact" in case:
        out, status = run_interactive(cmd, case["interact"], case.get("timeout", TIMEOUT))
    else:
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=case.get("timeout", TIMEOUT),
                                  stdin=subprocess.DEVNULL)
            out = proc.stdout.decode(errors="replace") + proc.stderr.decode(errors="replace")
            status = proc.returncode
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode(errors="replace")
            status = "timeout after %ss" % case.get("timeout", TIMEOUT)
    problems = check_output(case, out, status)
    if "host_compare" in case and not problems:
        problems = compare_with_host(case["host_compare"], out, build, tmpdir)
    if "strace_compare" in case and not problems:
        problems = compare_with_strace(case["strace_compare"], out, build)
    detail = ""
    if problems:
        tail = "\n".join(out.splitlines()[-30:])
        detail = "\n".join(problems) + "\ncommand: " + " ".join(cmd) + "\n--- serial (last 30 lines) ---\n" + tail
    return case["name"], not problems, detail, time.time() - start


def compare_with_host(spec, guest_out, build, tmpdir):
    """Run the same static Linux binary on the host (Linux is the oracle) and
    compare its output with the guest's, line by line, except lines matching
    spec["ignore"]. The guest's lines are those between the kernel's
    "starting" line and its "syscall returns" line."""
    workdir = os.path.join(tmpdir, "host-" + os.path.basename(spec["binary"]))
    for rel, content in spec.get("files", {}).items():
        path = os.path.join(workdir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(content)
    host = subprocess.run([os.path.join(build, spec["binary"])] + spec.get("args", []),
                          cwd=workdir, capture_output=True, text=True, timeout=TIMEOUT,
                          env={"HOME": "/", "PATH": "/bin", "TERM": "linux"})
    lines = guest_out.replace("\r", "").splitlines()
    start = next((i for i, l in enumerate(lines) if re.search(r"^boot: .*starting", l)), -1)
    end = next((i for i, l in enumerate(lines) if l.startswith("syscall returns:")), len(lines))
    ignore = re.compile(spec.get("ignore", r"^$"))
    guest = [l for l in lines[start + 1:end] if not ignore.search(l)]
    wanted = [l for l in host.stdout.splitlines() if not ignore.search(l)]
    if guest == wanted:
        return []
    import difflib
    diff = "\n".join(difflib.unified_diff(wanted, guest, "linux (host)", "teachos", lineterm=""))
    return ["guest output differs from the same binary on Linux:\n" + diff]


STRACE_MASKS = [
    (re.compile(r"0x[0-9a-f]+"), "0xADDR"),               # addresses
    (re.compile(r"^(getpid\(\)\s+= )\d+"), r"\1PID"),     # pids
    (re.compile(r"tv_sec=\d+, tv_nsec=\d+"), "tv_sec=S, tv_nsec=NS"),
]


def normalise_strace(lines):
    out = []
    for line in lines:
        for rx, repl in STRACE_MASKS:
            line = rx.sub(repl, line)
        out.append(line)
    return out


def compare_with_strace(spec, guest_out, build):
    """Real strace (Linux is the oracle) runs the same libc-free binary on the
    host; the kernel's strace runs it in the guest. The lines after execve,
    with addresses, pids and times masked, must be identical."""
    if subprocess.run(["which", "strace"], capture_output=True).returncode != 0:
        return ["strace is not installed on the host (apt-get install strace)"]
    binary = os.path.join(build, spec["binary"])
    host = subprocess.run(["strace", "-s", "32", binary] + spec.get("args", []),
                          capture_output=True, text=True, timeout=TIMEOUT,
                          env={"PATH": "/bin:/usr/bin"})
    host_lines = host.stderr.splitlines()[1:]            # after execve
    lines = [l.rstrip("\r") for l in guest_out.splitlines()]
    start = next((i for i, l in enumerate(lines) if l.startswith("execve(")), None)
    if start is None:
        return ["no execve line in the guest's trace"]
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("+++ ")), len(lines) - 1)
    guest = normalise_strace(lines[start + 1:end + 1])
    wanted = normalise_strace(host_lines)
    if guest == wanted:
        return []
    import difflib
    return ["trace differs from real strace on Linux:\n" + "\n".join(
        difflib.unified_diff(wanted, guest, "strace (linux)", "teachos strace", lineterm=""))]


def run_qemu(build, results, only_names=None):
    fixture_paths = fixtures.write_fixtures(build)
    selected = [c for c in qemu_cases.CASES if not only_names or c["name"] in only_names]
    with tempfile.TemporaryDirectory() as tmpdir, \
            concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = [pool.submit(run_qemu_case, c, build, fixture_paths, tmpdir) for c in selected]
        for f in futures:
            name, ok, detail, _ = f.result()
            results.record("qemu:" + name, ok, detail)


# ---------------------------------------------------------------- gdb stage

def run_gdb(build, results):
    import gdb_test
    for name, ok, detail in gdb_test.run(ROOT, build, QEMU):
        results.record("gdb:" + name, ok, detail)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--only", choices=["host", "qemu", "gdb"])
    ap.add_argument("cases", nargs="*", help="QEMU case names to run (default: all)")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    results = Results()
    start = time.time()
    if args.only in (None, "host"):
        run_host(build, results)
    if args.only in (None, "qemu"):
        run_qemu(build, results, set(args.cases))
    if args.only in (None, "gdb"):
        run_gdb(build, results)
    print("(%.1f s)" % (time.time() - start))
    if results.failed:
        print("Failed: " + ", ".join(results.failed))
    print("%d passed, %d failed" % (len(results.passed), len(results.failed)))
    sys.exit(1 if results.failed or not results.passed else 0)


if __name__ == "__main__":
    main()
