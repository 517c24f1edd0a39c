/*
 * kheap.h - kmalloc/kfree for small kernel objects (process structs,
 * initrd tree nodes), up to KMALLOC_MAX - 16 bytes (16 go to a header).
 */
#ifndef KHEAP_H
#define KHEAP_H

#include <stddef.h>

#define KMALLOC_MAX 2048

void *kmalloc(size_t size);          /* NULL if out of memory or too big */
void *kzalloc(size_t size);          /* kmalloc + zero */
void kfree(void *p);

#endif
