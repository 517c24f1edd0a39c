/*
 * vdso.h - the vDSO as the kernel sees it: an ELF image built from
 * kernel/vdso/vclock.c, embedded in the kernel (kernel/vdso/image.S),
 * copied into pages at boot and mapped into every process with the vvar
 * page below it. The address goes to the program in AT_SYSINFO_EHDR.
 */
#ifndef VDSO_H
#define VDSO_H

#include <stdint.h>

#include "memlayout.h"

struct mm;

/* Just above the area mmap hands out (mm.h: MMAP_BASE), below the stack. */
#define VVAR_ADDR (USER_TOP - 128 * 1024 * 1024UL)
#define VDSO_ADDR (VVAR_ADDR + PAGE_SIZE)

void vdso_init(void);
int vdso_map(struct mm *mm);     /* 0 or -ENOMEM */

#endif
