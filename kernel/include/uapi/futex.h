/* uapi/futex.h - futex(2) operations and the robust list, Linux x86-64's values. */
#ifndef UAPI_FUTEX_H
#define UAPI_FUTEX_H

#include <stdint.h>

#define FUTEX_WAIT            0    /* sleep if *uaddr == val (relative timeout) */
#define FUTEX_WAKE            1    /* wake up to val sleepers */
#define FUTEX_REQUEUE         3    /* wake val, move up to val2 to uaddr2 */
#define FUTEX_CMP_REQUEUE     4    /* the same, if *uaddr == val3 */
#define FUTEX_WAKE_OP         5
#define FUTEX_LOCK_PI         6
#define FUTEX_UNLOCK_PI       7
#define FUTEX_TRYLOCK_PI      8
#define FUTEX_WAIT_BITSET     9    /* FUTEX_WAIT with a bitset and an absolute timeout */
#define FUTEX_WAKE_BITSET     10   /* wake sleepers whose bitset meets val3 */
#define FUTEX_PRIVATE_FLAG    128  /* only this process's threads use it: a cheaper key */
#define FUTEX_CLOCK_REALTIME  256  /* the absolute timeout is on CLOCK_REALTIME */
#define FUTEX_CMD_MASK        (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY 0xffffffffU

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
