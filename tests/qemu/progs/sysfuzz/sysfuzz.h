/*
 * sysfuzz.h - what the parts of /bin/sysfuzz share. The program is a
 * trinity-style system-call fuzzer that runs inside the guest:
 *
 *   sysfuzz.c          the parent: children one after another, the watchdog,
 *                      the leak and process-table checks, the report
 *   sysfuzz/child.c    one disposable child: its descriptors, its call loop
 *   sysfuzz/calls.c    which call to make, and the safety filters
 *   sysfuzz/args.c     the argument pool and the memory arena
 *   sysfuzz/call.S     the raw SYSCALL, with a check of every register
 *
 * Everything a child does follows from (seed, child number), so the parent
 * can rebuild any call of any child to print it (docs/fuzzing.md).
 */
#ifndef SYSFUZZ_H
#define SYSFUZZ_H

#include <stdbool.h>

#include "libsys.h"

/* ---------------------------------------------------------------- random numbers */

/*
 * splitmix64: a 64-bit state, one addition and a mix per number. Fast,
 * good enough for fuzzing, and the same sequence on every machine.
 */
static inline uint64_t
rand_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15UL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static inline uint64_t
rand_below(uint64_t *state, uint64_t n)
{
	return rand_next(state) % n;
}

/* true with the given chance, in percent. */
static inline bool
rand_percent(uint64_t *state, unsigned percent)
{
	return rand_below(state, 100) < percent;
}

/* CLOCK_MONOTONIC in milliseconds (through the vDSO). */
static inline uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* The first state of child number `child` of a run with `seed`. */
static inline uint64_t
child_seed(uint64_t seed, unsigned child)
{
	uint64_t s = seed ^ ((uint64_t)child * 0xd1342543de82ef95UL);

	return rand_next(&s);
}

/* ---------------------------------------------------------------- one call */

struct fuzz_call {
	uint64_t nr;                 /* what goes into RAX: the kernel uses the low 32 bits */
	uint64_t args[6];            /* RDI, RSI, RDX, R10, R8, R9 */
	const char *filtered;        /* the safety filter that changed it, or NULL */
};

/* calls.c */
#define HIGHEST_NUMBER 460           /* numbers drawn up to here, past uapi/syscalls.h's end too */
void calls_init(void);
void call_generate(uint64_t *rng, struct fuzz_call *c);
void call_make_safe(struct fuzz_call *c, int self_pid);
bool call_starts_task(uint64_t nr);          /* fork, vfork, clone, clone3 */
bool call_keeps_registers(uint64_t nr);      /* false for rt_sigreturn */
int call_format(const struct fuzz_call *c, char *buf, size_t size);
int calls_implemented(void);                 /* how many SYSCALL lines */

/* args.c. Kinds are the tracer's (trace.h), and these of the fuzzer's own:
 * a descriptor of the kind a call works on (child.c opens them). */
enum fd_class {
	FD_EPOLL = 200, FD_TIMER, FD_DIR, FD_POLLABLE, FD_TTY, FD_SEEKABLE,
};
uint64_t arg_generate(uint64_t *rng, int kind);
uint64_t arg_exec_path(uint64_t *rng);       /* execve's path: only harmless programs */
uint64_t arg_own_pid(uint64_t *rng, int self_pid);
int arena_init(uint64_t seed);               /* the parent maps it; children inherit it */

/* ---------------------------------------------------------------- the arena */

/*
 * Memory at a fixed address, mapped by the parent before the first fork,
 * so that every pointer the generator makes is a constant:
 *
 *   ARENA_BASE  +0     ARENA_BUFFERS pages, read-write: buffers, structures
 *               +16p   one read-write page: its last bytes are "just before
 *                      an unmapped page"
 *               +17p   never mapped (the edge's neighbour)
 *               +18p   one read-only page: "/etc/motd", then real signal
 *                      actions and alternate stacks (ARENA_ACTIONS, ARENA_STACKS)
 *               +19p   one PROT_NONE page
 *               +32p   ARENA_ZONE_PAGES pages, unmapped at first: mmap's
 *                      addresses, so that later calls find what it mapped
 */
#define ARENA_BASE      0x0000000200000000UL
#define ARENA_BUFFERS   16
#define ARENA_EDGE      (ARENA_BASE + ARENA_BUFFERS * PAGE_BYTES)
#define ARENA_HOLE      (ARENA_EDGE + PAGE_BYTES)
#define ARENA_READONLY  (ARENA_HOLE + PAGE_BYTES)
#define ARENA_NONE      (ARENA_READONLY + PAGE_BYTES)
#define ARENA_ACTIONS   (ARENA_READONLY + 512)   /* struct kernel_sigaction[ARENA_NACTIONS] */
#define ARENA_NACTIONS  8
#define ARENA_STACKS    (ARENA_READONLY + 1024)  /* struct sigaltstack[ARENA_NSTACKS] */
#define ARENA_NSTACKS   4
#define ARENA_ZONE      (ARENA_BASE + 32 * PAGE_BYTES)
#define ARENA_ZONE_PAGES 256
#define PAGE_BYTES      4096UL

/* ---------------------------------------------------------------- a child's descriptors */

/*
 * A child opens one descriptor of every kind at fixed numbers (child.c),
 * so an FD argument is a constant too: descriptor FD_FIRST + slot. 0, 1
 * and 2 become /dev/null: the calls write to them all the time. The last
 * two numbers of the table (MAX_FDS = 64) are the fuzzer's own: a small
 * integer never reaches them.
 */
enum fd_slot {
	SLOT_PIPE_READ, SLOT_PIPE_WRITE,             /* an empty pipe */
	SLOT_FULL_PIPE_READ, SLOT_FULL_PIPE_WRITE,   /* O_NONBLOCK, 100 bytes in it */
	SLOT_EPOLL,                                  /* watching SLOT_PIPE_READ and SLOT_SEMAPHORE */
	SLOT_EVENTFD, SLOT_SEMAPHORE,                /* eventfd(0), eventfd(3, EFD_SEMAPHORE|NONBLOCK) */
	SLOT_TIMERFD, SLOT_IDLE_TIMERFD,             /* ticking every ms; disarmed */
	SLOT_PROC_STATUS, SLOT_MEMINFO, SLOT_PROC_MAPS,
	SLOT_DEV_NULL, SLOT_DEV_ZERO,
	SLOT_TTY,                                    /* the console, read-only */
	SLOT_ROOT_DIR, SLOT_PROC_DIR,
	SLOT_MOTD, SLOT_TRUE,                        /* /etc/motd, /bin/true */
	SLOT_SELF_DIR,                               /* /proc/self */
	SLOT_SYS_FILE,                               /* /sys/devices/system/cpu/online */
	SLOT_TRACE,                                  /* /proc/self/trace, write-only */
	SLOT_EMPTY_EPOLL,
	SLOT_CLOSED,                                 /* nothing behind it */
	FD_COUNT
};
#define FD_FIRST        3            /* the descriptor of slot 0 */
#define FD_REPORT       62           /* the console, for the child's own report (-v) */
#define FD_LOG          63           /* the log pipe to the parent */

/* One log record: written by the child just before each call, and after
 * a call that changed registers (an exit status could not say it: any
 * status is also exit_group's to give). */
struct log_record {
	uint32_t magic;              /* LOG_MAGIC ^ child number: finds records in garbage */
	uint32_t index;              /* which call of the child */
	uint64_t changed;            /* 0: about to make it; else the registers it changed */
};
#define LOG_MAGIC       0x5f22c0deU

/* child.c: what a child is to do. */
struct child_plan {
	uint64_t seed;
	unsigned number;             /* which child of the run */
	unsigned calls;              /* how many calls to draw */
	bool verbose;                /* print each call and its result */
	const char *only;            /* "3,17,42": make only these of the calls drawn, or NULL */
};
void child_run(const struct child_plan *plan, int log_w) __attribute__((noreturn));

/* call.S: make the call; *changed gets a bit per register the kernel changed
 * (bit order in call.S). A new task (fork, clone in the child) exits at once. */
long fuzz_syscall(const struct fuzz_call *c, bool new_task_exits, uint64_t *changed);

#endif
