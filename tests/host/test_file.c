/*
 * test_file.c - kernel/fs/file.c: open-file objects with reference counts
 * and per-process descriptor tables.
 *
 * Every file is one kzalloc (stubs/kheap.c) and has a release callback that
 * counts its calls per file, so each test can check that a file is released
 * exactly once, at its last reference, and that the count of live
 * allocations comes back to where it started. A randomised test at the end
 * runs install/close/dup/fork/exec against a model of the table.
 */
#include <limits.h>

#include "host_test.h"

#include "file.h"
#include "stubs.h"
#include "uapi/errno.h"

/* file_put calls this for files watched by epoll; these test files never are. */
void eventpoll_file_closed(struct file *f);
void
eventpoll_file_closed(struct file *f)
{
	fail_msg("eventpoll_file_closed(%p) called for a file no epoll watches", (void *)f);
}

/* What release saw: how often, and for which file (priv is a tag). */
#define MAX_TAGS 8192
static int released[MAX_TAGS];
static int release_calls;
static int refs_at_release;

static void
count_release(struct file *f)
{
	intptr_t tag = (intptr_t)f->priv;

	assert_true(tag >= 0 && tag < MAX_TAGS);
	released[tag]++;
	release_calls++;
	refs_at_release = f->refs;
}

static const struct file_ops counted_ops = { .release = count_release };
static const struct file_ops plain_ops = { .seekable = true };   /* no release */

static struct fd_table t, t2;

static int
setup(void **state)
{
	(void)state;
	stub_alloc_reset();
	memset(released, 0, sizeof released);
	release_calls = 0;
	refs_at_release = -1;
	memset(&t, 0, sizeof t);
	memset(&t2, 0, sizeof t2);
	t.limit = t2.limit = MAX_FDS;   /* as files_new() makes them */
	return 0;
}

/* A new counted file tagged tag (its priv). */
static struct file *
new_file(int tag, int flags)
{
	struct file *f = file_alloc(&counted_ops, flags);

	assert_non_null(f);
	f->priv = (void *)(intptr_t)tag;
	return f;
}

/* Install f at the lowest free fd >= min_fd; must give want. */
#define INSTALL(f, min_fd, cloexec, want) \
	assert_int_equal(fd_install(&t, (f), (min_fd), (cloexec)), (want))

static bool
cloexec_bit(const struct fd_table *tab, int fd)
{
	return (tab->cloexec >> fd) & 1;
}

/* ---------------------------------------------------------------- files */

static void
test_alloc_initial_state(void **state)
{
	(void)state;
	struct file *f = file_alloc(&counted_ops, O_RDWR | O_NONBLOCK);
	assert_non_null(f);
	assert_int_equal(stub_alloc_live, 1);
	assert_ptr_equal(f->ops, &counted_ops);
	assert_int_equal(f->refs, 1);
	assert_int_equal(f->flags, O_RDWR | O_NONBLOCK);
	assert_int_equal(f->offset, 0);
	assert_null(f->node);
	assert_null(f->priv);
	file_put(f);
	assert_int_equal(release_calls, 1);
	assert_int_equal(stub_alloc_live, 0);
}

static void
test_alloc_out_of_memory(void **state)
{
	(void)state;
	stub_alloc_fail_at = 1;
	assert_null(file_alloc(&counted_ops, O_RDONLY));
	assert_int_equal(stub_alloc_live, 0);
	assert_int_equal(release_calls, 0);
}

static void
test_get_put_release_once_at_last_put(void **state)
{
	(void)state;
	struct file *f = new_file(7, O_RDONLY);
	assert_ptr_equal(file_get(f), f);
	assert_ptr_equal(file_get(f), f);
	assert_int_equal(f->refs, 3);
	file_put(f);
	file_put(f);
	assert_int_equal(release_calls, 0);
	assert_int_equal(stub_alloc_live, 1);
	assert_int_equal(f->refs, 1);
	file_put(f);
	assert_int_equal(release_calls, 1);
	assert_int_equal(released[7], 1);
	assert_int_equal(refs_at_release, 0);      /* release runs on the dying file */
	assert_int_equal(stub_alloc_live, 0);
}

static void
test_put_without_release_op(void **state)
{
	(void)state;
	struct file *f = file_alloc(&plain_ops, O_RDONLY);
	assert_non_null(f);
	file_get(f);
	file_put(f);
	assert_int_equal(stub_alloc_live, 1);
	file_put(f);
	assert_int_equal(stub_alloc_live, 0);
}

static void
test_readable_writable(void **state)
{
	(void)state;
	struct file *r = new_file(1, O_RDONLY | O_NONBLOCK);
	struct file *w = new_file(2, O_WRONLY | O_APPEND);
	struct file *rw = new_file(3, O_RDWR);
	assert_true(file_readable(r));
	assert_false(file_writable(r));
	assert_false(file_readable(w));
	assert_true(file_writable(w));
	assert_true(file_readable(rw));
	assert_true(file_writable(rw));
	file_put(r);
	file_put(w);
	file_put(rw);
	assert_int_equal(stub_alloc_live, 0);
}

/* ---------------------------------------------------------------- fd_install */

static void
test_install_lowest_free(void **state)
{
	(void)state;
	struct file *f[8];
	for (int i = 0; i < 8; i++)
		f[i] = new_file(i, O_RDONLY);

	INSTALL(f[0], 0, false, 0);
	INSTALL(f[1], 0, false, 1);
	INSTALL(f[2], 0, false, 2);
	assert_ptr_equal(t.files[0], f[0]);
	assert_ptr_equal(t.files[1], f[1]);
	assert_ptr_equal(t.files[2], f[2]);
	/* The table takes over the reference: no extra one. */
	assert_int_equal(f[0]->refs, 1);

	assert_int_equal(fd_close(&t, 1), 0);
	INSTALL(f[3], 0, false, 1);                 /* the hole first */
	INSTALL(f[4], 0, false, 3);

	/* min_fd: the lowest free slot at or above it. */
	INSTALL(f[5], 5, false, 5);
	INSTALL(f[6], 5, false, 6);
	INSTALL(f[7], 2, false, 4);                 /* 2 and 3 taken, 4 free */
	for (int fd = 7; fd < MAX_FDS; fd++)
		assert_null(t.files[fd]);

	fd_table_close_all(&t);
	assert_int_equal(release_calls, 8);
	assert_int_equal(stub_alloc_live, 0);
}

static void
test_install_min_fd_at_the_top(void **state)
{
	(void)state;
	struct file *a = new_file(1, O_RDONLY), *b = new_file(2, O_RDONLY);

	INSTALL(a, MAX_FDS - 1, false, MAX_FDS - 1);
	assert_ptr_equal(t.files[MAX_FDS - 1], a);
	/* Nothing free at or above MAX_FDS - 1 now, nor at or above MAX_FDS. */
	INSTALL(b, MAX_FDS - 1, false, -EMFILE);
	INSTALL(b, MAX_FDS, false, -EMFILE);
	INSTALL(b, INT_MAX, false, -EMFILE);
	/* A failed install leaves b to the caller. */
	assert_int_equal(b->refs, 1);
	assert_int_equal(release_calls, 0);
	file_put(b);
	fd_table_close_all(&t);
	assert_int_equal(released[1], 1);
	assert_int_equal(released[2], 1);
	assert_int_equal(stub_alloc_live, 0);
}

static void
test_install_negative_min_fd(void **state)
{
	(void)state;
	struct file *f = new_file(1, O_RDONLY);

	INSTALL(f, -1, false, -EINVAL);
	INSTALL(f, -1, true, -EINVAL);
	INSTALL(f, INT_MIN, false, -EINVAL);
	for (int fd = 0; fd < MAX_FDS; fd++)
		assert_null(t.files[fd]);
	assert_int_equal(t.cloexec, 0);
	assert_int_equal(f->refs, 1);
	file_put(f);
	assert_int_equal(stub_alloc_live, 0);
}

static void
test_install_full_table(void **state)
{
	(void)state;
	struct file *shared = new_file(0, O_RDONLY);

	for (int fd = 0; fd < MAX_FDS; fd++)
		INSTALL(fd == 0 ? shared : file_get(shared), 0, false, fd);
	assert_int_equal(shared->refs, MAX_FDS);
	struct file *extra = new_file(1, O_RDONLY);
	INSTALL(extra, 0, false, -EMFILE);
	INSTALL(extra, 10, true, -EMFILE);
	assert_int_equal(t.cloexec, 0);              /* no bit set by a failed install */

	/* One closed: exactly that one is free again. */
	assert_int_equal(fd_close(&t, 17), 0);
	INSTALL(extra, 0, true, 17);
	assert_true(cloexec_bit(&t, 17));
	INSTALL(file_get(extra), 0, false, -EMFILE);
	file_put(extra);                             /* the reference the failed install left */

	fd_table_close_all(&t);
	assert_int_equal(released[0], 1);
	assert_int_equal(released[1], 1);
	assert_int_equal(release_calls, 2);
	assert_int_equal(stub_alloc_live, 0);
}

static void
test_install_cloexec_bit(void **state)
{
	(void)state;
	struct file *f = new_file(0, O_RDONLY);

	INSTALL(f, 0, true, 0);
	assert_int_equal(t.cloexec, 1);
	INSTALL(file_get(f), 0, false, 1);
	assert_int_equal(t.cloexec, 1);
	/* The top fd: bit 63 of a 64-bit mask. */
	INSTALL(file_get(f), MAX_FDS - 1, true, MAX_FDS - 1);
	assert_int_equal(t.cloexec, 1 | 1ULL << (MAX_FDS - 1));
	INSTALL(file_get(f), 32, true, 32);
	assert_int_equal(t.cloexec, 1 | 1ULL << 32 | 1ULL << (MAX_FDS - 1));

	/* Installing without cloexec clears a stale bit for that slot only. */
	t.cloexec |= 1ULL << 5;
	INSTALL(file_get(f), 5, false, 5);
	assert_false(cloexec_bit(&t, 5));
	assert_int_equal(t.cloexec, 1 | 1ULL << 32 | 1ULL << (MAX_FDS - 1));

	fd_table_close_all(&t);
	assert_int_equal(t.cloexec, 0);
	assert_int_equal(released[0], 1);
	assert_int_equal(stub_alloc_live, 0);
}

/* ---------------------------------------------------------------- fd_close, fd_lookup */

static void
test_close(void **state)
{
	(void)state;
	struct file *f = new_file(3, O_RDONLY);

	INSTALL(f, 0, false, 0);
	INSTALL(file_get(f), 0, true, 1);            /* dup with cloexec */
	assert_int_equal(fd_close(&t, 1), 0);
	assert_null(t.files[1]);
	assert_false(cloexec_bit(&t, 1));            /* the bit goes with the fd */
	assert_int_equal(release_calls, 0);          /* fd 0 still holds it */
	assert_int_equal(f->refs, 1);
	assert_int_equal(fd_close(&t, 1), -EBADF);   /* already closed */
	assert_int_equal(fd_close(&t, 0), 0);
	assert_int_equal(released[3], 1);
	assert_int_equal(stub_alloc_live, 0);
	assert_int_equal(fd_close(&t, 0), -EBADF);
	assert_int_equal(release_calls, 1);
}

static void
test_close_bad_fds(void **state)
{
	(void)state;
	static const int bad[] = { -1, -2, INT_MIN, MAX_FDS, MAX_FDS + 1, INT_MAX, 5 };
	struct file *f = new_file(0, O_RDONLY);

	INSTALL(f, 0, true, 0);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (fd_close(&t, bad[i]) != -EBADF)
			fail_msg("fd_close(%d) did not return -EBADF", bad[i]);
	assert_ptr_equal(t.files[0], f);
	assert_int_equal(t.cloexec, 1);
	assert_int_equal(f->refs, 1);
	assert_int_equal(release_calls, 0);
	fd_table_close_all(&t);
	assert_int_equal(stub_alloc_live, 0);
}

static void
test_lookup(void **state)
{
	(void)state;
	struct file *a = new_file(0, O_RDONLY), *b = new_file(1, O_RDONLY);

	INSTALL(a, 0, false, 0);
	INSTALL(b, MAX_FDS - 1, false, MAX_FDS - 1);
	assert_ptr_equal(fd_lookup(&t, 0), a);
	assert_ptr_equal(fd_lookup(&t, MAX_FDS - 1), b);
	assert_null(fd_lookup(&t, 1));
	assert_null(fd_lookup(&t, MAX_FDS - 2));
	assert_null(fd_lookup(&t, -1));
	assert_null(fd_lookup(&t, INT_MIN));
	assert_null(fd_lookup(&t, MAX_FDS));
	assert_null(fd_lookup(&t, INT_MAX));
	/* A lookup takes no reference. */
	assert_int_equal(a->refs, 1);
	fd_table_close_all(&t);
	assert_int_equal(stub_alloc_live, 0);
}

/* ---------------------------------------------------------------- tables */

static void
test_table_copy(void **state)
{
	(void)state;
	struct file *a = new_file(0, O_RDONLY), *b = new_file(1, O_WRONLY);
	struct file *c = new_file(2, O_RDWR);

	INSTALL(a, 0, false, 0);
	INSTALL(b, 0, true, 1);
	INSTALL(file_get(a), 5, true, 5);            /* a twice */
	INSTALL(c, MAX_FDS - 1, true, MAX_FDS - 1);
	int live = stub_alloc_live;

	/* Whatever was in dst (a new process's table is not necessarily zero)
	 * is overwritten. */
	memset(&t2, 0xa5, sizeof t2);
	fd_table_copy(&t2, &t);
	for (int fd = 0; fd < MAX_FDS; fd++)
		assert_ptr_equal(t2.files[fd], t.files[fd]);
	assert_int_equal(t2.cloexec, t.cloexec);
	assert_int_equal(t2.cloexec, 1ULL << 1 | 1ULL << 5 | 1ULL << (MAX_FDS - 1));
	assert_int_equal(a->refs, 4);
	assert_int_equal(b->refs, 2);
	assert_int_equal(c->refs, 2);
	assert_int_equal(stub_alloc_live, live);     /* shared, not copied */

	/* The parent exits: the child still has everything. */
	fd_table_close_all(&t);
	assert_int_equal(release_calls, 0);
	assert_int_equal(a->refs, 2);
	fd_table_close_all(&t2);
	assert_int_equal(released[0], 1);
	assert_int_equal(released[1], 1);
	assert_int_equal(released[2], 1);
	assert_int_equal(release_calls, 3);
	assert_int_equal(stub_alloc_live, 0);
}

static void
test_close_on_exec(void **state)
{
	(void)state;
	struct file *f[6];
	for (int i = 0; i < 6; i++)
		f[i] = new_file(i, O_RDONLY);

	INSTALL(f[0], 0, false, 0);
	INSTALL(f[1], 0, true, 1);
	INSTALL(f[2], 0, false, 2);
	INSTALL(f[3], 0, true, 3);
	INSTALL(f[4], MAX_FDS - 1, true, MAX_FDS - 1);
	INSTALL(f[5], 40, false, 40);
	INSTALL(file_get(f[0]), 10, true, 10);        /* f[0] also under a cloexec fd */
	INSTALL(file_get(f[3]), 11, false, 11);       /* f[3] also under a plain one */

	fd_table_close_on_exec(&t);
	assert_int_equal(t.cloexec, 0);
	assert_null(t.files[1]);
	assert_null(t.files[3]);
	assert_null(t.files[10]);
	assert_null(t.files[MAX_FDS - 1]);
	assert_ptr_equal(t.files[0], f[0]);
	assert_ptr_equal(t.files[2], f[2]);
	assert_ptr_equal(t.files[11], f[3]);
	assert_ptr_equal(t.files[40], f[5]);
	/* Released: only the files no fd refers to any more. */
	assert_int_equal(release_calls, 2);
	assert_int_equal(released[1], 1);
	assert_int_equal(released[4], 1);
	assert_int_equal(f[0]->refs, 1);
	assert_int_equal(f[3]->refs, 1);
	assert_int_equal(stub_alloc_live, 4);

	/* Nothing marked: nothing closed. */
	fd_table_close_on_exec(&t);
	assert_int_equal(release_calls, 2);

	fd_table_close_all(&t);
	for (int i = 0; i < 6; i++)
		assert_int_equal(released[i], 1);
	assert_int_equal(stub_alloc_live, 0);
}

static void
test_close_all(void **state)
{
	(void)state;
	int start = stub_alloc_live;
	struct file *shared = new_file(100, O_RDONLY);

	for (int fd = 0; fd < MAX_FDS; fd++) {
		if (fd % 3 == 0)
			INSTALL(new_file(fd, O_RDONLY), fd, fd % 2 == 0, fd);
		else if (fd % 3 == 1)
			INSTALL(file_get(shared), fd, fd % 2 == 0, fd);
	}
	file_put(shared);                            /* only the table holds it now */
	fd_table_close_all(&t);
	for (int fd = 0; fd < MAX_FDS; fd++) {
		assert_null(t.files[fd]);
		assert_int_equal(released[fd], fd % 3 == 0 ? 1 : 0);
	}
	assert_int_equal(released[100], 1);
	assert_int_equal(t.cloexec, 0);
	assert_int_equal(stub_alloc_live, start);

	/* An empty table: nothing to do. */
	fd_table_close_all(&t);
	assert_int_equal(stub_alloc_live, start);
}

/* ---------------------------------------------------------------- random */

static uint64_t rng = 0x853c49e6748fea9bULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Two tables (parent t, child t2) against per-fd tags and per-tag counts. */
static void
test_random_against_model(void **state)
{
	int tag_of[2][MAX_FDS];                     /* -1: closed */
	bool cx[2][MAX_FDS];
	int refs[MAX_TAGS];
	int next_tag = 0;
	struct fd_table *tabs[2] = { &t, &t2 };
	(void)state;

	memset(refs, 0, sizeof refs);
	for (int k = 0; k < 2; k++)
		for (int fd = 0; fd < MAX_FDS; fd++)
			tag_of[k][fd] = -1, cx[k][fd] = false;

	for (int step = 0; step < 20000 && next_tag < MAX_TAGS; step++) {
		int k = (int)rnd(2), fd = (int)rnd(MAX_FDS + 4) - 2, min_fd = (int)rnd(MAX_FDS + 2) - 1;
		struct fd_table *tab = tabs[k];
		bool ce = rnd(2);
		int want = -EMFILE, r;

		switch (rnd(6)) {
		case 0:                                 /* open */
		case 1: {                               /* dup of fd (F_DUPFD) */
			struct file *f;
			int tag;
			bool dup = fd >= 0 && fd < MAX_FDS && tag_of[k][fd] >= 0;
			if (dup) {
				f = file_get(tab->files[fd]);
				tag = tag_of[k][fd];
			} else {
				tag = next_tag++;
				f = new_file(tag, O_RDONLY);
			}
			refs[tag]++;
			if (min_fd < 0)
				want = -EINVAL;
			for (int i = min_fd; i >= 0 && i < MAX_FDS && want == -EMFILE; i++)
				if (tag_of[k][i] < 0)
					want = i;
			r = fd_install(tab, f, min_fd, ce);
			if (r != want)
				fail_msg("step %d: fd_install(min %d) = %d, expected %d", step, min_fd, r, want);
			if (r >= 0) {
				tag_of[k][r] = tag;
				cx[k][r] = ce;
			} else {
				file_put(f);
				refs[tag]--;
			}
			break;
		}
		case 2:
		case 3:                                 /* close */
			want = fd >= 0 && fd < MAX_FDS && tag_of[k][fd] >= 0 ? 0 : -EBADF;
			r = fd_close(tab, fd);
			if (r != want)
				fail_msg("step %d: fd_close(%d) = %d, expected %d", step, fd, r, want);
			if (r == 0) {
				refs[tag_of[k][fd]]--;
				tag_of[k][fd] = -1;
				cx[k][fd] = false;
			}
			break;
		case 4:                                 /* exec */
			if (rnd(4) != 0)
				break;
			fd_table_close_on_exec(tab);
			for (int i = 0; i < MAX_FDS; i++)
				if (cx[k][i]) {
					refs[tag_of[k][i]]--;
					tag_of[k][i] = -1;
					cx[k][i] = false;
				}
			break;
		case 5:                                 /* the other one exits, this one forks */
			if (rnd(8) != 0)
				break;
			fd_table_close_all(tabs[1 - k]);
			for (int i = 0; i < MAX_FDS; i++)
				if (tag_of[1 - k][i] >= 0)
					refs[tag_of[1 - k][i]]--;
			fd_table_copy(tabs[1 - k], tab);
			for (int i = 0; i < MAX_FDS; i++) {
				tag_of[1 - k][i] = tag_of[k][i];
				cx[1 - k][i] = cx[k][i];
				if (tag_of[k][i] >= 0)
					refs[tag_of[k][i]]++;
			}
			break;
		}

		/* The tables, the reference counts, releases and live allocations. */
		int live = 0;
		for (int j = 0; j < 2; j++)
			for (int i = 0; i < MAX_FDS; i++) {
				struct file *f = fd_lookup(tabs[j], i);
				if ((f == NULL) != (tag_of[j][i] < 0) ||
				    (f != NULL && (intptr_t)f->priv != tag_of[j][i]))
					fail_msg("step %d: table %d fd %d holds tag %ld, expected %d", step, j,
						 i, f ? (long)(intptr_t)f->priv : -1L, tag_of[j][i]);
				if (f != NULL && f->refs != refs[tag_of[j][i]])
					fail_msg("step %d: tag %d has %d references, expected %d", step,
						 tag_of[j][i], f->refs, refs[tag_of[j][i]]);
				if (cloexec_bit(tabs[j], i) != cx[j][i])
					fail_msg("step %d: table %d fd %d cloexec %d, expected %d", step, j,
						 i, cloexec_bit(tabs[j], i), cx[j][i]);
			}
		for (int tag = 0; tag < next_tag; tag++) {
			if (released[tag] != (refs[tag] == 0 ? 1 : 0))
				fail_msg("step %d: tag %d released %d times with %d references", step,
					 tag, released[tag], refs[tag]);
			live += refs[tag] > 0;
		}
		if (stub_alloc_live != live)
			fail_msg("step %d: %d live allocations, %d files open", step, stub_alloc_live, live);
	}
	fd_table_close_all(&t);
	fd_table_close_all(&t2);
	for (int tag = 0; tag < next_tag; tag++)
		assert_int_equal(released[tag], 1);
	assert_int_equal(stub_alloc_live, 0);
	assert_true(next_tag > 100);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, NULL)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_alloc_initial_state),
		T(test_alloc_out_of_memory),
		T(test_get_put_release_once_at_last_put),
		T(test_put_without_release_op),
		T(test_readable_writable),
		T(test_install_lowest_free),
		T(test_install_min_fd_at_the_top),
		T(test_install_negative_min_fd),
		T(test_install_full_table),
		T(test_install_cloexec_bit),
		T(test_close),
		T(test_close_bad_fds),
		T(test_lookup),
		T(test_table_copy),
		T(test_close_on_exec),
		T(test_close_all),
		T(test_random_against_model),
	};
	host_watchdog(30);
	return cmocka_run_group_tests_name("file", tests, NULL, NULL);
}
