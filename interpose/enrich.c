/*
 * enrich.c - the enrichment stage: context fields.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "capture.h"
#include "escape.h"
#include "guard.h"
#include "enrich.h"
#include "proc.h"
#include "tid.h"

/* Bumped by every event (atomically, from any thread); a fork child's
 * handler resets it with an atomic store too. */
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

static __attribute__((noinline)) void
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

/*
 * The ppid field's text, made from wl_proc.parent.  A fork child's
 * handler stores only the new number: rewriting text the parent's other
 * threads may have been reading up to the fork would be a data race.  So
 * each thread keeps the text of the number it last saw.  A signal handler
 * that interrupted the library leaves a text already made alone, since
 * the interrupted event may point at it; after a fork inside such a
 * handler its ppid can be the old one.
 */
static WL_TLS struct {
	bool made;
	pid_t pid;
	size_t len;
	char text[24];
} ppid_cache;

static void
set_ppid(struct wl_field *f)
{
	pid_t p = __atomic_load_n(&wl_proc.parent, __ATOMIC_RELAXED);
	if (!ppid_cache.made || (ppid_cache.pid != p && wl_guard_depth <= 1)) {
		struct wl_out o;
		wl_out_init(&o, ppid_cache.text, sizeof(ppid_cache.text));
		wl_out_sdec(&o, p);
		ppid_cache.len = o.len;
		ppid_cache.pid = p;
		ppid_cache.made = true;
	}
	f->val = ppid_cache.text;
	f->vlen = ppid_cache.len;
}

/*
 * Static fields from the configuration, after any the event has.  One
 * the event already has by name (taken from the message, or set by a
 * rule) takes the configured value: a record never holds a key twice.
 * Out of line: most configurations have none, and the loop's frame
 * would cost every event.
 */
static __attribute__((noinline)) void
add_static_fields(struct wl_event *ev)
{
	unsigned had = ev->nfields;
	for (unsigned i = 0; i < wl_proc.nfields; i++) {
		struct wl_field f = wl_proc.fields[i];
		if ((int)i == wl_proc.ppid_field)
			set_ppid(&f);
		unsigned j = 0;
		while (j < had && strcmp(ev->fields[j].key, f.key) != 0)
			j++;
		if (j < had)
			ev->fields[j] = f;
		else if (ev->nfields < WL_MAX_FIELDS)
			ev->fields[ev->nfields++] = f;
	}
}

void
wl_enrich(struct wl_event *ev)
{
	if (ev->ts.tv_sec == 0 && ev->ts.tv_nsec == 0)
		clock_gettime(CLOCK_REALTIME, &ev->ts);
	ev->prog = wl_proc.prog;
	ev->host = wl_proc.host;
	ev->pid = __atomic_load_n(&wl_proc.pid, __ATOMIC_RELAXED);
	if (ev->tid == 0)	/* else the thread that wrote it */
		ev->tid = wl_tid();
	ev->seq = __atomic_add_fetch(&seq, 1, __ATOMIC_RELAXED);
	if (wl_proc.caller && ev->api != NULL && strcmp(ev->api, "ratelimit") != 0)
		add_caller(ev);
	if (wl_proc.nfields > 0)
		add_static_fields(ev);
}

void
wl_enrich_after_fork(void)
{
	__atomic_store_n(&seq, 0, __ATOMIC_RELAXED);
}
