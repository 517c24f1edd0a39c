/* printk.h - kernel printf to the console (serial + VGA). */
#ifndef PRINTK_H
#define PRINTK_H

#include <stdarg.h>

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);

#endif
