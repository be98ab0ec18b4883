/*
 * report.h - the shapes of multi-line reports: which line starts one and
 * which lines continue it.  Grouping (group.h) uses them to make each
 * report one event; `withlog --explain -` uses the same ones, so that it
 * groups stdin's lines as the library would.
 *
 * The kinds: a Python traceback (chained ones included), a Java stack
 * trace (`\tat ...`, `Caused by:`, `... N more`), a Go panic or fatal
 * error with its goroutine dump, a Rust panic with its note or
 * backtrace, a PEM block (-----BEGIN ... to -----END ...), and a
 * compiler's context header ("x.c: In function 'main':", "In file
 * included from ...") with the diagnostic after it.
 */
#ifndef WL_REPORT_H
#define WL_REPORT_H

#include <stddef.h>
#include <stdint.h>

enum wl_report_kind {
	WL_REPORT_NONE, WL_REPORT_PYTHON, WL_REPORT_JAVA, WL_REPORT_GO,
	WL_REPORT_RUST, WL_REPORT_PEM, WL_REPORT_GCC,
};

/* A report being read: its kind and how far into it. */
struct wl_report {
	uint8_t kind;		/* enum wl_report_kind */
	uint8_t state;		/* kind-specific progress, 0 at the start */
};

enum wl_report_verdict {
	WL_REPORT_CLOSE,		/* the line is not part of it */
	WL_REPORT_JOIN,			/* it is, and more may follow */
	WL_REPORT_JOIN_AND_CLOSE,	/* it is, and ends it */
};

/* wl_report_starts() for a line that may start a report by its first
 * and last bytes. */
enum wl_report_kind wl_report_starts_at(const char *s, size_t n);

/* Does the line [s, s + n) (no newline) start a report?  Its kind, or
 * WL_REPORT_NONE.  Every line asks, so the common one is answered here
 * by its first and last bytes: a report's first line starts with 'T'
 * (Traceback), 'E' (Exception in thread), '-' (PEM) or a lower-case
 * letter (panic:, fatal error:, thread '...' panicked, a Java exception's
 * dotted class), or ends in ':' or ',' (a compiler's context header). */
static inline enum wl_report_kind
wl_report_starts(const char *s, size_t n)
{
	if (n < 6)
		return WL_REPORT_NONE;
	unsigned char c = (unsigned char)s[0], e = (unsigned char)s[n - 1];
	if (e != ':' && e != ',' && c != 'T' && c != 'E' && c != '-' &&
	    !(c >= 'a' && c <= 'z'))
		return WL_REPORT_NONE;
	return wl_report_starts_at(s, n);
}

/* Does the line [s, s + n) continue R?  May advance R's state (or turn
 * a Java "Exception in thread" report into the Python traceback under
 * it). */
enum wl_report_verdict wl_report_continues(struct wl_report *r,
    const char *s, size_t n) __attribute__((nonnull(1)));

/* A report's text B (N bytes, each line ending in '\n') without its
 * trailing newline and without trailing blank lines, which a chained
 * traceback that did not follow leaves: returns the length and sets
 * BLANKS to how many blank lines were cut (each is then an event of its
 * own, so that no line is lost or invented). */
size_t wl_report_trim(const char *b, size_t n, unsigned *blanks)
    __attribute__((nonnull(3)));

#endif
