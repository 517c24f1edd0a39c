#!/usr/bin/env python3
"""grade.py - the lab grader, in the spirit of xv6's `make grade`.

    make grade LAB=syscall          (runs: python3 labs/grade.py --build build syscall)

Each lab directory labs/NN-name/ holds a handout (README.md), test programs
(progs/*.c, built against libsys and packed into an initrd with the normal
/bin programs) and grade.py, which lists the tests as data:

    TESTS = [
        dict(name="...", points=N, append="init=/bin/prog -- args",
             expect=[regex, ...],   # lines that must appear, in this order
             forbid=[regex, ...],   # lines that must not appear
             last=regex,            # the last line (the boot contract's)
             exit=1,                # QEMU's status: 1 = init exited 0
             qemu=[...], timeout=S, mem="128M", cpu="max"),
    ]

Every test boots the kernel headless with QEMU -kernel, captures the serial
console and judges only what the kernel visibly does. Output: one line per
test, then "Score: X/Y"; the exit status is 0 only when every test passed.

Instructors: students can edit their own labs/ and tests/, so grade with
pristine copies: restore both from your copy of the repository first.
"""

import argparse
import glob
import importlib.util
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from run_all import check_output, qemu_command  # noqa: E402


def find_lab(labs_dir, name):
    matches = sorted(glob.glob(os.path.join(labs_dir, "[0-9]*-" + name)))
    return matches[0] if matches else None


def load_tests(lab_dir):
    spec = importlib.util.spec_from_file_location("lab_grade", os.path.join(lab_dir, "grade.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.TESTS


def run_test(test, build, initrd):
    cmd = qemu_command(test, build, None, initrd)
    timeout = test.get("timeout", 30)
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        out = proc.stdout.decode(errors="replace") + proc.stderr.decode(errors="replace")
        status = proc.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace")
        status = "timeout after %ss" % timeout
    return check_output(test, out, status), out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--labs", default=os.path.join(ROOT, "labs"), help="the labs directory")
    ap.add_argument("--initrd", help="initrd with /bin and the lab's programs")
    ap.add_argument("-v", "--verbose", action="store_true", help="show the serial log of failures")
    ap.add_argument("lab")
    args = ap.parse_args()
    lab_dir = find_lab(args.labs, args.lab)
    if lab_dir is None:
        names = sorted(os.path.basename(d).split("-", 1)[1]
                       for d in glob.glob(os.path.join(args.labs, "[0-9]*-*")))
        sys.exit("grade: no lab %r; labs: %s" % (args.lab, " ".join(names)))
    build = os.path.abspath(args.build)
    initrd = args.initrd or os.path.join(build, "lab-%s.cpio" % args.lab)
    score = total = 0
    print("== grading lab %s (%s) ==" % (args.lab, os.path.relpath(lab_dir, ROOT)))
    for test in load_tests(lab_dir):
        points = test.get("points", 1)
        total += points
        start = time.time()
        problems, out = run_test(test, build, initrd)
        verdict = "OK" if not problems else "FAIL"
        if not problems:
            score += points
        print("%-40s %-4s (%.1fs) [%d/%d]" % (test["name"], verdict, time.time() - start,
                                             points if not problems else 0, points))
        for p in problems:
            print("    " + p)
        if problems and args.verbose:
            print("    --- serial (last 20 lines) ---")
            for line in out.splitlines()[-20:]:
                print("    | " + line)
    print("Score: %d/%d" % (score, total))
    sys.exit(0 if score == total else 1)


if __name__ == "__main__":
    main()
