/*
 * cmdline.h - the kernel command line, as the boot contract defines it
 * (docs/boot-contract.md):
 *
 *     [kernel options] init=/path/to/program [more options] -- arg1 "arg two"
 *
 * Words are separated by spaces; "..." groups a word. init= picks the first
 * program (default /bin/init); the words after "--" are its argv[1..].
 */
#ifndef CMDLINE_H
#define CMDLINE_H

#define CMDLINE_MAX 1024
#define INIT_MAX_ARGS 32
#define INIT_DEFAULT_PATH "/bin/init"

struct init_cmdline {
	char words[CMDLINE_MAX];          /* the words, each NUL-terminated */
	const char *path;                 /* init= value, or the default */
	const char *argv[INIT_MAX_ARGS + 1];  /* argv[0] = path, NULL-terminated */
	int argc;
	const char *options[INIT_MAX_ARGS];   /* other words before "--": kernel options */
	int noptions;
};

/* Value of kernel option name=value ("" for a bare name), or NULL if absent. */
const char *cmdline_option(const struct init_cmdline *cmd, const char *name);

/* Returns 0, or -1 with a message in *error (unterminated quote, too many arguments, ...). */
int cmdline_parse(const char *cmdline, struct init_cmdline *out, const char **error);

#endif
