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

/* The lower-case configuration name of SEV ("info", "warn"...). */
const char *wl_level_key(int sev);

/* Parse a level name, any case ("warn", "WARNING", "err", "crit"...).
 * Returns the severity number, or 0 if NAME is not a level. */
int wl_level_parse(const char *name, size_t len);

/* The severity number a syslog priority (0-7) maps to. */
int wl_level_from_syslog(int pri);

/* The syslog priority (0-7) a severity number maps to. */
int wl_level_to_syslog(int sev);

#endif
