/*
 * proc.h - processes. So far there is exactly one: init, the first user
 * program. The struct is the shape later work (fork, a scheduler) extends.
 */
#ifndef PROC_H
#define PROC_H

#include <stdint.h>

#include "initrd.h"
#include "mm.h"
#include "trapframe.h"

enum proc_state {
	PROC_UNUSED,
	PROC_RUNNING,
	PROC_ZOMBIE,
};

struct proc {
	int pid;
	char name[16];               /* program name (argv[0]'s last part) */
	enum proc_state state;
	struct mm mm;                /* its address space: page tables and areas */
	uint64_t kstack_top;         /* its kernel stack; the trap frame sits just below */
	uint64_t syscalls;           /* system calls made, for statistics */
	int exit_status;             /* 0..255 once exited */
	int term_signal;             /* signal that killed it, or 0 */
};

/* The saved user registers of p: always at the top of its kernel stack. */
static inline struct trap_frame *
proc_frame(struct proc *p)
{
	return (struct trap_frame *)(p->kstack_top - sizeof(struct trap_frame));
}

struct proc *proc_alloc(const char *name);
int proc_count(void);
void proc_enter_user(struct proc *p) __attribute__((noreturn));
void proc_exit(struct proc *p, int status) __attribute__((noreturn));
void proc_kill(struct proc *p, int sig) __attribute__((noreturn));
const char *signal_name(int sig);

/* Load an ELF program from the initrd into p (proc/exec.c). 0 or -errno with *reason. */
int exec_load(struct proc *p, const char *path, const struct initrd_node *file,
	      const char *const argv[], const char *const envp[], const char **reason);

void enter_user_mode(struct trap_frame *f) __attribute__((noreturn));   /* syscall/entry.S */

#endif
