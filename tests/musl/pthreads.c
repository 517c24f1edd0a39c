/*
 * pthreads.c - musl's threads, unmodified, on teachos and on the Linux host
 * (tests/qemu/cases_real.py compares the two outputs line by line).
 *
 * What a kernel must give a thread library: clone(CLONE_VM|CLONE_FS|
 * CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|
 * CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID) with a new stack and TLS,
 * futex wait/wake (mutexes, condition variables, join: the kernel clears
 * the child's tid word and wakes the joiner), gettid, a distinct %fs base
 * per thread (__thread), exit of one thread without the others.
 *
 * Every line is deterministic: threads report into arrays and the main
 * thread prints after joining, or they print in an order a lock fixes.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NTHREADS 4
#define INCREMENTS 10000

static int failures;

static void
check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "[OK]" : "[FAIL]", what);
	if (!ok)
		failures++;
}

/* ---- a mutex protecting a counter */
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *
increment(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&counter_lock);
		counter++;
		pthread_mutex_unlock(&counter_lock);
	}
	return NULL;
}

static void
test_mutex(void)
{
	pthread_t t[NTHREADS];

	for (int i = 0; i < NTHREADS; i++)
		if (pthread_create(&t[i], NULL, increment, NULL) != 0)
			check(0, "pthread_create");
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	printf("mutex: %d threads x %d increments = %ld\n", NTHREADS, INCREMENTS, counter);
	check(counter == (long)NTHREADS * INCREMENTS, "mutex: no increment lost");
}

/* ---- thread-local variables, pthread_self, gettid, return values */
static __thread int tls_value = 7;       /* initialised: .tdata */
static __thread char tls_name[16];       /* zeroed: .tbss */

struct ident {
	int index;
	pthread_t self;
	pid_t tid;
	int *tls_address;
	int tls_initial;
	int tls_after;
};

static void *
identify(void *arg)
{
	struct ident *id = arg;

	id->self = pthread_self();
	id->tid = gettid();
	id->tls_address = &tls_value;
	id->tls_initial = tls_value;
	tls_value = 100 + id->index;                 /* only this thread's copy */
	snprintf(tls_name, sizeof tls_name, "thread-%d", id->index);
	usleep(1000 * (NTHREADS - id->index));       /* the others write theirs meanwhile */
	id->tls_after = tls_value;
	return strdup(tls_name);                     /* a value for pthread_join */
}

static void
test_identity(void)
{
	pthread_t t[NTHREADS];
	struct ident id[NTHREADS];
	int distinct = 1, tls_ok = 1, tids_ok = 1;

	memset(id, 0, sizeof id);
	for (int i = 0; i < NTHREADS; i++) {
		id[i].index = i;
		pthread_create(&t[i], NULL, identify, &id[i]);
	}
	for (int i = 0; i < NTHREADS; i++) {
		void *ret;
		pthread_join(t[i], &ret);
		printf("thread %d: returned \"%s\", __thread int was %d, then %d\n",
		       i, (char *)ret, id[i].tls_initial, id[i].tls_after);
		free(ret);
		tls_ok &= id[i].tls_initial == 7 && id[i].tls_after == 100 + i;
		tids_ok &= id[i].tid != getpid() && id[i].tid > 0;
		distinct &= pthread_equal(id[i].self, t[i]);
		for (int j = 0; j < i; j++) {
			distinct &= !pthread_equal(id[i].self, id[j].self);
			tids_ok &= id[i].tid != id[j].tid;
			tls_ok &= id[i].tls_address != id[j].tls_address;
		}
		tls_ok &= id[i].tls_address != &tls_value;
	}
	check(tls_ok, "__thread: each thread has its own copy, initialised from .tdata");
	check(tls_value == 7 && tls_name[0] == '\0', "__thread: the main thread's copy is untouched");
	check(distinct, "pthread_self: distinct, and equal to what pthread_create returned");
	check(tids_ok, "gettid: distinct, none equal to the process id");
	check(gettid() == getpid(), "gettid: the main thread's tid is the process id");
}

/* ---- a condition variable: one producer, one consumer, a 4-slot ring */
#define RING 4
#define ITEMS 20
static pthread_mutex_t ring_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static int ring[RING], head, count;

static void *
producer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&ring_lock);
		while (count == RING)
			pthread_cond_wait(&not_full, &ring_lock);
		ring[(head + count++) % RING] = i * i;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&ring_lock);
	}
	return NULL;
}

static void *
consumer(void *arg)
{
	long sum = 0;
	int in_order = 1, last = 0;

	(void)arg;
	for (int i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&ring_lock);
		while (count == 0)
			pthread_cond_wait(&not_empty, &ring_lock);
		int v = ring[head];
		head = (head + 1) % RING;
		count--;
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&ring_lock);
		in_order &= v > last;
		last = v;
		sum += v;
	}
	printf("consumer: %d items, sum of squares %ld, in order: %s\n", ITEMS, sum,
	       in_order ? "yes" : "no");
	return (void *)sum;
}

static void
test_condvar(void)
{
	pthread_t p, c;
	void *sum;

	pthread_create(&c, NULL, consumer, NULL);
	pthread_create(&p, NULL, producer, NULL);
	pthread_join(p, NULL);
	pthread_join(c, &sum);
	check((long)sum == ITEMS * (ITEMS + 1) * (2 * ITEMS + 1) / 6,
	      "condvar: the consumer got every item once, through a ring of 4");
}

/* ---- a detached thread: nobody joins it; it signals through a condvar */
static pthread_mutex_t detached_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t detached_cond = PTHREAD_COND_INITIALIZER;
static int detached_done;

static void *
detached(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&detached_lock);
	detached_done = 1;
	pthread_cond_signal(&detached_cond);
	pthread_mutex_unlock(&detached_lock);
	return NULL;
}

static void
test_detached(void)
{
	pthread_t t;
	pthread_attr_t attr;
	int state;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_getdetachstate(&attr, &state);
	check(pthread_create(&t, &attr, detached, NULL) == 0 && state == PTHREAD_CREATE_DETACHED,
	      "detached: created");
	pthread_attr_destroy(&attr);
	pthread_mutex_lock(&detached_lock);
	while (!detached_done)
		pthread_cond_wait(&detached_cond, &detached_lock);
	pthread_mutex_unlock(&detached_lock);
	check(detached_done, "detached: it ran and told us so");
}

/* ---- pthread_exit from a thread, with a value */
static void *
exits_early(void *arg)
{
	pthread_exit((void *)((intptr_t)arg * 2));
	return NULL;
}

static void
test_exit_value(void)
{
	pthread_t t;
	void *ret;

	pthread_create(&t, NULL, exits_early, (void *)21);
	pthread_join(t, &ret);
	printf("pthread_exit: joined value %ld\n", (long)(intptr_t)ret);
	check((intptr_t)ret == 42, "pthread_exit: the joiner gets the value");
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);    /* the same on a terminal and a pipe */
	test_mutex();
	test_identity();
	test_condvar();
	test_detached();
	test_exit_value();
	printf("pthreads: %d failed\n", failures);
	return failures ? 1 : 0;
}
