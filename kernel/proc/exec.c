/*
 * exec.c - replace a process's program: load an ELF file into a fresh
 * address space and build the initial stack that Linux builds
 * (fs/binfmt_elf.c create_elf_tables), so that crt0 - ours or a real
 * libc's - finds argc, argv, envp and auxv. Used for init (arguments from
 * the kernel command line) and by execve(2) (arguments in user memory).
 *
 * Everything that can fail happens before the old program is touched: if
 * the file is missing, malformed, or an argument pointer is bad, execve
 * returns an error to the old program, which carries on.
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
#include "exec.h"
#include "futex.h"
#include "trace.h"
#include "cpio.h"
#include "elf.h"
#include "memlayout.h"
#include "mm.h"
#include "panic.h"
#include "pmm.h"
#include "proc.h"
#include "segment.h"
#include "string.h"
#include "uaccess.h"
#include "vdso.h"
#include "uapi/auxv.h"
#include "uapi/errno.h"
#include "vm.h"
#include "x86.h"

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

	struct vma *prev = vma_find(&mm->vmas, area_start);
	if (prev != NULL) {
		/* The first page already belongs to the previous segment: it gets
		 * both segments' permissions, in its area as in its page entry. */
		if (vma_protect(&mm->vmas, area_start, area_start + PAGE_SIZE, prev->prot | prot) < 0)
			return -ENOMEM;
		area_start += PAGE_SIZE;
	}
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
 * The stack: an area below USER_STACK_TOP of RLIMIT_STACK's size (8 MiB
 * by default; kept between 128 KiB and the room below the mmap area),
 * paged in on demand. The page under it belongs to no area, so running
 * off the end of the stack is a fault (SIGSEGV), not a silent overwrite of
 * whatever lies below.
 */
#define STACK_MIN (128 * 1024UL)
#define STACK_LARGEST (USER_STACK_TOP - MMAP_BASE - 1024 * 1024UL)

static int
map_stack(struct mm *mm, uint64_t size)
{
	size = PAGE_ROUND_UP(size < STACK_MIN ? STACK_MIN : size > STACK_LARGEST ? STACK_LARGEST : size);
	return vma_insert(&mm->vmas, USER_STACK_TOP - size, USER_STACK_TOP,
			  VMA_READ | VMA_WRITE, VMA_STACK);
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

/* The new stack being built: writes go into the new address space. */
struct stack_builder {
	struct mm *mm;
	uint64_t sp;
	uint64_t *ptrs;              /* user addresses of argv[] then envp[] strings */
	int nptrs;
	char *buf;                   /* one page for copying a user string */
};

static int
push_bytes(struct stack_builder *b, const void *data, size_t n)
{
	if (USER_STACK_TOP - (b->sp - n) > EXEC_MAX_ARG_BYTES)
		return -E2BIG;
	b->sp -= n;
	return mm_write(b->mm, b->sp, data, n);
}

/* The i-th pointer of a NULL-terminated array (user or kernel); *out = 0 at the end. */
static int
fetch_pointer(const struct exec_args *a, bool env, int i, uint64_t *out)
{
	if (!a->from_user) {
		const char *const *v = env ? a->kenvp : a->kargv;
		*out = (uint64_t)v[i];
		return 0;
	}
	uint64_t array = env ? a->uenvp : a->uargv;
	if (array == 0) {            /* Linux accepts NULL argv/envp as empty */
		*out = 0;
		return 0;
	}
	return copy_from_user(out, array + 8 * (uint64_t)i, 8);
}

/* Copy one string (user or kernel) onto the new stack; its address goes to ptrs[]. */
static int
push_string(struct stack_builder *b, const struct exec_args *a, uint64_t str)
{
	const char *s = (const char *)str;

	if (a->from_user) {
		long n = strncpy_from_user(b->buf, str, PAGE_SIZE);
		if (n < 0)
			return n == -ENAMETOOLONG ? -E2BIG : (int)n;
		s = b->buf;
	}
	if (b->nptrs == EXEC_MAX_STRINGS)
		return -E2BIG;
	int err = push_bytes(b, s, strlen(s) + 1);
	b->ptrs[b->nptrs++] = b->sp;
	return err;
}

/* Push all strings of argv (env=false) or envp; returns how many, or -errno. */
static int
push_vector(struct stack_builder *b, const struct exec_args *a, bool env)
{
	int count = 0;
	uint64_t str;

	for (;; count++) {
		int err = fetch_pointer(a, env, count, &str);
		if (err)
			return err;
		if (str == 0)
			return count;
		if ((err = push_string(b, a, str)) < 0)
			return err;
	}
}

/* Room for the auxiliary vector: 21 pairs today (count them below). */
#define AUXV_WORDS 48

/* Fill auxv (pairs of tag, value); returns the number of 8-byte words used. */
static int
fill_auxv(uint64_t auxv[AUXV_WORDS], const struct elf_info *info, uint64_t execfn, uint64_t platform,
	  uint64_t random)
{
	int n = 0;
#define AUX(tag, value) do { assert(n + 2 <= AUXV_WORDS); auxv[n++] = (tag); auxv[n++] = (value); } while (0)
	AUX(AT_SYSINFO_EHDR, VDSO_ADDR);    /* where the vDSO's ELF header is */
	AUX(AT_MINSIGSTKSZ, sig_frame_max_size());   /* next, as Linux's ARCH_DLINFO */
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
	AUX(AT_RANDOM, random);
	AUX(AT_HWCAP2, 0);
	AUX(AT_EXECFN, execfn);
	AUX(AT_PLATFORM, platform);
	AUX(AT_NULL, 0);
#undef AUX
	return n;
}

/*
 * Build the initial stack (diagram at the top of this file). Strings are
 * pushed first, top-down: the file name, the environment, the arguments
 * (so argv[0]'s string is lowest, as on Linux); then the pointer tables
 * are written below them. Returns the initial RSP through *rsp.
 */
static int
build_stack(struct stack_builder *b, const char *path, const struct exec_args *a,
	    const struct elf_info *info, uint64_t *rsp)
{
	uint64_t zero = 0, auxv[AUXV_WORDS];
	uint8_t rnd[16];
	int err;

	if ((err = push_bytes(b, &zero, 8)) < 0 || (err = push_bytes(b, path, strlen(path) + 1)) < 0)
		return err;
	uint64_t execfn = b->sp;
	int envc = push_vector(b, a, true);
	if (envc < 0)
		return envc;
	int argc = push_vector(b, a, false);
	if (argc < 0)
		return argc;
	random_bytes(rnd);
	if ((err = push_bytes(b, "x86_64", 7)) < 0)
		return err;
	uint64_t platform = b->sp;
	if ((err = push_bytes(b, rnd, sizeof rnd)) < 0)
		return err;
	uint64_t random = b->sp;

	/* ptrs[] holds envp strings first, then argv strings, each pushed in order. */
	const uint64_t *envp = b->ptrs, *argv = b->ptrs + envc;
	int nauxv = fill_auxv(auxv, info, execfn, platform, random);
	uint64_t words = 1 + (uint64_t)argc + 1 + (uint64_t)envc + 1 + (uint64_t)nauxv;
	uint64_t sp = (b->sp - words * 8) & ~15UL;   /* argc must sit at a 16-byte boundary */
	uint64_t cur = sp, argc64 = (uint64_t)argc;

	if (USER_STACK_TOP - sp > EXEC_MAX_ARG_BYTES)
		return -E2BIG;
	if (mm_write(b->mm, cur, &argc64, 8) < 0 ||
	    mm_write(b->mm, cur + 8, argv, argc * 8UL) < 0 ||
	    mm_write(b->mm, cur + 8 + argc * 8UL, &zero, 8) < 0)
		return -ENOMEM;
	cur += 8 + argc * 8UL + 8;
	if (mm_write(b->mm, cur, envp, envc * 8UL) < 0 ||
	    mm_write(b->mm, cur + envc * 8UL, &zero, 8) < 0 ||
	    mm_write(b->mm, cur + envc * 8UL + 8, auxv, nauxv * 8UL) < 0)
		return -ENOMEM;
	*rsp = sp;
	return 0;
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

/* Fill a new address space with the program's segments, heap start and stack area. */
static int
load_image(struct mm *mm, const struct initrd_node *file, const struct elf_info *info,
	   uint64_t stack_size)
{
	uint64_t highest = 0;

	for (int i = 0; i < info->phnum; i++) {
		const Elf64_Phdr *ph = &info->phdrs[i];
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		if (load_segment(mm, file->data, ph, info->bias) < 0)
			return -ENOMEM;
		if (ph->p_vaddr + info->bias + ph->p_memsz > highest)
			highest = ph->p_vaddr + info->bias + ph->p_memsz;
	}
	mm->brk_start = mm->brk = PAGE_ROUND_UP(highest);   /* the heap starts after the program */
	if (map_stack(mm, stack_size) < 0 || vdso_map(mm) < 0)
		return -ENOMEM;
	return 0;
}

/* Find path in the initrd and check that it is a loadable program. */
static int
find_program(const char *path, const struct initrd_node **file, struct elf_info *info,
	     const char **reason)
{
	*file = initrd_lookup(path);
	if (*file == NULL) {
		*reason = "not found in the initrd";
		return -ENOENT;
	}
	if (((*file)->mode & S_IFMT) != S_IFREG) {
		*reason = "not a regular file";
		return -EACCES;
	}
	return elf_check((*file)->data, (*file)->size, info, reason);
}

static bool
only_thread_left(void *arg)
{
	return ((struct thread_group *)arg)->nr_threads == 1;
}

/*
 * The new program replaces the whole process, so its other threads end
 * first (Linux's de_thread): they are told to exit (signal_exec_zap), and
 * we wait until they have. If we are not the first thread, we then take
 * its place - and its id, which is the process id: getpid() does not
 * change across execve. 0, or -EINTR if the process is being killed.
 */
static int
exec_end_other_threads(struct proc *p)
{
	struct thread_group *tg = p->tg;

	if (tg->nr_threads == 1 && tg->leader == p)
		return 0;
	bool irq = irq_save();
	signal_exec_zap(p);
	int err = wait_event_killable(&tg->child_exit, only_thread_left, tg, 0);
	tg->exec_thread = NULL;
	if (err == 0 && tg->leader != p) {
		struct proc *old = tg->leader;   /* it ended: a zombie nobody waits for */
		if (old->trace != NULL)          /* its strace line was held for the process's end */
			trace_process_end(old, 0);
		p->pid = tg->tgid;
		tg->leader = p;
		proc_reap(old);
	}
	irq_restore(irq);
	return err < 0 ? -EINTR : 0;
}

/*
 * The new program has none of the old one's code: handlers go back to the
 * default (ignored signals stay ignored), and the alternate stack is gone.
 * The mask and pending signals stay, as POSIX says. A handler table shared
 * with another process (clone with CLONE_SIGHAND) is copied first.
 */
static void
exec_reset_signals(struct proc *p)
{
	if (p->tg->sighand->refs > 1) {
		/* Never NULL: a shared table means fewer tables than threads. */
		struct sighand *own = sighand_copy(p->tg->sighand);
		sighand_put(p->tg->sighand);
		p->tg->sighand = own;
	}
	sighand_reset_for_exec(p->tg->sighand);
	p->sig.altstack.sp = p->sig.altstack.size = 0;
	p->sig.altstack.flags = 0;
}

/*
 * The point of no return: p's old program is replaced by the new address
 * space, registers, name, TLS and FPU state.
 */
static void
commit_exec(struct proc *p, struct mm *mm, const char *path, const struct initrd_node *file,
	    const struct elf_info *info, uint64_t rsp)
{
	struct mm *old = p->mm;
	bool running = p == current_proc();

	p->mm = mm;
	if (running)
		vm_switch(mm->pml4);
	if (old != NULL)
		mm_put(old);               /* a vfork parent may still use it */
	proc_set_name(p, path);
	p->tg->exe = (struct initrd_node *)file;   /* a static node: no reference to hold */
	fd_table_close_on_exec(p->files);  /* O_CLOEXEC / FD_CLOEXEC descriptors */
	exec_reset_signals(p);
	futex_thread_release(p);           /* as at exit: robust futexes, CLONE_CHILD_CLEARTID */
	segregs_exec(p, running);          /* DS, ES, FS, GS and both bases: 0 */
	sched_prepare_fpu(p);
	if (running)
		fxrstor(p->fpu);
	init_user_frame(proc_frame(p), info->entry, rsp);
	vfork_release(p);                  /* a vfork parent may run again */
}

int
exec_program(struct proc *p, const char *path, const struct exec_args *args, const char **reason)
{
	const struct initrd_node *file;
	struct elf_info info;
	struct mm *mm = NULL;
	uint64_t rsp;
	int err = find_program(path, &file, &info, reason);

	if (err)
		return err;
	uint64_t scratch = pmm_alloc();           /* string buffer + pointer table */
	uint64_t table = pmm_alloc();
	*reason = "out of memory";
	err = -ENOMEM;
	if (scratch == 0 || table == 0)
		goto out_free;
	if ((mm = mm_new()) == NULL)
		goto out_free;
	if ((err = load_image(mm, file, &info, p->tg->rlim[RLIMIT_STACK].rlim_cur)) < 0)
		goto out_destroy;
	struct stack_builder b = { .mm = mm, .sp = USER_STACK_TOP,
				   .ptrs = phys_to_virt(table), .buf = phys_to_virt(scratch) };
	if ((err = build_stack(&b, path, args, &info, &rsp)) < 0) {
		if (err == -EFAULT)
			*reason = "bad address in the arguments";
		else if (err == -E2BIG)
			*reason = "argument list too long";
		goto out_destroy;
	}
	if ((err = exec_end_other_threads(p)) < 0) {
		*reason = "killed";
		goto out_destroy;
	}
	commit_exec(p, mm, path, file, &info, rsp);
	goto out_free;
out_destroy:
	mm_put(mm);
out_free:
	if (scratch)
		pmm_free(scratch);
	if (table)
		pmm_free(table);
	return err;
}
