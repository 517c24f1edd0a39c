/*
 * test_eventpoll.c - kernel/fs/eventpoll.c: the interest set and the ready
 * list of epoll instances, with fake pollable files.
 *
 * A fake file is a real struct file (kernel/fs/file.c) whose poll returns a
 * mask the test sets and whose wait queue belongs to the test; "an event
 * happens" is: set the mask, then wake_up() the queue, as a pipe or a tty
 * does. The wait queue functions are stubs/waitqueue.c (sched.c's, without
 * the scheduler); wait_event never sleeps, so ep_wait with a deadline
 * times out at once, and a deadline of 1 ("just look") never calls it.
 * irq_save/irq_restore come from stubs/x86.h (-iquote, this binary only),
 * which simulates the interrupt flag: every test checks that interrupts
 * are on again after each call and that poll() ran with them off.
 *
 * Every allocation is counted (stubs/kheap.c): each test ends with every
 * fake file closed, every fake wait queue empty and no live allocation.
 * The ready list is checked for consistency (linked items flagged on_ready,
 * the tail pointer on the last one) after every ep_wait.
 *
 * Tests marked BUG assert what Linux does and this kernel does not yet do.
 */
#include <limits.h>

#include "host_test.h"

#include "eventpoll.h"
#include "file.h"
#include "stubs.h"
#include "uapi/errno.h"
#include "waitqueue.h"

/* ---------------------------------------------------------------- fake files */

struct fake {
	struct file *f;              /* NULL once released */
	unsigned mask;               /* what poll() says now */
	struct wait_queue wq;
	int polls;
	int polls_irq_on;            /* poll() called with interrupts on */
	int released;
};

#define NFAKES 8
static struct fake fakes[NFAKES];

static unsigned
fake_poll(struct file *f)
{
	struct fake *k = f->priv;

	k->polls++;
	if (stub_irq_on)
		k->polls_irq_on++;
	return k->mask;
}

static struct wait_queue *
fake_wait_queue(struct file *f)
{
	return &((struct fake *)f->priv)->wq;
}

static void
fake_release(struct file *f)
{
	struct fake *k = f->priv;

	k->released++;
	k->f = NULL;
}

static const struct file_ops fake_ops = {
	.poll = fake_poll, .wait_queue = fake_wait_queue, .release = fake_release,
};
/* Not pollable: a regular file, and two half-pollable ones. */
static const struct file_ops plain_ops = { .seekable = true };
static const struct file_ops poll_only_ops = { .poll = fake_poll };
static const struct file_ops wq_only_ops = { .wait_queue = fake_wait_queue };

static struct fake *
new_fake(int i, unsigned mask)
{
	struct fake *k = &fakes[i];

	assert_null(k->f);
	*k = (struct fake){ .mask = mask };
	k->f = file_alloc(&fake_ops, O_RDWR);
	assert_non_null(k->f);
	k->f->priv = k;
	return k;
}

/* Something happens to k's file: its poll says mask from now on, and it
 * wakes its queue. */
static void
happen(struct fake *k, unsigned mask)
{
	k->mask = mask;
	wake_up(&k->wq);
	assert_true(stub_irq_on);
}

static int
wq_len(const struct wait_queue *wq)
{
	int n = 0;

	for (const struct wait_entry *e = wq->head; e != NULL; e = e->next)
		assert_true(++n < 1000);
	return n;
}

/* A test's own entry on a wait queue: counts its wake-ups. */
struct probe {
	struct wait_entry e;         /* first: the entry is the probe */
	int wakes;
};

static void
probe_wake(struct wait_entry *e)
{
	((struct probe *)e)->wakes++;
}

static void
probe_on(struct probe *p, struct wait_queue *wq)
{
	*p = (struct probe){ .e = { .wake = probe_wake } };
	wait_queue_add(wq, &p->e);
}

/* ---------------------------------------------------------------- epoll helpers */

static struct file *
new_epoll(void)
{
	struct file *epf = NULL;

	assert_int_equal(epoll_create_file(0, &epf), 0);
	assert_non_null(epf);
	return epf;
}

static struct eventpoll *
EP(struct file *epf)
{
	return epf->priv;
}

static int
ctl(struct file *epf, int op, int fd, struct file *target, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data = data };
	int r = ep_ctl(epf, op, fd, target, &ev);

	assert_true(stub_irq_on);
	return r;
}

/* Watch fake k (as descriptor fd); must succeed. */
static void
add(struct file *epf, struct fake *k, int fd, uint32_t events, uint64_t data)
{
	assert_int_equal(ctl(epf, EPOLL_CTL_ADD, fd, k->f, events, data), 0);
}

static void
mod(struct file *epf, struct fake *k, int fd, uint32_t events, uint64_t data)
{
	assert_int_equal(ctl(epf, EPOLL_CTL_MOD, fd, k->f, events, data), 0);
}

static void
del(struct file *epf, struct fake *k, int fd)
{
	assert_int_equal(ctl(epf, EPOLL_CTL_DEL, fd, k->f, 0, 0), 0);
}

/* The item watching k's file under fd. */
static struct epitem *
item_of(struct file *epf, struct fake *k, int fd)
{
	for (struct epitem *it = EP(epf)->items; it != NULL; it = it->next)
		if (it->file == k->f && it->fd == fd)
			return it;
	fail_msg("no item for fd %d", fd);
	return NULL;
}

static int
count_items(struct eventpoll *ep)
{
	int n = 0;

	for (struct epitem *it = ep->items; it != NULL; it = it->next)
		assert_true(++n < 1000);
	return n;
}

static int
count_file_items(struct file *f)
{
	int n = 0;

	for (struct epitem *it = f->epitems; it != NULL; it = it->file_next)
		assert_true(++n < 1000);
	return n;
}

/* The ready list: every linked item is flagged on_ready and in the interest
 * list, ready_tail is the last item's link, and no other item is flagged.
 * Returns its length. */
static int
check_ready_list(struct eventpoll *ep)
{
	struct epitem **tail = &ep->ready;
	int len = 0, flagged = 0;

	for (struct epitem *it = ep->ready; it != NULL; it = it->ready_next) {
		struct epitem *in = ep->items;
		while (in != NULL && in != it)
			in = in->next;
		if (in == NULL)
			fail_msg("ready item %d is not in the interest list", len);
		assert_true(it->on_ready);
		assert_ptr_equal(it->ep, ep);
		tail = &it->ready_next;
		if (++len > 1000)
			fail_msg("the ready list is a cycle");
	}
	assert_ptr_equal(ep->ready_tail, tail);
	for (struct epitem *it = ep->items; it != NULL; it = it->next)
		flagged += it->on_ready;
	assert_int_equal(flagged, len);
	return len;
}

/* ep_wait's output, with room after max for a guard. */
#define OUT_MAX 16
static struct epoll_event out[OUT_MAX + 8];

/* ep_wait(deadline 1) into out[0..max): never sleeps, writes nothing past
 * max, reports each data at most once. */
static int
look(struct file *epf, int max)
{
	int sleeps = stub_wait_event_calls;

	assert_true(max >= 0 && max <= OUT_MAX);
	memset(out, 0xa5, sizeof out);
	int n = ep_wait(epf, out, max, 1);
	assert_int_equal(stub_wait_event_calls, sleeps);
	assert_true(stub_irq_on);
	assert_true(n >= 0 && n <= max);
	for (size_t i = (size_t)n; i < ARRAY_SIZE(out); i++) {
		const uint8_t *b = (const uint8_t *)&out[i];
		for (size_t j = 0; j < sizeof out[i]; j++)
			if (b[j] != 0xa5)
				fail_msg("ep_wait returned %d but wrote out[%zu]", n, i);
	}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (out[i].data == out[j].data)
				fail_msg("data %#llx reported twice in one call",
					 (unsigned long long)out[i].data);
	check_ready_list(EP(epf));
	return n;
}

/* Index in out[0..n) of the event with this data, or -1. */
static int
find(int n, uint64_t data)
{
	for (int i = 0; i < n; i++)
		if (out[i].data == data)
			return i;
	return -1;
}

/* out[0..n) has data with exactly these events. */
static void
reported(int n, uint64_t data, uint32_t events)
{
	int i = find(n, data);

	if (i < 0)
		fail_msg("data %#llx not reported", (unsigned long long)data);
	if (out[i].events != events)
		fail_msg("data %#llx reported with events %#x, expected %#x",
			 (unsigned long long)data, out[i].events, events);
}

/* The next look reports exactly one event: data with events. */
static void
look_one(struct file *epf, uint64_t data, uint32_t events)
{
	int n = look(epf, OUT_MAX);

	if (n != 1)
		fail_msg("ep_wait returned %d events, expected 1 (data %#llx)", n,
			 (unsigned long long)data);
	reported(n, data, events);
}

/* The next look reports nothing, and leaves the ready list empty. */
static void
look_none(struct file *epf)
{
	int n = look(epf, OUT_MAX);

	if (n != 0)
		fail_msg("ep_wait returned %d events (first: data %#llx events %#x), expected none",
			 n, (unsigned long long)out[0].data, out[0].events);
	assert_null(EP(epf)->ready);
}

static int
setup(void **state)
{
	(void)state;
	stub_alloc_reset();
	stub_waitqueue_reset();
	memset(fakes, 0, sizeof fakes);
	return 0;
}

/* The end of every test: all closed, all unhooked, all freed. */
static void
finish(void)
{
	for (int i = 0; i < NFAKES; i++) {
		if (fakes[i].f != NULL)
			fail_msg("fake %d still open", i);
		if (fakes[i].wq.head != NULL)
			fail_msg("fake %d: %d entries left on its wait queue", i, wq_len(&fakes[i].wq));
		if (fakes[i].polls_irq_on != 0)
			fail_msg("fake %d polled %d times with interrupts on", i, fakes[i].polls_irq_on);
		assert_true(fakes[i].released <= 1);
	}
	assert_int_equal(stub_alloc_live, 0);
	assert_true(stub_irq_on);
	assert_int_equal(stub_wake_overflows, 0);
}

/* ---------------------------------------------------------------- creation */

static void
test_create(void **state)
{
	(void)state;
	struct file *epf = NULL, *nb = NULL, *other = NULL;

	assert_int_equal(epoll_create_file(0, &epf), 0);
	assert_non_null(epf);
	assert_int_equal(stub_alloc_live, 2);         /* the file and its eventpoll */
	assert_true(file_is_epoll(epf));
	assert_int_equal(epf->refs, 1);
	assert_int_equal(epf->flags, O_RDWR);
	struct eventpoll *ep = EP(epf);
	assert_non_null(ep);
	assert_null(ep->items);
	assert_null(ep->ready);
	assert_ptr_equal(ep->ready_tail, &ep->ready);
	assert_null(ep->waiters.head);
	assert_null(ep->poll_wq.head);
	assert_null(epf->epitems);
	/* An epoll file is pollable: nothing ready yet, its queue is poll_wq. */
	assert_non_null(epf->ops->poll);
	assert_int_equal(epf->ops->poll(epf), 0);
	assert_ptr_equal(epf->ops->wait_queue(epf), &ep->poll_wq);
	assert_int_equal(look(epf, OUT_MAX), 0);

	/* O_NONBLOCK is kept; other flags are not the file's. */
	assert_int_equal(epoll_create_file(O_NONBLOCK, &nb), 0);
	assert_int_equal(nb->flags, O_RDWR | O_NONBLOCK);
	assert_int_equal(epoll_create_file(EPOLL_CLOEXEC | O_WRONLY, &other), 0);
	assert_int_equal(other->flags, O_RDWR);
	assert_ptr_not_equal(EP(nb), EP(other));

	/* Other files are not epoll files. */
	struct fake *k = new_fake(0, 0);
	assert_false(file_is_epoll(k->f));

	file_put(k->f);
	file_put(other);
	file_put(nb);
	file_get(epf);
	file_put(epf);
	assert_int_equal(stub_alloc_live, 2);
	file_put(epf);
	finish();
}

static void
test_create_out_of_memory(void **state)
{
	(void)state;
	struct file *epf = (struct file *)&epf;      /* must be overwritten */

	stub_alloc_fail_at = 1;                      /* the eventpoll */
	assert_int_equal(epoll_create_file(0, &epf), -ENOMEM);
	assert_null(epf);
	assert_int_equal(stub_alloc_live, 0);

	stub_alloc_reset();
	epf = (struct file *)&epf;
	stub_alloc_fail_at = 2;                      /* the file */
	assert_int_equal(epoll_create_file(0, &epf), -ENOMEM);
	assert_null(epf);
	assert_int_equal(stub_alloc_live, 0);

	stub_alloc_reset();
	epf = new_epoll();
	file_put(epf);
	finish();
}

/* ---------------------------------------------------------------- epoll_ctl */

static void
test_add_ready_file_reported(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	struct fake *ready = new_fake(0, EPOLLIN), *idle = new_fake(1, 0);
	int live = stub_alloc_live;

	add(epf, ready, 3, EPOLLIN, 0x33);
	assert_int_equal(stub_alloc_live, live + 1);  /* one epitem */
	assert_int_equal(wq_len(&ready->wq), 1);
	assert_int_equal(count_file_items(ready->f), 1);
	assert_int_equal(check_ready_list(EP(epf)), 1);
	assert_true(EP(epf)->ready->on_ready);
	assert_ptr_equal(EP(epf)->ready->file, ready->f);
	assert_int_equal(EP(epf)->ready->fd, 3);

	/* Not ready when added: hooked, but not on the ready list. */
	add(epf, idle, 4, EPOLLIN, 0x44);
	assert_int_equal(wq_len(&idle->wq), 1);
	assert_int_equal(check_ready_list(EP(epf)), 1);
	assert_int_equal(count_items(EP(epf)), 2);

	look_one(epf, 0x33, EPOLLIN);

	file_put(epf);
	file_put(ready->f);
	file_put(idle->f);
	finish();
}

static void
test_ctl_errors(void **state)
{
	(void)state;
	static const int bad_ops[] = { 0, 4, 5, -1, INT_MIN, INT_MAX };
	struct file *epf = new_epoll();
	struct fake *k = new_fake(0, EPOLLIN), *other = new_fake(1, EPOLLIN);

	add(epf, k, 3, EPOLLIN, 0x1111);
	int live = stub_alloc_live;

	/* ADD twice: -EEXIST, and the first registration is untouched. */
	assert_int_equal(ctl(epf, EPOLL_CTL_ADD, 3, k->f, EPOLLOUT, 0x2222), -EEXIST);
	assert_int_equal(stub_alloc_live, live);
	assert_int_equal(count_items(EP(epf)), 1);
	assert_int_equal(wq_len(&k->wq), 1);
	look_one(epf, 0x1111, EPOLLIN);

	/* MOD/DEL of what is not there: -ENOENT - another file, or the same
	 * file under another descriptor. */
	assert_int_equal(ctl(epf, EPOLL_CTL_MOD, 3, other->f, EPOLLIN, 0x3333), -ENOENT);
	assert_int_equal(ctl(epf, EPOLL_CTL_DEL, 3, other->f, 0, 0), -ENOENT);
	assert_int_equal(ctl(epf, EPOLL_CTL_MOD, 4, k->f, EPOLLOUT, 0x3333), -ENOENT);
	assert_int_equal(ctl(epf, EPOLL_CTL_DEL, 4, k->f, 0, 0), -ENOENT);
	assert_null(other->wq.head);
	assert_null(other->f->epitems);

	/* An unknown op: -EINVAL, present item or not. */
	for (size_t i = 0; i < ARRAY_SIZE(bad_ops); i++) {
		if (ctl(epf, bad_ops[i], 3, k->f, EPOLLOUT, 0x4444) != -EINVAL)
			fail_msg("op %d on a watched file did not return -EINVAL", bad_ops[i]);
		if (ctl(epf, bad_ops[i], 5, other->f, EPOLLOUT, 0x4444) != -EINVAL)
			fail_msg("op %d on an unwatched file did not return -EINVAL", bad_ops[i]);
	}

	/* An epoll instance cannot watch itself: -EINVAL, whatever the op. */
	assert_int_equal(ctl(epf, EPOLL_CTL_ADD, 7, epf, EPOLLIN, 0x5555), -EINVAL);
	assert_int_equal(ctl(epf, EPOLL_CTL_MOD, 7, epf, EPOLLIN, 0x5555), -EINVAL);
	assert_int_equal(ctl(epf, EPOLL_CTL_DEL, 7, epf, 0, 0), -EINVAL);
	assert_null(EP(epf)->poll_wq.head);
	assert_null(epf->epitems);

	/* Files without poll or without a wait queue: -EPERM, whatever the op. */
	const struct file_ops *unpollable[] = { &plain_ops, &poll_only_ops, &wq_only_ops };
	for (size_t i = 0; i < ARRAY_SIZE(unpollable); i++) {
		struct file *f = file_alloc(unpollable[i], O_RDONLY);
		assert_non_null(f);
		f->priv = other;
		assert_int_equal(ctl(epf, EPOLL_CTL_ADD, 8, f, EPOLLIN, 0x6666), -EPERM);
		assert_int_equal(ctl(epf, EPOLL_CTL_MOD, 8, f, EPOLLIN, 0x6666), -EPERM);
		assert_int_equal(ctl(epf, EPOLL_CTL_DEL, 8, f, 0, 0), -EPERM);
		assert_null(f->epitems);
		file_put(f);
	}
	assert_int_equal(other->polls, 0);

	/* None of that changed anything. */
	assert_int_equal(stub_alloc_live, live);
	assert_int_equal(count_items(EP(epf)), 1);
	assert_int_equal(wq_len(&k->wq), 1);
	look_one(epf, 0x1111, EPOLLIN);

	file_put(epf);
	file_put(k->f);
	file_put(other->f);
	finish();
}

static void
test_add_out_of_memory(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	struct fake *k = new_fake(0, EPOLLIN);
	int live = stub_alloc_live;

	stub_alloc_fail_at = stub_alloc_calls + 1;
	assert_int_equal(ctl(epf, EPOLL_CTL_ADD, 3, k->f, EPOLLIN, 0x77), -ENOMEM);
	assert_int_equal(stub_alloc_live, live);
	assert_null(k->wq.head);
	assert_null(k->f->epitems);
	assert_null(EP(epf)->items);
	look_none(epf);
	assert_int_equal(ctl(epf, EPOLL_CTL_MOD, 3, k->f, EPOLLIN, 0x77), -ENOENT);

	/* And the next ADD works. */
	add(epf, k, 3, EPOLLIN, 0x77);
	look_one(epf, 0x77, EPOLLIN);

	file_put(k->f);
	file_put(epf);
	finish();
}

static void
test_same_file_under_two_fds(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	struct fake *k = new_fake(0, EPOLLIN | EPOLLOUT);

	/* (file, fd) is the key: a dup'ed descriptor is another item. */
	add(epf, k, 3, EPOLLIN, 0x3);
	add(epf, k, 4, EPOLLOUT, 0x4);
	assert_int_equal(count_items(EP(epf)), 2);
	assert_int_equal(count_file_items(k->f), 2);
	assert_int_equal(wq_len(&k->wq), 2);
	int n = look(epf, OUT_MAX);
	assert_int_equal(n, 2);
	reported(n, 0x3, EPOLLIN);
	reported(n, 0x4, EPOLLOUT);

	del(epf, k, 3);
	assert_int_equal(ctl(epf, EPOLL_CTL_MOD, 3, k->f, EPOLLIN, 0x3), -ENOENT);
	assert_int_equal(wq_len(&k->wq), 1);
	assert_int_equal(count_file_items(k->f), 1);
	look_one(epf, 0x4, EPOLLOUT);
	happen(k, EPOLLIN | EPOLLOUT);
	look_one(epf, 0x4, EPOLLOUT);

	file_put(epf);
	assert_null(k->f->epitems);
	file_put(k->f);
	finish();
}

/* ---------------------------------------------------------------- what is reported */

static void
test_data_returned_untouched(void **state)
{
	(void)state;
	static const uint64_t patterns[] = {
		0, 1, 0xffffffffffffffffULL, 0x8000000000000001ULL,
		0xdeadbeefcafef00dULL, 0x00000000ffffffffULL, 0xffffffff00000000ULL,
		0x0123456789abcdefULL,
	};
	struct file *epf = new_epoll();

	for (int i = 0; i < NFAKES; i++)
		add(epf, new_fake(i, EPOLLIN), 10 + i, EPOLLIN, patterns[i]);
	int n = look(epf, OUT_MAX);
	assert_int_equal(n, NFAKES);
	for (int i = 0; i < NFAKES; i++)
		reported(n, patterns[i], EPOLLIN);

	/* MOD replaces the data; the others keep theirs. */
	mod(epf, &fakes[2], 12, EPOLLIN, 0x5a5a5a5a5a5a5a5aULL);
	mod(epf, &fakes[3], 13, EPOLLIN, 0xfedcba9876543210ULL);
	n = look(epf, OUT_MAX);
	assert_int_equal(n, NFAKES);
	reported(n, 0x5a5a5a5a5a5a5a5aULL, EPOLLIN);
	reported(n, 0xfedcba9876543210ULL, EPOLLIN);
	assert_int_equal(find(n, 0xffffffffffffffffULL), -1);
	assert_int_equal(find(n, 0x8000000000000001ULL), -1);
	for (int i = 0; i < NFAKES; i++)
		if (i != 2 && i != 3)
			reported(n, patterns[i], EPOLLIN);
	del(epf, &fakes[0], 10);
	n = look(epf, OUT_MAX);
	assert_int_equal(n, NFAKES - 1);
	assert_int_equal(find(n, 0), -1);
	reported(n, 1, EPOLLIN);
	reported(n, 0x0123456789abcdefULL, EPOLLIN);

	file_put(epf);
	for (int i = 0; i < NFAKES; i++)
		file_put(fakes[i].f);
	finish();
}

/* events = poll mask & (requested | EPOLLERR | EPOLLHUP), never EPOLLET or
 * EPOLLONESHOT; whether the file was ready when added or became ready. */
static void
test_reported_events(void **state)
{
	(void)state;
	static const struct {
		uint32_t mask, requested, want;
	} cases[] = {
		{ EPOLLIN | EPOLLOUT, EPOLLIN, EPOLLIN },
		{ EPOLLIN | EPOLLOUT, EPOLLIN | EPOLLOUT, EPOLLIN | EPOLLOUT },
		{ EPOLLIN, EPOLLIN | EPOLLOUT | EPOLLPRI, EPOLLIN },
		{ EPOLLOUT, EPOLLIN, 0 },
		{ EPOLLERR, EPOLLIN, EPOLLERR },
		{ EPOLLHUP, EPOLLOUT, EPOLLHUP },
		{ EPOLLHUP, 0, EPOLLHUP },
		{ EPOLLIN, 0, 0 },
		{ EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLOUT | EPOLLPRI, EPOLLOUT,
		  EPOLLOUT | EPOLLERR | EPOLLHUP },
		{ EPOLLRDHUP | EPOLLIN, EPOLLRDHUP, EPOLLRDHUP },
		{ EPOLLPRI | EPOLLRDNORM | EPOLLWRNORM, EPOLLPRI | EPOLLRDNORM | EPOLLET,
		  EPOLLPRI | EPOLLRDNORM },
		{ 0xffffffffU, EPOLLIN | EPOLLET, EPOLLIN | EPOLLERR | EPOLLHUP },
		{ 0xffffffffU, EPOLLIN | EPOLLONESHOT, EPOLLIN | EPOLLERR | EPOLLHUP },
		{ 0xffffffffU, EPOLLOUT | EPOLLET | EPOLLONESHOT, EPOLLOUT | EPOLLERR | EPOLLHUP },
		{ 0xffffffffU, EPOLLET | EPOLLONESHOT, EPOLLERR | EPOLLHUP },
		{ 0xffffffffU, 0, EPOLLERR | EPOLLHUP },
		{ EPOLLET | EPOLLONESHOT, EPOLLIN | EPOLLET | EPOLLONESHOT, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		for (int when = 0; when < 2; when++) {      /* 0: ready at ADD, 1: woken */
			struct file *epf = new_epoll();
			struct fake *k = new_fake(0, when == 0 ? cases[i].mask : 0);
			uint64_t data = 0xc0de0000 + i;

			add(epf, k, 3, cases[i].requested, data);
			if (when == 1) {
				assert_null(EP(epf)->ready);
				happen(k, cases[i].mask);
			}
			int n = look(epf, OUT_MAX);
			if (n != (cases[i].want != 0))
				fail_msg("case %zu (%s): %d events, expected %d", i,
					 when ? "woken" : "ready at ADD", n, cases[i].want != 0);
			if (n == 1 && out[0].events != cases[i].want)
				fail_msg("case %zu (%s): mask %#x requested %#x: events %#x, expected %#x",
					 i, when ? "woken" : "ready at ADD", cases[i].mask,
					 cases[i].requested, out[0].events, cases[i].want);
			if (n == 1)
				assert_int_equal(out[0].data, data);
			/* Nothing to report: off the ready list. */
			if (n == 0)
				assert_null(EP(epf)->ready);
			file_put(k->f);
			file_put(epf);
		}
	}
	finish();
}

/* ---------------------------------------------------------------- triggering */

static void
test_level_triggered(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	struct fake *k = new_fake(0, EPOLLIN);

	add(epf, k, 3, EPOLLIN | EPOLLOUT, 0xaa);
	/* Reported by every look while ready, without any wake-up. */
	for (int i = 0; i < 5; i++) {
		look_one(epf, 0xaa, EPOLLIN);
		assert_int_equal(check_ready_list(EP(epf)), 1);
	}
	/* What is reported is what poll says at the look. */
	k->mask = EPOLLIN | EPOLLOUT;
	look_one(epf, 0xaa, EPOLLIN | EPOLLOUT);

	/* No longer ready: not reported, and off the ready list... */
	k->mask = 0;
	look_none(epf);
	assert_false(EP(epf)->items->on_ready);
	/* ...so becoming ready without a wake-up goes unnoticed (files must wake
	 * their queue), and a wake-up puts it back. */
	k->mask = EPOLLIN;
	look_none(epf);
	happen(k, EPOLLOUT);
	assert_int_equal(check_ready_list(EP(epf)), 1);
	look_one(epf, 0xaa, EPOLLOUT);
	look_one(epf, 0xaa, EPOLLOUT);

	/* A wake-up with nothing asked for: queued, then dropped at the look. */
	happen(k, EPOLLPRI);
	look_none(epf);
	look_none(epf);

	/* Many wake-ups: still one item on the list, one event per look. */
	happen(k, EPOLLIN);
	happen(k, EPOLLIN);
	happen(k, EPOLLIN);
	assert_int_equal(check_ready_list(EP(epf)), 1);
	look_one(epf, 0xaa, EPOLLIN);
	look_one(epf, 0xaa, EPOLLIN);

	file_put(k->f);
	look_none(epf);
	file_put(epf);
	finish();
}

static void
test_edge_triggered(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	struct fake *et = new_fake(0, EPOLLIN), *lt = new_fake(1, EPOLLIN);
	struct fake *later = new_fake(2, 0);

	add(epf, et, 3, EPOLLIN | EPOLLET, 0xe7);
	add(epf, lt, 4, EPOLLIN, 0x17);
	add(epf, later, 5, EPOLLIN | EPOLLOUT | EPOLLET, 0x1a7e);

	/* Ready when added: reported once; the level-triggered one every time. */
	int n = look(epf, OUT_MAX);
	assert_int_equal(n, 2);
	reported(n, 0xe7, EPOLLIN);
	reported(n, 0x17, EPOLLIN);
	for (int i = 0; i < 3; i++) {
		look_one(epf, 0x17, EPOLLIN);             /* et still ready, not reported */
		assert_false(item_of(epf, et, 3)->on_ready);
	}

	/* Once per wake-up. */
	happen(et, EPOLLIN);
	n = look(epf, OUT_MAX);
	assert_int_equal(n, 2);
	reported(n, 0xe7, EPOLLIN);
	look_one(epf, 0x17, EPOLLIN);

	/* Several wake-ups before a look: one event. */
	happen(et, EPOLLIN);
	happen(et, EPOLLIN | EPOLLOUT);
	happen(et, EPOLLIN);
	n = look(epf, OUT_MAX);
	assert_int_equal(n, 2);
	reported(n, 0xe7, EPOLLIN);
	look_one(epf, 0x17, EPOLLIN);

	/* A wake-up with nothing asked for: nothing, and nothing later. */
	happen(et, EPOLLOUT);
	look_one(epf, 0x17, EPOLLIN);
	look_one(epf, 0x17, EPOLLIN);

	/* Not ready when added: reported at its first wake-up, once. */
	happen(later, EPOLLOUT);
	n = look(epf, OUT_MAX);
	assert_int_equal(n, 2);
	reported(n, 0x1a7e, EPOLLOUT);
	look_one(epf, 0x17, EPOLLIN);
	happen(later, EPOLLIN | EPOLLOUT | EPOLLHUP);
	n = look(epf, OUT_MAX);
	assert_int_equal(n, 2);
	reported(n, 0x1a7e, EPOLLIN | EPOLLOUT | EPOLLHUP);

	file_put(lt->f);
	look_none(epf);
	happen(et, EPOLLIN);
	look_one(epf, 0xe7, EPOLLIN);
	look_none(epf);

	file_put(epf);
	file_put(et->f);
	file_put(later->f);
	finish();
}

static void
test_oneshot(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	struct fake *k = new_fake(0, EPOLLIN);
	struct probe waiter;

	probe_on(&waiter, &EP(epf)->waiters);
	add(epf, k, 3, EPOLLIN | EPOLLONESHOT, 0x1);
	assert_int_equal(waiter.wakes, 1);          /* added while ready: waiters woken */
	waiter.wakes = 0;
	look_one(epf, 0x1, EPOLLIN);
	/* Disarmed: not reported though still ready, nor after wake-ups, which
	 * queue nothing and wake nobody. */
	look_none(epf);
	for (int i = 0; i < 3; i++) {
		happen(k, EPOLLIN | EPOLLHUP);
		assert_null(EP(epf)->ready);
		look_none(epf);
	}
	assert_int_equal(waiter.wakes, 0);
	/* Still watched: ADD is -EEXIST, the entry is still on the queue. */
	assert_int_equal(ctl(epf, EPOLL_CTL_ADD, 3, k->f, EPOLLIN, 0x9), -EEXIST);
	assert_int_equal(wq_len(&k->wq), 1);
	assert_int_equal(count_items(EP(epf)), 1);

	/* MOD re-arms; ready: reported once more (with the new data). */
	mod(epf, k, 3, EPOLLIN | EPOLLONESHOT, 0x2);
	look_one(epf, 0x2, EPOLLIN | EPOLLHUP);
	look_none(epf);
	happen(k, EPOLLIN);
	look_none(epf);

	/* MOD while not ready: nothing, until a wake-up; then once. */
	k->mask = 0;
	mod(epf, k, 3, EPOLLIN | EPOLLONESHOT, 0x3);
	look_none(epf);
	happen(k, EPOLLIN);
	look_one(epf, 0x3, EPOLLIN);
	happen(k, EPOLLIN);
	look_none(epf);

	/* Woken, but not ready for what it asks by the look: not fired, so still
	 * armed. */
	k->mask = 0;
	mod(epf, k, 3, EPOLLIN | EPOLLONESHOT, 0x4);
	happen(k, EPOLLOUT);
	look_none(epf);
	happen(k, EPOLLIN);
	look_one(epf, 0x4, EPOLLIN);
	look_none(epf);

	/* EPOLLONESHOT | EPOLLET: the same. */
	mod(epf, k, 3, EPOLLIN | EPOLLONESHOT | EPOLLET, 0x5);
	look_one(epf, 0x5, EPOLLIN);
	happen(k, EPOLLIN);
	look_none(epf);

	/* MOD back to level-triggered: reported every time. */
	mod(epf, k, 3, EPOLLIN, 0x6);
	look_one(epf, 0x6, EPOLLIN);
	look_one(epf, 0x6, EPOLLIN);

	wait_queue_remove(&EP(epf)->waiters, &waiter.e);
	file_put(epf);
	file_put(k->f);
	finish();
}

static void
test_mod(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	struct fake *k = new_fake(0, EPOLLOUT);
	struct probe waiter;

	probe_on(&waiter, &EP(epf)->waiters);
	add(epf, k, 3, EPOLLIN, 0x10);
	look_none(epf);

	/* A ready item that is not on the ready list (it was never woken): MOD
	 * to what it is ready for puts it there and wakes the waiters. */
	mod(epf, k, 3, EPOLLIN | EPOLLOUT, 0x11);
	assert_int_equal(waiter.wakes, 1);
	assert_int_equal(check_ready_list(EP(epf)), 1);
	look_one(epf, 0x11, EPOLLOUT);
	look_one(epf, 0x11, EPOLLOUT);

	/* MOD to something not ready: wakes nobody; the item on the list is
	 * dropped at the next look. */
	mod(epf, k, 3, EPOLLIN, 0x12);
	assert_int_equal(waiter.wakes, 1);
	look_none(epf);

	/* A fallen-off level-triggered item: MOD makes it reported again. */
	happen(k, EPOLLIN);
	assert_int_equal(waiter.wakes, 2);
	look_one(epf, 0x12, EPOLLIN);
	k->mask = 0;
	look_none(epf);
	k->mask = EPOLLIN;
	look_none(epf);
	mod(epf, k, 3, EPOLLIN, 0x13);
	assert_int_equal(waiter.wakes, 3);
	look_one(epf, 0x13, EPOLLIN);

	/* MOD to edge-triggered of a ready item: reported once. */
	mod(epf, k, 3, EPOLLIN | EPOLLET, 0x14);
	look_one(epf, 0x14, EPOLLIN);
	look_none(epf);

	/* MOD on a queued item: queued once, not twice. */
	happen(k, EPOLLIN);
	mod(epf, k, 3, EPOLLIN, 0x15);
	assert_int_equal(check_ready_list(EP(epf)), 1);
	look_one(epf, 0x15, EPOLLIN);

	wait_queue_remove(&EP(epf)->waiters, &waiter.e);
	file_put(epf);
	file_put(k->f);
	finish();
}

/* ---------------------------------------------------------------- max events */

static void
test_max_events_fair(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	int count[5] = { 0 };

	for (int i = 0; i < 5; i++)
		add(epf, new_fake(i, EPOLLIN), 10 + i, EPOLLIN, 0x100 + i);

	/* max 2: two distinct per call, round robin: after each call no item
	 * is reported more than once more than another. */
	for (int call = 1; call <= 10; call++) {
		int n = look(epf, 2);
		assert_int_equal(n, 2);
		for (int j = 0; j < n; j++) {
			int i = (int)(out[j].data - 0x100);
			assert_true(i >= 0 && i < 5);
			assert_int_equal(out[j].events, EPOLLIN);
			count[i]++;
		}
		int lo = INT_MAX, hi = 0;
		for (int i = 0; i < 5; i++) {
			lo = count[i] < lo ? count[i] : lo;
			hi = count[i] > hi ? count[i] : hi;
		}
		if (hi - lo > 1)
			fail_msg("after %d calls of 2: counts %d %d %d %d %d", call, count[0],
				 count[1], count[2], count[3], count[4]);
		if (call == 3 && lo == 0)
			fail_msg("3 calls of 2 did not report all 5 items");
		assert_int_equal(check_ready_list(EP(epf)), 5);
	}
	for (int i = 0; i < 5; i++)
		assert_int_equal(count[i], 4);

	/* max 1: each in turn. */
	memset(count, 0, sizeof count);
	for (int call = 0; call < 5; call++) {
		assert_int_equal(look(epf, 1), 1);
		count[out[0].data - 0x100]++;
	}
	for (int i = 0; i < 5; i++)
		assert_int_equal(count[i], 1);

	/* max at or above the number ready: each once. */
	assert_int_equal(look(epf, 5), 5);
	assert_int_equal(look(epf, OUT_MAX), 5);
	/* max 0: nothing, nothing lost. */
	assert_int_equal(look(epf, 0), 0);
	assert_int_equal(check_ready_list(EP(epf)), 5);

	/* Two not ready any more: dropped on the way, the other three fill max. */
	fakes[1].mask = 0;
	fakes[3].mask = 0;
	int n = look(epf, 3);
	assert_int_equal(n, 3);
	reported(n, 0x100, EPOLLIN);
	reported(n, 0x102, EPOLLIN);
	reported(n, 0x104, EPOLLIN);
	assert_int_equal(look(epf, OUT_MAX), 3);
	assert_int_equal(check_ready_list(EP(epf)), 3);
	assert_false(item_of(epf, &fakes[1], 11)->on_ready);
	assert_false(item_of(epf, &fakes[3], 13)->on_ready);

	file_put(epf);
	for (int i = 0; i < 5; i++)
		file_put(fakes[i].f);
	finish();
}

static void
test_max_events_edge_items_once(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	int count[6] = { 0 };

	/* 0-2 edge-triggered, 3-5 level-triggered, all ready. */
	for (int i = 0; i < 6; i++)
		add(epf, new_fake(i, EPOLLIN), 10 + i, EPOLLIN | (i < 3 ? EPOLLET : 0), 0x200 + i);
	for (int call = 0; call < 9; call++) {
		int n = look(epf, 2);
		assert_int_equal(n, 2);
		for (int j = 0; j < n; j++)
			count[out[j].data - 0x200]++;
	}
	for (int i = 0; i < 3; i++)
		assert_int_equal(count[i], 1);       /* once, however long it waited */
	assert_int_equal(count[3] + count[4] + count[5], 15);
	for (int i = 3; i < 6; i++)
		assert_true(count[i] >= 4 && count[i] <= 6);
	assert_int_equal(check_ready_list(EP(epf)), 3);

	file_put(epf);
	for (int i = 0; i < 6; i++)
		file_put(fakes[i].f);
	finish();
}

/* ---------------------------------------------------------------- EPOLL_CTL_DEL */

static void
test_del(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	struct fake *k = new_fake(0, EPOLLIN), *other = new_fake(1, 0);
	struct probe waiter, poller;

	add(epf, other, 4, EPOLLIN, 0x4);
	int live = stub_alloc_live;
	add(epf, k, 3, EPOLLIN, 0x3);
	assert_int_equal(check_ready_list(EP(epf)), 1);

	/* DEL of a queued item: off the ready list, the file's queue and list,
	 * the interest list; freed. */
	del(epf, k, 3);
	assert_int_equal(stub_alloc_live, live);
	assert_null(k->wq.head);
	assert_null(k->f->epitems);
	assert_int_equal(count_items(EP(epf)), 1);
	assert_null(EP(epf)->ready);
	assert_int_equal(check_ready_list(EP(epf)), 0);
	look_none(epf);

	/* A later wake-up of the file reaches nobody. */
	probe_on(&waiter, &EP(epf)->waiters);
	probe_on(&poller, &EP(epf)->poll_wq);
	happen(k, EPOLLIN);
	assert_null(EP(epf)->ready);
	assert_int_equal(waiter.wakes, 0);
	assert_int_equal(poller.wakes, 0);
	look_none(epf);
	assert_int_equal(ctl(epf, EPOLL_CTL_DEL, 3, k->f, 0, 0), -ENOENT);

	/* ADD again: a new item, reported. */
	add(epf, k, 3, EPOLLIN, 0x33);
	look_one(epf, 0x33, EPOLLIN);
	/* DEL of an item that is not queued. */
	del(epf, other, 4);
	assert_null(other->wq.head);
	look_one(epf, 0x33, EPOLLIN);
	del(epf, k, 3);
	assert_null(EP(epf)->items);
	look_none(epf);

	wait_queue_remove(&EP(epf)->waiters, &waiter.e);
	wait_queue_remove(&EP(epf)->poll_wq, &poller.e);
	file_put(epf);
	file_put(k->f);
	file_put(other->f);
	finish();
}

/* The item on the ready list at position pos (0 = head, -1 = tail). */
static struct epitem *
ready_at(struct eventpoll *ep, int pos)
{
	struct epitem *it = ep->ready, *last = NULL;

	for (int i = 0; it != NULL; it = it->ready_next, i++) {
		if (i == pos)
			return it;
		last = it;
	}
	assert_true(pos == -1 && last != NULL);
	return last;
}

static struct fake *
fake_of(struct epitem *it)
{
	return it->file->priv;
}

/* Removing the head, the tail, a middle item of the ready list keeps it
 * whole: later additions are still found. */
static void
test_del_from_every_ready_position(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	struct eventpoll *ep = EP(epf);

	for (int i = 0; i < 5; i++)
		add(epf, new_fake(i, EPOLLIN), 10 + i, EPOLLIN, 0x300 + i);
	struct fake *late = new_fake(5, 0), *late2 = new_fake(6, 0);
	add(epf, late, 15, EPOLLIN, 0x305);
	add(epf, late2, 16, EPOLLIN, 0x306);
	assert_int_equal(check_ready_list(ep), 5);

	/* The tail, then a wake-up: the new item must be linked in. */
	struct epitem *it = ready_at(ep, -1);
	uint64_t gone_tail = it->data;
	del(epf, fake_of(it), it->fd);
	assert_int_equal(check_ready_list(ep), 4);
	happen(late, EPOLLIN);
	assert_int_equal(check_ready_list(ep), 5);
	assert_ptr_equal(ready_at(ep, -1)->file, late->f);

	/* The head, then a middle one. */
	it = ready_at(ep, 0);
	uint64_t gone_head = it->data;
	del(epf, fake_of(it), it->fd);
	it = ready_at(ep, 1);
	uint64_t gone_mid = it->data;
	del(epf, fake_of(it), it->fd);
	assert_int_equal(check_ready_list(ep), 3);
	happen(late2, EPOLLIN);
	assert_int_equal(check_ready_list(ep), 4);

	int n = look(epf, OUT_MAX);
	assert_int_equal(n, 4);
	assert_int_equal(find(n, gone_tail), -1);
	assert_int_equal(find(n, gone_head), -1);
	assert_int_equal(find(n, gone_mid), -1);
	reported(n, 0x305, EPOLLIN);
	reported(n, 0x306, EPOLLIN);

	/* Delete the rest from the tail end; empty; then add a ready one. */
	while (ep->ready != NULL) {
		it = ready_at(ep, -1);
		del(epf, fake_of(it), it->fd);
		check_ready_list(ep);
	}
	assert_null(ep->items);
	assert_ptr_equal(ep->ready_tail, &ep->ready);
	add(epf, late, 15, EPOLLIN, 0x3050);
	look_one(epf, 0x3050, EPOLLIN);

	file_put(epf);
	for (int i = 0; i < 7; i++)
		file_put(fakes[i].f);
	finish();
}

/* ---------------------------------------------------------------- closing */

static void
test_closing_watched_file_leaves_every_instance(void **state)
{
	(void)state;
	struct file *e1 = new_epoll(), *e2 = new_epoll();
	struct fake *f = new_fake(0, EPOLLIN), *g = new_fake(1, EPOLLIN), *h = new_fake(2, 0);

	add(e1, f, 3, EPOLLIN, 0xf1);
	add(e1, g, 4, EPOLLIN, 0x61);
	add(e2, h, 5, EPOLLIN, 0x52);
	add(e2, f, 7, EPOLLIN | EPOLLET, 0xf2);
	add(e2, f, 8, EPOLLIN, 0xf3);                 /* and under a second fd */
	assert_int_equal(wq_len(&f->wq), 3);
	assert_int_equal(count_file_items(f->f), 3);
	int live = stub_alloc_live;

	/* Not the last reference: nothing changes. */
	file_get(f->f);
	file_put(f->f);
	assert_int_equal(f->released, 0);
	assert_int_equal(wq_len(&f->wq), 3);
	assert_int_equal(check_ready_list(EP(e1)), 2);
	assert_int_equal(check_ready_list(EP(e2)), 2);

	/* The last one: out of both instances (ready lists included), off its
	 * queue, the items freed; the other items stay. */
	file_put(f->f);
	assert_int_equal(f->released, 1);
	assert_null(f->wq.head);
	assert_int_equal(stub_alloc_live, live - 1 - 3);   /* the file and its 3 items */
	assert_int_equal(count_items(EP(e1)), 1);
	assert_int_equal(count_items(EP(e2)), 1);
	assert_int_equal(check_ready_list(EP(e1)), 1);
	assert_int_equal(check_ready_list(EP(e2)), 0);
	look_one(e1, 0x61, EPOLLIN);
	look_none(e2);
	happen(h, EPOLLIN);
	look_one(e2, 0x52, EPOLLIN);

	file_put(g->f);
	assert_null(EP(e1)->items);
	look_none(e1);
	file_put(e1);
	file_put(e2);                                  /* h is still watched */
	assert_null(h->wq.head);
	assert_null(h->f->epitems);
	file_put(h->f);
	finish();
}

static void
test_closing_epoll_unhooks_its_items(void **state)
{
	(void)state;
	struct file *epf = new_epoll(), *e2 = new_epoll();
	struct fake *a = new_fake(0, EPOLLIN), *b = new_fake(1, 0), *c = new_fake(2, EPOLLIN);

	add(epf, a, 3, EPOLLIN, 0xa);
	add(epf, b, 4, EPOLLIN, 0xb);
	add(epf, c, 5, EPOLLIN | EPOLLET, 0xc);
	add(epf, c, 6, EPOLLIN | EPOLLONESHOT, 0xc6);
	add(e2, a, 3, EPOLLIN, 0xa2);
	look(epf, OUT_MAX);                           /* c's items off the list */
	int live = stub_alloc_live;

	file_get(epf);
	file_put(epf);
	assert_int_equal(stub_alloc_live, live);
	assert_int_equal(count_items(EP(epf)), 4);

	/* The last reference: its items are freed and unhooked from the files'
	 * queues and item lists; e2's item on a stays. */
	file_put(epf);
	assert_int_equal(stub_alloc_live, live - 2 - 4);
	assert_int_equal(wq_len(&a->wq), 1);
	assert_null(b->wq.head);
	assert_null(c->wq.head);
	assert_int_equal(count_file_items(a->f), 1);
	assert_ptr_equal(a->f->epitems->ep, EP(e2));
	assert_null(b->f->epitems);
	assert_null(c->f->epitems);

	/* The files live on; wake-ups reach only e2. */
	happen(a, EPOLLIN);
	happen(b, EPOLLIN);
	happen(c, EPOLLIN);
	look_one(e2, 0xa2, EPOLLIN);
	file_put(b->f);
	file_put(c->f);
	assert_int_equal(b->released + c->released, 2);
	file_put(a->f);
	assert_null(EP(e2)->items);
	look_none(e2);
	file_put(e2);
	finish();
}

/* ---------------------------------------------------------------- waiting */

static struct fake *hook_fake;
static unsigned hook_mask;

static void
event_while_asleep(void)
{
	happen(hook_fake, hook_mask);
}

static void
test_wait_sleeps_on_waiters(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	struct fake *k = new_fake(0, 0);
	struct epoll_event ev[4];

	add(epf, k, 3, EPOLLIN, 0x99);

	/* Deadline 1: a look, no sleep. */
	assert_int_equal(ep_wait(epf, ev, 4, 1), 0);
	assert_int_equal(stub_wait_event_calls, 0);

	/* A deadline: sleeps on the instance's waiters, with that deadline;
	 * the stub times out at once. */
	assert_int_equal(ep_wait(epf, ev, 4, 123456789), 0);
	assert_int_equal(stub_wait_event_calls, 1);
	assert_ptr_equal(stub_wait_event_wq, &EP(epf)->waiters);
	assert_int_equal(stub_wait_event_deadline, 123456789);
	assert_true(stub_irq_on);

	/* No deadline; the file becomes ready during the sleep: reported. */
	hook_fake = k;
	hook_mask = EPOLLIN;
	stub_wait_event_hook = event_while_asleep;
	assert_int_equal(ep_wait(epf, ev, 4, 0), 1);
	assert_int_equal(stub_wait_event_calls, 2);
	assert_int_equal(stub_wait_event_deadline, 0);
	assert_int_equal(ev[0].events, EPOLLIN);
	assert_int_equal(ev[0].data, 0x99);

	/* Ready: no sleep at all. */
	assert_int_equal(ep_wait(epf, ev, 4, 0), 1);
	assert_int_equal(stub_wait_event_calls, 2);

	/* Woken for nothing it asked: sleeps again (and then times out). */
	k->mask = 0;
	assert_int_equal(ep_wait(epf, ev, 4, 1), 0);
	hook_mask = EPOLLOUT;
	stub_wait_event_hook = event_while_asleep;
	assert_int_equal(ep_wait(epf, ev, 4, 0), 0);
	assert_int_equal(stub_wait_event_calls, 4);
	assert_null(EP(epf)->ready);

	/* A signal: -EINTR comes back. */
	stub_wait_event_ret = -EINTR;
	assert_int_equal(ep_wait(epf, ev, 4, 0), -EINTR);
	assert_true(stub_irq_on);

	file_put(k->f);
	file_put(epf);
	finish();
}

static void
test_wake_wakes_waiters_and_pollers(void **state)
{
	(void)state;
	struct file *epf = new_epoll();
	struct fake *k = new_fake(0, 0), *shot = new_fake(1, 0);
	struct probe waiter, poller;

	add(epf, k, 3, EPOLLIN, 0x1);
	add(epf, shot, 4, EPOLLIN | EPOLLONESHOT, 0x2);
	probe_on(&waiter, &EP(epf)->waiters);
	probe_on(&poller, &EP(epf)->poll_wq);

	happen(k, EPOLLIN);
	assert_int_equal(waiter.wakes, 1);
	assert_int_equal(poller.wakes, 1);
	happen(k, EPOLLIN);                           /* already queued: woken all the same */
	assert_int_equal(waiter.wakes, 2);
	assert_int_equal(poller.wakes, 2);

	/* A one-shot item wakes them once; disarmed, it wakes nobody. */
	happen(shot, EPOLLIN);
	assert_int_equal(waiter.wakes, 3);
	int n = look(epf, OUT_MAX);
	assert_int_equal(n, 2);
	happen(shot, EPOLLIN);
	assert_int_equal(waiter.wakes, 3);
	assert_int_equal(poller.wakes, 3);

	/* ep_wait itself wakes nobody. */
	look_one(epf, 0x1, EPOLLIN);
	assert_int_equal(waiter.wakes, 3);
	assert_int_equal(poller.wakes, 3);

	wait_queue_remove(&EP(epf)->waiters, &waiter.e);
	wait_queue_remove(&EP(epf)->poll_wq, &poller.e);
	file_put(epf);
	file_put(k->f);
	file_put(shot->f);
	finish();
}

/* ---------------------------------------------------------------- nesting */

static void
test_nested_epoll(void **state)
{
	(void)state;
	struct file *inner = new_epoll(), *outer = new_epoll();
	struct fake *a = new_fake(0, 0);
	struct wait_queue *inner_wq = inner->ops->wait_queue(inner);
	struct probe poller;

	add(inner, a, 3, EPOLLIN, 0xa);
	assert_int_equal(ctl(outer, EPOLL_CTL_ADD, 4, inner, EPOLLIN, 0x1ee7), 0);
	assert_int_equal(wq_len(inner_wq), 1);       /* outer's item */
	assert_int_equal(count_file_items(inner), 1);
	probe_on(&poller, inner_wq);
	assert_int_equal(inner->ops->poll(inner), 0);
	look_none(outer);

	/* A wakes inner's poll queue: outer's item and the probe. */
	happen(a, EPOLLIN);
	assert_int_equal(poller.wakes, 1);
	assert_int_equal(inner->ops->poll(inner), EPOLLIN);
	look_one(outer, 0x1ee7, EPOLLIN);
	look_one(outer, 0x1ee7, EPOLLIN);            /* level-triggered: still */
	look_one(inner, 0xa, EPOLLIN);

	/* A drained; inner's look drops it; inner not ready; outer drops it. */
	a->mask = 0;
	look_none(inner);
	assert_int_equal(inner->ops->poll(inner), 0);
	look_none(outer);
	happen(a, EPOLLIN);
	assert_int_equal(poller.wakes, 2);
	look_one(outer, 0x1ee7, EPOLLIN);

	/* Outer asks only for EPOLLOUT: an epoll file is never writable. */
	assert_int_equal(ctl(outer, EPOLL_CTL_MOD, 4, inner, EPOLLOUT, 0x07), 0);
	look_none(outer);
	assert_int_equal(ctl(outer, EPOLL_CTL_MOD, 4, inner, EPOLLIN | EPOLLET, 0xe7), 0);
	look_one(outer, 0xe7, EPOLLIN);
	look_none(outer);
	happen(a, EPOLLIN);
	look_one(outer, 0xe7, EPOLLIN);

	/* Closing inner (its last reference) takes it out of outer, then its
	 * own items out of A's queue. */
	wait_queue_remove(inner_wq, &poller.e);
	file_put(inner);
	assert_null(EP(outer)->items);
	assert_null(a->wq.head);
	assert_null(a->f->epitems);
	look_none(outer);
	happen(a, EPOLLIN);
	look_none(outer);

	file_put(outer);
	file_put(a->f);
	finish();
}

static void
test_nested_close_outer_first(void **state)
{
	(void)state;
	struct file *inner = new_epoll(), *outer = new_epoll();
	struct fake *a = new_fake(0, EPOLLIN);
	struct wait_queue *inner_wq = inner->ops->wait_queue(inner);

	add(inner, a, 3, EPOLLIN, 0xa);
	assert_int_equal(ctl(outer, EPOLL_CTL_ADD, 4, inner, EPOLLIN, 0x4), 0);
	look_one(outer, 0x4, EPOLLIN);               /* inner was ready at ADD */

	file_put(outer);
	assert_null(inner_wq->head);
	assert_null(inner->epitems);
	happen(a, EPOLLIN);                          /* wakes inner's empty poll queue */
	look_one(inner, 0xa, EPOLLIN);

	file_put(a->f);
	assert_null(EP(inner)->items);
	look_none(inner);
	file_put(inner);
	finish();
}

/* ---------------------------------------------------------------- BUG */

/*
 * BUG: ep_ctl(EPOLL_CTL_ADD) of a file that is already ready puts the item on
 * the ready list (item_add) but wakes neither ep->poll_wq nor ep->waiters.
 * So an epoll instance watching this one is never told it became readable:
 * below, outer's epoll_wait reports nothing although inner's poll() says
 * EPOLLIN, until some later wake-up of A. (A task already asleep in
 * epoll_wait on inner - e.g. a parent sharing the epoll fd with the child
 * that does the ADD - is not woken either.) Linux's ep_insert wakes both
 * ep->wq and ep->poll_wait when the new item is ready.
 */
static void
test_bug_add_of_ready_file_wakes_nested_and_waiters(void **state)
{
	(void)state;
	struct file *inner = new_epoll(), *outer = new_epoll();
	struct fake *a = new_fake(0, EPOLLIN);
	struct probe waiter, poller;

	assert_int_equal(ctl(outer, EPOLL_CTL_ADD, 4, inner, EPOLLIN, 0x4), 0);
	probe_on(&waiter, &EP(inner)->waiters);
	probe_on(&poller, &EP(inner)->poll_wq);
	add(inner, a, 3, EPOLLIN, 0xa);              /* A already readable */
	assert_int_equal(inner->ops->poll(inner), EPOLLIN);
	int n = look(outer, OUT_MAX);
	int woke_waiter = waiter.wakes, woke_poller = poller.wakes;

	wait_queue_remove(&EP(inner)->waiters, &waiter.e);
	wait_queue_remove(&EP(inner)->poll_wq, &poller.e);
	file_put(outer);
	file_put(inner);
	file_put(a->f);
	finish();

	if (n != 1 || woke_poller == 0 || woke_waiter == 0)
		fail_msg("BUG: ADD of a ready file: outer epoll reported %d events (want 1), "
			 "inner's poll queue woken %d times, its waiters %d times (want >= 1)",
			 n, woke_poller, woke_waiter);
}

/*
 * BUG: ep_ctl(EPOLL_CTL_MOD) that makes an item ready wakes ep->waiters but
 * not ep->poll_wq, so an outer epoll misses it: inner watches A for
 * EPOLLOUT while A is readable; MOD to EPOLLIN makes inner readable, but
 * outer's epoll_wait reports nothing. Linux's ep_modify wakes ep->poll_wait
 * too. (The same path re-arms EPOLLONESHOT items, which are missed alike.)
 */
static void
test_bug_mod_to_ready_wakes_nested(void **state)
{
	(void)state;
	struct file *inner = new_epoll(), *outer = new_epoll();
	struct fake *a = new_fake(0, EPOLLIN);
	struct probe poller;

	add(inner, a, 3, EPOLLOUT, 0xa);
	assert_int_equal(ctl(outer, EPOLL_CTL_ADD, 4, inner, EPOLLIN, 0x4), 0);
	look_none(outer);
	probe_on(&poller, &EP(inner)->poll_wq);
	mod(inner, a, 3, EPOLLIN, 0xa);
	assert_int_equal(inner->ops->poll(inner), EPOLLIN);
	int n = look(outer, OUT_MAX);
	int woke_poller = poller.wakes;

	wait_queue_remove(&EP(inner)->poll_wq, &poller.e);
	file_put(outer);
	file_put(inner);
	file_put(a->f);
	finish();

	if (n != 1 || woke_poller == 0)
		fail_msg("BUG: MOD making an item ready: outer epoll reported %d events (want 1), "
			 "inner's poll queue woken %d times (want >= 1)", n, woke_poller);
}

/*
 * BUG: ep_ctl accepts a cycle of epoll instances (A watches B, B watches A):
 * it only refuses an instance watching itself. The next wake-up of any
 * file A watches then recurses without end - ep_item_wake wakes A's
 * poll_wq, whose entry (B's item) wakes B's poll_wq, whose entry (A's item)
 * wakes A's poll_wq... - a kernel stack overflow any process can cause.
 * Linux refuses the ADD that closes a loop with -ELOOP (and nesting deeper
 * than 4). Here stubs/waitqueue.c stops the recursion at
 * STUB_WAKE_MAX_DEPTH and counts it, so the test fails instead of crashing.
 */
static void
test_bug_epoll_cycle_refused(void **state)
{
	(void)state;
	struct file *ea = new_epoll(), *eb = new_epoll();
	struct fake *f = new_fake(0, 0);

	add(ea, f, 3, EPOLLIN, 0xf);
	assert_int_equal(ctl(ea, EPOLL_CTL_ADD, 4, eb, EPOLLIN, 0xb), 0);
	int r = ctl(eb, EPOLL_CTL_ADD, 5, ea, EPOLLIN, 0xa);   /* closes the loop */
	happen(f, EPOLLIN);
	int overflows = stub_wake_overflows;

	if (r == 0)
		assert_int_equal(ctl(eb, EPOLL_CTL_DEL, 5, ea, 0, 0), 0);
	file_put(eb);
	file_put(ea);
	file_put(f->f);
	stub_wake_overflows = 0;
	finish();

	if (r == 0 || overflows != 0)
		fail_msg("BUG: a cycle of epoll instances was accepted (ep_ctl returned %d, Linux "
			 "gives -ELOOP); one wake-up then recursed past depth %d (%d overflows)",
			 r, STUB_WAKE_MAX_DEPTH, overflows);
}

/*
 * The depth of nesting counts in both directions (fs/epoll_nest.c): a
 * chain built top-down - E0 watches E1, then E1 watches E2, ... - grows
 * at its bottom, where looking down from the new instance sees nothing.
 * Five instances in a chain at most (EP_MAX_NESTS 4, as Linux), whichever
 * way it is built, and a wake-up still crosses all five.
 */
static void
test_nesting_depth_both_directions(void **state)
{
	(void)state;
	struct file *e[6];
	struct fake *f = new_fake(0, 0);

	for (int i = 0; i < 6; i++)
		e[i] = new_epoll();
	for (int i = 0; i < 4; i++)                  /* top-down: e0 > e1 > ... > e4 */
		assert_int_equal(ctl(e[i], EPOLL_CTL_ADD, 10 + i, e[i + 1], EPOLLIN, i), 0);
	assert_int_equal(ctl(e[4], EPOLL_CTL_ADD, 14, e[5], EPOLLIN, 4), -ELOOP);
	add(e[4], f, 3, EPOLLIN, 0xf);
	happen(f, EPOLLIN);                          /* the bottom's file ... */
	look_one(e[0], 0, EPOLLIN);                  /* ... wakes the top */
	assert_int_equal(ctl(e[5], EPOLL_CTL_ADD, 15, e[0], EPOLLIN, 5), -ELOOP);   /* above the top */
	/* Joining two chains in the middle: 2 + 1 + 2 instances is the limit. */
	assert_int_equal(ctl(e[2], EPOLL_CTL_DEL, 12, e[3], 0, 0), 0);   /* e0>e1>e2 and e3>e4 */
	assert_int_equal(ctl(e[2], EPOLL_CTL_ADD, 12, e[3], EPOLLIN, 2), 0);
	assert_int_equal(ctl(e[2], EPOLL_CTL_DEL, 12, e[3], 0, 0), 0);
	assert_int_equal(ctl(e[5], EPOLL_CTL_ADD, 15, e[3], EPOLLIN, 5), 0);   /* e5>e3>e4 */
	assert_int_equal(ctl(e[2], EPOLL_CTL_ADD, 12, e[5], EPOLLIN, 2), -ELOOP);   /* 6 deep */
	for (int i = 0; i < 6; i++)
		file_put(e[i]);
	file_put(f->f);
	finish();
}

/*
 * Rule 3: the paths a wake-up of one file can take. f is watched by e1,
 * which is watched through e2, e3 to e4; ten instances watching e4 make
 * ten paths through five instances, Linux's limit there; the eleventh
 * ADD is refused (-EINVAL) and leaves nothing behind. A file watched
 * directly by many unnested instances is not limited.
 */
static void
test_wakeup_paths_limited(void **state)
{
	(void)state;
	struct fake *f = new_fake(0, 0), *g = new_fake(1, 0);
	struct file *chain[4], *tops[11], *flat[1100];

	for (int i = 0; i < 4; i++)
		chain[i] = new_epoll();
	add(chain[0], f, 3, EPOLLIN, 0xf);
	for (int i = 1; i < 4; i++)
		assert_int_equal(ctl(chain[i], EPOLL_CTL_ADD, 10 + i, chain[i - 1], EPOLLIN, i), 0);
	for (int i = 0; i < 11; i++) {
		tops[i] = new_epoll();
		int r = ctl(tops[i], EPOLL_CTL_ADD, 20, chain[3], EPOLLIN, 0x70 + i);
		assert_int_equal(r, i < 10 ? 0 : -EINVAL);
	}
	assert_int_equal(count_file_items(chain[3]), 10);   /* the refused item is gone */
	happen(f, EPOLLIN);
	look_one(tops[9], 0x79, EPOLLIN);
	for (int i = 0; i < 1100; i++) {
		flat[i] = new_epoll();
		add(flat[i], g, 4, EPOLLIN, i);
	}
	for (int i = 0; i < 1100; i++)
		file_put(flat[i]);
	for (int i = 0; i < 11; i++)
		file_put(tops[i]);
	for (int i = 0; i < 4; i++)
		file_put(chain[i]);
	file_put(f->f);
	file_put(g->f);
	finish();
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, NULL)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_create),
		T(test_create_out_of_memory),
		T(test_add_ready_file_reported),
		T(test_ctl_errors),
		T(test_add_out_of_memory),
		T(test_same_file_under_two_fds),
		T(test_data_returned_untouched),
		T(test_reported_events),
		T(test_level_triggered),
		T(test_edge_triggered),
		T(test_oneshot),
		T(test_mod),
		T(test_max_events_fair),
		T(test_max_events_edge_items_once),
		T(test_del),
		T(test_del_from_every_ready_position),
		T(test_closing_watched_file_leaves_every_instance),
		T(test_closing_epoll_unhooks_its_items),
		T(test_wait_sleeps_on_waiters),
		T(test_wake_wakes_waiters_and_pollers),
		T(test_nested_epoll),
		T(test_nesting_depth_both_directions),
		T(test_wakeup_paths_limited),
		T(test_nested_close_outer_first),
		T(test_bug_add_of_ready_file_wakes_nested_and_waiters),
		T(test_bug_mod_to_ready_wakes_nested),
		T(test_bug_epoll_cycle_refused),
	};
	host_watchdog(30);
	return cmocka_run_group_tests_name("eventpoll", tests, NULL, NULL);
}
