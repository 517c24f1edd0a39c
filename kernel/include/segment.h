/*
 * segment.h - GDT selectors. The values are exactly Linux's, so a student
 * who prints CS in a user program sees 0x33 here and on Linux.
 *
 *  index  selector  descriptor                         used for
 *  -----  --------  ---------------------------------  ------------------------
 *    0     0x00     null                               (required by the CPU)
 *    1     0x08     kernel code, 32-bit                (unused after boot)
 *    2     0x10     kernel code, 64-bit, DPL 0         CS in ring 0
 *    3     0x18     kernel data, DPL 0                 SS in ring 0
 *    4     0x23     user code, 32-bit, DPL 3           (not used; kept for STAR)
 *    5     0x2b     user data, DPL 3                   SS in ring 3
 *    6     0x33     user code, 64-bit, DPL 3           CS in ring 3
 *    7       -      unused
 *   8-9    0x40     TSS (a 16-byte system descriptor)  RSP0 and IST stacks
 *  10-14     -      unused
 *   15     0x7b     "CPUNODE" data, DPL 3, limit =     getcpu in the vDSO: `lsl` reads
 *                   cpu | node << 12                   the limit (Linux does the same)
 *
 * The order of 2,3 and 4,5,6 is forced by SYSCALL/SYSRET, which do not read
 * the GDT at all but compute selectors from MSR_STAR:
 *   SYSCALL: CS = STAR[47:32] = 0x10,  SS = STAR[47:32] + 8  = 0x18
 *   SYSRET:  CS = STAR[63:48] + 16 = 0x23 + 16 = 0x33,  SS = STAR[63:48] + 8 = 0x2b
 * (the CPU forces RPL 3 on both). Reordering these entries breaks SYSRET.
 */
#ifndef SEGMENT_H
#define SEGMENT_H

#define GDT_KERNEL32_CS 1
#define GDT_KERNEL_CS   2
#define GDT_KERNEL_DS   3
#define GDT_USER32_CS   4
#define GDT_USER_DS     5
#define GDT_USER_CS     6
#define GDT_TSS         8
#define GDT_CPUNODE     15
#define GDT_ENTRIES     16

#define KERNEL_CS  (GDT_KERNEL_CS * 8)        /* 0x10 */
#define KERNEL_DS  (GDT_KERNEL_DS * 8)        /* 0x18 */
#define USER32_CS  (GDT_USER32_CS * 8 + 3)    /* 0x23 */
#define USER_DS    (GDT_USER_DS * 8 + 3)      /* 0x2b */
#define USER_CS    (GDT_USER_CS * 8 + 3)      /* 0x33 */
#define TSS_SEL    (GDT_TSS * 8)              /* 0x40 */

/* Interrupt Stack Table slots (1-based, as the IDT gate field counts them). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI          2
#define IST_MACHINE_CHECK 3

#endif
