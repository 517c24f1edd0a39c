/*
 * oom.c - out of memory: a page fault needs a frame and none is free.
 *
 * Linux's answer is the OOM killer: it picks the process whose death
 * frees the most memory - the one with the most pages in memory, never
 * init while another would do - and sends it SIGKILL. The task that
 * needed the page waits for that memory to come back, then its faulting
 * instruction runs again. Only when it is itself the biggest (or init is
 * the only other candidate) does it die instead.
 *
 *   needy faults -> no frame -> victim = largest resident set
 *      victim is needy:  needy gets SIGKILL (the caller ends it)
 *      another one:      SIGKILL to it; needy yields until it has ended
 *                        and its frames are free, then retries the access
 */
#include "mm.h"
#include "pmm.h"
#include "printk.h"
#include "proc.h"
#include "signals.h"

#define OOM_WAIT_YIELDS 1000     /* give up waiting for the victim after this many */

/*
 * The process whose end frees the most, if it has more pages than *pages
 * (needy's); init never (unless it is needy). Sets *pages and *victim_mm.
 */
static struct thread_group *
choose_victim(struct proc *needy, uint64_t *pages, struct mm **victim_mm)
{
	struct thread_group *victim = needy->tg;

	for (int i = 0; i < MAX_PROCS; i++) {
		struct proc *p = &procs[i];
		if (!proc_is_leader(p) || p->tg == needy->tg || p->tg->tgid == 1)
			continue;
		struct thread_group *tg = p->tg;
		if (tg->exited || tg->group_exiting)
			continue;            /* already on its way out */
		/* Its memory: any living thread's address space (the leader may have ended). */
		struct mm *mm = NULL;
		for (int j = 0; j < MAX_PROCS && mm == NULL; j++)
			if (proc_exists(&procs[j]) && procs[j].tg == tg && procs[j].mm != NULL)
				mm = procs[j].mm;
		uint64_t n = mm ? mm_resident_pages(mm) : 0;
		if (n > *pages) {
			victim = tg;
			*pages = n;
			*victim_mm = mm;
		}
	}
	return victim;
}

/* Bytes of address space mm's areas span (Linux's total-vm). */
static uint64_t
total_vm(const struct mm *mm)
{
	uint64_t bytes = 0;

	for (const struct vma *v = mm->vmas.head; v != NULL; v = v->next)
		bytes += v->end - v->start;
	return bytes;
}

static bool
ended(const struct thread_group *tg)
{
	return tg->exited || tg->nr_threads == 0;
}

/*
 * needy (the running thread) found no free frame for addr. true: another
 * process was killed and has given its memory back, retry the access;
 * false: needy is the one to go (the caller sends it SIGKILL). Waiting
 * means leaving the CPU, which a fault inside an interrupts-off section of
 * the kernel (a user copy under irq_save) must not do: then (!may_wait)
 * needy goes, as if it were the biggest.
 */
bool
oom_kill(struct proc *needy, uint64_t addr, bool may_wait)
{
	struct mm *mm = needy->mm;
	uint64_t pages = mm ? mm_resident_pages(mm) : 0;
	struct thread_group *victim = may_wait ? choose_victim(needy, &pages, &mm) : needy->tg;

	/* Linux's line (mm/oom_kill.c), then where the memory was wanted. */
	printk("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:0kB, "
	       "shmem-rss:0kB, UID:0 pgtables:0kB oom_score_adj:0\n", victim->tgid,
	       victim->leader->name, mm ? total_vm(mm) / 1024 : 0, pages * 4);
	printk("oom: %s[%d] needed a page at %lx\n", needy->name, needy->tg->tgid, addr);
	if (victim == needy->tg)
		return false;
	victim->refs++;                  /* keep it readable while it ends */
	signal_send(victim, SIGKILL, SI_KERNEL, 0, 0);
	for (int i = 0; i < OOM_WAIT_YIELDS && !ended(victim) && pmm_free_frames() == 0; i++)
		sched_yield_cpu();       /* it runs, sees SIGKILL, and exits */
	thread_group_put(victim);
	return pmm_free_frames() > 0;
}
