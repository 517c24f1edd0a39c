/*
 * proc.c - create a process, enter ring 3, and end it: by exit() or by a
 * signal. When init ends, the kernel reports how (the boot contract's last
 * line) and powers off.
 */
#include "cpu.h"
#include "kheap.h"
#include "memlayout.h"
#include "power.h"
#include "printk.h"
#include "proc.h"
#include "string.h"
#include "syscall.h"
#include "uapi/signal.h"
#include "vm.h"
#include "x86.h"

static int next_pid = 1;
static int live_procs;           /* processes not yet ended, for sysinfo */

int
proc_count(void)
{
	return live_procs;
}

struct proc *
proc_alloc(const char *name)
{
	struct proc *p = kzalloc(sizeof *p);

	if (p == NULL)
		return NULL;
	p->kstack_top = kstack_alloc();
	if (p->kstack_top == 0) {
		kfree(p);
		return NULL;
	}
	const char *base = name;
	for (const char *s = name; *s; s++)
		if (*s == '/')
			base = s + 1;
	strlcpy(p->name, base, sizeof p->name);
	p->pid = next_pid++;
	p->state = PROC_RUNNING;
	live_procs++;
	return p;
}

/*
 * Make p the current process and drop to ring 3 through its trap frame
 * (prepared by exec_load). Ring-3 -> ring-0 entries will use p's kernel
 * stack: SYSCALL finds it in cpu0.kernel_rsp, interrupts in TSS.RSP0.
 */
void
proc_enter_user(struct proc *p)
{
	cpu0.current = p;
	cpu0.kernel_rsp = p->kstack_top;
	tss_set_kernel_stack(p->kstack_top);
	vm_switch(p->mm.pml4);
	wrmsr(MSR_KERNEL_GS_BASE, 0);     /* the user's GS base after SWAPGS */
	enter_user_mode(proc_frame(p));
}

const char *
signal_name(int sig)
{
	static const char *const names[] = {
		"SIG0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
		"SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
		"SIGPIPE", "SIGALRM", "SIGTERM",
	};
	if (sig > 0 && sig < (int)(sizeof names / sizeof names[0]))
		return names[sig];
	return "SIG?";
}

/* init is gone: report it (the kernel's last line) and power off. */
static void __attribute__((noreturn))
init_ended(struct proc *p)
{
	syscall_print_stats();
	if (p->term_signal)
		printk("init killed by signal %d (%s)\n", p->term_signal, signal_name(p->term_signal));
	else
		printk("init exited with status %d\n", p->exit_status);
	power_off(p->exit_status == 0 && p->term_signal == 0 ? EXIT_INIT_OK : EXIT_INIT_FAILED);
}

static void __attribute__((noreturn))
proc_finish(struct proc *p)
{
	p->state = PROC_ZOMBIE;
	vm_switch(vm_kernel_pml4());
	mm_destroy(&p->mm);
	live_procs--;
	init_ended(p);   /* only init exists so far */
}

void
proc_exit(struct proc *p, int status)
{
	p->exit_status = status & 0xff;
	proc_finish(p);
}

void
proc_kill(struct proc *p, int sig)
{
	p->term_signal = sig;
	proc_finish(p);
}
