/*
 * init.c - process 1. It starts the shell on the console, starts a new one
 * whenever the shell exits, and - as every init must - collects the exit
 * status of orphans that the kernel hands to it.
 *
 *   init            run /bin/sh forever (make run)
 *   init PROGRAM..  run that instead of /bin/sh
 */
#include "libsys.h"

int
main(int argc, char **argv)
{
	char *sh_argv[] = { "/bin/sh", NULL };
	char **prog = argc > 1 ? argv + 1 : sh_argv;

	printf("init: starting %s\n", prog[0]);
	for (;;) {
		pid_t pid = fork();
		if (pid == 0) {
			setsid();                /* the shell leads a new session */
			ioctl(0, TIOCSCTTY, 0);  /* with the console as its terminal */
			execve(prog[0], prog, environ);
			printf("init: cannot run %s: %s\n", prog[0], strerror(errno));
			_exit(127);
		}
		if (pid < 0) {
			printf("init: fork: %s\n", strerror(errno));
			return 1;
		}
		int status;
		pid_t done;
		while ((done = wait(&status)) != pid)   /* reap orphans meanwhile */
			if (done < 0)
				break;
		if (WIFSIGNALED(status))
			printf("init: %s killed by %s; starting it again\n", prog[0],
			       signal_name(WTERMSIG(status)));
		else
			printf("init: %s exited with status %d; starting it again\n", prog[0],
			       WEXITSTATUS(status));
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			return 1;                /* it cannot even start: give up */
		sleep_ms(100);
	}
}
