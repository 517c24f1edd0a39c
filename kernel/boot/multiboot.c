/*
 * multiboot.c - read the Multiboot1 or Multiboot2 information structure into
 * a struct boot_info (bootinfo.h). Pure parsing with bounds checks: a
 * malformed structure yields an error, never a wild read. Host-tested in
 * tests/host/test_bootinfo.c. Physical addresses inside the structure are
 * read through phys_to_virt().
 */
#include <stddef.h>

#include "bootinfo.h"
#include "memlayout.h"
#include "string.h"

/* Multiboot2 tags (Multiboot2 specification, section 3.6). */
#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6
#define MB2_MAX_TOTAL (1u << 20)   /* sanity limit for the whole structure */

struct mb2_tag {
	uint32_t type;
	uint32_t size;
};

struct mb2_mmap_entry {
	uint64_t base;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
};

static void
add_range(struct boot_info *bi, uint64_t base, uint64_t len, uint32_t type)
{
	if (bi->nranges < BOOT_MAX_RANGES)
		bi->ranges[bi->nranges++] = (struct mem_range){ base, len, type };
}

static void
add_module(struct boot_info *bi, uint64_t start, uint64_t end)
{
	if (bi->nmodules < BOOT_MAX_MODULES && end >= start)
		bi->modules[bi->nmodules++] = (struct boot_module){ start, end };
}

static void
copy_cmdline(struct boot_info *bi, const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	if (n >= sizeof bi->cmdline)
		n = sizeof bi->cmdline - 1;
	memcpy(bi->cmdline, s, n);
	bi->cmdline[n] = '\0';
}

static void
mb2_mmap(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	uint32_t entry_size = *(const uint32_t *)(tag + 8);

	if (entry_size < sizeof(struct mb2_mmap_entry))
		return;
	/* "size - off", not "off + entry_size": entry_size is the loader's, and
	 * a huge one would wrap the sum around and read outside the tag. */
	for (uint32_t off = 16; size - off >= entry_size; off += entry_size) {
		/* Copied out: with an entry_size that is not a multiple of 8 (the
		 * spec promises one, the loader may not keep it), an entry's 64-bit
		 * fields are misaligned, and reading them in place is undefined. */
		struct mb2_mmap_entry e;
		memcpy(&e, tag + off, sizeof e);
		add_range(bi, e.base, e.length, e.type);
	}
}

static int
parse_mb2(const uint8_t *info, struct boot_info *bi, const char **error)
{
	uint32_t total = *(const uint32_t *)info;

	if (total < 16 || total > MB2_MAX_TOTAL) {
		*error = "multiboot2 information has an impossible size";
		return -1;
	}
	/* Tags start after the 8-byte header and are 8-byte aligned. */
	for (uint32_t off = 8; off + sizeof(struct mb2_tag) <= total;) {
		const struct mb2_tag *tag = (const void *)(info + off);
		if (tag->type == MB2_TAG_END)
			return 0;
		if (tag->size < sizeof(struct mb2_tag) || tag->size > total - off) {
			*error = "multiboot2 tag runs past the end of the information";
			return -1;
		}
		const uint8_t *body = (const uint8_t *)tag;
		if (tag->type == MB2_TAG_CMDLINE)
			copy_cmdline(bi, (const char *)body + 8, tag->size - 8);
		else if (tag->type == MB2_TAG_MODULE && tag->size >= 16)
			add_module(bi, *(const uint32_t *)(body + 8), *(const uint32_t *)(body + 12));
		else if (tag->type == MB2_TAG_MMAP && tag->size >= 16)
			mb2_mmap(bi, body, tag->size);
		off += (tag->size + 7) & ~7u;
	}
	*error = "multiboot2 information has no end tag";
	return -1;
}

/* Multiboot1 information (Multiboot 0.6.96, section 3.3): fields at fixed offsets. */
struct mb1_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;        /* flags bit 2 */
	uint32_t mods_count;     /* flags bit 3 */
	uint32_t mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length;    /* flags bit 6 */
	uint32_t mmap_addr;
};

struct mb1_module {
	uint32_t start, end, string, reserved;
};

static int
parse_mb1(const struct mb1_info *mb, struct boot_info *bi, const char **error)
{
	if (mb->flags & (1u << 2))
		copy_cmdline(bi, phys_to_virt(mb->cmdline), BOOT_CMDLINE_MAX);
	if (mb->flags & (1u << 3)) {
		const struct mb1_module *m = phys_to_virt(mb->mods_addr);
		for (uint32_t i = 0; i < mb->mods_count && i < BOOT_MAX_MODULES; i++)
			add_module(bi, m[i].start, m[i].end);
	}
	if (!(mb->flags & (1u << 6))) {
		*error = "multiboot1 information has no memory map";
		return -1;
	}
	/* Each entry starts with its own size, which does not count itself. */
	const uint8_t *p = phys_to_virt(mb->mmap_addr);
	for (uint32_t off = 0; off + 24 <= mb->mmap_length;) {
		uint32_t size = *(const uint32_t *)(p + off);
		uint64_t base, len;
		memcpy(&base, p + off + 4, 8);
		memcpy(&len, p + off + 12, 8);
		add_range(bi, base, len, *(const uint32_t *)(p + off + 20));
		if (size < 20)
			break;
		off += size + 4;
	}
	return 0;
}

int
bootinfo_parse(uint32_t magic, const void *info, struct boot_info *out, const char **error)
{
	memset(out, 0, sizeof *out);
	*error = NULL;
	if (magic == MB2_BOOTLOADER_MAGIC) {
		out->protocol = "multiboot2";
		return parse_mb2(info, out, error);
	}
	if (magic == MB1_BOOTLOADER_MAGIC) {
		out->protocol = "multiboot1";
		return parse_mb1(info, out, error);
	}
	*error = "not started by a Multiboot boot loader (bad magic)";
	return -1;
}
