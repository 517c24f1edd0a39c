/*
 * uapi/auxv.h - auxiliary vector tags (include/uapi/linux/auxvec.h).
 * The kernel puts (tag, value) pairs above envp on the initial stack; crt0
 * and libc read them to learn the page size, where the program headers are,
 * 16 random bytes for stack canaries, and (later) where the vDSO is.
 */
#ifndef UAPI_AUXV_H
#define UAPI_AUXV_H

#define AT_NULL    0   /* end of vector */
#define AT_PHDR    3   /* address of the program headers in memory */
#define AT_PHENT   4   /* size of one program header */
#define AT_PHNUM   5   /* number of program headers */
#define AT_PAGESZ  6   /* page size */
#define AT_BASE    7   /* interpreter base (0: static program) */
#define AT_FLAGS   8
#define AT_ENTRY   9   /* program entry point */
#define AT_UID     11
#define AT_EUID    12
#define AT_GID     13
#define AT_EGID    14
#define AT_PLATFORM 15 /* string "x86_64" */
#define AT_HWCAP   16  /* CPUID.1:EDX */
#define AT_CLKTCK  17  /* times() ticks per second */
#define AT_SECURE  23
#define AT_RANDOM  25  /* address of 16 random bytes */
#define AT_HWCAP2  26
#define AT_EXECFN  31  /* filename of the program */
#define AT_SYSINFO_EHDR 33 /* address of the vDSO ELF header */
#define AT_MINSIGSTKSZ 51  /* the most stack one signal frame takes (sigaltstack sizes) */

#endif
