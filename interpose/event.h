/*
 * event.h - the one record that flows through the pipeline.
 *
 * capture -> line assembly -> classify -> enrich -> rate-limit -> format ->
 * sinks.  Every stage reads and fills this structure; no stage keeps a
 * pointer into it after it returns.  Byte fields are (pointer, length)
 * pairs: a message may hold any bytes, NUL included, and is never assumed
 * to be a C string.
 */
#ifndef WL_EVENT_H
#define WL_EVENT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

/* OpenTelemetry SeverityNumber values of the canonical levels. */
enum wl_sev {
	WL_SEV_NONE = 0,	/* not classified yet */
	WL_SEV_TRACE = 1,
	WL_SEV_DEBUG = 5,
	WL_SEV_INFO = 9,
	WL_SEV_NOTICE = 10,
	WL_SEV_WARN = 13,
	WL_SEV_ERROR = 17,
	WL_SEV_CRIT = 18,	/* syslog crit keeps its own number */
	WL_SEV_ALERT = 19,	/* syslog alert likewise */
	WL_SEV_FATAL = 21,
};

enum wl_source { WL_SRC_STDERR = 0, WL_SRC_SYSLOG = 1 };

/* Extra key/value pairs (later stages add them; values are raw bytes). */
struct wl_field {
	const char *key;	/* NUL-terminated, [a-z0-9_.] */
	const char *val;
	size_t vlen;
};

#define WL_MAX_FIELDS 32

/* Event flags. */
#define WL_EV_PERROR 0x01	/* openlog(LOG_PERROR): also to stderr */
#define WL_EV_SUMMARY 0x02	/* a rate-limit summary: never limited */

struct wl_event {
	struct timespec ts;	/* CLOCK_REALTIME when the line completed */
	const char *msg;	/* the message alone, no trailing newline */
	size_t msg_len;
	const char *api;	/* entry point that produced it, e.g. "fprintf" */
	const char *ident;	/* syslog ident (NULL for stderr events) */
	size_t ident_len;
	const char *decided_by;	/* what set the level (e.g. "syslog", "default") */
	const char *prog;	/* program name (enrich) */
	const char *host;	/* host name (enrich) */
	uint64_t seq;		/* per-process sequence number, from 1 */
	pid_t pid;
	pid_t tid;
	int facility;		/* syslog facility code (LOG_USER...), -1 none */
	int orig_pri;		/* syslog priority as sent (0-7), -1 none */
	uint8_t source;		/* enum wl_source */
	uint8_t flags;		/* WL_EV_* */
	uint8_t severity;	/* enum wl_sev */
	uint8_t nfields;
	uint8_t rule;		/* 1 + index of the user rule that matched, 0 none */
	/* (wl_event_init sets every member above) */
	struct wl_field fields[WL_MAX_FIELDS];
};

/*
 * Start EV as an event of SOURCE made by API with message MSG (LEN
 * bytes): everything else zero, no facility, no original priority.  The
 * field array is left alone (nfields is zero).
 *
 * Member by member rather than a memset of the head: the compiler merges
 * these stores into a few wide ones, where a memset of this size became
 * a "rep stos", slow to start, once per line.  The padding is left as
 * it is (nothing compares events bytewise).  A member added to the head
 * must be set here; on LP64 the assertion below notices one.
 */
static inline void
wl_event_init(struct wl_event *ev, enum wl_source source, const char *api,
    const char *msg, size_t len)
{
	ev->ts.tv_sec = 0;
	ev->ts.tv_nsec = 0;
	ev->msg = msg;
	ev->msg_len = len;
	ev->api = api;
	ev->ident = NULL;
	ev->ident_len = 0;
	ev->decided_by = NULL;
	ev->prog = NULL;
	ev->host = NULL;
	ev->seq = 0;
	ev->pid = 0;
	ev->tid = 0;
	ev->facility = -1;
	ev->orig_pri = -1;
	ev->source = (uint8_t)source;
	ev->flags = 0;
	ev->severity = 0;
	ev->nfields = 0;
	ev->rule = 0;
}

_Static_assert(sizeof(void *) != 8 || sizeof(struct timespec) != 16 ||
    (offsetof(struct wl_event, rule) == 108 &&
    offsetof(struct wl_event, fields) == 112),
    "a member was added to the event's head: set it in wl_event_init()");

/* Copy the C string SRC into DST (capacity CAP > 0), cut to fit and
 * always terminated. */
static inline void
wl_copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = __builtin_strlen(src);
	if (n >= cap)
		n = cap - 1;
	__builtin_memcpy(dst, src, n);
	dst[n] = '\0';
}

#endif
