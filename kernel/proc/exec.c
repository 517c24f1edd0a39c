/*
 * exec.c - load an ELF program into a fresh address space and build the
 * initial stack that Linux builds (fs/binfmt_elf.c create_elf_tables), so
 * that crt0 - ours or a real libc's - finds argc, argv, envp and auxv.
 *
 * The initial stack, at USER_STACK_TOP and growing down:
 *
 *   USER_STACK_TOP  +----------------------------+
 *                   | 8 zero bytes               |
 *                   | "/bin/hello\0" (AT_EXECFN) |
 *                   | "HOME=/\0" ... envp strings|
 *                   | "hello\0" ...  argv strings|
 *                   | "x86_64\0"   (AT_PLATFORM) |
 *                   | 16 random bytes (AT_RANDOM)|
 *                   | padding to 16 bytes        |
 *                   | auxv: AT_PHDR, value ...   |
 *                   |       AT_NULL, 0           |
 *                   | NULL                       |
 *                   | envp[0..envc-1]            |
 *                   | NULL                       |
 *                   | argv[0..argc-1]            |
 *   rsp at _start ->| argc                       |  (16-byte aligned)
 *                   +----------------------------+
 */
#include <stdbool.h>

#include "cpu.h"
#include "elf.h"
#include "memlayout.h"
#include "mm.h"
#include "pmm.h"
#include "proc.h"
#include "segment.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/auxv.h"
#include "uapi/errno.h"
#include "vm.h"
#include "x86.h"

#define EXEC_MAX_STRINGS 64

/* An ELF segment's p_flags as area protection bits. */
static uint32_t
segment_prot(uint32_t p_flags)
{
	return (p_flags & PF_R ? VMA_READ : 0) | (p_flags & PF_W ? VMA_WRITE : 0) |
	       (p_flags & PF_X ? VMA_EXEC : 0);
}

/*
 * Load one PT_LOAD segment. Its pages become an area; those that hold file
 * bytes are filled now, the rest (the .bss beyond the file) are left to
 * demand paging, exactly like an anonymous mmap. A page shared with the
 * previous segment (segments need not be page-aligned) stays in the previous
 * area and its entry gets both segments' permissions.
 */
static int
load_segment(struct mm *mm, const uint8_t *file, const Elf64_Phdr *ph, uint64_t bias)
{
	uint64_t start = ph->p_vaddr + bias, end = start + ph->p_memsz;
	uint64_t file_end = start + ph->p_filesz;
	uint32_t prot = segment_prot(ph->p_flags);
	uint64_t flags = mm_pte_flags(prot);
	uint64_t area_start = PAGE_ROUND_DOWN(start);

	if (vma_find(&mm->vmas, area_start) != NULL)
		area_start += PAGE_SIZE;        /* first page already belongs to the previous segment */
	if (area_start < PAGE_ROUND_UP(end) &&
	    vma_insert(&mm->vmas, area_start, PAGE_ROUND_UP(end), prot, VMA_IMAGE) < 0)
		return -ENOMEM;
	for (uint64_t page = PAGE_ROUND_DOWN(start); page < file_end; page += PAGE_SIZE) {
		pte_t *pte = vm_walk(mm->pml4, page, true);
		if (pte == NULL)
			return -ENOMEM;
		if (!(*pte & PTE_P)) {
			uint64_t frame = pmm_alloc();
			if (frame == 0)
				return -ENOMEM;
			*pte = frame | flags | PTE_P;
		} else {
			*pte |= flags & PTE_W;
			if (!(flags & PTE_NX))
				*pte &= ~PTE_NX;
		}
		/* Copy the part of [start, file_end) that falls in this page. */
		uint64_t from = page > start ? page : start;
		uint64_t to = page + PAGE_SIZE < file_end ? page + PAGE_SIZE : file_end;
		uint8_t *dst = (uint8_t *)phys_to_virt(*pte & PTE_ADDR_MASK) + (from - page);
		memcpy(dst, file + ph->p_offset + (from - start), to - from);
	}
	return 0;
}

/*
 * The stack: an 8 MiB area below USER_STACK_TOP, paged in on demand. The
 * page under it belongs to no area, so running off the end of the stack is
 * a fault (SIGSEGV), not a silent overwrite of whatever lies below.
 */
static int
map_stack(struct mm *mm)
{
	return vma_insert(&mm->vmas, USER_STACK_TOP - STACK_MAX, USER_STACK_TOP,
			  VMA_READ | VMA_WRITE, VMA_STACK);
}

/* Push bytes onto the user stack being built; *sp moves down. */
static int
push_bytes(uint64_t *sp, const void *data, size_t n)
{
	*sp -= n;
	return copy_to_user(*sp, data, n);
}

/* Push each string, recording its user address in addrs[]. */
static int
push_strings(uint64_t *sp, const char *const strs[], int count, uint64_t *addrs)
{
	for (int i = count - 1; i >= 0; i--) {
		if (push_bytes(sp, strs[i], strlen(strs[i]) + 1) < 0)
			return -EFAULT;
		addrs[i] = *sp;
	}
	return 0;
}

static int
count_strings(const char *const strs[])
{
	int n = 0;

	while (strs[n] != NULL)
		n++;
	return n;
}

/* 16 bytes for AT_RANDOM (libc seeds stack canaries with them). Not crypto. */
static void
random_bytes(uint8_t out[16])
{
	uint64_t x = rdtsc() ^ 0x9e3779b97f4a7c15ULL;

	for (int i = 0; i < 16; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		out[i] = (uint8_t)(x >> 24);
	}
}

struct stack_tables {
	uint64_t argv[EXEC_MAX_STRINGS], envp[EXEC_MAX_STRINGS];
	uint64_t execfn, platform, random;
};

/* Fill auxv (pairs of tag, value); returns the number of 8-byte words used. */
static int
fill_auxv(uint64_t *auxv, const struct elf_info *info, const struct stack_tables *t)
{
	int n = 0;
#define AUX(tag, value) (auxv[n++] = (tag), auxv[n++] = (value))
	AUX(AT_HWCAP, cpu_features.hwcap);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PHDR, info->phdr_addr);
	AUX(AT_PHENT, sizeof(Elf64_Phdr));
	AUX(AT_PHNUM, info->phnum);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, info->entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, t->random);
	AUX(AT_HWCAP2, 0);
	AUX(AT_EXECFN, t->execfn);
	AUX(AT_PLATFORM, t->platform);
	AUX(AT_NULL, 0);
#undef AUX
	return n;
}

/*
 * Build the stack in the (already current) new address space; returns the
 * initial RSP through *rsp. Layout: see the diagram at the top of the file.
 */
static int
build_stack(struct mm *mm, const char *path, const char *const argv[],
	    const char *const envp[], const struct elf_info *info, uint64_t *rsp)
{
	static struct stack_tables t;
	uint64_t sp = USER_STACK_TOP, zero = 0;
	uint8_t rnd[16];
	int argc = count_strings(argv), envc = count_strings(envp);
	uint64_t auxv[40];

	if (argc > EXEC_MAX_STRINGS || envc > EXEC_MAX_STRINGS)
		return -E2BIG;
	/* Map the pages we are about to write now: the process is not running
	 * yet, so there is nobody to take page faults for it. */
	uint64_t need = strlen(path) + 1 + 8 + 7 + 16 + 16 + sizeof auxv +
			(3 + (uint64_t)argc + (uint64_t)envc) * 8;
	for (int i = 0; i < argc; i++)
		need += strlen(argv[i]) + 1;
	for (int i = 0; i < envc; i++)
		need += strlen(envp[i]) + 1;
	if (need > STACK_MAX / 4)
		return -E2BIG;
	if (mm_populate(mm, PAGE_ROUND_DOWN(USER_STACK_TOP - need), USER_STACK_TOP) < 0)
		return -ENOMEM;
	if (push_bytes(&sp, &zero, 8) < 0 || push_bytes(&sp, path, strlen(path) + 1) < 0)
		return -EFAULT;
	t.execfn = sp;
	if (push_strings(&sp, envp, envc, t.envp) < 0 || push_strings(&sp, argv, argc, t.argv) < 0 ||
	    push_bytes(&sp, "x86_64", 7) < 0)
		return -EFAULT;
	t.platform = sp;
	random_bytes(rnd);
	if (push_bytes(&sp, rnd, sizeof rnd) < 0)
		return -EFAULT;
	t.random = sp;

	int nauxv = fill_auxv(auxv, info, &t);
	uint64_t words = 1 + (uint64_t)argc + 1 + (uint64_t)envc + 1 + (uint64_t)nauxv;
	sp = (sp - words * 8) & ~15UL;       /* argc must sit at a 16-byte boundary */
	*rsp = sp;

	uint64_t argc64 = (uint64_t)argc;
	uint64_t cursor = sp;
	if (copy_to_user(cursor, &argc64, 8) < 0 ||
	    copy_to_user(cursor + 8, t.argv, argc * 8UL) < 0 ||
	    copy_to_user(cursor + 8 + argc * 8UL, &zero, 8) < 0)
		return -EFAULT;
	cursor += 8 + argc * 8UL + 8;
	if (copy_to_user(cursor, t.envp, envc * 8UL) < 0 ||
	    copy_to_user(cursor + envc * 8UL, &zero, 8) < 0)
		return -EFAULT;
	cursor += envc * 8UL + 8;
	return copy_to_user(cursor, auxv, nauxv * 8UL);
}

/* Registers at the first instruction: all zero but RIP/RSP, as Linux leaves them. */
static void
init_user_frame(struct trap_frame *f, uint64_t entry, uint64_t rsp)
{
	memset(f, 0, sizeof *f);
	f->rip = entry;
	f->cs = USER_CS;
	f->rflags = RFLAGS_IF | 0x2;       /* interrupts on; bit 1 is always 1 */
	f->rsp = rsp;
	f->ss = USER_DS;
	f->trapno = TRAP_SYSCALL;
}

/*
 * Load the program in file into a new address space for p, with its initial
 * stack and registers. On failure p is unchanged and *reason says why.
 */
int
exec_load(struct proc *p, const char *path, const struct initrd_node *file,
	  const char *const argv[], const char *const envp[], const char **reason)
{
	struct elf_info info;
	struct mm mm;
	uint64_t rsp, highest = 0;
	int err = elf_check(file->data, file->size, &info, reason);

	if (err)
		return err;
	if (mm_init(&mm) < 0)
		goto out_nomem;
	for (int i = 0; i < info.phnum; i++) {
		const Elf64_Phdr *ph = &info.phdrs[i];
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		if (load_segment(&mm, file->data, ph, info.bias) < 0)
			goto out_destroy;
		if (ph->p_vaddr + info.bias + ph->p_memsz > highest)
			highest = ph->p_vaddr + info.bias + ph->p_memsz;
	}
	mm.brk_start = mm.brk = PAGE_ROUND_UP(highest);   /* the heap starts after the program */
	if (map_stack(&mm) < 0)
		goto out_destroy;

	vm_switch(mm.pml4);                 /* build the stack through its user addresses */
	err = build_stack(&mm, path, argv, envp, &info, &rsp);
	vm_switch(vm_kernel_pml4());
	if (err) {
		*reason = "cannot build the initial stack (arguments too long?)";
		mm_destroy(&mm);
		return err;
	}
	p->mm = mm;
	init_user_frame(proc_frame(p), info.entry, rsp);
	return 0;

out_destroy:
	mm_destroy(&mm);
out_nomem:
	*reason = "out of memory";
	return -ENOMEM;
}
