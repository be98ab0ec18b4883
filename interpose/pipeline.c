/*
 * pipeline.c - run an event through the stages, in order.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include "classify.h"
#include "detect.h"
#include "enrich.h"
#include "extract.h"
#include "level.h"
#include "memo.h"
#include "pipeline.h"
#include "proc.h"
#include "ratelimit.h"
#include "redact.h"
#include "rules.h"
#include "sink.h"

static int
limit(struct wl_event *ev, struct wl_memo *m)
{
	if (!wl_ratelimit_admit_memo(ev, m))
		return 0;
	return wl_pipeline_deliver(ev);
}

/*
 * Fields from a JSON or logfmt message, after redaction (so that a
 * secret in a member is already gone), before the rate limiter (whose key
 * is then the message member's template).  The values live in this
 * frame until the event is delivered; a frame of its own, entered only
 * for lines that look like either form.
 */
static __attribute__((noinline)) int
extract_then(struct wl_event *ev, struct wl_memo *m)
{
	char buf[4096];
	(void)wl_extract(ev, buf, sizeof(buf));
	return limit(ev, m);
}

static inline __attribute__((always_inline)) int
limit_and_deliver(struct wl_event *ev, struct wl_memo *m)
{
	/* A line with no '=' in it (the memo's pass saw) is no logfmt, and
	 * most others are told by their first word. */
	const char *s = ev->msg;
	size_t n = ev->msg_len;
	if (wl_proc.extract && n >= 3 && (s[0] == '{' ||
	    !wl_memo_for(m, s, n) || m->equal) && wl_extract_may(s, n))
		return extract_then(ev, m);
	return limit(ev, m);
}

/*
 * Secrets go before anything keeps the message (the rate limiter's
 * sample, any sink).  The redacted copy lives on the stack, or in a
 * mapping for a long message (async-signal-safe, unlike malloc), until
 * the event has been delivered.
 */
static __attribute__((noinline)) int
redact_then(struct wl_event *ev, struct wl_memo *m)
{
	struct wl_redact_spans sp;
	if (wl_redact_scan(ev, wl_proc.redact, wl_proc.redacts,
	    wl_proc.nredacts, &sp) == 0)
		return limit_and_deliver(ev, m);
	size_t need = wl_redact_need(ev, &sp);
	char stack[2048];
	char *buf = stack;
	if (need > sizeof(stack)) {
		buf = mmap(NULL, need, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (buf == MAP_FAILED)
			return 0;	/* never deliver it unredacted */
	}
	wl_redact_apply(ev, &sp, buf);
	int rc = limit_and_deliver(ev, m);
	if (buf != stack) {
		int e = errno;
		munmap(buf, need);
		errno = e;
	}
	return rc;
}

/* NAME is WANT; the first byte decides most calls without a library
 * call (this runs for every event). */
static inline bool
is_named(const char *name, const char *want)
{
	return name[0] == want[0] && strcmp(name, want) == 0;
}

/*
 * Does the level decided by BY (a detector's name, a rule's) go without
 * a level_src field?  It does when no text decided it: "default" and
 * "syslog".  The classifier names them by the detectors' own strings,
 * so a pointer compare settles most events; any other string equal to
 * either is still found by its bytes.
 */
static inline bool
is_untold(const char *by)
{
	return by == wl_det_name(WL_DET_DEFAULT, 0) ||
	    by == wl_det_name(WL_DET_SYSLOG, 0) ||
	    is_named(by, "default") || is_named(by, "syslog");
}

/*
 * rules or classify -> (min_level) -> redact -> extract -> rate-limit ->
 * enrich -> format + sinks.
 * Rate limiting comes before enrichment so that a dropped event costs no
 * clock read beyond the limiter's own and no sequence number: seq counts
 * delivered events without gaps, and summaries account for the rest.
 * Inlined into both entries, so that a stderr line, most events, takes
 * one frame from line to limiter.
 */
static inline __attribute__((always_inline)) int
submit(struct wl_event *ev)
{
	/* What the thread concluded about a line like this one before
	 * (memo.h): a flood is read once.  The classifier and the rate
	 * limiter each use it only while ev->msg is the line it was made
	 * of (redaction and extraction may replace it). */
	struct wl_memo m;
	wl_memo_key(&m, ev->msg, ev->msg_len);
	/* The user's rules first; the built-in detectors when none set the
	 * level. */
	switch (wl_rules_apply(wl_proc.rules, wl_proc.nrules, ev)) {
	case WL_RULE_DROP:
		return 0;
	case WL_RULE_SET:
		break;
	case WL_RULE_NONE:
		wl_classify_memo(ev, &m);
		break;
	}
	/* What decided the level, when it was the text (a detector or a
	 * rule) rather than a default: level_src=glog, level_src=rule:x. */
	if (ev->decided_by != NULL && ev->nfields < WL_MAX_FIELDS &&
	    !is_untold(ev->decided_by))
		ev->fields[ev->nfields++] = (struct wl_field){ "level_src",
		    ev->decided_by, m.decided_len != 0 ? m.decided_len :
		    strlen(ev->decided_by) };
	/* A syslog level changed from the program's own: keep the original
	 * as a field, so that nothing is hidden. */
	if (ev->orig_pri >= 0 && ev->nfields < WL_MAX_FIELDS &&
	    wl_level_from_syslog(ev->orig_pri) != ev->severity) {
		static const char *const pri[8] = { "emerg", "alert", "crit",
			"err", "warning", "notice", "info", "debug" };
		const char *p = pri[ev->orig_pri & 7];
		ev->fields[ev->nfields++] = (struct wl_field){ "orig_level", p,
		    strlen(p) };
	}
	if (ev->severity < wl_proc.min_level)
		return 0;	/* below the configured minimum: dropped */
	if (!wl_proc.redact && wl_proc.nredacts == 0)
		return limit_and_deliver(ev, &m);
	return redact_then(ev, &m);
}

int
wl_pipeline_submit(struct wl_event *ev)
{
	return submit(ev);
}

int
wl_pipeline_deliver(struct wl_event *ev)
{
	wl_enrich(ev);
	return wl_sink_deliver(ev);
}

int
wl_pipeline_stderr_line(const char *api, const char *msg, size_t len,
    pid_t tid)
{
	struct wl_event ev;

	/* A line ending in CR LF is one line: the CR is not the message's. */
	if (len > 0 && msg[len - 1] == '\r')
		len--;
	wl_event_init(&ev, WL_SRC_STDERR, api, msg, len);
	ev.tid = tid;
	return submit(&ev);
}

void
wl_pipeline_syslog_opened(void)
{
	wl_sink_syslog_connect();
}

void
wl_pipeline_syslog_closed(void)
{
	wl_sink_syslog_close();
}
