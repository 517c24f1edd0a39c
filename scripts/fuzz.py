#!/usr/bin/env python3
"""fuzz.py - `make fuzz SEED=... CALLS=...`: /bin/sysfuzz, the in-guest
system-call fuzzer, booted as init with a seed and a number of calls.

The verdict is the QEMU test case's (tests/qemu/cases.py: sysfuzz_case):
no panic, no hang (a timeout that grows with CALLS), the fuzzer's PASS line,
init exiting 0. The console is shown as it comes, with control characters
escaped: a fuzzed call may print random bytes, which must not reach the
terminal as escape sequences. The whole log goes to BUILD/fuzz.log.

Replaying a failure (docs/fuzzing.md): the fuzzer prints the child and the
command; --child N makes only child N's calls, --only I,J,... only some of
them, --verbose prints each call before it is made.
"""

import argparse
import os
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, os.path.join(ROOT, "tests", "qemu"))

import cases  # noqa: E402
import run_all  # noqa: E402


def printable(line):
    """The line with every control character but tab shown as \\xNN."""
    return "".join(c if c == "\t" or " " <= c < "\x7f" else "\\x%02x" % ord(c) for c in line)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--calls", type=int, default=100000)
    ap.add_argument("--child", type=int, help="make only this child's calls")
    ap.add_argument("--only", help="with --child: only these of its calls (I,J,...)")
    ap.add_argument("--verbose", action="store_true", help="print each call and its result")
    ap.add_argument("--timeout", type=int, help="seconds (default: 120 + CALLS / 500)")
    args = ap.parse_args()

    options = (["-v"] if args.verbose else []) + \
              (["-child", str(args.child)] if args.child is not None else []) + \
              (["-calls", args.only] if args.only else [])
    timeout = args.timeout or 120 + args.calls // 500
    case = cases.sysfuzz_case(args.seed, args.calls, options, timeout)
    build = os.path.abspath(args.build)
    cmd = run_all.qemu_command(case, build, initrd_path=os.path.join(build, "test-initrd.cpio"))
    log_path = os.path.join(build, "fuzz.log")
    print("fuzz: %s (log: %s, timeout %d s)" % (case["append"], os.path.relpath(log_path), timeout),
          flush=True)

    start = time.time()
    lines = []
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        watchdog = threading.Timer(timeout, proc.kill)    # a hung machine prints nothing more
        watchdog.start()
        for raw in iter(proc.stdout.readline, b""):
            line = raw.decode(errors="replace").rstrip("\r\n")
            lines.append(line)
            log.write(line + "\n")
            print(printable(line), flush=True)
        status = proc.wait()
        if not watchdog.is_alive():
            status = "timeout after %ss" % timeout
        watchdog.cancel()

    problems = run_all.check_output(case, "\n".join(lines), status)
    if problems:
        print("fuzz: FAIL after %.0f s:\n  %s" % (time.time() - start, "\n  ".join(problems)))
        sys.exit(1)
    print("fuzz: PASS (%.0f s)" % (time.time() - start))


if __name__ == "__main__":
    main()
