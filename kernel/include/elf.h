/*
 * elf.h - checking an ELF64 executable before loading it (proc/elf.c).
 * elf_check() has no side effects and is host-tested with malformed files.
 */
#ifndef KELF_H
#define KELF_H

#include <stddef.h>
#include <stdint.h>

#include "uapi/elf.h"

#define ELF_MAX_PHNUM 64

struct elf_info {
	const Elf64_Ehdr *ehdr;
	const Elf64_Phdr *phdrs;
	uint16_t phnum;
	uint64_t bias;           /* added to every p_vaddr: 0 for ET_EXEC */
	uint64_t entry;          /* e_entry + bias */
	uint64_t phdr_addr;      /* where the program headers are in memory (AT_PHDR), or 0 */
	uint64_t lowest, highest;/* page-aligned span of all PT_LOAD segments, after bias */
};

/* 0 if the file can be loaded, else -ENOEXEC with *reason telling why. */
int elf_check(const void *file, size_t size, struct elf_info *info, const char **reason);

#endif
