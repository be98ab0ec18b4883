/*
 * sink_conf.c - sink definitions: keys, output specs, checks (see
 * sink_conf.h).  Normal context only: used while the configuration is
 * read, never on the delivery path.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event.h"
#include "format.h"
#include "level.h"
#include "sink_conf.h"


static const char *const type_names[] = {
	[WL_SINK_NONE] = "none", [WL_SINK_STDERR] = "stderr",
	[WL_SINK_FILE] = "file", [WL_SINK_SYSLOG] = "syslog",
	[WL_SINK_UDP] = "syslog-udp", [WL_SINK_TCP] = "syslog-tcp",
	[WL_SINK_JOURNALD] = "journald",
};

#define NTYPES (sizeof(type_names) / sizeof(type_names[0]))

const char *
wl_sink_type_name(int type)
{
	return type >= 0 && (size_t)type < NTYPES ? type_names[type] : "?";
}

bool
wl_sink_type_available(int type)
{
	switch (type) {
	case WL_SINK_UDP:
	case WL_SINK_TCP:
	case WL_SINK_JOURNALD:
#ifdef WL_HAVE_NETQ
		return true;
#else
		return false;
#endif
	default:
		return type > WL_SINK_NONE && (size_t)type < NTYPES;
	}
}

void
wl_sink_conf_init(struct wl_sink_conf *s, const char *name)
{
	memset(s, 0, sizeof(*s));
	wl_copy_str(s->name, sizeof(s->name), name);
	s->format = WL_SINK_FMT_DEFAULT;
	s->source = -1;
	s->keep = 5;
}

bool
wl_sink_name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n >= sizeof(((struct wl_sink_conf *)0)->name))
		return false;
	for (; *name != '\0'; name++)
		if (!((*name >= 'a' && *name <= 'z') ||
		    (*name >= 'A' && *name <= 'Z') ||
		    (*name >= '0' && *name <= '9') || *name == '_' ||
		    *name == '.' || *name == '-'))
			return false;
	return true;
}

/* "10M", "512k", "1G" or a number of bytes, from LO to HI. */
static int
size_value(const char *v, unsigned long long lo, unsigned long long hi,
    unsigned long long *out)
{
	char *end;
	errno = 0;
	if (*v < '0' || *v > '9')
		return -1;
	unsigned long long n = strtoull(v, &end, 10);
	unsigned shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (shift != 0 && (*end == 'i' || *end == 'I'))
		end++;
	if (shift != 0 && (*end == 'b' || *end == 'B'))
		end++;
	if (errno != 0 || *end != '\0' || n > (hi >> shift))
		return -1;
	n <<= shift;
	if (n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

static int
type_value(const char *v)
{
	for (size_t i = 1; i < NTYPES; i++)
		if (strcmp(v, type_names[i]) == 0)
			return (int)i;
	return WL_SINK_NONE;
}

static int
level_value(const char *key, const char *v, int *out, char *why, size_t cap)
{
	int sev = wl_level_parse(v, strlen(v));
	if (sev != 0) {
		*out = sev;
		return 0;
	}
	snprintf(why, cap, "unknown level '%s' in %s (expected trace, debug, "
	    "info, notice, warn, error or fatal)", v, key);
	return -1;
}

bool
wl_sink_address_ok(const char *a)
{
	const char *colon;
	if (*a == '[') {
		const char *close = strchr(a, ']');
		if (close == NULL || close == a + 1 || close[1] != ':')
			return false;
		colon = close + 1;
	} else {
		colon = strrchr(a, ':');
		if (colon == NULL || colon == a ||
		    memchr(a, ':', (size_t)(colon - a)) != NULL)
			return false;
		for (const char *p = a; p < colon; p++)
			if (!((*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '.' ||
			    *p == '-' || *p == '_'))
				return false;
	}
	char *end;
	errno = 0;
	if (colon[1] < '0' || colon[1] > '9')
		return false;
	long port = strtol(colon + 1, &end, 10);
	return errno == 0 && *end == '\0' && port >= 1 && port <= 65535;
}

int
wl_sink_conf_set(struct wl_sink_conf *s, const char *key, const char *v,
    char *why, size_t cap)
{
	unsigned long long n;

	if (strcmp(key, "type") == 0) {
		int t = type_value(v);
		if (t == WL_SINK_NONE) {
			snprintf(why, cap, "unknown sink type '%s' (expected "
			    "stderr, file, syslog, syslog-udp, syslog-tcp or "
			    "journald)", v);
			return -1;
		}
		if (!wl_sink_type_available(t)) {
			snprintf(why, cap, "sink type '%s' is not available in "
			    "this build", v);
			return -1;
		}
		s->type = t;
	} else if (strcmp(key, "format") == 0) {
		enum wl_format f;
		if (strcmp(v, "default") == 0)
			s->format = WL_SINK_FMT_DEFAULT;
		else if (strcmp(v, "rfc3164") == 0)
			s->format = WL_SINK_FMT_RFC3164;
		else if (wl_format_parse(v, &f) == 0)
			s->format = (int)f;
		else {
			snprintf(why, cap, "unknown format '%s' (expected text, "
			    "json, logfmt, otlp-json, rfc5424, rfc3164 or "
			    "default)", v);
			return -1;
		}
		s->given |= WL_SK_FORMAT;
	} else if (strcmp(key, "min_level") == 0) {
		return level_value(key, v, &s->min_level, why, cap);
	} else if (strcmp(key, "max_level") == 0) {
		return level_value(key, v, &s->max_level, why, cap);
	} else if (strcmp(key, "source") == 0) {
		if (strcmp(v, "stderr") == 0)
			s->source = WL_SRC_STDERR;
		else if (strcmp(v, "syslog") == 0)
			s->source = WL_SRC_SYSLOG;
		else if (strcmp(v, "any") == 0)
			s->source = -1;
		else {
			snprintf(why, cap, "source '%s' is not stderr, syslog "
			    "or any", v);
			return -1;
		}
	} else if (strcmp(key, "rule") == 0) {
		if (*v == '\0' || strlen(v) >= sizeof(s->rule_names)) {
			snprintf(why, cap, "rule must name 1 to %zu bytes of "
			    "rules", sizeof(s->rule_names) - 1);
			return -1;
		}
		wl_copy_str(s->rule_names, sizeof(s->rule_names), v);
	} else if (strcmp(key, "passthrough") == 0) {
		if (strcmp(v, "on") != 0 && strcmp(v, "off") != 0) {
			snprintf(why, cap, "passthrough '%s' is not on or off",
			    v);
			return -1;
		}
		s->passthrough = v[1] == 'n';
		s->given |= WL_SK_PASSTHROUGH;
	} else if (strcmp(key, "path") == 0) {
		if (v[0] != '/' || strlen(v) >= sizeof(s->target)) {
			snprintf(why, cap, "path '%s' is not an absolute path "
			    "of at most %zu bytes", v, sizeof(s->target) - 1);
			return -1;
		}
		wl_copy_str(s->target, sizeof(s->target), v);
		s->given |= WL_SK_PATH;
	} else if (strcmp(key, "address") == 0) {
		if (*v == '\0' || strlen(v) >= sizeof(s->target)) {
			snprintf(why, cap, "address '%s' is empty or too long",
			    v);
			return -1;
		}
		wl_copy_str(s->target, sizeof(s->target), v);
		s->given |= WL_SK_ADDRESS;
	} else if (strcmp(key, "max_size") == 0) {
		if (size_value(v, 1024, 1ULL << 50, &n) != 0) {
			snprintf(why, cap, "max_size '%s' is not a size from "
			    "1k to 1024T (like 10M)", v);
			return -1;
		}
		s->max_size = n;
		s->given |= WL_SK_MAX_SIZE;
	} else if (strcmp(key, "keep") == 0) {
		if (size_value(v, 0, 100, &n) != 0 ||
		    strspn(v, "0123456789") != strlen(v)) {
			snprintf(why, cap, "keep '%s' is not a number from 0 "
			    "to 100", v);
			return -1;
		}
		s->keep = (int)n;
		s->given |= WL_SK_KEEP;
	} else if (strcmp(key, "queue") == 0) {
		if (strcmp(v, "default") == 0)
			n = 0;
		else if (size_value(v, 4096, 64ULL << 20, &n) != 0) {
			snprintf(why, cap, "queue '%s' is not a size from 4k "
			    "to 64M, or default", v);
			return -1;
		}
		s->queue = (unsigned long)n;
		s->given |= WL_SK_QUEUE;
	} else {
		snprintf(why, cap, "unknown sink key '%s'", key);
		return -1;
	}
	return 0;
}

/* The keys each type takes beyond the common ones. */
static unsigned
keys_of(int type)
{
	switch (type) {
	case WL_SINK_STDERR:
		return WL_SK_PASSTHROUGH | WL_SK_FORMAT;
	case WL_SINK_FILE:
		return WL_SK_PATH | WL_SK_MAX_SIZE | WL_SK_KEEP | WL_SK_FORMAT;
	case WL_SINK_SYSLOG:
		return WL_SK_ADDRESS | WL_SK_FORMAT;
	case WL_SINK_UDP:
	case WL_SINK_TCP:
		return WL_SK_ADDRESS | WL_SK_QUEUE | WL_SK_FORMAT;
	case WL_SINK_JOURNALD:
		return WL_SK_ADDRESS | WL_SK_QUEUE;
	}
	return 0;
}

static const char *
key_name(unsigned bit)
{
	switch (bit) {
	case WL_SK_PATH: return "path";
	case WL_SK_ADDRESS: return "address";
	case WL_SK_MAX_SIZE: return "max_size";
	case WL_SK_KEEP: return "keep";
	case WL_SK_QUEUE: return "queue";
	case WL_SK_PASSTHROUGH: return "passthrough";
	default: return "format";
	}
}

int
wl_sink_conf_check(const struct wl_sink_conf *s, char *why, size_t cap)
{
	const char *tn = wl_sink_type_name(s->type);

	if (s->type == WL_SINK_NONE) {
		snprintf(why, cap, "[sink %s]: no type (expected stderr, file, "
		    "syslog, syslog-udp, syslog-tcp or journald)", s->name);
		return -1;
	}
	unsigned extra = s->given & ~keys_of(s->type);
	if (extra != 0) {
		snprintf(why, cap, "[sink %s]: %s does not apply to a %s sink",
		    s->name, key_name(extra & -extra), tn);
		return -1;
	}
	if (s->type == WL_SINK_FILE && !(s->given & WL_SK_PATH)) {
		snprintf(why, cap, "[sink %s]: a file sink needs a path",
		    s->name);
		return -1;
	}
	if ((s->type == WL_SINK_UDP || s->type == WL_SINK_TCP) &&
	    !(s->given & WL_SK_ADDRESS)) {
		snprintf(why, cap, "[sink %s]: a %s sink needs an address "
		    "(HOST:PORT)", s->name, tn);
		return -1;
	}
	if ((s->type == WL_SINK_UDP || s->type == WL_SINK_TCP) &&
	    !wl_sink_address_ok(s->target)) {
		snprintf(why, cap, "[sink %s]: address '%s' is not HOST:PORT "
		    "(a port from 1 to 65535)", s->name, s->target);
		return -1;
	}
	if ((s->type == WL_SINK_SYSLOG || s->type == WL_SINK_JOURNALD) &&
	    (s->given & WL_SK_ADDRESS) && (s->target[0] != '/' ||
	    strlen(s->target) >= 108)) {
		snprintf(why, cap, "[sink %s]: address '%s' is not the "
		    "absolute path of a socket (at most 107 bytes)", s->name,
		    s->target);
		return -1;
	}
	if (s->type == WL_SINK_SYSLOG && s->format != WL_SINK_FMT_DEFAULT &&
	    s->format != WL_SINK_FMT_RFC3164 && s->format != WL_FMT_RFC5424) {
		snprintf(why, cap, "[sink %s]: a syslog sink's format is "
		    "rfc3164 or rfc5424", s->name);
		return -1;
	}
	if (s->type != WL_SINK_SYSLOG && s->format == WL_SINK_FMT_RFC3164) {
		snprintf(why, cap, "[sink %s]: rfc3164 is a format of syslog "
		    "sinks only", s->name);
		return -1;
	}
	if (s->min_level != 0 && s->max_level != 0 &&
	    s->max_level < s->min_level) {
		snprintf(why, cap, "[sink %s]: max_level %s is below min_level "
		    "%s", s->name, wl_level_key(s->max_level),
		    wl_level_key(s->min_level));
		return -1;
	}
	return 0;
}

int
wl_sink_conf_from_spec(struct wl_sink_conf *s, const char *spec, char *why,
    size_t cap)
{
	/* The spec names the sink, cut to fit: it is only ever shown. */
	wl_sink_conf_init(s, spec);
	s->by_output = true;
	if (strcmp(spec, "stderr") == 0)
		s->type = WL_SINK_STDERR;
	else if (strcmp(spec, "syslog") == 0)
		s->type = WL_SINK_SYSLOG;
	else if (strcmp(spec, "journald") == 0)
		s->type = WL_SINK_JOURNALD;
	else if (strncmp(spec, "file:", 5) == 0) {
		s->type = WL_SINK_FILE;
		if (spec[5] != '/' || strlen(spec + 5) >= sizeof(s->target)) {
			snprintf(why, cap, "output '%s' does not name an "
			    "absolute path", spec);
			return -1;
		}
		wl_copy_str(s->target, sizeof(s->target), spec + 5);
		s->given |= WL_SK_PATH;
	} else if (strncmp(spec, "udp://", 6) == 0 ||
	    strncmp(spec, "tcp://", 6) == 0) {
		s->type = spec[0] == 'u' ? WL_SINK_UDP : WL_SINK_TCP;
		if (!wl_sink_address_ok(spec + 6)) {
			snprintf(why, cap, "output '%s' is not %s://HOST:PORT "
			    "(a port from 1 to 65535)", spec, spec[0] == 'u' ?
			    "udp" : "tcp");
			return -1;
		}
		wl_copy_str(s->target, sizeof(s->target), spec + 6);
		s->given |= WL_SK_ADDRESS;
	} else {
		snprintf(why, cap, "unknown output '%s' (expected default, "
		    "stderr, syslog, journald, file:PATH, udp://HOST:PORT or "
		    "tcp://HOST:PORT)", spec);
		return -1;
	}
	if (!wl_sink_type_available(s->type)) {
		snprintf(why, cap, "output '%s': sink type '%s' is not "
		    "available in this build", spec,
		    wl_sink_type_name(s->type));
		return -1;
	}
	return 0;
}

static const char *
format_name(int f)
{
	static const char *const names[] = { "text", "json", "logfmt",
		"otlp-json", "rfc5424" };
	if (f == WL_SINK_FMT_RFC3164)
		return "rfc3164";
	if (f >= 0 && (size_t)f < sizeof(names) / sizeof(names[0]))
		return names[f];
	return "journal";
}

void
wl_sink_conf_show(const struct wl_sink_conf *s, int fd)
{
	/* A sink an output value made is shown as a comment: the output
	 * line makes it again when this text is loaded as a file. */
	const char *c = s->by_output ? "#   " : "";
	if (s->by_output)
		dprintf(fd, "# sink \"%s\", made by output = (%s)\n", s->name,
		    s->from);
	else
		dprintf(fd, "[sink %s]\t# %s\n", s->name, s->from);
	dprintf(fd, "%stype = %s\n", c, wl_sink_type_name(s->type));
	if (s->given & WL_SK_PATH)
		dprintf(fd, "%spath = %s\n", c, s->target);
	if (s->given & WL_SK_ADDRESS)
		dprintf(fd, "%saddress = %s\n", c, s->target);
	else if (s->type == WL_SINK_JOURNALD)
		dprintf(fd, "%saddress = %s\n", c, WL_JOURNAL_SOCKET);
	if (s->type == WL_SINK_JOURNALD)
		;	/* the journal's own protocol: no format applies */
	else if (s->format != WL_SINK_FMT_DEFAULT)
		dprintf(fd, "%sformat = %s\n", c, format_name(s->format));
	else
		dprintf(fd, "%sformat = default\t# %s\n", c,
		    s->type == WL_SINK_SYSLOG ? "rfc3164" :
		    s->type == WL_SINK_UDP || s->type == WL_SINK_TCP ?
		    "rfc5424" : s->type == WL_SINK_JOURNALD ? "journal" :
		    "the [withlog] format");
	dprintf(fd, "%smin_level = %s\n", c,
	    s->min_level != 0 ? wl_level_key(s->min_level) : "trace");
	dprintf(fd, "%smax_level = %s\n", c,
	    s->max_level != 0 ? wl_level_key(s->max_level) : "fatal");
	if (s->source >= 0)
		dprintf(fd, "%ssource = %s\n", c,
		    s->source == WL_SRC_SYSLOG ? "syslog" : "stderr");
	if (s->rule_names[0] != '\0')
		dprintf(fd, "%srule = %s\n", c, s->rule_names);
	if (s->type == WL_SINK_STDERR)
		dprintf(fd, "%spassthrough = %s\n", c,
		    s->passthrough ? "on" : "off");
	if (s->type == WL_SINK_FILE) {
		if (s->max_size > 0)
			dprintf(fd, "%smax_size = %llu\n%skeep = %d\n", c,
			    s->max_size, c, s->keep);
		else
			dprintf(fd, "%smax_size = 0\t# never rotated\n", c);
	}
	if (s->type == WL_SINK_UDP || s->type == WL_SINK_TCP ||
	    s->type == WL_SINK_JOURNALD)
	{
		if (s->queue > 0)
			dprintf(fd, "%squeue = %lu\n", c, s->queue);
		else
			dprintf(fd, "%squeue = default\n", c);
	}
}
