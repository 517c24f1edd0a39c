/*
 * test_cmdline.c - kernel/boot/cmdline.c: splitting the kernel command line
 * into init=, kernel options and init's argv (docs/boot-contract.md, 4).
 */
#include <stdio.h>

#include "host_test.h"

#include "cmdline.h"

static struct init_cmdline cmd;

static int
setup(void **state)
{
	(void)state;
	memset(&cmd, 0x5a, sizeof cmd);
	return 0;
}

/* Parse; must succeed. */
static void
parse_ok(const char *line)
{
	const char *error = "not set";
	int r = cmdline_parse(line, &cmd, &error);
	if (r != 0)
		fail_msg("cmdline_parse(\"%s\"): %d (%s)", line, r, error ? error : "no message");
	assert_null(error);
}

/* argc and argv must be exactly want[] (argv[0] first), NULL-terminated. */
static void
expect_argv(int n, const char *const want[])
{
	assert_int_equal(cmd.argc, n);
	for (int i = 0; i < n; i++) {
		assert_non_null(cmd.argv[i]);
		if (strcmp(cmd.argv[i], want[i]) != 0)
			fail_msg("argv[%d] is \"%s\", expected \"%s\"", i, cmd.argv[i], want[i]);
	}
	assert_null(cmd.argv[n]);
	assert_ptr_equal(cmd.argv[0], cmd.path);
}

#define EXPECT_ARGV(...)                                                        \
	do {                                                                    \
		static const char *const want_[] = { __VA_ARGS__ };             \
		expect_argv((int)ARRAY_SIZE(want_), want_);                     \
	} while (0)

/* Parse; must fail with an error mentioning word. */
static void
parse_fails(const char *line, const char *word)
{
	const char *error = NULL;
	assert_int_equal(cmdline_parse(line, &cmd, &error), -1);
	assert_error_mentions(error, word);
}

static void
test_default_init(void **state)
{
	(void)state;
	parse_ok("");
	assert_string_equal(cmd.path, INIT_DEFAULT_PATH);
	assert_string_equal(cmd.path, "/bin/init");
	EXPECT_ARGV("/bin/init");
	assert_int_equal(cmd.noptions, 0);

	parse_ok("   \t  ");
	EXPECT_ARGV("/bin/init");

	parse_ok("quiet console=ttyS0");
	EXPECT_ARGV("/bin/init");
}

static void
test_init_option(void **state)
{
	(void)state;
	parse_ok("init=/bin/hello");
	assert_string_equal(cmd.path, "/bin/hello");
	EXPECT_ARGV("/bin/hello");
	/* The path points into the parsed words, not into the input. */
	assert_true(cmd.path >= cmd.words && cmd.path < cmd.words + sizeof cmd.words);

	parse_ok("quiet init=/sbin/x loglevel=3");
	EXPECT_ARGV("/sbin/x");

	/* The last init= wins. */
	parse_ok("init=/bin/a init=/bin/b");
	EXPECT_ARGV("/bin/b");

	/* "init" without '=' and "initrd=" are other options. */
	parse_ok("init initrd=/boot/x");
	EXPECT_ARGV("/bin/init");
}

static void
test_kernel_path_prefix_ignored(void **state)
{
	(void)state;
	/* QEMU -kernel passes the kernel's own path as the first word. */
	parse_ok("build/kernel.elf init=/bin/x");
	EXPECT_ARGV("/bin/x");
	parse_ok("/boot/kernel.elf init=/bin/x -- a");
	EXPECT_ARGV("/bin/x", "a");
	parse_ok("build/kernel.elf");
	EXPECT_ARGV("/bin/init");
}

static void
test_arguments_after_separator(void **state)
{
	(void)state;
	parse_ok("init=/bin/echo -- hello world");
	EXPECT_ARGV("/bin/echo", "hello", "world");

	/* Options may come before init=; init= after "--" is an argument. */
	parse_ok("quiet -- init=/bin/sh -x");
	EXPECT_ARGV("/bin/init", "init=/bin/sh", "-x");

	/* A second "--" is an ordinary argument. */
	parse_ok("init=/bin/a -- -- b --");
	EXPECT_ARGV("/bin/a", "--", "b", "--");

	/* "--" with nothing after it. */
	parse_ok("init=/bin/a --");
	EXPECT_ARGV("/bin/a");
	parse_ok("--");
	EXPECT_ARGV("/bin/init");

	/* "---" and "--x" are not the separator. */
	parse_ok("--- --x");
	EXPECT_ARGV("/bin/init");
}

static void
test_quoted_words(void **state)
{
	(void)state;
	parse_ok("init=/bin/echo -- \"hello world\" x");
	EXPECT_ARGV("/bin/echo", "hello world", "x");

	/* Quotes may cover part of a word, several times. */
	parse_ok("-- a\"b c\"d \"e\"\"f\" \"  \"");
	EXPECT_ARGV("/bin/init", "ab cd", "ef", "  ");

	/* A quoted init= value with a space. */
	parse_ok("init=\"/bin/my prog\" -- \"arg one\"");
	EXPECT_ARGV("/bin/my prog", "arg one");

	/* Tabs inside quotes are kept. */
	parse_ok("-- \"a\tb\"");
	EXPECT_ARGV("/bin/init", "a\tb");
}

static void
test_quoted_separator_is_argument(void **state)
{
	(void)state;
	/* "--" in quotes is not the separator: before the real one it is an option. */
	parse_ok("init=/bin/a \"--\" x");
	EXPECT_ARGV("/bin/a");
	/* After the separator, a quoted "--" is an argument like any other. */
	parse_ok("init=/bin/a -- \"--\" x");
	EXPECT_ARGV("/bin/a", "--", "x");
	/* Half-quoted: -"-" is quoted too. */
	parse_ok("init=/bin/a -\"-\" -- y");
	EXPECT_ARGV("/bin/a", "y");
}

static void
test_empty_quoted_word(void **state)
{
	(void)state;
	parse_ok("init=/bin/a -- \"\" b \"\"");
	EXPECT_ARGV("/bin/a", "", "b", "");
	parse_ok("-- \"\"");
	EXPECT_ARGV("/bin/init", "");
}

static void
test_tabs_and_runs_of_spaces(void **state)
{
	(void)state;
	parse_ok("\tinit=/bin/a\t--\tx\t\ty  \t z\t");
	EXPECT_ARGV("/bin/a", "x", "y", "z");
	parse_ok("   init=/bin/b   --   p   ");
	EXPECT_ARGV("/bin/b", "p");
}

static void
test_unterminated_quote(void **state)
{
	(void)state;
	parse_fails("init=/bin/a -- \"hello", "quote");
	parse_fails("\"", "quote");
	parse_fails("init=\"/bin/a", "quote");
	parse_fails("-- a\"b\"c\"", "quote");
}

static void
test_relative_init_path(void **state)
{
	(void)state;
	parse_fails("init=bin/sh", "absolute");
	parse_fails("init=./bin/sh", "absolute");
	parse_fails("init=", "absolute");
	parse_fails("init=\"\"", "absolute");
}

static void
test_argument_limit(void **state)
{
	char line[1024];
	int n = snprintf(line, sizeof line, "init=/bin/a --");
	(void)state;

	/* argc counts argv[0]: at most INIT_MAX_ARGS - 1 words after "--". */
	for (int i = 1; i < INIT_MAX_ARGS; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, " a%d", i);
	parse_ok(line);
	assert_int_equal(cmd.argc, INIT_MAX_ARGS);
	assert_string_equal(cmd.argv[1], "a1");
	assert_string_equal(cmd.argv[INIT_MAX_ARGS - 1], "a31");
	assert_null(cmd.argv[INIT_MAX_ARGS]);

	/* One more is an error. */
	snprintf(line + n, sizeof line - (size_t)n, " extra");
	parse_fails(line, "too many");
}

static void
test_longest_command_line(void **state)
{
	char line[CMDLINE_MAX];
	(void)state;

	/* The boot code passes at most CMDLINE_MAX - 1 characters. 506 one-letter
	 * options, then init= as the very last word: its words need exactly
	 * CMDLINE_MAX bytes, and init= must still be seen whole. */
	for (int i = 0; i < 1012; i += 2)
		memcpy(line + i, "o ", 2);
	memcpy(line + 1012, "init=/bin/x", 12);
	assert_int_equal(strlen(line), CMDLINE_MAX - 1);
	parse_ok(line);
	EXPECT_ARGV("/bin/x");

	/* One long argument. */
	memset(line, 'x', sizeof line - 1);
	line[sizeof line - 1] = '\0';
	memcpy(line, "init=/bin/a -- ", 15);
	parse_ok(line);
	assert_int_equal(cmd.argc, 2);
	assert_int_equal(strlen(cmd.argv[1]), CMDLINE_MAX - 1 - 15);
}

static void
test_kernel_options(void **state)
{
	(void)state;
	parse_ok("build/kernel.elf crashtest=pagefault quiet init=/bin/a console= -- x=y");
	assert_int_equal(cmd.noptions, 4);
	assert_string_equal(cmd.options[0], "build/kernel.elf");
	assert_string_equal(cmd.options[1], "crashtest=pagefault");
	assert_string_equal(cmd.options[2], "quiet");
	assert_string_equal(cmd.options[3], "console=");
	assert_string_equal(cmdline_option(&cmd, "crashtest"), "pagefault");
	assert_string_equal(cmdline_option(&cmd, "quiet"), "");
	assert_string_equal(cmdline_option(&cmd, "console"), "");
	/* Not options: missing ones, prefixes, init= and words after "--". */
	assert_null(cmdline_option(&cmd, "crash"));
	assert_null(cmdline_option(&cmd, "quie"));
	assert_null(cmdline_option(&cmd, "init"));
	assert_null(cmdline_option(&cmd, "x"));
	assert_null(cmdline_option(&cmd, "loglevel"));
	EXPECT_ARGV("/bin/a", "x=y");
}

#define T(f) cmocka_unit_test_setup(f, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_default_init),
		T(test_init_option),
		T(test_kernel_path_prefix_ignored),
		T(test_arguments_after_separator),
		T(test_quoted_words),
		T(test_quoted_separator_is_argument),
		T(test_empty_quoted_word),
		T(test_tabs_and_runs_of_spaces),
		T(test_unterminated_quote),
		T(test_relative_init_path),
		T(test_argument_limit),
		T(test_longest_command_line),
		T(test_kernel_options),
	};
	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
