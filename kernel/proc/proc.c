/*
 * proc.c - the thread table and the processes (thread groups) made of its
 * threads: allocating a slot, finding a thread or a process, ending a
 * thread (exit or a signal) and freeing what it held, and the end of init,
 * which is the end of the machine (the boot contract's last line).
 */
#include "cpu.h"
#include "futex.h"
#include "kheap.h"
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
	for (int i = 0; i < MAX_PROCS; i++)
		if (procs[i].state != PROC_UNUSED && procs[i].pid == pid)
			return true;
	return false;
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
		p->state = PROC_NEW;         /* no one looks at it until it is set up */
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

/* The thread with this id. */
struct proc *
proc_find(int pid)
{
	for (int i = 0; i < MAX_PROCS; i++)
		if (proc_exists(&procs[i]) && procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

/* The process with this id (its first thread's id), ended or not. */
struct thread_group *
process_find(int tgid)
{
	struct proc *p = proc_find(tgid);

	return p != NULL && p->tg->leader == p ? p->tg : NULL;
}

int
proc_count(void)
{
	int n = 0;

	for (int i = 0; i < MAX_PROCS; i++)
		n += procs[i].state != PROC_UNUSED;
	return n;
}

/* ------------------------------------------------------------------ shared parts */

struct thread_group *
thread_group_new(struct proc *leader)
{
	struct thread_group *tg = kzalloc(sizeof *tg);

	if (tg == NULL)
		return NULL;
	tg->refs = 1;
	tg->tgid = leader->pid;
	tg->leader = leader;
	tg->nr_threads = 1;
	tg->exit_signal = SIGCHLD;
	return tg;
}

void
thread_group_put(struct thread_group *tg)
{
	if (--tg->refs > 0)
		return;
	if (tg->sighand != NULL)
		sighand_put(tg->sighand);
	kfree(tg);
}

struct fs_struct *
fs_new(struct initrd_node *cwd)
{
	struct fs_struct *fs = kzalloc(sizeof *fs);

	if (fs != NULL) {
		fs->refs = 1;
		fs->cwd = cwd;
	}
	return fs;
}

struct fs_struct *
fs_get(struct fs_struct *fs)
{
	fs->refs++;
	return fs;
}

void
fs_put(struct fs_struct *fs)
{
	if (--fs->refs == 0)
		kfree(fs);
}

/*
 * Free what an ended thread still holds: its kernel stack and its slot.
 * Called by wait4 for a process's zombie first thread, and by
 * sched_finish_switch for any other thread, right after the CPU has left
 * its stack for good.
 */
void
proc_reap(struct proc *p)
{
	struct thread_group *tg = p->tg;

	kstack_unmap((int)(p - procs));
	/* The timer tick walks the table (itimer_tick) and follows p->tg of
	 * every slot in use: the slot must never be seen in use without it. */
	bool irq = irq_save();
	p->state = PROC_UNUSED;
	p->tg = NULL;
	irq_restore(irq);
	if (tg != NULL)
		thread_group_put(tg);
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

/* Give the children of tg to init (orphans are never lost: init reaps them).
 * Their end is signalled with SIGCHLD from now on, whatever exit signal
 * clone gave them: init did not choose it, and a SIGKILL or SIGUSR1 would
 * end init, and the machine (Linux's reparent_leader: "We don't want people
 * slaying init"). */
static void
reparent_children(struct thread_group *tg)
{
	struct thread_group *init = init_proc->tg;
	bool zombie_moved = false;

	for (int i = 0; i < MAX_PROCS; i++) {
		struct proc *c = &procs[i];
		if (!proc_is_leader(c) || c->tg->parent != tg)
			continue;
		c->tg->parent = init;
		c->tg->exit_signal = SIGCHLD;
		zombie_moved |= c->tg->exited;
	}
	if (zombie_moved)
		wake_up(&init->child_exit);
}

/* Does tg's parent want no zombies: SIGCHLD set to SIG_IGN, or SA_NOCLDWAIT? */
static bool
parent_reaps_nothing(const struct thread_group *tg)
{
	const struct kernel_sigaction *ka;

	if (tg->parent == NULL)
		return false;
	ka = &tg->parent->sighand->action[SIGCHLD - 1];
	return ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
}

/*
 * The last thread of tg has ended: the process is a zombie until its
 * parent's wait4 - unless the parent said it wants none (POSIX): then it
 * goes at once. Returns true in that case.
 */
static bool
process_ended(struct thread_group *tg, int wait_status)
{
	bool autoreap = parent_reaps_nothing(tg);

	reparent_children(tg);
	tg->exit_code = wait_status;
	tg->exited = true;
	notify_parent(tg);               /* SIGCHLD (dropped if ignored), wake wait4 */
	if (autoreap)
		tg->parent = NULL;       /* no longer anyone's child: wait4 cannot find it */
	return autoreap;
}

/*
 * End the current thread p with a wait status (wstatus_exited or
 * wstatus_signaled). What it shares (memory, files, directory) loses one
 * user now, and goes when the last user goes. If p was the last thread of
 * its process, the process becomes a zombie: its first thread's slot and
 * the thread group stay until the parent collects the status with wait4.
 */
void
proc_exit(struct proc *p, int wait_status)
{
	struct thread_group *tg = p->tg;

	/* strace: "+++ exited with N +++" - for the first thread of a process
	 * that goes on without it, only when the process ends (below). */
	if (p->trace != NULL && p == tg->leader && tg->nr_threads > 1)
		trace_leader_ends_early(p);
	else if (p->trace != NULL)
		trace_process_end(p, wait_status);
	if (tg == init_proc->tg && tg->nr_threads == 1)
		init_ended(tg->group_exiting ? tg->group_exit_code : wait_status);
	futex_thread_release(p);         /* robust futexes; pthread_join's wake-up */
	files_put(p->files);
	fs_put(p->fs);
	cli();
	vm_switch(vm_kernel_pml4());         /* off the page tables mm_put may free */
	mm_put(p->mm);
	p->files = NULL, p->fs = NULL, p->mm = NULL;
	vfork_release(p);                    /* a vfork parent may run again */
	bool autoreap = false;
	if (tg->exec_thread != NULL)     /* an execve waits for the other threads to end */
		wake_up(&tg->child_exit);
	if (--tg->nr_threads == 0) {     /* the process's status: exit_group's or the signal's */
		int status = tg->group_exiting ? tg->group_exit_code : wait_status;
		if (tg->leader != p && tg->leader->trace != NULL)
			trace_process_end(tg->leader, status);
		autoreap = process_ended(tg, status);
	}
	/* The first thread stays as the zombie process, unless nobody will wait. */
	if (autoreap && p != tg->leader)
		proc_reap(tg->leader);   /* it ended earlier: its stack is unused */
	p->state = p == tg->leader && !autoreap ? PROC_ZOMBIE : PROC_DEAD;
	schedule();
	panic("an ended thread was scheduled");
}

/* End p's whole process by sig (every thread: signal_group_exit). */
void
proc_kill(struct proc *p, int sig)
{
	cli();
	signal_group_exit(p->tg, wstatus_signaled(sig));
	proc_exit(p, wstatus_signaled(sig));
}
