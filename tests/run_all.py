#!/usr/bin/env python3
"""run_all.py - everything `make test` runs, with one summary line at the end.

Stages:
  host  cmocka unit tests (tests/host/): pure kernel code on the host, the
        host fuzzers (tests/fuzz/: a short run of each), and the Python
        unit tests of scripts/ (tests/scripts/)
  qemu  boot scenarios (tests/qemu/cases.py): headless QEMU, serial captured
  oracle  the Linux side of the real-program cases (tests/qemu/cases_real.py),
          run now on the host: deterministic output, the same regexes hold
  gdb   a GDB session against QEMU's stub (tests/gdb/)

--pending runs the real-program cases the kernel cannot pass yet
(cases_real.PENDING_REAL_PROGRAMS): all of them, or those named.

Every QEMU run has a timeout. Output: one "PASS name" or "FAIL name" line
per test, context for each failure, then "N passed, N failed".
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "qemu"))
sys.path.insert(0, os.path.join(ROOT, "tests", "gdb"))

import cases as qemu_cases  # noqa: E402
import cases_real  # noqa: E402
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


# libFuzzer's progress lines ("#1024 NEW cov: ...") say nothing about a crash.
FUZZ_PROGRESS = re.compile(r"^#\d+\s|^\tNEW_FUNC")


def run_fuzz(build, results):
    """The host fuzzers (tests/fuzz/, clang + libFuzzer + ASan/UBSan): build
    them, then run each briefly (`make -C tests/fuzz check-NAME`: its whole
    committed corpus, then a few seconds of new inputs). One result per
    fuzzer, host:fuzz:NAME, with libFuzzer's report when it found a crash.
    No clang is a failure, not a skip: scripts/deps.sh test installs it."""
    make = ["make", "-s", "--no-print-directory", "-C", os.path.join(ROOT, "tests", "fuzz"),
            "BUILD=" + os.path.join(build, "fuzz")]
    built = subprocess.run(make + ["all"], capture_output=True, text=True)
    if built.returncode != 0:
        hint = ""
        if shutil.which(os.environ.get("FUZZ_CC", "clang")) is None:
            hint = "\nclang is not installed: sh scripts/deps.sh test installs clang and libclang-rt-dev"
        results.record("host:fuzz:build", False, built.stdout + built.stderr + hint)
        return
    names = subprocess.run(make + ["list"], capture_output=True, text=True).stdout.split()
    for name in names:
        try:
            proc = subprocess.run(make + ["check-" + name], capture_output=True, text=True,
                                  timeout=10 * TIMEOUT)
            out, ok = proc.stdout + proc.stderr, proc.returncode == 0
        except subprocess.TimeoutExpired as e:
            out, ok = str(e.stdout or "") + str(e.stderr or "") + "\ntimed out", False
        lines = [l for l in out.splitlines() if not FUZZ_PROGRESS.match(l)]
        results.record("host:fuzz:" + name, ok, "" if ok else "\n".join(lines[-80:]))


def run_script_tests(results):
    """The Python unit tests of scripts/ (tests/scripts/test_*.py, unittest):
    one result per test, named host:scripts:MODULE.CLASS.TEST."""
    import unittest
    here = os.path.join(ROOT, "tests", "scripts")
    suite = unittest.TestLoader().discover(here, pattern="test_*.py", top_level_dir=here)

    def flatten(s):
        for t in s:
            yield from flatten(t) if isinstance(t, unittest.TestSuite) else [t]
    for test in flatten(suite):
        outcome = unittest.TestResult()
        test.run(outcome)
        if outcome.skipped:
            print("SKIP host:scripts:%s (%s)" % (test.id(), outcome.skipped[0][1]), flush=True)
            continue
        failures = outcome.errors + outcome.failures
        results.record("host:scripts:" + test.id(), not failures, "\n".join(f[1] for f in failures))


# ---------------------------------------------------------------- qemu stage

def qemu_command(case, build, kernel_iso=None, initrd_path=None, monitor_socket=None):
    cpu = case.get("cpu", "max")
    # A case's "interact" steps may talk to QEMU's monitor (type_steps):
    # it listens on a socket of its own, apart from the serial console.
    monitor = ["unix:%s,server=on,wait=off" % monitor_socket] if monitor_socket else ["none"]
    cmd = [QEMU, "-accel", "tcg", "-cpu", cpu, "-m", case.get("mem", "128M"), "-no-reboot", "-nic", "none",
           "-display", "none", "-serial", "stdio", "-monitor"] + monitor + [
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


MONITOR_PREFIX = "monitor:"
MONITOR_USER_PREFIX = "monitor-in-user:"


def type_steps(steps, chunks, lock, send, alive, deadline, monitor=None):
    """For each (regex, text) step, wait until the output so far matches
    regex (after the previous match), then type text, a key at a time.
    A text "monitor:CMD" goes to QEMU's monitor instead: "monitor:nmi"
    injects an NMI; "monitor-in-user:CMD" waits until the CPU is in ring 3
    (Monitor.command_in_user_mode)."""
    pos = 0
    for rx, text in steps:
        while True:
            with lock:
                out = "".join(chunks)
            m = re.compile(rx, re.M).search(out, pos)
            if m:
                pos = m.end()
                wait_until_quiet(chunks, lock, deadline)
                break
            if time.time() > deadline or not alive():
                raise TimeoutError("waiting for %r" % rx)
            time.sleep(0.02)
        if text.startswith(MONITOR_PREFIX):
            monitor.command(text[len(MONITOR_PREFIX):])
            continue
        if text.startswith(MONITOR_USER_PREFIX):
            monitor.command_in_user_mode(text[len(MONITOR_USER_PREFIX):])
            continue
        for ch in text:
            send(ch.encode())
            time.sleep(0.002)


class Monitor:
    """QEMU's human monitor on a unix socket, one connection for the run:
    command() sends a line and returns once the next "(qemu)" prompt says
    it has been carried out."""

    def __init__(self, socket_path, deadline):
        self.path, self.deadline, self.sock = socket_path, deadline, None

    def read_prompt(self):
        seen = b""
        while not seen.endswith(b"(qemu) "):
            data = self.sock.recv(4096)
            if not data:
                break                # QEMU has exited (a panic may end it)
            seen += data
        return seen.decode(errors="replace")

    def command_in_user_mode(self, line):
        """Carry out line while the guest's CPU is in ring 3: stop it, look
        at CS, go on a little if it is in the kernel (a timer tick, say),
        and try again. For events whose outcome depends on the ring they
        hit - a machine check kills a program but panics the kernel."""
        for _ in range(200):
            self.command("stop")
            if re.search(r"^CS =0033 ", self.command("info registers"), re.M):
                self.command(line)
                self.command("cont")
                return
            self.command("cont")
            time.sleep(0.01)
        raise TimeoutError("the guest never ran in ring 3")

    def command(self, line):
        import socket
        if self.sock is None:
            while not os.path.exists(self.path) and time.time() < self.deadline:
                time.sleep(0.02)
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.settimeout(10)
            self.sock.connect(self.path)
            self.read_prompt()       # the banner and the first prompt
        self.sock.sendall(line.encode() + b"\n")
        return self.read_prompt()

    def close(self):
        if self.sock is not None:
            self.sock.close()


def run_interactive(cmd, steps, timeout, monitor_socket=None):
    """Drive QEMU's serial console like a person at a terminal (type_steps).
    Returns (output, exit status)."""
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
    deadline = time.time() + timeout

    def send(data):
        proc.stdin.write(data)
        proc.stdin.flush()
    monitor = Monitor(monitor_socket, deadline)
    try:
        type_steps(steps, chunks, lock, send, lambda: proc.poll() is None, deadline, monitor)
        status = proc.wait(timeout=max(1, deadline - time.time()))
    except (TimeoutError, OSError, subprocess.TimeoutExpired) as e:
        proc.kill()
        proc.wait()
        status = "interaction failed: %s" % e
    monitor.close()
    thread.join(timeout=2)
    with lock:
        return "".join(chunks), status


def run_interactive_pty(argv, steps, timeout, cwd, env):
    """The same steps typed on a pseudo-terminal on the host: the program is
    a session leader whose controlling terminal is the pty, so ^C typed
    there is SIGINT for it, as on the guest's console."""
    import pty
    import threading
    master, slave = pty.openpty()
    # A new session (setsid), then TIOCSCTTY in a small exec wrapper rather
    # than in preexec_fn, which is unsafe with the runner's threads.
    take_tty = ("import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
                "os.execv(sys.argv[1], sys.argv[1:])")
    proc = subprocess.Popen([sys.executable, "-c", take_tty] + argv, stdin=slave, stdout=slave,
                            stderr=slave, cwd=cwd, env=env, start_new_session=True)
    os.close(slave)
    chunks, lock = [], threading.Lock()

    def reader():
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:            # EIO: the program and its children are gone
                return
            if not data:
                return
            with lock:
                chunks.append(data.decode(errors="replace"))
    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    deadline = time.time() + timeout
    try:
        type_steps(steps, chunks, lock, lambda data: os.write(master, data),
                   lambda: proc.poll() is None, deadline)
        status = proc.wait(timeout=max(1, deadline - time.time()))
    except (TimeoutError, subprocess.TimeoutExpired) as e:
        proc.kill()
        proc.wait()
        status = "interaction failed: %s" % e
    thread.join(timeout=2)
    os.close(master)
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
    monitor_socket = os.path.join(tmpdir, case["name"] + ".monitor") if case.get("monitor") else None
    cmd = qemu_command(case, build, iso, initrd_path, monitor_socket)
    start = time.time()
    if "interact" in case:
        out, status = run_interactive(cmd, case["interact"], case.get("timeout", TIMEOUT),
                                      monitor_socket)
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
    if "host_compare" in case:       # the diff helps most when something else failed too
        problems += compare_with_host(case["host_compare"], out, build, tmpdir)
    if "strace_compare" in case and not problems:
        problems = compare_with_strace(case["strace_compare"], out, build)
    detail = ""
    if problems:
        tail = "\n".join(out.splitlines()[-30:])
        detail = "\n".join(problems) + "\ncommand: " + " ".join(cmd) + "\n--- serial (last 30 lines) ---\n" + tail
    return case["name"], not problems, detail, time.time() - start


HOST_ENV = {"HOME": "/", "PATH": "/bin", "TERM": "linux"}   # what the kernel gives init


def host_workdir(spec, tmpdir, name):
    """A directory holding spec["files"] (relative paths), the program's cwd."""
    workdir = os.path.join(tmpdir, "host-" + name)
    os.makedirs(workdir, exist_ok=True)
    for rel, content in spec.get("files", {}).items():
        path = os.path.join(workdir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(content)
    return workdir


def run_on_host(spec, build, tmpdir):
    """Run spec["binary"] (a static Linux program in build/) on the host, with
    the environment the kernel gives init. stdout and stderr share one pipe,
    as both share the guest's console. spec["stdin"]: None for /dev/null,
    "open" for an empty pipe that stays open (a console nobody types on),
    or text to feed. Returns (output, exit status)."""
    workdir = host_workdir(spec, tmpdir, os.path.basename(spec["binary"]))
    stdin = spec.get("stdin")
    proc = subprocess.Popen([os.path.join(build, spec["binary"])] + spec.get("args", []),
                            cwd=workdir, env=HOST_ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL if stdin is None else subprocess.PIPE)
    if stdin == "open":
        import threading
        chunks = []
        thread = threading.Thread(target=lambda: chunks.append(proc.stdout.read()), daemon=True)
        thread.start()
        try:
            status = proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            status = "timeout after %ss" % TIMEOUT
            proc.wait()
        thread.join(timeout=5)
        proc.stdin.close()
        out = b"".join(chunks)
    else:
        try:
            out = proc.communicate(input=None if stdin is None else stdin.encode(), timeout=TIMEOUT)[0]
            status = proc.returncode
        except subprocess.TimeoutExpired:
            proc.kill()
            out, status = proc.communicate()[0], "timeout after %ss" % TIMEOUT
    return out.decode(errors="replace"), status


def guest_program_lines(guest_out):
    """The program's lines on the guest's console: between the kernel's
    "starting" line and its "syscall returns" line."""
    lines = guest_out.replace("\r", "").splitlines()
    start = next((i for i, l in enumerate(lines) if re.search(r"^boot: .*starting", l)), -1)
    end = next((i for i, l in enumerate(lines) if l.startswith("syscall returns:")), len(lines))
    return lines[start + 1:end]


def compare_with_host(spec, guest_out, build, tmpdir):
    """Run the same static Linux binary on the host (Linux is the oracle) and
    compare its output with the guest's, line by line, except lines matching
    spec["ignore"]; spec["status"], when given, is the host's exit status."""
    host_out, status = run_on_host(spec, build, tmpdir)
    ignore = re.compile(spec.get("ignore", r"^$"))
    guest = [l for l in guest_program_lines(guest_out) if not ignore.search(l)]
    wanted = [l for l in host_out.splitlines() if not ignore.search(l)]
    problems = []
    if "status" in spec and status != spec["status"]:
        problems.append("on the host it exited with status %s, expected %s" % (status, spec["status"]))
    if guest != wanted:
        import difflib
        diff = "\n".join(difflib.unified_diff(wanted, guest, "linux (host)", "teachos", lineterm=""))
        problems.append("guest output differs from the same binary on Linux:\n" + diff)
    return problems


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


def run_qemu(build, results, only_names=None, pending=False):
    fixture_paths = fixtures.write_fixtures(build)
    pool_cases = cases_real.PENDING_CASES if pending else qemu_cases.CASES
    selected = [c for c in pool_cases if not only_names or c["name"] in only_names]
    for name in sorted(set(only_names or ()) - {c["name"] for c in pool_cases} if pending else ()):
        results.record("qemu:" + name, False, "no such pending case (see tests/qemu/cases_real.py)")
    with tempfile.TemporaryDirectory() as tmpdir, \
            concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = [pool.submit(run_qemu_case, c, build, fixture_paths, tmpdir) for c in selected]
        for f in futures:
            name, ok, detail, _ = f.result()
            if pending:
                detail += "\n(pending: needs %s)" % cases_real.PENDING_REAL_PROGRAMS[name]
            results.record("qemu:" + name, ok, detail)


# ---------------------------------------------------------------- oracle stage

def oracle_host_compare(case, build, tmpdir, runs):
    """Linux's side of a host_compare case: the program's output must be the
    same run after run, must match the case's expect regexes, and must pass
    compare_with_host when it plays the guest (the same code path that will
    judge the kernel)."""
    spec = case["host_compare"]
    out, status = run_on_host(spec, build, tmpdir)
    fake_guest = ("boot: kernel entry to init in 0.000 ms; starting %s (pid 1)\n%s\n"
                  "syscall returns: 0 via sysret, 0 via iret, 0 refused (non-canonical)\n"
                  % (spec["binary"], out.rstrip("\n")))
    problems = check_output(dict(expect=case.get("expect", []), forbid=case.get("forbid", [])),
                            out, None)
    if "status" in spec and status != spec["status"]:
        problems.append("exit status %s, expected %s" % (status, spec["status"]))
    for _ in range(runs):
        if problems:
            break
        problems = compare_with_host(spec, fake_guest, build, tmpdir)
    return problems, out


def oracle_host_strace(case, build, tmpdir):
    """Real strace -f on the host must match the regexes the kernel's strace
    will be held to."""
    if subprocess.run(["which", "strace"], capture_output=True).returncode != 0:
        return ["strace is not installed on the host (apt-get install strace)"], ""
    import shutil
    spec = case["host_strace"]
    # strace cuts strings at 32 characters (-s 32), the program's path in
    # execve's line too: run a copy from a short path, wherever the checkout is.
    short = tempfile.mkdtemp(prefix="o", dir="/tmp")
    try:
        binary = shutil.copy2(os.path.join(build, spec["binary"]), short)
        proc = subprocess.run(["strace", "-f", binary] + spec.get("args", []),
                              capture_output=True, text=True, timeout=TIMEOUT, env=HOST_ENV,
                              cwd=host_workdir(spec, tmpdir, case["name"]), stdin=subprocess.DEVNULL)
    finally:
        shutil.rmtree(short)
    out = proc.stderr
    return check_output(dict(expect=case.get("expect", [])), out, None), out


def oracle_host_interact(case, build, tmpdir):
    spec = case["host_interact"]
    argv = [os.path.join(build, spec["argv"][0])] + spec["argv"][1:]
    out, status = run_interactive_pty(argv, spec["steps"], case.get("timeout", TIMEOUT),
                                      host_workdir(spec, tmpdir, case["name"]), HOST_ENV)
    problems = check_output(dict(expect=spec.get("expect", [])), out, None)
    if status != spec.get("status", 0):
        problems.append("exit status %s, expected %s" % (status, spec.get("status", 0)))
    return problems, out


def oracle_case(case, build, runs):
    with tempfile.TemporaryDirectory() as tmpdir:
        problems, out = [], ""
        for key, check in (("host_compare", lambda: oracle_host_compare(case, build, tmpdir, runs)),
                           ("host_strace", lambda: oracle_host_strace(case, build, tmpdir)),
                           ("host_interact", lambda: oracle_host_interact(case, build, tmpdir))):
            if key in case and not problems:
                problems, out = check()
    detail = ""
    if problems:
        tail = "\n".join(out.replace("\r", "").splitlines()[-30:])
        detail = "\n".join(problems) + "\n--- on the host (last 30 lines) ---\n" + tail
    return case["name"], not problems, detail


def oracle_diff_is_clear(build):
    """The comparison must fail, with a diff naming the line, when the guest
    prints something else: feed it a doctored copy of the host's output."""
    case = next(c for c in cases_real.REAL_PROGRAMS if c["name"] == "musl_pthreads")
    spec = case["host_compare"]
    with tempfile.TemporaryDirectory() as tmpdir:
        out, _ = run_on_host(spec, build, tmpdir)
        doctored = out.replace("increments = 40000", "increments = 39999")
        fake = "boot: starting /bin/pthreads\n%s\nsyscall returns: 0\n" % doctored
        problems = compare_with_host(spec, fake, build, tmpdir)
    text = "\n".join(problems)
    ok = ("-mutex: 4 threads x 10000 increments = 40000" in text and
          "+mutex: 4 threads x 10000 increments = 39999" in text)
    return "compare_shows_a_diff", ok, "" if ok else "no clear diff:\n" + text


def run_oracle(build, results, only_names=None, runs=1):
    selected = [c for c in cases_real.REAL_PROGRAMS if not only_names or c["name"] in only_names]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = [pool.submit(oracle_case, c, build, runs) for c in selected]
        if not only_names:
            futures.append(pool.submit(oracle_diff_is_clear, build))
        for f in futures:
            name, ok, detail = f.result()
            results.record("oracle:" + name, ok, detail)


# ---------------------------------------------------------------- gdb stage

def run_gdb(build, results):
    import gdb_test
    for name, ok, detail in gdb_test.run(ROOT, build, QEMU):
        results.record("gdb:" + name, ok, detail)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--only", choices=["host", "qemu", "oracle", "gdb"])
    ap.add_argument("--pending", action="store_true",
                    help="run the pending real-program cases (tests/qemu/cases_real.py) in QEMU")
    ap.add_argument("--oracle-runs", type=int, default=1, metavar="N",
                    help="oracle stage: compare each host run with N more (default 1)")
    ap.add_argument("cases", nargs="*", help="QEMU case names to run (default: all)")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    results = Results()
    start = time.time()
    if args.pending:                 # only the pending cases, in QEMU
        run_qemu(build, results, set(args.cases), pending=True)
    else:
        if args.only in (None, "host"):
            run_host(build, results)
            run_fuzz(build, results)
            run_script_tests(results)
        if args.only in (None, "qemu"):
            run_qemu(build, results, set(args.cases))
        if args.only in (None, "oracle"):
            run_oracle(build, results, set(args.cases), args.oracle_runs)
        if args.only in (None, "gdb"):
            run_gdb(build, results)
    print("(%.1f s)" % (time.time() - start))
    if results.failed:
        print("Failed: " + ", ".join(results.failed))
    print("%d passed, %d failed" % (len(results.passed), len(results.failed)))
    sys.exit(1 if results.failed or not results.passed else 0)


if __name__ == "__main__":
    main()
