/*
 * procfs.c - /proc: files whose text the kernel writes when they are
 * opened, so that tools like ps and free need no private system calls.
 *
 *   /proc/meminfo        MemTotal, MemFree, MemAvailable, Slab (kB)
 *   /proc/slabinfo       the kernel heap's size classes (mm/kheap.c), Linux's format
 *   /proc/uptime         seconds since boot, seconds idle
 *   /proc/interrupts     interrupts taken per IRQ line, and NMIs
 *   /proc/<pid>/status   Name, State, Pid, PPid, groups, memory, system calls
 *   /proc/<pid>/maps     the process's areas, in Linux's format
 *   /proc/<pid>/exe      a symbolic link to the program it runs
 *   /proc/<pid>/trace    write-only: strace's options; tracing starts at the
 *                        process's next execve (trace/trace.c)
 *   /proc/self           a symbolic link to the calling process's directory
 *
 * The <pid> directories do not exist in the tree: a lookup in /proc makes
 * a node for the name on demand (initrd_node.lookup_child), freed when no
 * longer used (initrd_put).
 */
#include "clock.h"
#include "cpu.h"
#include "format.h"
#include "kheap.h"
#include "memlayout.h"
#include "pmm.h"
#include "proc.h"
#include "string.h"
#include "trace.h"
#include "trap.h"
#include "vm.h"
#include "uapi/errno.h"
#include "vfs.h"

static struct initrd_node *proc_root;

#define PROC_PID_INO(pid, n) (0x100000UL + (uint64_t)(pid) * 8 + (n))
#define PROC_SELF_INO PROC_PID_INO(0, 5)   /* no process has id 0; 5: its place in /proc */

static long
gen_meminfo(int arg, char *buf, size_t size)
{
	(void)arg;
	uint64_t total = pmm_total_frames() * 4, free = pmm_free_frames() * 4;
	/* Slab: pages the kernel heap holds, in use or free (it never gives them back). */
	return format_snprintf(buf, size, "MemTotal:       %8lu kB\nMemFree:        %8lu kB\n"
			       "MemAvailable:   %8lu kB\nSlab:           %8lu kB\n", total, free, free,
			       (uint64_t)kheap_pages() * 4);
}

/*
 * Linux's /proc/slabinfo (version 2.1), one line per kmalloc size class:
 * blocks in use, blocks cut so far, their size, per page, pages per slab.
 * A block freed by kfree stays in its class: active_objs going back to
 * where it was shows that nothing leaked, even when num_objs grew.
 */
static long
gen_slabinfo(int arg, char *buf, size_t size)
{
	struct kheap_stats st;
	size_t used = (size_t)format_snprintf(buf, size, "slabinfo - version: 2.1\n"
		"# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
		" : tunables <limit> <batchcount> <sharedfactor>"
		" : slabdata <active_slabs> <num_slabs> <sharedavail>\n");

	(void)arg;
	for (int c = 0; kheap_class_stats(c, &st) && used < size; c++) {
		char name[24];
		format_snprintf(name, sizeof name, "kmalloc-%lu", (uint64_t)st.block_size);
		used += (size_t)format_snprintf(buf + used, size - used,
			"%-17s %6lu %6lu %6lu %4lu %4d : tunables %4d %4d %4d : slabdata %6lu %6lu %6d\n",
			name, (uint64_t)st.in_use, (uint64_t)st.blocks, (uint64_t)st.block_size,
			(uint64_t)(PAGE_SIZE / st.block_size), 1, 0, 0, 0, (uint64_t)st.pages,
			(uint64_t)st.pages, 0);
	}
	return (long)(used < size ? used : size);
}

static long
gen_uptime(int arg, char *buf, size_t size)
{
	(void)arg;
	uint64_t ms = clock_monotonic_ns() / 1000000, idle = idle_ticks * 1000 / HZ;
	return format_snprintf(buf, size, "%lu.%02lu %lu.%02lu\n", ms / 1000, ms % 1000 / 10,
			       idle / 1000, idle % 1000 / 10);
}

/* Linux's layout: one column per CPU, then the controller and the device. */
static long
gen_interrupts(int arg, char *buf, size_t size)
{
	static const struct { int irq; const char *name; } lines[] = {
		{ IRQ_TIMER, "timer" }, { IRQ_KEYBOARD, "i8042" }, { IRQ_COM1, "ttyS0" },
	};
	long n = format_snprintf(buf, size, "           CPU0       \n");

	(void)arg;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0] && (size_t)n < size; i++)
		n += format_snprintf(buf + n, size - (size_t)n, "%3d: %10lu    XT-PIC  %-8s\n",
				     lines[i].irq, irq_counts[lines[i].irq], lines[i].name);
	if ((size_t)n < size)
		n += format_snprintf(buf + n, size - (size_t)n, "NMI: %10lu   Non-maskable interrupts\n",
				     nmi_count);
	return n;
}

static const char *
state_letter(enum proc_state s)
{
	switch (s) {
	case PROC_RUNNING: case PROC_RUNNABLE: return "R (running)";
	case PROC_SLEEPING: return "S (sleeping)";
	case PROC_STOPPED: return "T (stopped)";
	case PROC_ZOMBIE: return "Z (zombie)";
	default: return "X (dead)";
	}
}

/* Pages in memory for p (its resident size); 0 once it has ended. */
static uint64_t
resident_pages(struct proc *p)
{
	return p->mm == NULL ? 0 : mm_resident_pages(p->mm);
}

/* SigIgn (caught == false: set to SIG_IGN) and SigCgt (caught: a handler function). */
static sigset_t
handler_mask(const struct proc *p, bool caught)
{
	sigset_t mask = 0;

	for (int sig = 1; sig <= NSIG; sig++) {
		uint64_t h = sig_action(p, sig)->handler;
		if (caught ? h != SIG_IGN && h != SIG_DFL : h == SIG_IGN)
			mask |= sig_bit(sig);
	}
	return mask;
}

static long
gen_status(int pid, char *buf, size_t size)
{
	struct proc *p = proc_find(pid);

	if (p == NULL)
		return -ENOENT;
	return format_snprintf(buf, size,
		"Name:\t%s\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n"
		"Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nVmRSS:\t%lu kB\nThreads:\t%d\n"
		"SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\n"
		"SigCgt:\t%016lx\n"
		"Syscalls:\t%lu\nCpuTimeMs:\t%lu\n",
		p->name, state_letter(p->state), p->tg->tgid, p->pid,
		p->tg->parent ? p->tg->parent->tgid : 0, p->tg->pgid, p->tg->sid, resident_pages(p) * 4,
		p->tg->nr_threads, p->sig.pending.set, p->tg->shared_pending.set, p->sig.blocked,
		handler_mask(p, false), handler_mask(p, true), p->syscalls,
		tsc_to_ns(proc_cpu_cycles(p)) / 1000000);
}

static const char *
vma_name(const struct vma *v)
{
	if (v->shm != NULL)
		return "/dev/zero (deleted)";   /* Linux's name for shared anonymous memory */
	switch (v->kind) {
	case VMA_HEAP: return "[heap]";
	case VMA_STACK: return "[stack]";
	case VMA_VVAR: return "[vvar]";
	case VMA_VDSO: return "[vdso]";
	default: return "";
	}
}

/* Linux's /proc/<pid>/maps: start-end perms offset dev inode name. */
static long
gen_maps(int pid, char *buf, size_t size)
{
	struct proc *p = proc_find(pid);
	size_t used = 0;

	if (p == NULL)
		return -ENOENT;
	if (p->mm == NULL)
		return 0;                /* ended: no memory left */
	for (struct vma *v = p->mm->vmas.head; v != NULL && used < size; v = v->next)
		used += (size_t)format_snprintf(buf + used, size - used,
			"%012lx-%012lx %c%c%c%c %08lx 00:00 0 %s%s\n", v->start, v->end,
			v->prot & VMA_READ ? 'r' : '-', v->prot & VMA_WRITE ? 'w' : '-',
			v->prot & VMA_EXEC ? 'x' : '-', v->shm != NULL ? 's' : 'p',
			v->pgoff * PAGE_SIZE, *vma_name(v) ? "                   " : "", vma_name(v));
	return (long)(used < size ? used : size);
}

/* Writing to /proc/<pid>/trace: tracing options for that process. */
static int
control_trace(int pid, const char *text, size_t len)
{
	struct proc *p = proc_find(pid);

	if (p == NULL)
		return -ESRCH;
	if (p != current_proc())
		return -EPERM;           /* only a process itself (strace's child) */
	return trace_configure(p, text, len);
}

/*
 * /proc/<pid>/exe: a symbolic link to the program the process runs.
 * busybox re-executes itself through /proc/self/exe to run its applets.
 */
static long
exe_link(int pid, char *buf, size_t size)
{
	struct proc *p = proc_find(pid);
	char path[256];

	if (p == NULL || p->tg->exe == NULL)
		return -ENOENT;
	size_t len = initrd_node_path(p->tg->exe, path, sizeof path);
	if (len >= sizeof path)
		return -ENAMETOOLONG;
	if (len > size)
		len = size;
	memcpy(buf, path, len);
	return (long)len;
}

/* /proc/self: a symbolic link to the calling process's directory, "1234". */
static long
self_link(int unused, char *buf, size_t size)
{
	char pid[12];
	size_t len = (size_t)format_snprintf(pid, sizeof pid, "%d", current_proc()->tg->tgid);

	(void)unused;
	if (len > size)
		len = size;
	memcpy(buf, pid, len);
	return (long)len;
}

/* Entries of /proc/<pid>. */
static struct initrd_node *
pid_dir_lookup(struct initrd_node *dir, const char *name, size_t len)
{
	struct initrd_node *n = NULL;
	int pid = dir->gen_arg;

	if (len == 6 && strncmp(name, "status", 6) == 0) {
		n = initrd_new_dynamic(dir, "status", S_IFREG | 0444, PROC_PID_INO(pid, 1));
		if (n)
			n->generate = gen_status;
	} else if (len == 4 && strncmp(name, "maps", 4) == 0) {
		n = initrd_new_dynamic(dir, "maps", S_IFREG | 0444, PROC_PID_INO(pid, 2));
		if (n)
			n->generate = gen_maps;
	} else if (len == 3 && strncmp(name, "exe", 3) == 0) {
		n = initrd_new_dynamic(dir, "exe", S_IFLNK | 0777, PROC_PID_INO(pid, 4));
		if (n)
			n->link_target = exe_link;
	} else if (len == 5 && strncmp(name, "trace", 5) == 0) {
		n = initrd_new_dynamic(dir, "trace", S_IFREG | 0200, PROC_PID_INO(pid, 3));
		if (n)
			n->control = control_trace;
	}
	if (n != NULL)
		n->gen_arg = pid;
	return n;
}

static int
parse_pid(const char *name, size_t len)
{
	int pid = 0;

	if (len == 0 || len > 6)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid;
}

static struct initrd_node *
pid_dir(int pid)
{
	char name[12];
	struct initrd_node *n;

	if (proc_find(pid) == NULL)
		return NULL;
	format_snprintf(name, sizeof name, "%d", pid);
	n = initrd_new_dynamic(proc_root, name, S_IFDIR | 0555, PROC_PID_INO(pid, 0));
	if (n != NULL) {
		n->lookup_child = pid_dir_lookup;
		n->gen_arg = pid;
	}
	return n;
}

/* Entries of /proc itself: the fixed files, "self", and one directory per process. */
static struct initrd_node *
proc_lookup(struct initrd_node *dir, const char *name, size_t len)
{
	struct initrd_node *n = initrd_find_child(dir, name, len);

	if (n != NULL)
		return n;
	if (len == 4 && strncmp(name, "self", 4) == 0) {
		/* The process, from any of its threads; the walk follows the link. */
		n = initrd_new_dynamic(proc_root, "self", S_IFLNK | 0777, PROC_SELF_INO);
		if (n != NULL)
			n->link_target = self_link;
		return n;
	}
	int pid = parse_pid(name, len);
	return pid > 0 ? pid_dir(pid) : NULL;
}

/* getdents64 in /proc (fixed entries, then the live pids) or in /proc/<pid>. */
long
procfs_getdents(struct file *f, uint64_t ubuf, size_t n)
{
	/* The files of /proc/<pid>, with the inode numbers pid_dir_lookup gives them. */
	static const char *const pid_entries[] = { ".", "..", "status", "maps", "exe", "trace" };
	static const uint8_t pid_types[] = { DT_DIR, DT_DIR, DT_REG, DT_REG, DT_LNK, DT_REG };
	static const uint8_t pid_inos[] = { 0, 0, 1, 2, 4, 3 };
	static const char *const root_entries[] = { ".", "..", "meminfo", "uptime", "interrupts",
						    "self", "slabinfo" };
	static const uint8_t root_types[] = { DT_DIR, DT_DIR, DT_REG, DT_REG, DT_REG, DT_LNK, DT_REG };
	enum { ROOT_ENTRIES = sizeof root_entries / sizeof root_entries[0] };
	size_t used = 0;

	for (;; f->offset++) {
		char name[16];
		uint64_t ino = PROC_PID_INO(f->node->gen_arg, f->offset);
		uint8_t type = DT_REG;
		if (f->node != proc_root) {
			if (f->offset >= 6)
				break;
			strlcpy(name, pid_entries[f->offset], sizeof name);
			type = pid_types[f->offset];
			ino = PROC_PID_INO(f->node->gen_arg, pid_inos[f->offset]);
		} else if (f->offset < ROOT_ENTRIES) {
			strlcpy(name, root_entries[f->offset], sizeof name);
			type = root_types[f->offset];
		} else if (f->offset - ROOT_ENTRIES < MAX_PROCS) {
			struct proc *p = &procs[f->offset - ROOT_ENTRIES];
			if (!proc_is_leader(p))
				continue;        /* processes only; a thread's id still works in lookups */
			format_snprintf(name, sizeof name, "%d", p->pid);
			ino = PROC_PID_INO(p->pid, 0);
			type = DT_DIR;
		} else {
			break;
		}
		long r = dir_put_dirent(ubuf + used, n - used, ino, (int64_t)f->offset + 1, type, name);
		if (r < 0)
			return r;
		if (r == 0)
			return used > 0 ? (long)used : -EINVAL;
		used += (size_t)r;
	}
	return (long)used;
}

void
procfs_init(void)
{
	proc_root = initrd_add("/proc", S_IFDIR | 0555);
	if (proc_root == NULL)
		return;
	proc_root->lookup_child = proc_lookup;
	struct initrd_node *m = initrd_new_node(proc_root, "meminfo", 7, S_IFREG | 0444);
	struct initrd_node *u = initrd_new_node(proc_root, "uptime", 6, S_IFREG | 0444);
	struct initrd_node *i = initrd_new_node(proc_root, "interrupts", 10, S_IFREG | 0444);
	struct initrd_node *sl = initrd_new_node(proc_root, "slabinfo", 8, S_IFREG | 0444);
	if (m)
		m->generate = gen_meminfo;
	if (u)
		u->generate = gen_uptime;
	if (i)
		i->generate = gen_interrupts;
	if (sl)
		sl->generate = gen_slabinfo;
}
