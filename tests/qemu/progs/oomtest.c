/*
 * oomtest.c - running out of memory, and who pays (mm/oom.c). Run as init
 * in a small machine (tests/qemu/cases.py "oom_choice"):
 *
 *   1. a "hog" child takes 60% of the free memory and sleeps; then we
 *      touch 60% too. Memory runs out under us, but the hog has more:
 *      it is killed (SIGKILL) and we get our pages - as Linux chooses;
 *   2. a child that touches more than there is is the biggest itself:
 *      it is the one killed;
 *   3. a child that runs out inside a system call (a copy from user
 *      memory faults, with kernel memory taken for the call) is killed
 *      too, and that kernel memory comes back;
 *   4. afterwards the machine works: a child allocates and exits 0, and
 *      all the memory is free again.
 */
#include "libsys.h"
#include "testing.h"

#define PAGE 4096UL

static unsigned long
free_bytes(void)
{
	struct sysinfo si;
	sysinfo(&si);
	return si.freeram * si.mem_unit;
}

/* Map and touch len bytes; the address, or NULL. */
static char *
touch(unsigned long len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	for (unsigned long off = 0; off < len; off += PAGE)
		p[off] = 1;
	return p;
}

static int
test_the_bigger_one_goes(void)
{
	int ok = 1, ready[2], status = -1;
	unsigned long share = free_bytes() / 10 * 6;
	char token;

	pipe(ready);
	pid_t hog = fork();
	if (hog == 0) {
		touch(share);
		write(ready[1], "r", 1);
		for (;;)
			pause();
	}
	read(ready[0], &token, 1);
	printf("oomtest: the hog (pid %d) holds %lu KiB; now we take as much\n", hog, share / 1024);
	char *mine = touch(share);               /* runs out of memory half way */
	CHECK(mine != NULL);
	EXPECT_EQ(waitpid(hog, &status, 0), hog);
	EXPECT_EQ(status, SIGKILL);              /* the hog paid */
	printf("oomtest: the hog was killed, we have our %lu KiB\n", share / 1024);
	munmap(mine, share);
	close(ready[0]), close(ready[1]);
	return ok;
}

static int
greedy(void)
{
	touch(free_bytes() * 2);                 /* more than there is */
	return 0;                                /* not reached */
}

static int
test_the_greedy_one_goes(void)
{
	int ok = 1;

	EXPECT_EQ(reap(spawn(greedy)), SIGKILL);
	return ok;
}

/* Kernel heap blocks in use: /proc/slabinfo's active_objs column, summed. */
static long
heap_blocks(void)
{
	static char text[2048];
	int fd = open("/proc/slabinfo", O_RDONLY);
	long n = read(fd, text, sizeof text - 1), blocks = 0;

	close(fd);
	text[n > 0 ? n : 0] = '\0';
	for (char *line = strstr(text, "\nkmalloc-"); line != NULL; line = strstr(line + 1, "\nkmalloc-")) {
		char *field = strchr(line + 1, ' ');
		while (*field == ' ')
			field++;
		blocks += atol(field);
	}
	return blocks;
}

/*
 * MAP_POPULATE takes every free page (best effort, as on Linux) and stops;
 * the mapping's last page is not there. pselect6 takes kernel memory for
 * its work, then reads the descriptor set from that page: the fault finds
 * no frame, and we are the biggest (found by /bin/sysfuzz: the call ended
 * inside the fault handler, and the memory it had taken leaked). A first
 * pselect6 leaves the heap blocks it needs on the heap's free lists, so the
 * second gets them without a new page.
 */
static int
greedy_in_a_call(void)
{
	struct timespec zero = { 0, 0 };
	uint64_t set = 0;

	raw_syscall6(__NR_pselect6, 1, 0, (long)&set, 0, (long)&zero, 0);
	unsigned long len = free_bytes() * 2;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
		       -1, 0);
	if (p == MAP_FAILED)
		return 1;
	raw_syscall6(__NR_pselect6, 1, 0, (long)(p + len - PAGE), 0, (long)&zero, 0);
	return 2;                                /* not reached */
}

static int
test_greedy_in_a_call(void)
{
	int ok = 1;
	long blocks = heap_blocks();

	EXPECT_EQ(reap(spawn(greedy_in_a_call)), SIGKILL);
	EXPECT_EQ(heap_blocks(), blocks);        /* pselect6's blocks are back */
	return ok;
}

static int
modest(void)
{
	return touch(4 << 20) != NULL ? 0 : 1;
}

static int
test_usable_afterwards(void)
{
	int ok = 1;
	unsigned long before = free_bytes();

	EXPECT_EQ(reap(spawn(modest)), 0);
	EXPECT_EQ(free_bytes(), before);
	return ok;
}

int
main(void)
{
	run("the_bigger_one_goes", test_the_bigger_one_goes);
	run("the_greedy_one_goes", test_the_greedy_one_goes);
	run("greedy_in_a_call", test_greedy_in_a_call);
	run("usable_afterwards", test_usable_afterwards);
	printf("oomtest: %d passed, %d failed\n", passes, failures);
	return failures;
}
