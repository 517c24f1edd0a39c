/*
 * vdso.c - find the vDSO the kernel mapped into this process and look up
 * its functions, as a C library does (compare Linux's
 * tools/testing/selftests/vDSO/parse_vdso.c).
 *
 *   getauxval(AT_SYSINFO_EHDR) -> the ELF header
 *   program headers            -> PT_LOAD (load offset), PT_DYNAMIC
 *   dynamic section            -> DT_SYMTAB, DT_STRTAB, DT_HASH (symbol count),
 *                                 DT_VERSYM, DT_VERDEF
 *   symbol table               -> the symbol with that name and version LINUX_2.6
 */
#include "libsys.h"
#include "uapi/elf.h"

typedef struct { int64_t d_tag; uint64_t d_val; } Elf64_Dyn;
typedef struct {
	uint32_t st_name;
	uint8_t st_info, st_other;
	uint16_t st_shndx;
	uint64_t st_value, st_size;
} Elf64_Sym;
typedef struct {
	uint16_t vd_version, vd_flags, vd_ndx, vd_cnt;
	uint32_t vd_hash, vd_aux, vd_next;
} Elf64_Verdef;
typedef struct { uint32_t vda_name, vda_next; } Elf64_Verdaux;

#define DT_NULL 0
#define DT_HASH 4
#define DT_STRTAB 5
#define DT_SYMTAB 6
#define DT_VERSYM 0x6ffffff0
#define DT_VERDEF 0x6ffffffc
#define STT_FUNC 2
#define SHN_UNDEF 0

static struct {
	uintptr_t load_offset;       /* runtime address = vaddr + load_offset */
	const Elf64_Sym *symtab;
	const char *strtab;
	const uint32_t *hash;        /* nbucket, nchain, ...: nchain = number of symbols */
	const uint16_t *versym;
	const Elf64_Verdef *verdef;
	int ready;
} vdso;

static int
parse_vdso(void)
{
	const uint8_t *base = (const uint8_t *)getauxval(AT_SYSINFO_EHDR);
	const Elf64_Dyn *dyn = NULL;

	if (base == NULL)
		return -1;                /* no vDSO: callers use the system call */
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(base + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD)
			vdso.load_offset = (uintptr_t)base + ph[i].p_offset - ph[i].p_vaddr;
		else if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const Elf64_Dyn *)(base + ph[i].p_offset);
	}
	if (dyn == NULL)
		return -1;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		uintptr_t addr = dyn->d_val + vdso.load_offset;
		switch (dyn->d_tag) {
		case DT_SYMTAB: vdso.symtab = (const Elf64_Sym *)addr; break;
		case DT_STRTAB: vdso.strtab = (const char *)addr; break;
		case DT_HASH: vdso.hash = (const uint32_t *)addr; break;
		case DT_VERSYM: vdso.versym = (const uint16_t *)addr; break;
		case DT_VERDEF: vdso.verdef = (const Elf64_Verdef *)addr; break;
		}
	}
	return vdso.symtab && vdso.strtab && vdso.hash ? 0 : -1;
}

/* Is symbol i's version the one named version? (No version info: accept.) */
static int
version_matches(int i, const char *version)
{
	if (vdso.versym == NULL || vdso.verdef == NULL)
		return 1;
	uint16_t ndx = vdso.versym[i] & 0x7fff;
	for (const Elf64_Verdef *d = vdso.verdef;; d = (const void *)((const char *)d + d->vd_next)) {
		if (d->vd_ndx == ndx) {
			const Elf64_Verdaux *aux = (const void *)((const char *)d + d->vd_aux);
			return strcmp(vdso.strtab + aux->vda_name, version) == 0;
		}
		if (d->vd_next == 0)
			return 0;
	}
}

void *
vdso_lookup(const char *name)
{
	if (!vdso.ready)
		vdso.ready = parse_vdso() == 0 ? 1 : -1;
	if (vdso.ready < 0)
		return NULL;
	uint32_t nsyms = vdso.hash[1];    /* DT_HASH's nchain */
	for (uint32_t i = 0; i < nsyms; i++) {
		const Elf64_Sym *s = &vdso.symtab[i];
		if ((s->st_info & 0xf) != STT_FUNC || s->st_shndx == SHN_UNDEF)
			continue;
		if (strcmp(vdso.strtab + s->st_name, name) == 0 && version_matches((int)i, "LINUX_2.6"))
			return (void *)(s->st_value + vdso.load_offset);
	}
	return NULL;
}

/* Call fn for every function the vDSO exports (for vdso-info). Returns how many. */
int
vdso_for_each_symbol(void (*fn)(const char *name, const char *version, void *addr))
{
	int n = 0;

	if (!vdso.ready)
		vdso.ready = parse_vdso() == 0 ? 1 : -1;
	if (vdso.ready < 0)
		return 0;
	for (uint32_t i = 0; i < vdso.hash[1]; i++) {
		const Elf64_Sym *s = &vdso.symtab[i];
		if ((s->st_info & 0xf) != STT_FUNC || s->st_shndx == SHN_UNDEF)
			continue;
		fn(vdso.strtab + s->st_name, version_matches((int)i, "LINUX_2.6") ? "LINUX_2.6" : "?",
		   (void *)(s->st_value + vdso.load_offset));
		n++;
	}
	return n;
}
