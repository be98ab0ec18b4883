/*
 * pipeline.c - run an event through the stages, in order.
 */
#include <string.h>
#include "classify.h"
#include "enrich.h"
#include "pipeline.h"
#include "proc.h"
#include "ratelimit.h"
#include "sink.h"

/*
 * classify -> (min_level) -> rate-limit -> enrich -> format + sinks.
 * Rate limiting comes before enrichment so that a dropped event costs no
 * clock read beyond the limiter's own and no sequence number: seq counts
 * delivered events without gaps, and summaries account for the rest.
 */
int
wl_pipeline_submit(struct wl_event *ev)
{
	wl_classify(ev);
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
