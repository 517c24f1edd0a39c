/*
 * test_ring.c - kernel/include/ring.h: the byte ring with absolute
 * positions that pipes use (header-only; nothing else is linked).
 *
 * The ring's storage, and the source and destination buffers, are guarded
 * copies (guarded.h): a put or get that touches one byte more than it may
 * gets SIGSEGV. Positions only grow, so the tests check rpos and wpos too,
 * and a randomised test compares every operation with a plain FIFO model.
 */
#include "guarded.h"

#include "ring.h"

static struct guarded store;
static struct ring r;

/* A ring of size bytes whose storage ends at a guard page, at positions pos. */
static void
ring_make(size_t size, uint64_t pos)
{
	static const uint8_t zeros[64];

	assert_true(size <= sizeof zeros);
	if (store.map != NULL)
		guarded_free(&store);
	r.data = guarded_copy(&store, zeros, size);
	r.size = size;
	r.rpos = r.wpos = pos;
}

static int
setup(void **state)
{
	(void)state;
	store.map = NULL;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	if (store.map != NULL)
		guarded_free(&store);
	return 0;
}

/* used + free is the size, and used is wpos - rpos, never above the size. */
static void
check_invariants(void)
{
	assert_true(r.wpos >= r.rpos);
	assert_int_equal(ring_used(&r), r.wpos - r.rpos);
	assert_true(ring_used(&r) <= r.size);
	assert_int_equal(ring_used(&r) + ring_free(&r), r.size);
}

/* ring_put from a guarded copy of exactly the bytes that should be read. */
static size_t
put_guarded(const char *s, size_t n, size_t expect)
{
	struct guarded g;
	const uint8_t *src = guarded_copy(&g, s, expect);
	size_t k = ring_put(&r, src, n);
	guarded_free(&g);
	return k;
}

/* ring_get into a guarded buffer of exactly the bytes that should be written. */
static size_t
get_guarded(uint8_t *out, size_t n, size_t expect)
{
	static const uint8_t fill[64];
	struct guarded g;

	assert_true(expect <= sizeof fill);
	uint8_t *dst = guarded_copy(&g, fill, expect);
	size_t k = ring_get(&r, dst, n);
	memcpy(out, dst, expect);
	guarded_free(&g);
	return k;
}

static void
test_empty_ring(void **state)
{
	uint8_t b[4] = { 'x', 'x', 'x', 'x' };
	(void)state;

	ring_make(8, 0);
	assert_int_equal(ring_used(&r), 0);
	assert_int_equal(ring_free(&r), 8);
	assert_int_equal(ring_get(&r, b, sizeof b), 0);
	assert_memory_equal(b, "xxxx", 4);               /* nothing written */
	assert_int_equal(r.rpos, 0);
	assert_int_equal(ring_put(&r, (const uint8_t *)"", 0), 0);
	assert_int_equal(r.wpos, 0);
}

static void
test_put_then_get(void **state)
{
	uint8_t b[8];
	(void)state;

	ring_make(8, 0);
	assert_int_equal(ring_put(&r, (const uint8_t *)"abc", 3), 3);
	assert_int_equal(ring_used(&r), 3);
	assert_int_equal(ring_free(&r), 5);
	assert_int_equal(r.wpos, 3);
	assert_int_equal(r.rpos, 0);
	assert_memory_equal(r.data, "abc", 3);
	assert_int_equal(ring_put(&r, (const uint8_t *)"de", 2), 2);
	assert_int_equal(ring_get(&r, b, 2), 2);
	assert_memory_equal(b, "ab", 2);
	assert_int_equal(ring_used(&r), 3);
	assert_int_equal(ring_get(&r, b, 3), 3);
	assert_memory_equal(b, "cde", 3);
	assert_int_equal(ring_used(&r), 0);
	assert_int_equal(r.rpos, 5);
	assert_int_equal(r.wpos, 5);
	check_invariants();
}

static void
test_fill_exactly(void **state)
{
	uint8_t b[8];
	(void)state;

	ring_make(8, 0);
	assert_int_equal(put_guarded("01234567", 8, 8), 8);
	assert_int_equal(ring_free(&r), 0);
	assert_int_equal(ring_used(&r), 8);
	/* Full: a put takes nothing and reads nothing from its source. */
	assert_int_equal(put_guarded("x", 1, 0), 0);
	assert_int_equal(r.wpos, 8);
	assert_int_equal(get_guarded(b, 8, 8), 8);
	assert_memory_equal(b, "01234567", 8);
	assert_int_equal(ring_used(&r), 0);
	check_invariants();
}

static void
test_partial_put_when_nearly_full(void **state)
{
	uint8_t b[8];
	(void)state;

	ring_make(8, 0);
	assert_int_equal(ring_put(&r, (const uint8_t *)"abcdef", 6), 6);
	/* 5 offered, 2 fit; only those 2 are read from the source. */
	assert_int_equal(put_guarded("ghijk", 5, 2), 2);
	assert_int_equal(ring_free(&r), 0);
	assert_int_equal(r.wpos, 8);
	assert_int_equal(ring_get(&r, b, 8), 8);
	assert_memory_equal(b, "abcdefgh", 8);
	check_invariants();
}

static void
test_partial_get(void **state)
{
	uint8_t b[8];
	(void)state;

	ring_make(8, 0);
	assert_int_equal(ring_put(&r, (const uint8_t *)"xyz", 3), 3);
	/* 10 asked, 3 there; only those 3 are written to the destination. */
	assert_int_equal(get_guarded(b, 10, 3), 3);
	assert_memory_equal(b, "xyz", 3);
	assert_int_equal(r.rpos, 3);
	assert_int_equal(ring_get(&r, b, 10), 0);
	assert_int_equal(r.rpos, 3);
	check_invariants();
}

static void
test_wrap_layout(void **state)
{
	uint8_t b[8];
	(void)state;

	/* At position 6 of a ring of 8, a put of 4 wraps: data[6], [7], [0], [1]. */
	ring_make(8, 6);
	assert_int_equal(ring_put(&r, (const uint8_t *)"abcd", 4), 4);
	assert_int_equal(r.data[6], 'a');
	assert_int_equal(r.data[7], 'b');
	assert_int_equal(r.data[0], 'c');
	assert_int_equal(r.data[1], 'd');
	assert_int_equal(r.wpos, 10);
	assert_int_equal(ring_used(&r), 4);
	assert_int_equal(ring_get(&r, b, 4), 4);
	assert_memory_equal(b, "abcd", 4);
	assert_int_equal(r.rpos, 10);

	/* An odd size: position 13 of 5 is index 3. */
	ring_make(5, 13);
	assert_int_equal(ring_put(&r, (const uint8_t *)"vwxyz", 5), 5);
	assert_memory_equal(r.data, "xyzvw", 5);
	assert_int_equal(ring_get(&r, b, 5), 5);
	assert_memory_equal(b, "vwxyz", 5);
}

static void
test_wrap_many_times(void **state)
{
	uint8_t in[16], out[16];
	uint8_t next_in = 0, next_out = 0;
	uint64_t total_put = 0, total_got = 0;
	(void)state;

	ring_make(7, 0);
	for (int round = 0; round < 10000; round++) {
		size_t n = 1 + (size_t)(round % 5);
		for (size_t i = 0; i < n; i++)
			in[i] = (uint8_t)(next_in + i);
		size_t k = ring_put(&r, in, n);
		next_in = (uint8_t)(next_in + k);
		total_put += k;
		size_t m = 1 + (size_t)(round * 7 % 4);
		size_t g = ring_get(&r, out, m);
		for (size_t i = 0; i < g; i++)
			if (out[i] != (uint8_t)(next_out + i))
				fail_msg("round %d: byte %zu is %u, expected %u", round, i, out[i],
					 (uint8_t)(next_out + i));
		next_out = (uint8_t)(next_out + g);
		total_got += g;
		assert_int_equal(r.wpos, total_put);
		assert_int_equal(r.rpos, total_got);
		check_invariants();
	}
	/* Drain, then the positions are far past the size: they never wrap back. */
	total_got += ring_get(&r, out, sizeof out);
	assert_int_equal(r.rpos, total_got);
	assert_int_equal(total_got, total_put);
	assert_true(r.wpos > 1000 * r.size);
	assert_int_equal(ring_used(&r), 0);
}

static void
test_positions_beyond_32_bits(void **state)
{
	uint8_t b[8];
	(void)state;

	/* Positions are 64-bit: crossing 2^32 changes nothing. */
	uint64_t start = (1ULL << 32) - 3;
	ring_make(8, start);
	assert_int_equal(ring_put(&r, (const uint8_t *)"abcdef", 6), 6);
	assert_int_equal(r.wpos, start + 6);
	assert_int_equal(ring_used(&r), 6);
	assert_int_equal(ring_free(&r), 2);
	assert_int_equal(ring_get(&r, b, 6), 6);
	assert_memory_equal(b, "abcdef", 6);
	assert_int_equal(r.rpos, (1ULL << 32) + 3);
	check_invariants();
}

/* ---------------------------------------------------------------- random */

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void
test_random_against_model(void **state)
{
	static const size_t sizes[] = { 1, 2, 3, 8, 13, 64 };
	(void)state;

	for (size_t s = 0; s < ARRAY_SIZE(sizes); s++) {
		size_t size = sizes[s];
		uint8_t model[128], in[80], out[80];
		size_t model_len = 0;           /* model[0..model_len): the bytes queued, oldest first */
		uint64_t puts = 0, gets = 0;

		ring_make(size, s * 1000);
		for (int step = 0; step < 20000; step++) {
			size_t n = rnd(size + 4);   /* 0 .. size + 3: sometimes more than fits */
			if (rnd(2) == 0) {
				for (size_t i = 0; i < n; i++)
					in[i] = (uint8_t)rnd(256);
				size_t fit = size - model_len < n ? size - model_len : n;
				size_t k = ring_put(&r, in, n);
				if (k != fit)
					fail_msg("size %zu step %d: put %zu with %zu free returned %zu",
						 size, step, n, size - model_len, k);
				memcpy(model + model_len, in, k);
				model_len += k;
				puts += k;
			} else {
				memset(out, 0xee, sizeof out);
				size_t want = model_len < n ? model_len : n;
				size_t k = ring_get(&r, out, n);
				if (k != want)
					fail_msg("size %zu step %d: get %zu with %zu used returned %zu",
						 size, step, n, model_len, k);
				assert_memory_equal(out, model, k);
				for (size_t i = k; i < sizeof out; i++)
					assert_int_equal(out[i], 0xee);   /* nothing past k written */
				memmove(model, model + k, model_len - k);
				model_len -= k;
				gets += k;
			}
			if (ring_used(&r) != model_len || ring_free(&r) != size - model_len)
				fail_msg("size %zu step %d: used %zu free %zu, model has %zu", size,
					 step, ring_used(&r), ring_free(&r), model_len);
			assert_int_equal(r.wpos, s * 1000 + puts);
			assert_int_equal(r.rpos, s * 1000 + gets);
			check_invariants();
		}
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_empty_ring),
		T(test_put_then_get),
		T(test_fill_exactly),
		T(test_partial_put_when_nearly_full),
		T(test_partial_get),
		T(test_wrap_layout),
		T(test_wrap_many_times),
		T(test_positions_beyond_32_bits),
		T(test_random_against_model),
	};
	watchdog(30);
	return cmocka_run_group_tests_name("ring", tests, NULL, NULL);
}
