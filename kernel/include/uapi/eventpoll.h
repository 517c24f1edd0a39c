/* uapi/eventpoll.h - epoll, poll, eventfd and timerfd ABI (Linux x86-64). */
#ifndef UAPI_EVENTPOLL_H
#define UAPI_EVENTPOLL_H

#include <stdint.h>

#include "time.h"

#define EPOLLIN     0x001
#define EPOLLPRI    0x002
#define EPOLLOUT    0x004
#define EPOLLERR    0x008
#define EPOLLHUP    0x010
#define EPOLLRDNORM 0x040
#define EPOLLWRNORM 0x100
#define EPOLLRDHUP  0x2000
#define EPOLLEXCLUSIVE (1U << 28)
#define EPOLLWAKEUP (1U << 29)
#define EPOLLONESHOT (1U << 30)
#define EPOLLET     (1U << 31)

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EPOLL_CLOEXEC 02000000

/* x86-64 packs it: 12 bytes, data at offset 4 (the kernel's __EPOLL_PACKED). */
struct epoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));
_Static_assert(sizeof(struct epoll_event) == 12, "struct epoll_event is 12 bytes on x86-64");

struct pollfd {
	int fd;
	short events;
	short revents;
};

#define POLLIN   0x001
#define POLLPRI  0x002
#define POLLOUT  0x004
#define POLLERR  0x008
#define POLLHUP  0x010
#define POLLNVAL 0x020

#define EFD_SEMAPHORE 1
#define EFD_CLOEXEC   02000000
#define EFD_NONBLOCK  04000

#define TFD_CLOEXEC   02000000
#define TFD_NONBLOCK  04000
#define TFD_TIMER_ABSTIME 1

struct itimerspec {
	struct timespec it_interval;     /* period, or 0 for one shot */
	struct timespec it_value;        /* first expiry, or 0 to disarm */
};

#endif
