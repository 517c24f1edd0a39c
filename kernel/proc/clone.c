/*
 * clone.c - clone(2): a new thread or process. Each part of the caller is
 * either shared with the child or copied for it, as the flags say:
 *
 *   flag            shared                       otherwise the child gets
 *   CLONE_VM        the address space            a copy-on-write copy (mm_fork)
 *   CLONE_FILES     the descriptor table         a copy (same open files)
 *   CLONE_FS        the current directory        a copy
 *   CLONE_SIGHAND   the signal handlers          a copy
 *   CLONE_THREAD    the process: same getpid()   a new process, our child
 *
 * fork() is clone(SIGCHLD): copy everything. vfork() is
 * clone(CLONE_VM | CLONE_VFORK | SIGCHLD): share the memory, and the parent
 * sleeps until the child calls execve or exits. musl's pthread_create and
 * Go's runtime ask for a thread:
 *
 *   clone(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
 *         CLONE_SYSVSEM | CLONE_SETTLS [| CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID],
 *         stack, &parent_tid, &child_tid, tls)
 *
 * The child starts with the caller's registers, except RAX = 0 (so clone
 * "returns twice": the new id in the parent, 0 in the child) and RSP = the
 * stack it was given. It first runs in proc_first_return, which IRETs to
 * the instruction after the parent's `syscall`.
 */
#include "cpu.h"
#include "proc.h"
#include "string.h"
#include "trace.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "x86.h"

/* Flags this kernel implements or may ignore (Linux ignores DETACHED; there
 * are no System V semaphores to undo, nor I/O contexts or namespaces). */
#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
			 CLONE_VFORK | CLONE_PARENT | CLONE_THREAD | CLONE_SYSVSEM | \
			 CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | \
			 CLONE_DETACHED | CLONE_CHILD_SETTID | CLONE_IO)

/* Linux's rules (kernel/fork.c copy_process): a thread shares the handlers,
 * and shared handlers need a shared address space. */
static int
check_flags(uint64_t flags)
{
	if (flags & ~(uint64_t)CLONE_SUPPORTED)
		return -EINVAL;          /* namespaces, pidfds, ptrace: not here */
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && (flags & CSIGNAL))
		return -EINVAL;          /* a thread sends no signal when it ends */
	if ((flags & CSIGNAL) > NSIG)
		return -EINVAL;
	return 0;
}

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

/* A child that never ran: give back whatever it got so far (proc_reap
 * drops its reference to the thread group: a new one goes with it). */
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

/* A new process for child: its own thread group, handlers, parent, group and session. */
static int
new_process(struct proc *child, struct proc *parent, uint64_t flags)
{
	if ((child->tg = thread_group_new(child)) == NULL)
		return -ENOMEM;
	child->tg->sighand = flags & CLONE_SIGHAND ? sighand_get(parent->tg->sighand) :
						    sighand_copy(parent->tg->sighand);
	if (child->tg->sighand == NULL)
		return -ENOMEM;
	child->tg->parent = parent->tg;
	child->tg->exit_signal = (int)(flags & CSIGNAL);
	/* CLONE_PARENT: a sibling of the caller rather than its child. Its end
	 * is signalled to the caller's parent with the caller's own exit signal,
	 * as Linux does: a signal from the flags would go to a process that
	 * never chose it (a SIGKILL for init, say). */
	if (flags & CLONE_PARENT) {
		child->tg->parent = parent->tg->parent;
		child->tg->exit_signal = parent->tg->exit_signal;
	}
	child->tg->pgid = parent->tg->pgid;
	child->tg->sid = parent->tg->sid;
	child->tg->exe = parent->tg->exe;
	memcpy(child->tg->rlim, parent->tg->rlim, sizeof child->tg->rlim);
	return 0;
}

/* The shared or copied parts (the table at the top). */
static int
share_or_copy(struct proc *child, struct proc *parent, uint64_t flags)
{
	child->mm = flags & CLONE_VM ? mm_get(parent->mm) : mm_copy(parent->mm);
	if (child->mm == NULL)
		return -ENOMEM;
	child->files = flags & CLONE_FILES ? files_get(parent->files) : files_copy(parent->files);
	if (child->files == NULL)
		return -ENOMEM;
	child->fs = flags & CLONE_FS ? fs_get(parent->fs) : fs_new(parent->fs->cwd);
	if (child->fs == NULL)
		return -ENOMEM;
	return 0;
}

/* Registers, TLS, FPU and signal state the child starts with. */
static void
start_state(struct proc *child, struct proc *parent, const struct kernel_clone_args *a)
{
	struct trap_frame *f = proc_frame(child);

	memcpy(child->name, parent->name, sizeof child->name);
	*f = *proc_frame(parent);
	f->rax = 0;                                  /* clone() returns 0 in the child */
	if (a->stack != 0)
		f->rsp = a->stack;
	segregs_copy(child, parent);                 /* DS, ES, FS, GS and their bases */
	if (a->flags & CLONE_SETTLS) {               /* as arch_prctl(ARCH_SET_FS, tls) */
		child->seg.fs = 0;
		child->fs_base = a->tls;
	}
	sched_prepare_new(child);
	fxsave(child->fpu);                          /* the parent's live FPU registers */
	child->sig.blocked = parent->sig.blocked;    /* the mask is inherited, pending signals not */
	/* A new thread on the same memory must not share the caller's alternate
	 * stack (two handlers would run on one stack); a fork keeps it. */
	if ((a->flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM)
		child->sig.altstack = parent->sig.altstack;
	if (a->flags & CLONE_CHILD_SETTID)
		child->set_child_tid = a->child_tid;     /* written when it first runs */
	if (a->flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = a->child_tid;   /* 0 and a futex wake at its end */
}

long
proc_clone(struct proc *parent, const struct kernel_clone_args *a)
{
	bool thread = a->flags & CLONE_THREAD;
	int err = check_flags(a->flags);
	struct proc *child;

	if (err)
		return err;
	/* init has no parent to give a sibling to: nobody would reap it (Linux
	 * refuses CLONE_PARENT from init too). */
	if ((a->flags & CLONE_PARENT) && parent->tg == init_proc->tg)
		return -EINVAL;
	if ((child = proc_alloc()) == NULL)
		return -EAGAIN;              /* the thread table is full */
	if (thread) {
		child->tg = parent->tg;      /* counted as one of its threads once it starts */
		child->tg->refs++;
	} else if ((err = new_process(child, parent, a->flags)) < 0) {
		drop_unstarted(child);
		return err;
	}
	if ((err = share_or_copy(child, parent, a->flags)) < 0) {
		drop_unstarted(child);
		return err;
	}
	start_state(child, parent, a);
	if (a->flags & CLONE_VFORK)
		child->vfork_parent = parent;

	/*
	 * A signal that ends the caller may have arrived while we copied (^C to
	 * a fork bomb's process group, say). The child was not in the group yet
	 * and would escape it: drop the child instead, as Linux does
	 * (copy_process checks for pending fatal signals at the last moment).
	 */
	int tid = child->pid;
	bool irq = irq_save();
	if (signal_fatal_pending(parent)) {
		irq_restore(irq);
		drop_unstarted(child);
		return -EINTR;
	}
	if (thread)
		child->tg->nr_threads++;
	if (a->flags & CLONE_PARENT_SETTID)          /* before the child can run */
		copy_to_user(a->parent_tid, &tid, sizeof tid);   /* errors ignored, as Linux */
	trace_fork(parent, child);                   /* strace -f follows children and threads */
	sched_make_runnable(child);
	irq_restore(irq);
	if (a->flags & CLONE_VFORK)
		wait_event_killable(&parent->tg->child_exit, vfork_released, child, 0);
	return tid;
}
