/*
 * uaccess.c - checked copies between kernel and user memory (uaccess.h),
 * and the exception-table lookup that turns a faulting copy into -EFAULT.
 */
#include "memlayout.h"
#include "trap.h"
#include "uaccess.h"
#include "uapi/errno.h"

size_t raw_copy_user(void *dst, const void *src, size_t n);     /* uaccess.S */
long raw_strncpy_user(char *dst, const void *src, size_t max);  /* uaccess.S */

/*
 * [addr, addr + n) must not wrap around and must end at or below USER_TOP.
 * That one comparison rejects kernel addresses and non-canonical addresses
 * too (both are above USER_TOP). NULL passes this check - page 0 is simply
 * never mapped, so a copy from it faults and returns -EFAULT.
 */
bool
user_range_ok(uint64_t addr, size_t n)
{
	return addr <= USER_TOP && n <= USER_TOP - addr;
}

int
copy_from_user(void *dst, uint64_t usrc, size_t n)
{
	if (!user_range_ok(usrc, n))
		return -EFAULT;
	return raw_copy_user(dst, (const void *)usrc, n) == 0 ? 0 : -EFAULT;
}

int
copy_to_user(uint64_t udst, const void *src, size_t n)
{
	if (!user_range_ok(udst, n))
		return -EFAULT;
	return raw_copy_user((void *)udst, src, n) == 0 ? 0 : -EFAULT;
}

long
strncpy_from_user(char *dst, uint64_t usrc, size_t max)
{
	if (max == 0)
		return -ENAMETOOLONG;
	/* Clamp the scan to the user half: past USER_TOP is a fault, not a string. */
	if (usrc >= USER_TOP)
		return -EFAULT;
	size_t limit = USER_TOP - usrc < max ? USER_TOP - usrc : max;
	long n = raw_strncpy_user(dst, (const void *)usrc, limit);
	if (n < 0 || (size_t)n == limit) {
		dst[0] = '\0';
		return n < 0 || limit < max ? -EFAULT : -ENAMETOOLONG;
	}
	return n;
}

/*
 * The exception table: pairs of (instruction that may fault, where to go
 * instead), collected by the linker between __ex_table_start and
 * __ex_table_end. Called by the page-fault (and #GP) handler for faults in
 * ring 0: if the faulting RIP is listed, continue at its fixup.
 */
struct extable_entry {
	uint64_t insn;
	uint64_t fixup;
};
extern const struct extable_entry __ex_table_start[], __ex_table_end[];

bool
extable_fixup(struct trap_frame *f)
{
	for (const struct extable_entry *e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->insn == f->rip) {
			f->rip = e->fixup;
			return true;
		}
	}
	return false;
}
