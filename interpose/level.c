/*
 * level.c - the canonical level scheme: names, parsing, syslog mapping.
 */
#include <stddef.h>
#include <strings.h>
#include "level.h"
#include "event.h"

const char *
wl_level_name(int sev)
{
	if (sev >= 21 && sev <= 24)
		return "FATAL";
	if (sev >= 17)
		return sev <= 24 ? "ERROR" : "INFO";
	if (sev >= 13)
		return "WARN";
	if (sev >= 10)
		return "NOTICE";
	if (sev == 9)
		return "INFO";
	if (sev >= 5)
		return "DEBUG";
	if (sev >= 1)
		return "TRACE";
	return "INFO";
}

int
wl_level_rank(int sev)
{
	if (sev >= 21)
		return 6;
	if (sev >= 17)
		return 5;
	if (sev >= 13)
		return 4;
	if (sev >= 10)
		return 3;
	if (sev >= 9 || sev == 0)
		return 2;
	return sev >= 5 ? 1 : 0;
}

const char *
wl_level_key(int sev)
{
	static const char *const keys[] = { "trace", "debug", "info",
		"notice", "warn", "error", "fatal" };
	return keys[wl_level_rank(sev)];
}

static const struct {
	const char *name;
	int sev;
} names[] = {
	{ "trace", WL_SEV_TRACE }, { "debug", WL_SEV_DEBUG },
	{ "info", WL_SEV_INFO }, { "informational", WL_SEV_INFO },
	{ "notice", WL_SEV_NOTICE }, { "warn", WL_SEV_WARN },
	{ "warning", WL_SEV_WARN }, { "error", WL_SEV_ERROR },
	{ "err", WL_SEV_ERROR }, { "crit", WL_SEV_CRIT },
	{ "critical", WL_SEV_CRIT }, { "alert", WL_SEV_ALERT },
	{ "emerg", WL_SEV_FATAL }, { "emergency", WL_SEV_FATAL },
	{ "fatal", WL_SEV_FATAL }, { "panic", WL_SEV_FATAL },
};

int
wl_level_parse(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *n = names[i].name;
		size_t j = 0;
		while (j < len && n[j] != '\0' &&
		    (name[j] | 0x20) == n[j])
			j++;
		if (j == len && n[j] == '\0')
			return names[i].sev;
	}
	return 0;
}

int
wl_level_from_syslog(int pri)
{
	static const unsigned char map[8] = {
		WL_SEV_FATAL, WL_SEV_ALERT, WL_SEV_CRIT, WL_SEV_ERROR,
		WL_SEV_WARN, WL_SEV_NOTICE, WL_SEV_INFO, WL_SEV_DEBUG,
	};
	return map[pri & 7];
}

int
wl_level_to_syslog(int sev)
{
	if (sev >= 21)
		return 0;	/* emerg */
	if (sev >= 19)
		return 1;	/* alert */
	if (sev == 18)
		return 2;	/* crit */
	if (sev >= 17)
		return 3;	/* err */
	if (sev >= 13)
		return 4;	/* warning */
	if (sev >= 10)
		return 5;	/* notice */
	if (sev >= 9 || sev == 0)
		return 6;	/* info */
	return 7;		/* debug */
}

int
wl_event_priority(const struct wl_event *ev)
{
	int p = wl_level_to_syslog(ev->severity);
	if (p >= 2)
		return p;
	return ev->orig_pri >= 0 && ev->orig_pri <= p ? p : 2;
}

int
wl_scheme_parse(const char *name, enum wl_scheme *out)
{
	static const char *const schemes[] = { "otel", "syslog", "python",
		"slog", "gcp", "three" };
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (name != NULL && strcasecmp(name, schemes[i]) == 0) {
			*out = (enum wl_scheme)i;
			return 0;
		}
	return -1;
}

/* The rungs of the canonical ladder with syslog's crit and alert kept
 * apart: trace debug info notice warn error crit alert fatal. */
static int
rung(int sev)
{
	int r = wl_level_rank(sev);
	if (r == 6)
		return 8;
	if (sev >= 19 && sev <= 20)
		return 7;
	if (sev == 18)
		return 6;
	return r;
}

void
wl_scheme_level(enum wl_scheme s, int sev, const char **name, int *num)
{
	static const struct {
		const char *name;
		int num;
	} t[6][9] = {
		[WL_SCHEME_SYSLOG] = { { "debug", 7 }, { "debug", 7 },
		    { "info", 6 }, { "notice", 5 }, { "warning", 4 },
		    { "err", 3 }, { "crit", 2 }, { "alert", 1 },
		    { "emerg", 0 } },
		[WL_SCHEME_PYTHON] = { { "DEBUG", 10 }, { "DEBUG", 10 },
		    { "INFO", 20 }, { "INFO", 20 }, { "WARNING", 30 },
		    { "ERROR", 40 }, { "CRITICAL", 50 }, { "CRITICAL", 50 },
		    { "CRITICAL", 50 } },
		[WL_SCHEME_SLOG] = { { "DEBUG-4", -8 }, { "DEBUG", -4 },
		    { "INFO", 0 }, { "INFO+2", 2 }, { "WARN", 4 },
		    { "ERROR", 8 }, { "ERROR", 8 }, { "ERROR", 8 },
		    { "ERROR+4", 12 } },
		[WL_SCHEME_GCP] = { { "DEBUG", 100 }, { "DEBUG", 100 },
		    { "INFO", 200 }, { "NOTICE", 300 }, { "WARNING", 400 },
		    { "ERROR", 500 }, { "CRITICAL", 600 }, { "ALERT", 700 },
		    { "EMERGENCY", 800 } },
		[WL_SCHEME_THREE] = { { "INFO", 9 }, { "INFO", 9 },
		    { "INFO", 9 }, { "INFO", 9 }, { "WARN", 13 },
		    { "ERROR", 17 }, { "ERROR", 17 }, { "ERROR", 17 },
		    { "ERROR", 17 } },
	};
	if (s == WL_SCHEME_OTEL || (unsigned)s > WL_SCHEME_THREE) {
		*name = wl_level_name(sev);
		*num = sev != 0 ? sev : 9;
		return;
	}
	int r = rung(sev);
	*name = t[s][r].name;
	*num = t[s][r].num;
}
