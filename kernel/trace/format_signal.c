/*
 * format_signal.c - signals as strace prints them:
 *
 *   rt_sigaction(SIGURG, {sa_handler=0x4567c0, sa_mask=~[], sa_flags=SA_RESTORER|SA_ONSTACK|
 *                SA_RESTART|SA_SIGINFO, sa_restorer=0x456900}, NULL, 8) = 0
 *   rt_sigprocmask(SIG_BLOCK, ~[RTMIN RT_1 RT_2], [], 8) = 0
 *   sigaltstack({ss_sp=0xc000008000, ss_flags=0, ss_size=32768}, NULL) = 0
 *   setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=1, tv_usec=0}}, NULL) = 0
 *   rt_sigreturn({mask=[]})                 = 0
 *   --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10} ---
 *
 * Pure, like format.c: user memory through out->read only (format_parts.h).
 */
#include "format_parts.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/time.h"

/* ------------------------------------------------------------------ names */

static const char *const signal_names[] = {
	"0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
	"SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
	"SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
	"SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS", "SIGRTMIN",
};

/* Signals 33..64 have no names of their own: strace counts them from SIGRTMIN. */
static const char *const rt_names[] = {
	"SIGRT_1", "SIGRT_2", "SIGRT_3", "SIGRT_4", "SIGRT_5", "SIGRT_6", "SIGRT_7", "SIGRT_8",
	"SIGRT_9", "SIGRT_10", "SIGRT_11", "SIGRT_12", "SIGRT_13", "SIGRT_14", "SIGRT_15", "SIGRT_16",
	"SIGRT_17", "SIGRT_18", "SIGRT_19", "SIGRT_20", "SIGRT_21", "SIGRT_22", "SIGRT_23", "SIGRT_24",
	"SIGRT_25", "SIGRT_26", "SIGRT_27", "SIGRT_28", "SIGRT_29", "SIGRT_30", "SIGRT_31", "SIGRT_32",
};
_Static_assert(COUNT(signal_names) == SIGRTMIN + 1 && SIGRTMIN + COUNT(rt_names) == NSIG,
	       "a name for every signal 1..64");

const char *
trace_signal_name(int sig)
{
	if (sig > 0 && sig <= SIGRTMIN)
		return signal_names[sig];
	if (sig > SIGRTMIN && sig <= NSIG)
		return rt_names[sig - SIGRTMIN - 1];
	return NULL;
}

/* SIGINT, SIGRT_1, or the number. */
void
print_signal(struct trace_fmt *out, int sig)
{
	const char *name = trace_signal_name(sig);

	if (name)
		trace_printf(out, "%s", name);
	else
		trace_printf(out, "%d", sig);
}

/* ------------------------------------------------------------------ sets */

static int
popcount64(uint64_t v)
{
	int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

/*
 * The first bytes (1..8) of a signal set: [INT QUIT], or its complement
 * ~[KILL STOP] once 2/3 or more of its bits are set (whole 32-bit words
 * counted, as strace does: 42 of 64 bits, 21 of 32). Bit n-1 is signal n.
 */
void
print_sigmask(struct trace_fmt *out, uint64_t mask, unsigned bytes)
{
	unsigned bits = (bytes + 3) / 4 * 32;
	const char *sep = "[";

	if (bits < 64)
		mask &= (1UL << bits) - 1;
	if (popcount64(mask) >= (int)(bits * 2 / 3)) {
		mask = ~mask;
		if (bits < 64)
			mask &= (1UL << bits) - 1;
		trace_printf(out, "~");
	}
	for (unsigned sig = 1; sig <= bits; sig++) {
		if (!(mask & (1UL << (sig - 1))))
			continue;
		trace_printf(out, "%s%s", sep, trace_signal_name((int)sig) + 3);   /* without "SIG" */
		sep = " ";
	}
	trace_printf(out, "%s]", *sep == '[' ? "[" : "");
}

/*
 * A sigset_t argument: its size is the call's SIGSETSIZE argument. strace
 * prints the address for a size it does not expect: below min_len (8, or 1
 * for rt_sigpending) or above 8.
 */
void
print_sigset_at(struct trace_fmt *out, uint64_t addr, uint64_t len, uint64_t min_len)
{
	uint64_t mask = 0;

	if (len < min_len || len > 8) {
		print_addr(out, addr);
		return;
	}
	if (read_struct(out, addr, &mask, len))
		print_sigmask(out, mask, (unsigned)len);
}

/* ------------------------------------------------------------------ sigaction */

/* In strace's order. */
static const struct flag_name sa_flag_names[] = {
	{ SA_RESTORER, "SA_RESTORER" }, { SA_ONSTACK, "SA_ONSTACK" }, { SA_RESTART, "SA_RESTART" },
	{ 0x20000000, "SA_INTERRUPT" }, { SA_NODEFER, "SA_NODEFER" }, { SA_RESETHAND, "SA_RESETHAND" },
	{ SA_SIGINFO, "SA_SIGINFO" }, { SA_NOCLDSTOP, "SA_NOCLDSTOP" }, { SA_NOCLDWAIT, "SA_NOCLDWAIT" },
};

/* {sa_handler=SIG_IGN, sa_mask=[INT], sa_flags=SA_RESTORER, sa_restorer=0x401234} */
void
print_sigaction(struct trace_fmt *out, uint64_t addr)
{
	struct kernel_sigaction sa;

	if (!read_struct(out, addr, &sa, sizeof sa))
		return;
	trace_printf(out, "{sa_handler=");
	if (sa.handler == SIG_DFL)
		trace_printf(out, "SIG_DFL");
	else if (sa.handler == SIG_IGN)
		trace_printf(out, "SIG_IGN");
	else if (sa.handler == ~0UL)
		trace_printf(out, "SIG_ERR");
	else
		print_addr(out, sa.handler);
	trace_printf(out, ", sa_mask=");
	print_sigmask(out, sa.mask, 8);
	trace_printf(out, ", sa_flags=");
	print_flags(out, sa.flags, sa_flag_names, COUNT(sa_flag_names), "0", "SA_???");
	if (sa.flags & SA_RESTORER) {
		trace_printf(out, ", sa_restorer=");
		print_addr(out, sa.restorer);
	}
	trace_printf(out, "}");
}

/* ------------------------------------------------------------------ siginfo */

static const struct flag_name si_code_names[] = {
	{ SI_USER, "SI_USER" }, { SI_KERNEL, "SI_KERNEL" }, { (uint32_t)SI_QUEUE, "SI_QUEUE" },
	{ (uint32_t)SI_TIMER, "SI_TIMER" }, { (uint32_t)SI_MESGQ, "SI_MESGQ" },
	{ (uint32_t)SI_ASYNCIO, "SI_ASYNCIO" }, { (uint32_t)SI_SIGIO, "SI_SIGIO" },
	{ (uint32_t)SI_TKILL, "SI_TKILL" }, { (uint32_t)-7, "SI_DETHREAD" }, { (uint32_t)-60, "SI_ASYNCNL" },
};
static const struct flag_name segv_codes[] = {
	{ 1, "SEGV_MAPERR" }, { 2, "SEGV_ACCERR" }, { 3, "SEGV_BNDERR" }, { 4, "SEGV_PKUERR" },
};
static const struct flag_name chld_codes[] = {
	{ 1, "CLD_EXITED" }, { 2, "CLD_KILLED" }, { 3, "CLD_DUMPED" }, { 4, "CLD_TRAPPED" },
	{ 5, "CLD_STOPPED" }, { 6, "CLD_CONTINUED" },
};
static const struct flag_name ill_codes[] = {
	{ 1, "ILL_ILLOPC" }, { 2, "ILL_ILLOPN" }, { 3, "ILL_ILLADR" }, { 4, "ILL_ILLTRP" },
	{ 5, "ILL_PRVOPC" }, { 6, "ILL_PRVREG" }, { 7, "ILL_COPROC" }, { 8, "ILL_BADSTK" },
};
static const struct flag_name fpe_codes[] = {
	{ 1, "FPE_INTDIV" }, { 2, "FPE_INTOVF" }, { 3, "FPE_FLTDIV" }, { 4, "FPE_FLTOVF" },
	{ 5, "FPE_FLTUND" }, { 6, "FPE_FLTRES" }, { 7, "FPE_FLTINV" }, { 8, "FPE_FLTSUB" },
	{ 14, "FPE_FLTUNK" }, { 15, "FPE_CONDTRAP" },
};
static const struct flag_name bus_codes[] = {
	{ 1, "BUS_ADRALN" }, { 2, "BUS_ADRERR" }, { 3, "BUS_OBJERR" }, { 4, "BUS_MCEERR_AR" },
	{ 5, "BUS_MCEERR_AO" },
};
static const struct flag_name trap_codes[] = {
	{ 1, "TRAP_BRKPT" }, { 2, "TRAP_TRACE" }, { 3, "TRAP_BRANCH" }, { 4, "TRAP_HWBKPT" },
	{ 5, "TRAP_UNK" }, { 6, "TRAP_PERF" },
};
static const struct flag_name poll_codes[] = {
	{ 1, "POLL_IN" }, { 2, "POLL_OUT" }, { 3, "POLL_MSG" }, { 4, "POLL_ERR" }, { 5, "POLL_PRI" },
	{ 6, "POLL_HUP" },
};

/* si_code: the SI_* names first, then the signal's own codes. */
static void
print_si_code(struct trace_fmt *out, int sig, int code)
{
	static const struct {
		int sig;
		const struct flag_name *names;
		int n;
	} per_signal[] = {
		{ SIGSEGV, segv_codes, COUNT(segv_codes) }, { SIGCHLD, chld_codes, COUNT(chld_codes) },
		{ SIGILL, ill_codes, COUNT(ill_codes) },    { SIGFPE, fpe_codes, COUNT(fpe_codes) },
		{ SIGBUS, bus_codes, COUNT(bus_codes) },    { SIGTRAP, trap_codes, COUNT(trap_codes) },
		{ SIGIO, poll_codes, COUNT(poll_codes) },
	};

	for (int i = 0; i < COUNT(si_code_names); i++)
		if (si_code_names[i].value == (uint32_t)code) {
			trace_printf(out, "%s", si_code_names[i].name);
			return;
		}
	for (int k = 0; k < COUNT(per_signal); k++)
		if (per_signal[k].sig == sig) {
			print_xval(out, (uint32_t)code, per_signal[k].names, per_signal[k].n, NULL);
			return;
		}
	trace_printf(out, "%#x", (unsigned)code);
}

static void
print_sender(struct trace_fmt *out, int pid, unsigned uid)
{
	trace_printf(out, ", si_pid=%d, si_uid=%u", pid, uid);
}

static void
print_sigval(struct trace_fmt *out, uint64_t value)
{
	trace_printf(out, ", si_int=%d, si_ptr=", (int)value);
	print_addr(out, value);
}

/* The fields after si_code: which ones depends on who sent it (si_code <= 0:
 * a process) and on the signal, as in strace's printsiginfo. */
static void
print_si_fields(struct trace_fmt *out, const struct siginfo *si)
{
	if (si->si_errno) {
		const char *name = trace_errno_name(si->si_errno);
		if (name)
			trace_printf(out, ", si_errno=%s", name);
		else
			trace_printf(out, ", si_errno=%u", (unsigned)si->si_errno);
	}
	if (si->si_code <= 0) {
		switch (si->si_code) {
		case SI_USER: case SI_TKILL:
			print_sender(out, si->kill.pid, si->kill.uid);
			break;
		case SI_TIMER:
			trace_printf(out, ", si_timerid=%#x, si_overrun=%d", (unsigned)si->timer.tid,
				     si->timer.overrun);
			print_sigval(out, si->timer.value);
			break;
		case SI_SIGIO:
			trace_printf(out, ", si_band=%ld, si_fd=%d", si->poll.band, si->poll.fd);
			break;
		default:                 /* SI_QUEUE, SI_MESGQ, ... */
			print_sender(out, si->kill.pid, si->kill.uid);
			if (si->kill.value)
				print_sigval(out, si->kill.value);
			break;
		}
		return;
	}
	switch (si->si_signo) {
	case SIGCHLD:
		print_sender(out, si->chld.pid, si->chld.uid);
		trace_printf(out, ", si_status=");
		if (si->si_code == CLD_EXITED)
			trace_printf(out, "%d", si->chld.status);
		else
			print_signal(out, si->chld.status);
		trace_printf(out, ", si_utime=%ld, si_stime=%ld", si->chld.utime, si->chld.stime);
		break;
	case SIGILL: case SIGFPE: case SIGBUS: case SIGSEGV: case SIGTRAP:
		trace_printf(out, ", si_addr=");
		print_addr(out, si->fault.addr);
		break;
	case SIGIO:
		if (si->si_code >= 1 && si->si_code <= 3)      /* POLL_IN, POLL_OUT, POLL_MSG */
			trace_printf(out, ", si_band=%ld, si_fd=%d", si->poll.band, si->poll.fd);
		break;
	default:
		if (si->kill.pid || si->kill.uid)
			print_sender(out, si->kill.pid, si->kill.uid);
		if (si->kill.value)
			print_sigval(out, si->kill.value);
		break;
	}
}

/* {si_signo=SIGUSR1, si_code=SI_USER, si_pid=5, si_uid=0}; {} for signal 0. */
void
print_siginfo(struct trace_fmt *out, const struct siginfo *si)
{
	trace_printf(out, "{");
	if (si->si_signo) {
		trace_printf(out, "si_signo=");
		print_signal(out, si->si_signo);
		trace_printf(out, ", si_code=");
		print_si_code(out, si->si_signo, si->si_code);
		print_si_fields(out, si);
	}
	trace_printf(out, "}");
}

void
print_siginfo_at(struct trace_fmt *out, uint64_t addr)
{
	struct siginfo si;

	if (read_struct(out, addr, &si, sizeof si))
		print_siginfo(out, &si);
}

/* The line strace prints when a signal is delivered: --- SIGURG {si_signo=SIGURG, ...} --- */
void
trace_format_signal(struct trace_fmt *out, const struct siginfo *si)
{
	trace_printf(out, "--- ");
	print_signal(out, si->si_signo);
	trace_printf(out, " ");
	print_siginfo(out, si);
	trace_printf(out, " ---");
}

/*
 * The siginfo trace_signal's arguments describe (trace.c): code is si_code;
 * addr the fault address, a SIGCHLD's status or a queued value; sender the
 * sending or ending process (SIGCHLD) or a timer id (SI_TIMER).
 */
void
trace_siginfo_of(struct siginfo *si, int sig, int code, uint64_t addr, int sender)
{
	*si = (struct siginfo){ .si_signo = sig, .si_code = code };
	if (code == SI_TIMER) {
		si->timer.tid = sender;
		si->timer.value = addr;
	} else if (code <= 0) {
		si->kill.pid = sender;
		si->kill.value = addr;
	} else if (sig == SIGCHLD) {
		si->chld.pid = sender;
		si->chld.status = (int)addr;
	} else if (sig == SIGILL || sig == SIGFPE || sig == SIGBUS || sig == SIGSEGV || sig == SIGTRAP) {
		si->fault.addr = addr;
	} else if (sig == SIGIO) {
		si->poll.band = (long)addr;
		si->poll.fd = sender;
	} else {
		si->kill.pid = sender;
	}
}

/* ------------------------------------------------------------------ stacks and timers */

static const struct flag_name ss_flag_names[] = {
	{ SS_ONSTACK, "SS_ONSTACK" }, { SS_DISABLE, "SS_DISABLE" }, { SS_AUTODISARM, "SS_AUTODISARM" },
};

/* sigaltstack's stack_t: {ss_sp=0xc000008000, ss_flags=0, ss_size=32768} */
void
print_sigaltstack(struct trace_fmt *out, uint64_t addr)
{
	struct sigaltstack ss;

	if (!read_struct(out, addr, &ss, sizeof ss))
		return;
	trace_printf(out, "{ss_sp=");
	print_addr(out, ss.ss_sp);
	trace_printf(out, ", ss_flags=");
	print_flags(out, (uint32_t)ss.ss_flags, ss_flag_names, COUNT(ss_flag_names), "0", "SS_???");
	trace_printf(out, ", ss_size=%lu}", ss.ss_size);
}

static const struct flag_name itimer_names[] = {
	{ ITIMER_REAL, "ITIMER_REAL" }, { ITIMER_VIRTUAL, "ITIMER_VIRTUAL" }, { ITIMER_PROF, "ITIMER_PROF" },
};

void
print_itimer_which(struct trace_fmt *out, uint64_t which)
{
	print_xval(out, (uint32_t)which, itimer_names, COUNT(itimer_names), "ITIMER_???");
}

/* {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=1, tv_usec=0}} */
void
print_itimerval(struct trace_fmt *out, uint64_t addr)
{
	struct itimerval it;

	if (read_struct(out, addr, &it, sizeof it))
		trace_printf(out, "{it_interval={tv_sec=%ld, tv_usec=%ld}, it_value={tv_sec=%ld, tv_usec=%ld}}",
			     it.it_interval.tv_sec, it.it_interval.tv_usec, it.it_value.tv_sec,
			     it.it_value.tv_usec);
}

/* ------------------------------------------------------------------ signal frames */

/*
 * rt_sigreturn({mask=[]}): the mask it is about to restore, read from the
 * ucontext at the user's RSP (SIGFRAME, trace.h), where the restorer's
 * syscall finds it.
 */
void
print_sigframe(struct trace_fmt *out, uint64_t rsp)
{
	trace_printf(out, "{mask=");
	print_sigset_at(out, rsp + UCONTEXT_SIGMASK_OFFSET, 8, 8);
	trace_printf(out, "}");
}

/* pselect6's sixth argument: {sigmask=[USR1], sigsetsize=8}, or NULL. */
void
print_pselect6_sigmask(struct trace_fmt *out, uint64_t addr)
{
	struct {
		uint64_t sigmask, sigsetsize;
	} data;

	if (!read_struct(out, addr, &data, sizeof data))
		return;
	trace_printf(out, "{sigmask=");
	print_sigset_at(out, data.sigmask, data.sigsetsize, 8);
	trace_printf(out, ", sigsetsize=%lu}", data.sigsetsize);
}
