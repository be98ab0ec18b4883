/*
 * enrich.c - the enrichment stage: context fields.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "capture.h"
#include "guard.h"
#include "enrich.h"
#include "proc.h"
#include "tid.h"

static uint64_t seq;

/*
 * The caller: the shared object (or program) and, where the dynamic
 * symbol table names it, the function whose code called the entry point,
 * "libcurl.so.4:curl_easy_perform".  dladdr takes the loader's lock, so
 * its answer is cached per thread (a logging call site repeats) and it is
 * not asked from a signal handler that interrupted the library.
 */
static WL_TLS struct {
	void *addr;
	char text[160];
} caller_cache;

static void
add_caller(struct wl_event *ev)
{
	void *addr = wl_caller;
	Dl_info info;

	if (addr == NULL || ev->nfields >= WL_MAX_FIELDS || wl_guard_depth > 1)
		return;
	if (caller_cache.addr != addr) {
		if (dladdr(addr, &info) == 0 || info.dli_fname == NULL)
			return;
		const char *obj = strrchr(info.dli_fname, '/');
		obj = obj != NULL ? obj + 1 : info.dli_fname;
		if (*obj == '\0')
			obj = ev->prog;
		snprintf(caller_cache.text, sizeof(caller_cache.text), "%s%s%s",
		    obj, info.dli_sname != NULL ? ":" : "",
		    info.dli_sname != NULL ? info.dli_sname : "");
		caller_cache.addr = addr;
	}
	ev->fields[ev->nfields++] = (struct wl_field){ "caller",
	    caller_cache.text, strlen(caller_cache.text) };
}

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
	if (wl_proc.caller && ev->api != NULL && strcmp(ev->api, "ratelimit") != 0)
		add_caller(ev);
	/* Static fields from the configuration, after any the event has.
	 * One the event already has by name (taken from the message, or
	 * set by a rule) takes the configured value: a record never holds
	 * a key twice. */
	unsigned had = ev->nfields;
	for (unsigned i = 0; i < wl_proc.nfields; i++) {
		unsigned j = 0;
		while (j < had && strcmp(ev->fields[j].key,
		    wl_proc.fields[i].key) != 0)
			j++;
		if (j < had)
			ev->fields[j] = wl_proc.fields[i];
		else if (ev->nfields < WL_MAX_FIELDS)
			ev->fields[ev->nfields++] = wl_proc.fields[i];
	}
}

void
wl_enrich_after_fork(void)
{
	seq = 0;
}
