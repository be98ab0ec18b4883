/*
 * format.h - render one event as one record (one line ending in '\n').
 *
 * Formatters know only the event record: no libc hooks, no sinks.  They
 * never allocate, never lock and touch no global state except per-thread
 * caches (the rendered current second, the thread's identity, the head
 * of its last record), each guarded against a signal handler that
 * interrupts its use, so they are safe in a signal handler.  The caches
 * are keyed by the event's prog, host and api pointers: those strings
 * must not change while the thread may render another event.  Every format is total: any bytes in any field give exactly one
 * well-formed record, and no byte of a message can start a second record.
 */
#ifndef WL_FORMAT_H
#define WL_FORMAT_H

#include <stddef.h>
#include <time.h>
#include "event.h"
#include "level.h"

enum wl_format {
	WL_FMT_TEXT = 0,
	WL_FMT_JSON = 1,
	WL_FMT_LOGFMT = 2,
	WL_FMT_OTLP = 3,	/* "otlp-json" */
	WL_FMT_RFC5424 = 4,
	/* The systemd journal's native protocol (journal.h): binary, for the
	 * journald sink only, so wl_format_parse does not offer it. */
	WL_FMT_JOURNAL = 5,
};

/* Parse a format name ("text", "json", "logfmt", "otlp-json", "rfc5424").  Returns 0 and sets *out, or -1. */
int wl_format_parse(const char *name, enum wl_format *out);

/*
 * Render EV in format FMT into BUF (capacity CAP).  Returns the length of
 * the whole record, newline included.  If that is more than CAP the
 * contents of BUF are unspecified and the caller retries with a buffer of
 * at least the returned size (the result is deterministic for one event).
 */
size_t wl_format_event(enum wl_format fmt, const struct wl_event *ev,
    char *buf, size_t cap) __attribute__((nonnull(2), warn_unused_result));

/*
 * A text template, "{ts} {level:5} {prog}[{pid}] {msg} {fields}":
 * literal text and placeholders, each optionally padded to a width
 * ({level:5}).  Placeholders: ts level severity source api msg prog name
 * (the ident for syslog events, else prog) pid tid host seq ident
 * facility fields.  "{{" and "}}" are literal braces.
 */
#define WL_TMPL_OPS 32
struct wl_text_tmpl {
	unsigned n;
	struct {
		unsigned char what;	/* 0: literal, else a placeholder */
		unsigned char width;
		unsigned short off, len;	/* the literal in lit */
	} op[WL_TMPL_OPS];
	char lit[256];
};

/* Compile SRC into T.  Returns 0, or -1 with a message in WHY. */
int wl_text_tmpl_parse(const char *src, struct wl_text_tmpl *t, char *why,
    size_t cap) __attribute__((nonnull));

/* How records are written beyond the format itself. */
#define WL_FMT_COLOR 0x1	/* colour a text record's level */
struct wl_format_opts {
	enum wl_scheme scheme;
	unsigned flags;
	const struct wl_text_tmpl *text;	/* NULL: the default layout */
};

/* The same as wl_format_event, with options O. */
size_t wl_format_event_in(enum wl_format fmt, const struct wl_format_opts *o,
    const struct wl_event *ev, char *buf, size_t cap)
    __attribute__((nonnull(2, 3), warn_unused_result));

/*
 * Render TS as RFC 3339 UTC with microseconds, "2026-11-21T20:01:02.123456Z"
 * (27 bytes), into OUT, NUL-terminated.  Pure arithmetic: no tz lock.
 */
void wl_format_time(const struct timespec *ts, char out[32])
    __attribute__((nonnull));

#endif
