/*
 * sys_proc.c - process system calls: who am I, and the end of a program.
 */
#include "cpu.h"
#include "proc.h"
#include "syscall.h"

/* getpid(2): the caller's process id. */
long
sys_getpid(void)
{
	return current_proc()->pid;
}

/* gettid(2): the caller's thread id; one thread per process, so the pid. */
long
sys_gettid(void)
{
	return current_proc()->pid;
}

/* exit(2): end the calling thread. With one thread per process: the process. */
long
sys_exit(int status)
{
	proc_exit(current_proc(), status);
}

/* exit_group(2): end every thread of the process (what libc's exit() calls). */
long
sys_exit_group(int status)
{
	proc_exit(current_proc(), status);
}
