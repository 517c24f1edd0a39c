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

int
proc_fork(struct proc *parent, bool vfork)
{
	struct proc *child = proc_alloc();

	if (child == NULL)
		return -EAGAIN;              /* the process table is full */
	if (mm_fork(&child->mm, &parent->mm) < 0) {
		proc_reap(child);
		return -ENOMEM;
	}
	memcpy(child->name, parent->name, sizeof child->name);
	child->parent = parent;
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	child->fs_base = parent->fs_base;
	child->sig.blocked = parent->sig.blocked;
	child->sig.ignored = parent->sig.ignored;
	fd_table_copy(&child->fds, &parent->fds);    /* same open files, shared offsets */
	child->cwd = parent->cwd;

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
		fd_table_close_all(&child->fds);
		mm_destroy(&child->mm);
		proc_reap(child);
		return -EINTR;
	}
	trace_fork(parent, child);          /* strace -f follows children */
	sched_make_runnable(child);
	irq_restore(irq);
	if (vfork)
		wait_event(&parent->child_exit, vfork_released, child, 0);
	return pid;
}
