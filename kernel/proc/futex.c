/*
 * futex.c - sleeping on a word of user memory: the kernel half of every
 * mutex, condition variable and thread join in musl and Go ("fast
 * user-space mutex": an uncontended lock never enters the kernel).
 *
 *   thread A (lock is taken)               thread B (unlocks)
 *   if (*word == LOCKED_WAITERS)           *word = UNLOCKED
 *     futex(word, FUTEX_WAIT, LOCKED_WAITERS)   futex(word, FUTEX_WAKE, 1)
 *     -> the kernel checks the word again,  -> the kernel wakes one
 *        and sleeps only if it still holds     sleeper on (mm, word)
 *        the expected value
 *
 * The check and going to sleep are one step for the waker's purposes
 * (interrupts off, no kernel preemption), so a wake-up between "the word
 * changed" and "asleep" cannot be lost: the value check fails first.
 *
 * A sleeper is found by its key, (address space, user address) - private
 * and shared futexes alike, since memory here is never shared between
 * address spaces - in a small hash table of lists.
 */
#include "cpu.h"
#include "futex.h"
#include "kerrno.h"
#include "proc.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/futex.h"
#include "x86.h"

#define FUTEX_BUCKETS 64         /* a power of two */

struct futex_waiter {
	struct mm *mm;               /* the key: the address space ... */
	uint64_t uaddr;              /* ... and the user address of the word */
	uint32_t bitset;             /* FUTEX_WAIT_BITSET: which wake-ups concern it */
	struct proc *task;
	bool woken;
	struct futex_waiter *next;
};

static struct futex_waiter *buckets[FUTEX_BUCKETS];

static struct futex_waiter **
bucket(const struct mm *mm, uint64_t uaddr)
{
	uint64_t h = (uint64_t)mm ^ (uaddr >> 2);

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ULL;
	return &buckets[(h >> 32) & (FUTEX_BUCKETS - 1)];
}

static void
unlink_waiter(struct futex_waiter *w)
{
	for (struct futex_waiter **link = bucket(w->mm, w->uaddr); *link != NULL;
	     link = &(*link)->next)
		if (*link == w) {
			*link = w->next;
			return;
		}
}

static bool
woken(void *arg)
{
	return ((struct futex_waiter *)arg)->woken;
}

/*
 * FUTEX_WAIT and FUTEX_WAIT_BITSET: sleep while *uaddr == val, until a
 * wake whose bitset meets ours, the deadline (CLOCK_MONOTONIC ns, 0 =
 * none), or a signal. 0, -EAGAIN (the value had changed), -ETIMEDOUT,
 * -EFAULT, or -ERESTARTSYS.
 */
long
futex_wait(struct mm *mm, uint64_t uaddr, uint32_t val, uint32_t bitset, uint64_t deadline)
{
	struct futex_waiter w = { mm, uaddr, bitset, current_proc(), false, NULL };
	uint32_t now;

	bool irq = irq_save();
	if (copy_from_user(&now, uaddr, sizeof now) < 0) {
		irq_restore(irq);
		return -EFAULT;
	}
	if (now != val) {
		irq_restore(irq);
		return -EAGAIN;          /* it changed: whatever we waited for happened */
	}
	struct futex_waiter **head = bucket(mm, uaddr);
	w.next = *head;
	*head = &w;
	int r = wait_event(NULL, woken, &w, deadline);
	if (!w.woken)
		unlink_waiter(&w);       /* timed out or interrupted: still queued */
	irq_restore(irq);
	return w.woken ? 0 : r;
}

/* Wake up to n sleepers on (mm, uaddr) whose bitset meets bitset; how many. */
int
futex_wake(struct mm *mm, uint64_t uaddr, int n, uint32_t bitset)
{
	int count = 0;

	bool irq = irq_save();
	for (struct futex_waiter **link = bucket(mm, uaddr), *w; (w = *link) != NULL;) {
		if (w->mm != mm || w->uaddr != uaddr || !(w->bitset & bitset)) {
			link = &w->next;
			continue;
		}
		*link = w->next;
		w->woken = true;
		wake_proc(w->task);
		/* Linux's loop: n <= 0 still wakes one. */
		if (++count >= n)
			break;
	}
	irq_restore(irq);
	return count;
}

/*
 * FUTEX_REQUEUE / FUTEX_CMP_REQUEUE: wake up to n_wake sleepers on uaddr,
 * move up to n_move of the rest to uaddr2 without waking them (a condition
 * variable's broadcast: only one of them can take the mutex anyway). With
 * cmp, only if *uaddr == cmp_val (else -EAGAIN). Returns woken + moved.
 */
long
futex_requeue(struct mm *mm, uint64_t uaddr, int n_wake, int n_move, uint64_t uaddr2,
	      bool cmp, uint32_t cmp_val)
{
	uint32_t now;
	long count = 0;

	bool irq = irq_save();
	if (cmp) {
		if (copy_from_user(&now, uaddr, sizeof now) < 0) {
			irq_restore(irq);
			return -EFAULT;
		}
		if (now != cmp_val) {
			irq_restore(irq);
			return -EAGAIN;
		}
	}
	if (n_wake > 0)                  /* (futex_wake's "0 wakes one" is FUTEX_WAKE's alone) */
		count = futex_wake(mm, uaddr, n_wake, FUTEX_BITSET_MATCH_ANY);
	for (int moved = 0; moved < n_move; moved++, count++) {
		struct futex_waiter *w = NULL;
		for (w = *bucket(mm, uaddr); w != NULL; w = w->next)
			if (w->mm == mm && w->uaddr == uaddr)
				break;
		if (w == NULL)
			break;
		unlink_waiter(w);
		w->uaddr = uaddr2;
		struct futex_waiter **head = bucket(mm, uaddr2);
		w->next = *head;
		*head = w;
	}
	irq_restore(irq);
	return count;
}

/* ------------------------------------------------------------------ a thread's end */

/* One futex word of a dying thread: if it holds the lock, mark the owner dead
 * and let one sleeper take over (Linux's handle_futex_death). */
static void
release_robust_futex(struct proc *p, uint64_t uaddr)
{
	uint32_t word;

	if ((uaddr & 3) != 0 || copy_from_user(&word, uaddr, sizeof word) < 0)
		return;
	if ((word & FUTEX_TID_MASK) != (uint32_t)p->pid)
		return;                  /* not ours */
	uint32_t dead = (word & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	if (copy_to_user(uaddr, &dead, sizeof dead) < 0)
		return;
	if (word & FUTEX_WAITERS)
		futex_wake(p->mm, uaddr, 1, FUTEX_BITSET_MATCH_ANY);
}

#define ROBUST_LIST_LIMIT 2048   /* a loop in a corrupt list must end (Linux's limit) */

/* set_robust_list's list: every futex the thread still holds is released. */
static void
release_robust_list(struct proc *p)
{
	struct robust_list_head head;
	uint64_t entry;

	if (p->robust_list == 0 || copy_from_user(&head, p->robust_list, sizeof head) < 0)
		return;
	entry = head.next;
	for (int n = 0; entry != p->robust_list && n < ROBUST_LIST_LIMIT; n++) {
		uint64_t next;
		if (copy_from_user(&next, entry & ~1UL, sizeof next) < 0)
			return;
		if (entry != head.list_op_pending)
			release_robust_futex(p, (entry & ~1UL) + (uint64_t)head.futex_offset);
		entry = next;
	}
	if (head.list_op_pending != 0)
		release_robust_futex(p, (head.list_op_pending & ~1UL) + (uint64_t)head.futex_offset);
}

/*
 * A thread ends or execs: the futexes it holds go (robust list), and
 * whoever waits for it learns (CLONE_CHILD_CLEARTID: *tid = 0 and a wake -
 * how pthread_join waits for a thread).
 */
void
futex_thread_release(struct proc *p)
{
	uint32_t zero = 0;

	release_robust_list(p);
	p->robust_list = 0;
	if (p->clear_child_tid != 0 && copy_to_user(p->clear_child_tid, &zero, sizeof zero) == 0)
		futex_wake(p->mm, p->clear_child_tid, 1, FUTEX_BITSET_MATCH_ANY);
	p->clear_child_tid = 0;
}
