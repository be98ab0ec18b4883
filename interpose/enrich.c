/*
 * enrich.c - the enrichment stage: context fields.
 */
#include <time.h>
#include "enrich.h"
#include "proc.h"
#include "tid.h"

static uint64_t seq;

void
wl_enrich(struct wl_event *ev)
{
	if (ev->ts.tv_sec == 0 && ev->ts.tv_nsec == 0)
		clock_gettime(CLOCK_REALTIME, &ev->ts);
	ev->prog = wl_proc.prog;
	ev->host = wl_proc.host;
	ev->pid = wl_proc.pid;
	ev->tid = wl_tid();
	ev->seq = __atomic_add_fetch(&seq, 1, __ATOMIC_RELAXED);
}

void
wl_enrich_after_fork(void)
{
	seq = 0;
}
