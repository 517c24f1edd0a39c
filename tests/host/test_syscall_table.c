/*
 * test_syscall_table.c - kernel/syscall/table.c: the system call table and
 * its descriptors, both expanded from the one list in uapi/syscalls.h.
 *
 * Linked with stand-in handlers (stubs/syscall_handlers.c) that return
 * HANDLER_ID(their number). The list's numbers are checked against the
 * host's Linux x86-64 numbers (<asm/unistd_64.h>), which the kernel
 * promises to use, so a typo in a number or a name is caught here.
 */
#include <asm/unistd_64.h>

#include "host_test.h"

#include "stubs.h"
#include "syscall.h"

/* The list, expanded once more here: number, name, argument count, and
 * what Linux calls that name. */
static const struct {
	unsigned nr;
	const char *name;
	int nargs;
	unsigned linux_nr;
} list[] = {
#define SYSCALL(nr, name, nargs, ...) { nr, #name, nargs, __NR_##name },
#include "uapi/syscalls.h"
#undef SYSCALL
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

/* Each number is Linux's number for that name. */
static void
test_numbers_are_linux_numbers(void **state)
{
	(void)state;
	assert_true(ARRAY_SIZE(list) > 0);
	for (size_t i = 0; i < ARRAY_SIZE(list); i++)
		if (list[i].nr != list[i].linux_nr)
			fail_msg("%s is %u here, %u on Linux x86-64", list[i].name, list[i].nr,
				 list[i].linux_nr);
}

/* Every listed number has its handler and its descriptor. */
static void
test_listed_slots(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(list); i++) {
		unsigned nr = list[i].nr;
		assert_true(nr < NR_SYSCALLS);
		if (syscall_table[nr] == NULL)
			fail_msg("syscall_table[%u] (%s) is empty", nr, list[i].name);
		long id = syscall_table[nr](0, 0, 0, 0, 0, 0);
		if (id != HANDLER_ID(nr))
			fail_msg("syscall_table[%u] reaches the handler of %ld, not sys_%s", nr,
				 id - HANDLER_ID(0), list[i].name);
		const struct syscall_desc *d = &syscall_descs[nr];
		if (d->name == NULL || strcmp(d->name, list[i].name) != 0)
			fail_msg("syscall_descs[%u].name is \"%s\", expected \"%s\"", nr,
				 d->name ? d->name : "(null)", list[i].name);
		if (d->nargs != list[i].nargs || d->nargs < 0 || d->nargs > 6)
			fail_msg("syscall_descs[%u].nargs is %d", nr, d->nargs);
		/* A number appears once. */
		if (list_index(nr) != (int)i)
			fail_msg("number %u is listed twice", nr);
	}
}

/* Every other slot is a hole: no handler, no descriptor. */
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
	/* Numbers Linux has but this kernel does not (yet): holes. */
	assert_null(syscall_table[335]);        /* a number Linux leaves unused, too */
	assert_null(syscall_descs[335].name);
	assert_null(syscall_table[NR_SYSCALLS - 1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_sizes),
		cmocka_unit_test(test_core_descriptors),
		cmocka_unit_test(test_numbers_are_linux_numbers),
		cmocka_unit_test(test_listed_slots),
		cmocka_unit_test(test_every_other_slot_is_empty),
	};
	return cmocka_run_group_tests_name("syscall_table", tests, NULL, NULL);
}
