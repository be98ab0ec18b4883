/*
 * fuzz_format.c - libFuzzer target for every formatter (interpose/format.c,
 * formats.c, escape.c) and for field extraction (extract.c) before them.
 *
 * The input becomes one event: a header byte chooses the source, level,
 * scheme, options and entry point; the rest, cut at 0xff bytes, gives the
 * message, the syslog ident, the program and host names, a text template
 * and field values.  Every format must give exactly one line ending in a
 * newline, the same length whatever the buffer, JSON that jansson parses
 * with no key twice, and text without a control byte.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event.h"
#include "extract.h"
#include "format.h"
#include "level.h"

#define MAXREC (1 << 20)

static char *rec, *small;

static const char *
piece(const uint8_t **p, const uint8_t *end, size_t *len)
{
	const uint8_t *s = *p;
	const uint8_t *e = memchr(s, 0xff, (size_t)(end - s));
	if (e == NULL)
		e = end;
	*len = (size_t)(e - s);
	*p = e < end ? e + 1 : end;
	return (const char *)s;
}

static void
check(enum wl_format fmt, const struct wl_format_opts *o,
    const struct wl_event *ev)
{
	size_t n = wl_format_event_in(fmt, o, ev, rec, MAXREC);
	if (getenv("FUZZ_DEBUG"))
		fprintf(stderr, "fmt %d n %zu [%.*s]\n", (int)fmt, n, (int)(n < 400 ? n : 400), rec);
	if (n == 0 || n > MAXREC || rec[n - 1] != '\n' ||
	    memchr(rec, '\n', n - 1) != NULL)
		abort();
	/* The retry contract: a short buffer gives the same length. */
	if (wl_format_event_in(fmt, o, ev, small, n - 1) != n ||
	    wl_format_event_in(fmt, o, ev, NULL, 0) != n)
		abort();
	if (fmt == WL_FMT_JSON || fmt == WL_FMT_OTLP) {
		json_error_t e;
		json_t *j = json_loadb(rec, n - 1, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &e);
		if (j == NULL || !json_is_object(j))
			abort();
		json_decref(j);
	}
	if (fmt != WL_FMT_JSON && fmt != WL_FMT_OTLP &&
	    !(o->flags & WL_FMT_COLOR))
		for (size_t i = 0; i + 1 < n; i++)
			if ((unsigned char)rec[i] < 0x20 || rec[i] == 0x7f)
				abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const apis[] = { "write", "fprintf", "syslog",
	    "__syslog_chk", "perror", "ratelimit" };
	static const uint8_t sevs[] = { WL_SEV_TRACE, WL_SEV_DEBUG,
	    WL_SEV_INFO, WL_SEV_NOTICE, WL_SEV_WARN, WL_SEV_ERROR,
	    WL_SEV_CRIT, WL_SEV_ALERT, WL_SEV_FATAL };
	static char keys[WL_MAX_FIELDS][16];
	static char *xbuf;
	struct wl_event ev;
	struct wl_text_tmpl tmpl;
	char why[128];

	if (rec == NULL) {
		rec = malloc(MAXREC);
		small = malloc(MAXREC);
		xbuf = malloc(1 << 16);
		if (rec == NULL || small == NULL || xbuf == NULL)
			abort();
	}
	if (size < 4)
		return 0;
	uint8_t h0 = data[0], h1 = data[1], h2 = data[2];
	const uint8_t *p = data + 3, *end = data + size;
	size_t len, ilen, plen, hlen, tlen;

	const char *msg = piece(&p, end, &len);
	const char *ident = piece(&p, end, &ilen);
	const char *prog = piece(&p, end, &plen);
	const char *host = piece(&p, end, &hlen);
	const char *tsrc = piece(&p, end, &tlen);
	char progz[64], hostz[64], tz[256];
	snprintf(progz, sizeof(progz), "%.*s", (int)plen, prog);
	snprintf(hostz, sizeof(hostz), "%.*s", (int)hlen, host);
	snprintf(tz, sizeof(tz), "%.*s", (int)tlen, tsrc);

	wl_event_init(&ev, (h0 & 1) ? WL_SRC_SYSLOG : WL_SRC_STDERR,
	    apis[(h0 >> 1) % 6], msg, len);
	ev.severity = sevs[(h0 >> 4) % 9];
	ev.ts.tv_sec = (time_t)(((uint64_t)h1 << 28) | ((uint64_t)h2 << 20)) %
	    253402300800ull;
	ev.ts.tv_nsec = (long)(h1 * 3906250L) % 1000000000L;
	ev.prog = progz;
	ev.host = hostz;
	ev.pid = h1;
	ev.tid = h2;
	ev.seq = (uint64_t)h1 * h2;
	if (ev.source == WL_SRC_SYSLOG) {
		ev.ident = ident;
		ev.ident_len = ilen;
		ev.facility = (h2 & 0x1f) << 3;
		ev.orig_pri = h2 & 7;
	}
	ev.decided_by = (h1 & 1) ? "keyword:error" : NULL;
	/* Field values from the rest; names folded into [a-z0-9_.]. */
	while (p < end && ev.nfields < 8) {
		const char *v = piece(&p, end, &len);
		unsigned i = ev.nfields;
		snprintf(keys[i], sizeof(keys[i]), "f.%c%u",
		    (int)('a' + len % 26), i);
		ev.fields[ev.nfields++] = (struct wl_field){ keys[i], v, len };
	}
	/* Fields taken from a JSON or logfmt message, as the pipeline does. */
	if (h2 & 0x80)
		(void)wl_extract(&ev, xbuf, 1 << 16);

	struct wl_format_opts o = { .scheme = (enum wl_scheme)(h1 % 6),
	    .flags = (h1 & 0x40) ? WL_FMT_COLOR : 0, .text = NULL };
	for (int f = WL_FMT_TEXT; f <= WL_FMT_RFC5424; f++)
		check((enum wl_format)f, &o, &ev);
	if (wl_text_tmpl_parse(tz, &tmpl, why, sizeof(why)) == 0) {
		o.text = &tmpl;
		check(WL_FMT_TEXT, &o, &ev);
	}
	return 0;
}
