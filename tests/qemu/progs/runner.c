/*
 * runner.c - run test programs one after another, each in its own child
 * process (as xv6's usertests does), so that many tests share one boot
 * and a crashing test cannot take the others down.
 *
 *   runner /bin/ktest all -- /bin/mmtest -- /bin/proctest
 *
 * Programs are separated by "--"; each is started with fork + execve and
 * collected with wait4. Prints one line per program and a summary; exits
 * with the number of programs that did not exit with status 0.
 */
#include "libsys.h"

int
main(int argc, char **argv)
{
	int failed = 0, total = 0;

	for (int i = 1; i < argc;) {
		int end = i;
		while (end < argc && strcmp(argv[end], "--") != 0)
			end++;
		argv[end < argc ? end : argc] = NULL;  /* terminate this program's argv */
		char **prog = &argv[i];
		pid_t pid = fork();
		if (pid == 0) {
			execv(prog[0], prog);
			printf("runner: cannot run %s: %s\n", prog[0], strerror(errno));
			_exit(127);
		}
		int status = 0;
		if (pid < 0 || waitpid(pid, &status, 0) != pid) {
			printf("runner: fork/wait failed: %s\n", strerror(errno));
			return 100;
		}
		total++;
		if (WIFEXITED(status))
			printf("runner: %s exited with status %d\n", prog[0], WEXITSTATUS(status));
		else
			printf("runner: %s killed by signal %d (%s)\n", prog[0], WTERMSIG(status),
			       signal_name(WTERMSIG(status)));
		failed += status != 0;
		i = end + 1;
	}
	printf("runner: %d programs, %d passed, %d failed\n", total, total - failed, failed);
	return failed;
}
