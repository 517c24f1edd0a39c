/*
 * sys_proc.c - process system calls: identity, fork/vfork/execve,
 * wait4, exit, process groups and sessions, and a few small ones
 * (uname, the user ids, set_tid_address, arch_prctl, sched_yield).
 */
#include "cpu.h"
#include "exec.h"
#include "kheap.h"
#include "memlayout.h"
#include "power.h"
#include "printk.h"
#include "proc.h"
#include "string.h"
#include "syscall.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/utsname.h"
#include "x86.h"

#define PATH_MAX 4096

/* The process id is the thread group's; each thread has its own id too. */
long sys_getpid(void) { return current_proc()->tg->tgid; }
long sys_gettid(void) { return current_proc()->pid; }
long sys_getppid(void) { struct thread_group *tg = current_proc()->tg; return tg->parent ? tg->parent->tgid : 0; }
/* There is one user, root. */
long sys_getuid(void) { return 0; }
long sys_geteuid(void) { return 0; }
long sys_getgid(void) { return 0; }
long sys_getegid(void) { return 0; }

/* exit(2) ends the calling thread (the process ends with its last thread);
 * exit_group(2) - what libc's exit() calls - ends all of them. */
long
sys_exit(int status)
{
	proc_exit(current_proc(), wstatus_exited(status));
}

long
sys_exit_group(int status)
{
	struct proc *p = current_proc();

	cli();
	signal_group_exit(p->tg, wstatus_exited(status));
	proc_exit(p, p->tg->group_exit_code);   /* a fatal signal may have come first */
}

/* fork and vfork are clone with fixed flags (proc/clone.c). */
long
sys_fork(void)
{
	struct kernel_clone_args a = { .flags = SIGCHLD };
	return proc_clone(current_proc(), &a);
}

long
sys_vfork(void)
{
	struct kernel_clone_args a = { .flags = CLONE_VM | CLONE_VFORK | SIGCHLD };
	return proc_clone(current_proc(), &a);
}

long
sys_clone(uint64_t flags, uint64_t stack, uint64_t parent_tid, uint64_t child_tid, uint64_t tls)
{
	struct kernel_clone_args a = { flags, stack, parent_tid, child_tid, tls };
	return proc_clone(current_proc(), &a);
}

long
sys_execve(uint64_t upath, uint64_t argv, uint64_t envp)
{
	struct exec_args args = { .from_user = true, .uargv = argv, .uenvp = envp };
	const char *reason;
	char *path = kmalloc(KMALLOC_MAX - 16);
	long err;

	if (path == NULL)
		return -ENOMEM;
	err = strncpy_from_user(path, upath, KMALLOC_MAX - 16);
	if (err >= 0)
		err = exec_program(current_proc(), path, &args, &reason);
	kfree(path);
	return err;
}

/* Is slot c the first thread of a child process of parent that matches
 * wait4's pid argument (Linux's rules)? */
static bool
wait_matches(const struct proc *c, const struct thread_group *parent, int pid)
{
	if (!proc_is_leader(c) || c->tg->parent != parent)
		return false;
	if (pid > 0)
		return c->tg->tgid == pid;
	if (pid == 0)
		return c->tg->pgid == parent->pgid;
	if (pid < -1)
		return c->tg->pgid == -pid;
	return true;                 /* -1: any child */
}

struct wait_search {
	struct thread_group *parent;
	int pid, options;
	struct thread_group *found;  /* a child with something to report */
	bool any;                    /* some child matches at all */
};

/* Is there a zombie (or, with WUNTRACED/WCONTINUED, a stopped/continued child) to report? */
static bool
find_waitable(void *arg)
{
	struct wait_search *w = arg;

	w->any = false;
	for (int i = 0; i < MAX_PROCS; i++) {
		struct proc *c = &procs[i];
		if (!wait_matches(c, w->parent, w->pid))
			continue;
		w->any = true;
		bool stopped = c->tg->stopped && (w->options & WUNTRACED);
		bool continued = c->tg->exit_code == WSTATUS_CONTINUED && (w->options & WCONTINUED);
		if (c->tg->exited || ((stopped || continued) && !c->tg->reported)) {
			w->found = c->tg;
			return true;
		}
	}
	return !w->any;              /* no such child at all: stop waiting */
}

long
sys_wait4(int pid, uint64_t ustatus, int options, uint64_t rusage)
{
	struct wait_search w = { .parent = current_proc()->tg, .pid = pid, .options = options };

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | 0xe0000000))   /* + __WALL etc. */
		return -EINVAL;
	if (options & WNOHANG)
		find_waitable(&w);
	else if (wait_event(&w.parent->child_exit, find_waitable, &w, 0) < 0)
		return -ERESTARTSYS;     /* a signal: restart, or EINTR (SA_RESTART decides) */
	if (!w.any)
		return -ECHILD;
	if (w.found == NULL)
		return 0;                /* WNOHANG and nothing yet */
	/* Collect first, then copy out: like Linux, a bad status pointer still
	 * reaps the child and then reports -EFAULT. */
	struct thread_group *c = w.found;
	int status = c->exit_code, cpid = c->tgid;
	static const uint8_t zeros[144];         /* struct rusage: not tracked yet */
	c->reported = true;
	if (c->exited)
		proc_reap(c->leader);    /* the zombie's slot; the group goes with it */
	if (ustatus != 0 && copy_to_user(ustatus, &status, sizeof status) < 0)
		return -EFAULT;
	if (rusage != 0 && copy_to_user(rusage, zeros, sizeof zeros) < 0)
		return -EFAULT;
	return cpid;
}

long
sys_sched_yield(void)
{
	sched_yield_cpu();
	return 0;
}

/* ------------------------------------------------------------------ groups and sessions */

static bool
group_exists_in_session(int pgid, int sid)
{
	for (int i = 0; i < MAX_PROCS; i++)
		if (proc_exists(&procs[i]) && !procs[i].tg->exited &&
		    procs[i].tg->pgid == pgid && procs[i].tg->sid == sid)
			return true;
	return false;
}

long
sys_setpgid(int pid, int pgid)
{
	struct thread_group *self = current_proc()->tg;
	struct thread_group *p = pid == 0 ? self : process_find(pid);

	if (pgid < 0)
		return -EINVAL;
	if (p == NULL || (p != self && p->parent != self))
		return -ESRCH;
	if (p->sid == p->tgid || p->sid != self->sid)
		return -EPERM;           /* a session leader, or another session */
	if (pgid == 0)
		pgid = p->tgid;
	if (pgid != p->tgid && !group_exists_in_session(pgid, self->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

long
sys_getpgid(int pid)
{
	struct thread_group *p = pid == 0 ? current_proc()->tg : process_find(pid);
	return p ? p->pgid : -ESRCH;
}

long
sys_getpgrp(void)
{
	return current_proc()->tg->pgid;
}

long
sys_setsid(void)
{
	struct thread_group *tg = current_proc()->tg;

	for (int i = 0; i < MAX_PROCS; i++)   /* a group leader (or its group) exists: no */
		if (proc_exists(&procs[i]) && procs[i].tg->pgid == tg->tgid)
			return -EPERM;
	tg->sid = tg->pgid = tg->tgid;
	return tg->sid;
}

long
sys_getsid(int pid)
{
	struct thread_group *p = pid == 0 ? current_proc()->tg : process_find(pid);
	return p ? p->sid : -ESRCH;
}

/* ------------------------------------------------------------------ small ones */

long
sys_uname(uint64_t buf)
{
	static const struct utsname uts = {
		.sysname = "Linux",          /* the ABI we implement (WSL 1 did the same) */
		.nodename = "teachos",
		.release = "6.1.0-teachos",
		.version = "#1 teachos",
		.machine = "x86_64",
		.domainname = "(none)",
	};
	return copy_to_user(buf, &uts, sizeof uts);
}

/* set_tid_address(2): at exit, write 0 to *tidptr (threads libraries wait on it). */
long
sys_set_tid_address(uint64_t tidptr)
{
	current_proc()->clear_child_tid = tidptr;
	return current_proc()->pid;
}

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/* arch_prctl(2): the FS base (libc's thread-local storage) and the GS base. */
long
sys_arch_prctl(int code, uint64_t addr)
{
	struct proc *p = current_proc();

	switch (code) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (addr >= USER_TOP)
			return -EPERM;       /* Linux: only user addresses */
		if (code == ARCH_SET_FS)
			segregs_set_fs_base(p, addr);
		else                     /* the kernel's own GS base is swapped in on entry */
			segregs_set_gs_base(p, addr);
		return 0;
	case ARCH_GET_FS:
	case ARCH_GET_GS: {
		uint64_t base = code == ARCH_GET_FS ? segregs_fs_base() : segregs_gs_base();
		return copy_to_user(addr, &base, sizeof base);
	}
	default:
		return -EINVAL;
	}
}

#define REBOOT_MAGIC1 0xfee1dead
#define REBOOT_MAGIC2 672274793
#define REBOOT_CMD_RESTART 0x01234567
#define REBOOT_CMD_HALT 0xcdef0123
#define REBOOT_CMD_POWER_OFF 0x4321fedc

/* reboot(2): with Linux's magic numbers, power off (or halt; restart powers off too). */
long
sys_reboot(unsigned magic1, unsigned magic2, unsigned cmd, uint64_t arg)
{
	(void)arg;
	if (magic1 != REBOOT_MAGIC1 || magic2 != REBOOT_MAGIC2)
		return -EINVAL;
	if (cmd != REBOOT_CMD_POWER_OFF && cmd != REBOOT_CMD_HALT && cmd != REBOOT_CMD_RESTART)
		return -EINVAL;
	printk("reboot: Power down\n");
	power_off(EXIT_INIT_OK);
}

/* ------------------------------------------------------------------ limits and CPUs */

long
sys_getrlimit(int resource, uint64_t ulim)
{
	struct rlimit lim;
	int err = rlimit_get(current_proc()->tg, resource, &lim);

	if (err)
		return err;
	return copy_to_user(ulim, &lim, sizeof lim);
}

long
sys_setrlimit(int resource, uint64_t ulim)
{
	struct rlimit lim;

	if (copy_from_user(&lim, ulim, sizeof lim) < 0)
		return -EFAULT;
	return rlimit_set(current_proc()->tg, current_proc()->files, resource, &lim);
}

/* The descriptor table of a live thread of tg (they all share one, CLONE_FILES). */
static struct fd_table *
files_of(struct thread_group *tg)
{
	for (int i = 0; i < MAX_PROCS; i++)
		if (proc_exists(&procs[i]) && procs[i].tg == tg && procs[i].files != NULL)
			return procs[i].files;
	return NULL;
}

/* prlimit64(pid, resource, new, old): getrlimit and setrlimit in one, for any process. */
long
sys_prlimit64(int pid, int resource, uint64_t unew, uint64_t uold)
{
	struct thread_group *tg = pid == 0 ? current_proc()->tg : process_find(pid);
	struct rlimit new, old;

	if (unew != 0 && copy_from_user(&new, unew, sizeof new) < 0)
		return -EFAULT;
	if (tg == NULL || tg->exited)
		return -ESRCH;
	int err = rlimit_get(tg, resource, &old);
	if (err == 0 && unew != 0)
		err = rlimit_set(tg, files_of(tg), resource, &new);
	if (err)
		return err;
	return uold != 0 ? copy_to_user(uold, &old, sizeof old) : 0;
}

/*
 * sched_getaffinity(2): the CPUs a thread may run on, as a bit mask; the
 * result is the mask's size in bytes. One CPU here: CPU 0. Go's runtime
 * asks first thing, to decide how many threads run Go code at once
 * (GOMAXPROCS): the lesson's trace shows it.
 */
#define CPU_MASK_BYTES 8         /* as Linux with nr_cpu_ids <= 64 */
#define CPUS_ONLINE 1UL          /* bit 0: CPU 0 */

static struct proc *
affinity_target(int pid)
{
	return pid == 0 ? current_proc() : pid > 0 ? proc_find(pid) : NULL;
}

long
sys_sched_getaffinity(int pid, size_t len, uint64_t umask)
{
	uint64_t mask = CPUS_ONLINE;

	if (affinity_target(pid) == NULL)
		return -ESRCH;
	if (len < CPU_MASK_BYTES || (len & 7) != 0)
		return -EINVAL;          /* too small for every CPU, or not whole words */
	if (copy_to_user(umask, &mask, sizeof mask) < 0)
		return -EFAULT;
	return CPU_MASK_BYTES;
}

/* sched_setaffinity(2): accepted if it allows some CPU that exists. */
long
sys_sched_setaffinity(int pid, size_t len, uint64_t umask)
{
	uint64_t mask = 0;

	if (affinity_target(pid) == NULL)
		return -ESRCH;
	if (copy_from_user(&mask, umask, len < sizeof mask ? len : sizeof mask) < 0)
		return -EFAULT;
	return mask & CPUS_ONLINE ? 0 : -EINVAL;
}
