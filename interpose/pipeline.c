/*
 * pipeline.c - run an event through the stages, in order.
 */
#include <string.h>
#include "classify.h"
#include "enrich.h"
#include "level.h"
#include "pipeline.h"
#include "proc.h"
#include "ratelimit.h"
#include "rules.h"
#include "sink.h"

/*
 * rules or classify -> (min_level) -> rate-limit -> enrich -> format +
 * sinks.
 * Rate limiting comes before enrichment so that a dropped event costs no
 * clock read beyond the limiter's own and no sequence number: seq counts
 * delivered events without gaps, and summaries account for the rest.
 */
int
wl_pipeline_submit(struct wl_event *ev)
{
	/* The user's rules first; the built-in detectors when none set the
	 * level. */
	switch (wl_rules_apply(wl_proc.rules, wl_proc.nrules, ev)) {
	case WL_RULE_DROP:
		return 0;
	case WL_RULE_SET:
		break;
	case WL_RULE_NONE:
		wl_classify(ev);
		break;
	}
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
	if (!wl_ratelimit_admit(ev))
		return 0;
	return wl_pipeline_deliver(ev);
}

int
wl_pipeline_deliver(struct wl_event *ev)
{
	wl_enrich(ev);
	return wl_sink_deliver(ev);
}

int
wl_pipeline_stderr_line(const char *api, const char *msg, size_t len)
{
	struct wl_event ev;

	/* A line ending in CR LF is one line: the CR is not the message's. */
	if (len > 0 && msg[len - 1] == '\r')
		len--;
	wl_event_init(&ev, WL_SRC_STDERR, api, msg, len);
	return wl_pipeline_submit(&ev);
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
