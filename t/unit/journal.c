/*
 * t/unit/journal.c - unit test of the journal's native protocol encoder
 * (interpose/journal.c) and of how event fields are named in the
 * journal, printed as TAP.
 *
 * Checks exact entries for a syslog and a stderr event, the binary-safe
 * form (64-bit little-endian length) for values holding newlines, the
 * renaming of field names, and, with a decoder written here from the
 * protocol's description, that messages made of any bytes come back
 * unchanged.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event.h"
#include "format.h"
#include "journal.h"

#define PLAN 21

#include "tap.h"


static void
show(const char *what, const char *s, size_t n)
{
	printf("#   %s (%zu bytes): ", what, n);
	for (size_t i = 0; i < n && i < 600; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '\\')
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	putchar('\n');
}

static void
is_mem(const char *got, size_t gn, const char *want, size_t wn,
    const char *what)
{
	if (!ok(gn == wn && memcmp(got, want, gn) == 0, "%s", what)) {
		show("got", got, gn);
		show("want", want, wn);
	}
}

static void
name_is(const char *key, const char *want)
{
	char out[WL_JOURNAL_NAME_MAX + 1];
	size_t n = wl_journal_name(key, out);
	if (!ok(n == strlen(want) && strcmp(out, want) == 0,
	    "field '%.20s%s' is named '%s' in the journal", key,
	    strlen(key) > 20 ? "..." : "", want))
		printf("#   got '%s' (%zu)\n", out, n);
}

/* A decoder written from the protocol's description: the value of the
 * first field NAME in the entry P[0..N), or -1 if the entry is malformed
 * or has no such field. */
static long
field_of(const char *p, size_t n, const char *name, const char **val)
{
	size_t i = 0;
	while (i < n) {
		size_t start = i, k = i;
		while (k < n && p[k] != '=' && p[k] != '\n')
			k++;
		if (k == n || k == start)
			return -1;
		const char *v;
		size_t vn;
		if (p[k] == '=') {
			const char *nl = memchr(p + k + 1, '\n', n - k - 1);
			if (nl == NULL)
				return -1;
			v = p + k + 1;
			vn = (size_t)(nl - v);
			i = (size_t)(nl - p) + 1;
		} else {
			if (n - k - 1 < 8)
				return -1;
			unsigned long long len = 0;
			for (int b = 7; b >= 0; b--)
				len = len << 8 | (unsigned char)p[k + 1 + b];
			if (len + 1 > n - k - 9 || p[k + 9 + len] != '\n')
				return -1;
			v = p + k + 9;
			vn = (size_t)len;
			i = k + 9 + vn + 1;
		}
		if (k - start == strlen(name) &&
		    memcmp(p + start, name, k - start) == 0) {
			*val = v;
			return (long)vn;
		}
	}
	return -1;
}

int
main(void)
{
	char buf[4096];
	struct wl_event ev;
	struct timespec t = { 1700000000, 123456000 };

	printf("1..%d\n", PLAN);

	/* A syslog event with fields, one of them on two lines. */
	wl_event_init(&ev, WL_SRC_SYSLOG, "__syslog_chk", "disk \"x\" failed",
	    15);
	ev.ts = t;
	ev.ident = "svc";
	ev.ident_len = 3;
	ev.facility = 3;
	ev.severity = WL_SEV_WARN;
	ev.prog = "prog";
	ev.pid = 7;
	ev.tid = 8;
	ev.seq = 5;
	struct wl_field f[] = {
		{ "level_src", "keyword", 7 },
		{ "message", "dup", 3 },
		{ "_private", "x", 1 },
		{ "1st", "y", 1 },
		{ "a.b-c", "z", 1 },
		{ "ok", "l1\nl2", 5 },
	};
	memcpy(ev.fields, f, sizeof(f));
	ev.nfields = 6;
	static const char want1[] =
	    "PRIORITY=4\n"
	    "SYSLOG_FACILITY=3\n"
	    "SYSLOG_IDENTIFIER=svc\n"
	    "SYSLOG_PID=7\n"
	    "TID=8\n"
	    "MESSAGE=disk \"x\" failed\n"
	    "WITHLOG_LEVEL=WARN\n"
	    "WITHLOG_SEVERITY=13\n"
	    "WITHLOG_SOURCE=syslog\n"
	    "WITHLOG_API=__syslog_chk\n"
	    "WITHLOG_SEQ=5\n"
	    "WITHLOG_TIME=2023-11-14T22:13:20.123456Z\n"
	    "LEVEL_SRC=keyword\n"
	    "F_MESSAGE=dup\n"
	    "F__PRIVATE=x\n"
	    "F_1ST=y\n"
	    "A_B_C=z\n"
	    "OK\n\x05\0\0\0\0\0\0\0l1\nl2\n";
	size_t n = wl_format_event(WL_FMT_JOURNAL, &ev, buf, sizeof(buf));
	is_mem(buf, n, want1, sizeof(want1) - 1,
	    "a syslog event: priority, facility, ident, pid, message, "
	    "withlog's fields, then the event's, renamed");
	size_t small = wl_format_event(WL_FMT_JOURNAL, &ev, buf, 10);
	ok(small == n, "a buffer too small gets the size to retry with");

	/* A stderr event whose message has two lines, in the syslog
	 * scheme. */
	static const struct wl_format_opts sys = { WL_SCHEME_SYSLOG, 0, NULL };
	wl_event_init(&ev, WL_SRC_STDERR, "fprintf", "Traceback:\n  x", 14);
	ev.ts = t;
	ev.severity = WL_SEV_ERROR;
	ev.prog = "py";
	ev.pid = 1;
	ev.tid = 2;
	static const char want2[] =
	    "PRIORITY=3\n"
	    "SYSLOG_IDENTIFIER=py\n"
	    "SYSLOG_PID=1\n"
	    "TID=2\n"
	    "MESSAGE\n\x0e\0\0\0\0\0\0\0Traceback:\n  x\n"
	    "WITHLOG_LEVEL=err\n"
	    "WITHLOG_SEVERITY=3\n"
	    "WITHLOG_SOURCE=stderr\n"
	    "WITHLOG_API=fprintf\n"
	    "WITHLOG_TIME=2023-11-14T22:13:20.123456Z\n";
	n = wl_format_event_in(WL_FMT_JOURNAL, &sys, &ev, buf, sizeof(buf));
	is_mem(buf, n, want2, sizeof(want2) - 1,
	    "a stderr event: no facility, the program as identifier, a "
	    "two-line message in the binary-safe form, no seq when unset");

	/* A message of 300 bytes with a newline: the length takes two
	 * bytes of the eight. */
	char msg[300];
	memset(msg, 'm', sizeof(msg));
	msg[150] = '\n';
	ev.msg = msg;
	ev.msg_len = sizeof(msg);
	n = wl_format_event(WL_FMT_JOURNAL, &ev, buf, sizeof(buf));
	const char *m = memmem(buf, n, "\nMESSAGE\n", 9);
	ok(m != NULL && memcmp(m + 9, "\x2c\x01\0\0\0\0\0\0", 8) == 0 &&
	    m[9 + 8 + 300] == '\n',
	    "the length is 64-bit little-endian (300 is 2c 01 00 ...)");

	/* Every byte value, at random, comes back unchanged. */
	srand(5);
	int same = 1, formed = 1;
	for (int round = 0; round < 2000; round++) {
		char in[64];
		size_t len = (size_t)(rand() % 64);
		for (size_t i = 0; i < len; i++)
			in[i] = (char)(rand() % 256);
		ev.msg = in;
		ev.msg_len = len;
		n = wl_format_event(WL_FMT_JOURNAL, &ev, buf, sizeof(buf));
		const char *v = NULL;
		long vn = field_of(buf, n, "MESSAGE", &v);
		formed &= vn >= 0 && buf[n - 1] == '\n';
		same &= vn == (long)len && memcmp(v, in, len) == 0;
	}
	ok(formed, "2000 messages of random bytes give well-formed entries");
	ok(same, "and each decodes to the bytes that went in");
	ev.msg = "";
	ev.msg_len = 0;
	n = wl_format_event(WL_FMT_JOURNAL, &ev, buf, sizeof(buf));
	ok(memmem(buf, n, "\nMESSAGE=\n", 10) != NULL,
	    "an empty message is MESSAGE= with nothing after it");

	name_is("trace_id", "TRACE_ID");
	name_is("caller", "CALLER");
	name_is("a.b", "A_B");
	name_is("message", "F_MESSAGE");
	name_is("priority", "F_PRIORITY");
	name_is("syslog_identifier", "F_SYSLOG_IDENTIFIER");
	name_is("withlog_level", "F_WITHLOG_LEVEL");
	name_is("code_line", "F_CODE_LINE");
	name_is("_boot_id", "F__BOOT_ID");
	name_is("9lives", "F_9LIVES");
	name_is("caf\xc3\xa9", "CAF__");
	name_is("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	    "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
	char out[WL_JOURNAL_NAME_MAX + 1];
	ok(wl_journal_name("", out) == 0 && out[0] == '\0',
	    "an empty field name has no journal name");
	ok(wl_journal_name("_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", out) == 64 &&
	    strncmp(out, "F__XXX", 6) == 0,
	    "a renamed long name is still cut to 64 bytes");

	return tap_done(PLAN);
}
