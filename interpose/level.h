/*
 * level.h - the canonical level scheme and its renderings.
 *
 * Levels are carried as OpenTelemetry SeverityNumber (1-24).  The canonical
 * name of a number is the name of its OpenTelemetry range: 1-4 TRACE,
 * 5-8 DEBUG, 9 INFO, 10-12 NOTICE, 13-16 WARN, 17-20 ERROR, 21-24 FATAL.
 */
#ifndef WL_LEVEL_H
#define WL_LEVEL_H

#include <stddef.h>

/* The canonical name of severity number SEV ("INFO" for 0 or out of range). */
const char *wl_level_name(int sev);

/* The rank of SEV among the canonical levels: 0 trace, 1 debug, 2 info,
 * 3 notice, 4 warn, 5 error, 6 fatal. */
int wl_level_rank(int sev);

/* The lower-case configuration name of SEV ("info", "warn"...). */
const char *wl_level_key(int sev);

/* Parse a level name, any case ("warn", "WARNING", "err", "crit"...).
 * Returns the severity number, or 0 if NAME is not a level. */
int wl_level_parse(const char *name, size_t len);

/* The severity number a syslog priority (0-7) maps to. */
int wl_level_from_syslog(int pri);

/* The syslog priority (0-7) a severity number maps to. */
int wl_level_to_syslog(int sev);

struct wl_event;

/*
 * The syslog priority EV is delivered at (syslog and journald sinks, an
 * RFC 5424 header): its level's, but never emerg or alert unless the
 * program itself sent that priority or a higher one (its syslog() call,
 * an sd-daemon "<0>" prefix: the event's orig_pri).  Those two are broadcast to every terminal
 * (journald's ForwardToWall, rsyslog's "*.emerg :omusrmsg:*"), and a
 * FATAL withlog read in a program's text (a panic, "out of memory") ends
 * one process, not the system: it goes as crit.
 */
int wl_event_priority(const struct wl_event *ev) __attribute__((nonnull));

/*
 * Output schemes: the names and numbers a level is written with.
 *   otel    TRACE DEBUG INFO NOTICE WARN ERROR FATAL, SeverityNumber
 *   syslog  debug info notice warning err crit alert emerg, 7..0
 *   python  DEBUG INFO WARNING ERROR CRITICAL, levelno 10..50
 *   slog    DEBUG-4 DEBUG INFO INFO+2 WARN ERROR ERROR+4, -8..12
 *   gcp     DEBUG INFO NOTICE WARNING ERROR CRITICAL ALERT EMERGENCY,
 *           100..800
 *   three   INFO WARN ERROR only (SeverityNumber 9, 13, 17)
 * The README holds the full table.
 */
enum wl_scheme {
	WL_SCHEME_OTEL = 0,
	WL_SCHEME_SYSLOG,
	WL_SCHEME_PYTHON,
	WL_SCHEME_SLOG,
	WL_SCHEME_GCP,
	WL_SCHEME_THREE,
};

/* Parse a scheme name.  Returns 0 and sets *OUT, or -1. */
int wl_scheme_parse(const char *name, enum wl_scheme *out);

/* The name and number severity SEV is written with in scheme S. */
void wl_scheme_level(enum wl_scheme s, int sev, const char **name, int *num)
    __attribute__((nonnull(3, 4)));

#endif
