/*
 * sh.c - a small shell: runs programs from /bin with arguments, pipelines
 * (a | b | c), redirection (< file, > file), background jobs (&), $?, and
 * the built-ins cd, exit and help. Each pipeline is a process group; the
 * foreground one owns the terminal, so ^C reaches it and not the shell.
 *
 * Every line is a small tour of the system calls: fork, setpgid,
 * tcsetpgrp, pipe, dup2, execve, wait4. Watch it with strace (later).
 */
#include "libsys.h"

#define LINE_MAX 1024
#define MAX_WORDS 64
#define MAX_CMDS 8

struct command {
	char *argv[MAX_WORDS + 1];
	int argc;
	char *in, *out;              /* redirections, or NULL */
};

struct pipeline {
	struct command cmds[MAX_CMDS];
	int ncmds;
	int background;
};

static int last_status;          /* for $? */
static pid_t shell_pgid;
static int interactive;

static void
banner(void)
{
	printf("\nteachos shell. Programs live in /bin: try  ls /bin,  hello,  ps,  free,\n"
	       "cat /proc/1/status,  ls | cat,  sleep 5 &,  rings cli,  help.  ^C stops a\n"
	       "program; exit (or ^D) leaves the shell.\n\n");
}

/* Read one line from stdin (fd 0); -1 at end of file. */
static int
read_line(char *buf, int size)
{
	int n = 0;
	char c;

	for (;;) {
		long r = read(0, &c, 1);
		if (r <= 0)
			return n > 0 ? n : -1;   /* ^D on an empty line, or no input left */
		if (c == '\n')
			break;
		if (n < size - 1)
			buf[n++] = c;
	}
	buf[n] = '\0';
	return n;
}

/* Split line into words (quotes group; | < > & are words of their own). */
static int
tokenize(char *line, char **words, int max)
{
	static char storage[LINE_MAX * 2];
	char *out = storage;
	int n = 0;

	for (char *p = line; *p;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || n == max)
			break;
		words[n++] = out;
		if (strchr("|<>&", *p)) {
			*out++ = *p++;
			*out++ = '\0';
			continue;
		}
		while (*p && *p != ' ' && *p != '\t' && !strchr("|<>&", *p)) {
			if (*p == '"' || *p == '\'') {
				char q = *p++;
				while (*p && *p != q)
					*out++ = *p++;
				if (*p == q)
					p++;
			} else if (p[0] == '$' && p[1] == '?') {
				out += snprintf(out, 12, "%d", last_status);
				p += 2;
			} else {
				*out++ = *p++;
			}
		}
		*out++ = '\0';
	}
	return n;
}

/* Words -> pipeline. Returns -1 (with a message) on a syntax error. */
static int
parse(char **w, int n, struct pipeline *pl)
{
	struct command *c = &pl->cmds[0];

	memset(pl, 0, sizeof *pl);
	pl->ncmds = 1;
	for (int i = 0; i < n; i++) {
		if (strcmp(w[i], "|") == 0) {
			if (c->argc == 0 || pl->ncmds == MAX_CMDS)
				goto syntax;
			c = &pl->cmds[pl->ncmds++];
		} else if (strcmp(w[i], "<") == 0 || strcmp(w[i], ">") == 0) {
			if (i + 1 >= n)
				goto syntax;
			if (w[i][0] == '<')
				c->in = w[++i];
			else
				c->out = w[++i];
		} else if (strcmp(w[i], "&") == 0) {
			if (i != n - 1)
				goto syntax;
			pl->background = 1;
		} else if (c->argc < MAX_WORDS) {
			c->argv[c->argc++] = w[i];
		}
	}
	if (c->argc == 0 && (pl->ncmds > 1 || c->in || c->out))
		goto syntax;
	return 0;
syntax:
	dprintf(2, "sh: syntax error\n");
	return -1;
}

/* In the child: redirections, default signals, then exec. Never returns. */
static void
run_child(struct command *c, int in_fd, int out_fd)
{
	char path[256];

	signal_ignore(SIGINT, 0);        /* the shell ignores these; its programs must not */
	signal_ignore(SIGQUIT, 0);
	signal_ignore(SIGTSTP, 0);
	signal_ignore(SIGTTOU, 0);
	if (in_fd != 0) {
		dup2(in_fd, 0);
		close(in_fd);
	}
	if (out_fd != 1) {
		dup2(out_fd, 1);
		close(out_fd);
	}
	if (c->in != NULL) {
		int fd = open(c->in, O_RDONLY);
		if (fd < 0) {
			dprintf(2, "sh: %s: %s\n", c->in, strerror(errno));
			_exit(1);
		}
		dup2(fd, 0);
		close(fd);
	}
	if (c->out != NULL) {
		int fd = open(c->out, O_WRONLY | O_CREAT | O_TRUNC);
		if (fd < 0) {
			dprintf(2, "sh: %s: %s\n", c->out, strerror(errno));
			_exit(1);
		}
		dup2(fd, 1);
		close(fd);
	}
	if (strchr(c->argv[0], '/'))
		snprintf(path, sizeof path, "%s", c->argv[0]);
	else
		snprintf(path, sizeof path, "/bin/%s", c->argv[0]);
	execve(path, c->argv, environ);
	dprintf(2, "sh: %s: %s\n", c->argv[0], errno == ENOENT ? "command not found" : strerror(errno));
	_exit(127);
}

static void
report(int status)
{
	if (WIFSIGNALED(status))
		printf("[killed by %s]\n", signal_name(WTERMSIG(status)));
	else if (WIFSTOPPED(status))
		printf("[stopped by %s]\n", signal_name(WSTOPSIG(status)));
	else if (WEXITSTATUS(status) != 0)
		printf("[exit %d]\n", WEXITSTATUS(status));
}

/* Start every command of the pipeline in one new process group. */
static void
run_pipeline(struct pipeline *pl)
{
	pid_t pids[MAX_CMDS], pgid = 0;
	int in_fd = 0, status = 0;

	for (int i = 0; i < pl->ncmds; i++) {
		int fds[2] = { -1, 1 };
		if (i + 1 < pl->ncmds && pipe(fds) < 0) {
			dprintf(2, "sh: pipe: %s\n", strerror(errno));
			return;
		}
		pid_t pid = fork();
		if (pid < 0) {
			dprintf(2, "sh: fork: %s\n", strerror(errno));
			break;
		}
		if (pid == 0) {
			setpgid(0, pgid);        /* first child: its own group; others join it */
			if (fds[0] >= 0)
				close(fds[0]);
			run_child(&pl->cmds[i], in_fd, i + 1 < pl->ncmds ? fds[1] : 1);
		}
		if (pgid == 0)
			pgid = pid;
		setpgid(pid, pgid);              /* also here: no race with the child */
		pids[i] = pid;
		if (in_fd != 0)
			close(in_fd);
		if (i + 1 < pl->ncmds) {
			close(fds[1]);
			in_fd = fds[0];
		}
		if (i == 0 && !pl->background && interactive)
			tcsetpgrp(0, pgid);      /* the job owns the terminal: ^C goes to it */
	}
	if (pl->background) {
		printf("[%d]\n", pgid);
		last_status = 0;
		return;
	}
	for (int i = 0; i < pl->ncmds; i++)
		if (pids[i] > 0 && waitpid(pids[i], &status, WUNTRACED) == pids[i] && i == pl->ncmds - 1)
			last_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (status & 0x7f);
	if (interactive)
		tcsetpgrp(0, shell_pgid);        /* the terminal is ours again */
	report(status);
}

static int
builtin(struct command *c)
{
	if (c->argc == 0)
		return 1;
	if (strcmp(c->argv[0], "exit") == 0) {
		exit(c->argc > 1 ? (int)atol(c->argv[1]) : last_status);
	} else if (strcmp(c->argv[0], "cd") == 0) {
		const char *dir = c->argc > 1 ? c->argv[1] : "/";
		last_status = chdir(dir) < 0;
		if (last_status)
			dprintf(2, "cd: %s: %s\n", dir, strerror(errno));
		return 1;
	} else if (strcmp(c->argv[0], "help") == 0) {
		printf("built-ins: cd DIR, exit [N], help.  Operators: a | b, < file, > file, &, $?\n"
		       "programs: ls /bin shows them all.\n");
		last_status = 0;
		return 1;
	}
	return 0;
}

/* Collect finished background jobs before each prompt. */
static void
reap_background(void)
{
	int status;
	pid_t pid;

	while ((pid = wait4(-1, &status, WNOHANG, NULL)) > 0)
		printf("[%d] done%s\n", pid, WIFSIGNALED(status) ? " (killed)" : "");
}

int
main(int argc, char **argv)
{
	char line[LINE_MAX];
	char *words[MAX_WORDS * 2];
	struct pipeline pl;

	(void)argc, (void)argv;
	interactive = isatty(0);
	signal_ignore(SIGINT, 1);            /* ^C is for the foreground job */
	signal_ignore(SIGQUIT, 1);
	signal_ignore(SIGTSTP, 1);
	signal_ignore(SIGTTOU, 1);
	shell_pgid = getpid();
	if (getpgrp() != shell_pgid)
		setpgid(0, 0);
	if (interactive) {
		tcsetpgrp(0, shell_pgid);
		banner();
	}
	for (;;) {
		reap_background();
		char cwd[128];
		if (interactive)
			printf("%s$ ", getcwd(cwd, sizeof cwd) ? cwd : "?");
		if (read_line(line, sizeof line) < 0)
			break;
		int n = tokenize(line, words, MAX_WORDS * 2 - 1);
		if (n == 0 || parse(words, n, &pl) < 0)
			continue;
		if (pl.ncmds == 1 && !pl.background && builtin(&pl.cmds[0]))
			continue;
		run_pipeline(&pl);
	}
	if (interactive)
		printf("exit\n");
	return last_status;
}
