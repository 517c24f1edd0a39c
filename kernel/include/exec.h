/*
 * exec.h - where the arguments of a new program come from: kernel memory
 * (init, from the command line) or user memory (execve's argv and envp).
 */
#ifndef EXEC_H
#define EXEC_H

#include <stdbool.h>
#include <stdint.h>

#define EXEC_MAX_STRINGS 512               /* argv + envp entries (a pointer page) */
#define EXEC_MAX_ARG_BYTES (256 * 1024UL)  /* strings + tables; more is -E2BIG */

struct exec_args {
	bool from_user;
	const char *const *kargv, *const *kenvp;   /* from_user == false */
	uint64_t uargv, uenvp;                     /* from_user == true: user addresses */
};

#endif
