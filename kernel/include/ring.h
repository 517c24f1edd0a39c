/*
 * ring.h - a byte ring buffer with absolute positions, for pipes. Pure
 * (tests/host/test_ring.c). Positions only grow; the byte at position p
 * lives at data[p % size]. used = wpos - rpos, always between 0 and size.
 */
#ifndef RING_H
#define RING_H

#include <stddef.h>
#include <stdint.h>

struct ring {
	uint8_t *data;
	size_t size;
	uint64_t rpos, wpos;
};

static inline size_t ring_used(const struct ring *r) { return (size_t)(r->wpos - r->rpos); }
static inline size_t ring_free(const struct ring *r) { return r->size - ring_used(r); }

/* Append up to n bytes; returns how many fit. */
static inline size_t
ring_put(struct ring *r, const uint8_t *src, size_t n)
{
	size_t k = n < ring_free(r) ? n : ring_free(r);
	for (size_t i = 0; i < k; i++)
		r->data[r->wpos++ % r->size] = src[i];
	return k;
}

/* Take up to n bytes; returns how many there were. */
static inline size_t
ring_get(struct ring *r, uint8_t *dst, size_t n)
{
	size_t k = n < ring_used(r) ? n : ring_used(r);
	for (size_t i = 0; i < k; i++)
		dst[i] = r->data[r->rpos++ % r->size];
	return k;
}

#endif
