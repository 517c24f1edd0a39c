/*
 * kheap.h - kmalloc/kfree for small kernel objects (process structs,
 * initrd tree nodes), up to KMALLOC_MAX - 16 bytes (16 go to a header).
 */
#ifndef KHEAP_H
#define KHEAP_H

#include <stdbool.h>
#include <stddef.h>

#define KMALLOC_MAX 2048

void *kmalloc(size_t size);          /* NULL if out of memory or too big */
void *kzalloc(size_t size);          /* kmalloc + zero */
void kfree(void *p);

/* One size class, as /proc/slabinfo shows it. Blocks include their 16-byte header. */
struct kheap_stats {
	size_t block_size;
	size_t in_use;               /* handed out by kmalloc, not yet freed */
	size_t blocks;               /* cut from pages so far: in use + free */
	size_t pages;
};
bool kheap_class_stats(int c, struct kheap_stats *st);   /* false past the last class */
size_t kheap_pages(void);            /* pages held, in use or free (never given back) */

#endif
