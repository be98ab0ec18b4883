/*
 * config.c - per-process configuration (see config.h).
 *
 * The parser is table-driven: each key of a section has a setter that
 * validates its value and records where it came from.  An unknown
 * section or key is an error, never silently ignored: a typo must not
 * leave a user believing a setting applies.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "config.h"
#include "linebuf.h"
#include "event.h"
#include "level.h"

#define MAX_INCLUDE_DEPTH 8

struct parse {
	struct wl_config *c;
	const char *prog;
	const char *prog2;	/* the argv[0] name, when it differs */
	bool secure;
	struct wl_config_error *err;
	const char *file;
	unsigned line;
	int depth;
	unsigned sink;		/* the [sink] section being read */
};

static int
fail(struct parse *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
fail(struct parse *p, const char *fmt, ...)
{
	va_list ap;
	/* Line 0: about the file as a whole (the message names it). */
	int n = p->line == 0 ? 0 : snprintf(p->err->text,
	    sizeof(p->err->text), "%s:%u: ", p->file, p->line);
	if (n < 0 || (size_t)n >= sizeof(p->err->text))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(p->err->text + n, sizeof(p->err->text) - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static void
origin(struct parse *p, wl_origin o)
{
	if (p->line == 0)
		snprintf(o, sizeof(wl_origin), "environment (%s)", p->file);
	else
		snprintf(o, sizeof(wl_origin), "%s:%u", p->file, p->line);
}

void
wl_config_defaults(struct wl_config *c)
{
	memset(c, 0, sizeof(*c));
	c->format = WL_FMT_TEXT;
	c->line_idle_ms = WL_LINE_IDLE_MS;
	c->min_level = 0;
	wl_copy_str(c->format_from, sizeof(wl_origin), "default");
	wl_copy_str(c->scheme_from, sizeof(wl_origin), "default");
	wl_copy_str(c->text_tmpl_from, sizeof(wl_origin), "default");
	c->color = -1;
	wl_copy_str(c->color_from, sizeof(wl_origin), "default");
	wl_copy_str(c->output_from, sizeof(wl_origin), "default");
	wl_copy_str(c->passthrough_from, sizeof(wl_origin), "default");
	wl_copy_str(c->buffer_from, sizeof(wl_origin), "default");
	wl_copy_str(c->line_idle_from, sizeof(wl_origin), "default");
	wl_copy_str(c->min_level_from, sizeof(wl_origin), "default");
	wl_copy_str(c->context_from, sizeof(wl_origin), "default");
	wl_copy_str(c->redact_from, sizeof(wl_origin), "default");
	c->extract = true;
	wl_copy_str(c->extract_from, sizeof(wl_origin), "default");
	wl_copy_str(c->syslog_socket_from, sizeof(wl_origin), "default");
	wl_ratelimit_defaults(&c->ratelimit);
	wl_copy_str(c->ratelimit_from, sizeof(wl_origin), "default");
}

/*
 * Rate limits.  "ratelimit = off|on", or the command line's compact form
 * "RATE[,BURST]" (10/1s,50; 0 for off); then one key per setting.
 */
static int
set_ratelimit(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->ratelimit_from;
	if (strcmp(v, "off") == 0 || strcmp(v, "0") == 0) {
		c->ratelimit.on = false;
		return 0;
	}
	if (strcmp(v, "on") == 0) {
		c->ratelimit.on = true;
		return 0;
	}
	char rate[64];
	const char *comma = strchr(v, ',');
	size_t n = comma != NULL ? (size_t)(comma - v) : strlen(v);
	double r, b = c->ratelimit.burst;
	if (n < sizeof(rate)) {
		memcpy(rate, v, n);
		rate[n] = '\0';
		char *end;
		if (wl_ratelimit_parse_rate(rate, &r) == 0 && r > 0 &&
		    (comma == NULL || ((b = strtod(comma + 1, &end)) >= 1 &&
		    *end == '\0'))) {
			c->ratelimit.on = true;
			c->ratelimit.rate = r;
			c->ratelimit.burst = b;
			return 0;
		}
	}
	snprintf(why, cap, "rate limit '%s' is not off, on or RATE[,BURST] "
	    "(like 10/1s,50)", v);
	return -1;
}

static int
rate_value(const char *v, double *out, char *why, size_t cap)
{
	if (wl_ratelimit_parse_rate(v, out) == 0)
		return 0;
	snprintf(why, cap, "rate '%s' is not N/INTERVAL (like 10/s, 600/1m, "
	    "5/100ms) or 0", v);
	return -1;
}

static int
set_rl_rate(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->ratelimit_from;
	return rate_value(v, &c->ratelimit.rate, why, cap);
}

static int
set_rl_global(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->ratelimit_from;
	return rate_value(v, &c->ratelimit.global_rate, why, cap);
}

static int
set_rl_error(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->ratelimit_from;
	return rate_value(v, &c->ratelimit.error_rate, why, cap);
}

static int
whole(const char *v, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || errno != 0 || n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

static int
set_rl_burst(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	long n;
	*from = &c->ratelimit_from;
	if (whole(v, 1, 1000000, &n) == 0) {
		c->ratelimit.burst = (double)n;
		return 0;
	}
	snprintf(why, cap, "burst '%s' is not a number from 1 to 1000000", v);
	return -1;
}

static int
set_rl_keys(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	long n;
	*from = &c->ratelimit_from;
	if (whole(v, 8, 1 << 20, &n) == 0 && (n & (n - 1)) == 0) {
		c->ratelimit.keys = (unsigned)n;
		return 0;
	}
	snprintf(why, cap, "keys '%s' is not a power of two from 8 to "
	    "1048576", v);
	return -1;
}

static int
set_rl_window(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	long n;
	*from = &c->ratelimit_from;
	if (whole(v, 10, 3600000, &n) == 0) {
		c->ratelimit.window_ms = (int)n;
		return 0;
	}
	snprintf(why, cap, "window '%s' is not 10 to 3600000 ms", v);
	return -1;
}

void
wl_config_release(struct wl_config *c)
{
	for (unsigned i = 0; i < c->nrules; i++)
		if (c->rules[i].has_regex)
			regfree(&c->rules[i].regex);
	for (unsigned i = 0; i < c->nredacts; i++)
		regfree(&c->redacts[i].regex);
	wl_config_defaults(c);
}

/* Setters: 0, or -1 with a message that names the value. */
typedef int (*setter)(struct wl_config *, const char *v, char *why,
    size_t cap, wl_origin **from);

static int
set_format(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->format_from;
	if (wl_format_parse(v, &c->format) == 0)
		return 0;
	snprintf(why, cap, "unknown format '%s' (expected text, json, logfmt, "
	    "otlp-json or rfc5424)", v);
	return -1;
}

static int
set_scheme(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->scheme_from;
	if (wl_scheme_parse(v, &c->scheme) == 0)
		return 0;
	snprintf(why, cap, "unknown scheme '%s' (expected otel, syslog, "
	    "python, slog, gcp or three)", v);
	return -1;
}

static int
set_text_tmpl(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->text_tmpl_from;
	if (*v == '\0') {
		c->has_text_tmpl = false;
		return 0;
	}
	if (strlen(v) >= sizeof(c->text_tmpl_src)) {
		snprintf(why, cap, "the template is longer than %zu bytes",
		    sizeof(c->text_tmpl_src) - 1);
		return -1;
	}
	if (wl_text_tmpl_parse(v, &c->text_tmpl, why, cap) != 0)
		return -1;
	wl_copy_str(c->text_tmpl_src, sizeof(c->text_tmpl_src), v);
	c->has_text_tmpl = true;
	return 0;
}

static int
set_color(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->color_from;
	if (strcmp(v, "auto") == 0)
		c->color = -1;
	else if (strcmp(v, "never") == 0)
		c->color = 0;
	else if (strcmp(v, "always") == 0)
		c->color = 1;
	else {
		snprintf(why, cap, "color '%s' is not auto, always or never", v);
		return -1;
	}
	return 0;
}

/* Drop the sinks an earlier output value made (BY_OUTPUT), or all of
 * them. */
static void
drop_sinks(struct wl_config *c, bool all)
{
	unsigned k = 0;
	for (unsigned i = 0; i < c->nsinks; i++)
		if (!all && !c->sinks[i].by_output)
			c->sinks[k++] = c->sinks[i];
	c->nsinks = k;
}

/*
 * An output list, one spec per line (WITHLOG_OUTPUT; a file's value has
 * had its commas made newlines): default, stderr, syslog, journald,
 * file:PATH, udp://HOST:PORT, tcp://HOST:PORT.  Into MADE (*N of them);
 * "default" alone makes none.  Returns 0, or -1 with WHY filled.
 */
static int
parse_outputs(const char *v, struct wl_sink_conf *made, unsigned *n,
    char *why, size_t cap)
{
	bool dflt = false;

	*n = 0;
	if (strlen(v) >= sizeof(((struct wl_config *)0)->output)) {
		snprintf(why, cap, "the output list is longer than %zu bytes",
		    sizeof(((struct wl_config *)0)->output) - 1);
		return -1;
	}
	for (const char *p = v; *p != '\0';) {
		size_t len = strcspn(p, "\n");
		char spec[1024];
		memcpy(spec, p, len);
		spec[len] = '\0';
		p += len;
		p += *p == '\n';
		char *t = spec;
		while (*t == ' ' || *t == '\t')
			t++;
		for (char *e = t + strlen(t); e > t &&
		    (e[-1] == ' ' || e[-1] == '\t'); )
			*--e = '\0';
		if (*t == '\0')
			continue;
		if (strcmp(t, "default") == 0) {
			dflt = true;
			continue;
		}
		if (*n == WL_SINK_MAX) {
			snprintf(why, cap, "more than %d outputs", WL_SINK_MAX);
			return -1;
		}
		if (wl_sink_conf_from_spec(&made[*n], t, why, cap) != 0)
			return -1;
		(*n)++;
	}
	if (dflt && *n > 0) {
		snprintf(why, cap, "output 'default' cannot be combined with "
		    "other outputs");
		return -1;
	}
	return 0;
}

/* Keep V as the output shown, one line: each separator (a newline, or a
 * comma and the blanks after it) becomes ", ". */
static void
keep_output_text(struct wl_config *c, const char *v, unsigned n)
{
	size_t o = 0;
	for (const char *p = v; *p != '\0' && o + 3 < sizeof(c->output); p++) {
		if (*p == '\n' || *p == ',') {
			while (p[1] == ' ' || p[1] == '\t')
				p++;
			if (p[1] != '\0') {
				c->output[o++] = ',';
				c->output[o++] = ' ';
			}
		} else {
			c->output[o++] = *p;
		}
	}
	c->output[n > 0 ? o : 0] = '\0';
}

/* Static: a sink is large, and the configuration is read once, by one
 * thread, at start. */
static struct wl_sink_conf made[WL_SINK_MAX];

/* output = LIST: sinks that take every event, replacing the ones an
 * earlier output value made. */
static int
set_output(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	unsigned n;

	*from = &c->output_from;
	if (parse_outputs(v, made, &n, why, cap) != 0)
		return -1;
	drop_sinks(c, false);
	if (c->nsinks + n > WL_SINK_MAX) {
		snprintf(why, cap, "more than %d sinks", WL_SINK_MAX);
		return -1;
	}
	for (unsigned i = 0; i < n; i++)
		c->sinks[c->nsinks++] = made[i];
	keep_output_text(c, v, n);
	return 0;
}

static int
set_passthrough(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->passthrough_from;
	if (strcmp(v, "on") == 0 || strcmp(v, "1") == 0 ||
	    strcmp(v, "yes") == 0)
		c->passthrough = true;
	else if (strcmp(v, "off") == 0 || strcmp(v, "0") == 0 ||
	    strcmp(v, "no") == 0)
		c->passthrough = false;
	else {
		snprintf(why, cap, "passthrough '%s' is not on or off", v);
		return -1;
	}
	return 0;
}

/* "N" or "Nms", N in 1-60000, as *MS; false if V is not that. */
static bool
parse_ms(const char *v, int *ms)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (end == v || (strcmp(end, "ms") != 0 && *end != '\0') ||
	    errno != 0 || n < 1 || n > 60000)
		return false;
	*ms = (int)n;
	return true;
}

static int
set_buffer(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->buffer_from;
	if (strcmp(v, "off") == 0) {
		c->buffer_ms = 0;
		return 0;
	}
	if (parse_ms(v, &c->buffer_ms))
		return 0;
	snprintf(why, cap, "buffer '%s' is not off or 1 to 60000 ms", v);
	return -1;
}

static int
set_line_idle(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->line_idle_from;
	if (parse_ms(v, &c->line_idle_ms))
		return 0;
	snprintf(why, cap, "line_idle '%s' is not 1 to 60000 ms", v);
	return -1;
}

static int
set_min_level(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->min_level_from;
	int sev = wl_level_parse(v, strlen(v));
	if (sev != 0) {
		c->min_level = sev;
		return 0;
	}
	snprintf(why, cap, "unknown level '%s' (expected trace, debug, info, "
	    "notice, warn, error or fatal)", v);
	return -1;
}

/* context = exe, argv0, ppid, uid (any of them, comma or space
 * separated; "none" for none). */
static int
set_context(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = { { "exe", WL_CTX_EXE }, { "argv0", WL_CTX_ARGV0 },
		{ "ppid", WL_CTX_PPID }, { "uid", WL_CTX_UID },
		{ "caller", WL_CTX_CALLER } };
	unsigned bits = 0;

	*from = &c->context_from;
	if (strcmp(v, "none") == 0) {
		c->context = 0;
		return 0;
	}
	while (*v != '\0') {
		size_t n = strcspn(v, ", ");
		size_t i;
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (n == strlen(names[i].name) &&
			    memcmp(v, names[i].name, n) == 0)
				break;
		if (n > 0 && i == sizeof(names) / sizeof(names[0])) {
			snprintf(why, cap, "unknown context field '%.*s' "
			    "(expected exe, argv0, ppid, uid, caller or none)",
			    (int)n, v);
			return -1;
		}
		if (n > 0)
			bits |= names[i].bit;
		v += n;
		v += strspn(v, ", ");
	}
	c->context = bits;
	return 0;
}

/* KEY = on|off into *OUT. */
static int
on_off(const char *key, const char *v, bool *out, char *why, size_t cap)
{
	if (strcmp(v, "on") == 0 || strcmp(v, "off") == 0) {
		*out = v[1] == 'n';
		return 0;
	}
	snprintf(why, cap, "%s '%s' is not on or off", key, v);
	return -1;
}

static int
set_redact(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->redact_from;
	return on_off("redact", v, &c->redact, why, cap);
}

static int
set_extract(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->extract_from;
	return on_off("extract", v, &c->extract, why, cap);
}

static int
set_syslog_socket(struct wl_config *c, const char *v, char *why, size_t cap,
    wl_origin **from)
{
	*from = &c->syslog_socket_from;
	if (v[0] != '/' || strlen(v) >= sizeof(c->syslog_socket)) {
		snprintf(why, cap, "syslog_socket '%s' is not an absolute path "
		    "of at most %zu bytes", v, sizeof(c->syslog_socket) - 1);
		return -1;
	}
	wl_copy_str(c->syslog_socket, sizeof(c->syslog_socket), v);
	return 0;
}

static const struct {
	const char *key;
	const char *env;
	setter set;
} keys[] = {
	{ "format", "WITHLOG_FORMAT", set_format },
	{ "scheme", "WITHLOG_SCHEME", set_scheme },
	{ "color", "WITHLOG_COLOR", set_color },
	{ "format.text", "WITHLOG_TEXT_FORMAT", set_text_tmpl },
	{ "output", "WITHLOG_OUTPUT", set_output },
	{ "passthrough", "WITHLOG_PASSTHROUGH", set_passthrough },
	{ "buffer", "WITHLOG_BUFFER", set_buffer },
	{ "line_idle", "WITHLOG_LINE_IDLE", set_line_idle },
	{ "min_level", "WITHLOG_MIN_LEVEL", set_min_level },
	{ "context", "WITHLOG_CONTEXT", set_context },
	{ "redact", "WITHLOG_REDACT", set_redact },
	{ "extract", "WITHLOG_EXTRACT", set_extract },
	{ "syslog_socket", "WITHLOG_SYSLOG_SOCKET", set_syslog_socket },
	{ "ratelimit", "WITHLOG_RATE", set_ratelimit },
	{ "ratelimit.rate", NULL, set_rl_rate },
	{ "ratelimit.burst", NULL, set_rl_burst },
	{ "ratelimit.global", NULL, set_rl_global },
	{ "ratelimit.error", NULL, set_rl_error },
	{ "ratelimit.keys", NULL, set_rl_keys },
	{ "ratelimit.window", NULL, set_rl_window },
};

static int parse_file(struct parse *p, const char *path);

static int
set_key(struct parse *p, const char *key, const char *val)
{
	char why[300];
	wl_origin *from;

	if (strcmp(key, "include") == 0) {
		char path[PATH_MAX];
		if (val[0] == '\0')
			return fail(p, "'include' needs a file name");
		if (val[0] == '/')
			wl_copy_str(path, sizeof(path), val);
		else {
			/* Relative to the including file's directory. */
			const char *slash = strrchr(p->file, '/');
			int dl = slash != NULL ? (int)(slash - p->file) : 1;
			snprintf(path, sizeof(path), "%.*s/%s", dl,
			    slash != NULL ? p->file : ".", val);
		}
		if (p->depth >= MAX_INCLUDE_DEPTH)
			return fail(p, "includes nest deeper than %d",
			    MAX_INCLUDE_DEPTH);
		struct parse sub = *p;
		sub.depth++;
		return parse_file(&sub, path);
	}
	/* ratelimit.rate.LEVEL: a level's own rate. */
	if (strncmp(key, "ratelimit.rate.", 15) == 0) {
		int sev = wl_level_parse(key + 15, strlen(key + 15));
		double r;
		if (sev == 0)
			return fail(p, "unknown level '%s' in '%s'", key + 15,
			    key);
		if (rate_value(val, &r, why, sizeof(why)) != 0)
			return fail(p, "%s", why);
		p->c->ratelimit.level_rate[wl_rl_level(sev)] = r;
		origin(p, p->c->ratelimit_from);
		return 0;
	}
	/* A file's output list is separated by commas (the environment's
	 * by newlines, so that a path there may hold a comma). */
	char list[1024];
	if (strcmp(key, "output") == 0 && strlen(val) < sizeof(list)) {
		wl_copy_str(list, sizeof(list), val);
		for (char *k = list; *k != '\0'; k++)
			if (*k == ',')
				*k = '\n';
		val = list;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(key, keys[i].key) != 0)
			continue;
		if (keys[i].set(p->c, val, why, sizeof(why), &from) != 0)
			return fail(p, "%s", why);
		origin(p, *from);
		if (keys[i].set == set_output)
			for (unsigned k = 0; k < p->c->nsinks; k++)
				if (p->c->sinks[k].by_output &&
				    p->c->sinks[k].from[0] == '\0') {
					origin(p, p->c->sinks[k].from);
					p->c->sinks[k].line = p->line;
				}
		return 0;
	}
	return fail(p, "unknown key '%s'", key);
}

/* fields: static values, or $VAR / ${VAR} taken from the environment
 * once, at start (an unset variable gives an empty value). */
static int
set_field(struct parse *p, const char *key, const char *val)
{
	struct wl_config *c = p->c;
	unsigned i;

	for (const char *k = key; *k != '\0'; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') ||
		    *k == '_' || *k == '.'))
			return fail(p, "field name '%s' is not made of a-z, "
			    "0-9, '_' and '.'", key);
	if (strlen(key) >= sizeof(c->fields[0].key))
		return fail(p, "field name '%s' is too long", key);
	for (i = 0; i < c->nfields; i++)
		if (strcmp(c->fields[i].key, key) == 0)
			break;
	if (i == c->nfields) {
		if (c->nfields == WL_CONFIG_MAX_FIELDS)
			return fail(p, "more than %d fields",
			    WL_CONFIG_MAX_FIELDS);
		c->nfields++;
	}
	struct wl_config_field *f = &c->fields[i];
	wl_copy_str(f->key, sizeof(f->key), key);
	if (val[0] == '$') {
		char name[128];
		const char *n = val + 1;
		size_t len = strlen(n);
		if (n[0] == '{' && len >= 2 && n[len - 1] == '}') {
			n++;
			len -= 2;
		}
		if (len == 0 || len >= sizeof(name))
			return fail(p, "field '%s': bad variable name '%s'",
			    key, val);
		memcpy(name, n, len);
		name[len] = '\0';
		const char *e = p->secure ? secure_getenv(name) : getenv(name);
		wl_copy_str(f->val, sizeof(f->val), e != NULL ? e : "");
	} else {
		wl_copy_str(f->val, sizeof(f->val), val);
	}
	origin(p, f->origin);
	return 0;
}

/* [redact NAME]: a redaction rule; its match comes next.  The regex is
 * compiled as soon as it is read, so a section without one is refused
 * when the file ends (see wl_config_load). */
static int
new_redact(struct parse *p, const char *name)
{
	struct wl_config *c = p->c;
	if (c->nredacts == WL_MAX_REDACTS)
		return fail(p, "more than %d redact sections", WL_MAX_REDACTS);
	struct wl_redact_rule *r = &c->redacts[c->nredacts];
	memset(r, 0, sizeof(*r));
	wl_copy_str(r->name, sizeof(r->name), name);
	wl_copy_str(r->replace, sizeof(r->replace), "***");
	r->name[sizeof(r->name) - 1] = '\0';
	origin(p, c->redact_at[c->nredacts]);
	c->redact_has[c->nredacts] = false;
	c->nredacts++;
	return 0;
}

static int
set_redact_rule(struct parse *p, const char *key, const char *val)
{
	struct wl_config *c = p->c;
	struct wl_redact_rule *r = &c->redacts[c->nredacts - 1];
	size_t vl = strlen(val);

	if (strcmp(key, "replace") == 0) {
		if (vl >= sizeof(r->replace))
			return fail(p, "replace is longer than %zu bytes",
			    sizeof(r->replace) - 1);
		wl_copy_str(r->replace, sizeof(r->replace), val);
		return 0;
	}
	if (strcmp(key, "match") != 0)
		return fail(p, "unknown redact key '%s'", key);
	if (c->redact_has[c->nredacts - 1])
		return fail(p, "a redact section has one match");
	if (vl < 2 || val[0] != '/' || val[vl - 1] != '/')
		return fail(p, "match '%s' is not a /regex/", val);
	char re[512];
	if (vl - 2 >= sizeof(re))
		return fail(p, "match is longer than %zu bytes", sizeof(re) - 1);
	memcpy(re, val + 1, vl - 2);
	re[vl - 2] = '\0';
	int e = regcomp(&r->regex, re, REG_EXTENDED);
	if (e != 0) {
		char why[160];
		regerror(e, &r->regex, why, sizeof(why));
		return fail(p, "match '%s': %s", val, why);
	}
	c->redact_has[c->nredacts - 1] = true;
	wl_copy_str(c->redact_match[c->nredacts - 1],
	    sizeof(c->redact_match[0]), val);
	return 0;
}

/* [sink NAME]: a new sink; its keys follow, and it is checked as a
 * whole once the file has been read (wl_config_load). */
static int
new_sink(struct parse *p, const char *name)
{
	struct wl_config *c = p->c;
	if (!wl_sink_name_ok(name))
		return fail(p, "sink name '%s' is not 1 to 63 of a-z, A-Z, "
		    "0-9, '_', '.' and '-'", name);
	for (unsigned i = 0; i < c->nsinks; i++)
		if (!c->sinks[i].by_output && strcmp(c->sinks[i].name, name) == 0)
			return fail(p, "sink '%s' is declared twice", name);
	if (c->nsinks == WL_SINK_MAX)
		return fail(p, "more than %d sinks", WL_SINK_MAX);
	/* Sinks an output value made stay after the declared ones. */
	unsigned at = c->nsinks;
	while (at > 0 && c->sinks[at - 1].by_output) {
		c->sinks[at] = c->sinks[at - 1];
		at--;
	}
	c->nsinks++;
	struct wl_sink_conf *s = &c->sinks[at];
	p->sink = at;
	wl_sink_conf_init(s, name);
	s->line = p->line;
	origin(p, s->from);
	return 0;
}

/* [rule NAME]: a new rule, with no condition and no action yet. */
static int
new_rule(struct parse *p, const char *name)
{
	struct wl_config *c = p->c;
	if (c->nrules == WL_MAX_RULES)
		return fail(p, "more than %d rules", WL_MAX_RULES);
	struct wl_rule *r = &c->rules[c->nrules];
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "rule:%s", name);
	r->source = -1;
	r->orig_pri = -1;
	origin(p, c->rule_at[c->nrules]);
	c->nrules++;
	return 0;
}

static int
set_rule(struct parse *p, const char *key, const char *val)
{
	struct wl_rule *r = &p->c->rules[p->c->nrules - 1];
	size_t vl = strlen(val);

	if (strcmp(key, "match") == 0) {
		if (vl < 2 || val[0] != '/' || val[vl - 1] != '/')
			return fail(p, "match '%s' is not a /regex/", val);
		if (r->has_regex)
			return fail(p, "a rule has one match");
		char re[512];
		if (vl - 2 >= sizeof(re))
			return fail(p, "match is longer than %zu bytes",
			    sizeof(re) - 1);
		memcpy(re, val + 1, vl - 2);
		re[vl - 2] = '\0';
		int e = regcomp(&r->regex, re, REG_EXTENDED | REG_NOSUB);
		if (e != 0) {
			char why[160];
			regerror(e, &r->regex, why, sizeof(why));
			return fail(p, "match '%s': %s", val, why);
		}
		r->has_regex = true;
		wl_copy_str(p->c->rule_match[p->c->nrules - 1],
		    sizeof(p->c->rule_match[0]), val);
	} else if (strcmp(key, "contains") == 0) {
		if (vl == 0 || vl >= sizeof(r->contains))
			return fail(p, "contains must be 1 to %zu bytes",
			    sizeof(r->contains) - 1);
		wl_copy_str(r->contains, sizeof(r->contains), val);
	} else if (strcmp(key, "source") == 0) {
		if (strcmp(val, "stderr") == 0)
			r->source = WL_SRC_STDERR;
		else if (strcmp(val, "syslog") == 0)
			r->source = WL_SRC_SYSLOG;
		else
			return fail(p, "source '%s' is not stderr or syslog",
			    val);
	} else if (strcmp(key, "api") == 0) {
		wl_copy_str(r->api, sizeof(r->api), val);
	} else if (strcmp(key, "ident") == 0) {
		wl_copy_str(r->ident, sizeof(r->ident), val);
	} else if (strcmp(key, "orig_level") == 0) {
		int sev = wl_level_parse(val, vl);
		if (sev == 0)
			return fail(p, "unknown level '%s'", val);
		r->orig_pri = wl_level_to_syslog(sev);
	} else if (strcmp(key, "level") == 0) {
		if ((r->level = wl_level_parse(val, vl)) == 0)
			return fail(p, "unknown level '%s'", val);
	} else if (strcmp(key, "drop") == 0) {
		if (strcmp(val, "yes") != 0 && strcmp(val, "no") != 0)
			return fail(p, "drop '%s' is not yes or no", val);
		r->drop = strcmp(val, "yes") == 0;
	} else if (strncmp(key, "field.", 6) == 0 && key[6] != '\0') {
		if (r->nfields == WL_RULE_FIELDS)
			return fail(p, "a rule adds at most %d fields",
			    WL_RULE_FIELDS);
		wl_copy_str(r->fields[r->nfields].key,
		    sizeof(r->fields[0].key), key + 6);
		wl_copy_str(r->fields[r->nfields].val,
		    sizeof(r->fields[0].val), val);
		r->nfields++;
	} else {
		return fail(p, "unknown rule key '%s'", key);
	}
	return 0;
}

static char *
trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

/* Unquote a value in place: "..." with \" and \\, or a bare word that
 * ends at a comment ( # or ; after white space). */
static int
unquote(struct parse *p, char *v)
{
	if (*v == '"') {
		char *r = v + 1, *w = v;
		for (; *r != '\0' && *r != '"'; r++) {
			if (*r == '\\' && (r[1] == '"' || r[1] == '\\'))
				r++;
			*w++ = *r;
		}
		if (*r != '"')
			return fail(p, "unterminated quoted value");
		char *rest = trim(r + 1);
		if (*rest != '\0' && *rest != '#' && *rest != ';')
			return fail(p, "text after a quoted value");
		*w = '\0';
		return 0;
	}
	for (char *s = v; *s != '\0'; s++)
		if ((*s == '#' || *s == ';') && s > v &&
		    (s[-1] == ' ' || s[-1] == '\t')) {
			*s = '\0';
			break;
		}
	char *t = trim(v);
	memmove(v, t, strlen(t) + 1);
	return 0;
}

/* May this file be read?  Files others can write are refused. */
static int
trusted(struct parse *p, int fd, const char *path)
{
	struct stat st;
	if (fstat(fd, &st) != 0)
		return fail(p, "cannot stat '%s': %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fail(p, "'%s' is not a regular file", path);
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return fail(p, "refused '%s': writable by other users", path);
	if (st.st_uid != 0 && (p->secure || st.st_uid != getuid()))
		return fail(p, "refused '%s': owned by uid %u, not root%s",
		    path, (unsigned)st.st_uid, p->secure ? "" : " or you");
	return 0;
}

static int
parse_file(struct parse *p, const char *path)
{
	struct parse here = *p;
	here.file = path;
	here.line = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		if (p->file != NULL)	/* report at the include line */
			return fail(p, "cannot open '%s': %s", path,
			    strerror(errno));
		snprintf(p->err->text, sizeof(p->err->text),
		    "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	/* An included file that may not be read is reported at its
	 * include line; the top file names itself. */
	if (trusted(p->file != NULL ? p : &here, fd, path) != 0) {
		close(fd);
		return -1;
	}
	FILE *f = fdopen(fd, "r");
	if (f == NULL) {
		close(fd);
		snprintf(p->err->text, sizeof(p->err->text),
		    "cannot read '%s': %s", path, strerror(errno));
		return -1;
	}
	char *buf = NULL;
	size_t cap = 0;
	int rc = 0;
	/* Sections: withlog (the default), fields, program GLOB (whose keys
	 * apply only when the program's name matches). */
	enum { S_MAIN, S_FIELDS, S_SKIP, S_RULE, S_REDACT, S_SINK } sec =
	    S_MAIN;
	while (rc == 0 && getline(&buf, &cap, f) != -1) {
		here.line++;
		char *s = trim(buf);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			/* After the ']': nothing, or a comment. */
			char *e = strchr(s, ']');
			char *after = e != NULL ? trim(e + 1) : NULL;
			if (e == NULL || (*after != '\0' && *after != '#' &&
			    *after != ';')) {
				rc = fail(&here, "bad section header");
				break;
			}
			*e = '\0';
			char *name = trim(s + 1), *arg = name;
			while (*arg != '\0' && *arg != ' ' && *arg != '\t')
				arg++;
			if (*arg != '\0')
				*arg++ = '\0';
			arg = trim(arg);
			if (*arg == '"' && unquote(&here, arg) != 0) {
				rc = -1;
				break;
			}
			if (strcmp(name, "withlog") == 0 && *arg == '\0')
				sec = S_MAIN;
			else if (strcmp(name, "fields") == 0 && *arg == '\0')
				sec = S_FIELDS;
			else if (strcmp(name, "rule") == 0 && *arg != '\0') {
				if (new_rule(&here, arg) != 0) {
					rc = -1;
					break;
				}
				sec = S_RULE;
			} else if (strcmp(name, "redact") == 0 && *arg != '\0') {
				if (new_redact(&here, arg) != 0) {
					rc = -1;
					break;
				}
				sec = S_REDACT;
			} else if (strcmp(name, "sink") == 0 && *arg != '\0') {
				if (new_sink(&here, arg) != 0) {
					rc = -1;
					break;
				}
				sec = S_SINK;
			} else if (strcmp(name, "program") == 0 && *arg != '\0')
				sec = fnmatch(arg, here.prog, 0) == 0 ||
				    (here.prog2 != NULL &&
				    fnmatch(arg, here.prog2, 0) == 0) ?
				    S_MAIN : S_SKIP;
			else
				rc = fail(&here, "unknown section '[%s%s%s]'",
				    name, *arg != '\0' ? " " : "", arg);
			continue;
		}
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			rc = fail(&here, "expected 'key = value'");
			break;
		}
		*eq = '\0';
		char *key = trim(s), *val = trim(eq + 1);
		if (*key == '\0') {
			rc = fail(&here, "missing key before '='");
			break;
		}
		if (unquote(&here, val) != 0) {
			rc = -1;
			break;
		}
		val = trim(val);
		if (sec == S_FIELDS) {
			rc = set_field(&here, key, val);
		} else if (sec == S_RULE) {
			rc = set_rule(&here, key, val);
		} else if (sec == S_REDACT) {
			rc = set_redact_rule(&here, key, val);
		} else if (sec == S_SINK) {
			char why[300];
			struct wl_sink_conf *sk = &here.c->sinks[here.sink];
			if (wl_sink_conf_set(sk, key, val, why, sizeof(why)) != 0)
				rc = fail(&here, "%s", why);
		} else {
			/* In a skipped [program] section keys are still
			 * checked, so a typo there is found too. */
			struct wl_config scratch;
			struct parse chk = here;
			if (sec == S_SKIP) {
				scratch = *here.c;
				chk.c = &scratch;
			}
			rc = set_key(&chk, key, val);
		}
	}
	free(buf);
	fclose(f);
	return rc;
}

/* "retry, oom": the bits of the rules named, or -1 with WHY filled. */
static long long
rule_bits(const struct wl_config *c, const char *names, char *why,
    size_t cap)
{
	uint32_t bits = 0;
	while (*names != '\0') {
		size_t n = strcspn(names, ", \t");
		unsigned i;
		for (i = 0; n > 0 && i < c->nrules; i++)
			if (strlen(c->rules[i].name) == n + 5 &&
			    memcmp(c->rules[i].name + 5, names, n) == 0)
				break;
		if (n > 0 && i == c->nrules) {
			snprintf(why, cap, "unknown rule '%.*s'", (int)n, names);
			return -1;
		}
		if (n > 0)
			bits |= (uint32_t)1 << i;
		names += n;
		names += strspn(names, ", \t");
	}
	return bits;
}

/* Each declared sink as a whole, once every section has been read (a
 * sink may name a rule declared after it).  Errors point at the sink's
 * section. */
static int
check_sinks(struct wl_config *c, struct wl_config_error *err)
{
	char why[400];
	for (unsigned i = 0; i < c->nsinks; i++) {
		struct wl_sink_conf *s = &c->sinks[i];
		long long bits = 0;
		if (wl_sink_conf_check(s, why, sizeof(why)) != 0 ||
		    (bits = rule_bits(c, s->rule_names, why, sizeof(why))) < 0) {
			snprintf(err->text, sizeof(err->text), "%s: %s%s%s",
			    s->from, bits < 0 ? "[sink " : "",
			    bits < 0 ? s->name : "", bits < 0 ? "]: " : "");
			size_t n = strlen(err->text);
			snprintf(err->text + n, sizeof(err->text) - n, "%s", why);
			return -1;
		}
		s->rules = (uint32_t)bits;
	}
	return 0;
}

int
wl_config_load(struct wl_config *c, const char *path, const char *prog,
    const char *prog2, bool secure, struct wl_config_error *err)
{
	struct parse p = {
		.c = c, .prog = prog != NULL ? prog : "", .prog2 = prog2,
		.secure = secure,
		.err = err, .file = NULL, .line = 0, .depth = 0,
	};
	err->text[0] = '\0';
	if (parse_file(&p, path) != 0)
		return -1;
	for (unsigned i = 0; i < c->nredacts; i++)
		if (!c->redact_has[i]) {
			/* Not compiled: drop it so release skips it. */
			c->nredacts = i;
			snprintf(err->text, sizeof(err->text),
			    "%s: [redact %s] has no match", c->redact_at[i],
			    c->redacts[i].name);
			return -1;
		}
	if (check_sinks(c, err) != 0)
		return -1;
	/* A rule must both test something and do something. */
	for (unsigned i = 0; i < c->nrules; i++) {
		const struct wl_rule *r = &c->rules[i];
		const char *why = NULL;
		if (!r->has_regex && r->contains[0] == '\0' && r->source < 0 &&
		    r->api[0] == '\0' && r->ident[0] == '\0' && r->orig_pri < 0)
			why = "has no condition (match, contains, source, "
			    "api, ident or orig_level)";
		else if (r->level == 0 && !r->drop && r->nfields == 0)
			why = "does nothing (level, drop or field.NAME)";
		if (why != NULL) {
			snprintf(err->text, sizeof(err->text), "%s: [%s] %s",
			    c->rule_at[i], r->name, why);
			return -1;
		}
	}
	wl_copy_str(c->file, sizeof(c->file), path);
	return 0;
}

/*
 * WITHLOG_OUTPUT: the command line's outputs replace every sink the file
 * made.  A privileged process creates no file from the environment: its
 * file outputs are ignored (and said so).  A bad list is ignored as a
 * whole.  The message goes to ERR when FIRST.
 */
static int
env_output(struct wl_config *c, const char *v, bool secure,
    struct wl_config_error *err, bool first)
{
	char list[1024], why[300];
	size_t o = 0;
	unsigned n;
	int rc = 0;

	for (const char *p = v; *p != '\0';) {
		size_t len = strcspn(p, "\n");
		const char *t = p + strspn(p, " \t");
		if (secure && strncmp(t, "file:", 5) == 0) {
			if (rc == 0 && first)
				snprintf(err->text, sizeof(err->text),
				    "WITHLOG_OUTPUT: '%.*s' ignored: a privileged "
				    "process creates no file from the "
				    "environment", (int)(len - (size_t)(t - p)),
				    t);
			rc = -1;
		} else if (o + len + 2 < sizeof(list)) {
			memcpy(list + o, p, len);
			o += len;
			list[o++] = '\n';
		}
		p += len;
		p += *p == '\n';
	}
	list[o] = '\0';
	if (o == 0)
		return rc;
	if (parse_outputs(list, made, &n, why, sizeof(why)) != 0) {
		if (first && rc == 0)
			snprintf(err->text, sizeof(err->text),
			    "WITHLOG_OUTPUT: %s", why);
		return -1;
	}
	c->nsinks = 0;
	for (unsigned i = 0; i < n; i++) {
		c->sinks[c->nsinks] = made[i];
		snprintf(c->sinks[c->nsinks++].from, sizeof(made[i].from),
		    "environment (WITHLOG_OUTPUT)");
	}
	keep_output_text(c, list, n);
	snprintf(c->output_from, sizeof(wl_origin),
	    "environment (WITHLOG_OUTPUT)");
	return rc;
}

int
wl_config_env(struct wl_config *c, bool secure, struct wl_config_error *err)
{
	char why[300];
	wl_origin *from;
	int rc = 0;
	const char *fl = secure ? secure_getenv("WITHLOG_FIELDS") :
	    getenv("WITHLOG_FIELDS");

	/* WITHLOG_FIELDS: "key=value" lines (withlog --field K=V). */
	while (fl != NULL && *fl != '\0') {
		const char *nl = strchr(fl, '\n');
		size_t len = nl != NULL ? (size_t)(nl - fl) : strlen(fl);
		char line[400], *eq;
		struct parse p = { .c = c, .prog = "", .secure = secure,
			.err = err, .file = "WITHLOG_FIELDS", .line = 0 };
		if (len > 0 && len < sizeof(line)) {
			memcpy(line, fl, len);
			line[len] = '\0';
			if ((eq = strchr(line, '=')) == NULL || eq == line) {
				snprintf(err->text, sizeof(err->text),
				    "WITHLOG_FIELDS: '%s' is not key=value",
				    line);
				rc = -1;
			} else {
				*eq = '\0';
				if (set_field(&p, line, eq + 1) != 0)
					rc = -1;
			}
		}
		fl = nl != NULL ? nl + 1 : NULL;
	}

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (keys[i].env == NULL)
			continue;
		const char *v = secure ? secure_getenv(keys[i].env) :
		    getenv(keys[i].env);
		if (v == NULL || *v == '\0')
			continue;
		if (keys[i].set == set_output) {
			if (env_output(c, v, secure, err, rc == 0) != 0)
				rc = -1;
			continue;
		}
		if (keys[i].set(c, v, why, sizeof(why), &from) != 0) {
			if (rc == 0)
				snprintf(err->text, sizeof(err->text),
				    "%s: %s", keys[i].env, why);
			rc = -1;
			continue;
		}
		snprintf(*from, sizeof(wl_origin), "environment (%s)",
		    keys[i].env);
	}
	return rc;
}

static bool
readable_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
wl_config_find(const char *exe, const char *argv0, bool secure, char *out,
    size_t cap)
{
	const char *names[2] = { exe, argv0 };
	const char *v;

	if (!secure && (v = getenv("WITHLOG_CONFIG")) != NULL && *v != '\0') {
		wl_copy_str(out, cap, v);
		return 0;
	}
	const char *home = secure ? NULL : getenv("HOME");
	for (int dir = 0; dir < 2; dir++) {
		if (dir == 0 && (home == NULL || *home == '\0'))
			continue;
		for (int i = 0; i < 2; i++) {
			if (names[i] == NULL || *names[i] == '\0' ||
			    strchr(names[i], '/') != NULL ||
			    (i == 1 && names[0] != NULL &&
			    strcmp(names[0], names[1]) == 0))
				continue;
			if (dir == 0)
				snprintf(out, cap, "%s/.config/withlog/%s.conf",
				    home, names[i]);
			else
				snprintf(out, cap, "/etc/withlog/%s.conf",
				    names[i]);
			if (readable_file(out))
				return 0;
		}
	}
	snprintf(out, cap, "/etc/withlog/default.conf");
	return readable_file(out) ? 0 : -1;
}

/* KEY = VALUE, quoted when the value would not read back as itself
 * (blanks at its ends, a comment sign after a blank, a leading quote). */
static void
show_value(int fd, const char *key, const char *v)
{
	size_t n = strlen(v);
	bool quote = n == 0 || v[0] == '"' || v[0] == ' ' || v[0] == '\t' ||
	    v[n - 1] == ' ' || v[n - 1] == '\t';
	for (size_t i = 1; i < n && !quote; i++)
		quote = (v[i] == '#' || v[i] == ';') &&
		    (v[i - 1] == ' ' || v[i - 1] == '\t');
	if (!quote) {
		dprintf(fd, "%s = %s\n", key, v);
		return;
	}
	dprintf(fd, "%s = \"", key);
	for (size_t i = 0; i < n; i++)
		dprintf(fd, "%s%c", v[i] == '"' || v[i] == '\\' ? "\\" : "",
		    v[i]);
	dprintf(fd, "\"\n");
}

static void
show_rule(const struct wl_config *c, unsigned i, int fd)
{
	const struct wl_rule *r = &c->rules[i];
	/* The name is kept as "rule:NAME", as decided_by shows it. */
	dprintf(fd, "[rule %s]\t# %s\n", r->name + 5, c->rule_at[i]);
	if (c->rule_match[i][0] != '\0')
		show_value(fd, "match", c->rule_match[i]);
	if (r->contains[0] != '\0')
		show_value(fd, "contains", r->contains);
	if (r->source >= 0)
		dprintf(fd, "source = %s\n",
		    r->source == WL_SRC_SYSLOG ? "syslog" : "stderr");
	if (r->api[0] != '\0')
		show_value(fd, "api", r->api);
	if (r->ident[0] != '\0')
		show_value(fd, "ident", r->ident);
	if (r->orig_pri >= 0)
		dprintf(fd, "orig_level = %s\n", (const char *[]){ "emerg",
		    "alert", "crit", "err", "warning", "notice", "info",
		    "debug" }[r->orig_pri & 7]);
	if (r->level != 0)
		dprintf(fd, "level = %s\n", wl_level_key(r->level));
	if (r->drop)
		dprintf(fd, "drop = yes\n");
	for (unsigned f = 0; f < r->nfields; f++) {
		char key[64];
		snprintf(key, sizeof(key), "field.%s", r->fields[f].key);
		show_value(fd, key, r->fields[f].val);
	}
}

void
wl_config_show(const struct wl_config *c, int fd)
{
	dprintf(fd, "# effective configuration%s%s\n",
	    c->file[0] != '\0' ? " from " : " (no file)", c->file);
	dprintf(fd, "[withlog]\n");
	dprintf(fd, "format = %s\t# %s\n", (const char *[]){ "text", "json",
	    "logfmt", "otlp-json", "rfc5424" }[c->format], c->format_from);
	dprintf(fd, "scheme = %s\t# %s\n", (const char *[]){ "otel",
	    "syslog", "python", "slog", "gcp", "three" }[c->scheme],
	    c->scheme_from);
	if (c->has_text_tmpl)
		dprintf(fd, "format.text = \"%s\"\t# %s\n", c->text_tmpl_src,
		    c->text_tmpl_from);
	dprintf(fd, "color = %s\t# %s\n", c->color < 0 ? "auto" :
	    c->color ? "always" : "never", c->color_from);
	dprintf(fd, "output = %s\t# %s\n",
	    c->output[0] != '\0' ? c->output : "default", c->output_from);
	if (c->passthrough)
		dprintf(fd, "passthrough = on\t# %s\n", c->passthrough_from);
	if (c->buffer_ms > 0)
		dprintf(fd, "buffer = %d\t# %s\n", c->buffer_ms, c->buffer_from);
	else
		dprintf(fd, "buffer = off\t# %s\n", c->buffer_from);
	dprintf(fd, "line_idle = %d\t# %s\n", c->line_idle_ms,
	    c->line_idle_from);
	dprintf(fd, "min_level = %s\t# %s\n",
	    c->min_level > 0 ? wl_level_key(c->min_level) : "trace",
	    c->min_level_from);
	dprintf(fd, "context =%s%s%s%s%s%s\t# %s\n",
	    c->context == 0 ? " none" : "",
	    c->context & WL_CTX_EXE ? " exe" : "",
	    c->context & WL_CTX_ARGV0 ? " argv0" : "",
	    c->context & WL_CTX_PPID ? " ppid" : "",
	    c->context & WL_CTX_UID ? " uid" : "",
	    c->context & WL_CTX_CALLER ? " caller" : "", c->context_from);
	dprintf(fd, "redact = %s\t# %s\n", c->redact ? "on" : "off",
	    c->redact_from);
	dprintf(fd, "extract = %s\t# %s\n", c->extract ? "on" : "off",
	    c->extract_from);
	dprintf(fd, "syslog_socket = %s\t# %s\n",
	    c->syslog_socket[0] != '\0' ? c->syslog_socket : "/dev/log",
	    c->syslog_socket_from);
	const struct wl_ratelimit_conf *r = &c->ratelimit;
	if (!r->on) {
		dprintf(fd, "ratelimit = off\t# %s\n", c->ratelimit_from);
	} else {
		dprintf(fd, "ratelimit = on\t# %s\n", c->ratelimit_from);
		dprintf(fd, "ratelimit.rate = %g/s\n", r->rate);
		dprintf(fd, "ratelimit.burst = %g\n", r->burst);
		dprintf(fd, "ratelimit.global = %g/s\n", r->global_rate);
		dprintf(fd, "ratelimit.error = %g/s\n", r->error_rate);
		dprintf(fd, "ratelimit.keys = %u\n", r->keys);
		dprintf(fd, "ratelimit.window = %d\n", r->window_ms);
		for (int l = 0; l < 7; l++)
			if (r->level_rate[l] > 0)
				dprintf(fd, "ratelimit.rate.%s = %g/s\n",
				    (const char *[]){ "trace", "debug", "info",
				    "notice", "warn", "error", "fatal" }[l],
				    r->level_rate[l]);
	}
	if (c->nfields > 0) {
		dprintf(fd, "[fields]\n");
		for (unsigned i = 0; i < c->nfields; i++)
			dprintf(fd, "%s = \"%s\"\t# %s\n", c->fields[i].key,
			    c->fields[i].val, c->fields[i].origin);
	}
	for (unsigned i = 0; i < c->nredacts; i++) {
		const struct wl_redact_rule *x = &c->redacts[i];
		dprintf(fd, "[redact %s]\t# %s\n", x->name, c->redact_at[i]);
		show_value(fd, "match", c->redact_match[i]);
		show_value(fd, "replace", x->replace);
	}
	for (unsigned i = 0; i < c->nrules; i++)
		show_rule(c, i, fd);
	for (unsigned i = 0; i < c->nsinks; i++)
		wl_sink_conf_show(&c->sinks[i], fd);
}
