/*
 * timerfd.c - timerfd_create(2): a timer as a file. It becomes readable
 * when it expires; read(8 bytes) returns how many times it expired since
 * the last read. Armed timers are checked at every timer tick
 * (timerfd_tick); an interval timer's next expiry is computed from its
 * schedule, not from when the tick noticed it, so it does not drift.
 */
#include "clock.h"
#include "eventpoll.h"
#include "kheap.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "x86.h"

#define NSEC 1000000000ULL

struct timerfd {
	int clock;                   /* CLOCK_MONOTONIC or CLOCK_REALTIME */
	uint64_t deadline;           /* next expiry, CLOCK_MONOTONIC ns; 0 = disarmed */
	uint64_t interval;           /* ns, or 0 for one shot */
	uint64_t expirations;        /* since the last read */
	struct wait_queue wq;
	struct timerfd *next_armed;
	bool armed_listed;
};

static struct timerfd *armed;    /* every timer with a deadline */

static void
list_add(struct timerfd *t)
{
	if (t->armed_listed)
		return;
	t->next_armed = armed;
	armed = t;
	t->armed_listed = true;
}

static void
list_remove(struct timerfd *t)
{
	for (struct timerfd **link = &armed; *link != NULL; link = &(*link)->next_armed)
		if (*link == t) {
			*link = t->next_armed;
			t->armed_listed = false;
			return;
		}
}

/* Timer interrupt: count expiries, schedule the next, wake readers. */
void
timerfd_tick(uint64_t now)
{
	for (struct timerfd *t = armed, *next; t != NULL; t = next) {
		next = t->next_armed;
		if (t->deadline == 0 || now < t->deadline)
			continue;
		if (t->interval == 0) {
			t->expirations++;
			t->deadline = 0;
			list_remove(t);
		} else {
			uint64_t missed = (now - t->deadline) / t->interval;
			t->expirations += 1 + missed;
			t->deadline += (1 + missed) * t->interval;   /* on schedule: no drift */
		}
		wake_up(&t->wq);
	}
}

static uint64_t
ts_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * NSEC + (uint64_t)ts->tv_nsec;
}

static struct timespec
ns_ts(uint64_t ns)
{
	return (struct timespec){ (long)(ns / NSEC), (long)(ns % NSEC) };
}

static bool
expired(void *arg)
{
	return ((struct timerfd *)arg)->expirations > 0;
}

static long
timerfd_read(struct file *f, uint64_t ubuf, size_t n)
{
	struct timerfd *t = f->priv;

	if (n < 8)
		return -EINVAL;
	if (t->expirations == 0) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event(&t->wq, expired, t, 0) < 0)
			return -ERESTARTSYS;
	}
	bool irq = irq_save();
	uint64_t count = t->expirations;
	t->expirations = 0;
	irq_restore(irq);
	if (copy_to_user(ubuf, &count, 8) < 0)
		return -EFAULT;
	return 8;
}

static unsigned
timerfd_poll(struct file *f)
{
	return ((struct timerfd *)f->priv)->expirations > 0 ? EPOLLIN : 0;
}

static struct wait_queue *
timerfd_wait_queue(struct file *f)
{
	return &((struct timerfd *)f->priv)->wq;
}

static void
timerfd_release(struct file *f)
{
	bool irq = irq_save();
	list_remove(f->priv);
	irq_restore(irq);
	kfree(f->priv);
}

static const struct file_ops timerfd_ops = {
	.read = timerfd_read, .poll = timerfd_poll, .wait_queue = timerfd_wait_queue,
	.release = timerfd_release,
};

bool
file_is_timerfd(const struct file *f)
{
	return f->ops == &timerfd_ops;
}

int
timerfd_create_file(int clock, int flags, struct file **out)
{
	struct timerfd *t = kzalloc(sizeof *t);

	*out = t ? file_alloc(&timerfd_ops, O_RDWR | (flags & TFD_NONBLOCK)) : NULL;
	if (*out == NULL) {
		kfree(t);
		return -ENOMEM;
	}
	t->clock = clock;
	(*out)->priv = t;
	return 0;
}

void
timerfd_get(struct file *f, struct itimerspec *cur)
{
	struct timerfd *t = f->priv;
	uint64_t now = clock_monotonic_ns();
	uint64_t left = t->deadline > now ? t->deadline - now : (t->deadline ? 1 : 0);

	cur->it_interval = ns_ts(t->interval);
	cur->it_value = ns_ts(left);
}

int
timerfd_set(struct file *f, int flags, const struct itimerspec *new, struct itimerspec *old)
{
	struct timerfd *t = f->priv;

	if (new->it_value.tv_nsec < 0 || new->it_value.tv_nsec >= (long)NSEC ||
	    new->it_interval.tv_nsec < 0 || new->it_interval.tv_nsec >= (long)NSEC ||
	    new->it_value.tv_sec < 0 || new->it_interval.tv_sec < 0)
		return -EINVAL;
	timerfd_get(f, old);
	bool irq = irq_save();
	uint64_t now = clock_monotonic_ns(), value = ts_ns(&new->it_value);
	t->expirations = 0;
	t->interval = ts_ns(&new->it_interval);
	if (value == 0) {
		t->deadline = 0;             /* disarm */
		list_remove(t);
	} else {
		if (flags & TFD_TIMER_ABSTIME) {
			/* An absolute time on the timer's clock, converted to monotonic. */
			uint64_t offset = t->clock == CLOCK_REALTIME ? clock_realtime_ns() - now : 0;
			t->deadline = value > offset ? value - offset : 1;
		} else {
			t->deadline = now + value;
		}
		list_add(t);
	}
	irq_restore(irq);
	return 0;
}
