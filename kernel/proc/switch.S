/*
 * switch.S - switching from one task's kernel stack to another's.
 *
 * struct proc *context_switch(uint64_t *save_rsp, uint64_t load_rsp, struct proc *prev)
 *
 * Called by schedule() in C, so the C calling convention already saved
 * the caller-saved registers; only the callee-saved ones (RBX, RBP,
 * R12-R15) must survive. Push them, save RSP, load the other task's RSP,
 * pop its registers, and `ret` - which returns into *its* call of
 * context_switch, long ago. The page tables, TSS.RSP0, FS base and FPU
 * registers were switched in C (proc/sched.c: switch_to) before this.
 *
 * It returns prev, the task we leave, in RAX - to the *other* task: RAX
 * survives the stack swap, so the task that resumes learns which task ran
 * before it, and can free it if it has ended (sched_finish_switch).
 *
 *   a task's stack while switched out:
 *        ...
 *        return address into schedule()   (or proc_first_return)
 *        rbp
 *        rbx
 *        r12
 *        r13
 *        r14
 *        r15        <- proc->saved_rsp
 */
	.text
	.global context_switch
context_switch:
	movq %rdx, %rax             /* the return value: prev, for whoever resumes */
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)           /* *save_rsp = where we stopped */
	movq %rsi, %rsp             /* now on the other task's stack */
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret                         /* into the other task */

/*
 * A new task has never called context_switch; sched_prepare_new() makes
 * its stack look as if it had, with this as the return address. RSP then
 * points at its trap frame (built by fork or exec): restore it and IRETQ
 * into user mode - after finishing the switch as schedule() would, and
 * acting on signals sent to it before it ever ran (sched_first_return).
 */
	.global proc_first_return
proc_first_return:
	movq %rax, %rdi             /* the task that ran before us */
	call sched_first_return
	jmp trap_return
