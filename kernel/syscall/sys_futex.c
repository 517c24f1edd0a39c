/*
 * sys_futex.c - futex(2), set_robust_list(2), get_robust_list(2): the
 * arguments checked and decoded; the work is in proc/futex.c.
 *
 *   futex(uaddr, op, val, timeout or val2, uaddr2, val3)
 *
 * op is FUTEX_WAIT, FUTEX_WAKE, ... plus two flags: FUTEX_PRIVATE_FLAG
 * (the threads of one process only - every futex is keyed by address
 * space here, so it changes nothing) and FUTEX_CLOCK_REALTIME.
 */
#include "clock.h"
#include "cpu.h"
#include "futex.h"
#include "memlayout.h"
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/futex.h"
#include "uapi/time.h"

/* A futex word: 4-byte aligned (-EINVAL), in the user half (-EFAULT). */
static long
check_word(uint64_t uaddr)
{
	if (uaddr & 3)
		return -EINVAL;
	return uaddr < USER_TOP - 4 ? 0 : -EFAULT;
}

/* The timeout argument as a CLOCK_MONOTONIC deadline (0: none). */
static long
futex_deadline(uint64_t uts, bool absolute, bool realtime, uint64_t *deadline)
{
	struct timespec ts;
	long err;

	if (!absolute)
		return timeout_from_user(uts, deadline);
	*deadline = 0;
	if (uts == 0)
		return 0;
	if ((err = timespec_from_user(uts, &ts)) != 0)
		return err;
	uint64_t at = (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
	uint64_t now = clock_monotonic_ns();
	if (realtime) {                  /* a wall-clock time: the same moment, on the monotonic clock */
		uint64_t offset = clock_realtime_ns() - now;
		at = at > offset ? at - offset : 0;
	}
	*deadline = at > now ? at : 1;   /* in the past: just look */
	return 0;
}

/*
 * A wait cut short by a signal: -ERESTARTSYS restarts it (SA_RESTART) or
 * fails with EINTR; one with a timeout goes on through restart_syscall
 * with the same deadline.
 */
static long
wait_restart(struct restart_block *rb)
{
	struct proc *p = current_proc();
	long r = futex_wait(p->mm, rb->futex.uaddr, rb->futex.val, rb->futex.bitset, rb->deadline);

	if (r != -ERESTARTSYS || rb->deadline == 0)
		return r;
	rb->fn = wait_restart;
	p->restart = *rb;
	return -ERESTART_RESTARTBLOCK;
}

long
sys_futex(uint64_t uaddr, int op, uint32_t val, uint64_t utime, uint64_t uaddr2, uint32_t val3)
{
	struct proc *p = current_proc();
	int cmd = op & FUTEX_CMD_MASK;
	bool realtime = op & FUTEX_CLOCK_REALTIME;
	uint64_t deadline;
	long err;

	if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET: {
		uint32_t bitset = cmd == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : val3;
		if ((err = futex_deadline(utime, cmd == FUTEX_WAIT_BITSET, realtime, &deadline)) < 0)
			return err;
		if (bitset == 0)
			return -EINVAL;
		if ((err = check_word(uaddr)) < 0)
			return err;
		struct restart_block rb = { .deadline = deadline,
					    .futex = { .uaddr = uaddr, .val = val, .bitset = bitset } };
		return wait_restart(&rb);
	}
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET: {
		uint32_t bitset = cmd == FUTEX_WAKE ? FUTEX_BITSET_MATCH_ANY : val3;
		if (bitset == 0)
			return -EINVAL;
		if ((err = check_word(uaddr)) < 0)
			return err;
		return futex_wake(p->mm, uaddr, (int)val, bitset);
	}
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		if ((int)val < 0 || (int)utime < 0)   /* val2, the number to move, is in utime */
			return -EINVAL;
		if ((err = check_word(uaddr)) < 0 || (err = check_word(uaddr2)) < 0)
			return err;
		return futex_requeue(p->mm, uaddr, (int)val, (int)utime, uaddr2,
				     cmd == FUTEX_CMP_REQUEUE, val3);
	default:
		return -ENOSYS;          /* WAKE_OP and the priority-inheritance ops: not here */
	}
}

long
sys_set_robust_list(uint64_t head, size_t len)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	current_proc()->robust_list = head;
	return 0;
}

long
sys_get_robust_list(int tid, uint64_t uhead, uint64_t ulen)
{
	struct proc *p = tid == 0 ? current_proc() : proc_find(tid);
	size_t len = sizeof(struct robust_list_head);

	if (p == NULL)
		return -ESRCH;
	if (copy_to_user(ulen, &len, sizeof len) < 0 ||
	    copy_to_user(uhead, &p->robust_list, sizeof p->robust_list) < 0)
		return -EFAULT;
	return 0;
}
