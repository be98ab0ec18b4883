/*
 * ratelimit_conf.c - the rate limiter's settings: defaults and parsing,
 * shared by the library and withlog-tool (see ratelimit.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "level.h"
#include "ratelimit.h"

void
wl_ratelimit_defaults(struct wl_ratelimit_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->on = true;
	c->rate = 10;
	c->burst = 50;
	c->global_rate = 1000;
	c->error_rate = 10000;
	c->keys = 4096;
	c->window_ms = 1000;
}

int
wl_rl_level(int sev)
{
	return wl_level_rank(sev);
}

int
wl_ratelimit_parse_rate(const char *s, double *per_second)
{
	char *end;
	if (strcmp(s, "0") == 0 || strcmp(s, "off") == 0) {
		*per_second = 0;
		return 0;
	}
	errno = 0;
	double n = strtod(s, &end);
	if (end == s || errno != 0 || n < 0 || *end != '/')
		return -1;
	const char *unit = end + 1;
	double mult = 1;
	if (*unit >= '0' && *unit <= '9') {
		mult = strtod(unit, &end);
		if (mult <= 0)
			return -1;
		unit = end;
	}
	double sec;
	if (strcmp(unit, "s") == 0)
		sec = 1;
	else if (strcmp(unit, "ms") == 0)
		sec = 0.001;
	else if (strcmp(unit, "m") == 0)
		sec = 60;
	else if (strcmp(unit, "h") == 0)
		sec = 3600;
	else
		return -1;
	*per_second = n / (mult * sec);
	return 0;
}

