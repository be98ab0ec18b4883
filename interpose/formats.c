/*
 * formats.c - logfmt, otlp-json and rfc5424 records (see formats.h).
 */
#include <string.h>
#include "format.h"
#include "formats.h"

static void
put_cstr(struct wl_out *o, const char *s)
{
	wl_out_put(o, s, strlen(s));
}

static size_t
nfields(const struct wl_event *ev)
{
	return ev->nfields < WL_MAX_FIELDS ? ev->nfields : WL_MAX_FIELDS;
}

/* ---- logfmt: key=value pairs; a value that is not a plain word is
 * quoted with JSON's string escapes, which logfmt readers decode. */

static void
lf_val(struct wl_out *o, const char *v, size_t n)
{
	if (v != NULL && wl_escape_is_bare(v, n)) {
		wl_out_put(o, v, n);
		return;
	}
	wl_out_putc(o, '"');
	if (v != NULL)
		wl_escape_json(o, v, n);
	wl_out_putc(o, '"');
}

static void
lf_pair(struct wl_out *o, const char *k, const char *v, size_t n)
{
	wl_out_putc(o, ' ');
	put_cstr(o, k);
	wl_out_putc(o, '=');
	lf_val(o, v, n);
}

static void
lf_num(struct wl_out *o, const char *k, long long v)
{
	wl_out_putc(o, ' ');
	put_cstr(o, k);
	wl_out_putc(o, '=');
	wl_out_sdec(o, v);
}

void
wl_format_logfmt(struct wl_out *o, const struct wl_event *ev,
    enum wl_scheme scheme)
{
	char ts[32];
	const char *level;
	int num;

	wl_format_time(&ev->ts, ts);
	WL_OUT_LIT(o, "ts=");
	wl_out_put(o, ts, 27);
	wl_scheme_level(scheme, ev->severity, &level, &num);
	lf_pair(o, "level", level, strlen(level));
	lf_num(o, "severity", num);
	lf_pair(o, "source", ev->source == WL_SRC_SYSLOG ? "syslog" : "stderr",
	    6);
	if (ev->api != NULL)
		lf_pair(o, "api", ev->api, strlen(ev->api));
	lf_pair(o, "msg", ev->msg != NULL ? ev->msg : "", ev->msg_len);
	const char *prog = ev->prog != NULL ? ev->prog : "?";
	lf_pair(o, "prog", prog, strlen(prog));
	lf_num(o, "pid", ev->pid);
	lf_num(o, "tid", ev->tid);
	if (ev->host != NULL)
		lf_pair(o, "host", ev->host, strlen(ev->host));
	if (ev->source == WL_SRC_SYSLOG) {
		if (ev->ident != NULL && ev->ident_len > 0)
			lf_pair(o, "ident", ev->ident, ev->ident_len);
		const char *f = wl_facility_name(ev->facility);
		if (f != NULL)
			lf_pair(o, "facility", f, strlen(f));
	}
	if (ev->seq != 0)
		lf_num(o, "seq", (long long)ev->seq);
	for (size_t i = 0; i < nfields(ev); i++)
		if (ev->fields[i].key != NULL)
			lf_pair(o, ev->fields[i].key, ev->fields[i].val,
			    ev->fields[i].vlen);
	wl_out_putc(o, '\n');
}

/* ---- otlp-json: one OpenTelemetry LogRecord per line, with its
 * resource, in the OTLP/JSON encoding (64-bit integers as strings). */

static void
js_str(struct wl_out *o, const char *s, size_t n)
{
	wl_out_putc(o, '"');
	wl_escape_json(o, s != NULL ? s : "", s != NULL ? n : 0);
	wl_out_putc(o, '"');
}

/* {"key":"K","value":{"stringValue":"V"}} */
static void
ot_attr(struct wl_out *o, int *first, const char *k, const char *v,
    size_t n)
{
	if (!*first)
		wl_out_putc(o, ',');
	*first = 0;
	WL_OUT_LIT(o, "{\"key\":");
	js_str(o, k, strlen(k));
	WL_OUT_LIT(o, ",\"value\":{\"stringValue\":");
	js_str(o, v, n);
	WL_OUT_LIT(o, "}}");
}

static void
ot_int(struct wl_out *o, int *first, const char *k, long long v)
{
	if (!*first)
		wl_out_putc(o, ',');
	*first = 0;
	WL_OUT_LIT(o, "{\"key\":");
	js_str(o, k, strlen(k));
	WL_OUT_LIT(o, ",\"value\":{\"intValue\":\"");
	wl_out_sdec(o, v);
	WL_OUT_LIT(o, "\"}}");
}

void
wl_format_otlp(struct wl_out *o, const struct wl_event *ev)
{
	const char *trace = NULL, *span = NULL, *service = NULL;
	size_t trace_n = 0, span_n = 0, service_n = 0;
	unsigned long long ns = (unsigned long long)ev->ts.tv_sec *
	    1000000000ULL + (unsigned long long)ev->ts.tv_nsec;
	int first = 1;

	for (size_t i = 0; i < nfields(ev); i++) {
		const struct wl_field *f = &ev->fields[i];
		if (f->key == NULL)
			continue;
		if (strcmp(f->key, "trace_id") == 0) {
			trace = f->val;
			trace_n = f->vlen;
		} else if (strcmp(f->key, "span_id") == 0) {
			span = f->val;
			span_n = f->vlen;
		} else if (strcmp(f->key, "service") == 0) {
			service = f->val;
			service_n = f->vlen;
		}
	}
	WL_OUT_LIT(o, "{\"resource\":{\"attributes\":[");
	if (service != NULL)
		ot_attr(o, &first, "service.name", service, service_n);
	else
		ot_attr(o, &first, "service.name",
		    ev->prog != NULL ? ev->prog : "?",
		    strlen(ev->prog != NULL ? ev->prog : "?"));
	if (ev->host != NULL)
		ot_attr(o, &first, "host.name", ev->host, strlen(ev->host));
	ot_int(o, &first, "process.pid", ev->pid);
	WL_OUT_LIT(o, "]},\"timeUnixNano\":\"");
	wl_out_udec(o, ns);
	WL_OUT_LIT(o, "\",\"observedTimeUnixNano\":\"");
	wl_out_udec(o, ns);
	WL_OUT_LIT(o, "\",\"severityNumber\":");
	wl_out_udec(o, ev->severity != 0 ? ev->severity : 9);
	WL_OUT_LIT(o, ",\"severityText\":");
	const char *level = wl_level_name(ev->severity);
	js_str(o, level, strlen(level));
	WL_OUT_LIT(o, ",\"body\":{\"stringValue\":");
	js_str(o, ev->msg, ev->msg_len);
	WL_OUT_LIT(o, "},\"attributes\":[");
	first = 1;
	ot_int(o, &first, "thread.id", ev->tid);
	ot_attr(o, &first, "log.source",
	    ev->source == WL_SRC_SYSLOG ? "syslog" : "stderr", 6);
	if (ev->api != NULL)
		ot_attr(o, &first, "code.function", ev->api, strlen(ev->api));
	if (ev->seq != 0)
		ot_int(o, &first, "log.record.seq", (long long)ev->seq);
	if (ev->source == WL_SRC_SYSLOG) {
		if (ev->ident != NULL && ev->ident_len > 0)
			ot_attr(o, &first, "syslog.ident", ev->ident,
			    ev->ident_len);
		const char *f = wl_facility_name(ev->facility);
		if (f != NULL)
			ot_attr(o, &first, "syslog.facility", f, strlen(f));
	}
	for (size_t i = 0; i < nfields(ev); i++) {
		const struct wl_field *f = &ev->fields[i];
		if (f->key == NULL || f->val == trace || f->val == span ||
		    f->val == service)
			continue;
		ot_attr(o, &first, f->key, f->val, f->vlen);
	}
	wl_out_putc(o, ']');
	if (trace != NULL && span != NULL) {
		WL_OUT_LIT(o, ",\"traceId\":");
		js_str(o, trace, trace_n);
		WL_OUT_LIT(o, ",\"spanId\":");
		js_str(o, span, span_n);
	}
	WL_OUT_LIT(o, "}\n");
}

/* ---- rfc5424: <PRI>1 TS HOST APP PROCID MSGID [SD] MSG, one per line. */

/* The private enterprise number of the structured data's SD-ID.  32473
 * is the number IANA reserves for documentation (RFC 5612). */
#define WL_SD_ID "withlog@32473"

/* A header field: printable US-ASCII without spaces, at most MAX bytes;
 * "-" when empty.  Other bytes become '_'. */
static void
hdr(struct wl_out *o, const char *s, size_t n, size_t max)
{
	if (s == NULL || n == 0) {
		wl_out_putc(o, '-');
		return;
	}
	if (n > max)
		n = max;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		wl_out_putc(o, c > 32 && c < 127 ? (char)c : '_');
	}
}

/* A PARAM-VALUE: '"', '\' and ']' escaped by a backslash (RFC 5424
 * 6.3.3); control bytes and invalid UTF-8 as the text format writes them,
 * so that the record stays one line. */
static void
sd_value(struct wl_out *o, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c != '"' && c != '\\' && c != ']')
			continue;
		wl_escape_text(o, s + run, i - run, 0);
		wl_out_putc(o, '\\');
		wl_out_putc(o, c);
		run = i + 1;
	}
	wl_escape_text(o, s + run, n - run, 0);
}

static void
sd_param(struct wl_out *o, const char *k, const char *v, size_t n)
{
	wl_out_putc(o, ' ');
	hdr(o, k, strlen(k), 32);
	WL_OUT_LIT(o, "=\"");
	sd_value(o, v != NULL ? v : "", v != NULL ? n : 0);
	wl_out_putc(o, '"');
}

void
wl_format_rfc5424(struct wl_out *o, const struct wl_event *ev,
    enum wl_scheme scheme)
{
	char ts[32], num[24];
	const char *level;
	int lnum;
	int fac = ev->facility >= 0 && ev->facility < 24 ? ev->facility : 1;

	wl_out_putc(o, '<');
	wl_out_udec(o, (unsigned long long)(fac * 8 +
	    wl_event_priority(ev)));
	WL_OUT_LIT(o, ">1 ");
	wl_format_time(&ev->ts, ts);
	wl_out_put(o, ts, 27);
	wl_out_putc(o, ' ');
	hdr(o, ev->host, ev->host != NULL ? strlen(ev->host) : 0, 255);
	wl_out_putc(o, ' ');
	if (ev->ident != NULL && ev->ident_len > 0)
		hdr(o, ev->ident, ev->ident_len, 48);
	else
		hdr(o, ev->prog, ev->prog != NULL ? strlen(ev->prog) : 0, 48);
	wl_out_putc(o, ' ');
	wl_out_sdec(o, ev->pid);
	wl_out_putc(o, ' ');
	hdr(o, ev->api, ev->api != NULL ? strlen(ev->api) : 0, 32);
	WL_OUT_LIT(o, " [" WL_SD_ID);
	wl_scheme_level(scheme, ev->severity, &level, &lnum);
	sd_param(o, "level", level, strlen(level));
	struct wl_out n;
	wl_out_init(&n, num, sizeof(num));
	wl_out_sdec(&n, lnum);
	sd_param(o, "severity", num, n.len);
	wl_out_init(&n, num, sizeof(num));
	wl_out_sdec(&n, ev->tid);
	sd_param(o, "tid", num, n.len);
	if (ev->seq != 0) {
		wl_out_init(&n, num, sizeof(num));
		wl_out_udec(&n, ev->seq);
		sd_param(o, "seq", num, n.len);
	}
	sd_param(o, "source", ev->source == WL_SRC_SYSLOG ? "syslog" :
	    "stderr", 6);
	for (size_t i = 0; i < nfields(ev); i++)
		if (ev->fields[i].key != NULL)
			sd_param(o, ev->fields[i].key, ev->fields[i].val,
			    ev->fields[i].vlen);
	WL_OUT_LIT(o, "] ");
	if (ev->msg != NULL)
		wl_escape_text(o, ev->msg, ev->msg_len, 0);
	wl_out_putc(o, '\n');
}
