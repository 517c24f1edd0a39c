/*
 * thread.c - threads for libsys programs: what pthread_create and
 * pthread_join come down to on Linux (musl does the same, plus TLS and
 * a cache of stacks):
 *
 *   create: mmap a stack; clone(CLONE_VM | CLONE_FS | CLONE_FILES |
 *           CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
 *           CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID, stack,
 *           &t->tid, &t->tid); the new thread runs fn(arg) and calls exit(2)
 *   join:   sleep on t->tid with FUTEX_WAIT until the kernel, as the
 *           thread ends, writes 0 there and wakes us (CLONE_CHILD_CLEARTID)
 */
#include "libsys.h"
#include "uapi/futex.h"
#include "uapi/sched.h"

#define THREAD_STACK (64 * 1024)

/*
 * long thread_clone(flags, stack_top, parent_tid, child_tid, tls, fn, arg)
 * clone(2) itself, then - in the new thread only - fn(arg) and exit(2)
 * with its result. The new thread starts on stack_top with our
 * registers, so fn and arg travel on that stack, pushed before the call.
 */
__asm__(".text\n"
	".global thread_clone\n"
	"thread_clone:\n"
	"	mov 8(%rsp), %rax\n"     /* arg (7th argument, on our stack) */
	"	sub $16, %rsi\n"         /* room on the new stack: fn, arg */
	"	mov %r9, (%rsi)\n"       /* fn */
	"	mov %rax, 8(%rsi)\n"     /* arg */
	"	mov %rcx, %r10\n"        /* 4th argument: RCX in C, R10 for syscall */
	"	mov $56, %eax\n"         /* __NR_clone */
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jnz 1f\n"                /* the caller (or an error): return */
	"	pop %rax\n"              /* the new thread, on its own stack: fn */
	"	pop %rdi\n"              /* arg; RSP is 16-byte aligned again */
	"	call *%rax\n"
	"	mov %eax, %edi\n"
	"	mov $60, %eax\n"         /* exit(2): this thread only */
	"	syscall\n"
	"	ud2\n"
	"1:	ret\n");

/* What a thread of thread_create runs: fn, and its result kept for thread_join. */
static int
thread_main(void *arg)
{
	struct thread *t = arg;

	t->result = t->fn(t->arg);
	return t->result;
}

int
thread_create(struct thread *t, int (*fn)(void *), void *arg)
{
	char *stack = mmap(NULL, THREAD_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (stack == MAP_FAILED)
		return -1;
	t->stack = stack;
	t->fn = fn;
	t->arg = arg;
	/* PARENT_SETTID: the kernel writes the new id into t->tid before the
	 * thread can run, so thread_join never sees a thread without one. */
	long r = thread_clone(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
			      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID,
			      stack + THREAD_STACK, (int *)&t->tid, (int *)&t->tid, 0, thread_main, t);
	if (r < 0) {
		munmap(stack, THREAD_STACK);
		errno = (int)-r;
		return -1;
	}
	return 0;
}

int
thread_join(struct thread *t)
{
	int tid;

	while ((tid = t->tid) != 0)          /* its id until the kernel clears it */
		raw_syscall6(__NR_futex, (long)&t->tid, FUTEX_WAIT, tid, 0, 0, 0);
	munmap(t->stack, THREAD_STACK);
	return t->result;
}
