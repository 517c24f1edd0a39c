/*
 * sys_write.c - write(2) to the console. File descriptors 1 (stdout) and 2
 * (stderr) are the console; files and pipes come in a later issue.
 */
#include "console.h"
#include "syscall.h"
#include "uaccess.h"
#include "uapi/errno.h"

#define WRITE_CHUNK 256
#define MAX_RW_COUNT 0x7ffff000L     /* Linux caps one read/write at this */

/*
 * Copy the user's buffer in chunks through a small kernel buffer. If a
 * chunk faults, the bytes already written count (as on Linux); a fault on
 * the first byte is -EFAULT.
 */
long
sys_write(int fd, uint64_t buf, size_t count)
{
	char chunk[WRITE_CHUNK];
	size_t done = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	while (done < count) {
		size_t n = count - done < WRITE_CHUNK ? count - done : WRITE_CHUNK;
		if (copy_from_user(chunk, buf + done, n) < 0)
			return done > 0 ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (long)done;
}
