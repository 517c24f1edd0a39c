/*
 * cmdline.c - split the kernel command line into words and find init= and
 * the arguments after "--" (see cmdline.h). Pure: host-tested in
 * tests/host/test_cmdline.c.
 */
#include <stdbool.h>
#include <stddef.h>

#include "cmdline.h"
#include "string.h"

/*
 * Copy the next word of *pos into out (NUL-terminated) and advance *pos.
 * Returns the word's length, 0 at the end of the line, -1 on an unterminated
 * quote. *quoted tells whether any part of the word was in quotes (so that
 * a quoted "--" is an argument, not the separator).
 */
static int
next_word(const char **pos, char *out, size_t room, bool *quoted)
{
	const char *p = *pos;
	size_t n = 0;
	bool in_quotes = false;

	*quoted = false;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0') {
		*pos = p;
		return 0;
	}
	for (; *p != '\0' && (in_quotes || (*p != ' ' && *p != '\t')); p++) {
		if (*p == '"') {
			in_quotes = !in_quotes;
			*quoted = true;
			continue;
		}
		if (n + 1 < room)
			out[n++] = *p;
	}
	out[n] = '\0';
	*pos = p;
	if (in_quotes)
		return -1;
	return n > 0 || *quoted ? (int)n + 1 : 0;   /* "" is a real (empty) word */
}

int
cmdline_parse(const char *cmdline, struct init_cmdline *out, const char **error)
{
	const char *pos = cmdline;
	size_t used = 0;
	bool after_separator = false;
	int len;
	bool quoted;

	out->path = INIT_DEFAULT_PATH;
	out->argc = 1;
	out->noptions = 0;
	*error = NULL;
	while (used < sizeof out->words &&
	       (len = next_word(&pos, out->words + used, sizeof out->words - used, &quoted)) != 0) {
		if (len < 0) {
			*error = "unterminated quote in the kernel command line";
			return -1;
		}
		char *word = out->words + used;
		used += strlen(word) + 1;
		if (!after_separator && !quoted && strcmp(word, "--") == 0) {
			after_separator = true;
		} else if (after_separator) {
			if (out->argc == INIT_MAX_ARGS) {
				*error = "too many arguments for init on the kernel command line";
				return -1;
			}
			out->argv[out->argc++] = word;
		} else if (strncmp(word, "init=", 5) == 0) {
			out->path = word + 5;
		} else if (out->noptions < INIT_MAX_ARGS) {
			/* A kernel option (or the kernel's own path, which QEMU -kernel prepends). */
			out->options[out->noptions++] = word;
		}
	}
	if (out->path[0] != '/') {
		*error = "init= must be an absolute path";
		return -1;
	}
	out->argv[0] = out->path;
	out->argv[out->argc] = NULL;
	return 0;
}

const char *
cmdline_option(const struct init_cmdline *cmd, const char *name)
{
	size_t len = strlen(name);

	for (int i = 0; i < cmd->noptions; i++) {
		const char *w = cmd->options[i];
		if (strncmp(w, name, len) == 0 && (w[len] == '=' || w[len] == '\0'))
			return w[len] == '=' ? w + len + 1 : w + len;
	}
	return NULL;
}
