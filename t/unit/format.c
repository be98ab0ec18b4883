/*
 * t/unit/format.c - unit tests of the record formatters (format.c,
 * escape.c), printed as TAP.
 *
 * Checks the exact bytes of text and JSON records, the date arithmetic
 * against known instants and against gmtime_r, the retry contract when
 * the buffer is too small, and that hostile messages (NUL, every byte,
 * invalid UTF-8, newline injection, terminal escapes, 1 MiB) still give
 * one record: every JSON record is decoded with jansson and its values
 * compared with what went in.  The escapers are also compared with a
 * byte-at-a-time reference written here, to catch mistakes in their
 * word-at-a-time scanning.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "escape.h"
#include "event.h"
#include "format.h"

#define PLAN 88

#include "tap.h"

static void
dump(const char *what, const char *s, size_t n)
{
	size_t i;

	printf("#   %s (%zu bytes): ", what, n);
	for (i = 0; i < n && i < 400; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '\\')
			putchar(c);
		else
			printf("\\%02x", c);
	}
	printf("%s\n", i < n ? "..." : "");
}


/* Assert that GOT[0..GOTLEN) is the C string WANT. */
static int
is_bytes(const char *got, size_t gotlen, const char *want, size_t wantlen,
    const char *desc)
{
	int same = gotlen == wantlen && memcmp(got, want, gotlen) == 0;

	if (!ok(same, "%s", desc)) {
		dump("got", got, gotlen);
		dump("want", want, wantlen);
	}
	return same;
}

static int
is_str(const char *got, size_t gotlen, const char *want, const char *desc)
{
	return is_bytes(got, gotlen, want, strlen(want), desc);
}

/* A fixed event: 2026-11-21T20:01:02.123456789, INFO, from stderr. */
static void
ev_init(struct wl_event *ev, const char *msg)
{
	memset(ev, 0, sizeof(*ev));
	ev->ts.tv_sec = 1795291262;
	ev->ts.tv_nsec = 123456789;
	ev->msg = msg;
	ev->msg_len = msg != NULL ? strlen(msg) : 0;
	ev->api = "fprintf";
	ev->prog = "myprog";
	ev->pid = 123;
	ev->tid = 456;
	ev->facility = -1;
	ev->orig_pri = -1;
	ev->source = WL_SRC_STDERR;
	ev->severity = WL_SEV_INFO;
}

static void
ev_syslog(struct wl_event *ev, const char *msg)
{
	ev_init(ev, msg);
	ev->source = WL_SRC_SYSLOG;
	ev->api = "syslog";
	ev->ident = "mydaemon";
	ev->ident_len = 8;
	ev->facility = 3;	/* LOG_DAEMON >> 3 */
	ev->orig_pri = 4;
	ev->severity = WL_SEV_WARN;
	ev->host = "box";
	ev->seq = 42;
}

static void
add_field(struct wl_event *ev, const char *key, const char *val,
    size_t vlen)
{
	ev->fields[ev->nfields].key = key;
	ev->fields[ev->nfields].val = val;
	ev->fields[ev->nfields].vlen = vlen;
	ev->nfields++;
}

/* Render EV, checking the size contract on the way; the caller frees. */
static char *
render(enum wl_format fmt, const struct wl_event *ev, size_t *lenp)
{
	size_t need = wl_format_event(fmt, ev, NULL, 0), len;
	char *buf = malloc(need + 1);

	if (buf == NULL)
		abort();
	len = wl_format_event(fmt, ev, buf, need);
	if (len != need)
		printf("# size query said %zu, render said %zu\n", need, len);
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

static int
text_is(const struct wl_event *ev, const char *want, const char *desc)
{
	size_t len;
	char *got = render(WL_FMT_TEXT, ev, &len);
	int r = is_str(got, len, want, desc);

	free(got);
	return r;
}

static int
json_is(const struct wl_event *ev, const char *want, const char *desc)
{
	size_t len;
	char *got = render(WL_FMT_JSON, ev, &len);
	int r = is_str(got, len, want, desc);

	free(got);
	return r;
}

/* The text record of a default event holding MSG (length N). */
static char *
text_msg(const char *msg, size_t n, size_t *lenp)
{
	struct wl_event ev;

	ev_init(&ev, NULL);
	ev.msg = msg;
	ev.msg_len = n;
	return render(WL_FMT_TEXT, &ev, lenp);
}

#define HDR	"2026-11-21T20:01:02.123456Z INFO  myprog[123/456]: "

/* Assert that a message of N bytes renders in text as HDR WANT "\n". */
static void
text_msg_is(const char *msg, size_t n, const char *want, const char *desc)
{
	char exp[512];
	size_t len;
	char *got = text_msg(msg, n, &len);

	snprintf(exp, sizeof(exp), HDR "%s\n", want);
	is_str(got, len, exp, desc);
	free(got);
}

/*
 * A byte-at-a-time reference: decode the code point and range-check it,
 * unlike escape.c, which checks the second byte against a table.
 */
static size_t
ref_utf8(const unsigned char *s, size_t n, uint32_t *cpp)
{
	static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80) {
		len = 1;
		cp = s[0];
	} else if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	*cpp = cp;
	return len;
}

/* Reference text escaping of S into OUT (room for 4 * n); returns length. */
static size_t
ref_text(const unsigned char *s, size_t n, int quote, char *out)
{
	size_t i = 0, o = 0, k, j;
	uint32_t cp;

	while (i < n) {
		unsigned char c = s[i];
		if (c == '\\' || (quote && c == '"')) {
			out[o++] = '\\';
			out[o++] = (char)c;
			i++;
		} else if (c == '\n' || c == '\t' || c == '\r') {
			out[o++] = '\\';
			out[o++] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
			i++;
		} else if (c >= 0x20 && c < 0x7f) {
			out[o++] = (char)c;
			i++;
		} else if (c >= 0x80 && (k = ref_utf8(s + i, n - i, &cp)) &&
		    !(cp >= 0x80 && cp <= 0x9f)) {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
		} else {
			k = c >= 0x80 && ref_utf8(s + i, n - i, &cp) ? 2 : 1;
			for (j = 0; j < k; j++)
				o += (size_t)sprintf(out + o, "\\x%02X",
				    s[i + j]);
			i += k;
		}
	}
	return o;
}

/* Reference JSON escaping (room for 6 * n). */
static size_t
ref_json(const unsigned char *s, size_t n, char *out)
{
	size_t i = 0, o = 0, k;
	uint32_t cp;

	while (i < n) {
		unsigned char c = s[i];
		const char *e = NULL;
		switch (c) {
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\b': e = "\\b"; break;
		case '\f': e = "\\f"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		}
		if (e != NULL) {
			o += (size_t)sprintf(out + o, "%s", e);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			o += (size_t)sprintf(out + o, "\\u%04x", c);
			i++;
		} else if (c < 0x7f) {
			out[o++] = (char)c;
			i++;
		} else if ((k = ref_utf8(s + i, n - i, &cp)) == 0) {
			o += (size_t)sprintf(out + o, "\\ufffd");
			i++;
		} else if (cp == 0x2028 || cp == 0x2029) {
			o += (size_t)sprintf(out + o, "\\u%04x", cp);
			i += k;
		} else {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
		}
	}
	return o;
}

/* What a JSON reader must get back for S: invalid bytes become U+FFFD. */
static size_t
ref_decoded(const unsigned char *s, size_t n, char *out)
{
	size_t i = 0, o = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((k = ref_utf8(s + i, n - i, &cp)) == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		} else {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
		}
	}
	return o;
}

/* Decode a JSON record with jansson; NULL (and a diagnostic) if invalid. */
static json_t *
decode(const char *rec, size_t len)
{
	json_error_t err;
	json_t *j;

	if (len == 0 || rec[len - 1] != '\n' ||
	    memchr(rec, '\n', len) != rec + len - 1) {
		printf("# record is not one line\n");
		return NULL;
	}
	j = json_loadb(rec, len, JSON_ALLOW_NUL, &err);
	if (j == NULL)
		printf("# jansson: %s at %d\n", err.text, err.position);
	else if (!json_is_object(j)) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

/* Does string member KEY of J hold exactly WANT[0..N)? */
static int
member_is(json_t *j, const char *key, const char *want, size_t n)
{
	json_t *v = json_object_get(j, key);

	if (!json_is_string(v)) {
		printf("# member '%s' is missing or not a string\n", key);
		return 0;
	}
	if (json_string_length(v) != n ||
	    memcmp(json_string_value(v), want, n) != 0) {
		dump("decoded", json_string_value(v), json_string_length(v));
		dump("expected", want, n);
		return 0;
	}
	return 1;
}

/* Render MSG in JSON, decode it, and compare "msg" with the reference. */
static int
json_roundtrip(const char *msg, size_t n)
{
	struct wl_event ev;
	size_t len, dlen;
	char *rec, *want = malloc(3 * n + 1);
	json_t *j;
	int r = 0;

	ev_init(&ev, NULL);
	ev.msg = msg;
	ev.msg_len = n;
	rec = render(WL_FMT_JSON, &ev, &len);
	dlen = ref_decoded((const unsigned char *)msg, n, want);
	if ((j = decode(rec, len)) != NULL) {
		r = member_is(j, "msg", want, dlen) &&
		    member_is(j, "level", "INFO", 4);
		json_decref(j);
	}
	free(rec);
	free(want);
	return r;
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Bytes that exercise the escapers: mostly plain, some of each class. */
static void
fill_hostile(unsigned char *s, size_t n)
{
	static const unsigned char pick[] = {
		0x00, '\n', '\t', '\r', '\b', '\f', 0x1b, 0x7f, '\\', '"',
		'=', ' ', 0x80, 0xbf, 0xc0, 0xc2, 0xc3, 0xe0, 0xe2, 0xed,
		0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x85, 0x9b, 0xa0, 0xa8, 0xa9,
	};
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t r = rnd();
		if (r % 4 != 0)
			s[i] = (unsigned char)(0x20 + (r >> 8) % 95);
		else
			s[i] = pick[(r >> 8) % sizeof(pick)];
	}
}

static void
test_parse(void)
{
	static const char *const bad[] = { "JSON", "Text", "", "tex",
	    "texts", "text ", "jso" };
	enum wl_format f = WL_FMT_TEXT;
	int rejected = 1;
	size_t i;

	ok(wl_format_parse("text", &f) == 0 && f == WL_FMT_TEXT,
	    "\"text\" parses as the text format");
	f = WL_FMT_TEXT;
	ok(wl_format_parse("json", &f) == 0 && f == WL_FMT_JSON,
	    "\"json\" parses as the JSON format");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		f = (enum wl_format)77;
		if (wl_format_parse(bad[i], &f) != -1 || (int)f != 77) {
			printf("# '%s' was accepted\n", bad[i]);
			rejected = 0;
		}
	}
	ok(rejected, "other names, case variants and prefixes are rejected "
	    "and leave the output alone");
	ok(wl_format_parse(NULL, &f) == -1, "a NULL name is rejected");
}

static void
time_is(long long sec, long nsec, const char *want, const char *desc)
{
	struct timespec ts = { .tv_sec = (time_t)sec, .tv_nsec = nsec };
	char out[32];

	memset(out, 'x', sizeof(out));
	wl_format_time(&ts, out);
	if (strlen(out) != 27)
		printf("# length %zu\n", strlen(out));
	is_str(out, strlen(out), want, desc);
}

static void
test_time(void)
{
	struct timespec ts;
	struct tm tm;
	char out[32], want[64];
	long long s, bad = 0;
	int i;

	time_is(0, 0, "1970-01-01T00:00:00.000000Z",
	    "the epoch renders as 1970-01-01T00:00:00.000000Z");
	time_is(1709210096, 789000, "2024-02-29T12:34:56.000789Z",
	    "the leap day 2024-02-29 renders with zero-padded microseconds");
	time_is(1795291262, 123456789, "2026-11-21T20:01:02.123456Z",
	    "2026-11-21T20:01:02 renders with microseconds truncated from "
	    "nanoseconds");
	time_is(4107542400LL, 0, "2100-03-01T00:00:00.000000Z",
	    "2100-03-01 follows 2100-02-28 because 2100 is not a leap year");
	time_is(946684799, 999999999, "1999-12-31T23:59:59.999999Z",
	    "the last microsecond of 1999 renders as 1999-12-31T23:59:59."
	    "999999Z");
	time_is(951868799, 0, "2000-02-29T23:59:59.000000Z",
	    "2000 is a leap year because it is divisible by 400");
	time_is(-1, 500000000, "1969-12-31T23:59:59.500000Z",
	    "an instant before the epoch rounds the day down, not toward zero");
	time_is(253402300799LL, 999999000, "9999-12-31T23:59:59.999999Z",
	    "the last second of year 9999 renders");
	time_is(253402300800LL * 10, 5, "9999-12-31T23:59:59.999999Z",
	    "an instant past year 9999 is clamped to the last representable "
	    "one");
	time_is(-62167219200LL - 86400 * 1000LL, 5,
	    "0000-01-01T00:00:00.000000Z",
	    "an instant before year 0 is clamped to the first representable "
	    "one");
	time_is(1795291262, -3, "2026-11-21T20:01:02.000000Z",
	    "a negative tv_nsec renders as zero microseconds");

	/* The per-thread cache: the same second with new microseconds,
	 * then alternating seconds, must never show a stale string. */
	time_is(1795291262, 1000, "2026-11-21T20:01:02.000001Z",
	    "a cached second is combined with the new microseconds");
	for (i = 0, bad = 0; i < 1000; i++) {
		ts.tv_sec = i % 2 ? 1795291262 : 1795291263 + i;
		ts.tv_nsec = 0;
		wl_format_time(&ts, out);
		gmtime_r(&ts.tv_sec, &tm);
		strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%S.000000Z", &tm);
		if (strcmp(out, want) != 0)
			bad++;
	}
	ok(bad == 0, "alternating seconds never reuse a stale cached second");

	/* Against glibc over every year 1-9999, at odd seconds of day. */
	for (s = -62135596800LL, bad = 0; s < 253402300800LL;
	    s += 86400 * 7 + 3607) {
		ts.tv_sec = (time_t)s;
		ts.tv_nsec = 0;
		wl_format_time(&ts, out);
		if (gmtime_r(&ts.tv_sec, &tm) == NULL)
			continue;
		/* Not %Y: glibc does not pad years below 1000. */
		snprintf(want, sizeof(want), "%04d-%02d-%02dT%02d:%02d:%02d."
		    "000000Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		    tm.tm_hour, tm.tm_min, tm.tm_sec);
		if (strcmp(out, want) != 0 && bad++ < 3)
			printf("# %lld: got %s want %s\n", s, out, want);
	}
	ok(bad == 0, "the date agrees with gmtime_r every week from year 1 "
	    "to 9999");
}

static void
test_text(void)
{
	static const struct {
		int sev;
		const char *col;
	} levels[] = {
		{ WL_SEV_TRACE, "TRACE" }, { WL_SEV_DEBUG, "DEBUG" },
		{ WL_SEV_NOTICE, "NOTICE" }, { WL_SEV_WARN, "WARN " },
		{ WL_SEV_ERROR, "ERROR" }, { WL_SEV_FATAL, "FATAL" },
		{ WL_SEV_NONE, "INFO " },
	};
	struct wl_event ev;
	char want[256], desc[128];
	size_t i;

	ev_init(&ev, "hello world");
	text_is(&ev, HDR "hello world\n",
	    "a stderr event renders as time, level, prog[pid/tid]: message");
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		ev.severity = (uint8_t)levels[i].sev;
		snprintf(want, sizeof(want), "2026-11-21T20:01:02.123456Z %s "
		    "myprog[123/456]: hello world\n", levels[i].col);
		snprintf(desc, sizeof(desc), "severity %d has the level "
		    "column '%s'", levels[i].sev, levels[i].col);
		text_is(&ev, want, desc);
	}

	ev_syslog(&ev, "disk full");
	text_is(&ev, "2026-11-21T20:01:02.123456Z WARN  mydaemon[123/456]: "
	    "disk full\n", "a syslog event is named by its ident");
	ev.ident_len = 0;
	text_is(&ev, "2026-11-21T20:01:02.123456Z WARN  myprog[123/456]: "
	    "disk full\n", "a syslog event with an empty ident is named by "
	    "its program");
	ev_syslog(&ev, "x");
	ev.ident = "my\ndaemon\x1b";
	ev.ident_len = 10;
	text_is(&ev, "2026-11-21T20:01:02.123456Z WARN  my\\ndaemon\\x1B"
	    "[123/456]: x\n", "control bytes in an ident are escaped");
	ev_init(&ev, "x");
	ev.ident = "ignored";
	ev.ident_len = 7;
	text_is(&ev, HDR "x\n", "a stderr event ignores any ident");
	ev.prog = NULL;
	text_is(&ev, "2026-11-21T20:01:02.123456Z INFO  ?[123/456]: x\n",
	    "an event without a program name is named '?'");
	ev.prog = "a\tb";
	ev.pid = 2147483647;
	ev.tid = 1;
	text_is(&ev, "2026-11-21T20:01:02.123456Z INFO  a\\tb[2147483647/1]: "
	    "x\n", "a program name is escaped and large pids are rendered in "
	    "full");
	ev_init(&ev, NULL);
	text_is(&ev, HDR "\n", "an empty message leaves the line ending in "
	    "': '");
	ev_init(&ev, "m");
	ev.nfields = 0;
	add_field(&ev, "code", "E42", 3);
	add_field(&ev, "path", "/tmp/a b", 8);
	add_field(&ev, "empty", "", 0);
	add_field(&ev, "q", "say \"hi\"", 8);
	add_field(&ev, "eq", "a=b", 3);
	add_field(&ev, "bs", "c:\\x", 4);
	add_field(&ev, "nl", "a\nb", 3);
	add_field(&ev, "u", "caf\xc3\xa9", 5);
	add_field(&ev, NULL, "lost", 4);
	add_field(&ev, "nul", NULL, 0);
	text_is(&ev, HDR "m code=E42 path=\"/tmp/a b\" empty=\"\" "
	    "q=\"say \\\"hi\\\"\" eq=\"a=b\" bs=\"c:\\\\x\" nl=\"a\\nb\" "
	    "u=\"caf\xc3\xa9\" nul=\"\"\n",
	    "field values are bare when plain and quoted and escaped "
	    "otherwise, in order");
}

static void
test_text_escapes(void)
{
	char all[256], want[2048], *got;
	size_t i, o, len, nl;

	text_msg_is("a\nb", 3, "a\\nb",
	    "a newline in a message is escaped as \\n in text");
	text_msg_is("a\tb\rc", 5, "a\\tb\\rc",
	    "tab and carriage return are escaped as \\t and \\r");
	text_msg_is("C:\\dir", 6, "C:\\\\dir",
	    "a backslash is doubled so escapes stay unambiguous");
	text_msg_is("say \"x\"", 7, "say \"x\"",
	    "double quotes in a message are left alone");
	text_msg_is("\x1b[31mred\x1b[0m", 12, "\\x1B[31mred\\x1B[0m",
	    "a terminal escape sequence is defused as \\x1B");
	text_msg_is("a\0b", 3, "a\\x00b",
	    "a NUL byte is escaped as \\x00 and does not end the message");
	text_msg_is("\x7f\x01", 2, "\\x7F\\x01",
	    "DEL and other control bytes are escaped in uppercase hex");
	text_msg_is("\xff", 1, "\\xFF", "a lone 0xFF byte is escaped as \\xFF");
	text_msg_is("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14,
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	    "valid two-, three- and four-byte UTF-8 is copied as is");
	text_msg_is("\xc2\x85\xc2\x9b" "2J", 6, "\\xC2\\x85\\xC2\\x9B2J",
	    "C1 controls such as U+009B CSI are escaped byte by byte");
	text_msg_is("\xc2\xa0\xc2\x9f", 4, "\xc2\xa0\\xC2\\x9F",
	    "U+00A0 is copied while U+009F, the last C1 control, is escaped");
	text_msg_is("\xc0\x80\xe0\x80\xaf", 5, "\\xC0\\x80\\xE0\\x80\\xAF",
	    "overlong encodings are escaped byte by byte");
	text_msg_is("\xed\xa0\x80\xed\x9f\xbf", 6,
	    "\\xED\\xA0\\x80\xed\x9f\xbf",
	    "a surrogate is escaped while U+D7FF is copied");
	text_msg_is("\xf4\x8f\xbf\xbf\xf4\x90\x80\x80\xf5\x80", 10,
	    "\xf4\x8f\xbf\xbf\\xF4\\x90\\x80\\x80\\xF5\\x80",
	    "U+10FFFF is copied while code points above it and F5 are escaped");
	text_msg_is("\xe2\x82" "A\xe2\x82", 5, "\\xE2\\x82A\\xE2\\x82",
	    "a truncated sequence is escaped, mid-message and at the end");
	text_msg_is("\x80\xbf", 2, "\\x80\\xBF",
	    "lone continuation bytes are escaped");

	for (i = 0; i < 256; i++)
		all[i] = (char)i;
	o = (size_t)sprintf(want, HDR);
	for (i = 0; i < 256; i++) {
		if (i == '\n' || i == '\t' || i == '\r' || i == '\\')
			o += (size_t)sprintf(want + o, "\\%c",
			    i == '\n' ? 'n' : i == '\t' ? 't' :
			    i == '\r' ? 'r' : '\\');
		else if (i >= 0x20 && i < 0x7f)
			want[o++] = (char)i;
		else
			o += (size_t)sprintf(want + o, "\\x%02zX", i);
	}
	want[o++] = '\n';
	got = text_msg(all, 256, &len);
	is_bytes(got, len, want, o, "every byte 0x00-0xff gets its exact "
	    "text rendering");
	free(got);

	got = text_msg("ok\n2026-11-21T20:01:02.123456Z FATAL x[1/1]: pwned",
	    50, &len);
	for (i = 0, nl = 0; i < len; i++)
		nl += got[i] == '\n';
	ok(nl == 1 && got[len - 1] == '\n', "a message cannot forge a "
	    "second text record: its only newline is the last byte");
	free(got);
}

static void
test_json(void)
{
	struct wl_event ev;
	json_t *j;
	char *rec;
	size_t len;
	int i, good;

	ev_init(&ev, "hello world");
	json_is(&ev, "{\"ts\":\"2026-11-21T20:01:02.123456Z\",\"level\":"
	    "\"INFO\",\"severity\":9,\"source\":\"stderr\",\"api\":\"fprintf\","
	    "\"msg\":\"hello world\",\"prog\":\"myprog\",\"pid\":123,"
	    "\"tid\":456}\n", "a stderr event renders as one JSON object "
	    "with keys in order and no spaces");
	ev_syslog(&ev, "disk full");
	add_field(&ev, "code", "E42", 3);
	add_field(&ev, "where", "a b", 3);
	json_is(&ev, "{\"ts\":\"2026-11-21T20:01:02.123456Z\",\"level\":"
	    "\"WARN\",\"severity\":13,\"source\":\"syslog\",\"api\":\"syslog\","
	    "\"msg\":\"disk full\",\"prog\":\"myprog\",\"pid\":123,\"tid\":456,"
	    "\"host\":\"box\",\"ident\":\"mydaemon\",\"facility\":\"daemon\","
	    "\"seq\":42,\"code\":\"E42\",\"where\":\"a b\"}\n",
	    "a syslog event carries host, ident, facility, seq and fields");
	ev.api = NULL;
	ev.host = NULL;
	ev.ident_len = 0;
	ev.facility = -1;
	ev.seq = 0;
	ev.nfields = 0;
	ev.prog = NULL;
	json_is(&ev, "{\"ts\":\"2026-11-21T20:01:02.123456Z\",\"level\":"
	    "\"WARN\",\"severity\":13,\"source\":\"syslog\",\"msg\":\"disk "
	    "full\",\"prog\":\"?\",\"pid\":123,\"tid\":456}\n",
	    "absent api, host, ident, facility and seq leave their keys out");
	ev_init(&ev, "x");
	ev.ident = "id";
	ev.ident_len = 2;
	ev.facility = 1;
	ev.seq = 18446744073709551615ULL;
	ev.pid = -5;
	json_is(&ev, "{\"ts\":\"2026-11-21T20:01:02.123456Z\",\"level\":"
	    "\"INFO\",\"severity\":9,\"source\":\"stderr\",\"api\":\"fprintf\","
	    "\"msg\":\"x\",\"prog\":\"myprog\",\"pid\":-5,\"tid\":456,"
	    "\"seq\":18446744073709551615}\n", "a stderr event has no ident "
	    "or facility, and numbers render in full with their sign");

	{
		static const char *const names[24] = { "kern", "user",
		    "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp",
		    "cron", "authpriv", "ftp", "ntp", "security", "console",
		    "solaris-cron", "local0", "local1", "local2", "local3",
		    "local4", "local5", "local6", "local7" };
		ev_syslog(&ev, "x");
		for (i = 0, good = 1; i < 26; i++) {
			ev.facility = i;
			rec = render(WL_FMT_JSON, &ev, &len);
			if ((j = decode(rec, len)) == NULL)
				good = 0;
			else if (i < 24)
				good &= member_is(j, "facility", names[i],
				    strlen(names[i]));
			else
				good &= json_object_get(j, "facility") == NULL;
			json_decref(j);
			free(rec);
		}
		ok(good, "facility codes 0-23 are named (16 is local0, 23 is "
		    "local7) and larger codes are left out");
	}

	ev_init(&ev, NULL);
	ev.msg = "\x1b[31m\0\x7f\b\f\n\r\t\"\\/\x01\x1f";
	ev.msg_len = 17;
	json_is(&ev, "{\"ts\":\"2026-11-21T20:01:02.123456Z\",\"level\":"
	    "\"INFO\",\"severity\":9,\"source\":\"stderr\",\"api\":\"fprintf\","
	    "\"msg\":\"\\u001b[31m\\u0000\\u007f\\b\\f\\n\\r\\t\\\"\\\\/"
	    "\\u0001\\u001f\",\"prog\":\"myprog\",\"pid\":123,\"tid\":456}\n",
	    "control bytes, quote and backslash get their JSON escapes");
	ev.msg = "\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xaa\xc2\x85\xff\xc0\x80";
	ev.msg_len = 14;
	json_is(&ev, "{\"ts\":\"2026-11-21T20:01:02.123456Z\",\"level\":"
	    "\"INFO\",\"severity\":9,\"source\":\"stderr\",\"api\":\"fprintf\","
	    "\"msg\":\"\\u2028\\u2029\xe2\x80\xaa\xc2\x85"
	    "\\ufffd\\ufffd\\ufffd\","
	    "\"prog\":\"myprog\",\"pid\":123,\"tid\":456}\n",
	    "U+2028 and U+2029 are escaped, other UTF-8 is copied, and each "
	    "invalid byte becomes \\ufffd");
	ev_init(&ev, "m");
	ev.api = "a\"pi";
	ev.prog = "p\n";
	ev.host = "h\\";
	add_field(&ev, "k\"ey", "v\x01", 2);
	add_field(&ev, "nul", NULL, 0);
	json_is(&ev, "{\"ts\":\"2026-11-21T20:01:02.123456Z\",\"level\":"
	    "\"INFO\",\"severity\":9,\"source\":\"stderr\",\"api\":\"a\\\"pi\","
	    "\"msg\":\"m\",\"prog\":\"p\\n\",\"pid\":123,\"tid\":456,"
	    "\"host\":\"h\\\\\",\"k\\\"ey\":\"v\\u0001\",\"nul\":\"\"}\n",
	    "api, prog, host and field keys and values are escaped too");
}

static void
test_json_hostile(void)
{
	static const struct {
		const char *s;
		size_t n;
		const char *desc;
	} cases[] = {
		{ "a\0b\0", 4, "NUL bytes survive a JSON round trip" },
		{ "\x80x\xbf", 3, "lone continuation bytes decode as U+FFFD" },
		{ "\xe2\x82", 2, "a truncated sequence at the end decodes as "
		    "U+FFFD per byte" },
		{ "\xf0\x9f\x98z", 4, "a truncated four-byte sequence before "
		    "ASCII decodes as U+FFFD per byte" },
		{ "\xc0\x80\xc1\xbf", 4, "overlong C0 80 and C1 BF decode as "
		    "U+FFFD" },
		{ "\xed\xa0\x80\xed\xbf\xbf", 6, "surrogates ED A0 80 and "
		    "ED BF BF decode as U+FFFD" },
		{ "\xf5\x80\x80\x80\xf8\xfe\xff", 7,
		    "bytes F5 and above decode as U+FFFD" },
		{ "\x1b[31mred\x1b[0m\x07", 13, "a terminal escape survives a "
		    "JSON round trip as text" },
		{ "\xe2\x80\xa8|\xe2\x80\xa9", 7, "U+2028 and U+2029 decode to "
		    "themselves" },
	};
	struct wl_event ev;
	unsigned char all[256], *big;
	json_t *j = NULL;
	char *rec, *want;
	size_t i, len, nl, dlen;
	int good;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ok(json_roundtrip(cases[i].s, cases[i].n), "%s", cases[i].desc);
	for (i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	ok(json_roundtrip((char *)all, 256), "every byte 0x00-0xff decodes "
	    "with jansson, invalid ones as U+FFFD");

	ev_init(&ev, "ok\n{\"level\":\"FATAL\"}");
	rec = render(WL_FMT_JSON, &ev, &len);
	for (i = 0, nl = 0; i < len; i++)
		nl += rec[i] == '\n';
	good = nl == 1 && rec[len - 1] == '\n' &&
	    (j = decode(rec, len)) != NULL;
	if (good) {
		good = member_is(j, "level", "INFO", 4) &&
		    member_is(j, "msg", ev.msg, ev.msg_len);
		json_decref(j);
	}
	ok(good, "a newline-injected JSON object stays inside one record "
	    "with one newline, at its end");
	free(rec);

	/* 1 MiB of mixed hostile bytes, in both formats. */
	big = malloc(1 << 20);
	want = malloc(6 << 20);
	fill_hostile(big, 1 << 20);
	ok(json_roundtrip((char *)big, 1 << 20), "a 1 MiB message of hostile "
	    "bytes decodes to its expected value");
	rec = text_msg((char *)big, 1 << 20, &len);
	dlen = ref_text(big, 1 << 20, 0, want);
	ok(len == sizeof(HDR) - 1 + dlen + 1 &&
	    memcmp(rec + sizeof(HDR) - 1, want, dlen) == 0 &&
	    memchr(rec, '\n', len) == rec + len - 1,
	    "a 1 MiB message renders as one text line matching the "
	    "reference");
	free(rec);
	free(big);
	free(want);
}

/* Every capacity below the size must be refused without writing past
 * it; the exact size must give the same record as a roomy buffer. */
static void
test_cap(enum wl_format fmt, const char *name)
{
	struct wl_event ev;
	char full[1024], buf[1024 + 16];
	size_t need, got, cap, k;
	int fine = 1;

	ev_syslog(&ev, "escape\x1b me \xff and \xe2\x80\xa8 and \\ and \"");
	add_field(&ev, "k", "v v", 3);
	need = wl_format_event(fmt, &ev, full, sizeof(full));
	ok(need > 0 && need < sizeof(full) && full[need - 1] == '\n',
	    "a %s record fits a roomy buffer and ends in a newline", name);
	ok(wl_format_event(fmt, &ev, NULL, 0) == need,
	    "a NULL buffer of capacity 0 returns the %s record's size", name);
	for (cap = 0; cap < need; cap++) {
		memset(buf, 0xa5, sizeof(buf));
		got = wl_format_event(fmt, &ev, buf, cap);
		if (got != need)
			fine = 0;
		for (k = cap; k < sizeof(buf); k++)
			if ((unsigned char)buf[k] != 0xa5)
				fine = 0;
	}
	ok(fine, "every %s capacity short of the record returns the full "
	    "size and writes nothing past the capacity", name);
	{
		char *exact = malloc(need);	/* ASan guards the end */
		got = wl_format_event(fmt, &ev, exact, need);
		is_bytes(exact, got, full, need, fmt == WL_FMT_TEXT ?
		    "a buffer of exactly the returned size receives the "
		    "whole text record" : "a buffer of exactly the returned "
		    "size receives the whole JSON record");
		free(exact);
	}
}

/* Differential tests against the byte-at-a-time references. */
static void
test_reference(void)
{
	static const unsigned char specials[] = { '\n', '\\', '"', 0x1b,
	    0x7f, 0x00, 0x80, 0xc2, 0xe2, 0xff };
	unsigned char s[200];
	char got[1400], want[1400];
	struct wl_out o;
	size_t n, pos, k, wl;
	int i, tbad = 0, qbad = 0, jbad = 0, rbad = 0;

	/* One special byte at each offset of a plain message of each
	 * length, so every lane of the word scan and the tail is hit. */
	for (n = 1; n <= 40; n++)
		for (pos = 0; pos < n; pos++)
			for (k = 0; k < sizeof(specials); k++) {
				memset(s, 'a', n);
				s[pos] = specials[k];
				wl_out_init(&o, got, sizeof(got));
				wl_escape_text(&o, (char *)s, n, 0);
				wl = ref_text(s, n, 0, want);
				tbad += o.len != wl || memcmp(got, want, wl);
				wl_out_init(&o, got, sizeof(got));
				wl_escape_json(&o, (char *)s, n);
				wl = ref_json(s, n, want);
				jbad += o.len != wl || memcmp(got, want, wl);
			}
	ok(tbad == 0 && jbad == 0, "a special byte is found at every offset "
	    "of messages of 1 to 40 bytes in both formats");

	for (i = 0, tbad = jbad = 0; i < 20000; i++) {
		n = rnd() % sizeof(s);
		fill_hostile(s, n);
		wl_out_init(&o, got, sizeof(got));
		wl_escape_text(&o, (char *)s, n, 0);
		wl = ref_text(s, n, 0, want);
		if (o.len != wl || memcmp(got, want, wl)) {
			if (tbad++ == 0) {
				dump("input", (char *)s, n);
				dump("got", got, o.len);
				dump("want", want, wl);
			}
		}
		wl_out_init(&o, got, sizeof(got));
		wl_escape_text(&o, (char *)s, n, 1);
		wl = ref_text(s, n, 1, want);
		qbad += o.len != wl || memcmp(got, want, wl);
		wl_out_init(&o, got, sizeof(got));
		wl_escape_json(&o, (char *)s, n);
		wl = ref_json(s, n, want);
		if (o.len != wl || memcmp(got, want, wl)) {
			if (jbad++ == 0) {
				dump("input", (char *)s, n);
				dump("got", got, o.len);
				dump("want", want, wl);
			}
		}
		if (i < 3000 && !json_roundtrip((char *)s, n))
			rbad++;
	}
	ok(tbad == 0, "the text escaper agrees with a byte-at-a-time "
	    "reference on 20000 random messages");
	ok(qbad == 0, "the quoted-value escaper agrees with the reference on "
	    "20000 random messages");
	ok(jbad == 0, "the JSON escaper agrees with a byte-at-a-time "
	    "reference on 20000 random messages");
	ok(rbad == 0, "3000 random hostile JSON records decode with jansson "
	    "to their expected messages");
}

/*
 * The escapers copy a plain run straight into the output when it has
 * room for the whole rest of the message, and append piece by piece when
 * it has not: the bytes and the length must not depend on which, for
 * long plain runs with a rare special byte, after text already in the
 * output, at every capacity around the record's own size.
 */
static void
test_room(void)
{
	unsigned char s[300];
	char got[1400], want[1400], canary[1400];	/* 4 x 260 at most */
	struct wl_out o;
	size_t n, pre, cap, wl;
	int i, bad = 0;

	memset(canary, 0x5a, sizeof(canary));
	for (i = 0; i < 4000; i++) {
		int fmt = i % 3;	/* text, quoted text, JSON */
		n = rnd() % 260;
		for (size_t k = 0; k < n; k++) {
			uint64_t r = rnd();
			s[k] = r % 37 != 0 ? (unsigned char)(0x20 + (r >> 8) %
			    95) : (unsigned char)((r >> 8) & 0xff);
		}
		pre = rnd() % 20;
		wl = fmt == 2 ? ref_json(s, n, want) : ref_text(s, n, fmt, want);
		for (cap = pre + wl - (wl > 40 ? 40 : wl); cap <= pre + wl + 20;
		    cap++) {
			memcpy(got, canary, sizeof(got));
			wl_out_init(&o, got, cap);
			wl_out_put(&o, canary, pre);
			if (fmt == 2)
				wl_escape_json(&o, (char *)s, n);
			else
				wl_escape_text(&o, (char *)s, n, fmt);
			if (o.len != pre + wl ||
			    memcmp(got + cap, canary, sizeof(got) - cap) != 0 ||
			    (cap >= pre + wl && memcmp(got + pre, want, wl)))
				bad++;
		}
	}
	ok(bad == 0, "the escapers give the same record and length whatever "
	    "room the output has, and never write past its capacity");
}

/*
 * Each thread keeps the head of its last record (time to the second,
 * level, identity) and writes only the microseconds over a copy.  A
 * thread of its own starts with no cache at all, so it renders every
 * record from scratch: a run of events that share some parts and change
 * others (the second, the level, the ids after a fork, the entry point,
 * the scheme, colour) must give, record by record, what such a thread
 * gives.
 */
struct fresh {
	enum wl_format fmt;
	const struct wl_format_opts *o;
	const struct wl_event *ev;
	char out[1024];
	size_t n;
};

static void *
fresh_render(void *arg)
{
	struct fresh *f = arg;
	f->n = wl_format_event_in(f->fmt, f->o, f->ev, f->out, sizeof(f->out));
	return NULL;
}

static void
test_head_cache(void)
{
	static const char *const apis[] = { "write", "fprintf", "perror" };
	static char prog_a[] = "alpha", prog_b[] = "beta\x1b", host[] = "h";
	static const uint8_t sevs[] = { WL_SEV_INFO, WL_SEV_WARN,
	    WL_SEV_ERROR, WL_SEV_DEBUG, WL_SEV_NOTICE };
	struct wl_format_opts opts[3] = {
		{ WL_SCHEME_OTEL, 0, NULL },
		{ WL_SCHEME_SYSLOG, 0, NULL },
		{ WL_SCHEME_OTEL, WL_FMT_COLOR, NULL },
	};
	struct wl_event ev;
	struct fresh f;
	char got[1024];
	int i, bad = 0;
	long long sec = 1795310763;
	uint8_t sev = WL_SEV_INFO;
	const struct wl_format_opts *o = &opts[0];

	for (i = 0; i < 600; i++) {
		uint64_t r = rnd();
		/* Mostly one thing changes at a time, as in a real burst. */
		if (r % 5 == 0)
			sec += (long long)((r >> 3) % 3) - (r % 7 == 0);
		wl_event_init(&ev, WL_SRC_STDERR, apis[(r >> 8) % 3] , "a message",
		    9);
		ev.ts.tv_sec = sec;
		ev.ts.tv_nsec = (long)((r >> 12) % 1000000000);
		if ((r >> 40) % 5 == 0)
			sev = sevs[(r >> 44) % 5];
		ev.severity = sev;
		ev.prog = (r >> 20) % 9 == 0 ? prog_b : prog_a;
		ev.host = host;
		ev.pid = 100 + (int)((r >> 24) % 11 == 0);
		ev.tid = 200 + (int)((r >> 28) % 13 == 0);
		ev.seq = (uint64_t)i + 1;
		if ((r >> 32) % 17 == 0) {
			ev.source = WL_SRC_SYSLOG;
			ev.ident = "ident";
			ev.ident_len = (r >> 36) % 2 ? 5 : 0;
			ev.facility = 3;
		}
		f.fmt = (r >> 48) % 2 ? WL_FMT_JSON : WL_FMT_TEXT;
		if ((r >> 52) % 5 == 0)
			o = &opts[(r >> 56) % 3];
		f.o = o;
		f.ev = &ev;
		size_t n = wl_format_event_in(f.fmt, f.o, &ev, got, sizeof(got));
		pthread_t t;
		if (pthread_create(&t, NULL, fresh_render, &f) != 0 ||
		    pthread_join(t, NULL) != 0) {
			bad++;
			break;
		}
		if (n != f.n || memcmp(got, f.out, n) != 0) {
			if (bad++ == 0) {
				dump("cached", got, n);
				dump("fresh", f.out, f.n);
			}
		}
	}
	ok(bad == 0, "600 records that change second, level, ids, entry "
	    "point, scheme or colour now and then match those of a thread "
	    "that renders each from scratch");
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("1..%d\n", PLAN);
	test_parse();
	test_time();
	test_text();
	test_text_escapes();
	test_json();
	test_json_hostile();
	test_cap(WL_FMT_TEXT, "text");
	test_cap(WL_FMT_JSON, "JSON");
	test_reference();
	test_room();
	test_head_cache();
	return tap_done(PLAN);
}
