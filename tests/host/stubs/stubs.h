/*
 * stubs.h - knobs of the host stand-ins for kernel services (the .c files here).
 *
 * The modules under test call kzalloc() and printk(); on the host those are
 * calloc() and a recorder, so a test can make an allocation fail and can
 * check what would have been printed.
 */
#ifndef HOST_STUBS_H
#define HOST_STUBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* kheap.c: kzalloc/kmalloc return NULL on the call numbered stub_alloc_fail_at
 * (1 = the next call after stub_alloc_reset()), and on every later call if
 * stub_alloc_fail_sticky. -1 (the default) never fails. */
extern int stub_alloc_fail_at;
extern int stub_alloc_fail_sticky;
extern int stub_alloc_calls;
/* Blocks kmalloc/kzalloc returned minus blocks kfree'd since the reset. */
extern int stub_alloc_live;
void stub_alloc_reset(void);

/* shmem.c: shared-memory objects alive, and one object's references. */
struct shmem;
extern int stub_shmem_live;
int stub_shmem_refs(const struct shmem *s);

/* printk.c: everything printed since stub_printk_reset(), concatenated. */
#define STUB_PRINTK_LOG_SIZE 8192
extern char stub_printk_log[STUB_PRINTK_LOG_SIZE];
extern int stub_printk_calls;
void stub_printk_reset(void);

/* waitqueue.c (with x86.h): the simulated interrupt flag - true while
 * "interrupts are on", irq_save calls counted - and wait_event, which never
 * sleeps: it records its arguments, runs stub_wait_event_hook once (cleared
 * before the call: the event that happens during the sleep), then returns 0
 * if the condition holds, else stub_wait_event_ret (-ETIMEDOUT unless
 * changed). wake_up nested deeper than STUB_WAKE_MAX_DEPTH is counted in
 * stub_wake_overflows instead of followed. */
#define STUB_WAKE_MAX_DEPTH 32
struct wait_queue;
extern bool stub_irq_on;
extern int stub_irq_saves;
extern int stub_wait_event_calls;
extern int stub_wait_event_ret;
extern struct wait_queue *stub_wait_event_wq;
extern uint64_t stub_wait_event_deadline;
extern void (*stub_wait_event_hook)(void);
extern int stub_wake_depth;
extern int stub_wake_overflows;
void stub_waitqueue_reset(void);

/* syscall_handlers.c: what the stand-in sys_<name> for number nr returns. */
#define HANDLER_ID(nr) (700000L + (nr))

#endif
