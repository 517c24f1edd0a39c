/*
 * bootinfo.h - what the boot loader told us, in one loader-independent
 * struct. multiboot.c fills it from Multiboot2 (GRUB) or Multiboot1 (QEMU
 * -kernel) information; everything is copied, so the loader's memory can be
 * reused afterwards.
 */
#ifndef BOOTINFO_H
#define BOOTINFO_H

#include <stdint.h>

#define MB2_BOOTLOADER_MAGIC 0x36d76289
#define MB1_BOOTLOADER_MAGIC 0x2badb002

#define BOOT_CMDLINE_MAX 1024
#define BOOT_MAX_RANGES 64
#define BOOT_MAX_MODULES 8

#define MEM_AVAILABLE 1          /* memory-map type for usable RAM */

struct mem_range {
	uint64_t base;
	uint64_t length;
	uint32_t type;
};

struct boot_module {
	uint64_t start;          /* physical, first byte */
	uint64_t end;            /* physical, one past the last byte */
};

struct boot_info {
	const char *protocol;    /* "multiboot2" or "multiboot1" */
	char cmdline[BOOT_CMDLINE_MAX];
	struct mem_range ranges[BOOT_MAX_RANGES];
	int nranges;
	struct boot_module modules[BOOT_MAX_MODULES];
	int nmodules;
};

/* Returns 0, or -1 with a message in *error for unknown magic or malformed info. */
int bootinfo_parse(uint32_t magic, const void *info, struct boot_info *out, const char **error);

#endif
