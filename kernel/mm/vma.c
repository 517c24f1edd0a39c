/*
 * vma.c - the sorted list of virtual memory areas (see vma.h).
 *
 * Every change follows the same three steps, which keeps each short:
 *   1. split the areas that straddle start or end, so that [start, end)
 *      consists of whole areas (split_at);
 *   2. change or remove those whole areas;
 *   3. merge neighbours that became identical (merge_neighbours).
 */
#include <stddef.h>

#include "kheap.h"
#include "memlayout.h"
#include "shmem.h"
#include "uapi/errno.h"
#include "vma.h"

struct vma *
vma_find(const struct vma_list *l, uint64_t addr)
{
	for (struct vma *v = l->head; v != NULL && v->start <= addr; v = v->next)
		if (addr < v->end)
			return v;
	return NULL;
}

bool
vma_overlaps(const struct vma_list *l, uint64_t start, uint64_t end)
{
	for (struct vma *v = l->head; v != NULL && v->start < end; v = v->next)
		if (v->end > start)
			return true;
	return false;
}

bool
vma_covers(const struct vma_list *l, uint64_t start, uint64_t end)
{
	uint64_t covered = start;

	for (struct vma *v = l->head; v != NULL && covered < end; v = v->next) {
		if (v->end <= covered)
			continue;
		if (v->start > covered)
			return false;        /* a hole at covered */
		covered = v->end;
	}
	return covered >= end;
}

uint64_t
vma_find_gap(const struct vma_list *l, uint64_t len, uint64_t low, uint64_t high)
{
	uint64_t best = 0, gap_start = low;

	/* Walk up through the gaps between areas; keep the highest that fits. */
	for (struct vma *v = l->head;; v = v->next) {
		uint64_t gap_end = v == NULL || v->start > high ? high : v->start;
		if (gap_end > gap_start && gap_end - gap_start >= len)
			best = gap_end - len;
		if (v == NULL || v->start >= high)
			break;
		if (v->end > gap_start)
			gap_start = v->end;
	}
	return best;
}

static struct vma *
new_vma(struct vma_list *l, uint64_t start, uint64_t end, uint32_t prot, uint32_t kind,
	struct shmem *shm, uint64_t pgoff)
{
	if (l->count >= VMA_MAX_COUNT)
		return NULL;
	struct vma *v = kmalloc(sizeof *v);
	if (v == NULL)
		return NULL;
	*v = (struct vma){ start, end, prot, kind, shm, pgoff, NULL };
	if (shm != NULL)
		shmem_get(shm);          /* each area holds its own reference */
	l->count++;
	return v;
}

static void
free_vma(struct vma_list *l, struct vma *v)
{
	if (v->shm != NULL)
		shmem_put(v->shm);
	kfree(v);
	l->count--;
}

/* Page number (in its shared object) of the page at addr in area v. */
static uint64_t
pgoff_at(const struct vma *v, uint64_t addr)
{
	return v->pgoff + (addr - v->start) / PAGE_SIZE;
}

/* Split the area containing addr (if any, and not at its start) in two. */
static int
split_at(struct vma_list *l, uint64_t addr)
{
	struct vma *v = vma_find(l, addr);

	if (v == NULL || v->start == addr)
		return 0;
	struct vma *upper = new_vma(l, addr, v->end, v->prot, v->kind, v->shm, pgoff_at(v, addr));
	if (upper == NULL)
		return -ENOMEM;
	upper->next = v->next;
	v->end = addr;
	v->next = upper;
	return 0;
}

/* Can n, which starts where v ends, become part of v? */
static bool
mergeable(const struct vma *v, const struct vma *n)
{
	return v->end == n->start && v->prot == n->prot && v->kind == n->kind &&
	       v->shm == n->shm && (v->shm == NULL || n->pgoff == pgoff_at(v, n->start));
}

/* Merge every pair of touching areas with the same protection and kind. */
static void
merge_neighbours(struct vma_list *l)
{
	struct vma *v = l->head;

	while (v != NULL && v->next != NULL) {
		struct vma *n = v->next;
		if (mergeable(v, n)) {
			v->end = n->end;
			v->next = n->next;
			free_vma(l, n);
		} else {
			v = n;
		}
	}
}

int
vma_insert(struct vma_list *l, uint64_t start, uint64_t end, uint32_t prot, uint32_t kind)
{
	return vma_insert_shared(l, start, end, prot, kind, NULL, 0);
}

int
vma_insert_shared(struct vma_list *l, uint64_t start, uint64_t end, uint32_t prot,
		  uint32_t kind, struct shmem *shm, uint64_t pgoff)
{
	struct vma **link = &l->head;

	if (start >= end || vma_overlaps(l, start, end))
		return -EINVAL;
	struct vma *v = new_vma(l, start, end, prot, kind, shm, pgoff);
	if (v == NULL)
		return -ENOMEM;
	while (*link != NULL && (*link)->start < start)
		link = &(*link)->next;
	v->next = *link;
	*link = v;
	merge_neighbours(l);
	return 0;
}

int
vma_remove(struct vma_list *l, uint64_t start, uint64_t end)
{
	if (split_at(l, start) < 0 || split_at(l, end) < 0)
		return -ENOMEM;
	struct vma **link = &l->head;
	while (*link != NULL) {
		struct vma *v = *link;
		if (v->start >= start && v->end <= end) {
			*link = v->next;
			free_vma(l, v);
		} else {
			link = &v->next;
		}
	}
	return 0;
}

int
vma_protect(struct vma_list *l, uint64_t start, uint64_t end, uint32_t prot)
{
	if (split_at(l, start) < 0 || split_at(l, end) < 0)
		return -ENOMEM;
	for (struct vma *v = l->head; v != NULL && v->start < end; v = v->next)
		if (v->start >= start)
			v->prot = prot;
	merge_neighbours(l);
	return 0;
}

void
vma_clear(struct vma_list *l)
{
	while (l->head != NULL) {
		struct vma *v = l->head;
		l->head = v->next;
		free_vma(l, v);
	}
}
