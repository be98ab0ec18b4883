/*
 * report.c - the shapes of multi-line reports (see report.h).
 *
 * Each kind is told by its first line, most by its first character; the
 * lines that continue it by their indentation or their first words.
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "detect.h"
#include "report.h"

static bool
starts(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n >= k && memcmp(s, lit, k) == 0;
}

static bool
contains(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	for (size_t i = 0; i + k <= n; i++)
		if (s[i] == lit[0] && memcmp(s + i, lit, k) == 0)
			return true;
	return false;
}

/* Where the first word of [s, s + n) ends: its first ':' or ' ', or n.
 * Sixteen bytes at once where they are there to load. */
static size_t
word_end(const char *s, size_t n)
{
	size_t i = 0;
#if defined(__SSE2__)
	if (n >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(x, _mm_set1_epi8(':')),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8(' '))));
		if (m != 0)
			return (size_t)__builtin_ctz(m);
		i = 16;
	}
#endif
	while (i < n && s[i] != ':' && s[i] != ' ')
		i++;
	return i;
}

/* A Java exception line: a dotted class name ending in Exception, Error
 * or Throwable, then ':' or the end ("java.io.IOException: refused").
 * Most lines start with a lower-case word, so the word's end is looked
 * at before its bytes: few words end in one of the three. */
static bool
java_exception(const char *s, size_t n)
{
	if (n == 0 || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	size_t i = word_end(s, n), dots = 0;
	if (i < n && s[i] != ':')
		return false;
	if (!((i >= 9 && memcmp(s + i - 9, "Exception", 9) == 0) ||
	    (i >= 5 && memcmp(s + i - 5, "Error", 5) == 0) ||
	    (i >= 9 && memcmp(s + i - 9, "Throwable", 9) == 0)))
		return false;
	for (size_t j = 0; j < i; j++) {
		char c = s[j];
		if (c == '.')
			dots++;
		else if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
		    !(c >= '0' && c <= '9') && c != '_' && c != '$')
			return false;
	}
	return dots != 0;
}

/*
 * A compiler's context header: "x.c: In function 'main':", "x.cc: At
 * top level:", "In file included from x.h:3," (and the "from ..." lines
 * under it).  It names where the diagnostic after it is, so it goes into
 * one event with that diagnostic, at the diagnostic's level.  Every such
 * header ends in ':' or ',': one byte compare spares the other lines.
 */
static bool
gcc_context(const char *s, size_t n)
{
	if (n < 14 || (s[n - 1] != ':' && s[n - 1] != ','))
		return false;
	if (starts(s, n, "In file included from "))
		return true;
	return s[n - 1] == ':' && wl_is_gcc_header(s, n);
}

enum wl_report_kind
wl_report_starts_at(const char *s, size_t n)
{
	if (n < 6)
		return WL_REPORT_NONE;
	/* The last byte first, here: most lines end in neither. */
	if ((s[n - 1] == ':' || s[n - 1] == ',') && gcc_context(s, n))
		return WL_REPORT_GCC;
	switch (s[0]) {
	case 'T':
		return starts(s, n, "Traceback (most recent call last):") ?
		    WL_REPORT_PYTHON : WL_REPORT_NONE;
	case 'E':
		return starts(s, n, "Exception in thread ") ? WL_REPORT_JAVA : WL_REPORT_NONE;
	case '-':
		/* A PEM block (a key printed to stderr): one event, so that
		 * redaction can take its body whole. */
		return starts(s, n, "-----BEGIN ") && s[n - 1] == '-' ?
		    WL_REPORT_PEM : WL_REPORT_NONE;
	case 'p':
		if (starts(s, n, "panic: "))
			return WL_REPORT_GO;
		break;
	case 'f':
		if (starts(s, n, "fatal error: "))
			return WL_REPORT_GO;
		break;
	case 't':
		if (starts(s, n, "thread '") && contains(s, n, " panicked at "))
			return WL_REPORT_RUST;
		break;
	}
	return java_exception(s, n) ? WL_REPORT_JAVA : WL_REPORT_NONE;
}

enum wl_report_verdict
wl_report_continues(struct wl_report *g, const char *s, size_t n)
{
	switch (g->kind) {
	case WL_REPORT_PYTHON:
		/* Frames and code are indented; the exception line ends a
		 * traceback, but a chained one may follow after a blank line
		 * and one of two sentences. */
		if (n > 0 && s[0] == ' ')
			return WL_REPORT_JOIN;
		if (n == 0 || starts(s, n, "Traceback (most recent call last):") ||
		    starts(s, n, "The above exception was the direct cause") ||
		    starts(s, n, "During handling of the above exception")) {
			g->state = 0;
			return WL_REPORT_JOIN;
		}
		if (g->state == 0) {
			g->state = 1;	/* the exception line itself */
			return WL_REPORT_JOIN;
		}
		return WL_REPORT_CLOSE;
	case WL_REPORT_JAVA:
		/* Python's threading module also says "Exception in thread
		 * NAME:", followed by a traceback. */
		if (g->state == 0 &&
		    starts(s, n, "Traceback (most recent call last):")) {
			g->kind = WL_REPORT_PYTHON;
			return WL_REPORT_JOIN;
		}
		g->state = 1;
		if (starts(s, n, "\tat ") || starts(s, n, "\t... ") ||
		    starts(s, n, "Caused by: ") || starts(s, n, "\tSuppressed: ") ||
		    starts(s, n, "\t\tat ") || starts(s, n, "\t\t... ") ||
		    starts(s, n, "    at "))
			return WL_REPORT_JOIN;
		return WL_REPORT_CLOSE;
	case WL_REPORT_GO:
		if (n == 0 || s[0] == '\t' || s[0] == '[' ||
		    starts(s, n, "goroutine ") || starts(s, n, "created by ") ||
		    starts(s, n, "exit status ") || s[n - 1] == ')' ||
		    starts(s, n, "panic: ") || starts(s, n, "\tpanic: "))
			return WL_REPORT_JOIN;
		return WL_REPORT_CLOSE;
	case WL_REPORT_GCC:
		/* More context ("                 from y.c:1:", another
		 * header), then the diagnostic, which ends the report. */
		if ((n > 0 && s[0] == ' ' && contains(s, n, " from ")) ||
		    gcc_context(s, n))
			return WL_REPORT_JOIN;
		return contains(s, n, ": ") ? WL_REPORT_JOIN_AND_CLOSE : WL_REPORT_CLOSE;
	case WL_REPORT_PEM:
		if (starts(s, n, "-----END "))
			return WL_REPORT_JOIN_AND_CLOSE;
		return n > 0 && n <= 80 && s[0] != ' ' ? WL_REPORT_JOIN : WL_REPORT_CLOSE;
	case WL_REPORT_RUST:
		/* The message follows the header line; then a note that
		 * ends the report, or a backtrace of indented lines. */
		if (g->state == 0) {
			g->state = 1;
			return WL_REPORT_JOIN;
		}
		if (starts(s, n, "note: run with `RUST_BACKTRACE") ||
		    starts(s, n, "note: Some details are omitted"))
			return WL_REPORT_JOIN_AND_CLOSE;
		if (starts(s, n, "stack backtrace:") || (n > 0 && s[0] == ' '))
			return WL_REPORT_JOIN;
		return WL_REPORT_CLOSE;
	}
	return WL_REPORT_CLOSE;
}


size_t
wl_report_trim(const char *b, size_t n, unsigned *blanks)
{
	*blanks = 0;
	while (n > 0 && b[n - 1] == '\n' && (n == 1 || b[n - 2] == '\n')) {
		n--;
		(*blanks)++;
	}
	if (n > 0 && b[n - 1] == '\n')
		n--;
	return n;
}
