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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "escape.h"
#include "format.h"
#include "formats.h"
#include "journal.h"
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

/*
 * The head of the last record this thread rendered, per format: in text
 * "2026-11-21T20:01:02.000000Z INFO  prog[pid/tid]: ", in JSON everything
 * before the message and the identity that follows it.  A burst of lines
 * shares all of it but the six digits of the microseconds, which are
 * written over the copy: one copy and one number instead of a date, a
 * level, two escapes and up to four numbers.  Keyed by everything the
 * head is made of: the second (so a cached head never shows another
 * second, whatever the clock does), the level, scheme and colour, the
 * source, the entry point (its name is a constant string), the prog and
 * host pointers and the ids (a fork child has another pid); busy plays
 * the same part as in tcache.
 */
#define HEAD_MAX 480
struct head {
	long long sec;
	const char *prog, *host, *api;
	pid_t pid, tid;
	unsigned char sev, scheme, flags, source;
	unsigned short len;	/* 0: not rendered */
	unsigned short who;	/* JSON: the identity, after the head */
	char text[HEAD_MAX];
};
static __thread struct {
	volatile sig_atomic_t busy;
	struct head h[2];	/* text, JSON */
} heads __attribute__((tls_model("initial-exec")));

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

/* V (below 100) as two digits at P: one load (escape.h). */
static inline void
put2(char *p, unsigned v)
{
	memcpy(p, wl_digits2 + 2 * v, 2);
}

/* The microseconds of NSEC (0 to 999999999) as six digits at P. */
static inline void
put_us(char *p, long nsec)
{
	unsigned us = (unsigned)nsec / 1000;

	put2(p, us / 10000);
	put2(p + 2, us / 100 % 100);
	put2(p + 4, us % 100);
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
	put_us(out + 20, nsec);
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

static void format_fields(struct wl_out *o, const struct wl_event *ev);

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

/* The head of a text record: time, level, who; everything before the
 * message. */
static void
text_head(struct wl_out *o, const struct wl_event *ev,
    enum wl_scheme scheme, unsigned flags)
{
	const char *level;
	int num;
	wl_scheme_level(scheme, ev->severity, &level, &num);
	size_t llen = strlen(level);

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
}

static void json_head(struct wl_out *o, const struct wl_event *ev,
    enum wl_scheme scheme);

/* Render EV's head into H (see head_for); NULL if it cannot be cached. */
static __attribute__((noinline)) struct head *
head_render(struct head *h, const struct wl_event *ev, int json,
    enum wl_scheme scheme, unsigned flags, const char *api)
{
	long long sec = ev->ts.tv_sec;

	if (sec < TIME_MIN || sec > TIME_MAX || ev->ts.tv_nsec < 0 ||
	    ev->ts.tv_nsec > 999999999 || (unsigned)scheme > 255)
		return NULL;
	h->len = 0;
	struct wl_out c;
	wl_out_init(&c, h->text, sizeof(h->text));
	if (json) {
		json_head(&c, ev, scheme);
		size_t at = c.len;
		who_json_render(&c, ev);
		if (c.len > sizeof(h->text))
			return NULL;
		h->who = (unsigned short)(c.len - at);
		c.len = at;
	} else {
		text_head(&c, ev, scheme, flags);
		if (c.len > sizeof(h->text))
			return NULL;
	}
	h->sec = sec;
	h->prog = ev->prog;
	h->host = ev->host;
	h->api = api;
	h->pid = ev->pid;
	h->tid = ev->tid;
	h->sev = ev->severity;
	h->scheme = (unsigned char)scheme;
	h->flags = (unsigned char)flags;
	h->source = ev->source;
	h->len = (unsigned short)c.len;
	return h;
}

/*
 * The thread's cached head for EV in text (JSON 0) or JSON, rendered
 * first if need be; NULL when EV's cannot be cached (a syslog ident in
 * text, a time out of range, a head too long).  heads.busy is set.
 */
static inline struct head *
head_for(const struct wl_event *ev, int json, enum wl_scheme scheme,
    unsigned flags)
{
	struct head *h = &heads.h[json];
	const char *api = json ? ev->api : NULL;

	if (!json) {
		if (ev->source == WL_SRC_SYSLOG && ev->ident != NULL &&
		    ev->ident_len > 0)
			return NULL;	/* the ident is the caller's bytes */
		flags &= WL_FMT_COLOR;
	} else {
		flags = 0;
	}
	if (h->len != 0 && h->sec == ev->ts.tv_sec &&
	    h->sev == ev->severity && h->tid == ev->tid &&
	    h->pid == ev->pid && h->api == api && h->prog == ev->prog &&
	    h->host == ev->host && h->scheme == scheme &&
	    h->flags == flags && h->source == ev->source)
		return h;
	return head_render(h, ev, json, scheme, flags, api);
}

/* Put head H, the microseconds of TS written over its copy at AT. */
static inline void
head_put(struct wl_out *o, const struct head *h, size_t at,
    const struct timespec *ts)
{
	size_t start = o->len;
	wl_out_put(o, h->text, h->len);
	if (o->len <= o->cap)
		put_us(o->buf + start + at, ts->tv_nsec);
}

static inline void
heads_enter(void)
{
	heads.busy = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
}

static inline void
heads_leave(void)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	heads.busy = 0;
}

static void
format_text(struct wl_out *o, const struct wl_event *ev,
    enum wl_scheme scheme, unsigned flags)
{
	struct head *h = NULL;

	if (!heads.busy) {
		heads_enter();
		h = head_for(ev, 0, scheme, flags);
		if (h != NULL)
			head_put(o, h, 20, &ev->ts);
		heads_leave();
	}
	if (h == NULL)
		text_head(o, ev, scheme, flags);
	if (ev->msg != NULL)
		wl_escape_text(o, ev->msg, ev->msg_len, 0);
	format_fields(o, ev);
	wl_out_putc(o, '\n');
}

/* The fields of a text record: " key=value" each, a value that is not
 * a plain word quoted. */
static void
format_fields(struct wl_out *o, const struct wl_event *ev)
{
	const struct wl_field *f;
	unsigned i;

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
}

/* ---- text templates. */

enum { T_LIT, T_TS, T_LEVEL, T_SEVERITY, T_SOURCE, T_API, T_MSG, T_PROG,
	T_NAME, T_PID, T_TID, T_HOST, T_SEQ, T_IDENT, T_FACILITY, T_FIELDS };

static const char *const placeholders[] = { "", "ts", "level", "severity",
	"source", "api", "msg", "prog", "name", "pid", "tid", "host", "seq",
	"ident", "facility", "fields" };

static int
tmpl_lit(struct wl_text_tmpl *t, size_t *used, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (t->n == WL_TMPL_OPS || *used + n > sizeof(t->lit))
		return -1;
	memcpy(t->lit + *used, s, n);
	t->op[t->n].what = T_LIT;
	t->op[t->n].off = (unsigned short)*used;
	t->op[t->n].len = (unsigned short)n;
	t->n++;
	*used += n;
	return 0;
}

int
wl_text_tmpl_parse(const char *src, struct wl_text_tmpl *t, char *why,
    size_t cap)
{
	size_t used = 0;
	const char *p = src;

	memset(t, 0, sizeof(*t));
	while (*p != '\0') {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			if (tmpl_lit(t, &used, p, 1) != 0)
				goto full;
			p += 2;
			continue;
		}
		if (*p == '}') {
			snprintf(why, cap, "a lone '}' in the template");
			return -1;
		}
		if (*p != '{') {
			size_t n = strcspn(p, "{}");
			/* The literal text is written as it is: a newline in it
			 * would make one record two lines, an escape byte would
			 * drive the terminal. */
			for (size_t i = 0; i < n; i++)
				if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f) {
					snprintf(why, cap, "a control character "
					    "(0x%02X) in the template",
					    (unsigned char)p[i]);
					return -1;
				}
			if (tmpl_lit(t, &used, p, n) != 0)
				goto full;
			p += n;
			continue;
		}
		const char *end = strchr(p, '}');
		if (end == NULL) {
			snprintf(why, cap, "an unclosed '{' in the template");
			return -1;
		}
		size_t nl = strcspn(p + 1, ":}");
		unsigned what = 0, width = 0;
		for (unsigned i = 1; i < sizeof(placeholders) /
		    sizeof(placeholders[0]); i++)
			if (strlen(placeholders[i]) == nl &&
			    memcmp(p + 1, placeholders[i], nl) == 0)
				what = i;
		if (what == 0) {
			snprintf(why, cap, "unknown placeholder '{%.*s}' "
			    "(expected ts, level, severity, source, api, msg, "
			    "prog, name, pid, tid, host, seq, ident, facility "
			    "or fields)", (int)nl, p + 1);
			return -1;
		}
		if (p[1 + nl] == ':') {
			char *e;
			long w = strtol(p + 2 + nl, &e, 10);
			if (e != end || w < 1 || w > 64) {
				snprintf(why, cap, "width of '{%.*s}' is not 1 "
				    "to 64", (int)nl, p + 1);
				return -1;
			}
			width = (unsigned)w;
		}
		if (t->n == WL_TMPL_OPS)
			goto full;
		t->op[t->n].what = (unsigned char)what;
		t->op[t->n].width = (unsigned char)width;
		t->n++;
		p = end + 1;
	}
	return 0;
full:
	snprintf(why, cap, "the template is too long (%d pieces, %zu bytes "
	    "of text at most)", WL_TMPL_OPS, sizeof(t->lit));
	return -1;
}

static void
put_padded(struct wl_out *o, const char *s, size_t n, unsigned width,
    int escape)
{
	if (escape)
		wl_escape_text(o, s, n, 0);
	else
		wl_out_put(o, s, n);
	while (n++ < width)
		wl_out_putc(o, ' ');
}

static void
put_num(struct wl_out *o, long long v, unsigned width)
{
	char b[24];
	struct wl_out t;
	wl_out_init(&t, b, sizeof(b));
	wl_out_sdec(&t, v);
	put_padded(o, b, t.len, width, 0);
}

static void
format_template(struct wl_out *o, const struct wl_event *ev,
    const struct wl_format_opts *opts, const struct wl_text_tmpl *t)
{
	for (unsigned i = 0; i < t->n; i++) {
		unsigned w = t->op[i].width;
		const char *s = NULL, *level;
		int num;
		switch (t->op[i].what) {
		case T_LIT:
			wl_out_put(o, t->lit + t->op[i].off, t->op[i].len);
			continue;
		case T_TS: {
			char ts[32];
			wl_format_time(&ev->ts, ts);
			put_padded(o, ts, 27, w, 0);
			continue;
		}
		case T_LEVEL: {
			wl_scheme_level(opts->scheme, ev->severity, &level, &num);
			const char *c = (opts->flags & WL_FMT_COLOR) ?
			    colour(ev->severity) : NULL;
			if (c != NULL)
				wl_out_put(o, c, strlen(c));
			wl_out_put(o, level, strlen(level));
			if (c != NULL)
				WL_OUT_LIT(o, "\x1b[0m");
			for (size_t k = strlen(level); k < w; k++)
				wl_out_putc(o, ' ');
			continue;
		}
		case T_SEVERITY:
			wl_scheme_level(opts->scheme, ev->severity, &level, &num);
			put_num(o, num, w);
			continue;
		case T_SOURCE:
			s = ev->source == WL_SRC_SYSLOG ? "syslog" : "stderr";
			break;
		case T_API:
			s = ev->api != NULL ? ev->api : "-";
			break;
		case T_MSG:
			put_padded(o, ev->msg != NULL ? ev->msg : "",
			    ev->msg != NULL ? ev->msg_len : 0, w, 1);
			continue;
		case T_PROG:
			s = ev->prog != NULL ? ev->prog : "?";
			break;
		case T_NAME:
			if (ev->source == WL_SRC_SYSLOG && ev->ident != NULL &&
			    ev->ident_len > 0) {
				put_padded(o, ev->ident, ev->ident_len, w, 1);
				continue;
			}
			s = ev->prog != NULL ? ev->prog : "?";
			break;
		case T_PID:
			put_num(o, ev->pid, w);
			continue;
		case T_TID:
			put_num(o, ev->tid, w);
			continue;
		case T_HOST:
			s = ev->host != NULL ? ev->host : "-";
			break;
		case T_SEQ:
			put_num(o, (long long)ev->seq, w);
			continue;
		case T_IDENT:
			put_padded(o, ev->ident != NULL ? ev->ident : "",
			    ev->ident != NULL ? ev->ident_len : 0, w, 1);
			continue;
		case T_FACILITY:
			s = wl_facility_name(ev->facility);
			if (s == NULL)
				s = "-";
			break;
		case T_FIELDS:
			format_fields(o, ev);
			continue;
		}
		put_padded(o, s, strlen(s), w, 1);
	}
	wl_out_putc(o, '\n');
}

/* The head of a JSON record: every member before the message's value. */
static void
json_head(struct wl_out *o, const struct wl_event *ev, enum wl_scheme scheme)
{
	const char *level;
	int num;

	WL_OUT_LIT(o, "{\"ts\":\"");
	put_time(o, &ev->ts);
	WL_OUT_LIT(o, "\",\"level\":\"");
	/* The scheme's name (ours: plain ASCII) and number. */
	wl_scheme_level(scheme, ev->severity, &level, &num);
	wl_out_put(o, level, strlen(level));
	WL_OUT_LIT(o, "\",\"severity\":");
	wl_out_sdec(o, num);
	if (ev->source == WL_SRC_SYSLOG)
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
}

static void
format_json(struct wl_out *o, const struct wl_event *ev,
    enum wl_scheme scheme)
{
	const struct wl_field *f;
	int syslog = ev->source == WL_SRC_SYSLOG;
	struct head *h = NULL;
	unsigned i;

	/* The head, the message and the identity: the cached head and
	 * identity stay in use (busy) until both are copied. */
	if (!heads.busy) {
		heads_enter();
		h = head_for(ev, 1, scheme, 0);
		if (h != NULL) {
			head_put(o, h, 7 + 20, &ev->ts);
			if (ev->msg != NULL)
				wl_escape_json(o, ev->msg, ev->msg_len);
			wl_out_putc(o, '"');
			wl_out_put(o, h->text + h->len, h->who);
		}
		heads_leave();
	}
	if (h == NULL) {
		json_head(o, ev, scheme);
		if (ev->msg != NULL)
			wl_escape_json(o, ev->msg, ev->msg_len);
		wl_out_putc(o, '"');
		who_json(o, ev);
	}
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
	static const struct wl_format_opts plain = { WL_SCHEME_OTEL, 0, NULL };
	return wl_format_event_in(fmt, &plain, ev, buf, cap);
}

size_t
wl_format_event_in(enum wl_format fmt, const struct wl_format_opts *opts,
    const struct wl_event *ev, char *buf, size_t cap)
{
	enum wl_scheme scheme = opts->scheme;
	unsigned flags = opts->flags;
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
	case WL_FMT_JOURNAL:
		wl_format_journal(&o, ev, scheme);
		break;
	default:
		if (opts->text != NULL)
			format_template(&o, ev, opts, opts->text);
		else
			format_text(&o, ev, scheme, flags);
		break;
	}
	return o.len;
}
