/*
 * epoll_nest.c - epoll instances inside epoll instances: the rules that
 * keep EPOLL_CTL_ADD from building something a wake-up cannot finish
 * (Linux's ep_loop_check and reverse_path_check, fs/eventpoll.c).
 *
 * A wake-up travels *up*. A pipe gets data; each epitem on the pipe's wait
 * queue puts itself on its instance's ready list and wakes that instance's
 * own wait queue, where the items of the instances watching *it* sit; and
 * so on: ep_item_wake -> wake_up -> ep_item_wake -> ... Every level costs
 * stack frames on one 16 KiB kernel stack, and every path from the file to
 * a top instance is one more chain of calls. So an ADD is refused when
 *
 *   1. it closes a loop (an instance would end up watching itself): -ELOOP;
 *   2. the chain through the new item would hold more than EP_MAX_NESTS + 1
 *      instances, counting the deepest below it and the highest above:
 *
 *          E1            depth_above(E2) = 1: E1 watches E2
 *          |
 *          E2  <-- E2 watches E3?  depth_below(E3) + 1 + depth_above(E2)
 *          |                       must be <= EP_MAX_NESTS: -ELOOP if not
 *          E3            depth_below(E3) = 1: E3 watches E4
 *          |
 *          E4 --- pipe
 *
 *      Both directions count: a chain built top-down (E1 watches E2, then
 *      E2 watches E3, ...) grows at its bottom, where looking down alone
 *      sees nothing;
 *   3. some file would be woken along too many paths: at most 1000 paths
 *      through two instances, 500 through three, ... 10 through five
 *      (path_limits); one pipe write could otherwise run millions of
 *      callbacks with interrupts off: -EINVAL.
 *
 * The walks remember which instances they have seen (a generation number
 * per check), so a web of instances that many paths cross is walked once.
 */
#include "eventpoll.h"

#define EP_MAX_NESTS 4               /* Linux's value */

static uint64_t check_gen;           /* bumped by every walk */

/* Can from reach instance to by watching epolls, perhaps indirectly? */
static bool
reaches(struct eventpoll *from, const struct eventpoll *to)
{
	if (from == to)
		return true;
	if (from->check_gen == check_gen)
		return false;            /* walked already in this check */
	from->check_gen = check_gen;
	for (struct epitem *it = from->items; it != NULL; it = it->next)
		if (file_is_epoll(it->file) && reaches(it->file->priv, to))
			return true;
	return false;
}

/* Levels of instances below ep (0: it watches none). */
static int
depth_below(struct eventpoll *ep)
{
	if (ep->check_gen == check_gen)
		return ep->check_depth;
	int depth = 0;
	for (struct epitem *it = ep->items; it != NULL; it = it->next)
		if (file_is_epoll(it->file)) {
			int d = 1 + depth_below(it->file->priv);
			if (d > depth)
				depth = d;
		}
	ep->check_gen = check_gen;
	ep->check_depth = depth;
	return depth;
}

/* Levels of instances above ep (0: none watches it). */
static int
depth_above(struct eventpoll *ep)
{
	if (ep->check_gen == check_gen)
		return ep->check_depth;
	int depth = 0;
	for (struct epitem *it = ep->file->epitems; it != NULL; it = it->file_next) {
		int d = 1 + depth_above(it->ep);
		if (d > depth)
			depth = d;
	}
	ep->check_gen = check_gen;
	ep->check_depth = depth;
	return depth;
}

/* Rules 1 and 2, for ep about to watch the epoll instance inner. */
bool
ep_nesting_allowed(struct eventpoll *ep, struct eventpoll *inner)
{
	check_gen++;
	if (reaches(inner, ep))
		return false;
	check_gen++;
	int below = depth_below(inner);
	check_gen++;                 /* (the two walks memoise different things) */
	return below + 1 + depth_above(ep) <= EP_MAX_NESTS;
}

/* ------------------------------------------------------------------ rule 3 */

static const int path_limits[EP_MAX_NESTS + 1] = { 1000, 500, 100, 50, 10 };
static int path_count[EP_MAX_NESTS + 1];

/*
 * Count the paths up from the items in list watchers (depth instances up
 * already); false as soon as a limit is passed. Linux counts paths of one
 * instance (depth 0) without a limit: a file watched by many unnested
 * instances is common and costs one callback each.
 */
static bool
count_paths_up(struct epitem *watchers, int depth)
{
	if (depth > EP_MAX_NESTS)
		return false;
	for (struct epitem *it = watchers; it != NULL; it = it->file_next) {
		struct epitem *above = it->ep->file->epitems;
		if (above != NULL) {
			if (!count_paths_up(above, depth + 1))
				return false;
		} else if (depth > 0 && ++path_count[depth] > path_limits[depth]) {
			return false;
		}
	}
	return true;
}

static bool
file_paths_ok(struct file *f)
{
	for (int i = 0; i <= EP_MAX_NESTS; i++)
		path_count[i] = 0;
	return count_paths_up(f->epitems, 0);
}

/* Every plain file below ep (through nested instances) within the limits? */
static bool
files_below_ok(struct eventpoll *ep)
{
	if (ep->check_gen == check_gen)
		return true;
	ep->check_gen = check_gen;
	for (struct epitem *it = ep->items; it != NULL; it = it->next) {
		bool ok = file_is_epoll(it->file) ? files_below_ok(it->file->priv)
						  : file_paths_ok(it->file);
		if (!ok)
			return false;
	}
	return true;
}

/* Rule 3, once the item for target has been added to ep. */
bool
ep_wakeup_paths_ok(struct eventpoll *ep, struct file *target)
{
	if (!file_is_epoll(target) && ep->file->epitems == NULL)
		return true;             /* one instance, watched by none: one more path of one */
	if (!file_is_epoll(target))
		return file_paths_ok(target);
	check_gen++;
	return files_below_ok(target->priv);
}
