"""Grader of lab 05-epoll: /dev/tick, a pollable device (see README.md)."""

EXITED_0 = r"^init exited with status 0$"
NO_PANIC = [r"KERNEL PANIC", r"\[FAIL\]"]
# Guest time from the instruction count, idle time skipped: every run sees
# exactly the same clock, so the timing checks can be tight.
EXACT_TIME = ["-icount", "shift=0,sleep=off"]


def ticktest(mode, points):
    return dict(name="tick_" + mode, points=points,
                append="init=/bin/ticktest -- " + mode,
                expect=[r"^ticktest %s: passed$" % mode],
                forbid=NO_PANIC, last=EXITED_0, exit=1,
                qemu=EXACT_TIME, timeout=30)   # a few seconds normally


TESTS = [
    ticktest("open", 10),         # /dev/tick exists and opens
    ticktest("block", 15),        # a blocking read wakes after one period
    ticktest("count", 10),        # ticks accumulate: 5.5 periods -> 5
    ticktest("nonblock", 10),     # O_NONBLOCK and nothing pending: -EAGAIN
    ticktest("poll", 10),         # poll with a timeout
    ticktest("level", 10),        # epoll, level-triggered
    ticktest("edge", 10),         # epoll, EPOLLET: once per new tick
    ticktest("multi", 15),        # 20 ms and 50 ms ticks in one loop for 1 s: 50 and 20
    ticktest("bad", 5),           # 4-byte reads, bad periods: -EINVAL
    ticktest("close", 5),         # closing a watched tick is harmless
]
