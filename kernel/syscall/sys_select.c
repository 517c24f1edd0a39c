/*
 * sys_select.c - select(2) and pselect6(2), the oldest way to wait for
 * several files: three bit sets of descriptors (readable? writable? an
 * exceptional condition?) in, the ready ones out. Done here as poll(2):
 * the sets become a pollfd array, do_poll (fs/poll.c) sleeps on the
 * files' wait queues, and the results become bits again.
 *
 *   readfds   ready if POLLIN, POLLHUP or POLLERR (EOF and errors count as readable)
 *   writefds  ready if POLLOUT or POLLERR
 *   exceptfds ready if POLLPRI
 *
 * Like Linux, both write the time left back into the timeout argument.
 */
#include "clock.h"
#include "cpu.h"
#include "eventpoll.h"
#include "kheap.h"
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/eventpoll.h"
#include "uapi/time.h"

int do_poll(struct pollfd *fds, int nfds, struct wait_entry *entries, uint64_t deadline_ns);

#define SET_BYTES(n) ((((size_t)(n)) + 63) / 64 * 8)   /* whole 64-bit words, as Linux copies */
#define IN_SET  (POLLIN | POLLHUP | POLLERR)
#define OUT_SET (POLLOUT | POLLERR)
#define EX_SET  POLLPRI

struct select_sets {
	uint64_t in, out, ex;        /* one bit per descriptor; MAX_FDS <= 64 */
};

static int
get_set(uint64_t uset, int n, uint64_t *set)
{
	*set = 0;
	if (uset == 0 || n == 0)
		return 0;
	return copy_from_user(set, uset, SET_BYTES(n)) < 0 ? -EFAULT : 0;
}

static int
put_set(uint64_t uset, int n, uint64_t set)
{
	if (uset == 0 || n == 0)
		return 0;
	return copy_to_user(uset, &set, SET_BYTES(n)) < 0 ? -EFAULT : 0;
}

/* The sets as poll entries; -EBADF for a descriptor that is not open. */
static int
sets_to_pollfds(const struct select_sets *s, int n, struct pollfd *fds, int *count)
{
	struct fd_table *t = current_proc()->files;

	*count = 0;
	for (int fd = 0; fd < n; fd++) {
		uint64_t bit = 1ULL << fd;
		if (!((s->in | s->out | s->ex) & bit))
			continue;
		if (fd_lookup(t, fd) == NULL)
			return -EBADF;
		fds[(*count)++] = (struct pollfd){
			.fd = fd,
			.events = (short)((s->in & bit ? POLLIN : 0) | (s->out & bit ? POLLOUT : 0) |
					  (s->ex & bit ? POLLPRI : 0)),
		};
	}
	return 0;
}

/* The ready ones back into the sets; how many bits are set in all three. */
static int
pollfds_to_sets(struct select_sets *s, const struct pollfd *fds, int count)
{
	struct select_sets ready = { 0, 0, 0 };
	int n = 0;

	for (int i = 0; i < count; i++) {
		uint64_t bit = 1ULL << fds[i].fd;
		if ((s->in & bit) && (fds[i].revents & IN_SET))
			ready.in |= bit, n++;
		if ((s->out & bit) && (fds[i].revents & OUT_SET))
			ready.out |= bit, n++;
		if ((s->ex & bit) && (fds[i].revents & EX_SET))
			ready.ex |= bit, n++;
	}
	*s = ready;
	return n;
}

/* Wait on the three sets until the deadline (0: none, 1: just look). */
static long
do_select(int n, uint64_t uin, uint64_t uout, uint64_t uex, uint64_t deadline)
{
	struct select_sets s;
	struct pollfd *fds = kmalloc(MAX_FDS * sizeof *fds);
	struct wait_entry *entries = kmalloc(MAX_FDS * sizeof *entries);
	int count;
	long ret;

	if (n < 0)
		ret = -EINVAL;
	else if (fds == NULL || entries == NULL)
		ret = -ENOMEM;
	else if ((ret = get_set(uin, n > MAX_FDS ? MAX_FDS : n, &s.in)) == 0 &&
		 (ret = get_set(uout, n > MAX_FDS ? MAX_FDS : n, &s.out)) == 0 &&
		 (ret = get_set(uex, n > MAX_FDS ? MAX_FDS : n, &s.ex)) == 0) {
		if (n > MAX_FDS)
			n = MAX_FDS;     /* no descriptor above the table's size (Linux clamps too) */
		if ((ret = sets_to_pollfds(&s, n, fds, &count)) == 0) {
			ret = do_poll(fds, count, entries, deadline);
			if (ret >= 0) {
				ret = pollfds_to_sets(&s, fds, count);
				if (put_set(uin, n, s.in) < 0 || put_set(uout, n, s.out) < 0 ||
				    put_set(uex, n, s.ex) < 0)
					ret = -EFAULT;
			}
		}
	}
	kfree(fds);
	kfree(entries);
	return ret;
}

/* What is left of the wait, as a timespec (ns = 1000 * usec for select's timeval). */
static struct timespec
time_left(uint64_t deadline)
{
	uint64_t now = clock_monotonic_ns(), left = deadline > now ? deadline - now : 0;
	return (struct timespec){ (long)(left / NSEC_PER_SEC), (long)(left % NSEC_PER_SEC) };
}

long
sys_select(int n, uint64_t uin, uint64_t uout, uint64_t uex, uint64_t utv)
{
	struct timeval tv;
	uint64_t deadline = 0;

	if (utv != 0) {
		if (copy_from_user(&tv, utv, sizeof tv) < 0)
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		struct timespec ts = { tv.tv_sec, tv.tv_usec * 1000 };
		deadline = clock_deadline_after(&ts);
	}
	long ret = do_select(n, uin, uout, uex, deadline);
	if (utv != 0 && deadline > 1) {              /* Linux updates the timeout */
		struct timespec left = time_left(deadline);
		tv = (struct timeval){ left.tv_sec, left.tv_nsec / 1000 };
		if (copy_to_user(utv, &tv, sizeof tv) < 0 && ret == -ERESTARTNOHAND)
			ret = -EINTR;            /* cannot restart without it */
	}
	return ret;
}

/* pselect6: a timespec, and the mask to wait with as {pointer, size} (glibc's way to pass 7 arguments in 6). */
long
sys_pselect6(int n, uint64_t uin, uint64_t uout, uint64_t uex, uint64_t uts, uint64_t usig)
{
	struct { uint64_t set; uint64_t size; } sig = { 0, 0 };
	uint64_t deadline;
	long err = timeout_from_user(uts, &deadline);

	if (err)
		return err;
	if (usig != 0 && copy_from_user(&sig, usig, sizeof sig) < 0)
		return -EFAULT;
	if ((err = signal_use_user_mask(sig.set, sig.size)) != 0)
		return err;
	long ret = do_select(n, uin, uout, uex, deadline);
	signal_end_temporary_mask(current_proc(), ret == -ERESTARTNOHAND);
	if (uts != 0 && deadline > 1) {
		struct timespec left = time_left(deadline);
		if (copy_to_user(uts, &left, sizeof left) < 0 && ret == -ERESTARTNOHAND)
			ret = -EINTR;
	}
	return ret;
}
