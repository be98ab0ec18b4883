/*
 * format.c - render one event as one text or JSON record.
 *
 * This runs in the host's threads, possibly inside a signal handler, for
 * every line the host logs.  So: no malloc, no locks, no stdio (snprintf
 * can allocate and takes the locale), no gmtime_r (glibc takes the tz
 * lock).  Numbers and dates are rendered by hand; every byte that came
 * from the host goes through an escaper (escape.c), so one event gives
 * exactly one line.
 */
#include <signal.h>
#include <string.h>
#include "escape.h"
#include "format.h"
#include "formats.h"
#include "level.h"

/*
 * The rendered "YYYY-MM-DDTHH:MM:SS" of the last second seen by this
 * thread: a burst of lines mostly shares a second, and the date is the
 * costly part.  Initial-exec TLS because the library is loaded at start
 * (LD_PRELOAD); it saves a __tls_get_addr call.  busy keeps a signal
 * handler that interrupts an update or a read from using or rewriting
 * half a string: it renders without the cache instead.
 */
static __thread struct {
	time_t sec;
	int valid;
	volatile sig_atomic_t busy;
	char text[19];
} tcache __attribute__((tls_model("initial-exec")));

/*
 * The rendered identity of the last event seen by this thread: in text
 * "prog[pid/tid]: ", in JSON ',"prog":"...","pid":N,"tid":N,"host":"..."'.
 * They are the same for every line a thread writes, and rendering them
 * (two escapes, two numbers) was a tenth of the cost of a record.  Keyed
 * by the prog and host pointers (the process's own strings) and the ids;
 * busy plays the same part as in tcache.
 */
#define WHO_TEXT_MAX 96
#define WHO_JSON_MAX 400
static __thread struct {
	const char *prog, *host;
	pid_t pid, tid;
	volatile sig_atomic_t busy;
	unsigned short tlen, jlen;	/* 0: not rendered */
	char text[WHO_TEXT_MAX];
	char json[WHO_JSON_MAX];
} who __attribute__((tls_model("initial-exec")));

/* The instants a four-digit year can hold: 0000-01-01 to 9999-12-31. */
#define TIME_MIN	(-62167219200LL)
#define TIME_MAX	253402300799LL

/*
 * Facility names by code (the facility argument >> 3).  Codes 12-15 have
 * no name in glibc's <syslog.h>; these are the ones rsyslog and BSD
 * syslogd accept, so a reader can map them back.
 */
static const char *const facilities[24] = {
	"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", "ntp", "security", "console",
	"solaris-cron", "local0", "local1", "local2", "local3", "local4",
	"local5", "local6", "local7",
};

const char *
wl_facility_name(int f)
{
	return f >= 0 && f < 24 ? facilities[f] : NULL;
}

int
wl_format_parse(const char *name, enum wl_format *out)
{
	if (name == NULL)
		return -1;
	if (strcmp(name, "text") == 0)
		*out = WL_FMT_TEXT;
	else if (strcmp(name, "json") == 0)
		*out = WL_FMT_JSON;
	else if (strcmp(name, "logfmt") == 0)
		*out = WL_FMT_LOGFMT;
	else if (strcmp(name, "otlp-json") == 0)
		*out = WL_FMT_OTLP;
	else if (strcmp(name, "rfc5424") == 0)
		*out = WL_FMT_RFC5424;
	else
		return -1;
	return 0;
}

static void
put2(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

/*
 * Render SEC as "YYYY-MM-DDTHH:MM:SS" into P (19 bytes).  The date is
 * the days-to-civil algorithm of Howard Hinnant's "chrono-Compatible
 * Low-Level Date Algorithms": shift the year to start on March 1 so the
 * leap day is the last day of its year, then split into 400-year eras.
 */
static void
render_second(long long sec, char *p)
{
	long long days, sod, era, y;
	unsigned doe, yoe, doy, mp, m, d;

	days = sec / 86400;
	sod = sec % 86400;
	if (sod < 0) {		/* before 1970: floor, not truncation */
		sod += 86400;
		days--;
	}
	days += 719468;		/* from 1970-01-01 to 0000-03-01 */
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = (unsigned)(days - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;

	put2(p, (unsigned)(y / 100));
	put2(p + 2, (unsigned)(y % 100));
	p[4] = '-';
	put2(p + 5, m);
	p[7] = '-';
	put2(p + 8, d);
	p[10] = 'T';
	put2(p + 11, (unsigned)(sod / 3600));
	p[13] = ':';
	put2(p + 14, (unsigned)(sod / 60 % 60));
	p[16] = ':';
	put2(p + 17, (unsigned)(sod % 60));
}

void
wl_format_time(const struct timespec *ts, char out[32])
{
	long long sec = ts->tv_sec;
	long nsec = ts->tv_nsec;
	unsigned us;

	/* A clock cannot give these, but a bad timespec must still give
	 * 27 bytes: clamp to the years RFC 3339 can write. */
	if (sec < TIME_MIN || nsec < 0)
		nsec = 0;
	if (sec > TIME_MAX || nsec > 999999999)
		nsec = 999999999;
	if (sec < TIME_MIN)
		sec = TIME_MIN;
	if (sec > TIME_MAX)
		sec = TIME_MAX;

	if (tcache.busy)
		render_second(sec, out);
	else {
		tcache.busy = 1;
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		if (!tcache.valid || tcache.sec != sec) {
			render_second(sec, tcache.text);
			tcache.sec = sec;
			tcache.valid = 1;
		}
		memcpy(out, tcache.text, 19);
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
		tcache.busy = 0;
	}

	out[19] = '.';
	/* Six digits as three pairs: fewer divisions on every record. */
	us = (unsigned)(nsec / 1000);
	put2(out + 20, us / 10000);
	put2(out + 22, us / 100 % 100);
	put2(out + 24, us % 100);
	out[26] = 'Z';
	out[27] = '\0';
}

static void
put_cstr_text(struct wl_out *o, const char *s, int quote)
{
	wl_escape_text(o, s, strlen(s), quote);
}

static void
put_cstr_json(struct wl_out *o, const char *s)
{
	wl_escape_json(o, s, strlen(s));
}

static void
put_time(struct wl_out *o, const struct timespec *ts)
{
	char t[32];

	wl_format_time(ts, t);
	wl_out_put(o, t, 27);
}

/* ,"KEY": -- the opening of a member. */
#define JSON_KEY(o, lit)	WL_OUT_LIT(o, ",\"" lit "\":")

static void
who_text_render(struct wl_out *o, const struct wl_event *ev,
    const char *name, size_t len)
{
	wl_escape_text(o, name, len, 0);
	wl_out_putc(o, '[');
	wl_out_sdec(o, ev->pid);
	wl_out_putc(o, '/');
	wl_out_sdec(o, ev->tid);
	WL_OUT_LIT(o, "]: ");
}

static void
who_json_render(struct wl_out *o, const struct wl_event *ev)
{
	WL_OUT_LIT(o, ",\"prog\":\"");
	put_cstr_json(o, ev->prog != NULL ? ev->prog : "?");
	WL_OUT_LIT(o, "\",\"pid\":");
	wl_out_sdec(o, ev->pid);
	JSON_KEY(o, "tid");
	wl_out_sdec(o, ev->tid);
	if (ev->host != NULL) {
		JSON_KEY(o, "host");
		wl_out_putc(o, '"');
		put_cstr_json(o, ev->host);
		wl_out_putc(o, '"');
	}
}

/* Is the thread's identity cache for EV's prog, host and ids? */
static int
who_matches(const struct wl_event *ev)
{
	return who.prog == ev->prog && who.host == ev->host &&
	    who.pid == ev->pid && who.tid == ev->tid;
}

static void
who_reset(const struct wl_event *ev)
{
	who.prog = ev->prog;
	who.host = ev->host;
	who.pid = ev->pid;
	who.tid = ev->tid;
	who.tlen = who.jlen = 0;
}

/*
 * Put the cached rendering (CACHE, *LEN) or render into it first with
 * RENDER; fall back to rendering in place when a signal handler
 * interrupted a use of the cache or the rendering does not fit.
 */
static void
who_put(struct wl_out *o, const struct wl_event *ev, char *cache,
    unsigned short *len, size_t cap,
    void (*render)(struct wl_out *, const struct wl_event *))
{
	if (who.busy) {
		render(o, ev);
		return;
	}
	who.busy = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (!who_matches(ev))
		who_reset(ev);
	if (*len == 0) {
		struct wl_out c;
		wl_out_init(&c, cache, cap);
		render(&c, ev);
		if (c.len <= cap)
			*len = (unsigned short)c.len;
	}
	if (*len != 0)
		wl_out_put(o, cache, *len);
	else
		render(o, ev);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	who.busy = 0;
}

static void
who_text_prog(struct wl_out *o, const struct wl_event *ev)
{
	const char *p = ev->prog != NULL ? ev->prog : "?";
	who_text_render(o, ev, p, strlen(p));
}

static void
who_text(struct wl_out *o, const struct wl_event *ev)
{
	who_put(o, ev, who.text, &who.tlen, WHO_TEXT_MAX, who_text_prog);
}

static void
who_json(struct wl_out *o, const struct wl_event *ev)
{
	who_put(o, ev, who.json, &who.jlen, WHO_JSON_MAX, who_json_render);
}

/* The fields a later stage added; a hole (NULL key) is skipped. */
static unsigned
nfields(const struct wl_event *ev)
{
	return ev->nfields < WL_MAX_FIELDS ? ev->nfields : WL_MAX_FIELDS;
}

/* The SGR colour of a level on a terminal: red for ERROR and above
 * (bold for FATAL), yellow for WARN, dim for DEBUG and TRACE. */
static const char *
colour(int sev)
{
	if (sev >= 21)
		return "\x1b[1;31m";
	if (sev >= 17)
		return "\x1b[31m";
	if (sev >= 13)
		return "\x1b[33m";
	if (sev >= 9 || sev == 0)
		return NULL;
	return "\x1b[2m";
}

static void
format_text(struct wl_out *o, const struct wl_event *ev,
    enum wl_scheme scheme, unsigned flags)
{
	const char *level;
	int num;
	wl_scheme_level(scheme, ev->severity, &level, &num);
	size_t llen = strlen(level);
	const struct wl_field *f;
	unsigned i;

	put_time(o, &ev->ts);
	wl_out_putc(o, ' ');
	const char *c = (flags & WL_FMT_COLOR) ? colour(ev->severity) : NULL;
	if (c != NULL)
		wl_out_put(o, c, strlen(c));
	wl_out_put(o, level, llen);
	if (c != NULL)
		WL_OUT_LIT(o, "\x1b[0m");
	/* Pad to five so messages line up; NOTICE overflows by one. */
	if (llen < 5)
		wl_out_put(o, "     ", 5 - llen);
	wl_out_putc(o, ' ');
	if (ev->source == WL_SRC_SYSLOG && ev->ident != NULL &&
	    ev->ident_len > 0)
		who_text_render(o, ev, ev->ident, ev->ident_len);
	else
		who_text(o, ev);
	if (ev->msg != NULL)
		wl_escape_text(o, ev->msg, ev->msg_len, 0);
	for (i = 0; i < nfields(ev); i++) {
		f = &ev->fields[i];
		if (f->key == NULL)
			continue;
		wl_out_putc(o, ' ');
		put_cstr_text(o, f->key, 0);
		wl_out_putc(o, '=');
		if (f->val == NULL)
			WL_OUT_LIT(o, "\"\"");
		else if (wl_escape_is_bare(f->val, f->vlen))
			wl_out_put(o, f->val, f->vlen);
		else {
			wl_out_putc(o, '"');
			wl_escape_text(o, f->val, f->vlen, 1);
			wl_out_putc(o, '"');
		}
	}
	wl_out_putc(o, '\n');
}


static void
format_json(struct wl_out *o, const struct wl_event *ev,
    enum wl_scheme scheme)
{
	const struct wl_field *f;
	const char *level;
	int num;
	int syslog = ev->source == WL_SRC_SYSLOG;
	unsigned i;

	WL_OUT_LIT(o, "{\"ts\":\"");
	put_time(o, &ev->ts);
	WL_OUT_LIT(o, "\",\"level\":\"");
	/* The scheme's name (ours: plain ASCII) and number. */
	wl_scheme_level(scheme, ev->severity, &level, &num);
	wl_out_put(o, level, strlen(level));
	WL_OUT_LIT(o, "\",\"severity\":");
	wl_out_sdec(o, num);
	if (syslog)
		WL_OUT_LIT(o, ",\"source\":\"syslog\"");
	else
		WL_OUT_LIT(o, ",\"source\":\"stderr\"");
	if (ev->api != NULL) {
		JSON_KEY(o, "api");
		wl_out_putc(o, '"');
		put_cstr_json(o, ev->api);
		wl_out_putc(o, '"');
	}
	JSON_KEY(o, "msg");
	wl_out_putc(o, '"');
	if (ev->msg != NULL)
		wl_escape_json(o, ev->msg, ev->msg_len);
	wl_out_putc(o, '"');
	who_json(o, ev);
	if (syslog && ev->ident != NULL && ev->ident_len > 0) {
		JSON_KEY(o, "ident");
		wl_out_putc(o, '"');
		wl_escape_json(o, ev->ident, ev->ident_len);
		wl_out_putc(o, '"');
	}
	/* Codes past local7 have no name; leave the key out. */
	if (syslog && ev->facility >= 0 && ev->facility < 24) {
		JSON_KEY(o, "facility");
		wl_out_putc(o, '"');
		put_cstr_json(o, facilities[ev->facility]);
		wl_out_putc(o, '"');
	}
	if (ev->seq != 0) {
		JSON_KEY(o, "seq");
		wl_out_udec(o, ev->seq);
	}
	for (i = 0; i < nfields(ev); i++) {
		f = &ev->fields[i];
		if (f->key == NULL)
			continue;
		WL_OUT_LIT(o, ",\"");
		put_cstr_json(o, f->key);
		WL_OUT_LIT(o, "\":\"");
		if (f->val != NULL)
			wl_escape_json(o, f->val, f->vlen);
		wl_out_putc(o, '"');
	}
	WL_OUT_LIT(o, "}\n");
}

size_t
wl_format_event(enum wl_format fmt, const struct wl_event *ev, char *buf,
    size_t cap)
{
	return wl_format_event_in(fmt, WL_SCHEME_OTEL, 0, ev, buf, cap);
}

size_t
wl_format_event_in(enum wl_format fmt, enum wl_scheme scheme, unsigned flags,
    const struct wl_event *ev, char *buf, size_t cap)
{
	struct wl_out o;

	wl_out_init(&o, buf, cap);
	switch (fmt) {
	case WL_FMT_JSON:
		format_json(&o, ev, scheme);
		break;
	case WL_FMT_LOGFMT:
		wl_format_logfmt(&o, ev, scheme);
		break;
	case WL_FMT_OTLP:
		wl_format_otlp(&o, ev);
		break;
	case WL_FMT_RFC5424:
		wl_format_rfc5424(&o, ev, scheme);
		break;
	default:
		format_text(&o, ev, scheme, flags);
		break;
	}
	return o.len;
}
