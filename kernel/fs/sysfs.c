/*
 * sysfs.c - a small, read-only /sys: the few files real programs read at
 * start-up to learn about the machine (Linux's sysfs exports thousands).
 *
 *   /sys/kernel/mm/transparent_hugepage/hpage_pmd_size   "2097152": the size of
 *        a huge page. Go's runtime reads it first thing (the lesson's trace)
 *        to align its heap arenas with what madvise(MADV_HUGEPAGE) can back.
 *   /sys/kernel/mm/transparent_hugepage/enabled          Linux's default policy
 *   /sys/devices/system/cpu/online, possible             the CPUs: "0" (one CPU)
 *
 * Each is a generated file of the initrd tree, like /proc's.
 */
#include "initrd.h"
#include "string.h"
#include "vfs.h"

static const struct {
	const char *path;
	const char *text;
} sys_files[] = {
	{ "/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", "2097152\n" },
	{ "/sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never\n" },
	{ "/sys/devices/system/cpu/online", "0\n" },
	{ "/sys/devices/system/cpu/possible", "0\n" },
};

static long
gen_text(int index, char *buf, size_t size)
{
	size_t len = strlen(sys_files[index].text);

	if (len > size)
		len = size;
	memcpy(buf, sys_files[index].text, len);
	return (long)len;
}

void
sysfs_init(void)
{
	for (unsigned i = 0; i < sizeof sys_files / sizeof sys_files[0]; i++) {
		struct initrd_node *n = initrd_add(sys_files[i].path, S_IFREG | 0444);
		if (n == NULL)
			continue;
		n->generate = gen_text;
		n->gen_arg = (int)i;
	}
}
