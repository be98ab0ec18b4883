/*
 * redact.h - secrets removed from messages before any sink sees them.
 *
 * Built-in patterns (redact = on, WITHLOG_REDACT=on; off by default):
 * the password of a URL (scheme://user:PASS@host), the value of
 * password=, passwd=, pwd=, secret=, token=, api_key=, apikey=,
 * access_token=, client_secret= (also with ':' and quotes), the
 * credentials after "Authorization: Bearer|Basic", AWS access key ids
 * (AKIA/ASIA + 16), and the body of a PEM private key block.  Each secret
 * becomes "***".  User rules add POSIX regexes with their replacement:
 *
 *   [redact "card numbers"]
 *   match = /[0-9]{4}( ?[0-9]{4}){3}/
 *   replace = "****"
 *
 * The stage runs right after classification, so neither the rate
 * limiter's samples nor any format ever hold the secret.
 */
#ifndef WL_REDACT_H
#define WL_REDACT_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include "event.h"

#define WL_MAX_REDACTS 16

struct wl_redact_rule {
	char name[64];
	regex_t regex;
	char replace[64];
};

/* The spans of a message to replace, found by wl_redact_scan. */
#define WL_REDACT_SPANS 16
struct wl_redact_spans {
	unsigned n;
	struct {
		size_t start, end;	/* [start, end) of the message */
		const char *with;
	} s[WL_REDACT_SPANS];
};

/* Find what to redact in EV's message.  Returns the number of spans
 * (sorted, not overlapping); 0 when nothing is secret. */
unsigned wl_redact_scan(const struct wl_event *ev, bool builtin,
    const struct wl_redact_rule *rules, unsigned n,
    struct wl_redact_spans *sp) __attribute__((nonnull(1, 5)));

/* An upper bound of the redacted message's length. */
size_t wl_redact_need(const struct wl_event *ev, const struct wl_redact_spans *sp)
    __attribute__((nonnull));

/* Write the redacted message into OUT (at least wl_redact_need bytes) and
 * point ev->msg at it. */
void wl_redact_apply(struct wl_event *ev, const struct wl_redact_spans *sp,
    char *out) __attribute__((nonnull));

#endif
