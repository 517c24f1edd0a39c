"""gdb_test.py - QEMU paused, GDB attached through scripts/gdbinit.tmpl (the
same script `make debug` uses), then a batch session: stop in sys_getpid
called by /bin/hello, and check that the backtrace goes through the
syscall entry, that the CPU is in ring 0 and the saved frame came from
ring 3; then run every command of scripts/gdb/teachos.py there and check
what each shows. Three more sessions replay the walks of docs/gdb.md:
write() across SYSCALL and SYSRETQ, a first-touch page fault, and a vDSO
clock_gettime that never reaches syscall_entry; one more decodes the
signal frames of docs/signals.md with `sigframe`."""

import os
import re
import socket
import subprocess
import time

TIMEOUT = 120           # per GDB session: generous, for a loaded machine


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
gdt
tss
idt 48
msrs
current
uregs
vmas
vvar
ptwalk ((struct trap_frame *)(cpu0.kernel_rsp) - 1)->rip
ptwalk 0x7fff00000000
ptwalk &gdt
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
    ("teachos_commands_loaded", r"^teachos GDB commands: gdt tss idt"),
    ("gdt_user_code_64bit_dpl3", r"^\s*6\s+0x0033\s+code\s+DPL 3\s+L=1"),
    ("gdt_kernel_code_64bit_dpl0", r"^\s*2\s+0x0010\s+code\s+DPL 0\s+L=1"),
    ("gdt_tss_busy", r"^\s*8\s+0x0040\s+TSS \(64-bit, busy\)"),
    ("tss_rsp0_is_kernel_stack", r"^RSP0\s+0xffffff"),
    ("tss_double_fault_ist", r"^IST1\s+0xffffffff8\w+\s+\(double fault\)"),
    ("idt_page_fault", r"^\s*14\s+0x\w+ trap_stub_14\s+DPL 0\s+IST 0\s+page fault"),
    ("idt_breakpoint_dpl3", r"^\s*3\s+0x\w+ trap_stub_3\s+DPL 3.*breakpoint"),
    ("idt_timer_irq", r"^\s*32\s+0x\w+ trap_stub_32\s+.*IRQ 0$"),
    ("msrs_efer", r"^EFER\s+0x\w+\s+SCE.*LMA.*NXE"),
    ("msrs_star", r"SYSCALL: CS=0x10 SS=0x18;  SYSRET: CS=0x33 SS=0x2b"),
    ("msrs_lstar_is_syscall_entry", r"^LSTAR\s+0x\w+\s+syscall_entry"),
    ("msrs_fmask_clears_if", r"^FMASK\s+0x\w+\s+cleared on entry:.* IF .*AC"),
    ("current_is_hello", r"^pid 1  hello  state PROC_RUNNING"),
    ("uregs_from_syscall", r"^saved by SYSCALL; ring 3"),
    ("uregs_rax_getpid", r"rax\s+0x0000000000000027"),
    ("uregs_rcx_is_rip", r"rip\s+(0x[0-9a-f]+)\s.*\n(?:.*\n){3}\s+rcx\s+\1"),
    ("vmas_image", r"^0x000000400000-0x[0-9a-f]+ r-x \[image\]"),
    ("vmas_vdso_vvar_stack", r"r-- \[vvar\]\n.*r-x \[vdso\]\n.*rw- \[stack\]"),
    ("vvar_consistent", r"^seq \d*[02468] \(consistent\)  updates [1-9]"),
    ("ptwalk_user_text", r"virtual 0x40[0-9a-f]{4}\s.*\n(?:.*\n){3}\s+PT  \[\s*\d+\] = 0x\w+\s+-> 0x\w+\s+P U A\n\s+physical 0x"),
    ("ptwalk_unmapped", r"virtual 0x7fff00000000 .*\n(?:.*\n)*?\s+not present: an access faults here"),
    ("ptwalk_kernel_not_user", r"virtual 0xffffffff8\w+ .*\n(?:.*\n)*?\s+(?:PT  |PD  )\[\s*\d+\] = 0x\w+\s+-> 0x\w+\s+P W (?!U)"),
]


# Walk (a) of docs/gdb.md: one write() from hello, stepped across SYSCALL
# into the kernel and back across SYSRETQ, watching CS.
WRITE_BATCH = """
break write
continue
while *(unsigned short *)$pc != 0x050f
  stepi
end
x/i $pc
set $after_syscall = $pc + 2
info registers cs
stepi
info registers cs
break sys_write
continue
bt
x/s buf
finish
finish
while (*(unsigned int *)$pc & 0xffffff) != 0x070f48
  stepi
end
x/i $pc
stepi
info registers cs
print $pc == $after_syscall
print/d $rax
kill
"""

WRITE_CHECKS = [
    ("walk_write_user_wrapper", r"Breakpoint \d+, write \(fd=fd@entry=1, .*count=count@entry=13\)"),
    ("walk_write_at_syscall", r"^=> 0x40[0-9a-f]+ <write\+\d+>:\s+syscall"),
    ("walk_write_cs_ring3_then_ring0", r"^cs\s+0x33\s.*\nsyscall_entry \(\) at kernel/syscall/entry.S:\d+\n.*\ncs\s+0x10\s"),
    ("walk_write_handler_backtrace", r"#0  sys_write \(fd=1, .*count=13\).*\n#1 .*syscall_dispatch.*\n#2 .*syscall_entry \(\)"),
    ("walk_write_reads_user_string", r':\s+"hello, world\\n"'),
    ("walk_write_returns_13", r"Value returned is \$1 = 13"),
    ("walk_write_at_sysretq", r"^=> 0xffffffff8\w+ <syscall_entry\+\d+>:\s+sysretq"),
    ("walk_write_back_in_ring3", r"sysretq\n.*\n.*\ncs\s+0x33\s"),
    ("walk_write_resumes_after_syscall", r"^\$\d+ = 1\n\$\d+ = 13$"),
]

# The page-fault walk of docs/gdb.md: stop mmap-demo just before its first
# touch of the fresh mapping, see the page missing, catch the fault in the
# kernel, and see the page present once the handler has returned.
FAULT_BATCH = """
break mmap-demo.c:33
continue
print p
ptwalk p
break mm_handle_fault
continue
bt
print/x error
finish
ptwalk $1
kill
"""

FAULT_CHECKS = [
    ("walk_fault_stops_before_touch", r"Breakpoint \d+, main \(\) at user/mmap-demo.c:33"),
    ("walk_fault_page_absent_before", r"^\$1 = 0x7fff[0-9a-f]+ <error: Cannot access memory"),
    ("walk_fault_ptwalk_not_present", r"not present: an access faults here"),
    ("walk_fault_from_trap", r"#0  mm_handle_fault .*\n#1 .*page_fault_fixed.*\n#2 .*trap_dispatch.*\n#3 .*trap_common"),
    ("walk_fault_error_user_write", r"^\$2 = 0x6$"),
    ("walk_fault_handled", r"Value returned is \$3 = FAULT_HANDLED"),
    # Present now, but not yet Accessed/Dirty: the CPU sets those when it
    # retries the faulting store, after the handler has returned.
    ("walk_fault_page_present_after", r"PT  \[\s*\d+\] = 0x8\w+\s+-> 0x\w+\s+P W U NX\n\s+physical 0x"),
]

# The vDSO walk: clock_gettime runs entirely in user space. The breakpoint
# on syscall_entry must never be hit and the process's syscall count stays 0.
VDSO_BATCH = """
vdso-symbols
break main
continue
break __vdso_clock_gettime
break syscall_entry
continue
bt
delete 3
finish
current
kill
"""

VDSO_CHECKS = [
    ("walk_vdso_breaks_in_vdso", r"Breakpoint \d+, __vdso_clock_gettime \(clock=0, ts=0x7fff"),
    ("walk_vdso_backtrace_to_main", r"#0  __vdso_clock_gettime .*\n#1 .*clock_gettime .*libsys/stubs.c.*\n#2 .*main \(\) at user/date.c"),
    ("walk_vdso_returns_0", r"Value returned is \$\d+ = 0$"),
    ("walk_vdso_no_syscall_entry", r"\A(?![\s\S]*Breakpoint \d+, syscall_entry)"),
    ("walk_vdso_no_syscalls_counted", r"^pid 1  date  state PROC_RUNNING  parent 0  syscalls 0$"),
]


# The signal walk of docs/signals.md: stop when the kernel has built the
# frame for SIGUSR1 (kill to itself), decode it; then the same for the
# SIGSEGV of a write to address 16, and the way back through rt_sigreturn.
SIGNAL_BATCH = """
break handle_signal
continue
finish
sigframe
uregs
continue
finish
sigframe
delete
break sigframe_return
continue
bt
kill
"""

SIGNAL_CHECKS = [
    ("walk_signal_breaks_in_handle_signal", r"Breakpoint \d+, handle_signal \(.*sig=10"),
    ("walk_signal_frame_size", r"^rt_sigframe at 0x7fff[0-9a-f]+, 440 bytes \(\+ the FXSAVE image at 0x7fff"),
    ("walk_signal_pretcode_restore_rt", r"^  pretcode    0x40[0-9a-f]+ __restore_rt"),
    ("walk_signal_info_sigusr1", r"^  info        SIGUSR1 \(10\), si_code SI_USER \(kill\), from pid 1 uid 0$"),
    ("walk_signal_flags_decoded", r"^  uc_flags    0x6 UC_SIGCONTEXT_SS\|UC_STRICT_RESTORE_SS  uc_stack sp 0x0 size 0 flags 0x2 SS_DISABLE$"),
    ("walk_signal_mask_empty", r"^  uc_sigmask  0x0 \{\} \(nothing blocked\)"),
    ("walk_signal_interrupted_in_a_syscall", r"^  interrupted at syscall_result$"),
    ("walk_signal_saved_rax_is_result", r"^    rax\s+0x0000000000000000 "),
    ("walk_signal_handler_args", r"^  rip\s+0x0+40[0-9a-f]+\s+rsp\s+0x0+7fff[0-9a-f]+\s.*\n\s+rax\s+0x0+\s+rdi\s+0x0+a\s"),
    ("walk_signal_segv_info", r"^  info        SIGSEGV \(11\), si_code SEGV_MAPERR, address 0x10$"),
    ("walk_signal_segv_trapno", r"^    cs 0x33 ss 0x2b  trapno 14 err 0x6 cr2 0x10$"),
    ("walk_signal_segv_in_main", r"^  interrupted at main$"),
    ("walk_signal_return_from_syscall", r"#0  sigframe_return .*\n#1 .*syscall_dispatch.*\n#2 .*syscall_entry"),
]


def session(root, build, qemu, prog, batch, user_symbols):
    """Boot prog as init under a paused QEMU, run batch in GDB; its output."""
    port = free_port()
    with open(os.path.join(root, "scripts", "gdbinit.tmpl")) as f:
        init = f.read().replace("@BUILD@", build).replace("@PORT@", str(port)).replace("@ROOT@", root)
        init = init.replace("@USER_SYMBOLS@", "add-symbol-file %s/bin/%s" % (build, prog)
                            if user_symbols else "")
    script = os.path.join(build, "gdbtest-%s.gdb" % prog)
    with open(script, "w") as f:
        f.write(init + batch)
    qemu_cmd = [qemu, "-accel", "tcg", "-cpu", "max", "-m", "128M", "-no-reboot", "-nic", "none",
                "-display", "none", "-serial", "null", "-monitor", "none",
                "-kernel", os.path.join(build, "kernel.elf"),
                "-initrd", os.path.join(build, "test-initrd.cpio"),
                "-append", "init=/bin/" + prog, "-S", "-gdb", "tcp:127.0.0.1:%d" % port]
    proc = subprocess.Popen(qemu_cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.3)
        gdb = subprocess.run(["gdb", "-q", "-nx", "-batch", "-x", script],
                             capture_output=True, text=True, timeout=TIMEOUT)
        return gdb.stdout + gdb.stderr
    except subprocess.TimeoutExpired as e:
        return "gdb timed out\n" + str(e.stdout)
    finally:
        proc.kill()
        proc.wait()


def check(out, checks):
    results = []
    for name, rx in checks:
        ok = re.search(rx, out, re.M) is not None
        results.append((name, ok, "" if ok else "no match for %s in:\n%s" % (rx, out)))
    return results


def run(root, build, qemu):
    out = session(root, build, qemu, "hello", BATCH, False)
    bad_g = "Remote 'g' packet reply is too long" in out
    results = [("no_g_packet_error", not bad_g, out if bad_g else "")]
    results += check(out, CHECKS)
    results += check(session(root, build, qemu, "hello", WRITE_BATCH, True), WRITE_CHECKS)
    results += check(session(root, build, qemu, "mmap-demo", FAULT_BATCH, True), FAULT_CHECKS)
    results += check(session(root, build, qemu, "date", VDSO_BATCH, True), VDSO_CHECKS)
    results += check(session(root, build, qemu, "signal-demo", SIGNAL_BATCH, True), SIGNAL_CHECKS)
    return results
