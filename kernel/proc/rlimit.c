/*
 * rlimit.c - resource limits (getrlimit, setrlimit, prlimit64): a soft and
 * a hard limit per resource and process, inherited by children, kept
 * across execve. Linux's defaults, except where this kernel's own limits
 * are lower (descriptors, threads). Enforced here:
 *
 *   RLIMIT_NOFILE  descriptors at or above it cannot be created (EMFILE);
 *                  it cannot be raised past the table's size (EPERM, as
 *                  past Linux's fs.nr_open)
 *   RLIMIT_STACK   the size of the stack area a new program gets (execve)
 *
 * The others are stored and reported, like those Linux does not enforce
 * for root (RLIMIT_NPROC) or that concern what does not exist here.
 */
#include "file.h"
#include "mm.h"
#include "proc.h"
#include "uapi/errno.h"
#include "uapi/resource.h"

#define INF RLIM_INFINITY

/* What init starts with (Linux's INIT_RLIMITS). */
static const struct rlimit defaults[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { INF, INF },
	[RLIMIT_FSIZE] = { INF, INF },
	[RLIMIT_DATA] = { INF, INF },
	[RLIMIT_STACK] = { STACK_MAX, INF },
	[RLIMIT_CORE] = { 0, INF },
	[RLIMIT_RSS] = { INF, INF },
	[RLIMIT_NPROC] = { MAX_PROCS, MAX_PROCS },
	[RLIMIT_NOFILE] = { MAX_FDS, MAX_FDS },
	[RLIMIT_MEMLOCK] = { 8 << 20, 8 << 20 },
	[RLIMIT_AS] = { INF, INF },
	[RLIMIT_LOCKS] = { INF, INF },
	[RLIMIT_SIGPENDING] = { MAX_PROCS, MAX_PROCS },
	[RLIMIT_MSGQUEUE] = { 819200, 819200 },
	[RLIMIT_NICE] = { 0, 0 },
	[RLIMIT_RTPRIO] = { 0, 0 },
	[RLIMIT_RTTIME] = { INF, INF },
};

void
rlimit_init(struct thread_group *tg)
{
	for (int r = 0; r < RLIM_NLIMITS; r++)
		tg->rlim[r] = defaults[r];
}

int
rlimit_get(struct thread_group *tg, int resource, struct rlimit *out)
{
	if (resource < 0 || resource >= RLIM_NLIMITS)
		return -EINVAL;
	*out = tg->rlim[resource];
	return 0;
}

/* A new limit for tg, whose threads use the descriptor table files. 0, -EINVAL, -EPERM. */
int
rlimit_set(struct thread_group *tg, struct fd_table *files, int resource, const struct rlimit *new)
{
	if (resource < 0 || resource >= RLIM_NLIMITS || new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (resource == RLIMIT_NOFILE && new->rlim_max > MAX_FDS)
		return -EPERM;
	/* Raising a hard limit needs privilege: everyone is root here. */
	tg->rlim[resource] = *new;
	if (resource == RLIMIT_NOFILE && files != NULL)
		files->limit = (int)new->rlim_cur;
	return 0;
}
