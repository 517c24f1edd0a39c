/*
 * epoll-demo.c - the lesson's epoll flow, live: one event loop, three
 * event sources, and the process asleep in epoll_wait in between.
 *
 *   fd  source                      becomes readable when
 *   0   the console (your typing)   you press Enter
 *   T   a timerfd, every 1 s        a second passes
 *   P   a pipe, fed by a child      the child writes (every 1.5 s)
 *
 *   epoll_create1(0)                   -> an instance
 *   epoll_ctl(ADD, fd, EPOLLIN, data)  -> one per source
 *   epoll_wait(...)                    -> sleeps; returns the ready ones
 *
 * Type a line to see the console event; "quit" (or ^D) ends it. With
 * "epoll-demo 5", it stops by itself after 5 timer ticks.
 */
#include "libsys.h"

enum { SRC_CONSOLE = 1, SRC_TIMER = 2, SRC_PIPE = 3 };

static uint64_t
ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int
main(int argc, char **argv)
{
	long max_ticks = argc > 1 ? atol(argv[1]) : 0, ticks = 0;
	int p[2];
	uint64_t start = ms_now();

	pipe(p);
	pid_t child = fork();
	if (child == 0) {                        /* the pipe's writer */
		close(p[0]);
		for (int i = 1;; i++) {
			sleep_ms(1500);
			char msg[32];
			int n = snprintf(msg, sizeof msg, "message %d", i);
			if (write(p[1], msg, (size_t)n) < 0)
				_exit(0);
		}
	}
	close(p[1]);

	int ep = epoll_create1(0);
	int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
	struct itimerspec every_second = { { 1, 0 }, { 1, 0 } };
	timerfd_settime(tfd, 0, &every_second, NULL);
	struct epoll_event ev = { EPOLLIN, SRC_CONSOLE };
	epoll_ctl(ep, EPOLL_CTL_ADD, 0, &ev);
	ev = (struct epoll_event){ EPOLLIN, SRC_TIMER };
	epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev);
	ev = (struct epoll_event){ EPOLLIN, SRC_PIPE };
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	printf("epoll-demo: watching the console (fd 0), a 1 s timerfd (fd %d) and a pipe (fd %d)\n",
	       tfd, p[0]);

	for (;;) {
		struct epoll_event events[4];
		int n = epoll_wait(ep, events, 4, -1);   /* asleep until something happens */
		for (int i = 0; i < n; i++) {
			char buf[128];
			uint64_t count;
			long len;
			printf("[%5lu ms] ", ms_now() - start);
			switch ((int)events[i].data) {
			case SRC_TIMER:
				read(tfd, &count, 8);
				printf("timerfd: expired %lu time(s)\n", count);
				if (max_ticks > 0 && ++ticks >= max_ticks)
					goto out;
				break;
			case SRC_PIPE:
				len = read(p[0], buf, sizeof buf - 1);
				buf[len > 0 ? len : 0] = '\0';
				printf("pipe: \"%s\"\n", buf);
				break;
			case SRC_CONSOLE:
				len = read(0, buf, sizeof buf - 1);
				if (len <= 0 || strncmp(buf, "quit", 4) == 0) {
					printf("console: %s\n", len <= 0 ? "end of file" : "quit");
					goto out;
				}
				buf[len - 1 == 0 ? 0 : len - 1] = '\0';
				printf("console: you typed \"%s\"\n", buf);
				break;
			}
		}
	}
out:
	kill(child, SIGTERM);
	waitpid(child, NULL, 0);
	printf("epoll-demo: done\n");
	return 0;
}
