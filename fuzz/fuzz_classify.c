/*
 * fuzz_classify.c - libFuzzer target for multi-line grouping
 * (interpose/group.c) and classification (classify.c and the detectors).
 *
 * The input's lines go through wl_group_line as one thread's stderr; each
 * event that comes out is classified, and the lines must all come out
 * once, in order.  Then each line is classified alone as a syslog event
 * with a priority taken from the input.  Classification must give a
 * known level and may only advance msg within the message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "classify.h"
#include "event.h"
#include "group.h"
#include "pipeline.h"
#include "ticker.h"

static char *got;
static size_t got_len, got_cap;

static void
check_level(const struct wl_event *ev, const char *msg, size_t len)
{
	switch (ev->severity) {
	case WL_SEV_TRACE: case WL_SEV_DEBUG: case WL_SEV_INFO:
	case WL_SEV_NOTICE: case WL_SEV_WARN: case WL_SEV_ERROR:
	case WL_SEV_CRIT: case WL_SEV_ALERT: case WL_SEV_FATAL:
		break;
	default:
		abort();
	}
	if (ev->msg < msg || ev->msg + ev->msg_len > msg + len ||
	    ev->decided_by == NULL)
		abort();
}

int
wl_pipeline_stderr_line(const char *api, const char *msg, size_t len,
    pid_t tid)
{
	struct wl_event ev;

	(void)tid;
	if (got_len + len + 1 > got_cap) {
		got_cap = (got_len + len + 1) * 2 + 64;
		got = realloc(got, got_cap);
		if (got == NULL)
			abort();
	}
	memcpy(got + got_len, msg, len);
	got_len += len;
	got[got_len++] = '\n';

	wl_event_init(&ev, WL_SRC_STDERR, api, msg, len);
	wl_classify(&ev);
	check_level(&ev, msg, len);
	return 0;
}

void
wl_ticker_start(void)
{
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	int pri = data[0] & 7;
	const char *p = (const char *)data + 1;
	size_t n = size - 1;

	wl_classify_forget();
	got_len = 0;
	size_t lines = 0;
	for (size_t off = 0; off < n;) {
		const char *nl = memchr(p + off, '\n', n - off);
		size_t len = nl != NULL ? (size_t)(nl - (p + off)) : n - off;
		if (wl_group_line("write", p + off, len, 0) != 0)
			abort();
		lines++;
		off += len + 1;
	}
	(void)wl_group_flush(true);

	/* Every line once, in order: the events' messages hold the lines
	 * joined by newlines, each event ending where a line did. */
	size_t want = 0;
	for (size_t off = 0; off < n;) {
		const char *nl = memchr(p + off, '\n', n - off);
		size_t len = nl != NULL ? (size_t)(nl - (p + off)) : n - off;
		want += len + 1;
		off += len + 1;
	}
	if (got_len != want)
		abort();
	for (size_t i = 0, j = 0; i < n && j < got_len; i++, j++) {
		char c = p[i];
		if (c != got[j])
			abort();
	}

	/* The same lines as syslog messages of priority PRI. */
	for (size_t off = 0; off < n;) {
		const char *nl = memchr(p + off, '\n', n - off);
		size_t len = nl != NULL ? (size_t)(nl - (p + off)) : n - off;
		struct wl_event ev;
		wl_event_init(&ev, WL_SRC_SYSLOG, "syslog", p + off, len);
		ev.orig_pri = pri;
		ev.facility = 3 << 3;
		wl_classify(&ev);
		check_level(&ev, p + off, len);
		off += len + 1;
	}
	(void)lines;
	return 0;
}
