/*
 * rules.c - user classification rules (see rules.h).
 */
#include <string.h>
#include "guard.h"
#include "rules.h"

static bool
has_substring(const char *s, size_t n, const char *sub)
{
	size_t k = strlen(sub);
	if (k == 0)
		return true;
	for (size_t i = 0; i + k <= n; i++)
		if (s[i] == sub[0] && memcmp(s + i, sub, k) == 0)
			return true;
	return false;
}

static bool
matches(const struct wl_rule *r, const struct wl_event *ev)
{
	if (r->source >= 0 && r->source != ev->source)
		return false;
	if (r->api[0] != '\0' && (ev->api == NULL ||
	    strcmp(r->api, ev->api) != 0))
		return false;
	if (r->ident[0] != '\0' && (ev->ident_len != strlen(r->ident) ||
	    memcmp(ev->ident, r->ident, ev->ident_len) != 0))
		return false;
	if (r->orig_pri >= 0 && r->orig_pri != ev->orig_pri)
		return false;
	if (r->contains[0] != '\0' &&
	    !has_substring(ev->msg, ev->msg_len, r->contains))
		return false;
	if (r->has_regex) {
		/* REG_STARTEND: the message is not NUL-terminated and may
		 * hold NUL bytes. */
		regmatch_t m[1] = { { 0, (regoff_t)ev->msg_len } };
		if (regexec(&r->regex, ev->msg != NULL ? ev->msg : "", 1, m,
		    REG_STARTEND) != 0)
			return false;
	}
	return true;
}

enum wl_rule_result
wl_rules_apply(const struct wl_rule *rules, unsigned n, struct wl_event *ev)
{
	if (n == 0 || wl_guard_depth > 1)
		return WL_RULE_NONE;
	for (unsigned i = 0; i < n; i++) {
		const struct wl_rule *r = &rules[i];
		if (!matches(r, ev))
			continue;
		ev->rule = (uint8_t)(i + 1);
		if (r->drop)
			return WL_RULE_DROP;
		for (unsigned f = 0; f < r->nfields &&
		    ev->nfields < WL_MAX_FIELDS; f++)
			ev->fields[ev->nfields++] = (struct wl_field){
			    r->fields[f].key, r->fields[f].val,
			    strlen(r->fields[f].val) };
		if (r->level == 0)
			return WL_RULE_NONE;
		ev->severity = (uint8_t)r->level;
		ev->decided_by = r->name;
		return WL_RULE_SET;
	}
	return WL_RULE_NONE;
}
