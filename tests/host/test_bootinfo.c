/*
 * test_bootinfo.c - kernel/boot/multiboot.c: Multiboot2 and Multiboot1
 * information into struct boot_info.
 *
 * The structures are built here byte by byte from the specifications
 * (Multiboot2 section 3.6, Multiboot 0.6.96 section 3.3), not from the
 * kernel's structs. Multiboot2 information is parsed from a guarded copy
 * (guarded.h), so reading past its total size crashes the test.
 *
 * Multiboot1 information holds 32-bit physical addresses, read through
 * phys_to_virt(). This test is built with -DPHYSMAP_BASE=0UL, so a
 * "physical" address is a host pointer; the Multiboot1 data therefore lives
 * in memory mapped below 2 GiB (MAP_32BIT).
 */
#include "guarded.h"

#include "bootinfo.h"
#include "memlayout.h"

_Static_assert(PHYSMAP_BASE == 0, "built with -DPHYSMAP_BASE=0UL (see the Makefile)");

static struct boot_info bi;

static void
put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void
put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static int
setup(void **state)
{
	(void)state;
	memset(&bi, 0x5a, sizeof bi);       /* bootinfo_parse must clear it */
	return 0;
}

/* ---------------------------------------------------------------- Multiboot2 */

struct mb2 {
	_Alignas(8) uint8_t b[8192];
	size_t len;
};

static struct mb2 mb;

static void
mb2_begin(void)
{
	memset(&mb, 0, sizeof mb);
	mb.len = 8;                         /* total_size, reserved */
}

/* A tag of the given type with n payload bytes; returns its offset. */
static size_t
mb2_tag(uint32_t type, const void *payload, size_t n)
{
	size_t at = mb.len;
	assert_true(at + 8 + n + 8 <= sizeof mb.b);
	put32(mb.b + at, type);
	put32(mb.b + at + 4, (uint32_t)(8 + n));
	if (n > 0)
		memcpy(mb.b + at + 8, payload, n);
	mb.len = (at + 8 + n + 7) & ~(size_t)7;
	return at;
}

static void
mb2_cmdline(const char *s)
{
	mb2_tag(1, s, strlen(s) + 1);
}

static void
mb2_module(uint32_t start, uint32_t end, const char *name)
{
	uint8_t p[64];
	put32(p, start);
	put32(p + 4, end);
	memcpy(p + 8, name, strlen(name) + 1);
	mb2_tag(3, p, 8 + strlen(name) + 1);
}

struct range {
	uint64_t base, length;
	uint32_t type;
};

/* A memory-map tag with entries of entry_size bytes (24 in the spec). */
static void
mb2_mmap(uint32_t entry_size, const struct range *r, int n)
{
	static uint8_t p[4096];
	memset(p, 0xcc, sizeof p);
	put32(p, entry_size);
	put32(p + 4, 0);                    /* entry_version */
	for (int i = 0; i < n; i++) {
		uint8_t *e = p + 8 + (size_t)i * entry_size;
		put64(e, r[i].base);
		put64(e + 8, r[i].length);
		put32(e + 16, r[i].type);
		put32(e + 20, 0);
	}
	mb2_tag(6, p, 8 + (size_t)n * entry_size);
}

static void
mb2_end(void)
{
	mb2_tag(0, NULL, 0);
}

/* Write total_size = the length so far. */
static void
mb2_seal(void)
{
	put32(mb.b, (uint32_t)mb.len);
}

static struct guarded gcopy;

/* Parse mb.b[0..len) as Multiboot2 information from a guarded copy. */
static int
parse_mb2_len(size_t len, const char **error)
{
	const uint8_t *info = guarded_copy_aligned(&gcopy, mb.b, len, 8);
	int r = bootinfo_parse(MB2_BOOTLOADER_MAGIC, info, &bi, error);
	guarded_free(&gcopy);
	return r;
}

static void
parse_mb2_ok(void)
{
	const char *error = "not set";
	int r = parse_mb2_len(mb.len, &error);
	if (r != 0)
		fail_msg("bootinfo_parse: %d (%s)", r, error ? error : "no message");
	assert_null(error);
	assert_string_equal(bi.protocol, "multiboot2");
}

static void
parse_mb2_fails(const char *word)
{
	const char *error = NULL;
	assert_int_equal(parse_mb2_len(mb.len, &error), -1);
	assert_error_mentions(error, word);
}

static void
test_mb2_full(void **state)
{
	static const struct range map[] = {
		{ 0x0, 0x9fc00, 1 },
		{ 0x9fc00, 0x400, 2 },
		{ 0x100000, 0x7ee0000, 1 },
		{ 0xfffc0000, 0x40000, 2 },
		{ 0x100000000, 0x80000000, 1 },
	};
	uint8_t meminfo[8] = { 0 };
	(void)state;

	mb2_begin();
	mb2_tag(2, "GRUB 2.06", 10);                 /* boot loader name: ignored */
	mb2_cmdline("init=/bin/hello -- a \"b c\"");
	mb2_tag(4, meminfo, sizeof meminfo);         /* basic memory info: ignored */
	mb2_module(0x200000, 0x2345ff, "/boot/initrd.cpio");
	mb2_module(0x300000, 0x301000, "second");
	mb2_mmap(24, map, ARRAY_SIZE(map));
	mb2_end();
	mb2_seal();
	parse_mb2_ok();

	assert_string_equal(bi.cmdline, "init=/bin/hello -- a \"b c\"");
	assert_int_equal(bi.nmodules, 2);
	assert_int_equal(bi.modules[0].start, 0x200000);
	assert_int_equal(bi.modules[0].end, 0x2345ff);
	assert_int_equal(bi.modules[1].start, 0x300000);
	assert_int_equal(bi.modules[1].end, 0x301000);
	assert_int_equal(bi.nranges, ARRAY_SIZE(map));
	for (size_t i = 0; i < ARRAY_SIZE(map); i++) {
		assert_int_equal(bi.ranges[i].base, map[i].base);
		assert_int_equal(bi.ranges[i].length, map[i].length);
		assert_int_equal(bi.ranges[i].type, map[i].type);
	}
}

static void
test_mb2_minimal(void **state)
{
	(void)state;
	/* total_size 16: the header and the end tag. */
	mb2_begin();
	mb2_end();
	mb2_seal();
	assert_int_equal(mb.len, 16);
	parse_mb2_ok();
	assert_string_equal(bi.cmdline, "");
	assert_int_equal(bi.nmodules, 0);
	assert_int_equal(bi.nranges, 0);
}

static void
test_mb2_mmap_entry_sizes(void **state)
{
	static const struct range map[] = {
		{ 0x100000, 0x1000, 1 },
		{ 0x200000, 0x2000, 3 },
		{ 0x300000, 0x3000, 1 },
	};
	(void)state;

	/* A bigger entry_size (a future version): entries are entry_size apart. */
	mb2_begin();
	mb2_mmap(40, map, 3);
	mb2_end();
	mb2_seal();
	parse_mb2_ok();
	assert_int_equal(bi.nranges, 3);
	assert_int_equal(bi.ranges[1].base, 0x200000);
	assert_int_equal(bi.ranges[1].type, 3);
	assert_int_equal(bi.ranges[2].length, 0x3000);

	/* An entry_size smaller than an entry: the tag is ignored. */
	mb2_begin();
	mb2_mmap(16, map, 3);
	mb2_end();
	mb2_seal();
	parse_mb2_ok();
	assert_int_equal(bi.nranges, 0);

	/* A tag size that ends inside the third entry: only whole entries count. */
	mb2_begin();
	size_t at = mb.len;
	mb2_mmap(24, map, 3);
	put32(mb.b + at + 4, 16 + 2 * 24 + 23);
	mb2_end();
	mb2_seal();
	parse_mb2_ok();
	assert_int_equal(bi.nranges, 2);
}

/*
 * Found by tests/fuzz/fuzz_multiboot2.c: an entry_size near 2^32 made
 * "off + entry_size <= size" wrap around, so the loop read "entries" before
 * and after the tag (past the end of the information here, into the guard
 * page).
 */
static void
test_mb2_mmap_huge_entry_size(void **state)
{
	(void)state;
	mb2_begin();
	mb2_mmap(0xfffffff8, NULL, 0);
	mb2_end();
	mb2_seal();
	parse_mb2_ok();
	assert_int_equal(bi.nranges, 0);
}

/*
 * Found by tests/fuzz/fuzz_multiboot2.c: with an entry_size that is not a
 * multiple of 8, the entries' 64-bit fields were read in place, misaligned
 * (undefined behaviour: UBSan reports it under SANITIZE=1).
 */
static void
test_mb2_mmap_entry_size_not_multiple_of_8(void **state)
{
	static const struct range map[] = {
		{ 0x100000, 0x1000, 1 },
		{ 0x200000, 0x2000, 3 },
		{ 0x300000, 0x3000, 1 },
	};
	(void)state;
	mb2_begin();
	mb2_mmap(28, map, 3);
	mb2_end();
	mb2_seal();
	parse_mb2_ok();
	assert_int_equal(bi.nranges, 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(bi.ranges[i].base, map[i].base);
		assert_int_equal(bi.ranges[i].length, map[i].length);
		assert_int_equal(bi.ranges[i].type, map[i].type);
	}
}

static void
test_mb2_too_many_ranges_and_modules(void **state)
{
	static struct range map[BOOT_MAX_RANGES + 6];
	(void)state;

	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		map[i] = (struct range){ 0x100000 * (i + 1), 0x1000, 1 };
	mb2_begin();
	for (int i = 0; i < BOOT_MAX_MODULES + 3; i++)
		mb2_module(0x1000000 + 0x10000 * (uint32_t)i, 0x1000100 + 0x10000 * (uint32_t)i, "m");
	mb2_mmap(24, map, ARRAY_SIZE(map));
	mb2_end();
	mb2_seal();
	parse_mb2_ok();
	assert_int_equal(bi.nranges, BOOT_MAX_RANGES);
	assert_int_equal(bi.ranges[BOOT_MAX_RANGES - 1].base, 0x100000 * BOOT_MAX_RANGES);
	assert_int_equal(bi.nmodules, BOOT_MAX_MODULES);
	assert_int_equal(bi.modules[BOOT_MAX_MODULES - 1].start,
			 0x1000000 + 0x10000 * (BOOT_MAX_MODULES - 1));
}

static void
test_mb2_bad_modules_skipped(void **state)
{
	uint8_t short_payload[4] = { 1, 2, 3, 4 };
	(void)state;

	mb2_begin();
	mb2_module(0x300000, 0x2fffff, "backwards");    /* end before start */
	mb2_tag(3, short_payload, 4);                   /* too short for start and end */
	mb2_module(0x400000, 0x400000, "empty");        /* empty: allowed */
	mb2_end();
	mb2_seal();
	parse_mb2_ok();
	assert_int_equal(bi.nmodules, 1);
	assert_int_equal(bi.modules[0].start, 0x400000);
	assert_int_equal(bi.modules[0].end, 0x400000);
}

static void
test_mb2_cmdline_bounds(void **state)
{
	static char longline[BOOT_CMDLINE_MAX + 100];
	(void)state;

	/* Longer than BOOT_CMDLINE_MAX - 1: cut, still NUL-terminated. */
	memset(longline, 'c', sizeof longline - 1);
	longline[sizeof longline - 1] = '\0';
	mb2_begin();
	mb2_cmdline(longline);
	mb2_end();
	mb2_seal();
	parse_mb2_ok();
	assert_int_equal(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);

	/* A string without its NUL: the tag size bounds it (padding is not NUL here). */
	mb2_begin();
	size_t at = mb2_tag(1, "abc", 3);
	memset(mb.b + at + 11, 'X', 5);
	mb2_end();
	mb2_seal();
	parse_mb2_ok();
	assert_string_equal(bi.cmdline, "abc");

	/* The last cmdline tag wins. */
	mb2_begin();
	mb2_cmdline("first");
	mb2_cmdline("second");
	mb2_end();
	mb2_seal();
	parse_mb2_ok();
	assert_string_equal(bi.cmdline, "second");
}

static void
test_mb2_odd_tag_sizes(void **state)
{
	(void)state;
	/* Tags are 8-byte aligned: a 13-byte tag is followed by 3 bytes of padding. */
	mb2_begin();
	mb2_tag(21, "12345", 5);                        /* load base address tag, 13 bytes */
	mb2_cmdline("x");                               /* 10 bytes */
	mb2_module(0x500000, 0x500010, "");
	mb2_end();
	mb2_seal();
	parse_mb2_ok();
	assert_string_equal(bi.cmdline, "x");
	assert_int_equal(bi.nmodules, 1);
}

static void
test_mb2_tags_after_end_ignored(void **state)
{
	(void)state;
	mb2_begin();
	mb2_cmdline("before");
	mb2_end();
	mb2_cmdline("after");
	size_t at = mb2_tag(0x7777, "12345678", 8);
	put32(mb.b + at + 4, 0xffffffff);               /* even a broken tag after the end */
	mb2_seal();
	parse_mb2_ok();
	assert_string_equal(bi.cmdline, "before");
}

static void
test_mb2_missing_end_tag(void **state)
{
	(void)state;
	mb2_begin();
	mb2_cmdline("no end");
	mb2_seal();                                     /* total covers the tags; no end tag */
	parse_mb2_fails("end tag");

	/* Only the header. */
	mb2_begin();
	mb.len = 16;                                    /* room for a tag header of zeros... */
	put32(mb.b + 8, 99);                            /* ...that is an unknown tag of size 8 */
	put32(mb.b + 12, 8);
	mb2_seal();
	parse_mb2_fails("end tag");
}

static void
test_mb2_tag_runs_past_total(void **state)
{
	(void)state;
	mb2_begin();
	size_t at = mb.len;
	mb2_cmdline("hello");
	mb2_end();
	mb2_seal();
	put32(mb.b + at + 4, (uint32_t)(mb.len - at + 1));   /* one byte past the end */
	parse_mb2_fails("past the end");

	mb2_begin();
	at = mb.len;
	mb2_cmdline("hello");
	mb2_end();
	mb2_seal();
	put32(mb.b + at + 4, 0xffffffff);                    /* size near 2^32 */
	parse_mb2_fails("past the end");
}

static void
test_mb2_tag_size_too_small(void **state)
{
	(void)state;
	mb2_begin();
	size_t at = mb.len;
	mb2_cmdline("hello");
	mb2_end();
	mb2_seal();
	put32(mb.b + at + 4, 0);                             /* size 0: would never advance */
	parse_mb2_fails("past the end");
	put32(mb.b + at + 4, 7);                             /* smaller than a tag header */
	parse_mb2_fails("past the end");
}

static void
test_mb2_impossible_total_size(void **state)
{
	const char *error;
	(void)state;

	/* total_size 8: no room for the end tag; only those 8 bytes are readable. */
	mb2_begin();
	mb2_seal();
	error = NULL;
	assert_int_equal(parse_mb2_len(8, &error), -1);
	assert_error_mentions(error, "impossible size");

	/* total_size 0 and 15. */
	put32(mb.b, 0);
	assert_int_equal(parse_mb2_len(8, &error), -1);
	assert_error_mentions(error, "impossible size");
	put32(mb.b, 15);
	assert_int_equal(parse_mb2_len(15, &error), -1);
	assert_error_mentions(error, "impossible size");

	/* Absurdly large (more than 1 MiB), with only 16 bytes readable. */
	mb2_begin();
	mb2_end();
	put32(mb.b, (1u << 20) + 8);
	assert_int_equal(parse_mb2_len(16, &error), -1);
	assert_error_mentions(error, "impossible size");
	put32(mb.b, 0xfffffff8);
	assert_int_equal(parse_mb2_len(16, &error), -1);
	assert_error_mentions(error, "impossible size");
}

static void
test_bad_magic(void **state)
{
	const char *error = NULL;
	(void)state;

	mb2_begin();
	mb2_cmdline("x");
	mb2_end();
	mb2_seal();
	assert_int_equal(bootinfo_parse(0x12345678, mb.b, &bi, &error), -1);
	assert_error_mentions(error, "magic");
	assert_null(bi.protocol);
	assert_int_equal(bi.nranges, 0);
	assert_int_equal(bi.nmodules, 0);
	assert_string_equal(bi.cmdline, "");
	/* The Multiboot *header* magic is not the boot loader magic. */
	assert_int_equal(bootinfo_parse(0xe85250d6, mb.b, &bi, &error), -1);
	assert_int_equal(bootinfo_parse(0x1badb002, mb.b, &bi, &error), -1);
	assert_int_equal(bootinfo_parse(0, NULL, &bi, &error), -1);
}

static void
test_error_leaves_cleared_info(void **state)
{
	const char *error = NULL;
	(void)state;

	mb2_begin();
	mb2_cmdline("partial");
	mb2_seal();                                      /* no end tag */
	assert_int_equal(parse_mb2_len(mb.len, &error), -1);
	/* Whatever was parsed, nothing is left from before the call. */
	assert_int_equal(bi.nranges, 0);
	assert_int_equal(bi.nmodules, 0);
	assert_string_equal(bi.protocol, "multiboot2");
}

/* ---------------------------------------------------------------- Multiboot1 */

/* Offsets in the Multiboot1 information structure (spec section 3.3). */
#define MB1_FLAGS 0
#define MB1_CMDLINE 16
#define MB1_MODS_COUNT 20
#define MB1_MODS_ADDR 24
#define MB1_MMAP_LENGTH 44
#define MB1_MMAP_ADDR 48
#define MB1_INFO_SIZE 88

/* Low memory: info at +0, cmdline at +0x100, mmap at +0x400, modules at +0x800,
 * free from +0xc00, then an inaccessible page. */
#define LOW_SIZE 0x1000
static uint8_t *low;
static size_t low_map_len;

static int
mb1_setup(void **state)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	(void)state;

	assert_int_equal(LOW_SIZE % page, 0);
	low_map_len = LOW_SIZE + page;
	low = mmap(NULL, low_map_len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (low == MAP_FAILED)
		return -1;
	if ((uintptr_t)low + low_map_len > 0xffffffffUL ||
	    mprotect(low + LOW_SIZE, page, PROT_NONE) != 0) {
		munmap(low, low_map_len);
		return -1;
	}
	return 0;
}

static int
mb1_teardown(void **state)
{
	(void)state;
	munmap(low, low_map_len);
	return 0;
}

static uint32_t
phys(const void *p)
{
	return (uint32_t)(uintptr_t)p;
}

static uint8_t *mb1_info, *mb1_cmd, *mb1_mods, *mb1_map;

static void
mb1_begin(uint32_t flags)
{
	memset(low, 0, LOW_SIZE);
	mb1_info = low;
	mb1_cmd = low + 0x100;
	mb1_map = low + 0x400;
	mb1_mods = low + 0x800;
	put32(mb1_info + MB1_FLAGS, flags);
	/* Addresses that fault if read without their flag: page 0. */
	put32(mb1_info + MB1_CMDLINE, 0x10);
	put32(mb1_info + MB1_MODS_ADDR, 0x20);
	put32(mb1_info + MB1_MODS_COUNT, 3);
	put32(mb1_info + MB1_MMAP_ADDR, 0x30);
	put32(mb1_info + MB1_MMAP_LENGTH, 24);
}

static void
mb1_set_cmdline(const char *s)
{
	memcpy(mb1_cmd, s, strlen(s) + 1);
	put32(mb1_info + MB1_CMDLINE, phys(mb1_cmd));
}

static void
mb1_set_modules(const uint32_t (*m)[2], int n)
{
	for (int i = 0; i < n; i++) {
		put32(mb1_mods + 16 * i, m[i][0]);
		put32(mb1_mods + 16 * i + 4, m[i][1]);
		put32(mb1_mods + 16 * i + 8, phys(mb1_cmd));
		put32(mb1_mods + 16 * i + 12, 0);
	}
	put32(mb1_info + MB1_MODS_COUNT, (uint32_t)n);
	put32(mb1_info + MB1_MODS_ADDR, phys(mb1_mods));
}

/* Memory-map entries: size (not counting itself), base, length, type; packed. */
static size_t mb1_map_len;

static void
mb1_map_entry(uint32_t size, uint64_t base, uint64_t length, uint32_t type)
{
	uint8_t *e = mb1_map + mb1_map_len;
	put32(e, size);
	put64(e + 4, base);
	put64(e + 12, length);
	put32(e + 20, type);
	mb1_map_len += 4 + size;
	put32(mb1_info + MB1_MMAP_ADDR, phys(mb1_map));
	put32(mb1_info + MB1_MMAP_LENGTH, (uint32_t)mb1_map_len);
}

static void
parse_mb1_ok(void)
{
	const char *error = "not set";
	int r = bootinfo_parse(MB1_BOOTLOADER_MAGIC, mb1_info, &bi, &error);
	if (r != 0)
		fail_msg("bootinfo_parse: %d (%s)", r, error ? error : "no message");
	assert_null(error);
	assert_string_equal(bi.protocol, "multiboot1");
}

#define MB1_CMDLINE_FLAG (1u << 2)
#define MB1_MODS_FLAG (1u << 3)
#define MB1_MMAP_FLAG (1u << 6)

static void
test_mb1_full(void **state)
{
	static const uint32_t mods[][2] = { { 0x200000, 0x2345ff }, { 0x300000, 0x301000 } };
	(void)state;

	mb1_begin(MB1_CMDLINE_FLAG | MB1_MODS_FLAG | MB1_MMAP_FLAG | 1 /* mem_* */);
	mb1_set_cmdline("build/kernel.elf init=/bin/x -- a");
	mb1_set_modules(mods, 2);
	mb1_map_len = 0;
	mb1_map_entry(20, 0x0, 0x9fc00, 1);
	mb1_map_entry(20, 0x9fc00, 0x400, 2);
	mb1_map_entry(20, 0x100000, 0x7ee0000, 1);
	mb1_map_entry(20, 0x100000000, 0x80000000, 1);
	parse_mb1_ok();

	assert_string_equal(bi.cmdline, "build/kernel.elf init=/bin/x -- a");
	assert_int_equal(bi.nmodules, 2);
	assert_int_equal(bi.modules[0].start, 0x200000);
	assert_int_equal(bi.modules[0].end, 0x2345ff);
	assert_int_equal(bi.modules[1].start, 0x300000);
	assert_int_equal(bi.modules[1].end, 0x301000);
	assert_int_equal(bi.nranges, 4);
	assert_int_equal(bi.ranges[1].base, 0x9fc00);
	assert_int_equal(bi.ranges[1].length, 0x400);
	assert_int_equal(bi.ranges[1].type, 2);
	assert_int_equal(bi.ranges[3].base, 0x100000000);
	assert_int_equal(bi.ranges[3].length, 0x80000000);
	assert_int_equal(bi.ranges[3].type, 1);
}

static void
test_mb1_flags_respected(void **state)
{
	(void)state;
	/* Without bits 2 and 3, cmdline and mods_addr (pointing at page 0) are not read. */
	mb1_begin(MB1_MMAP_FLAG);
	mb1_map_len = 0;
	mb1_map_entry(20, 0x100000, 0x100000, 1);
	parse_mb1_ok();
	assert_string_equal(bi.cmdline, "");
	assert_int_equal(bi.nmodules, 0);
	assert_int_equal(bi.nranges, 1);
}

static void
test_mb1_no_memory_map(void **state)
{
	const char *error = NULL;
	(void)state;

	mb1_begin(MB1_CMDLINE_FLAG);
	mb1_set_cmdline("init=/bin/x");
	assert_int_equal(bootinfo_parse(MB1_BOOTLOADER_MAGIC, mb1_info, &bi, &error), -1);
	assert_error_mentions(error, "memory map");
	/* Flags 0: nothing at all. */
	mb1_begin(0);
	assert_int_equal(bootinfo_parse(MB1_BOOTLOADER_MAGIC, mb1_info, &bi, &error), -1);
	assert_error_mentions(error, "memory map");
}

static void
test_mb1_mmap_entry_sizes(void **state)
{
	(void)state;
	mb1_begin(MB1_MMAP_FLAG);
	mb1_map_len = 0;
	mb1_map_entry(20, 0x100000, 0x1000, 1);
	mb1_map_entry(28, 0x200000, 0x2000, 3);      /* 8 extra bytes: the next is 32 on */
	memset(mb1_map + mb1_map_len - 8, 0xee, 8);
	mb1_map_entry(20, 0x300000, 0x3000, 1);
	parse_mb1_ok();
	assert_int_equal(bi.nranges, 3);
	assert_int_equal(bi.ranges[1].base, 0x200000);
	assert_int_equal(bi.ranges[1].type, 3);
	assert_int_equal(bi.ranges[2].base, 0x300000);
	assert_int_equal(bi.ranges[2].length, 0x3000);

	/* A trailing partial entry (mmap_length not a whole number of entries) is ignored. */
	mb1_begin(MB1_MMAP_FLAG);
	mb1_map_len = 0;
	mb1_map_entry(20, 0x100000, 0x1000, 1);
	mb1_map_entry(20, 0x200000, 0x2000, 1);
	put32(mb1_info + MB1_MMAP_LENGTH, 24 + 23);
	parse_mb1_ok();
	assert_int_equal(bi.nranges, 1);

	/* An entry whose size is too small to hold itself ends the map. */
	mb1_begin(MB1_MMAP_FLAG);
	mb1_map_len = 0;
	mb1_map_entry(20, 0x100000, 0x1000, 1);
	mb1_map_entry(20, 0x200000, 0x2000, 1);
	mb1_map_entry(20, 0x300000, 0x3000, 1);
	put32(mb1_map + 24, 0);                      /* second entry: size 0 */
	parse_mb1_ok();
	assert_int_equal(bi.nranges, 2);
	assert_int_equal(bi.ranges[1].base, 0x200000);
}

static void
test_mb1_modules_bounds(void **state)
{
	static const uint32_t mods[][2] = {
		{ 0x300000, 0x2fffff },       /* backwards: skipped */
		{ 0x400000, 0x401000 },
		{ 0x500000, 0x501000 }, { 0x600000, 0x601000 }, { 0x700000, 0x701000 },
		{ 0x800000, 0x801000 }, { 0x900000, 0x901000 }, { 0xa00000, 0xa01000 },
		{ 0xb00000, 0xb01000 }, { 0xc00000, 0xc01000 }, { 0xd00000, 0xd01000 },
	};
	(void)state;

	mb1_begin(MB1_MODS_FLAG | MB1_MMAP_FLAG);
	mb1_set_modules(mods, ARRAY_SIZE(mods));
	mb1_map_len = 0;
	mb1_map_entry(20, 0x100000, 0x1000, 1);
	parse_mb1_ok();
	/* At most BOOT_MAX_MODULES entries are looked at. */
	assert_int_equal(bi.nmodules, BOOT_MAX_MODULES - 1);
	assert_int_equal(bi.modules[0].start, 0x400000);
	assert_int_equal(bi.modules[BOOT_MAX_MODULES - 2].start, 0xa00000);
}

static void
test_mb1_cmdline_bounds(void **state)
{
	(void)state;
	/* 1024 bytes without a NUL, ending at an inaccessible page: at most 1024
	 * are looked at and 1023 kept. */
	mb1_begin(MB1_CMDLINE_FLAG | MB1_MMAP_FLAG);
	mb1_map_len = 0;
	mb1_map_entry(20, 0x100000, 0x1000, 1);
	uint8_t *s = low + LOW_SIZE - BOOT_CMDLINE_MAX;
	memset(s, 'k', BOOT_CMDLINE_MAX);
	put32(mb1_info + MB1_CMDLINE, phys(s));
	parse_mb1_ok();
	assert_int_equal(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
	assert_int_equal(bi.cmdline[0], 'k');
}

#define T(f) cmocka_unit_test_setup(f, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_mb2_full),
		T(test_mb2_minimal),
		T(test_mb2_mmap_entry_sizes),
		T(test_mb2_mmap_huge_entry_size),
		T(test_mb2_mmap_entry_size_not_multiple_of_8),
		T(test_mb2_too_many_ranges_and_modules),
		T(test_mb2_bad_modules_skipped),
		T(test_mb2_cmdline_bounds),
		T(test_mb2_odd_tag_sizes),
		T(test_mb2_tags_after_end_ignored),
		T(test_mb2_missing_end_tag),
		T(test_mb2_tag_runs_past_total),
		T(test_mb2_tag_size_too_small),
		T(test_mb2_impossible_total_size),
		T(test_bad_magic),
		T(test_error_leaves_cleared_info),
		T(test_mb1_full),
		T(test_mb1_flags_respected),
		T(test_mb1_no_memory_map),
		T(test_mb1_mmap_entry_sizes),
		T(test_mb1_modules_bounds),
		T(test_mb1_cmdline_bounds),
	};
	watchdog(30);
	return cmocka_run_group_tests_name("bootinfo", tests, mb1_setup, mb1_teardown);
}
