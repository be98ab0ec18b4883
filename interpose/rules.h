/*
 * rules.h - user classification rules from the configuration.
 *
 *   [rule "retry is a warning"]
 *   match = /connection reset.*retrying/   # POSIX extended regex, or
 *   contains = retrying                    # a substring
 *   source = syslog                        # optional conditions
 *   api = fprintf
 *   ident = cron
 *   orig_level = err                       # the priority the program gave
 *   level = warn                           # what to do: set the level,
 *   drop = yes                             #   or drop the event,
 *   field.kind = retry                     #   and/or add fields
 *
 * Rules are tried in file order before the built-in detectors; the first
 * that matches wins.  A rule's regex is compiled once, at start.  Rules
 * are not applied to lines written by a signal handler that interrupted
 * the library (regexec may allocate).
 */
#ifndef WL_RULES_H
#define WL_RULES_H

#include <regex.h>
#include <stdbool.h>
#include "event.h"

#define WL_MAX_RULES 32
#define WL_RULE_FIELDS 4

struct wl_rule {
	char name[64];
	bool has_regex;
	regex_t regex;
	char contains[128];
	int source;		/* -1 any, else enum wl_source */
	char api[32];		/* "" any */
	char ident[64];		/* "" any */
	int orig_pri;		/* -1 any, else syslog priority 0-7 */
	int level;		/* severity to set, 0 = leave */
	bool drop;
	unsigned nfields;
	struct {
		char key[48];
		char val[128];
	} fields[WL_RULE_FIELDS];
};

enum wl_rule_result { WL_RULE_NONE, WL_RULE_SET, WL_RULE_DROP };

/*
 * Try RULES[0..N) on EV.  On a match, EV's rule is 1 + the rule's index
 * (sinks filter on it), and: WL_RULE_DROP when the rule drops
 * the event; otherwise the rule's level (if any) and fields are applied,
 * decided_by names the rule, and WL_RULE_SET is returned.  A rule that
 * only adds fields returns WL_RULE_NONE after adding them, so that the
 * detectors still choose the level.
 */
enum wl_rule_result wl_rules_apply(const struct wl_rule *rules, unsigned n,
    struct wl_event *ev) __attribute__((nonnull(3)));

#endif
