/*
 * sys_epoll.c - epoll, eventfd, timerfd, poll: argument checking with
 * Linux's errors. The machinery: fs/eventpoll.c, fs/eventfd.c,
 * fs/timerfd.c, fs/poll.c.
 */
#include "clock.h"
#include "cpu.h"
#include "eventpoll.h"
#include "memlayout.h"
#include "pmm.h"
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define POLL_MAX_FDS  (4096 / sizeof(struct wait_entry))

int do_poll(struct pollfd *fds, int nfds, struct wait_entry *entries, uint64_t deadline_ns);

static struct fd_table *
my_fds(void)
{
	return current_proc()->files;
}

/* Install a new file as the lowest free descriptor (or drop it on failure). */
static long
install(struct file *f, int cloexec)
{
	int fd = fd_install(my_fds(), f, 0, cloexec);
	if (fd < 0)
		file_put(f);
	return fd;
}

long
sys_epoll_create1(int flags)
{
	struct file *f;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	if (epoll_create_file(0, &f) < 0)
		return -ENOMEM;
	return install(f, flags & EPOLL_CLOEXEC);
}

/* epoll_create(size): size is ignored since Linux 2.6.8, but must be positive. */
long
sys_epoll_create(int size)
{
	return size <= 0 ? -EINVAL : sys_epoll_create1(0);
}

long
sys_epoll_ctl(int epfd, int op, int fd, uint64_t uevent)
{
	struct file *ep = fd_lookup(my_fds(), epfd), *target = fd_lookup(my_fds(), fd);
	struct epoll_event ev = { 0 };

	if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uevent, sizeof ev) < 0)
		return -EFAULT;
	if (ep == NULL || target == NULL)
		return -EBADF;
	if (!file_is_epoll(ep))
		return -EINVAL;
	return ep_ctl(ep, op, fd, target, &ev);
}

/* Milliseconds to a CLOCK_MONOTONIC deadline: -1 = none (0), 0 = just look (1). */
static uint64_t
ms_deadline(int timeout_ms)
{
	if (timeout_ms < 0)
		return 0;
	if (timeout_ms == 0)
		return 1;
	return clock_monotonic_ns() + (uint64_t)timeout_ms * 1000000ULL;
}

/*
 * At most EP_BATCH events per call, gathered on the kernel stack: fewer than
 * maxevents is allowed (the rest stay ready for the next call), and one
 * batch means a level-triggered item, which goes back on the ready list
 * when reported, cannot be reported twice in one call.
 */
#define EP_BATCH 32

long
sys_epoll_wait(int epfd, uint64_t uevents, int maxevents, int timeout)
{
	struct file *ep = fd_lookup(my_fds(), epfd);
	struct epoll_event batch[EP_BATCH];

	if (ep == NULL)
		return -EBADF;
	if (!file_is_epoll(ep) || maxevents <= 0)
		return -EINVAL;
	if (!user_range_ok(uevents, (size_t)maxevents * sizeof(struct epoll_event)))
		return -EFAULT;
	int n = ep_wait(ep, batch, maxevents < EP_BATCH ? maxevents : EP_BATCH, ms_deadline(timeout));
	if (n > 0 && copy_to_user(uevents, batch, (size_t)n * sizeof batch[0]) < 0)
		return -EFAULT;
	return n;
}

/*
 * epoll_pwait: epoll_wait with another signal mask while it waits (NULL:
 * the same as epoll_wait). A program blocks a signal everywhere but here,
 * so that its handler can only run while the loop waits.
 */
long
sys_epoll_pwait(int epfd, uint64_t uevents, int maxevents, int timeout, uint64_t sigmask,
		size_t sigsetsize)
{
	long err = signal_use_user_mask(sigmask, sigsetsize);

	if (err)
		return err;
	long n = sys_epoll_wait(epfd, uevents, maxevents, timeout);
	signal_end_temporary_mask(current_proc(), n == -EINTR);
	return n;
}

long
sys_eventfd2(unsigned initval, int flags)
{
	struct file *f;

	if (flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK))
		return -EINVAL;
	if (eventfd_create(initval, flags, &f) < 0)
		return -ENOMEM;
	return install(f, flags & EFD_CLOEXEC);
}

long
sys_eventfd(unsigned initval)
{
	return sys_eventfd2(initval, 0);
}

long
sys_timerfd_create(int clock, int flags)
{
	struct file *f;

	if (clock != CLOCK_MONOTONIC && clock != CLOCK_REALTIME && clock != CLOCK_BOOTTIME)
		return -EINVAL;
	if (flags & ~(TFD_CLOEXEC | TFD_NONBLOCK))
		return -EINVAL;
	if (timerfd_create_file(clock == CLOCK_REALTIME ? CLOCK_REALTIME : CLOCK_MONOTONIC,
				flags, &f) < 0)
		return -ENOMEM;
	return install(f, flags & TFD_CLOEXEC);
}

static struct file *
get_timerfd(int fd, long *err)
{
	struct file *f = fd_lookup(my_fds(), fd);

	*err = f == NULL ? -EBADF : !file_is_timerfd(f) ? -EINVAL : 0;
	return *err ? NULL : f;
}

long
sys_timerfd_settime(int fd, int flags, uint64_t unew, uint64_t uold)
{
	struct itimerspec new, old;
	long err;
	struct file *f = get_timerfd(fd, &err);

	if (f == NULL)
		return err;
	if (flags & ~TFD_TIMER_ABSTIME)
		return -EINVAL;
	if (copy_from_user(&new, unew, sizeof new) < 0)
		return -EFAULT;
	if ((err = timerfd_set(f, flags, &new, &old)) < 0)
		return err;
	return uold == 0 ? 0 : copy_to_user(uold, &old, sizeof old);
}

long
sys_timerfd_gettime(int fd, uint64_t ucur)
{
	struct itimerspec cur;
	long err;
	struct file *f = get_timerfd(fd, &err);

	if (f == NULL)
		return err;
	timerfd_get(f, &cur);
	return copy_to_user(ucur, &cur, sizeof cur);
}

static long
poll_common(uint64_t ufds, unsigned nfds, uint64_t deadline)
{
	if (nfds > POLL_MAX_FDS)
		return -EINVAL;
	uint64_t page = pmm_alloc(), page2 = pmm_alloc();
	if (page == 0 || page2 == 0) {
		if (page)
			pmm_free(page);
		if (page2)
			pmm_free(page2);
		return -ENOMEM;
	}
	struct pollfd *fds = phys_to_virt(page);
	long n = copy_from_user(fds, ufds, nfds * sizeof *fds);
	if (n == 0) {
		n = do_poll(fds, (int)nfds, phys_to_virt(page2), deadline);
		if (n >= 0 && copy_to_user(ufds, fds, nfds * sizeof *fds) < 0)
			n = -EFAULT;
	}
	pmm_free(page);
	pmm_free(page2);
	return n;
}

/*
 * poll cut short by a signal that ran no handler goes on through
 * restart_syscall, with the deadline it had (not a fresh timeout).
 */
static long
poll_with_restart(struct restart_block *rb)
{
	long n = poll_common(rb->poll.ufds, rb->poll.nfds, rb->deadline);

	if (n != -ERESTARTNOHAND)
		return n;
	rb->fn = poll_with_restart;
	current_proc()->restart = *rb;
	return -ERESTART_RESTARTBLOCK;
}

long
sys_poll(uint64_t ufds, unsigned nfds, int timeout_ms)
{
	struct restart_block rb = { .deadline = ms_deadline(timeout_ms),
				    .poll = { .ufds = ufds, .nfds = nfds } };

	return poll_with_restart(&rb);
}

/*
 * ppoll and pselect6 write the time left back into the caller's timespec
 * (a Linux habit programs may rely on); if they cannot, the call cannot
 * be restarted either.
 */
static long
write_time_left(uint64_t uts, uint64_t deadline, long ret)
{
	uint64_t now = clock_monotonic_ns();
	uint64_t left = deadline > now ? deadline - now : 0;
	struct timespec ts = { (long)(left / NSEC_PER_SEC), (long)(left % NSEC_PER_SEC) };

	if (uts == 0 || deadline <= 1)
		return ret;              /* no timeout, or a zero one: nothing to update */
	if (copy_to_user(uts, &ts, sizeof ts) < 0 && ret == -ERESTARTNOHAND)
		return -EINTR;
	return ret;
}

long
sys_ppoll(uint64_t ufds, unsigned nfds, uint64_t uts, uint64_t sigmask, size_t sigsetsize)
{
	uint64_t deadline;
	long err = timeout_from_user(uts, &deadline);

	if (err || (err = signal_use_user_mask(sigmask, sigsetsize)) != 0)
		return err;
	long n = poll_common(ufds, nfds, deadline);
	signal_end_temporary_mask(current_proc(), n == -ERESTARTNOHAND);
	return write_time_left(uts, deadline, n);
}
