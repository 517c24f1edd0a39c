/*
 * test_elf.c - kernel/proc/elf.c: elf_check() on minimal ELF64 images built
 * here, one valid ET_EXEC and one valid ET_DYN (static-pie) fixture, and
 * one small change to them per malformed case.
 *
 * Every image is checked as a guarded copy (guarded.h), so reading past
 * the end of the file crashes the test.
 */
#include "guarded.h"

#include "elf.h"
#include "memlayout.h"
#include "uapi/errno.h"

#define IMG_MAX 8192

struct img {
	_Alignas(8) uint8_t bytes[IMG_MAX];
	size_t size;
};

static struct img img;

static Elf64_Ehdr *
ehdr(void)
{
	return (Elf64_Ehdr *)img.bytes;
}

static Elf64_Phdr *
phdr(int k)
{
	return (Elf64_Phdr *)(img.bytes + ehdr()->e_phoff) + k;
}

static void
set_load(int k, uint64_t offset, uint64_t vaddr, uint64_t filesz, uint64_t memsz, uint32_t flags)
{
	*phdr(k) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = flags, .p_offset = offset,
				 .p_vaddr = vaddr, .p_paddr = vaddr, .p_filesz = filesz,
				 .p_memsz = memsz, .p_align = 0x1000 };
}

/*
 * The valid ET_EXEC fixture, 0x300 bytes:
 *   [0]  PT_LOAD  R X  file 0x000..0x200 -> 0x400000 (text, includes the headers)
 *   [1]  PT_LOAD  RW   file 0x200..0x300 -> 0x401200, memsz 0x2000 (data + bss)
 *   [2]  PT_GNU_STACK
 * entry 0x400100. The data segment ends exactly at the end of the file.
 */
static void
make_exec(void)
{
	memset(&img, 0, sizeof img);
	for (size_t i = 0; i < 0x300; i++)
		img.bytes[i] = (uint8_t)(i * 7 + 1);
	*ehdr() = (Elf64_Ehdr){
		.e_ident = { ELFMAG0, 'E', 'L', 'F', ELFCLASS64, ELFDATA2LSB, EV_CURRENT },
		.e_type = ET_EXEC,
		.e_machine = EM_X86_64,
		.e_version = EV_CURRENT,
		.e_entry = 0x400100,
		.e_phoff = sizeof(Elf64_Ehdr),
		.e_ehsize = sizeof(Elf64_Ehdr),
		.e_phentsize = sizeof(Elf64_Phdr),
		.e_phnum = 3,
	};
	set_load(0, 0, 0x400000, 0x200, 0x200, PF_R | PF_X);
	set_load(1, 0x200, 0x401200, 0x100, 0x2000, PF_R | PF_W);
	*phdr(2) = (Elf64_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W };
	img.size = 0x300;
}

/* The valid ET_DYN fixture: the same, linked at 0 (what gcc -static-pie makes). */
static void
make_dyn(void)
{
	make_exec();
	ehdr()->e_type = ET_DYN;
	ehdr()->e_entry = 0x100;
	phdr(0)->p_vaddr = phdr(0)->p_paddr = 0;
	phdr(1)->p_vaddr = phdr(1)->p_paddr = 0x1200;
}

static struct guarded copy;

/* elf_check on a guarded copy of the image; the copy stays until teardown. */
static int
check(struct elf_info *info, const char **reason)
{
	if (copy.map != NULL)
		guarded_free(&copy);
	/* 8-aligned, as the ELF structures need; exact when img.size is too. */
	const uint8_t *file = guarded_copy_aligned(&copy, img.bytes, img.size, 8);
	memset(info, 0xa5, sizeof *info);
	*reason = NULL;
	return elf_check(file, img.size, info, reason);
}

static const struct elf_info *
must_accept(void)
{
	static struct elf_info info;
	const char *reason;
	int r = check(&info, &reason);
	if (r != 0)
		fail_msg("elf_check: %d (%s)", r, reason ? reason : "no reason");
	return &info;
}

static void
must_reject(const char *why)
{
	struct elf_info info;
	const char *reason;

	assert_int_equal(check(&info, &reason), -ENOEXEC);
	assert_error_mentions(reason, why);
}

static int
setup(void **state)
{
	(void)state;
	copy.map = NULL;
	make_exec();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	if (copy.map != NULL)
		guarded_free(&copy);
	return 0;
}

/* ---------------------------------------------------------------- valid files */

static void
test_valid_exec(void **state)
{
	(void)state;
	const struct elf_info *info = must_accept();
	assert_ptr_equal(info->ehdr, copy.data);
	assert_ptr_equal(info->phdrs, copy.data + 64);
	assert_int_equal(info->phnum, 3);
	assert_int_equal(info->bias, 0);
	assert_int_equal(info->entry, 0x400100);
	assert_int_equal(info->lowest, 0x400000);
	assert_int_equal(info->highest, 0x404000);       /* 0x401200 + 0x2000, page up */
	assert_int_equal(info->phdr_addr, 0x400040);     /* text segment + e_phoff */
}

static void
test_valid_dyn(void **state)
{
	(void)state;
	make_dyn();
	const struct elf_info *info = must_accept();
	assert_int_equal(info->bias, 0x555555554000);
	assert_int_equal(info->bias, USER_PIE_BASE);
	assert_int_equal(info->entry, 0x555555554100);
	assert_int_equal(info->lowest, 0x555555554000);
	assert_int_equal(info->highest, 0x555555558000);
	assert_int_equal(info->phdr_addr, 0x555555554040);
	assert_int_equal(info->phnum, 3);
}

static void
test_dyn_bias_rounds_lowest_down(void **state)
{
	(void)state;
	make_dyn();
	/* Linked at 0x10234: the lowest page 0x10000 goes to USER_PIE_BASE. */
	phdr(0)->p_vaddr = 0x10234;
	phdr(1)->p_vaddr = 0x11434;
	ehdr()->e_entry = 0x10300;
	const struct elf_info *info = must_accept();
	assert_int_equal(info->bias, USER_PIE_BASE - 0x10000);
	assert_int_equal(info->lowest, USER_PIE_BASE);
	assert_int_equal(info->entry, USER_PIE_BASE + 0x300);
	assert_int_equal(info->highest, USER_PIE_BASE + 0x4000);   /* 0x11434 + 0x2000 -> 0x14000 */
}

/*
 * BUG (kernel/proc/elf.c, check_segment): an ET_DYN file whose lowest
 * segment is linked above USER_PIE_BASE (e.g. a prelinked static-pie at
 * 0x7f0000000000) gets a "negative" load bias (computed mod 2^64, as in
 * Linux's load_elf_binary), so p_vaddr + bias is below p_vaddr, and the
 * overflow test `start < ph->p_vaddr` rejects it with "segment outside the
 * user address range" although the relocated segment lies at
 * USER_PIE_BASE, well inside the user range.
 */
static void
test_dyn_linked_above_pie_base(void **state)
{
	(void)state;
	make_dyn();
	phdr(0)->p_vaddr = 0x7f0000000000;
	phdr(1)->p_vaddr = 0x7f0000001200;
	ehdr()->e_entry = 0x7f0000000100;
	const struct elf_info *info = must_accept();
	assert_int_equal(info->bias, USER_PIE_BASE - 0x7f0000000000);
	assert_int_equal(info->lowest, USER_PIE_BASE);
	assert_int_equal(info->entry, USER_PIE_BASE + 0x100);
}

static void
test_phdr_via_pt_phdr(void **state)
{
	(void)state;
	/* PT_PHDR wins over the computed address, even where they differ. */
	*phdr(2) = (Elf64_Phdr){ .p_type = PT_PHDR, .p_flags = PF_R, .p_offset = 64,
				 .p_vaddr = 0x401240, .p_filesz = 3 * 56, .p_memsz = 3 * 56 };
	assert_int_equal(must_accept()->phdr_addr, 0x401240);

	make_dyn();
	*phdr(2) = (Elf64_Phdr){ .p_type = PT_PHDR, .p_flags = PF_R, .p_offset = 64,
				 .p_vaddr = 0x40, .p_filesz = 3 * 56, .p_memsz = 3 * 56 };
	assert_int_equal(must_accept()->phdr_addr, USER_PIE_BASE + 0x40);
}

/* Move the program headers to file offset off. */
static void
move_phdrs(uint64_t off)
{
	Elf64_Phdr saved[3];
	memcpy(saved, phdr(0), sizeof saved);
	ehdr()->e_phoff = off;
	memcpy(phdr(0), saved, sizeof saved);
}

static void
test_phdr_in_second_segment(void **state)
{
	(void)state;
	/* Headers at file offset 0x208: inside the data segment (file 0x200..0x300). */
	move_phdrs(0x208);
	assert_int_equal(must_accept()->phdr_addr, 0x401208);
	make_dyn();
	move_phdrs(0x208);
	assert_int_equal(must_accept()->phdr_addr, USER_PIE_BASE + 0x1208);
}

static void
test_phdr_in_no_segment(void **state)
{
	(void)state;
	/* Headers at 0x300, just past the data segment's file bytes: not loaded. */
	img.size = 0x400;
	move_phdrs(0x300);
	assert_int_equal(must_accept()->phdr_addr, 0);
}

static void
test_phnum_64_accepted(void **state)
{
	(void)state;
	/* 64 headers (the limit): the extra 61 are PT_NULL. */
	ehdr()->e_phnum = 64;
	img.size = 64 + 64 * 56;
	assert_int_equal(must_accept()->phnum, 64);
}

static void
test_segment_edges_accepted(void **state)
{
	(void)state;
	/* Touching segments: the second starts where the first ends. */
	phdr(1)->p_vaddr = 0x400200;
	assert_int_equal(must_accept()->highest, 0x403000);

	/* The lowest user page (page 0 stays unmapped). */
	make_exec();
	phdr(0)->p_vaddr = 0x1000;
	ehdr()->e_entry = 0x1000;
	assert_int_equal(must_accept()->lowest, 0x1000);

	/* A segment ending exactly at USER_TOP. */
	make_exec();
	phdr(1)->p_vaddr = USER_TOP - 0x2000;
	assert_int_equal(must_accept()->highest, USER_TOP);

	/* Entry at the very start of the span. */
	make_exec();
	ehdr()->e_entry = 0x400000;
	assert_int_equal(must_accept()->entry, 0x400000);
}

static void
test_non_load_segments_ignored(void **state)
{
	(void)state;
	/* A PT_DYNAMIC with nonsense addresses does not matter: it is not loaded. */
	*phdr(2) = (Elf64_Phdr){ .p_type = PT_DYNAMIC, .p_offset = 0xffffffffffff0000,
				 .p_vaddr = 0xffffffff80000000, .p_filesz = 1 << 20,
				 .p_memsz = 16 };
	must_accept();
}

/* ---------------------------------------------------------------- malformed headers */

static void
test_truncated_header(void **state)
{
	(void)state;
	img.size = sizeof(Elf64_Ehdr) - 1;        /* one byte short of an ELF header */
	must_reject("too short");
	img.size = 0;                             /* empty file */
	must_reject("too short");
}

static void
test_bad_magic(void **state)
{
	(void)state;
	ehdr()->e_ident[0] = 0x7e;                /* first magic byte wrong */
	must_reject("magic");
	make_exec();
	ehdr()->e_ident[1] = 'e';                 /* "\x7f" "eLF" */
	must_reject("magic");
	make_exec();
	ehdr()->e_ident[3] = 'G';                 /* "\x7f" "ELG" */
	must_reject("magic");
	make_exec();
	memcpy(img.bytes, "#!/bin/sh\n", 10);     /* a script */
	must_reject("magic");
}

static void
test_wrong_class(void **state)
{
	(void)state;
	ehdr()->e_ident[4] = 1;                   /* ELFCLASS32 */
	must_reject("64-bit");
	ehdr()->e_ident[4] = 0;                   /* ELFCLASSNONE */
	must_reject("64-bit");
}

static void
test_wrong_data_encoding(void **state)
{
	(void)state;
	ehdr()->e_ident[5] = 2;                   /* ELFDATA2MSB: big-endian */
	must_reject("little-endian");
}

static void
test_wrong_version(void **state)
{
	(void)state;
	ehdr()->e_ident[6] = 0;                   /* EI_VERSION EV_NONE */
	must_reject("version");
	make_exec();
	ehdr()->e_version = 2;                    /* e_version not EV_CURRENT */
	must_reject("version");
}

static void
test_wrong_machine(void **state)
{
	(void)state;
	ehdr()->e_machine = 3;                    /* EM_386 */
	must_reject("x86-64");
	ehdr()->e_machine = 183;                  /* EM_AARCH64 */
	must_reject("x86-64");
}

static void
test_wrong_type(void **state)
{
	(void)state;
	ehdr()->e_type = 1;                       /* ET_REL: an object file */
	must_reject("executable");
	ehdr()->e_type = 4;                       /* ET_CORE: a core dump */
	must_reject("executable");
	ehdr()->e_type = 0;                       /* ET_NONE */
	must_reject("executable");
}

static void
test_wrong_phentsize(void **state)
{
	(void)state;
	ehdr()->e_phentsize = 32;                 /* the ELF32 program header size */
	must_reject("program header size");
	ehdr()->e_phentsize = 64;                 /* larger than Elf64_Phdr */
	must_reject("program header size");
}

static void
test_phnum_zero(void **state)
{
	(void)state;
	ehdr()->e_phnum = 0;                      /* no program headers at all */
	must_reject("no or too many");
}

static void
test_phnum_too_many(void **state)
{
	(void)state;
	ehdr()->e_phnum = 65;                     /* one over ELF_MAX_PHNUM, all in the file */
	img.size = 64 + 65 * 56;
	must_reject("too many");
	ehdr()->e_phnum = 0xffff;                 /* PN_XNUM: the count is elsewhere */
	must_reject("too many");
}

static void
test_phdrs_outside_file(void **state)
{
	(void)state;
	ehdr()->e_phoff = 0x300 - 8;              /* headers start 8 bytes before the end */
	must_reject("outside the file");
	ehdr()->e_phoff = 0x308;                  /* headers start past the end */
	must_reject("outside the file");
	ehdr()->e_phoff = 0xfffffffffffffff8;     /* offset near 2^64: must not wrap */
	must_reject("outside the file");
	ehdr()->e_phoff = 64;                     /* 3 headers end at 232, file is 231 bytes */
	img.size = 64 + 3 * 56 - 1;
	must_reject("outside the file");
}

static void
test_phdrs_misaligned(void **state)
{
	(void)state;
	move_phdrs(68);                           /* e_phoff 68: not 8-byte aligned */
	must_reject("misaligned");
}

/* ---------------------------------------------------------------- malformed segments */

static void
test_segment_filesz_exceeds_memsz(void **state)
{
	(void)state;
	phdr(1)->p_memsz = 0xff;                  /* filesz 0x100 > memsz 0xff */
	must_reject("memory size");
}

static void
test_segment_data_outside_file(void **state)
{
	(void)state;
	phdr(1)->p_filesz = 0x101;                /* data ends 1 byte past the end of the file */
	must_reject("outside the file");
	make_exec();
	phdr(1)->p_offset = 0x301;                /* data starts past the end of the file */
	phdr(1)->p_filesz = 0;
	must_reject("outside the file");
	make_exec();
	phdr(1)->p_offset = 0x10;                 /* offset + filesz wraps around to 8 */
	phdr(1)->p_filesz = phdr(1)->p_memsz = 0xfffffffffffffff8;
	must_reject("outside the file");
}

static void
test_segment_in_kernel_half(void **state)
{
	(void)state;
	phdr(1)->p_vaddr = 0xffffffff80001000;    /* the kernel image */
	must_reject("outside the user address range");
	make_exec();
	phdr(1)->p_vaddr = 0xffff800000000000;    /* the direct map */
	must_reject("outside the user address range");
	make_exec();
	phdr(1)->p_vaddr = 0x0000800000000000;    /* non-canonical */
	must_reject("outside the user address range");
	make_exec();
	phdr(1)->p_vaddr = USER_TOP;              /* the unmappable last user page */
	must_reject("outside the user address range");
	make_exec();
	phdr(1)->p_vaddr = USER_TOP - 0x1000;     /* memsz 0x2000 runs over USER_TOP */
	must_reject("outside the user address range");
	make_exec();
	phdr(0)->p_vaddr = 0;                     /* page 0 */
	must_reject("outside the user address range");
}

static void
test_segment_huge_memsz(void **state)
{
	(void)state;
	phdr(1)->p_memsz = USER_TOP + 1;          /* bigger than the whole user half */
	must_reject("huge");
	phdr(1)->p_memsz = 0xffffffffffffffff;    /* start + memsz would wrap */
	must_reject("huge");
}

static void
test_segment_vaddr_bias_overflow(void **state)
{
	(void)state;
	make_dyn();
	phdr(1)->p_vaddr = 0xfffffffffffff000;    /* ET_DYN: vaddr + USER_PIE_BASE wraps around */
	phdr(1)->p_memsz = 0x1000;
	must_reject("outside the user address range");
}

static void
test_segments_overlap(void **state)
{
	(void)state;
	phdr(1)->p_vaddr = 0x4001ff;              /* starts 1 byte before the text segment ends */
	must_reject("overlap");
}

static void
test_segments_descending(void **state)
{
	(void)state;
	phdr(0)->p_vaddr = 0x410000;              /* text above data: not in ascending order */
	ehdr()->e_entry = 0x410100;
	must_reject("ascending");
}

static void
test_interp_rejected(void **state)
{
	(void)state;
	*phdr(2) = (Elf64_Phdr){ .p_type = PT_INTERP, .p_offset = 0x1f0, .p_vaddr = 0x4001f0,
				 .p_filesz = 16, .p_memsz = 16 };   /* dynamically linked executable */
	must_reject("interpreter");
	make_dyn();
	*phdr(2) = (Elf64_Phdr){ .p_type = PT_INTERP, .p_offset = 0x1f0, .p_vaddr = 0x1f0,
				 .p_filesz = 16, .p_memsz = 16 };   /* a PIE that needs ld.so */
	must_reject("interpreter");
	make_exec();
	Elf64_Phdr text = *phdr(0);
	*phdr(0) = *phdr(2);                       /* PT_INTERP first, as ld puts it */
	phdr(0)->p_type = PT_INTERP;
	*phdr(2) = text;
	phdr(2)->p_vaddr = 0x410000;
	must_reject("interpreter");
}

static void
test_no_load_segment(void **state)
{
	(void)state;
	phdr(0)->p_type = PT_NULL;                /* only PT_NULL and PT_GNU_STACK left */
	phdr(1)->p_type = PT_NULL;
	must_reject("no loadable segment");
	phdr(0)->p_type = PT_PHDR;                /* only PT_PHDR and PT_GNU_STACK */
	must_reject("no loadable segment");
}

static void
test_entry_outside_segments(void **state)
{
	(void)state;
	ehdr()->e_entry = 0x500000;               /* entry far above every segment */
	must_reject("entry");
	ehdr()->e_entry = 0;                      /* entry 0 */
	must_reject("entry");
	ehdr()->e_entry = 0x3fffff;               /* entry 1 byte below the text segment */
	must_reject("entry");
	ehdr()->e_entry = 0x404000;               /* entry at the end of the span */
	must_reject("entry");
	make_dyn();
	ehdr()->e_entry = 0x555555554100;         /* ET_DYN entry given already relocated */
	must_reject("entry");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_valid_exec),
		T(test_valid_dyn),
		T(test_dyn_bias_rounds_lowest_down),
		T(test_dyn_linked_above_pie_base),
		T(test_phdr_via_pt_phdr),
		T(test_phdr_in_second_segment),
		T(test_phdr_in_no_segment),
		T(test_phnum_64_accepted),
		T(test_segment_edges_accepted),
		T(test_non_load_segments_ignored),
		T(test_truncated_header),
		T(test_bad_magic),
		T(test_wrong_class),
		T(test_wrong_data_encoding),
		T(test_wrong_version),
		T(test_wrong_machine),
		T(test_wrong_type),
		T(test_wrong_phentsize),
		T(test_phnum_zero),
		T(test_phnum_too_many),
		T(test_phdrs_outside_file),
		T(test_phdrs_misaligned),
		T(test_segment_filesz_exceeds_memsz),
		T(test_segment_data_outside_file),
		T(test_segment_in_kernel_half),
		T(test_segment_huge_memsz),
		T(test_segment_vaddr_bias_overflow),
		T(test_segments_overlap),
		T(test_segments_descending),
		T(test_interp_rejected),
		T(test_no_load_segment),
		T(test_entry_outside_segments),
	};
	watchdog(30);
	return cmocka_run_group_tests_name("elf", tests, NULL, NULL);
}
