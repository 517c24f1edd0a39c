/*
 * sigset_wait.c - the host C library's <sys/wait.h> macros as functions,
 * for test_sigset.c: that file includes signals.h, whose sigset_t clashes
 * with the one <sys/wait.h> brings in through <signal.h>.
 */
#include <sys/wait.h>

int host_wifexited(int s) { return WIFEXITED(s); }
int host_wexitstatus(int s) { return WEXITSTATUS(s); }
int host_wifsignaled(int s) { return WIFSIGNALED(s); }
int host_wtermsig(int s) { return WTERMSIG(s); }
int host_wifstopped(int s) { return WIFSTOPPED(s); }
int host_wstopsig(int s) { return WSTOPSIG(s); }
int host_wifcontinued(int s) { return WIFCONTINUED(s); }
