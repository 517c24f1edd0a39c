/*
 * segregs.c - each thread's own data segment registers: DS, ES, FS, GS.
 *
 * In 64-bit mode DS and ES do nothing and FS and GS only add a base, yet
 * a program may load any of them (`mov %ax, %es`), read them back, and
 * expect to find what it loaded - and nothing else. SYSCALL, SYSRET and
 * interrupts never touch them, so without care one thread's selectors
 * would stay in the CPU for the next thread, and loading a selector into
 * FS (which resets the FS base to the descriptor's, 0) would be undone by
 * the next switch writing the old arch_prctl base back. Linux's
 * __switch_to saves and restores them; so does this file:
 *
 *   switch out   save the four selectors; a thread running with a selector
 *                in FS (or GS) has that descriptor's base (0), not its
 *                arch_prctl one
 *   switch in    load what differs; FS base and the user's GS base from
 *                the thread (the GS base waits in MSR_KERNEL_GS_BASE while
 *                the kernel runs: SWAPGS swaps it in on the way out)
 *
 * Loading GS in ring 0 would change the kernel's own GS base (per-CPU
 * data), so a user GS selector is loaded between two SWAPGS, with
 * interrupts off (Linux's load_gs_index).
 */
#include "cpu.h"
#include "proc.h"
#include "segregs.h"
#include "x86.h"

/*
 * Load a selector into a data segment register. The CPU checks it
 * against the GDT: one it refuses (#GP) loads 0 instead, through the
 * exception table, like Linux's loadsegment(). The selectors come from
 * what a thread once loaded itself, so they were valid then.
 */
#define LOAD_SEGMENT(seg, value)                                        \
	__asm__ volatile("1: movw %w0, %%" #seg "\n"                    \
			 "2:\n"                                         \
			 ".pushsection .text.fixup, \"ax\"\n"          \
			 "3: xorl %k0, %k0\n"                           \
			 "   jmp 1b\n"                                  \
			 ".popsection\n"                                \
			 ".pushsection __ex_table, \"a\"\n"            \
			 ".balign 8\n"                                  \
			 ".quad 1b, 3b\n"                               \
			 ".popsection"                                  \
			 : : "r"((uint32_t)(value)) : "memory")

#define SAVE_SEGMENT(seg, var) __asm__ volatile("movw %%" #seg ", %0" : "=r"(var))

/* A user GS selector, loaded without losing the kernel's GS base
 * (interrupts off: an interrupt between the two SWAPGS would run the
 * kernel on the user's GS base). */
static void
load_user_gs(uint16_t selector)
{
	__asm__ volatile("swapgs" ::: "memory");   /* the user's GS base is live now ... */
	LOAD_SEGMENT(gs, selector);               /* ... and this replaces it */
	__asm__ volatile("swapgs" ::: "memory");   /* the kernel's again; the user's waits */
}

/* The running thread's selectors, as the CPU holds them now. */
static void
read_live(struct segregs *seg)
{
	SAVE_SEGMENT(ds, seg->ds);
	SAVE_SEGMENT(es, seg->es);
	SAVE_SEGMENT(fs, seg->fs);
	SAVE_SEGMENT(gs, seg->gs);
}

void
segregs_save(struct proc *prev)
{
	read_live(&prev->seg);
	/* A selector in FS or GS brought its descriptor's base: every user
	 * descriptor here has base 0. */
	if (prev->seg.fs != 0)
		prev->fs_base = 0;
	if (prev->seg.gs != 0)
		prev->gs_base = 0;
}

/*
 * Make next's selectors and bases the CPU's, given what prev left there
 * (prev_seg, prev_gs_base): only what differs is loaded. Interrupts are
 * off (schedule() and execve's commit run with them off).
 */
static void
load(const struct segregs *prev_seg, uint64_t prev_gs_base, const struct proc *next)
{
	if (prev_seg->ds | next->seg.ds)
		LOAD_SEGMENT(ds, next->seg.ds);
	if (prev_seg->es | next->seg.es)
		LOAD_SEGMENT(es, next->seg.es);
	if (prev_seg->fs | next->seg.fs)
		LOAD_SEGMENT(fs, next->seg.fs);
	if (next->seg.fs == 0)
		wrmsr(MSR_FS_BASE, next->fs_base);
	if (prev_seg->gs | next->seg.gs)
		load_user_gs(next->seg.gs);
	if (next->seg.gs == 0 && (prev_gs_base | next->gs_base | prev_seg->gs))
		wrmsr(MSR_KERNEL_GS_BASE, next->gs_base);
}

void
segregs_switch(struct proc *prev, const struct proc *next)
{
	segregs_save(prev);
	load(&prev->seg, prev->gs_base, next);
}

/* execve: the new program starts with all four at 0, as on Linux (start_thread). */
void
segregs_exec(struct proc *p, bool running)
{
	struct segregs old;
	uint64_t old_gs_base = p->gs_base;

	if (running)
		read_live(&old);
	p->seg = (struct segregs){ 0, 0, 0, 0 };
	p->fs_base = p->gs_base = 0;
	if (running)
		load(&old, old_gs_base, p);
}

/* clone: the child starts with the caller's live selectors and bases. */
void
segregs_copy(struct proc *child, struct proc *parent)
{
	segregs_save(parent);
	child->seg = parent->seg;
	child->fs_base = parent->fs_base;
	child->gs_base = parent->gs_base;
}

/*
 * arch_prctl(ARCH_SET_FS / ARCH_SET_GS) for the running thread: the
 * selector becomes 0 and the base is the one given (Linux does the same).
 */
void
segregs_set_fs_base(struct proc *p, uint64_t base)
{
	LOAD_SEGMENT(fs, 0);
	p->seg.fs = 0;
	p->fs_base = base;
	wrmsr(MSR_FS_BASE, base);
}

void
segregs_set_gs_base(struct proc *p, uint64_t base)
{
	bool irq = irq_save();           /* no interrupt between the two SWAPGS */
	load_user_gs(0);
	p->seg.gs = 0;
	p->gs_base = base;
	wrmsr(MSR_KERNEL_GS_BASE, base);  /* the user's GS base, while the kernel runs */
	irq_restore(irq);
}

/* ARCH_GET_FS / ARCH_GET_GS: what the running thread has now. */
uint64_t
segregs_fs_base(void)
{
	return rdmsr(MSR_FS_BASE);
}

uint64_t
segregs_gs_base(void)
{
	return rdmsr(MSR_KERNEL_GS_BASE);
}
