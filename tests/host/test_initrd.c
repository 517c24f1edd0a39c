/*
 * test_initrd.c - kernel/fs/initrd.c: the cpio archive as a directory tree
 * (initrd_load, initrd_lookup). Linked with the real cpio.c; kzalloc and
 * printk are host stubs (stubs/) that can fail on demand and record output.
 */
#include <stdlib.h>

#include "guarded.h"

#include "cpio.h"
#include "cpio_builder.h"
#include "initrd.h"
#include "stubs.h"

static struct cpio_builder ar;
static struct guarded copy;
static bool tree_loaded;          /* initrd_root() is ours to free */

/* The kernel never frees the tree; the test does, so that sanitizer runs
 * (make SANITIZE=1) see no leaks. */
static void
free_tree(struct initrd_node *n)
{
	while (n != NULL) {
		struct initrd_node *next = n->next;
		free_tree(n->children);
		free(n);
		n = next;
	}
}

static void
release_tree(void)
{
	if (tree_loaded)
		free_tree(initrd_root());
	tree_loaded = false;
}
static const uint8_t *archive;     /* the guarded copy initrd_load saw */

static int
setup(void **state)
{
	(void)state;
	cb_init(&ar);
	stub_alloc_reset();
	stub_printk_reset();
	copy.map = NULL;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	release_tree();
	if (copy.map != NULL)
		guarded_free(&copy);
	stub_alloc_reset();
	return 0;
}

/* Load the archive built so far; returns initrd_load's result. The copy
 * stays mapped until teardown, since the tree points into it. */
static int
load(const char **error)
{
	release_tree();
	if (copy.map != NULL)
		guarded_free(&copy);
	archive = guarded_copy(&copy, ar.buf, ar.len);
	*error = NULL;
	int r = initrd_load(archive, ar.len, error);
	tree_loaded = true;
	return r;
}

static void
load_ok(void)
{
	const char *error;
	int r = load(&error);
	if (r != 0)
		fail_msg("initrd_load: %d (%s)", r, error ? error : "no error message");
}

static struct initrd_node *
lookup_ok(const char *path)
{
	struct initrd_node *n = initrd_lookup(path);
	if (n == NULL)
		fail_msg("lookup \"%s\" found nothing", path);
	return n;
}

static int
child_count(const struct initrd_node *dir)
{
	int n = 0;
	for (const struct initrd_node *c = dir->children; c != NULL; c = c->next)
		n++;
	return n;
}

static bool
is_dir(const struct initrd_node *n)
{
	return (n->mode & S_IFMT) == S_IFDIR;
}

static bool
is_file(const struct initrd_node *n)
{
	return (n->mode & S_IFMT) == S_IFREG;
}

/* Runs first (see main): before initrd_load there is no tree at all. */
static void
test_lookup_before_load(void **state)
{
	(void)state;
	assert_null(initrd_root());
	assert_null(initrd_lookup("/"));
	assert_null(initrd_lookup("/bin/init"));
}

static void
test_empty_archive_gives_empty_root(void **state)
{
	(void)state;
	cb_trailer(&ar);
	load_ok();
	struct initrd_node *root = initrd_root();
	assert_non_null(root);
	assert_true(is_dir(root));
	assert_string_equal(root->name, "");
	assert_null(root->parent);
	assert_null(root->children);
	assert_ptr_equal(initrd_lookup("/"), root);
}

static void
test_name_prefixes(void **state)
{
	(void)state;
	/* What `find . | cpio`, `find bin | cpio` and absolute lists produce. */
	size_t a = cb_file(&ar, "./bin/a", "A");
	size_t b = cb_file(&ar, "bin/b", "BB");
	size_t c = cb_file(&ar, "/bin/c", "CCC");
	size_t d = cb_file(&ar, "././/./bin/d", "DDDD");
	cb_trailer(&ar);
	load_ok();

	struct initrd_node *bin = lookup_ok("/bin");
	assert_true(is_dir(bin));
	assert_int_equal(child_count(bin), 4);
	struct initrd_node *na = lookup_ok("/bin/a"), *nb = lookup_ok("/bin/b");
	struct initrd_node *nc = lookup_ok("/bin/c"), *nd = lookup_ok("/bin/d");
	assert_ptr_equal(na->data, archive + a);
	assert_int_equal(na->size, 1);
	assert_ptr_equal(nb->data, archive + b);
	assert_int_equal(nb->size, 2);
	assert_ptr_equal(nc->data, archive + c);
	assert_int_equal(nc->size, 3);
	assert_ptr_equal(nd->data, archive + d);
	assert_int_equal(nd->size, 4);
	assert_string_equal(na->name, "a");
	assert_ptr_equal(na->parent, bin);
	assert_ptr_equal(bin->parent, initrd_root());
	/* Only one "bin" under the root. */
	assert_int_equal(child_count(initrd_root()), 1);
}

static void
test_root_entries_ignored(void **state)
{
	(void)state;
	/* "." (find .), "./" and "/" name the root itself: no node for them. */
	cb_member(&ar, ".", 0040700, NULL, 0);
	cb_member(&ar, "./", 0040700, NULL, 0);
	cb_member(&ar, "/", 0040700, NULL, 0);
	cb_file(&ar, "./x", "x");
	cb_trailer(&ar);
	load_ok();
	struct initrd_node *root = initrd_root();
	assert_int_equal(child_count(root), 1);
	assert_string_equal(root->children->name, "x");
	assert_int_equal(root->mode, S_IFDIR | 0755);
}

static void
test_implicit_parent_directories(void **state)
{
	(void)state;
	cb_file(&ar, "usr/share/doc/readme", "read me");
	cb_trailer(&ar);
	load_ok();
	struct initrd_node *usr = lookup_ok("/usr"), *share = lookup_ok("/usr/share");
	struct initrd_node *doc = lookup_ok("/usr/share/doc");
	struct initrd_node *f = lookup_ok("/usr/share/doc/readme");
	assert_true(is_dir(usr));
	assert_true(is_dir(share));
	assert_true(is_dir(doc));
	assert_int_equal(usr->mode, S_IFDIR | 0755);
	assert_true(is_file(f));
	assert_int_equal(f->mode, 0100644);
	assert_memory_equal(f->data, "read me", 7);
	assert_ptr_equal(f->parent, doc);
	assert_ptr_equal(doc->parent, share);
	assert_ptr_equal(share->parent, usr);
	assert_ptr_equal(usr->parent, initrd_root());
}

static void
test_directory_entry_after_implicit_creation(void **state)
{
	(void)state;
	/* cpio lists a directory after its contents with `find -depth`. */
	cb_file(&ar, "etc/motd", "hi");
	cb_member(&ar, "etc", 0040700, NULL, 0);
	cb_member(&ar, "etc/", 0040750, NULL, 0);    /* trailing slash: same directory */
	cb_trailer(&ar);
	load_ok();
	struct initrd_node *etc = lookup_ok("/etc");
	assert_int_equal(etc->mode, 0040750);
	assert_int_equal(child_count(initrd_root()), 1);
	assert_int_equal(child_count(etc), 1);
	assert_ptr_equal(lookup_ok("/etc/motd")->parent, etc);
}

static void
test_modes_and_file_count(void **state)
{
	(void)state;
	size_t before = initrd_file_count();
	cb_dir(&ar, "bin");
	cb_member(&ar, "bin/init", 0100755, "\x7f" "ELF", 4);
	cb_member(&ar, "bin/ro", 0100444, "r", 1);
	cb_dir(&ar, "tmp");
	cb_trailer(&ar);
	load_ok();
	assert_int_equal(lookup_ok("/bin/init")->mode, 0100755);
	assert_int_equal(lookup_ok("/bin/ro")->mode, 0100444);
	assert_int_equal(lookup_ok("/tmp")->mode, 0040755);
	/* Regular files only: two more. */
	assert_int_equal(initrd_file_count() - before, 2);
}

static void
test_unsupported_types_skipped(void **state)
{
	(void)state;
	size_t before = initrd_file_count();
	cb_member(&ar, "bin/sh", 0120777, "busybox", 7);      /* symlink */
	cb_member(&ar, "dev/console", 0020600, NULL, 0);      /* character device */
	cb_member(&ar, "run/fifo", 0010644, NULL, 0);         /* fifo */
	cb_file(&ar, "bin/true", "t");
	cb_trailer(&ar);
	load_ok();
	assert_null(initrd_lookup("/bin/sh"));
	assert_null(initrd_lookup("/dev/console"));
	assert_null(initrd_lookup("/run/fifo"));
	assert_non_null(initrd_lookup("/bin/true"));
	assert_int_equal(initrd_file_count() - before, 1);
	/* One note per skipped member, naming it. */
	assert_int_equal(stub_printk_calls, 3);
	assert_non_null(strstr(stub_printk_log, "bin/sh"));
	assert_non_null(strstr(stub_printk_log, "dev/console"));
	assert_non_null(strstr(stub_printk_log, "run/fifo"));
}

static void
test_file_used_as_directory(void **state)
{
	const char *error;
	(void)state;

	cb_file(&ar, "bin", "I am a file");
	cb_file(&ar, "bin/init", "x");
	cb_trailer(&ar);
	assert_int_equal(load(&error), -1);
	assert_error_mentions(error, "directory");
}

static void
test_file_used_as_directory_deep(void **state)
{
	const char *error;
	(void)state;

	cb_file(&ar, "a/b", "file b");
	cb_file(&ar, "a/b/c/d", "x");
	cb_trailer(&ar);
	assert_int_equal(load(&error), -1);
	assert_non_null(error);
}

static void
test_name_component_length(void **state)
{
	char name[INITRD_NAME_MAX + 8], path[INITRD_NAME_MAX + 8];
	const char *error;
	(void)state;

	/* A component of exactly INITRD_NAME_MAX characters fits: "d/nnn...n". */
	memset(name, 'n', sizeof name);
	memcpy(name, "d/", 2);
	name[2 + INITRD_NAME_MAX] = '\0';
	cb_file(&ar, name, "long");
	cb_trailer(&ar);
	load_ok();
	path[0] = '/';
	memcpy(path + 1, name, strlen(name) + 1);
	struct initrd_node *n = lookup_ok(path);
	assert_int_equal(strlen(n->name), INITRD_NAME_MAX);
	assert_memory_equal(n->data, "long", 4);

	/* One more is an error, not a truncated name: "d/nnn...nn". */
	cb_init(&ar);
	name[2 + INITRD_NAME_MAX] = 'n';
	name[3 + INITRD_NAME_MAX] = '\0';
	cb_file(&ar, name, "too long");
	cb_trailer(&ar);
	assert_int_equal(load(&error), -1);
	assert_non_null(error);

	/* Also as a directory component: "nnn...nn/f". */
	cb_init(&ar);
	memset(name, 'n', INITRD_NAME_MAX + 1);
	memcpy(name + INITRD_NAME_MAX + 1, "/f", 3);
	cb_file(&ar, name, "too long");
	cb_trailer(&ar);
	assert_int_equal(load(&error), -1);
	assert_non_null(error);
}

static void
test_malformed_archive_reported(void **state)
{
	const char *error;
	(void)state;

	/* A good member, then no trailer: cpio_next's error comes through. */
	cb_file(&ar, "a", "1");
	assert_int_equal(load(&error), -1);
	assert_error_mentions(error, "TRAILER!!!");

	/* Bad magic in the first member. */
	cb_init(&ar);
	cb_file(&ar, "a", "1");
	memcpy(ar.buf, "070707", 6);
	cb_trailer(&ar);
	assert_int_equal(load(&error), -1);
	assert_error_mentions(error, "magic");
}

static void
test_out_of_memory(void **state)
{
	const char *error;
	(void)state;

	cb_file(&ar, "a/b/c", "abc");
	cb_trailer(&ar);
	/* The root node itself. */
	stub_alloc_reset();
	stub_alloc_fail_at = 1;
	assert_int_equal(load(&error), -1);
	assert_error_mentions(error, "memory");
	/* Each later node (a, b, c) in turn. */
	for (int k = 2; k <= 4; k++) {
		stub_alloc_reset();
		stub_alloc_fail_at = k;
		assert_int_equal(load(&error), -1);
		assert_non_null(error);
	}
	/* Control: 4 allocations are all it takes. */
	stub_alloc_reset();
	stub_alloc_fail_at = 5;
	load_ok();
	assert_int_equal(stub_alloc_calls, 4);
}

/* A tree for the lookup tests:  /bin/{init,sh-file}  /etc/motd  /empty/ */
static void
build_tree(void)
{
	cb_dir(&ar, "bin");
	cb_file(&ar, "bin/init", "init");
	cb_file(&ar, "bin/sh", "sh");
	cb_file(&ar, "etc/motd", "hello");
	cb_dir(&ar, "empty");
	cb_trailer(&ar);
	load_ok();
}

static void
test_lookup_root(void **state)
{
	(void)state;
	build_tree();
	struct initrd_node *root = initrd_root();
	assert_ptr_equal(initrd_lookup("/"), root);
	assert_ptr_equal(initrd_lookup("//"), root);
	assert_ptr_equal(initrd_lookup("/."), root);
	assert_ptr_equal(initrd_lookup("/.."), root);          /* the root's parent is itself */
	assert_ptr_equal(initrd_lookup("/../.."), root);
	assert_ptr_equal(initrd_lookup("/bin/.."), root);
}

static void
test_lookup_paths(void **state)
{
	(void)state;
	build_tree();
	struct initrd_node *init = lookup_ok("/bin/init");
	assert_true(is_file(init));
	assert_memory_equal(init->data, "init", 4);
	assert_ptr_equal(initrd_lookup("/bin/../bin/init"), init);
	assert_ptr_equal(initrd_lookup("/bin/./init"), init);
	assert_ptr_equal(initrd_lookup("/./bin/init"), init);
	assert_ptr_equal(initrd_lookup("//bin///init"), init);
	assert_ptr_equal(initrd_lookup("/etc/../bin/init"), init);
	assert_ptr_equal(initrd_lookup("/../bin/init"), init);
	assert_ptr_equal(initrd_lookup("/bin/"), lookup_ok("/bin"));
	assert_ptr_equal(initrd_lookup("/empty"), lookup_ok("/empty/"));
	assert_memory_equal(lookup_ok("/etc/motd")->data, "hello", 5);
}

static void
test_lookup_missing(void **state)
{
	(void)state;
	build_tree();
	assert_null(initrd_lookup("/missing"));
	assert_null(initrd_lookup("/bin/missing"));
	assert_null(initrd_lookup("/bin/ini"));          /* a prefix of a name */
	assert_null(initrd_lookup("/bin/initx"));        /* a name is a prefix */
	assert_null(initrd_lookup("/empty/x"));
	assert_null(initrd_lookup("/missing/.."));
	assert_null(initrd_lookup("/bin/init/x"));       /* a file is not a directory */
	assert_null(initrd_lookup("/bin/init/.."));
	assert_null(initrd_lookup("/bin/init/."));
	/* Relative paths are not looked up. */
	assert_null(initrd_lookup("bin/init"));
	assert_null(initrd_lookup(""));
	assert_null(initrd_lookup("."));
}

static void
test_reload_replaces_tree(void **state)
{
	(void)state;
	build_tree();
	assert_non_null(initrd_lookup("/bin/init"));
	cb_init(&ar);
	cb_file(&ar, "other", "o");
	cb_trailer(&ar);
	load_ok();
	assert_null(initrd_lookup("/bin/init"));
	assert_non_null(initrd_lookup("/other"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_lookup_before_load),          /* must stay first */
		T(test_empty_archive_gives_empty_root),
		T(test_name_prefixes),
		T(test_root_entries_ignored),
		T(test_implicit_parent_directories),
		T(test_directory_entry_after_implicit_creation),
		T(test_modes_and_file_count),
		T(test_unsupported_types_skipped),
		T(test_file_used_as_directory),
		T(test_file_used_as_directory_deep),
		T(test_name_component_length),
		T(test_malformed_archive_reported),
		T(test_out_of_memory),
		T(test_lookup_root),
		T(test_lookup_paths),
		T(test_lookup_missing),
		T(test_reload_replaces_tree),
	};
	watchdog(30);
	return cmocka_run_group_tests_name("initrd", tests, NULL, NULL);
}
