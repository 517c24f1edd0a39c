/*
 * mmtest.c - in-guest tests of virtual memory: mmap, munmap, mprotect,
 * madvise, brk and sysinfo, each with Linux's semantics and errors, plus a
 * leak test. Raw system calls, so the kernel's exact return values are seen.
 *
 * Whether a page is mapped is probed without risking a crash, by handing it
 * to the kernel: clock_gettime(addr) writes 16 bytes (0, or -EFAULT if the
 * page is not writable), nanosleep(addr) reads 16 bytes (anything but
 * -EFAULT means it was readable).
 */
#include "libsys.h"
#include "testing.h"

#define PAGE 4096UL
#define USER_TOP 0x00007ffffffff000UL
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static long
sys_mmap(uint64_t addr, uint64_t len, long prot, long flags, long fd, long off)
{
	return raw_syscall6(__NR_mmap, (long)addr, (long)len, prot, flags, fd, off);
}

static int
writable(uint64_t addr)
{
	return raw_syscall2(__NR_clock_gettime, CLOCK_MONOTONIC, addr) == 0;
}

static int
readable(uint64_t addr)
{
	return raw_syscall2(__NR_nanosleep, addr, 0) != -EFAULT;
}

static unsigned long
free_bytes(void)
{
	struct sysinfo si;
	sysinfo(&si);
	return si.freeram * si.mem_unit;
}

static int
test_mmap_errors(void)
{
	int ok = 1;

	EXPECT_EQ(sys_mmap(0, 0, RW, ANON, -1, 0), -EINVAL);                /* length 0 */
	EXPECT_EQ(sys_mmap(0, PAGE, RW, MAP_ANONYMOUS, -1, 0), -EINVAL);    /* no map type */
	EXPECT_EQ(sys_mmap(0x10000001, PAGE, RW, ANON | MAP_FIXED, -1, 0), -EINVAL); /* unaligned */
	EXPECT_EQ(sys_mmap(0, PAGE, 0x10, ANON, -1, 0), -EINVAL);           /* unknown prot bit */
	EXPECT_EQ(sys_mmap(0, PAGE, RW, ANON, -1, 100), -EINVAL);           /* unaligned offset */
	EXPECT_EQ(sys_mmap(0x1000, PAGE, RW, ANON | MAP_FIXED, -1, 0), -EPERM);  /* below mmap_min_addr */
	EXPECT_EQ(sys_mmap(0, 1UL << 47, RW, ANON, -1, 0), -ENOMEM);        /* bigger than user space */
	EXPECT_EQ(sys_mmap(0, -1UL, RW, ANON, -1, 0), -ENOMEM);
	EXPECT_EQ(sys_mmap(USER_TOP, PAGE, RW, ANON | MAP_FIXED, -1, 0), -ENOMEM);  /* the last page */
	EXPECT_EQ(sys_mmap(0, PAGE, RW, MAP_PRIVATE, 3, 0), -EBADF);        /* file mapping, no file */
	long a = sys_mmap(0, PAGE, RW, ANON | 0x40000000, -1, 0);           /* unknown flag: ignored */
	CHECK(a > 0);
	EXPECT_EQ(raw_syscall2(__NR_munmap, a, PAGE), 0);
	return ok;
}

static int
test_mmap_basics(void)
{
	int ok = 1;
	long a = sys_mmap(0, 3 * PAGE, RW, ANON, -1, 0);
	char *p = (char *)a;

	CHECK(a > 0 && a % PAGE == 0 && (uint64_t)a < USER_TOP);
	CHECK(p[0] == 0 && p[3 * PAGE - 1] == 0);                /* zero-filled on demand */
	p[PAGE] = 42;
	EXPECT_EQ(p[PAGE], 42);
	/* MAP_FIXED replaces: the page comes back zeroed. */
	EXPECT_EQ(sys_mmap(a + PAGE, PAGE, RW, ANON | MAP_FIXED, -1, 0), a + PAGE);
	EXPECT_EQ(p[PAGE], 0);
	/* MAP_FIXED_NOREPLACE refuses an occupied range. */
	EXPECT_EQ(sys_mmap(a, PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);
	/* A free hint is honoured. */
	long hint = 0x500000000000L;
	EXPECT_EQ(sys_mmap(hint, PAGE, RW, ANON, -1, 0), hint);
	EXPECT_EQ(raw_syscall2(__NR_munmap, hint, PAGE), 0);
	/* MAP_SHARED | MAP_ANONYMOUS and MAP_STACK | MAP_NORESERVE are accepted. */
	long s = sys_mmap(0, PAGE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(s > 0);
	long t = sys_mmap(0, PAGE, RW, ANON | MAP_STACK | MAP_NORESERVE, -1, 0);
	CHECK(t > 0);
	raw_syscall2(__NR_munmap, s, PAGE);
	raw_syscall2(__NR_munmap, t, PAGE);
	EXPECT_EQ(raw_syscall2(__NR_munmap, a, 3 * PAGE), 0);
	return ok;
}

static int
test_munmap(void)
{
	int ok = 1;
	long a = sys_mmap(0, 3 * PAGE, RW, ANON, -1, 0);

	EXPECT_EQ(raw_syscall2(__NR_munmap, a + 1, PAGE), -EINVAL);         /* unaligned */
	EXPECT_EQ(raw_syscall2(__NR_munmap, a, 0), -EINVAL);                /* length 0 */
	EXPECT_EQ(raw_syscall2(__NR_munmap, USER_TOP - PAGE, 2 * PAGE), -EINVAL); /* past user half */
	EXPECT_EQ(raw_syscall2(__NR_munmap, 0x600000000000L, 16 * PAGE), 0);  /* nothing there: ok */
	EXPECT_EQ(raw_syscall2(__NR_munmap, a + PAGE, PAGE), 0);            /* punch a hole */
	CHECK(writable(a) && !writable(a + PAGE) && writable(a + 2 * PAGE));
	/* A write() whose buffer straddles mapped and unmapped pages: -EFAULT. */
	EXPECT_EQ(raw_syscall3(__NR_write, 1, a + PAGE - 4, 8), -EFAULT);
	EXPECT_EQ(raw_syscall2(__NR_munmap, a, 3 * PAGE), 0);               /* hole included: ok */
	CHECK(!writable(a) && !writable(a + 2 * PAGE));
	return ok;
}

static int
test_mprotect(void)
{
	int ok = 1;
	long a = sys_mmap(0, 3 * PAGE, RW, ANON, -1, 0);

	EXPECT_EQ(raw_syscall3(__NR_mprotect, a, 0, PROT_READ), 0);         /* length 0 */
	EXPECT_EQ(raw_syscall3(__NR_mprotect, a + 1, PAGE, PROT_READ), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_mprotect, a, PAGE, 0x10), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_mprotect, 0x600000000000L, PAGE, PROT_READ), -ENOMEM);
	CHECK(writable(a + PAGE));                                          /* now mapped */
	EXPECT_EQ(raw_syscall3(__NR_mprotect, a + PAGE, PAGE, PROT_READ), 0);  /* split in three */
	CHECK(writable(a) && !writable(a + PAGE) && readable(a + PAGE) && writable(a + 2 * PAGE));
	EXPECT_EQ(raw_syscall3(__NR_mprotect, a + PAGE, PAGE, RW), 0);      /* and back */
	CHECK(writable(a + PAGE));
	EXPECT_EQ(raw_syscall3(__NR_mprotect, a, 3 * PAGE, PROT_NONE), 0);
	CHECK(!readable(a) && !readable(a + PAGE));
	raw_syscall2(__NR_munmap, a, PAGE);
	EXPECT_EQ(raw_syscall3(__NR_mprotect, a, 3 * PAGE, PROT_READ), -ENOMEM);  /* hole now */
	raw_syscall2(__NR_munmap, a, 3 * PAGE);
	return ok;
}

/*
 * PROT_NONE takes the access away, not the data: after mprotect gives it
 * back, the pages hold what they held (Linux keeps them; guard pages, GC
 * heaps and JITs depend on it) - also in a fork()ed child, whose writes
 * stay its own - and when it all goes, every frame comes back.
 */
static int
test_prot_none_keeps_data(void)
{
	int ok = 1;
	unsigned char vec[4];
	unsigned long before = free_bytes();
	char *p = mmap(NULL, 4 * PAGE, RW, ANON, -1, 0);

	for (int i = 0; i < 3; i++)                  /* pages 0-2 written, page 3 never touched */
		memset(p + i * PAGE, 'a' + i, PAGE);
	EXPECT_EQ(mprotect(p, 4 * PAGE, PROT_NONE), 0);
	CHECK(!readable((uint64_t)p) && !readable((uint64_t)p + 2 * PAGE));
	EXPECT_EQ(raw_syscall3(__NR_mincore, p, 4 * PAGE, vec), 0);
	CHECK(vec[0] == 1 && vec[2] == 1 && vec[3] == 0);   /* still in memory, as on Linux */
	pid_t child = fork();
	if (child == 0) {
		mprotect(p, 2 * PAGE, RW);
		p[0] = 'X';                          /* its own copy (copy-on-write) */
		_exit(p[1] == 'a' && p[PAGE] == 'b' ? 0 : 1);
	}
	int status = -1;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT_EQ(status, 0);
	EXPECT_EQ(mprotect(p, 4 * PAGE, PROT_READ), 0);
	CHECK(p[0] == 'a' && p[PAGE - 1] == 'a');   /* the child's write is not ours */
	CHECK(p[PAGE] == 'b' && p[3 * PAGE - 1] == 'c' && p[3 * PAGE] == 0);
	EXPECT_EQ(mprotect(p, 4 * PAGE, RW), 0);
	p[0] = 'z';
	CHECK(p[0] == 'z' && p[1] == 'a');
	/* MADV_DONTNEED on a PROT_NONE page does drop it. */
	EXPECT_EQ(mprotect(p + PAGE, PAGE, PROT_NONE), 0);
	EXPECT_EQ(madvise(p + PAGE, PAGE, MADV_DONTNEED), 0);
	EXPECT_EQ(mprotect(p + PAGE, PAGE, RW), 0);
	CHECK(p[PAGE] == 0);
	EXPECT_EQ(mprotect(p, 4 * PAGE, PROT_NONE), 0);
	EXPECT_EQ(munmap(p, 4 * PAGE), 0);
	EXPECT_EQ(free_bytes(), before);
	return ok;
}

/*
 * MAP_SHARED|MAP_ANONYMOUS: parent and child write into the same pages,
 * before and after the fork, each seeing the other's writes (Linux shares
 * them; MAP_PRIVATE memory would be copied on write). /proc/self/maps
 * marks the area 's'.
 */
static int
shared_anonymous_round(void)
{
	int ok = 1, to_child[2], to_parent[2], status = -1;
	volatile char *p = mmap(NULL, 3 * PAGE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char token;

	CHECK(p != MAP_FAILED);
	p[0] = 'p';                                  /* before the fork */
	pipe(to_child);
	pipe(to_parent);
	pid_t child = fork();
	if (child == 0) {
		int bad = p[0] != 'p';
		p[PAGE] = 'c';                       /* a page nobody touched yet */
		p[0] = 'C';
		write(to_parent[1], "1", 1);
		read(to_child[0], &token, 1);        /* the parent wrote meanwhile */
		bad |= p[2 * PAGE] != 'P';
		_exit(bad);
	}
	read(to_parent[0], &token, 1);
	CHECK(p[0] == 'C' && p[PAGE] == 'c');        /* the child's writes, here */
	p[2 * PAGE] = 'P';
	write(to_child[1], "1", 1);
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT_EQ(status, 0);
	char maps[2048];
	int fd = open("/proc/self/maps", O_RDONLY);
	long n = read(fd, maps, sizeof maps - 1);
	close(fd);
	maps[n > 0 ? n : 0] = '\0';
	CHECK(strstr(maps, "rw-s 00000000 00:00 0                    /dev/zero (deleted)") != NULL);
	EXPECT_EQ(munmap((void *)p, 3 * PAGE), 0);
	for (int i = 0; i < 2; i++)
		close(to_child[i]), close(to_parent[i]);
	/* MAP_SHARED_VALIDATE is MAP_SHARED, too. */
	p = mmap(NULL, PAGE, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0);
	child = fork();
	if (child == 0) {
		p[0] = 'v';
		_exit(0);
	}
	waitpid(child, &status, 0);
	EXPECT_EQ(p[0], 'v');
	munmap((void *)p, PAGE);
	return ok;
}

/* Twice: the second round must give back every page it took (the first
 * may leave the kernel heap a page richer for a new size of object). */
static int
test_shared_anonymous(void)
{
	int ok = shared_anonymous_round();
	unsigned long before = free_bytes();

	ok &= shared_anonymous_round();
	EXPECT_EQ(free_bytes(), before);
	return ok;
}

static int
test_madvise(void)
{
	int ok = 1;
	long a = sys_mmap(0, 2 * PAGE, RW, ANON, -1, 0);
	volatile char *p = (volatile char *)a;

	p[0] = 0x55;
	EXPECT_EQ(raw_syscall3(__NR_madvise, a, PAGE, MADV_DONTNEED), 0);
	EXPECT_EQ(p[0], 0);                                          /* fresh zero page */
	EXPECT_EQ(raw_syscall3(__NR_madvise, a, 0, MADV_DONTNEED), 0);
	EXPECT_EQ(raw_syscall3(__NR_madvise, a + 1, PAGE, MADV_DONTNEED), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_madvise, a, PAGE, 999), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_madvise, 0x600000000000L, PAGE, MADV_DONTNEED), -ENOMEM);
	EXPECT_EQ(raw_syscall3(__NR_madvise, a, 2 * PAGE, MADV_WILLNEED), 0);
	raw_syscall2(__NR_munmap, a, 2 * PAGE);
	return ok;
}

static int
test_brk(void)
{
	int ok = 1;
	extern char _end[];
	uint64_t start = raw_syscall1(__NR_brk, 0);

	EXPECT_EQ(start, ((uint64_t)_end + PAGE - 1) & ~(PAGE - 1));  /* right after the program */
	EXPECT_EQ(raw_syscall1(__NR_brk, start + 3 * PAGE + 10), start + 3 * PAGE + 10);
	char *heap = (char *)start;
	CHECK(heap[0] == 0 && heap[3 * PAGE + 9] == 0);
	heap[3 * PAGE + 9] = 1;
	EXPECT_EQ(raw_syscall1(__NR_brk, start + PAGE), start + PAGE);       /* shrink */
	CHECK(writable(start) && !writable(start + 2 * PAGE));
	EXPECT_EQ(raw_syscall1(__NR_brk, start - PAGE), start + PAGE);       /* below start: no */
	EXPECT_EQ(raw_syscall1(__NR_brk, USER_TOP + PAGE), start + PAGE);    /* too high: no */
	/* Growing into another mapping fails and keeps the old break. */
	EXPECT_EQ(sys_mmap(start + 4 * PAGE, PAGE, RW, ANON | MAP_FIXED, -1, 0), start + 4 * PAGE);
	EXPECT_EQ(raw_syscall1(__NR_brk, start + 8 * PAGE), start + PAGE);
	raw_syscall2(__NR_munmap, start + 4 * PAGE, PAGE);
	EXPECT_EQ(raw_syscall1(__NR_brk, start), start);
	CHECK(sbrk(0) == (void *)start);
	CHECK(sbrk(100) == (void *)start && sbrk(0) == (void *)(start + 100));
	return ok;
}

static int
test_sysinfo(void)
{
	int ok = 1;
	struct sysinfo si;

	EXPECT_EQ(raw_syscall1(__NR_sysinfo, &si), 0);
	CHECK(si.totalram > si.freeram && si.freeram > 0);
	EXPECT_EQ(si.mem_unit, 1);
	CHECK(si.procs >= 1);
	EXPECT_EQ(raw_syscall1(__NR_sysinfo, 0), -EFAULT);
	EXPECT_EQ(raw_syscall1(__NR_sysinfo, 0xffff800000000000UL), -EFAULT);
	return ok;
}

/* Reservations cost nothing; MAP_POPULATE and touching cost one page each. */
static int
test_lazy_and_populate(void)
{
	int ok = 1;
	unsigned long before = free_bytes();
	long r = sys_mmap(0, 1UL << 30, PROT_NONE, ANON | MAP_NORESERVE, -1, 0);

	CHECK(r > 0);
	EXPECT_EQ(free_bytes(), before);
	raw_syscall2(__NR_munmap, r, 1UL << 30);
	long p = sys_mmap(0, 16 * PAGE, RW, ANON | MAP_POPULATE, -1, 0);
	CHECK(before - free_bytes() >= 16 * PAGE);                   /* + page tables */
	raw_syscall2(__NR_munmap, p, 16 * PAGE);
	EXPECT_EQ(free_bytes(), before);
	return ok;
}

/* 1,000 map/touch/unmap rounds give every page (and page table) back. */
static int
test_no_leak(void)
{
	int ok = 1;
	unsigned long before = free_bytes();

	for (int i = 0; i < 1000; i++) {
		uint64_t len = (uint64_t)(1 + i % 16) * PAGE;
		volatile char *p = (volatile char *)sys_mmap(0, len, RW, ANON, -1, 0);
		for (uint64_t off = 0; off < len; off += PAGE)
			p[off] = 1;
		if (raw_syscall2(__NR_munmap, (long)p, len) != 0)
			ok = 0;
	}
	EXPECT_EQ(free_bytes(), before);
	return ok;
}

/* mincore: which pages are in memory - demand paging made visible. */
static int
test_mincore(void)
{
	int ok = 1;
	unsigned char vec[16];
	char *p = mmap(NULL, 9 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(p + 8 * PAGE, PAGE);                  /* a hole right after the 8 pages */

	memset(vec, 0xff, sizeof vec);
	EXPECT_EQ(raw_syscall3(__NR_mincore, p, 8 * PAGE, vec), 0);
	for (int i = 0; i < 8; i++)
		EXPECT_EQ(vec[i], 0);                    /* nothing touched yet */
	p[0] = 1;
	p[5 * PAGE] = 1;
	EXPECT_EQ(raw_syscall3(__NR_mincore, p, 8 * PAGE, vec), 0);
	EXPECT_EQ(vec[0], 1);
	EXPECT_EQ(vec[1], 0);
	EXPECT_EQ(vec[5], 1);
	EXPECT_EQ(raw_syscall3(__NR_mincore, p, 1, vec), 0);    /* part of a page counts */
	EXPECT_EQ(raw_syscall3(__NR_mincore, p + 1, PAGE, vec), -EINVAL);
	EXPECT_EQ(raw_syscall3(__NR_mincore, p, 9 * PAGE, vec), -ENOMEM);   /* past the area */
	EXPECT_EQ(raw_syscall3(__NR_mincore, p, 8 * PAGE, 0x10), -EFAULT);
	EXPECT_EQ(raw_syscall3(__NR_mincore, p, 0, vec), 0);
	/* MADV_HUGEPAGE and MADV_NOHUGEPAGE: advice, accepted (Go's runtime gives it). */
	EXPECT_EQ(raw_syscall3(__NR_madvise, p, 8 * PAGE, 14), 0);
	EXPECT_EQ(raw_syscall3(__NR_madvise, p, 8 * PAGE, 15), 0);
	munmap(p, 8 * PAGE);
	return ok;
}

int
main(void)
{
	run("mmap_errors", test_mmap_errors);
	run("mmap_basics", test_mmap_basics);
	run("munmap", test_munmap);
	run("mprotect", test_mprotect);
	run("prot_none_keeps_data", test_prot_none_keeps_data);
	run("shared_anonymous", test_shared_anonymous);
	run("madvise", test_madvise);
	run("brk", test_brk);
	run("sysinfo", test_sysinfo);
	run("lazy_and_populate", test_lazy_and_populate);
	run("mincore", test_mincore);
	run("no_leak", test_no_leak);
	printf("mmtest: %d passed, %d failed\n", passes, failures);
	return failures;
}
