/*
 * test_path.c - path resolution in kernel/fs/initrd.c: initrd_resolve
 * (absolute and relative paths, ".", "..", slashes, the errors Linux's
 * namei gives), directories whose entries are made on demand (lookup_child,
 * as /proc does) and initrd_add.
 *
 * The tree is made with initrd_add on top of an empty archive. /proc here is
 * a stand-in for fs/procfs.c: its lookup_child returns the static children
 * it has, and for a live pid a freshly kzalloc'ed directory (dynamic = true)
 * whose own lookup_child makes "status" and "maps" files the same way. Every
 * node is one allocation of the kheap stub, so the count of live
 * allocations shows each dynamic node freed exactly once: back to the tree's
 * own count after initrd_put(out) on success, and with no put at all after
 * an error.
 */
#include <stdlib.h>

#include "guarded.h"

#include "cpio.h"
#include "cpio_builder.h"
#include "initrd.h"
#include "kheap.h"
#include "stubs.h"
#include "uapi/errno.h"

static struct cpio_builder ar;
static int base_live;            /* allocations of the static tree */
static int dyn_made;             /* dynamic nodes made by the lookups */
static struct initrd_node *bin, *init_node, *etc, *motd, *empty, *proc, *version;

/* ---------------------------------------------------------------- the fake /proc */

static bool
pid_alive(int pid)
{
	return pid == 1 || pid == 5 || pid == 42;
}

/* As procfs.c does: initrd_new_dynamic (not linked into the parent, a
 * reference to a dynamic parent held for ".."). */
static struct initrd_node *
dyn_node(struct initrd_node *parent, const char *name, size_t len, uint32_t mode)
{
	char buf[INITRD_NAME_MAX + 1];
	memcpy(buf, name, len);
	buf[len] = '\0';
	struct initrd_node *n = initrd_new_dynamic(parent, buf, mode, 0);

	if (n != NULL)
		dyn_made++;
	return n;
}

static struct initrd_node *
pid_lookup(struct initrd_node *dir, const char *name, size_t len)
{
	struct initrd_node *n = NULL;

	if ((len == 6 && strncmp(name, "status", 6) == 0) || (len == 4 && strncmp(name, "maps", 4) == 0))
		n = dyn_node(dir, name, len, S_IFREG | 0444);
	if (n != NULL)
		n->gen_arg = dir->gen_arg;
	return n;
}

static struct initrd_node *
proc_lookup(struct initrd_node *dir, const char *name, size_t len)
{
	struct initrd_node *n = initrd_find_child(dir, name, len);
	int pid = 0;

	if (n != NULL)
		return n;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9' || i >= 6)
			return NULL;
		pid = pid * 10 + (name[i] - '0');
	}
	if (len == 0 || !pid_alive(pid))
		return NULL;
	n = dyn_node(dir, name, len, S_IFDIR | 0555);
	if (n != NULL) {
		n->lookup_child = pid_lookup;
		n->gen_arg = pid;
	}
	return n;
}

/* ---------------------------------------------------------------- fixture */

/* The kernel never frees the tree; the test does (kfree: the stub counts). */
static void
free_tree(struct initrd_node *n)
{
	while (n != NULL) {
		struct initrd_node *next = n->next;
		free_tree(n->children);
		kfree(n);
		n = next;
	}
}

static struct initrd_node *
add_ok(const char *path, uint32_t mode)
{
	struct initrd_node *n = initrd_add(path, mode);
	if (n == NULL)
		fail_msg("initrd_add(\"%s\") failed", path);
	return n;
}

/*
 *   /bin/{init,sh}  /etc/motd  /empty/  /proc/version  /proc/<pid>/{status,maps}
 */
static int
setup(void **state)
{
	const char *error = NULL;
	(void)state;

	stub_alloc_reset();
	stub_printk_reset();
	cb_init(&ar);
	cb_trailer(&ar);
	if (initrd_load(ar.buf, ar.len, &error) != 0)
		fail_msg("initrd_load: %s", error ? error : "?");
	bin = add_ok("/bin", S_IFDIR | 0755);
	init_node = add_ok("/bin/init", S_IFREG | 0755);
	add_ok("/bin/sh", S_IFREG | 0755);
	motd = add_ok("/etc/motd", S_IFREG | 0644);
	etc = motd->parent;
	empty = add_ok("/empty", S_IFDIR | 0755);
	proc = add_ok("/proc", S_IFDIR | 0555);
	version = add_ok("/proc/version", S_IFREG | 0444);
	proc->lookup_child = proc_lookup;
	base_live = stub_alloc_live;
	dyn_made = 0;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	free_tree(initrd_root());
	stub_alloc_reset();
	return 0;
}

/* ---------------------------------------------------------------- helpers */

static struct initrd_node *
resolve_ok_at(struct initrd_node *start, const char *path, int line)
{
	struct initrd_node *out = NULL;
	int r = initrd_resolve(start, path, &out);
	if (r != 0)
		fail_msg("line %d: resolve \"%s\" from \"%s\": %d", line, path,
			 start ? start->name : "(null)", r);
	if (out == NULL)
		fail_msg("line %d: resolve \"%s\" succeeded with no node", line, path);
	return out;
}

/* path resolves (from start) to want, a static node: nothing to put. */
#define RESOLVES(start, path, want) \
	assert_ptr_equal(resolve_ok_at((start), (path), __LINE__), (want))

/* path fails with err, and leaves no dynamic node behind. */
static void
fails_at(struct initrd_node *start, const char *path, int err, int line)
{
	struct initrd_node *out = NULL;
	int r = initrd_resolve(start, path, &out);
	if (r != err)
		fail_msg("line %d: resolve \"%s\" returned %d, expected %d", line, path, r, err);
	if (stub_alloc_live != base_live)
		fail_msg("line %d: resolve \"%s\" left %d live allocations, expected %d", line, path,
			 stub_alloc_live, base_live);
}

#define FAILS(start, path, err) fails_at((start), (path), (err), __LINE__)

/* ---------------------------------------------------------------- initrd_add */

static void
test_add_creates_parents(void **state)
{
	(void)state;
	int before = stub_alloc_live;
	struct initrd_node *c = add_ok("/a/b/c", S_IFREG | 0600);
	assert_int_equal(stub_alloc_live, before + 3);
	assert_string_equal(c->name, "c");
	assert_int_equal(c->mode, S_IFREG | 0600);
	struct initrd_node *b = c->parent, *a = b->parent;
	assert_string_equal(b->name, "b");
	assert_string_equal(a->name, "a");
	assert_int_equal(b->mode, S_IFDIR | 0755);
	assert_int_equal(a->mode, S_IFDIR | 0755);
	assert_ptr_equal(a->parent, initrd_root());
	assert_ptr_equal(b->children, c);
	assert_null(c->children);
	assert_true(a->ino != b->ino && b->ino != c->ino && a->ino != c->ino);
	RESOLVES(NULL, "/a/b/c", c);

	/* Adding what exists gives it back; a sibling reuses the parents. */
	assert_ptr_equal(initrd_add("/a/b/c", S_IFREG | 0600), c);
	struct initrd_node *d = add_ok("a/b/d", 0020666);    /* no leading '/'; a device */
	assert_ptr_equal(d->parent, b);
	assert_int_equal(d->mode, 0020666);
	assert_int_equal(stub_alloc_live, before + 4);
	RESOLVES(NULL, "/a/b/d", d);
	RESOLVES(NULL, "/a/b/c", c);

	/* A directory with a trailing slash. */
	struct initrd_node *dir = add_ok("/x/y/", S_IFDIR | 0700);
	assert_string_equal(dir->name, "y");
	RESOLVES(NULL, "/x/y", dir);

	/* Not through a file; not with a name that is too long. */
	int live = stub_alloc_live;
	assert_null(initrd_add("/bin/init/x", S_IFREG | 0644));
	char path[INITRD_NAME_MAX + 8];
	path[0] = '/';
	memset(path + 1, 'n', INITRD_NAME_MAX + 1);
	path[INITRD_NAME_MAX + 2] = '\0';
	assert_null(initrd_add(path, S_IFREG | 0644));
	assert_int_equal(stub_alloc_live, live);
}

/* ---------------------------------------------------------------- static tree */

static void
test_absolute_paths(void **state)
{
	(void)state;
	struct initrd_node *root = initrd_root();
	RESOLVES(NULL, "/", root);
	RESOLVES(NULL, "///", root);
	RESOLVES(NULL, "/bin/init", init_node);
	RESOLVES(NULL, "//bin///init", init_node);
	RESOLVES(NULL, "/./bin/./init", init_node);
	RESOLVES(NULL, "/bin/../bin/init", init_node);
	RESOLVES(NULL, "/etc/../bin/../bin/init", init_node);
	RESOLVES(NULL, "/etc/motd", motd);
	/* ".." of / is /. */
	RESOLVES(NULL, "/..", root);
	RESOLVES(NULL, "/../..", root);
	RESOLVES(NULL, "/../bin/init", init_node);
	RESOLVES(NULL, "/bin/..", root);
	RESOLVES(NULL, "/bin/../..", root);
	/* An absolute path ignores the start directory. */
	RESOLVES(etc, "/bin/init", init_node);
	RESOLVES(etc, "/", root);
}

static void
test_relative_paths(void **state)
{
	(void)state;
	struct initrd_node *root = initrd_root();
	RESOLVES(bin, "init", init_node);
	RESOLVES(bin, "./init", init_node);
	RESOLVES(bin, ".//init", init_node);
	RESOLVES(bin, ".", bin);
	RESOLVES(bin, "./", bin);
	RESOLVES(bin, "..", root);
	RESOLVES(bin, "../..", root);
	RESOLVES(bin, "../../../etc/motd", motd);
	RESOLVES(bin, "../etc/motd", motd);
	RESOLVES(etc, "motd", motd);
	RESOLVES(root, "bin/init", init_node);
	RESOLVES(root, ".", root);
	RESOLVES(root, "..", root);
	/* No start: relative to /. */
	RESOLVES(NULL, "bin/init", init_node);
	RESOLVES(NULL, "etc", etc);
	/* Names are whole: no prefix matches. */
	FAILS(bin, "ini", -ENOENT);
	FAILS(bin, "initx", -ENOENT);
	FAILS(bin, "init/", -ENOTDIR);
	/* From a file, nothing is relative: it is not a directory. */
	FAILS(init_node, "x", -ENOTDIR);
	FAILS(init_node, ".", -ENOTDIR);
	FAILS(init_node, "..", -ENOTDIR);
}

static void
test_trailing_slash(void **state)
{
	(void)state;
	RESOLVES(NULL, "/bin/", bin);
	RESOLVES(NULL, "/bin//", bin);
	RESOLVES(NULL, "/empty/", empty);
	RESOLVES(NULL, "/bin/./", bin);
	RESOLVES(NULL, "/bin/../", initrd_root());
	/* A trailing '/' insists on a directory. */
	FAILS(NULL, "/bin/init/", -ENOTDIR);
	FAILS(NULL, "/bin/init//", -ENOTDIR);
	FAILS(NULL, "/etc/motd/", -ENOTDIR);
	FAILS(etc, "motd/", -ENOTDIR);
}

static void
test_file_in_the_middle(void **state)
{
	(void)state;
	FAILS(NULL, "/bin/init/x", -ENOTDIR);
	FAILS(NULL, "/bin/init/.", -ENOTDIR);
	FAILS(NULL, "/bin/init/..", -ENOTDIR);
	FAILS(NULL, "/bin/init/../sh", -ENOTDIR);
	FAILS(NULL, "/etc/motd/a/b", -ENOTDIR);
	FAILS(NULL, "/etc/motd/missing", -ENOTDIR);  /* not ENOENT: motd is no directory */
	FAILS(bin, "init/x", -ENOTDIR);
}

static void
test_missing(void **state)
{
	(void)state;
	FAILS(NULL, "/missing", -ENOENT);
	FAILS(NULL, "/bin/missing", -ENOENT);
	FAILS(NULL, "/missing/x", -ENOENT);          /* the first missing part decides */
	FAILS(NULL, "/missing/..", -ENOENT);
	FAILS(NULL, "/missing/", -ENOENT);
	FAILS(NULL, "/empty/x", -ENOENT);
	FAILS(etc, "init", -ENOENT);
	FAILS(empty, "../bin/sh/x", -ENOTDIR);
}

static void
test_empty_path(void **state)
{
	(void)state;
	FAILS(NULL, "", -ENOENT);
	FAILS(bin, "", -ENOENT);
	FAILS(initrd_root(), "", -ENOENT);
}

static void
test_name_too_long(void **state)
{
	char name[INITRD_NAME_MAX + 2];
	char path[INITRD_NAME_MAX + 32];
	(void)state;

	/* INITRD_NAME_MAX characters: a name (missing, then present). */
	memset(name, 'n', INITRD_NAME_MAX);
	name[INITRD_NAME_MAX] = '\0';
	snprintf(path, sizeof path, "/bin/%s", name);
	FAILS(NULL, path, -ENOENT);
	struct initrd_node *n = add_ok(path, S_IFREG | 0644);
	base_live = stub_alloc_live;
	RESOLVES(NULL, path, n);
	RESOLVES(bin, name, n);

	/* One more: -ENAMETOOLONG, not a truncated match of the name above. */
	name[INITRD_NAME_MAX] = 'n';
	name[INITRD_NAME_MAX + 1] = '\0';
	snprintf(path, sizeof path, "/bin/%s", name);
	FAILS(NULL, path, -ENAMETOOLONG);
	FAILS(bin, name, -ENAMETOOLONG);
	snprintf(path, sizeof path, "/%s/x", name);
	FAILS(NULL, path, -ENAMETOOLONG);
	snprintf(path, sizeof path, "%s/", name);
	FAILS(NULL, path, -ENAMETOOLONG);
}

/* ---------------------------------------------------------------- lookup_child */

/* Resolve a path to a dynamic node, check it, put it: nothing stays live. */
static void
test_dynamic_resolve_and_put(void **state)
{
	(void)state;
	struct initrd_node *n = resolve_ok_at(NULL, "/proc/5/status", __LINE__);
	assert_true(n->dynamic);
	assert_string_equal(n->name, "status");
	assert_int_equal(n->mode, S_IFREG | 0444);
	assert_int_equal(n->gen_arg, 5);
	assert_int_equal(dyn_made, 2);               /* "5", then "status" */
	/* "status" holds a reference to its dynamic directory "5" (for ".."):
	 * both are live until the result is put, then both go. */
	assert_int_equal(stub_alloc_live, base_live + 2);
	assert_true(n->parent->dynamic);
	assert_string_equal(n->parent->name, "5");
	initrd_put(n);
	assert_int_equal(stub_alloc_live, base_live);

	n = resolve_ok_at(NULL, "/proc/42/maps", __LINE__);
	assert_string_equal(n->name, "maps");
	assert_int_equal(n->gen_arg, 42);
	initrd_put(n);
	assert_int_equal(stub_alloc_live, base_live);

	/* The directory itself, with and without a trailing '/' or "/.". */
	static const char *const dirs[] = { "/proc/5", "/proc/5/", "/proc/5/.", "/proc/./5//./" };
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		n = resolve_ok_at(NULL, dirs[i], __LINE__);
		assert_true(n->dynamic);
		assert_string_equal(n->name, "5");
		assert_int_equal(n->mode & S_IFMT, S_IFDIR);
		assert_ptr_equal(n->parent, proc);
		assert_int_equal(stub_alloc_live, base_live + 1);
		initrd_put(n);
		assert_int_equal(stub_alloc_live, base_live);
	}

	/* Relative to /proc (a static directory). */
	n = resolve_ok_at(proc, "1/status", __LINE__);
	assert_int_equal(n->gen_arg, 1);
	initrd_put(n);
	assert_int_equal(stub_alloc_live, base_live);
}

static void
test_dynamic_dotdot(void **state)
{
	(void)state;
	/* Out of a dynamic directory and back in: a new "5", freed in turn. */
	struct initrd_node *n = resolve_ok_at(NULL, "/proc/5/../5/status", __LINE__);
	assert_string_equal(n->name, "status");
	assert_int_equal(n->gen_arg, 5);
	assert_int_equal(dyn_made, 3);
	assert_int_equal(stub_alloc_live, base_live + 2);   /* "status" and its "5" */
	initrd_put(n);
	assert_int_equal(stub_alloc_live, base_live);

	/* ".." of /proc/5 is the static /proc; the dynamic node is gone already. */
	dyn_made = 0;
	RESOLVES(NULL, "/proc/5/..", proc);
	assert_int_equal(dyn_made, 1);
	assert_int_equal(stub_alloc_live, base_live);
	RESOLVES(NULL, "/proc/5/../", proc);
	RESOLVES(NULL, "/proc/5/../..", initrd_root());
	RESOLVES(NULL, "/proc/5/../../bin/init", init_node);
	RESOLVES(NULL, "/proc/1/../42/../5/../version", version);
	assert_int_equal(stub_alloc_live, base_live);

	n = resolve_ok_at(NULL, "/proc/1/../42/../5/./status", __LINE__);
	assert_int_equal(n->gen_arg, 5);
	initrd_put(n);
	assert_int_equal(stub_alloc_live, base_live);
}

static void
test_lookup_child_static_entries(void **state)
{
	(void)state;
	/* A static child found through lookup_child is not dynamic: put keeps it. */
	struct initrd_node *n = resolve_ok_at(NULL, "/proc/version", __LINE__);
	assert_ptr_equal(n, version);
	assert_false(n->dynamic);
	initrd_put(n);
	assert_int_equal(stub_alloc_live, base_live);
	RESOLVES(NULL, "/proc/version", version);
	RESOLVES(NULL, "/proc/../proc/version", version);
	FAILS(NULL, "/proc/version/", -ENOTDIR);
	assert_int_equal(dyn_made, 0);
	/* initrd_put of a static node, or of NULL, does nothing. */
	initrd_put(init_node);
	initrd_put(NULL);
	assert_int_equal(stub_alloc_live, base_live);
	RESOLVES(NULL, "/bin/init", init_node);
}

static void
test_dynamic_error_paths(void **state)
{
	char path[INITRD_NAME_MAX + 32];
	(void)state;

	/* Each error frees whatever dynamic node the walk held. */
	FAILS(NULL, "/proc/99", -ENOENT);            /* lookup_child found nothing */
	FAILS(NULL, "/proc/abc", -ENOENT);
	FAILS(NULL, "/proc/5/missing", -ENOENT);
	FAILS(NULL, "/proc/5/missing/x", -ENOENT);
	FAILS(NULL, "/proc/5/../99", -ENOENT);
	FAILS(NULL, "/proc/5/status/x", -ENOTDIR);
	FAILS(NULL, "/proc/5/status/", -ENOTDIR);
	FAILS(NULL, "/proc/5/status//", -ENOTDIR);
	FAILS(NULL, "/proc/5/status/..", -ENOTDIR);
	FAILS(NULL, "/proc/5/status/.", -ENOTDIR);
	FAILS(NULL, "/proc/42/maps/status", -ENOTDIR);
	FAILS(proc, "5/status/x", -ENOTDIR);
	memset(path, 0, sizeof path);
	memcpy(path, "/proc/5/", 8);
	memset(path + 8, 's', INITRD_NAME_MAX + 1);
	FAILS(NULL, path, -ENAMETOOLONG);
	assert_true(dyn_made > 10);
}

static void
test_dynamic_out_of_memory(void **state)
{
	(void)state;
	/* The directory cannot be made: ENOENT, nothing live. */
	stub_alloc_reset();
	stub_alloc_live = base_live;
	stub_alloc_fail_at = 1;
	FAILS(NULL, "/proc/5/status", -ENOENT);
	/* The file cannot be made: the directory made before it is freed. */
	stub_alloc_reset();
	stub_alloc_live = base_live;
	stub_alloc_fail_at = 2;
	FAILS(NULL, "/proc/5/status", -ENOENT);
	assert_int_equal(stub_alloc_calls, 2);
	/* Control: two allocations are all it takes. */
	stub_alloc_reset();
	stub_alloc_live = base_live;
	stub_alloc_fail_at = 3;
	struct initrd_node *n = resolve_ok_at(NULL, "/proc/5/status", __LINE__);
	assert_int_equal(stub_alloc_calls, 2);
	initrd_put(n);
	assert_int_equal(stub_alloc_live, base_live);
}

/*
 * BUG (kernel/fs/initrd.c, initrd_resolve): the start directory is put like
 * the nodes the walk itself made. When it is dynamic (a /proc/<pid> the
 * caller holds: sys_file.c's start_dir passes an open directory's f->node
 * for openat(dirfd, ...)), resolving "status" or ".." from it kfrees the
 * caller's node: openat(open("/proc/self", O_DIRECTORY), "status") frees the
 * open file's node, and closing that fd frees it again (dir_release).
 * Expected: the start stays the caller's; only nodes made during the walk
 * are freed.
 */
static void
test_dynamic_start_stays_with_caller(void **state)
{
	(void)state;
	struct initrd_node *dir = resolve_ok_at(NULL, "/proc/5", __LINE__);
	assert_int_equal(stub_alloc_live, base_live + 1);

	struct initrd_node *st = resolve_ok_at(dir, "status", __LINE__);
	int live = stub_alloc_live;
	initrd_put(st);
	if (live != base_live + 2)               /* BUG: base_live + 1, dir was freed */
		fail_msg("resolving \"status\" from a dynamic start freed the start "
			 "(%d live allocations, expected %d)", live - base_live, 2);
	assert_int_equal(stub_alloc_live, base_live + 1);

	assert_ptr_equal(resolve_ok_at(dir, "..", __LINE__), proc);
	if (stub_alloc_live != base_live + 1)
		fail_msg("resolving \"..\" from a dynamic start freed the start");
	initrd_put(dir);
	assert_int_equal(stub_alloc_live, base_live);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_add_creates_parents),
		T(test_absolute_paths),
		T(test_relative_paths),
		T(test_trailing_slash),
		T(test_file_in_the_middle),
		T(test_missing),
		T(test_empty_path),
		T(test_name_too_long),
		T(test_dynamic_resolve_and_put),
		T(test_dynamic_dotdot),
		T(test_lookup_child_static_entries),
		T(test_dynamic_error_paths),
		T(test_dynamic_out_of_memory),
		T(test_dynamic_start_stays_with_caller),
	};
	watchdog(30);
	return cmocka_run_group_tests_name("path", tests, NULL, NULL);
}
