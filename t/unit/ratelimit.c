/*
 * ratelimit.c - unit test of templates and the rate limiter, with the
 * clock injected (each event carries its own time) and the next stage
 * replaced by a recorder: exact rates, exact accounting through eviction,
 * the summary's text and fields, FATAL never dropped.  Templates through
 * the memo (memo.h): taken from it for a line that differs only in its
 * digits, never when a digit's value made the template ("0x1f", "v2").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memo.h"
#include "ratelimit.h"
#include "template.h"
#include "tap.h"


/* The fake next stage: summaries are recorded here. */
static unsigned long long summarized;
static int summaries;
static char last_msg[600], last_key[200], last_sample[300];

int wl_pipeline_deliver(struct wl_event *ev);
int
wl_pipeline_deliver(struct wl_event *ev)
{
	summaries++;
	char num[32];
	snprintf(num, sizeof(num), "%.*s", (int)ev->fields[0].vlen,
	    ev->fields[0].val);
	summarized += strtoull(num, NULL, 10);
	snprintf(last_msg, sizeof(last_msg), "%.*s", (int)ev->msg_len, ev->msg);
	snprintf(last_key, sizeof(last_key), "%.*s", (int)ev->fields[1].vlen,
	    ev->fields[1].val);
	snprintf(last_sample, sizeof(last_sample), "%.*s",
	    (int)ev->fields[4].vlen, ev->fields[4].val);
	return 0;
}

void wl_ticker_start(void);
void
wl_ticker_start(void)
{
}

static struct wl_event
event(const char *msg, int sev, long long ns)
{
	struct wl_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.msg = msg;
	ev.msg_len = strlen(msg);
	ev.severity = (uint8_t)sev;
	ev.facility = -1;
	ev.ts.tv_sec = 1700000000 + ns / 1000000000LL;
	ev.ts.tv_nsec = ns % 1000000000LL;
	return ev;
}

static int
tmpl_is(const char *msg, const char *want)
{
	char buf[256];
	wl_template_text(msg, strlen(msg), buf, sizeof(buf));
	if (strcmp(buf, want) != 0)
		printf("# '%s' -> '%s', want '%s'\n", msg, buf, want);
	return strcmp(buf, want) == 0;
}

/*
 * Messages built from a few pieces, plain and variable, in random order
 * and lengths (so plain runs of every length from 0 to 20 sit at every
 * offset): each pair's hashes must be equal exactly when their template
 * texts are.  Both come from one scanner; this checks the hash's word
 * loads, which read bytes around a piece and must ignore them.
 */
static int
hash_agrees_with_text(void)
{
	static const char *const pieces[] = { "retry ", "of ", "x", "for ",
		"/tmp/a", "/var/log/b.log ", "42 ", "7", "0x1f ", "'q' ",
		"10.0.0.1 ", "deadbeef00 ", "abcdefghijklmnopqrst", ": ", "v2 ",
		"\"a b\" ", "-", "3.14 " };
	enum { N = 20000 };
	static uint64_t hash[N];
	static char text[N][160];
	unsigned seed = 12345;
	for (int i = 0; i < N; i++) {
		char m[160];
		size_t len = 0;
		seed = seed * 1103515245 + 12345;
		int np = (int)(seed >> 16) % 6;
		for (int p = 0; p < np; p++) {
			seed = seed * 1103515245 + 12345;
			const char *pc = pieces[(seed >> 16) %
			    (sizeof(pieces) / sizeof(pieces[0]))];
			size_t pl = strlen(pc);
			seed = seed * 1103515245 + 12345;
			size_t cut = (seed >> 16) % (pl + 1);
			memcpy(m + len, pc, cut);
			len += cut;
		}
		hash[i] = wl_template_hash(m, len);
		wl_template_text(m, len, text[i], sizeof(text[i]));
	}
	for (int i = 0; i < N; i++)
		for (int j = i + 1; j < N && j < i + 400; j++)
			if ((hash[i] == hash[j]) !=
			    (strcmp(text[i], text[j]) == 0)) {
				printf("# '%s' and '%s' disagree\n", text[i],
				    text[j]);
				return 0;
			}
	return 1;
}

/* A's template hash through the memo, then B's: both the plain hash,
 * B's from the memo exactly when FROM_MEMO? */
static int
memo_pair(const char *a, const char *b, int from_memo)
{
	struct wl_memo m;
	wl_memo_forget();
	wl_memo_key(&m, a, strlen(a));
	uint64_t ha = wl_template_hash_memo(a, strlen(a), &m);
	wl_memo_key(&m, b, strlen(b));
	int hit = m.hit && m.slot->have_template;
	uint64_t hb = wl_template_hash_memo(b, strlen(b), &m);
	int good = ha == wl_template_hash(a, strlen(a)) &&
	    hb == wl_template_hash(b, strlen(b)) && hit == from_memo;
	if (!good)
		printf("# '%s' then '%s': %s\n", a, b, hit ? "from the memo" :
		    "not from the memo");
	return good;
}

int
main(void)
{
	struct wl_ratelimit_conf c;
	char msg[128];

	printf("1..23\n");
	ok(tmpl_is("retry 1 of 5 for /tmp/a", "retry <n> of <n> for <path>"),
	    "numbers and paths are masked");
	ok(tmpl_is("peer 10.0.0.12:5432 id 0x1f req 123e4567-e89b-12d3-a456-426614174000",
	    "peer <ip> id <hex> req <uuid>"), "addresses, hex and UUIDs are masked");
	ok(tmpl_is("open 'my file' failed (\"x y\") fe80::1",
	    "open <str> failed (<str>) <ip>"), "quoted strings and IPv6 are masked");
	ok(tmpl_is("ipv4 sha256 deadbeef v2", "ipv4 sha256 deadbeef v2"),
	    "digits inside words and hex-looking words stay");
	ok(tmpl_is("Name: one: x:1 :: a: port:8080", "Name: one: x:<n> :: a: port:<n>"),
	    "colons after words and alone end the scan (no address there)");
	ok(wl_template_hash("retry 1 of 5", 12) == wl_template_hash("retry 22 of 7", 13),
	    "messages of one template share a hash");
	ok(wl_template_hash("retry 1 of 5", 12) != wl_template_hash("retry 1 in 5", 12),
	    "messages of different templates do not");
	ok(hash_agrees_with_text(), "over 20000 generated messages, two share "
	    "a hash exactly when they share a template text");
	ok(memo_pair("retry 1 of 5 for /tmp/a1", "retry 7 of 9 for /tmp/a8",
	    1), "a template is taken from the memo for a message that "
	    "differs only in its digits");
	ok(memo_pair("id 0x1f done", "id 1x1f done", 0) &&
	    memo_pair("id 1x1f done", "id 0x1f done", 0),
	    "\"0x\" and \"1x\" share a key but not a template: neither "
	    "is remembered");
	ok(memo_pair("sha256 ok", "sha512 ok", 0), "a digit the template "
	    "keeps is not remembered");
	ok(wl_template_hash("a 1", 3) == wl_template_hash("a 22", 4) &&
	    wl_template_hash("a 1", 3) != wl_template_hash("b 1", 3) &&
	    wl_template_hash("", 0) != wl_template_hash("1", 1),
	    "messages shorter than eight bytes hash by their template too");

	/* Exact rate: 10/s with a burst of 5, one event every 10 ms for
	 * 10 s: the burst plus 10 per second. */
	wl_ratelimit_defaults(&c);
	c.rate = 10;
	c.burst = 5;
	c.global_rate = 0;
	c.error_rate = 0;
	wl_ratelimit_setup(&c);
	int admitted = 0;
	for (int i = 0; i < 1000; i++) {
		struct wl_event ev = event("tick 1", 13, (long long)i * 10000000LL);
		admitted += wl_ratelimit_admit(&ev);
	}
	ok(admitted == 5 + 99, "10/s with a burst of 5 admits 5 + 10 per second, fractional credit kept");
	ok(!wl_ratelimit_tick(true) && summaries == 1 && summarized == 1000 - 104,
	    "the summary at exit counts every dropped event");
	ok(strcmp(last_msg, "suppressed 896 events like \"tick <n>\" (WARN) between "
	    "2023-11-14T22:13:20.050000Z and 2023-11-14T22:13:29.990000Z") == 0,
	    "the summary says how many, like what, at which level, between when")
	    || (printf("# %s\n", last_msg), 0);
	ok(strcmp(last_key, "tick <n>") == 0 && strcmp(last_sample, "tick 1") == 0,
	    "with the template as key and one suppressed message as sample");

	/* A summary is due when its window ends, not only at exit. */
	summaries = 0;
	summarized = 0;
	for (int i = 0; i < 100; i++) {
		struct wl_event ev = event("burst 2", 13, 20000000000LL + i);
		(void)wl_ratelimit_admit(&ev);
	}
	struct timespec t = { 1700000000 + 20, 500000000 };
	ok(wl_ratelimit_tick_at(&t, false) && summaries == 0,
	    "a window that has not ended keeps its count");
	t.tv_sec++;
	ok(!wl_ratelimit_tick_at(&t, false) && summaries == 1 &&
	    summarized == 95, "and it is summarized when the window ends") ;

	/* Accounting through eviction: 8 keys, 200 templates of 50 each. */
	(void)wl_ratelimit_tick(true);
	summaries = 0;
	summarized = 0;
	wl_ratelimit_defaults(&c);
	c.keys = 8;
	c.global_rate = 0;
	c.error_rate = 0;
	wl_ratelimit_setup(&c);
	/* (the table keeps its first mapping; only 8 slots are used now) */
	unsigned long long produced = 0, delivered = 0;
	for (int t = 0; t < 200; t++)
		for (int i = 0; i < 50; i++) {
			snprintf(msg, sizeof(msg), "template%c%c value %d",
			    'a' + t % 26, 'a' + t / 26, i);
			struct wl_event ev = event(msg, 13,
			    30000000000LL + (long long)t * 1000 + i);
			produced++;
			delivered += wl_ratelimit_admit(&ev);
		}
	(void)wl_ratelimit_tick(true);
	ok(delivered + summarized == produced,
	    "delivered + summarized = produced, keys evicted from a small table included")
	    || (printf("# delivered %llu summarized %llu produced %llu\n",
	    delivered, summarized, produced), 0);

	/* FATAL is never dropped; ERROR has its own global budget. */
	wl_ratelimit_defaults(&c);
	c.global_rate = 5;
	c.error_rate = 50;
	wl_ratelimit_setup(&c);
	int fatal = 0, warn = 0, err = 0;
	for (int i = 0; i < 100; i++) {
		snprintf(msg, sizeof(msg), "distinct message %c%c", 'a' + i % 26,
		    'a' + i / 26);
		struct wl_event f = event("the end", 21, 40000000000LL + i);
		struct wl_event w = event(msg, 13, 40000000000LL + i);
		struct wl_event e = event(msg, 17, 40000000000LL + i);
		fatal += wl_ratelimit_admit(&f);
		warn += wl_ratelimit_admit(&w);
		err += wl_ratelimit_admit(&e);
	}
	ok(fatal == 100, "FATAL is never dropped");
	ok(warn == 5, "the global cap holds distinct WARN events to its rate");
	ok(err == 50, "ERROR events have their own, larger budget");

	double r;
	ok(wl_ratelimit_parse_rate("600/1m", &r) == 0 && r == 10 &&
	    wl_ratelimit_parse_rate("5/100ms", &r) == 0 && r == 50 &&
	    wl_ratelimit_parse_rate("10/x", &r) != 0,
	    "rates parse as N/INTERVAL");
	return tap_done(0);
}
