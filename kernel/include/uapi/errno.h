/*
 * uapi/errno.h - error numbers, Linux's values (include/uapi/asm-generic/errno*.h).
 * The kernel returns them negated in RAX: write() to a bad buffer returns -14.
 */
#ifndef UAPI_ERRNO_H
#define UAPI_ERRNO_H

#define EPERM    1   /* Operation not permitted */
#define ENOENT   2   /* No such file or directory */
#define ESRCH    3   /* No such process */
#define EINTR    4   /* Interrupted system call */
#define EIO      5   /* I/O error */
#define ENXIO    6   /* No such device or address */
#define E2BIG    7   /* Argument list too long */
#define ENOEXEC  8   /* Exec format error */
#define EBADF    9   /* Bad file descriptor */
#define ECHILD  10   /* No child processes */
#define EAGAIN  11   /* Resource temporarily unavailable */
#define ENOMEM  12   /* Cannot allocate memory */
#define EACCES  13   /* Permission denied */
#define EFAULT  14   /* Bad address */
#define EEXIST  17   /* File exists */
#define ENOTDIR 20   /* Not a directory */
#define EISDIR  21   /* Is a directory */
#define EINVAL  22   /* Invalid argument */
#define EMFILE  24   /* Too many open files */
#define ENOTTY  25   /* Inappropriate ioctl for device */
#define ENOSPC  28   /* No space left on device */
#define ESPIPE  29   /* Illegal seek */
#define EROFS   30   /* Read-only file system */
#define EPIPE   32   /* Broken pipe */
#define ERANGE  34   /* Numerical result out of range */
#define ENAMETOOLONG 36 /* File name too long */
#define ENOSYS  38   /* Function not implemented */
#define ELOOP   40   /* Too many levels of symbolic links (epoll: a cycle) */
#define ETIMEDOUT 110 /* Connection timed out */

#endif
