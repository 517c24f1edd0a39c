/*
 * mremaptest.c - the memory lab's checks of mremap(2) (Linux number 25).
 * It calls the number directly (raw_syscall5), so it builds before the lab
 * is done: on the stock kernel every call returns -ENOSYS.
 *
 *   mremaptest shrink   4 pages -> 2: same address, the tail is gone
 *   mremaptest grow     2 pages -> 4 with free room after: same address
 *   mremaptest move     no room after: -ENOMEM, or with MREMAP_MAYMOVE a
 *                       new address, contents kept, old range unmapped
 *   mremaptest fixed    MREMAP_FIXED: exactly there, replacing what was there
 *   mremaptest bad      -EINVAL and -EFAULT cases
 *   mremaptest noleak   many grows, moves and shrinks: free memory comes back
 *   mremaptest cow      after fork, the parent moves shared pages: both sides
 *                       keep their own data, and nothing leaks
 *   mremaptest one      one moving call (for strace)
 */
#include "libsys.h"

#define NR_mremap 25
#ifndef MREMAP_MAYMOVE         /* your solution may define them (uapi/mman.h) */
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#endif

#define PAGE 4096UL

static int failures;

static long
mremap_raw(void *old, unsigned long old_size, unsigned long new_size, int flags, void *new_addr)
{
	return raw_syscall5(NR_mremap, old, old_size, new_size, flags, new_addr);
}

static void
expect(int ok, const char *what, long got)
{
	printf("%s %s (got %ld)\n", ok ? "[OK]" : "[FAIL]", what, got);
	if (!ok)
		failures++;
}

static void
expect_ptr(int ok, const char *what, long got)
{
	printf("%s %s (got %#lx)\n", ok ? "[OK]" : "[FAIL]", what, got);
	if (!ok)
		failures++;
}

static char *
map_pages(unsigned long pages)
{
	char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("[FAIL] mmap of %lu pages: %s\n", pages, strerror(errno));
		exit(1);
	}
	return p;
}

/* Every page gets its own pattern: byte i of page n is (seed + n * 7 + i) & 0xff. */
static void
fill(char *p, unsigned long pages, int seed)
{
	for (unsigned long n = 0; n < pages; n++)
		for (unsigned long i = 0; i < PAGE; i++)
			p[n * PAGE + i] = (char)(seed + n * 7 + i);
}

static int
check(const char *p, unsigned long pages, int seed)
{
	for (unsigned long n = 0; n < pages; n++)
		for (unsigned long i = 0; i < PAGE; i++)
			if (p[n * PAGE + i] != (char)(seed + n * 7 + i))
				return 0;
	return 1;
}

static int
all_zero(const char *p, unsigned long len)
{
	for (unsigned long i = 0; i < len; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

/*
 * [p, p + pages) followed directly by a read-only page: a different
 * protection makes it a separate area, so the first area cannot grow in place.
 */
static char *
map_blocked(unsigned long pages)
{
	char *p = map_pages(pages + 1);

	mprotect(p + pages * PAGE, PAGE, PROT_READ);
	return p;
}

/* The /proc/self/maps line containing addr: its start and end. 0 if none. */
static int
area_of(const void *addr, unsigned long *start, unsigned long *end)
{
	static char buf[8192];
	int fd = open("/proc/self/maps", O_RDONLY), n = 0, r;

	if (fd < 0)
		return 0;
	while (n < (int)sizeof buf - 1 && (r = (int)read(fd, buf + n, sizeof buf - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	for (char *line = buf; *line; ) {
		unsigned long s = 0, e = 0;
		char *c = line;
		for (; *c != '-'; c++)
			s = s * 16 + (unsigned long)(*c <= '9' ? *c - '0' : *c - 'a' + 10);
		for (c++; *c != ' '; c++)
			e = e * 16 + (unsigned long)(*c <= '9' ? *c - '0' : *c - 'a' + 10);
		if (s <= (unsigned long)addr && (unsigned long)addr < e) {
			*start = s, *end = e;
			return 1;
		}
		char *nl = strchr(line, '\n');
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	return 0;
}

/* Is [p, p + len) exactly one area in /proc/self/maps? */
static int
maps_shows(const char *p, unsigned long len)
{
	unsigned long s, e;

	return area_of(p, &s, &e) && s == (unsigned long)p && e == (unsigned long)p + len;
}

/* Does reading addr kill a process with SIGSEGV? Tried in a child, so we survive. */
static int
read_faults(const char *addr)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		volatile char c = *(volatile const char *)addr;
		(void)c;
		_exit(0);                    /* the read worked: the page is still there */
	}
	wait4(pid, &status, 0, NULL);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

static unsigned long
free_pages(void)
{
	struct sysinfo si;

	sysinfo(&si);
	return si.freeram * si.mem_unit / PAGE;
}

static void
shrink(void)
{
	char *p = map_pages(4);

	fill(p, 4, 1);
	long r = mremap_raw(p, 4 * PAGE, 2 * PAGE, 0, NULL);
	expect_ptr(r == (long)p, "shrinking 4 pages to 2 keeps the address", r);
	expect(check(p, 2, 1), "the first 2 pages keep their contents", 0);
	expect(maps_shows(p, 2 * PAGE), "/proc/self/maps shows 2 pages", 0);
	expect(read_faults(p + 2 * PAGE), "page 3 is gone: reading it is SIGSEGV", 0);
	expect(read_faults(p + 3 * PAGE), "page 4 is gone: reading it is SIGSEGV", 0);
	r = mremap_raw(p, 2 * PAGE, PAGE + 1, 0, NULL);
	expect_ptr(r == (long)p, "new_size is rounded up to pages (2 pages -> 4097 bytes)", r);
	expect(maps_shows(p, 2 * PAGE), "... which is still 2 pages", 0);
	r = mremap_raw(p, 2 * PAGE, PAGE, 0, NULL);
	expect(r == (long)p && check(p, 1, 1), "2 pages -> 1, contents kept", r);
}

static void
grow(void)
{
	/* Reserve 8 pages, give back the top 6: 2 pages with free room after. */
	char *p = map_pages(8);

	munmap(p + 2 * PAGE, 6 * PAGE);
	fill(p, 2, 2);
	long r = mremap_raw(p, 2 * PAGE, 4 * PAGE, 0, NULL);
	expect_ptr(r == (long)p, "growing 2 pages to 4 with room after: same address", r);
	expect(check(p, 2, 2), "the old pages keep their contents", 0);
	expect(r == (long)p && all_zero(p + 2 * PAGE, 2 * PAGE), "the new pages read as zeros", 0);
	if (r == (long)p) {
		p[3 * PAGE + 5] = 42;        /* a new page is writable */
		expect(p[3 * PAGE + 5] == 42, "the new pages are writable", 0);
	}
	expect(maps_shows(p, 4 * PAGE), "/proc/self/maps shows one area of 4 pages", 0);
	r = mremap_raw(p, 4 * PAGE, 6 * PAGE, MREMAP_MAYMOVE, NULL);
	expect_ptr(r == (long)p, "with MREMAP_MAYMOVE and room after, it still grows in place", r);
}

/* A child maps, touches, moves, then reads the old address itself: the
 * kernel must have flushed the TLB, or the stale translation still works. */
static int
old_address_dead_after_move(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		char *p = map_blocked(2);
		fill(p, 2, 9);               /* now the TLB holds p's translations */
		if (mremap_raw(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE, NULL) < 0)
			_exit(2);
		volatile char c = *(volatile char *)p;
		(void)c;
		_exit(0);
	}
	wait4(pid, &status, 0, NULL);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

static void
move(void)
{
	char *p = map_blocked(2);

	fill(p, 2, 3);
	long r = mremap_raw(p, 2 * PAGE, 4 * PAGE, 0, NULL);
	expect(r == -ENOMEM, "no room after and no MREMAP_MAYMOVE: -ENOMEM", r);
	expect(check(p, 2, 3) && maps_shows(p, 2 * PAGE), "... and nothing changed", 0);
	r = mremap_raw(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE, NULL);
	expect_ptr(r > 0 && r != (long)p, "with MREMAP_MAYMOVE the area moves", r);
	if (r > 0 && r != (long)p) {
		char *q = (char *)r;
		expect(check(q, 2, 3), "the pages moved with their contents", 0);
		expect(all_zero(q + 2 * PAGE, 2 * PAGE), "the added pages read as zeros", 0);
		q[3 * PAGE] = 7;
		expect(q[3 * PAGE] == 7, "the added pages are writable", 0);
		expect(maps_shows(q, 4 * PAGE), "/proc/self/maps shows the new area", 0);
		unsigned long s, e;
		expect(!area_of(p, &s, &e), "/proc/self/maps no longer shows the old one", 0);
		expect(read_faults(p), "the old address is unmapped: reading it is SIGSEGV", 0);
		expect(area_of(p + 2 * PAGE, &s, &e), "the page after the old area is still there", 0);
	}
	/* A bigger one: 64 pages, each with its own pattern. */
	char *big = map_blocked(64);
	fill(big, 64, 4);
	r = mremap_raw(big, 64 * PAGE, 128 * PAGE, MREMAP_MAYMOVE, NULL);
	expect(r > 0 && r != (long)big && check((char *)r, 64, 4), "64 pages move, every byte kept", r);
	expect(old_address_dead_after_move(), "the mover itself faults at the old address (TLB flushed)", 0);
}

static void
fixed(void)
{
	char *p = map_pages(2), *t = map_pages(4);

	fill(p, 2, 5);
	fill(t, 4, 6);
	long r = mremap_raw(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, t);
	expect_ptr(r == (long)t, "MREMAP_FIXED moves to exactly new_address", r);
	expect(check(t, 2, 5), "the moved pages replaced what was there", 0);
	expect(check(t + 2 * PAGE, 1, 6 + 2 * 7), "the target's pages past new_size are untouched", 0);
	expect(read_faults(p), "the old address is unmapped", 0);
	/* Move and grow at once, into a hole we make. */
	char *hole = map_pages(3);
	munmap(hole, 3 * PAGE);
	r = mremap_raw(t, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, hole);
	expect_ptr(r == (long)hole, "MREMAP_FIXED into free space, growing 2 -> 3 pages", r);
	expect(r == (long)hole && check(hole, 2, 5) && all_zero(hole + 2 * PAGE, PAGE),
	       "contents kept, the third page zero", 0);
	expect(maps_shows(hole, 3 * PAGE), "/proc/self/maps shows 3 pages there", 0);
	/* Move and shrink at once. */
	char *dst = map_pages(1);
	r = mremap_raw(hole, 3 * PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
	expect(r == (long)dst && check(dst, 1, 5), "MREMAP_FIXED shrinking 3 -> 1 page", r);
	expect(read_faults(hole + 2 * PAGE), "the dropped tail is unmapped", 0);
}

static void
bad(void)
{
	char *p = map_pages(2), *other = map_pages(2);
	long r;

	r = mremap_raw(p + 16, PAGE, 2 * PAGE, MREMAP_MAYMOVE, NULL);
	expect(r == -EINVAL, "unaligned old_address: -EINVAL", r);
	r = mremap_raw(p, 2 * PAGE, 4 * PAGE, 0x80, NULL);
	expect(r == -EINVAL, "unknown flag 0x80: -EINVAL", r);
	r = mremap_raw(p, 2 * PAGE, 4 * PAGE, MREMAP_FIXED, other);
	expect(r == -EINVAL, "MREMAP_FIXED without MREMAP_MAYMOVE: -EINVAL", r);
	r = mremap_raw(p, 2 * PAGE, 0, MREMAP_MAYMOVE, NULL);
	expect(r == -EINVAL, "new_size 0: -EINVAL", r);
	r = mremap_raw(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, other + 16);
	expect(r == -EINVAL, "MREMAP_FIXED with an unaligned new_address: -EINVAL", r);
	r = mremap_raw(p, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, p + PAGE);
	expect(r == -EINVAL, "MREMAP_FIXED onto an overlapping range: -EINVAL", r);
	munmap(other, 2 * PAGE);
	r = mremap_raw(other, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE, NULL);
	expect(r == -EFAULT, "old range not mapped (after munmap): -EFAULT", r);
	r = mremap_raw(p, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE, NULL);
	expect(r == -EFAULT, "old range runs past the end of its area: -EFAULT", r);
	r = mremap_raw((void *)0x20000, PAGE, 2 * PAGE, MREMAP_MAYMOVE, NULL);
	expect(r == -EFAULT, "old range never mapped: -EFAULT", r);
	fill(p, 2, 8);
	expect(check(p, 2, 8) && maps_shows(p, 2 * PAGE), "the area survived all of it", 0);
	r = mremap_raw(p, 2 * PAGE, 2 * PAGE, 0, NULL);
	expect_ptr(r == (long)p, "same size: returns old_address", r);
}

/* One round: grow in place, move, move with MREMAP_FIXED, shrink, unmap. */
static void
churn(void)
{
	char *p = map_pages(16);
	munmap(p + 8 * PAGE, 8 * PAGE);
	fill(p, 8, 10);
	long r = mremap_raw(p, 8 * PAGE, 16 * PAGE, 0, NULL);
	if (r != (long)p)
		failures++;
	mprotect(p + 15 * PAGE, PAGE, PROT_READ);           /* block it */
	fill(p, 15, 11);
	char *q = (char *)mremap_raw(p, 15 * PAGE, 32 * PAGE, MREMAP_MAYMOVE, NULL);
	char *t = map_pages(32);
	char *u = (char *)mremap_raw(q, 32 * PAGE, 32 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, t);
	if ((long)q < 0 || u != t || !check(u, 15, 11))
		failures++;
	mremap_raw(u, 32 * PAGE, 4 * PAGE, 0, NULL);
	munmap(u, 4 * PAGE);
	munmap(p + 15 * PAGE, PAGE);
}

static void
noleak(void)
{
	churn();                         /* warm up: the kernel's heap takes its pages once */
	unsigned long before = free_pages();
	int f = failures;
	for (int i = 0; i < 50; i++)
		churn();
	expect(failures == f, "50 rounds of grow, move, fixed move, shrink all worked", failures - f);
	unsigned long after = free_pages();
	printf("free pages before %lu, after %lu\n", before, after);
	expect(after == before, "no page leaked (frames and page tables)", (long)before - (long)after);
}

/* A fork and two pipes, undone: the kernel's heap takes the pages it keeps for them. */
static void
warm_up_fork(void)
{
	int a[2], b[2], status;
	pid_t pid;

	pipe(a);
	pipe(b);
	if ((pid = fork()) == 0)
		_exit(0);
	wait4(pid, &status, 0, NULL);
	for (int i = 0; i < 2; i++) {
		close(a[i]);
		close(b[i]);
	}
}

static void
cow(void)
{
	warm_up_fork();
	unsigned long before = free_pages();
	char *p = map_blocked(4);
	int to_child[2], to_parent[2], status = 0;
	char c = 0;

	fill(p, 4, 12);
	pipe(to_child);
	pipe(to_parent);
	pid_t pid = fork();
	if (pid == 0) {
		/* The child: its pages must not notice anything the parent does. */
		read(to_child[0], &c, 1);            /* the parent has moved and written */
		int ok = check(p, 4, 12);
		fill(p, 2, 13);                      /* write: copy-on-write in the child */
		write(to_parent[1], "x", 1);
		_exit(ok ? 0 : 1);
	}
	long r = mremap_raw(p, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE, NULL);
	char *q = (char *)r;
	expect_ptr(r > 0 && r != (long)p, "the parent moves its shared (copy-on-write) pages", r);
	if (r > 0) {
		expect(check(q, 4, 12), "the moved pages hold the data", 0);
		fill(q + 2 * PAGE, 2, 14);           /* write: copy-on-write in the parent */
		expect(check(q + 2 * PAGE, 2, 14), "the parent can write its moved pages", 0);
	}
	write(to_child[1], "x", 1);
	read(to_parent[0], &c, 1);
	wait4(pid, &status, 0, NULL);
	expect(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "the child still saw the original data after the parent's move and writes", status);
	if (r > 0) {
		expect(check(q, 2, 12), "the child's writes did not reach the parent", 0);
		expect(check(q + 2 * PAGE, 2, 14), "the parent's writes are still there", 0);
		munmap(q, 8 * PAGE);
	}
	munmap(p + 4 * PAGE, PAGE);
	for (int i = 0; i < 2; i++) {
		close(to_child[i]);
		close(to_parent[i]);
	}
	unsigned long after = free_pages();
	printf("free pages before %lu, after %lu\n", before, after);
	expect(after == before, "every shared frame was freed exactly once", (long)before - (long)after);
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "shrink";

	if (!strcmp(mode, "one")) {
		char *p = map_blocked(2);
		return mremap_raw(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE, NULL) > 0 ? 0 : 1;
	}
	if (!strcmp(mode, "shrink"))
		shrink();
	else if (!strcmp(mode, "grow"))
		grow();
	else if (!strcmp(mode, "move"))
		move();
	else if (!strcmp(mode, "fixed"))
		fixed();
	else if (!strcmp(mode, "bad"))
		bad();
	else if (!strcmp(mode, "noleak"))
		noleak();
	else if (!strcmp(mode, "cow"))
		cow();
	else {
		printf("mremaptest: unknown mode %s\n", mode);
		return 2;
	}
	printf("mremaptest %s: %s\n", mode, failures ? "FAILED" : "passed");
	return failures ? 1 : 0;
}
