/*
 * fork.c - fork(2) and vfork(2): a new process that is a copy of the caller.
 *
 * The child gets a copy-on-write copy of the address space (mm_fork), a
 * copy of the caller's registers with RAX = 0 (so fork "returns twice":
 * the pid in the parent, 0 in the child), its FPU state, TLS base, signal
 * mask and dispositions, process group and session. It starts in
 * proc_first_return, which IRETs straight to the instruction after the
 * parent's `syscall`.
 *
 * vfork here is fork plus waiting: the parent sleeps until the child calls
 * execve or exits. (Linux's vfork also shares the address space instead of
 * copying it; with copy-on-write the copy is cheap, and programs that use
 * vfork correctly cannot tell the difference.)
 */
#include "cpu.h"
#include "proc.h"
#include "string.h"
#include "trace.h"
#include "uapi/errno.h"
#include "x86.h"

static bool
vfork_released(void *arg)
{
	return ((struct proc *)arg)->vfork_parent == NULL;
}

/* At the child's execve or exit: its vfork parent may run again. */
void
vfork_release(struct proc *child)
{
	struct proc *parent = child->vfork_parent;

	if (parent == NULL)
		return;
	child->vfork_parent = NULL;
	wake_up(&parent->tg->child_exit);
}

/* A child that never ran: give back whatever it got so far. */
static void
drop_unstarted(struct proc *child)
{
	if (child->fs != NULL)
		fs_put(child->fs);
	if (child->files != NULL)
		files_put(child->files);
	if (child->mm != NULL)
		mm_put(child->mm);
	proc_reap(child);
}

int
proc_fork(struct proc *parent, bool vfork)
{
	struct proc *child = proc_alloc();

	if (child == NULL)
		return -EAGAIN;              /* the process table is full */
	child->tg = thread_group_new(child);
	child->mm = child->tg ? mm_copy(parent->mm) : NULL;
	child->files = child->mm ? files_copy(parent->files) : NULL;   /* same open files, shared offsets */
	child->fs = child->files ? fs_new(parent->fs->cwd) : NULL;
	if (child->fs != NULL)        /* the same handlers, in a table of its own */
		child->tg->sighand = sighand_copy(parent->tg->sighand);
	if (child->fs == NULL || child->tg->sighand == NULL) {
		drop_unstarted(child);
		return -ENOMEM;
	}
	memcpy(child->name, parent->name, sizeof child->name);
	child->tg->parent = parent->tg;
	child->tg->pgid = parent->tg->pgid;
	child->tg->sid = parent->tg->sid;
	child->fs_base = parent->fs_base;
	child->sig.blocked = parent->sig.blocked;    /* the mask is inherited, pending signals not */
	child->sig.altstack = parent->sig.altstack;

	*proc_frame(child) = *proc_frame(parent);
	proc_frame(child)->rax = 0;                  /* fork() returns 0 in the child */
	sched_prepare_new(child);
	fxsave(child->fpu);                          /* the parent's live FPU registers */
	if (vfork)
		child->vfork_parent = parent;

	/*
	 * A signal that ends the parent may have arrived while we copied (^C to
	 * a fork bomb's process group, say). The child was not in the group yet
	 * and would escape it: drop the child instead, as Linux does
	 * (copy_process checks for pending fatal signals at the last moment).
	 */
	int pid = child->pid;
	bool irq = irq_save();
	if (signal_fatal_pending(parent)) {
		irq_restore(irq);
		drop_unstarted(child);
		return -EINTR;
	}
	trace_fork(parent, child);          /* strace -f follows children */
	sched_make_runnable(child);
	irq_restore(irq);
	if (vfork)
		wait_event_killable(&parent->tg->child_exit, vfork_released, child, 0);
	return pid;
}
