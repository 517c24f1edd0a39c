"""test_bench_linux.py - the parts of scripts/bench_linux.py (`make
bench-linux`) and scripts/bench.py that need no QEMU and no download: the
initramfs writer (the host's own cpio must read the archive, device entry
included), reading Linux's console, combining boots, and bench.py's Linux
column with and without build/linux-bench.json. Run by tests/run_all.py
(host stage); `python3 -m unittest discover tests/scripts` works too."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import bench  # noqa: E402
import bench_linux  # noqa: E402

# What Linux prints when init (bench) returns 0, trimmed.
CONSOLE_OK = """\
bench: median of 101 samples of 100 calls, timed with rdtscp
BENCH unknown_syscall        216.10 cycles/call
BENCH getpid                 313.10 cycles/call
bench: getpid / unknown = 1.44
[    2.564430] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000000
[    2.564439] CPU: 0 PID: 1 Comm: bench Not tainted 6.1.0-57-amd64 #1  Debian 6.1.192-3
[    2.564804] Kernel Offset: 0x2400000 from 0xffffffff81000000
"""


class Cpio(unittest.TestCase):
    def setUp(self):
        if shutil.which("cpio") is None:
            self.skipTest("no cpio on the host (apt-get install cpio)")
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)
        self.files = {"bench": b"\x7fELF" + bytes(range(256)) * 3 + b"odd", "exitcode": b"x"}
        self.path = os.path.join(self.tmp, "initramfs.cpio")
        with open(self.path, "wb") as f:
            f.write(bench_linux.cpio_archive(self.files))

    def cpio(self, *args):
        with open(self.path, "rb") as f:
            proc = subprocess.run(["cpio", "--quiet"] + list(args), stdin=f, capture_output=True)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
        return proc.stdout

    def test_listed_with_console_device(self):
        listing = self.cpio("-itv").decode().splitlines()
        entries = {line.split()[-1]: line for line in listing}
        self.assertEqual(sorted(entries), ["bin", "bin/bench", "bin/exitcode", "dev", "dev/console"])
        console = entries["dev/console"].split()
        self.assertTrue(console[0].startswith("c"), entries["dev/console"])   # a character device
        self.assertEqual(console[4:6], ["5,", "1"], entries["dev/console"])    # 5, 1
        self.assertTrue(entries["dev"].startswith("d"))
        self.assertTrue(entries["bin/bench"].startswith("-rwxr-xr-x"), entries["bin/bench"])

    def test_file_contents_intact(self):
        for name, data in self.files.items():
            self.assertEqual(self.cpio("-i", "--to-stdout", "bin/" + name), data)

    def test_newc_layout(self):
        with open(self.path, "rb") as f:
            blob = f.read()
        self.assertTrue(blob.startswith(b"070701"))
        self.assertEqual(len(blob) % 4, 0)
        self.assertIn(b"TRAILER!!!\0", blob[-128:])


class Console(unittest.TestCase):
    def test_ran_to_the_end(self):
        run = bench_linux.parse_run(CONSOLE_OK, 0)
        self.assertEqual(run["problems"], [])
        self.assertEqual(run["exit"], 0)
        self.assertEqual(run["results"], {"unknown_syscall": 216.10, "getpid": 313.10})
        self.assertEqual(run["running"], "6.1.0-57-amd64 #1 Debian 6.1.192-3")

    def test_cut_short(self):
        out = CONSOLE_OK[:CONSOLE_OK.index("bench: getpid")]
        run = bench_linux.parse_run(out.split("BENCH getpid")[0], "timeout after 600 s")
        self.assertIn("timeout after 600 s", run["problems"])
        self.assertTrue(any("did not end" in p for p in run["problems"]), run["problems"])

    def test_exit_status_and_signal(self):
        failed = bench_linux.parse_run(CONSOLE_OK.replace("=0x00000000", "=0x00000300"), 0)
        self.assertEqual(failed["problems"], ["init exited with status 3"])
        killed = bench_linux.parse_run(CONSOLE_OK.replace("=0x00000000", "=0x0000000b"), 0)
        self.assertEqual(killed["problems"], ["init was killed by signal 11"])

    def test_other_panic_and_no_bench_lines(self):
        run = bench_linux.parse_run("Kernel panic - not syncing: No working init found.\n", 0)
        self.assertIn("kernel panic: No working init found.", run["problems"])
        self.assertIn("no BENCH lines", run["problems"])


class Combine(unittest.TestCase):
    def boot(self, **results):
        return {"results": results, "problems": [], "exit": 0, "running": None}

    def test_median_range_and_missing_name(self):
        prog = bench_linux.combine([self.boot(a=3.0, b=1.0), self.boot(a=1.0), self.boot(a=2.0, b=5.0)])
        self.assertEqual(prog["results"], {"a": 2.0, "b": 3.0})
        self.assertEqual(prog["range"], {"a": [1.0, 3.0], "b": [1.0, 5.0]})
        self.assertEqual(prog["problems"], ["boot 2: no BENCH b"])

    def test_later_program_wins_and_rows_checked(self):
        programs = {"bench": {"results": {"getpid": 313.1, "clock_gettime_syscall": 439.1}},
                    "clockbench": {"results": {"clock_gettime_syscall": 444.08}}}
        merged = bench_linux.merge(programs)
        self.assertEqual(merged, {"getpid": 313.1, "clock_gettime_syscall": 444.08})
        missing = bench_linux.missing_rows(merged, bench.ROWS)
        self.assertNotIn("getpid", missing)
        self.assertIn("signal_roundtrip", missing)


class BenchColumn(unittest.TestCase):
    def setUp(self):
        self.build = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.build)

    def test_typed_numbers_without_the_file(self):
        column, notes = bench.linux_column(self.build)
        self.assertEqual(column["getpid"], "310")
        self.assertIn("older numbers", " ".join(notes))
        self.assertIn("make bench-linux", " ".join(notes))

    def test_measured_numbers_from_the_file(self):
        os.makedirs(os.path.join(self.build, "bin"))
        with open(os.path.join(self.build, "bin", "bench"), "wb") as f:
            f.write(b"the bench binary")
        data = {"measured": "2026-12-07 23:30 UTC", "results": {"getpid": 313.1},
                "kernel": {"package": "linux-image-6.1.0-57-amd64", "version": "6.1.192-3",
                           "running": "6.1.0-57-amd64 #1  Debian 6.1.192-3"},
                "programs": {"bench": {"sha256": bench_linux.sha256(os.path.join(self.build, "bin", "bench"))}},
                "problems": []}
        path = os.path.join(self.build, "linux-bench.json")
        with open(path, "w") as f:
            json.dump(data, f)
        column, notes = bench.linux_column(self.build)
        self.assertEqual(column, {"getpid": "313.10"})
        text = " ".join(notes)
        self.assertIn("linux-image-6.1.0-57-amd64 6.1.192-3", text)
        self.assertNotIn("other builds", text)
        with open(os.path.join(self.build, "bin", "bench"), "wb") as f:
            f.write(b"bench, rebuilt since")
        self.assertIn("other builds of bench", " ".join(bench.linux_column(self.build)[1]))


if __name__ == "__main__":
    unittest.main()
