/*
 * proc.c - the process table: allocating a slot, finding a process,
 * ending one (exit or a signal) and reaping it, and the end of init,
 * which is the end of the machine (the boot contract's last line).
 */
#include "cpu.h"
#include "panic.h"
#include "power.h"
#include "printk.h"
#include "proc.h"
#include "string.h"
#include "syscall.h"
#include "trace.h"
#include "uaccess.h"
#include "vm.h"
#include "x86.h"

struct proc procs[MAX_PROCS];
struct proc *init_proc;
static int next_pid = 1;

#define PID_MAX 32768            /* pids wrap around here, like Linux's default */

static bool
pid_in_use(int pid)
{
	return proc_find(pid) != NULL;
}

/* A free slot with a kernel stack and a fresh pid, or NULL (table full, no memory). */
struct proc *
proc_alloc(void)
{
	for (int slot = 0; slot < MAX_PROCS; slot++) {
		struct proc *p = &procs[slot];
		if (p->state != PROC_UNUSED)
			continue;
		uint64_t kstack = kstack_map(slot);
		if (kstack == 0)
			return NULL;
		memset(p, 0, sizeof *p);
		p->kstack_top = kstack;
		do {
			p->pid = next_pid;
			next_pid = next_pid == PID_MAX ? 2 : next_pid + 1;
		} while (pid_in_use(p->pid));
		p->state = PROC_SLEEPING;    /* not runnable until fully set up */
		return p;
	}
	return NULL;
}

/* The name shown in messages: the last part of the program's path. */
void
proc_set_name(struct proc *p, const char *path)
{
	const char *base = path;

	for (const char *s = path; *s; s++)
		if (*s == '/' && s[1] != '\0')
			base = s + 1;
	strlcpy(p->name, base, sizeof p->name);
}

struct proc *
proc_find(int pid)
{
	for (int i = 0; i < MAX_PROCS; i++)
		if (procs[i].state != PROC_UNUSED && procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

int
proc_count(void)
{
	int n = 0;

	for (int i = 0; i < MAX_PROCS; i++)
		n += procs[i].state != PROC_UNUSED;
	return n;
}

/* Free what a zombie still holds (its kernel stack and slot); called by wait4. */
void
proc_reap(struct proc *p)
{
	kstack_unmap((int)(p - procs));
	p->state = PROC_UNUSED;
}

const char *
signal_name(int sig)
{
	static const char *const names[] = {
		"SIG0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
		"SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
		"SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
		"SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
		"SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
	};
	if (sig > 0 && sig < (int)(sizeof names / sizeof names[0]))
		return names[sig];
	return sig >= SIGRTMIN && sig <= NSIG ? "SIGRT" : "SIG?";
}

/* init is gone: report it (the kernel's last line) and power off. */
static void __attribute__((noreturn))
init_ended(int wait_status)
{
	int sig = wait_status & 0x7f, code = (wait_status >> 8) & 0xff;

	cli();
	syscall_print_stats();
	sched_print_stats();
	printk("init made %lu system calls\n", init_proc->syscalls);
	if (sig != 0)
		printk("init killed by signal %d (%s)\n", sig, signal_name(sig));
	else
		printk("init exited with status %d\n", code);
	power_off(wait_status == 0 ? EXIT_INIT_OK : EXIT_INIT_FAILED);
}

/* Give p's children to init (orphans are never lost: init reaps them). */
static void
reparent_children(struct proc *p)
{
	bool zombie_moved = false;

	for (int i = 0; i < MAX_PROCS; i++) {
		struct proc *c = &procs[i];
		if (c->state == PROC_UNUSED || c->parent != p)
			continue;
		c->parent = init_proc;
		zombie_moved |= c->state == PROC_ZOMBIE;
	}
	if (zombie_moved)
		wake_up(&init_proc->child_exit);
}

/*
 * End the current process p with a wait status (wstatus_exited or
 * wstatus_signaled). Its memory goes now; its slot and kernel stack stay
 * until the parent collects the status with wait4 (a "zombie").
 */
void
proc_exit(struct proc *p, int wait_status)
{
	uint32_t zero = 0;

	if (p->trace != NULL)
		trace_process_end(p, wait_status);   /* "+++ exited with N +++" */
	if (p == init_proc)
		init_ended(wait_status);
	if (p->clear_child_tid != 0)
		copy_to_user(p->clear_child_tid, &zero, sizeof zero);   /* errors ignored, as Linux */
	fd_table_close_all(&p->fds);     /* pipes see EOF / EPIPE now */
	cli();
	vm_switch(vm_kernel_pml4());
	mm_destroy(&p->mm);
	reparent_children(p);
	p->exit_code = wait_status;
	p->state = PROC_ZOMBIE;
	if (p->vfork_parent != NULL) {
		p->vfork_parent = NULL;
		wake_up(&p->parent->child_exit);
	}
	notify_parent(p);
	schedule();
	panic("a zombie was scheduled");
}

void
proc_kill(struct proc *p, int sig)
{
	proc_exit(p, wstatus_signaled(sig));
}
