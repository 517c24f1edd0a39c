/*
 * fuzz_cmdline.c - kernel/boot/cmdline.c, cmdline_parse(): the kernel
 * command line split into options, init= and init's arguments.
 *
 * Feeds: the input as the command line, cut to BOOT_CMDLINE_MAX - 1 bytes
 * and NUL-terminated, as bootinfo hands it over (it stops at a NUL byte,
 * as the real line does).
 *
 * Checks, when the line is accepted:
 *   - init's path is absolute, argv[0] is it, argv[argc] is NULL, argc is
 *     1..INIT_MAX_ARGS, at most INIT_MAX_ARGS options;
 *   - every word (path, arguments, options) is a string inside out->words,
 *     with no '"' left in it (quotes group, they are never part of a word);
 *   - cmdline_option finds every option by its name;
 *   - round trip: each word written back in quotes, after init= and "--",
 *     parses to the same path and arguments (when that line is still one
 *     a boot loader can pass).
 * When refused: a message.
 */
#include "bootinfo.h"
#include "cmdline.h"
#include "fuzz.h"

char *strstr(const char *haystack, const char *needle);

static struct init_cmdline parsed, again;

/* A word must be a string that starts and ends inside cmd->words. */
static void
check_word(const struct init_cmdline *cmd, const char *w)
{
	const char *words = cmd->words, *end = words + sizeof cmd->words;

	FUZZ_CHECK(w >= words && w < end, "a word outside the buffer");
	FUZZ_CHECK(strnlen(w, (size_t)(end - w)) < (size_t)(end - w), "a word not NUL-terminated");
	FUZZ_CHECK(strchr(w, '"') == NULL, "a quote left in the word [%s]", w);
}

/* Append "word" (in quotes) and a space to line; false if it does not fit. */
static bool
append_quoted(char *line, size_t *len, size_t room, const char *prefix, const char *word)
{
	int n = snprintf(line + *len, room - *len, "%s\"%s\" ", prefix, word);
	if (n < 0 || (size_t)n >= room - *len)
		return false;
	*len += (size_t)n;
	return true;
}

static void
check_round_trip(const struct init_cmdline *cmd)
{
	static char line[4 * CMDLINE_MAX];
	size_t len = 0;
	const char *error;

	line[0] = '\0';
	if (!append_quoted(line, &len, sizeof line, "init=", cmd->path))
		return;
	len += (size_t)snprintf(line + len, sizeof line - len, "-- ");
	for (int i = 1; i < cmd->argc; i++)
		if (!append_quoted(line, &len, sizeof line, "", cmd->argv[i]))
			return;
	/* Only a line a boot loader can pass (bootinfo keeps BOOT_CMDLINE_MAX - 1
	 * bytes): the words of a longer one may not fit in out->words. */
	if (len >= BOOT_CMDLINE_MAX)
		return;
	FUZZ_CHECK(cmdline_parse(line, &again, &error) == 0, "[%s] refused: %s", line, error);
	FUZZ_CHECK(strcmp(again.path, cmd->path) == 0, "path [%s] became [%s]", cmd->path,
		   again.path);
	FUZZ_CHECK(again.argc == cmd->argc, "argc %d became %d in [%s]", cmd->argc, again.argc, line);
	for (int i = 1; i < cmd->argc; i++)
		FUZZ_CHECK(strcmp(again.argv[i], cmd->argv[i]) == 0, "argv[%d] [%s] became [%s]", i,
			   cmd->argv[i], again.argv[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[BOOT_CMDLINE_MAX];
	size_t n = size < sizeof line - 1 ? size : sizeof line - 1;
	const char *error = NULL;

	memcpy(line, data, n);
	line[n] = '\0';
	if (cmdline_parse(line, &parsed, &error) != 0) {
		FUZZ_CHECK(error != NULL && error[0] != '\0', "refused without a message");
		return 0;
	}
	FUZZ_CHECK(error == NULL, "accepted with an error: %s", error);
	FUZZ_CHECK(parsed.argc >= 1 && parsed.argc <= INIT_MAX_ARGS, "argc %d", parsed.argc);
	FUZZ_CHECK(parsed.noptions >= 0 && parsed.noptions <= INIT_MAX_ARGS, "noptions %d",
		   parsed.noptions);
	FUZZ_CHECK(parsed.argv[0] == parsed.path && parsed.argv[parsed.argc] == NULL,
		   "argv[0] or argv[argc] wrong");
	/* The path is a word of the line, or the default when there is no init=. */
	if (parsed.path >= parsed.words && parsed.path < parsed.words + sizeof parsed.words)
		check_word(&parsed, parsed.path);
	else
		FUZZ_CHECK(strcmp(parsed.path, INIT_DEFAULT_PATH) == 0, "path [%s]", parsed.path);
	FUZZ_CHECK(parsed.path[0] == '/', "relative path [%s]", parsed.path);
	for (int i = 1; i < parsed.argc; i++)
		check_word(&parsed, parsed.argv[i]);
	for (int i = 0; i < parsed.noptions; i++) {
		const char *w = parsed.options[i];
		check_word(&parsed, w);
		/* The option's name: up to '='. The first option of that name wins. */
		char name[CMDLINE_MAX];
		size_t len = strchr(w, '=') ? (size_t)(strchr(w, '=') - w) : strlen(w);
		memcpy(name, w, len);
		name[len] = '\0';
		FUZZ_CHECK(cmdline_option(&parsed, name) != NULL, "option [%s] not found", name);
	}
	check_round_trip(&parsed);
	return 0;
}
