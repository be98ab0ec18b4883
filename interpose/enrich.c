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
	/* Static fields from the configuration, after any the event has. */
	for (unsigned i = 0; i < wl_proc.nfields &&
	    ev->nfields < WL_MAX_FIELDS; i++)
		ev->fields[ev->nfields++] = wl_proc.fields[i];
}

void
wl_enrich_after_fork(void)
{
	seq = 0;
}
