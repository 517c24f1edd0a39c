/*
 * test_syscall_table.c - kernel/syscall/table.c: the system call table and
 * its descriptors, both expanded from the one list in uapi/syscalls.h.
 *
 * Linked with stand-in handlers (stubs/syscall_handlers.c) that return
 * HANDLER_ID(their number).
 *
 * The list must be exactly Linux x86-64's calls 0..450 (Linux 6.1). The
 * oracle is independent of this tree: the host's <asm/unistd_64.h>, from
 * Debian's linux-libc-dev (scripts/deps.sh installs it). It is used twice:
 *   - at compile time, each line's __NR_<name> must be a macro of that
 *     header (a misspelt name does not compile) and its value is kept;
 *   - at run time the header is read as text (ASM_UNISTD_64, the path the
 *     compiler resolved, from the Makefile) and every "#define __NR_x n"
 *     with n <= 450 must be a line of the list with that number and name.
 * Numbers above 450 came after Linux 6.1 (cachestat is 451) and are not
 * in the list; a newer header may have them.
 */
#include <asm/unistd_64.h>
#include <stdio.h>

#include "host_test.h"

#include "stubs.h"
#include "syscall.h"

#define LAST_LINUX_61 450        /* set_mempolicy_home_node */

/* The list, expanded once more here: number, name, argument count, whether
 * it is implemented, and what the host's header calls that name. */
static const struct {
	unsigned nr;
	const char *name;
	int nargs;
	bool implemented;
	unsigned linux_nr;
} list[] = {
#define SYSCALL(nr, name, nargs, ...) { nr, #name, nargs, true, __NR_##name },
#define NOSYS(nr, name, nargs, ...) { nr, #name, nargs, false, __NR_##name },
#include "uapi/syscalls.h"
#undef SYSCALL
#undef NOSYS
};

static int
list_index(unsigned nr)
{
	for (size_t i = 0; i < ARRAY_SIZE(list); i++)
		if (list[i].nr == nr)
			return (int)i;
	return -1;
}

static void
test_table_sizes(void **state)
{
	(void)state;
	assert_int_equal(NR_SYSCALLS, 512);
	assert_int_equal(sizeof syscall_table / sizeof syscall_table[0], NR_SYSCALLS);
	assert_int_equal(sizeof syscall_descs / sizeof syscall_descs[0], NR_SYSCALLS);
}

static void
test_core_descriptors(void **state)
{
	static const struct {
		unsigned nr;
		const char *name;
		int nargs;
	} core[] = {
		{ 1, "write", 3 },
		{ 35, "nanosleep", 2 },
		{ 39, "getpid", 0 },
		{ 60, "exit", 1 },
		{ 186, "gettid", 0 },
		{ 228, "clock_gettime", 2 },
		{ 231, "exit_group", 1 },
	};
	(void)state;

	for (size_t i = 0; i < ARRAY_SIZE(core); i++) {
		const struct syscall_desc *d = &syscall_descs[core[i].nr];
		if (d->name == NULL || strcmp(d->name, core[i].name) != 0 || d->nargs != core[i].nargs)
			fail_msg("syscall_descs[%u] is {\"%s\", %d}, expected {\"%s\", %d}",
				 core[i].nr, d->name ? d->name : "(null)", d->nargs,
				 core[i].name, core[i].nargs);
		if (syscall_table[core[i].nr] == NULL)
			fail_msg("syscall_table[%u] (%s) is empty", core[i].nr, core[i].name);
	}
}

/* Each number is Linux's number for that name; numbers ascend, once each. */
static void
test_numbers_are_linux_numbers(void **state)
{
	(void)state;
	assert_true(ARRAY_SIZE(list) > 0);
	for (size_t i = 0; i < ARRAY_SIZE(list); i++) {
		if (list[i].nr != list[i].linux_nr)
			fail_msg("%s is %u here, %u on Linux x86-64", list[i].name, list[i].nr,
				 list[i].linux_nr);
		if (list[i].nr > LAST_LINUX_61)
			fail_msg("%s (%u) is not a Linux 6.1 x86-64 call", list[i].name, list[i].nr);
		if (i > 0 && list[i].nr <= list[i - 1].nr)
			fail_msg("%s (%u) comes after %s (%u): keep the list in numeric order", list[i].name,
				 list[i].nr, list[i - 1].name, list[i - 1].nr);
	}
}

/* Every "#define __NR_name nr" of the host's header (nr <= 450) is a line here. */
static void
test_every_linux_call_is_listed(void **state)
{
	char line[256], name[128];
	unsigned nr;
	int found = 0;
	(void)state;

	FILE *f = fopen(ASM_UNISTD_64, "r");
	if (f == NULL)
		fail_msg("cannot read %s (Debian: apt-get install linux-libc-dev)", ASM_UNISTD_64);
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "#define __NR_%127s %u", name, &nr) != 2 || nr > LAST_LINUX_61)
			continue;
		found++;
		int i = list_index(nr);
		if (i < 0)
			fail_msg("%s: __NR_%s is %u; uapi/syscalls.h has no line %u", ASM_UNISTD_64, name, nr,
				 nr);
		if (strcmp(list[i].name, name) != 0)
			fail_msg("%s: %u is %s; uapi/syscalls.h calls it %s", ASM_UNISTD_64, nr, name,
				 list[i].name);
	}
	fclose(f);
	/* Linux 6.1 has 362 x86-64 calls (0..334 and 424..450). */
	assert_int_equal(found, (int)ARRAY_SIZE(list));
	assert_int_equal(found, 362);
}

/* SYSCALL lines have their handler; every line has its descriptor. */
static void
test_listed_slots(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(list); i++) {
		unsigned nr = list[i].nr;
		assert_true(nr < NR_SYSCALLS);
		if (list[i].implemented) {
			if (syscall_table[nr] == NULL)
				fail_msg("syscall_table[%u] (%s) is empty", nr, list[i].name);
			long id = syscall_table[nr](0, 0, 0, 0, 0, 0);
			if (id != HANDLER_ID(nr))
				fail_msg("syscall_table[%u] reaches the handler of %ld, not sys_%s", nr,
					 id - HANDLER_ID(0), list[i].name);
		} else if (syscall_table[nr] != NULL) {
			fail_msg("syscall_table[%u] (%s) is set, but the line is NOSYS", nr, list[i].name);
		}
		const struct syscall_desc *d = &syscall_descs[nr];
		if (d->name == NULL || strcmp(d->name, list[i].name) != 0)
			fail_msg("syscall_descs[%u].name is \"%s\", expected \"%s\"", nr,
				 d->name ? d->name : "(null)", list[i].name);
		if (d->nargs != list[i].nargs || d->nargs < 0 || d->nargs > 6)
			fail_msg("syscall_descs[%u].nargs is %d", nr, d->nargs);
	}
}

/* Numbers Linux does not use: no handler, no descriptor. */
static void
test_every_other_slot_is_empty(void **state)
{
	int holes = 0;
	(void)state;

	for (unsigned nr = 0; nr < NR_SYSCALLS; nr++) {
		if (list_index(nr) >= 0)
			continue;
		holes++;
		if (syscall_table[nr] != NULL)
			fail_msg("syscall_table[%u] is set but not listed", nr);
		if (syscall_descs[nr].name != NULL || syscall_descs[nr].nargs != 0)
			fail_msg("syscall_descs[%u] is \"%s\" but not listed", nr,
				 syscall_descs[nr].name ? syscall_descs[nr].name : "(null)");
	}
	assert_int_equal(holes, NR_SYSCALLS - (int)ARRAY_SIZE(list));
	assert_null(syscall_table[335]);        /* a number Linux 6.1 leaves unused */
	assert_null(syscall_descs[335].name);
	assert_null(syscall_descs[423].name);
	assert_null(syscall_descs[451].name);   /* cachestat, Linux 6.5 */
	assert_null(syscall_table[NR_SYSCALLS - 1]);
	/* A NOSYS line: named, no handler. */
	assert_null(syscall_table[__NR_mkdir]);
	assert_string_equal(syscall_descs[__NR_mkdir].name, "mkdir");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_sizes),
		cmocka_unit_test(test_core_descriptors),
		cmocka_unit_test(test_numbers_are_linux_numbers),
		cmocka_unit_test(test_every_linux_call_is_listed),
		cmocka_unit_test(test_listed_slots),
		cmocka_unit_test(test_every_other_slot_is_empty),
	};
	return cmocka_run_group_tests_name("syscall_table", tests, NULL, NULL);
}
