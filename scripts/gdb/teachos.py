"""teachos.py - GDB commands for looking inside the kernel (loaded by the
gdbinit that `make debug` writes). Each reads the kernel's own variables
through GDB, so it works whenever the CPU is stopped in the kernel or in a
user program of the current process.

  gdt          the GDT: each descriptor's base, limit, DPL, type, L bit
  tss          the TSS: RSP0 and the IST stacks
  idt [N]      the IDT: vector -> handler symbol (first N vectors, default 48)
  msrs         EFER, STAR, LSTAR, FMASK, the GS bases, decoded
  ptwalk ADDR  the four page-table levels for ADDR in the current CR3
  vmas         the current process's memory areas
  uregs        the user registers saved at the top of the kernel stack
  current      pid, name and state of the process on the CPU
  sigframe [A] the signal frame at A (default: the handler's stack pointer)
  vvar         the time data published to the vDSO
"""

import gdb

PHYSMAP_BASE = 0xffff800000000000
GDT_NOTES = {1: "  kernel code while still in 32-bit mode (boot)", 2: "  kernel code",
             3: "  kernel data and stack", 4: "  32-bit user code (unused; SYSRET's layout needs it)",
             5: "  user data and stack", 6: "  user code",
             15: "  CPU number in the limit, read by LSL (as on Linux)"}
PTE_FLAGS = [(1 << 0, "P"), (1 << 1, "W"), (1 << 2, "U"), (1 << 3, "PWT"), (1 << 4, "PCD"),
             (1 << 5, "A"), (1 << 6, "D"), (1 << 7, "PS"), (1 << 8, "G"), (1 << 9, "COW"),
             (1 << 10, "PROTNONE"), (1 << 63, "NX")]


def u64(value):
    return int(value) & 0xffffffffffffffff


def symbol_at(addr):
    try:
        block = gdb.block_for_pc(addr)
        if block and block.function:
            return block.function.name
    except RuntimeError:
        pass
    sym = gdb.execute("info symbol %#x" % addr, to_string=True).strip()
    return sym.split(" in section")[0] if "No symbol" not in sym else "?"


def read_u64(addr):
    mem = gdb.selected_inferior().read_memory(addr, 8)
    return int.from_bytes(bytes(mem), "little")


def current():
    p = gdb.parse_and_eval("cpu0.current")
    if int(p) == 0:
        raise gdb.GdbError("no process on the CPU yet (still booting, or building init)")
    return p


class Gdt(gdb.Command):
    """Show the GDT: base, limit, DPL, type and L bit of every descriptor."""

    def __init__(self):
        super().__init__("gdt", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        gdt = gdb.parse_and_eval("gdt")
        n = int(gdt.type.sizeof // 8)
        i = 0
        while i < n:
            d = u64(gdt[i])
            sel = i * 8
            if d == 0:
                print("%2d  %#06x  %s" % (i, sel, "null (selector 0 is always invalid)" if i == 0 else "unused"))
                i += 1
                continue
            limit = (d & 0xffff) | ((d >> 32) & 0xf0000)
            base = ((d >> 16) & 0xffffff) | (((d >> 56) & 0xff) << 24)
            dpl = (d >> 45) & 3
            typ = (d >> 40) & 0xf
            system = not (d >> 44) & 1
            if system and typ == 0x9 or system and typ == 0xb:
                base |= (u64(gdt[i + 1]) & 0xffffffff) << 32
                print("%2d  %#06x  TSS (64-bit, %s)  base %#x  limit %#x  DPL %d"
                      % (i, sel, "busy" if typ == 0xb else "available", base, limit, dpl))
                i += 2
                continue
            kind = "code" if typ & 0x8 else "data"
            lbit = (d >> 53) & 1
            print("%2d  %#06x  %s  DPL %d  %s  base %#x  limit %#x%s"
                  % (i, sel | dpl, kind, dpl, "L=1 (64-bit)" if lbit else
                     ("D=1 (32-bit)" if (d >> 54) & 1 else "16-bit"), base, limit,
                     GDT_NOTES.get(i, "")))
            i += 1


class Tss(gdb.Command):
    """Show the TSS: the ring-0 stack for entries from ring 3, and the IST stacks."""

    def __init__(self):
        super().__init__("tss", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        tss = gdb.parse_and_eval("tss")
        print("RSP0  %#x  (kernel stack used on every interrupt from ring 3)" % u64(tss["rsp0"]))
        names = {1: "double fault", 2: "NMI", 3: "machine check"}
        for k in range(7):
            v = u64(tss["ist"][k])
            if v:
                print("IST%d  %#x  (%s)" % (k + 1, v, names.get(k + 1, "")))
        print("I/O bitmap offset %d (past the TSS: no I/O ports for ring 3)" % int(tss["iomap_base"]))


class Idt(gdb.Command):
    """Show the IDT: vector -> handler. Usage: idt [COUNT]"""

    def __init__(self):
        super().__init__("idt", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        count = int(arg) if arg.strip() else 48
        idt = gdb.parse_and_eval("idt")
        names = gdb.parse_and_eval("exception_names")
        for v in range(min(count, 256)):
            g = idt[v]
            handler = (int(g["offset_low"]) | (int(g["offset_mid"]) << 16)
                       | (int(g["offset_high"]) << 32))
            attr = int(g["type_attr"])
            what = names[v].string() if v < 32 else ("IRQ %d" % (v - 32) if v < 48 else "")
            print("%3d  %#x %-18s DPL %d  IST %d  %s"
                  % (v, handler, symbol_at(handler), (attr >> 5) & 3, int(g["ist"]), what))


class Msrs(gdb.Command):
    """Show EFER, STAR, LSTAR, FMASK and the GS bases, decoded."""

    def __init__(self):
        super().__init__("msrs", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        efer = u64(gdb.parse_and_eval("$efer"))
        bits = [(0, "SCE (syscall enabled)"), (8, "LME (long mode enable)"),
                (10, "LMA (long mode active)"), (11, "NXE (no-execute enabled)")]
        print("EFER   %#x  %s" % (efer, ", ".join(n for b, n in bits if efer >> b & 1)))
        m = gdb.parse_and_eval("syscall_msrs")
        star = u64(m["star"])
        print("STAR   %#x  SYSCALL: CS=%#x SS=%#x;  SYSRET: CS=%#x SS=%#x"
              % (star, (star >> 32) & 0xffff, ((star >> 32) & 0xffff) + 8,
                 (((star >> 48) & 0xffff) + 16) | 3, (((star >> 48) & 0xffff) + 8) | 3))
        lstar = u64(m["lstar"])
        print("LSTAR  %#x  %s (where SYSCALL jumps)" % (lstar, symbol_at(lstar)))
        fmask = u64(m["fmask"])
        flags = [(0, "CF"), (8, "TF"), (9, "IF"), (10, "DF"), (12, "IOPL"), (14, "NT"),
                 (16, "RF"), (18, "AC"), (21, "ID")]
        print("FMASK  %#x  cleared on entry: %s" % (fmask, " ".join(n for b, n in flags if fmask >> b & 1)))
        print("GS_BASE        %#x  (now)" % u64(gdb.parse_and_eval("$gs_base")))
        print("KERNEL_GS_BASE %#x  (swapped in by SWAPGS)" % u64(gdb.parse_and_eval("$k_gs_base")))


class Ptwalk(gdb.Command):
    """Walk the 4-level page tables for an address. Usage: ptwalk ADDR"""

    def __init__(self):
        super().__init__("ptwalk", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        va = u64(gdb.parse_and_eval(arg))
        table = u64(gdb.parse_and_eval("$cr3")) & 0x000ffffffffff000
        print("virtual %#x   CR3 %#x" % (va, table))
        for level, name in ((4, "PML4"), (3, "PDPT"), (2, "PD  "), (1, "PT  ")):
            index = (va >> (12 + 9 * (level - 1))) & 511
            entry = read_u64(PHYSMAP_BASE + table + 8 * index)
            flags = " ".join(n for bit, n in PTE_FLAGS if entry & bit)
            frame = entry & 0x000ffffffffff000
            print("  %s[%3d] = %#018x  -> %#x  %s" % (name, index, entry, frame, flags))
            if not entry & 1:
                print("  not present: an access faults here%s"
                      % ("; PROT_NONE keeps the frame for a later mprotect" if entry & (1 << 10) else ""))
                return
            if level in (3, 2) and entry & 0x80:
                size = 1 << (12 + 9 * (level - 1))
                print("  large page: physical %#x" % (frame + (va & (size - 1))))
                return
            table = frame
        print("  physical %#x" % (table + (va & 0xfff)))


class Vmas(gdb.Command):
    """List the current process's memory areas."""

    def __init__(self):
        super().__init__("vmas", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        p = current()
        kinds = {0: "", 1: "[heap]", 2: "[stack]", 4: "[image]", 8: "[vvar]", 16: "[vdso]"}
        v = p["mm"].dereference()["vmas"]["head"]
        while int(v) != 0:
            prot = int(v["prot"])
            print("%#014x-%#014x %s%s%s %s" % (u64(v["start"]), u64(v["end"]),
                  "r" if prot & 1 else "-", "w" if prot & 2 else "-", "x" if prot & 4 else "-",
                  kinds.get(int(v["kind"]), "")))
            v = v["next"]


class Uregs(gdb.Command):
    """Show the user registers saved at the top of the current kernel stack."""

    def __init__(self):
        super().__init__("uregs", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        p = current()
        frame_type = gdb.lookup_type("struct trap_frame")
        addr = u64(p["kstack_top"]) - frame_type.sizeof
        f = gdb.Value(addr).cast(frame_type.pointer()).dereference()
        trapno = u64(f["trapno"])
        print("saved by %s; ring %d" % ("SYSCALL" if trapno == 0x100 else "trap %d" % trapno,
                                         u64(f["cs"]) & 3))
        for row in (("rip", "rsp", "rflags"), ("rax", "rdi", "rsi"), ("rdx", "r10", "r8"),
                    ("r9", "rbx", "rbp"), ("rcx", "r11", "cs")):
            print("  " + "  ".join("%-6s %#018x" % (r, u64(f[r])) for r in row))


class Current(gdb.Command):
    """Show the thread on the CPU: its process id, name, state, parent process.
    A thread other than the process's first also shows its own id (tid)."""

    def __init__(self):
        super().__init__("current", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        p = current()
        tg = p["tg"].dereference()
        tid = "" if int(p["pid"]) == int(tg["tgid"]) else "  tid %d" % int(p["pid"])
        print("pid %d%s  %s  state %s  parent %d  syscalls %d"
              % (int(tg["tgid"]), tid, p["name"].string(), str(p["state"]),
                 int(tg["parent"]["tgid"]) if int(tg["parent"]) else 0, int(p["syscalls"])))


SIGNAL_NAMES = ["?", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
                "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
                "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
                "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
                "SIGIO", "SIGPWR", "SIGSYS"]
SI_CODES = {0: "SI_USER (kill)", 0x80: "SI_KERNEL", -1: "SI_QUEUE", -2: "SI_TIMER",
            -6: "SI_TKILL (tkill/tgkill)"}
FAULT_CODES = {11: {1: "SEGV_MAPERR", 2: "SEGV_ACCERR"}, 7: {1: "BUS_ADRALN", 2: "BUS_ADRERR"},
               8: {1: "FPE_INTDIV", 2: "FPE_INTOVF", 3: "FPE_FLTDIV"},
               4: {1: "ILL_ILLOPC", 2: "ILL_ILLOPN"}, 5: {1: "TRAP_BRKPT", 2: "TRAP_TRACE"}}

UC_FLAGS = [(1, "UC_FP_XSTATE"), (2, "UC_SIGCONTEXT_SS"), (4, "UC_STRICT_RESTORE_SS")]
SS_FLAGS = [(1, "SS_ONSTACK"), (2, "SS_DISABLE"), (1 << 31, "SS_AUTODISARM")]


def signal_name(sig):
    if 0 < sig < len(SIGNAL_NAMES):
        return SIGNAL_NAMES[sig]
    return "SIGRT%d" % (sig - 32) if 32 <= sig <= 64 else "signal %d" % sig


def mask_names(mask):
    names = [signal_name(s) for s in range(1, 65) if mask & (1 << (s - 1))]
    return "{%s}" % " ".join(names) if names else "{} (nothing blocked)"


def saved_user_rsp():
    """The stack pointer of the user code: $rsp in ring 3, else the saved frame's."""
    if int(gdb.parse_and_eval("$cs")) & 3 == 3:
        return u64(gdb.parse_and_eval("$rsp"))
    p = current()
    frame_type = gdb.lookup_type("struct trap_frame")
    f = gdb.Value(u64(p["kstack_top"]) - frame_type.sizeof).cast(frame_type.pointer())
    return u64(f.dereference()["rsp"])


class Sigframe(gdb.Command):
    """Decode the signal frame (struct rt_sigframe) at ADDR: the return address,
    the siginfo, the mask to restore and the registers rt_sigreturn puts back.
    Without ADDR: the user stack pointer, which points at the frame at the
    handler's first instruction (in user mode, or in the kernel right after
    handle_signal has built it)."""

    def __init__(self):
        super().__init__("sigframe", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        addr = u64(gdb.parse_and_eval(arg)) if arg.strip() else saved_user_rsp()
        frame_type = gdb.lookup_type("struct rt_sigframe")
        try:
            fr = gdb.Value(addr).cast(frame_type.pointer()).dereference()
            pretcode = u64(fr["pretcode"])
        except gdb.MemoryError:
            raise gdb.GdbError("no frame at %#x: that memory is not mapped" % addr)
        uc, info = fr["uc"], fr["info"]
        mc = uc["uc_mcontext"]
        print("rt_sigframe at %#x, %d bytes (+ the FXSAVE image at %#x)"
              % (addr, frame_type.sizeof, u64(mc["fpstate"])))
        print("  pretcode    %#x %s  (the handler returns there: rt_sigreturn)"
              % (pretcode, symbol_at(pretcode)))
        sig, code = int(info["si_signo"]), int(info["si_code"])
        what = SI_CODES.get(code, FAULT_CODES.get(sig, {}).get(code, "code %d" % code))
        print("  info        %s (%d), si_code %s" % (signal_name(sig), sig, what), end="")
        if code <= 0:
            print(", from pid %d uid %d" % (int(info["kill"]["pid"]), int(info["kill"]["uid"])))
        elif sig in FAULT_CODES:
            print(", address %#x" % u64(info["fault"]["addr"]))
        elif sig == 17:
            print(", child %d status %d" % (int(info["chld"]["pid"]), int(info["chld"]["status"])))
        else:
            print()
        st = uc["uc_stack"]
        flags = u64(uc["uc_flags"])
        ss_flags = int(st["ss_flags"])
        print("  uc_flags    %#x %s  uc_stack sp %#x size %d flags %#x %s"
              % (flags, "|".join(n for b, n in UC_FLAGS if flags & b), u64(st["ss_sp"]),
                 u64(st["ss_size"]), ss_flags, "|".join(n for b, n in SS_FLAGS if ss_flags & b)))
        print("  uc_sigmask  %#x %s  (restored by rt_sigreturn)"
              % (u64(uc["uc_sigmask"]), mask_names(u64(uc["uc_sigmask"]))))
        print("  registers of the interrupted code (uc_mcontext):")
        for row in (("rip", "rsp", "eflags"), ("rax", "rdi", "rsi"), ("rdx", "r10", "r8"),
                    ("r9", "rbx", "rbp"), ("rcx", "r11", "r12"), ("r13", "r14", "r15")):
            print("    " + "  ".join("%-6s %#018x" % (r, u64(mc[r])) for r in row))
        print("    cs %#x ss %#x  trapno %d err %#x cr2 %#x"
              % (int(mc["cs"]), int(mc["ss"]), u64(mc["trapno"]), u64(mc["err"]), u64(mc["cr2"])))
        print("  interrupted at %s" % symbol_at(u64(mc["rip"])))


class Vvar(gdb.Command):
    """Show the time data published to the vDSO (the vvar page)."""

    def __init__(self):
        super().__init__("vvar", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        v = gdb.parse_and_eval("*vvar")
        shift = int(v["shift"])
        print("seq %d (%s)  updates %d  cycle_last %d  mult %d  shift %d"
              % (int(v["seq"]), "being written" if int(v["seq"]) & 1 else "consistent",
                 int(v["updates"]), u64(v["cycle_last"]), int(v["mult"]), shift))
        for clock, name in ((0, "CLOCK_REALTIME"), (1, "CLOCK_MONOTONIC")):
            b = v["basetime"][clock]
            print("  %-16s %d s + %d ns" % (name, u64(b["sec"]), u64(b["nsec_shifted"]) >> shift))


for command in (Gdt, Tss, Idt, Msrs, Ptwalk, Vmas, Uregs, Current, Sigframe, Vvar):
    command()
print("teachos GDB commands: gdt tss idt msrs ptwalk vmas uregs current sigframe vvar (help NAME)")
