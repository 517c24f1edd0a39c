/* segregs.h - each thread's DS, ES, FS, GS and its FS/GS bases (cpu/segregs.c). */
#ifndef SEGREGS_H
#define SEGREGS_H

#include <stdbool.h>
#include <stdint.h>

/* The selectors a thread left in its data segment registers. */
struct segregs {
	uint16_t ds, es, fs, gs;
};

struct proc;
void segregs_save(struct proc *prev);                         /* read the CPU's into prev */
void segregs_switch(struct proc *prev, const struct proc *next);   /* schedule() */
void segregs_exec(struct proc *p, bool running);              /* execve: all 0 */
void segregs_copy(struct proc *child, struct proc *parent);   /* clone */
void segregs_set_fs_base(struct proc *p, uint64_t base);      /* arch_prctl, running thread */
void segregs_set_gs_base(struct proc *p, uint64_t base);
uint64_t segregs_fs_base(void);
uint64_t segregs_gs_base(void);

#endif
