/* trap.h - exceptions and interrupts (cpu/trap.c). */
#ifndef TRAP_H
#define TRAP_H

#include <stdbool.h>
#include <stdint.h>

#include "trapframe.h"

#define IRQ_BASE 32              /* PIC IRQ n arrives as vector 32 + n */
#define IRQ_TIMER 0
#define IRQ_KEYBOARD 1
#define IRQ_COM1 4
#define IRQ_SPURIOUS_MASTER 7

void trap_dispatch(struct trap_frame *f);
struct trap_frame *fixup_bad_iret(struct trap_frame *f);   /* from trap_common */
void mce_init(void);                                       /* cpu/mce.c: machine checks */
void mce_handle(struct trap_frame *f);
extern uint64_t irq_counts[16], nmi_count;                 /* /proc/interrupts */
void trap_return(void);          /* cpu/vectors.S */
const char *trap_name(uint64_t vector);
int trap_signal(uint64_t vector);
int fpe_code(uint32_t unmasked);      /* SIGFPE si_code from unmasked x87/SSE exception bits */
void trap_print_registers(const struct trap_frame *f);

/* Exception table (mm/uaccess.c): redirect a faulting kernel instruction. */
bool extable_fixup(struct trap_frame *f);

#endif
