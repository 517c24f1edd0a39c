/*
 * uaccess.h - the only way the kernel touches user memory.
 *
 * User addresses are plain integers (uint64_t), never C pointers, so the
 * compiler stops anyone from dereferencing one by accident. The copy
 * functions check the range (the whole [addr, addr+n) must lie in the user
 * half) and then copy; if the copy faults because a page is not mapped, the
 * page-fault handler finds the faulting instruction in the exception table
 * and resumes at a fixup that makes the function return -EFAULT. So a bad
 * pointer costs the caller an error code, never a kernel crash, and a good
 * pointer costs no page-table walk at all.
 */
#ifndef UACCESS_H
#define UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool user_range_ok(uint64_t addr, size_t n);

int copy_from_user(void *dst, uint64_t usrc, size_t n);          /* 0 or -EFAULT */
int copy_to_user(uint64_t udst, const void *src, size_t n);      /* 0 or -EFAULT */
/* Copy a NUL-terminated string of at most max-1 chars: its length, -EFAULT, or -ENAMETOOLONG. */
long strncpy_from_user(char *dst, uint64_t usrc, size_t max);
/* The x87/SSE registers straight to or from user memory (signal frames): 0 or -1. */
int fxsave_user(void *udst);
int fxrstor_user(const void *usrc);

#endif
