/*
 * vfs.h - from a name to an open file: opening nodes of the file tree
 * (regular files, directories, devices, generated /proc files), and the
 * devices and /proc set-up at boot.
 */
#ifndef VFS_H
#define VFS_H

#include <stdint.h>

#include "file.h"
#include "initrd.h"

/* Device numbers (major << 8 | minor), Linux's values. */
#define DEV_NULL    ((1 << 8) | 3)
#define DEV_ZERO    ((1 << 8) | 5)
#define DEV_CONSOLE ((5 << 8) | 1)
#define DEV_TTY     ((5 << 8) | 0)    /* the caller's controlling terminal (the console, or none) */

int vfs_open_node(struct initrd_node *n, int flags, struct file **out);   /* 0 or -errno */
void vfs_stat_node(const struct initrd_node *n, struct stat *st);
void vfs_init(void);                 /* /dev, /proc and /sys */
struct file *console_open(int flags);

/* /proc (fs/procfs.c). */
void procfs_init(void);
void sysfs_init(void);
long procfs_getdents(struct file *f, uint64_t ubuf, size_t n);
long dir_put_dirent(uint64_t ubuf, size_t room, uint64_t ino, int64_t off, uint8_t type,
		    const char *name);

/* The console tty (dev/tty.c). */
extern const struct file_ops tty_ops;
void tty_init(void);
void tty_input_char(char c);         /* from the serial and keyboard interrupts */
bool tty_is_controlling(void);        /* is the console the caller's controlling terminal? */

#endif
