/*
 * prefilter.c - the cheap tests every line passes before the costly ones:
 * wl_extract_may() must be true of every message wl_extract() takes
 * anything from, and agree with the plain byte-by-byte definition of a
 * first word that is a key followed by '='; wl_report_starts() must
 * give the kind the plain definition of each report's first line gives.
 * Random lines over an alphabet of the bytes and words that matter, with
 * a fixed seed.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "detect.h"
#include "extract.h"
#include "report.h"
#include "tap.h"

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned
next(unsigned below)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % below);
}

/* Bytes near each edge of the key class, and the ones logfmt and JSON
 * give a meaning to. */
static const char alphabet[] = "aAzZ09_.-/=:, \"{}@[`\t\\\x80\xc1\xfa";

static size_t
random_line(char *buf, size_t cap)
{
	size_t n = next((unsigned)cap);
	if (next(2) == 0) {
		/* mostly key bytes, so that long first words are common */
		for (size_t i = 0; i < n; i++)
			buf[i] = next(3) != 0 ? "kEy_9.-"[next(7)] :
			    alphabet[next(sizeof(alphabet) - 1)];
		return n;
	}
	/* pairs, keys of any length, then perhaps one byte changed */
	n = 0;
	while (n + 24 < cap && (n == 0 || next(3) != 0)) {
		for (unsigned k = 1 + next(20); k > 0; k--)
			buf[n++] = "kEy_9.-"[next(7)];
		buf[n++] = '=';
		for (unsigned v = next(3); v > 0; v--)
			buf[n++] = "v1/"[next(3)];
		buf[n++] = ' ';
	}
	n--;
	if (next(2) == 0)
		buf[next((unsigned)n)] = alphabet[next(sizeof(alphabet) - 1)];
	return n;
}

/* The definition, one byte at a time. */
static bool
reference(const char *s, size_t n)
{
	if (n < 3)
		return false;
	if (s[0] == '{')
		return s[n - 1] == '}';
	size_t i = 0;
	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
	    (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
	    s[i] == '_' || s[i] == '.' || s[i] == '-'))
		i++;
	return i > 0 && i < n && s[i] == '=';
}

static bool
starts(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n >= k && memcmp(s, lit, k) == 0;
}

/* A Java exception's first line, byte by byte from the start. */
static bool
java_reference(const char *s, size_t n)
{
	size_t i = 0, dots = 0;
	if (n == 0 || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (; i < n && s[i] != ':' && s[i] != ' '; i++) {
		char c = s[i];
		if (c == '.')
			dots++;
		else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '$'))
			return false;
	}
	if (dots == 0 || (i < n && s[i] != ':'))
		return false;
	return (i >= 9 && memcmp(s + i - 9, "Exception", 9) == 0) ||
	    (i >= 5 && memcmp(s + i - 5, "Error", 5) == 0) ||
	    (i >= 9 && memcmp(s + i - 9, "Throwable", 9) == 0);
}

/* Each report's first line, as report.h describes them. */
static enum wl_report_kind
report_reference(const char *s, size_t n)
{
	if (n < 6)
		return WL_REPORT_NONE;
	if (n >= 14 && (starts(s, n, "In file included from ") ?
	    (s[n - 1] == ':' || s[n - 1] == ',') :
	    s[n - 1] == ':' && wl_is_gcc_header(s, n)))
		return WL_REPORT_GCC;
	if (starts(s, n, "Traceback (most recent call last):"))
		return WL_REPORT_PYTHON;
	if (starts(s, n, "Exception in thread "))
		return WL_REPORT_JAVA;
	if (s[0] == 'E' || s[0] == 'T')
		return WL_REPORT_NONE;
	if (starts(s, n, "-----BEGIN "))
		return s[n - 1] == '-' ? WL_REPORT_PEM : WL_REPORT_NONE;
	if (starts(s, n, "panic: ") || starts(s, n, "fatal error: "))
		return WL_REPORT_GO;
	if (starts(s, n, "thread '") && strstr(s, " panicked at ") != NULL)
		return WL_REPORT_RUST;
	return java_reference(s, n) ? WL_REPORT_JAVA : WL_REPORT_NONE;
}

/* A line of words that may make a report's first line, NUL-terminated. */
static size_t
random_report_line(char *buf, size_t cap)
{
	static const char *const words[] = { "java", "io", "IOException",
	    "Error", "Throwable", "Exception", ".", ":", " ", ": ", "$", "_",
	    "x", "Z", "9", "-", "bench", "panic", "thread '", "fatal error",
	    " panicked at ", "Traceback (most recent call last):",
	    "Exception in thread ", "-----BEGIN ", "-----", ",",
	    "In file included from ", "x.c: In function 'main'", "\xc3" };
	size_t n = 0;
	for (unsigned k = next(12); k > 0; k--) {
		const char *w = words[next(sizeof(words) / sizeof(words[0]))];
		size_t l = strlen(w);
		if (n + l + 1 > cap)
			break;
		memcpy(buf + n, w, l);
		n += l;
	}
	buf[n] = '\0';
	return n;
}

int
main(void)
{
	char line[64], arena[4096];
	unsigned differ = 0, missed = 0, took = 0;

	printf("1..6\n");
	for (unsigned k = 0; k < 300000; k++) {
		size_t n = random_line(line, sizeof(line));
		bool may = wl_extract_may(line, n);
		differ += may != reference(line, n);
		struct wl_event ev;
		wl_event_init(&ev, WL_SRC_STDERR, "write", line, n);
		unsigned added = wl_extract(&ev, arena, sizeof(arena));
		bool changed = added != 0 || ev.msg != line ||
		    ev.msg_len != n || ev.nfields != 0;
		took += changed;
		missed += changed && !may;
	}
	ok(differ == 0, "the sixteen-byte test agrees with the byte-by-byte "
	    "one (%u lines differ)", differ);
	ok(took > 1000, "many random lines are taken apart (%u)", took);
	ok(missed == 0, "no line extraction changes is ruled out "
	    "beforehand (%u are)", missed);
	ok(!wl_extract_may("bench: worker 07 status=200 path=/api", 37) &&
	    wl_extract_may("level=info msg=\"x\"", 18) &&
	    wl_extract_may("a_very.long-key-name-indeed=1 b=2", 33),
	    "a sentence is ruled out by its first word; logfmt is not, "
	    "whatever its first key's length");
	unsigned wrong = 0, reports = 0;
	char text[128];
	for (unsigned k = 0; k < 300000; k++) {
		size_t n = random_report_line(text, sizeof(text));
		enum wl_report_kind want = report_reference(text, n);
		reports += want != WL_REPORT_NONE;
		wrong += wl_report_starts(text, n) != want;
	}
	ok(reports > 1000, "many random lines start a report (%u)", reports);
	ok(wrong == 0, "every line starts the report its first bytes say, "
	    "or none (%u do not)", wrong);
	return tap_done(6);
}
