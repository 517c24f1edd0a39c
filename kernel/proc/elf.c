/*
 * elf.c - validate a static ELF64 x86-64 executable (ET_EXEC, or ET_DYN
 * without PT_INTERP, i.e. static-pie) and compute where it will live.
 *
 * Everything a loader will later trust is checked here: the header fields,
 * that the program headers and each segment's file bytes lie inside the
 * file, that sizes do not overflow, and that every segment lands in the user
 * half, in ascending order without overlapping.
 */
#include <stdbool.h>

#include "elf.h"
#include "memlayout.h"
#include "uapi/errno.h"

static int
reject(const char **reason, const char *why)
{
	*reason = why;
	return -ENOEXEC;
}

static int
check_header(const Elf64_Ehdr *eh, size_t size, const char **reason)
{
	if (size < sizeof(Elf64_Ehdr))
		return reject(reason, "file too short for an ELF header");
	if (eh->e_ident[0] != ELFMAG0 || eh->e_ident[1] != 'E' || eh->e_ident[2] != 'L' ||
	    eh->e_ident[3] != 'F')
		return reject(reason, "not an ELF file (bad magic)");
	if (eh->e_ident[4] != ELFCLASS64)
		return reject(reason, "not a 64-bit ELF file");
	if (eh->e_ident[5] != ELFDATA2LSB)
		return reject(reason, "not little-endian");
	if (eh->e_ident[6] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return reject(reason, "unknown ELF version");
	if (eh->e_machine != EM_X86_64)
		return reject(reason, "not an x86-64 program");
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return reject(reason, "not an executable (ET_EXEC or ET_DYN)");
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return reject(reason, "unexpected program header size");
	if (eh->e_phnum == 0 || eh->e_phnum > ELF_MAX_PHNUM)
		return reject(reason, "no or too many program headers");
	if (eh->e_phoff > size || (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff)
		return reject(reason, "program headers lie outside the file");
	if (eh->e_phoff % 8 != 0)
		return reject(reason, "misaligned program headers");
	return 0;
}

static int
check_segment(const Elf64_Phdr *ph, size_t size, uint64_t bias, const char **reason)
{
	/* For ET_DYN, bias = USER_PIE_BASE - lowest p_vaddr: the distance from the
	 * lowest segment must itself be a plausible user-space distance. */
	if (ph->p_vaddr - (USER_PIE_BASE - bias) >= USER_TOP && bias != 0)
		return reject(reason, "segment outside the user address range");
	if (ph->p_filesz > ph->p_memsz)
		return reject(reason, "segment file size exceeds its memory size");
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return reject(reason, "segment data lies outside the file");
	if (ph->p_memsz > USER_TOP)
		return reject(reason, "segment is huge");
	/* Modulo 2^64 on purpose: a static-pie linked above USER_PIE_BASE has a
	 * "negative" bias. Whatever the sum, it must land inside the user half. */
	uint64_t start = ph->p_vaddr + bias;
	if (start < USER_BOTTOM || start >= USER_TOP || ph->p_memsz > USER_TOP - start)
		return reject(reason, "segment outside the user address range");
	return 0;
}

/* Bias for ET_DYN: put the lowest segment at USER_PIE_BASE (Linux's ELF_ET_DYN_BASE). */
static uint64_t
load_bias(const Elf64_Ehdr *eh, const Elf64_Phdr *ph)
{
	uint64_t lowest = UINT64_MAX;

	if (eh->e_type != ET_DYN)
		return 0;
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_memsz > 0 && ph[i].p_vaddr < lowest)
			lowest = ph[i].p_vaddr;
	return USER_PIE_BASE - PAGE_ROUND_DOWN(lowest);
}

/* AT_PHDR: PT_PHDR if present, else the loaded segment that contains e_phoff. */
static uint64_t
phdr_address(const Elf64_Ehdr *eh, const Elf64_Phdr *ph, uint64_t bias)
{
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_PHDR)
			return ph[i].p_vaddr + bias;
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && eh->e_phoff >= ph[i].p_offset &&
		    eh->e_phoff - ph[i].p_offset < ph[i].p_filesz)
			return ph[i].p_vaddr + (eh->e_phoff - ph[i].p_offset) + bias;
	return 0;
}

int
elf_check(const void *file, size_t size, struct elf_info *info, const char **reason)
{
	const Elf64_Ehdr *eh = file;
	int err = check_header(eh, size, reason);

	if (err)
		return err;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)((const uint8_t *)file + eh->e_phoff);
	uint64_t bias = load_bias(eh, ph);
	uint64_t prev_end = 0;
	int loads = 0;

	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP)
			return reject(reason, "dynamically linked (needs an interpreter); build with -static");
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;        /* an empty PT_LOAD maps nothing (Linux skips it too) */
		if ((err = check_segment(&ph[i], size, bias, reason)))
			return err;
		uint64_t start = ph[i].p_vaddr + bias;
		if (start < prev_end)
			return reject(reason, "segments overlap or are not in ascending order");
		prev_end = start + ph[i].p_memsz;
		if (loads++ == 0)
			info->lowest = PAGE_ROUND_DOWN(start);
		info->highest = PAGE_ROUND_UP(prev_end);
	}
	if (loads == 0)
		return reject(reason, "no loadable segment");
	info->ehdr = eh;
	info->phdrs = ph;
	info->phnum = eh->e_phnum;
	info->bias = bias;
	info->entry = eh->e_entry + bias;
	info->phdr_addr = phdr_address(eh, ph, bias);
	if (info->entry < info->lowest || info->entry >= info->highest)
		return reject(reason, "entry point outside the loaded segments");
	return 0;
}
