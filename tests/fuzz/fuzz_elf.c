/*
 * fuzz_elf.c - kernel/proc/elf.c, elf_check(): the validation every
 * execve runs on a file before the loader (proc/exec.c) trusts it.
 *
 * Feeds: the input as the whole file, copied to an 8-byte aligned block
 * of exactly its size (ASan reports any read past its end).
 *
 * Checks, when elf_check accepts the file, what the loader then relies on:
 *   - the program headers lie inside the file, at most ELF_MAX_PHNUM;
 *   - no PT_INTERP (static programs only);
 *   - every PT_LOAD that maps something has its file bytes inside the
 *     file, p_filesz <= p_memsz, and lands (after the bias) inside the
 *     user half [USER_BOTTOM, USER_TOP), in ascending order, without
 *     overlapping the one before;
 *   - lowest/highest are the page-rounded span of those segments, and the
 *     entry point lies inside it;
 *   - ET_EXEC has no bias.
 * When it refuses a file: -ENOEXEC with a reason.
 */
#include "elf.h"
#include "fuzz.h"
#include "memlayout.h"
#include "uapi/errno.h"

static void
check_segments(size_t size, const struct elf_info *info)
{
	uint64_t prev_end = 0, lowest = 0, highest = 0;
	int loads = 0;

	for (int i = 0; i < info->phnum; i++) {
		const Elf64_Phdr *ph = &info->phdrs[i];
		FUZZ_CHECK(ph->p_type != PT_INTERP, "accepted a PT_INTERP");
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		uint64_t start = ph->p_vaddr + info->bias;
		FUZZ_CHECK(ph->p_offset <= size && ph->p_filesz <= size - ph->p_offset,
			   "segment %d: file bytes [%#lx, +%#lx) outside the %zu-byte file", i,
			   ph->p_offset, ph->p_filesz, size);
		FUZZ_CHECK(ph->p_filesz <= ph->p_memsz, "segment %d: filesz > memsz", i);
		FUZZ_CHECK(start >= USER_BOTTOM && start < USER_TOP && ph->p_memsz <= USER_TOP - start,
			   "segment %d: [%#lx, +%#lx) outside user space", i, start, ph->p_memsz);
		FUZZ_CHECK(start >= prev_end, "segment %d starts at %#lx, before %#lx", i, start,
			   prev_end);
		prev_end = start + ph->p_memsz;
		if (loads++ == 0)
			lowest = PAGE_ROUND_DOWN(start);
		highest = PAGE_ROUND_UP(prev_end);
	}
	FUZZ_CHECK(loads > 0, "accepted a file with nothing to load");
	FUZZ_CHECK(info->lowest == lowest && info->highest == highest,
		   "span [%#lx, %#lx), segments say [%#lx, %#lx)", info->lowest, info->highest,
		   lowest, highest);
	FUZZ_CHECK(highest <= USER_TOP, "span ends at %#lx", highest);
	FUZZ_CHECK(info->entry >= lowest && info->entry < highest, "entry %#lx outside the span",
		   info->entry);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Exactly size bytes: malloc's blocks are 16-byte aligned. */
	uint8_t *file = malloc(size ? size : 1);
	struct elf_info info = { 0 };
	const char *reason = NULL;

	memcpy(file, data, size);
	int r = elf_check(file, size, &info, &reason);
	if (r == 0) {
		const uint8_t *phdrs = (const uint8_t *)info.phdrs;
		FUZZ_CHECK(info.ehdr == (const void *)file, "ehdr is not the file");
		FUZZ_CHECK(info.phnum > 0 && info.phnum <= ELF_MAX_PHNUM, "phnum %d", info.phnum);
		FUZZ_CHECK(phdrs >= file && (size_t)(phdrs - file) + info.phnum * sizeof(Elf64_Phdr) <= size,
			   "program headers outside the file");
		FUZZ_CHECK(info.ehdr->e_type != ET_EXEC || info.bias == 0, "ET_EXEC with a bias");
		check_segments(size, &info);
	} else {
		FUZZ_CHECK(r == -ENOEXEC && reason != NULL && reason[0] != '\0',
			   "refused with %d, reason %s", r, reason ? reason : "(none)");
	}
	free(file);
	return 0;
}
