/* futex.h - futexes (proc/futex.c): sleeping on a word of user memory. */
#ifndef FUTEX_H
#define FUTEX_H

#include <stdbool.h>
#include <stdint.h>

struct mm;
struct proc;

long futex_wait(struct mm *mm, uint64_t uaddr, uint32_t val, uint32_t bitset, uint64_t deadline);
int futex_wake(struct mm *mm, uint64_t uaddr, int n, uint32_t bitset);
long futex_requeue(struct mm *mm, uint64_t uaddr, int n_wake, int n_move, uint64_t uaddr2,
		   bool cmp, uint32_t cmp_val);
/* At a thread's exit or execve: its robust list, and CLONE_CHILD_CLEARTID. */
void futex_thread_release(struct proc *p);

#endif
