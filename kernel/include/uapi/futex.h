/* uapi/futex.h - futex(2) operations and the robust list, as Linux's <linux/futex.h>. */
#ifndef UAPI_FUTEX_H
#define UAPI_FUTEX_H

#include <stdint.h>

#define FUTEX_WAIT            0  /* sleep if *uaddr == val (relative timeout) */
#define FUTEX_WAKE            1  /* wake up to val waiters */
#define FUTEX_FD              2
#define FUTEX_REQUEUE         3  /* wake val, move up to val2 to uaddr2 */
#define FUTEX_CMP_REQUEUE     4  /* the same, if *uaddr == val3 */
#define FUTEX_WAKE_OP         5
#define FUTEX_LOCK_PI         6
#define FUTEX_UNLOCK_PI       7
#define FUTEX_TRYLOCK_PI      8
#define FUTEX_WAIT_BITSET     9  /* FUTEX_WAIT with an absolute timeout and a bit set (val3) */
#define FUTEX_WAKE_BITSET     10 /* wake waiters whose bit set meets val3 */
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI  12
#define FUTEX_LOCK_PI2        13
#define FUTEX_PRIVATE_FLAG    128  /* only this process's threads use the futex */
#define FUTEX_CLOCK_REALTIME  256  /* the timeout is CLOCK_REALTIME, not CLOCK_MONOTONIC */
#define FUTEX_CMD_MASK        (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)

#define FUTEX_BITSET_MATCH_ANY 0xffffffffU  /* val3 of FUTEX_WAIT_BITSET: any waker */

/* FUTEX_WAKE_OP's val3: op << 28 | cmp << 24 | oparg << 12 | cmparg. */
#define FUTEX_OP_SET  0
#define FUTEX_OP_ADD  1
#define FUTEX_OP_OR   2
#define FUTEX_OP_ANDN 3
#define FUTEX_OP_XOR  4
#define FUTEX_OP_OPARG_SHIFT 8   /* flag on op: oparg is 1 << oparg */
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_NE 1
#define FUTEX_OP_CMP_LT 2
#define FUTEX_OP_CMP_LE 3
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP_CMP_GE 5

/* set_robust_list(2): the futexes a thread holds, released if it dies holding them. */
struct robust_list_head {
	uint64_t next;               /* first entry (circular: the last points back here) */
	int64_t futex_offset;        /* where an entry's futex word is, relative to the entry */
	uint64_t list_op_pending;    /* an entry being added or removed right now */
};
#define FUTEX_WAITERS    0x80000000U  /* someone sleeps on it: wake one after marking */
#define FUTEX_OWNER_DIED 0x40000000U  /* its owner died holding it */
#define FUTEX_TID_MASK   0x3fffffffU  /* the owner's thread id */

#endif
