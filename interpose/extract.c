/*
 * extract.c - fields taken from JSON and logfmt messages (see
 * extract.h).
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "extract.h"
#include "guard.h"

struct arena {
	char *buf;
	size_t cap, used;
};

/* Copy N bytes into the arena, NUL-terminated; NULL when full. */
static char *
keep(struct arena *a, const char *s, size_t n)
{
	if (a->used + n + 1 > a->cap)
		return NULL;
	char *p = a->buf + a->used;
	memcpy(p, s, n);
	p[n] = '\0';
	a->used += n + 1;
	return p;
}

/* A field name from KEY: lower case, [a-z0-9_.], at most 47 bytes. */
static char *
keep_key(struct arena *a, const char *key, size_t n)
{
	if (n > 47)
		n = 47;
	char *p = keep(a, key, n);
	if (p == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c >= 'A' && c <= 'Z')
			p[i] = (char)(c + 32);
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_'))
			p[i] = '_';
	}
	return p;
}

static bool
is_level_key(const char *k)
{
	return strcmp(k, "level") == 0 || strcmp(k, "severity") == 0 ||
	    strcmp(k, "lvl") == 0 || strcmp(k, "log.level") == 0 ||
	    strcmp(k, "levelname") == 0 || strcmp(k, "loglevel") == 0;
}

static bool
is_msg_key(const char *k)
{
	return strcmp(k, "msg") == 0 || strcmp(k, "message") == 0;
}

/*
 * The keys every record writes itself.  A member of the message with one
 * of these names must not become a field of that name: a JSON record
 * would then carry the key twice, and most readers keep the last one, so
 * a line like {"msg":"x","prog":"sshd","pid":1} would forge the record's
 * program and pid (so would the attributes of an OTLP record).  Such a
 * member is kept as "msg.NAME".
 */
static bool
is_record_key(const char *k)
{
	static const char *const keys[] = { "ts", "level", "severity",
	    "source", "api", "msg", "prog", "pid", "tid", "host", "ident",
	    "facility", "seq", "level_src", "orig_level", "sd", "exe",
	    "argv0", "ppid", "uid", "caller", "trace_id", "span_id",
	    /* and the OTLP record's own attributes */
	    "thread.id", "log.source", "code.function", "log.record.seq",
	    "syslog.ident", "syslog.facility", "service.name", "host.name",
	    "process.pid" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(k, keys[i]) == 0)
			return true;
	return false;
}

/* Add the field K=V to EV.  Returns 1 if added, 0 if not. */
static unsigned
add(struct wl_event *ev, struct arena *a, const char *k, const char *v,
    size_t n)
{
	if (is_record_key(k)) {
		size_t kl = strlen(k);
		if (a->used + 4 + kl + 1 > a->cap)
			return 0;
		char *r = a->buf + a->used;
		memcpy(r, "msg.", 4);
		memcpy(r + 4, k, kl + 1);
		a->used += 4 + kl + 1;
		k = r;
	}
	/* A name the message gives twice ("a=1 a=2", or keys that fold to
	 * the same name) is kept once, the first time. */
	for (unsigned i = 0; i < ev->nfields; i++)
		if (strcmp(ev->fields[i].key, k) == 0)
			return 0;
	if (ev->nfields >= WL_MAX_FIELDS)
		return 0;
	ev->fields[ev->nfields++] = (struct wl_field){ k, v, n };
	return 1;
}

static unsigned
from_json(struct wl_event *ev, struct arena *a)
{
	json_error_t err;
	json_t *root = json_loadb(ev->msg, ev->msg_len,
	    JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &err);
	unsigned added = 0;
	const char *key;
	json_t *val;

	if (root == NULL || !json_is_object(root)) {
		json_decref(root);
		return 0;
	}
	const char *msg = NULL;
	size_t msg_len = 0;
	json_object_foreach(root, key, val) {
		char *k = keep_key(a, key, strlen(key));
		if (k == NULL)
			break;
		if (is_level_key(k))
			continue;
		const char *v;
		size_t n;
		char *dump = NULL;
		if (json_is_string(val)) {
			v = json_string_value(val);
			n = json_string_length(val);
		} else {
			dump = json_dumps(val, JSON_COMPACT | JSON_ENCODE_ANY);
			v = dump != NULL ? dump : "";
			n = strlen(v);
		}
		char *copy = keep(a, v, n);
		free(dump);
		if (copy == NULL)
			break;
		if (is_msg_key(k) && msg == NULL) {
			msg = copy;
			msg_len = n;
			continue;
		}
		added += add(ev, a, k, copy, n);
	}
	json_decref(root);
	if (msg != NULL) {
		ev->msg = msg;
		ev->msg_len = msg_len;
	}
	return added;
}

/* logfmt: key=value pairs separated by spaces; values bare or quoted
 * with backslash escapes.  All of the line must be pairs. */
static unsigned
from_logfmt(struct wl_event *ev, struct arena *a)
{
	const char *s = ev->msg;
	size_t n = ev->msg_len, i = 0;
	unsigned pairs = 0, first = ev->nfields;
	const char *msg = NULL;
	size_t msg_len = 0;

	/* A first pass checks the shape, so a sentence with one '=' in it
	 * is never taken apart. */
	for (size_t j = 0; j < n;) {
		size_t ks = j;
		while (j < n && wl_extract_key_byte(s[j]))
			j++;
		if (j == ks || j >= n || s[j] != '=')
			return 0;
		j++;
		if (j < n && s[j] == '"') {
			for (j++; j < n && s[j] != '"'; j++)
				if (s[j] == '\\')
					j++;
			if (j >= n)
				return 0;
			j++;
		} else {
			while (j < n && s[j] != ' ' && s[j] != '"')
				j++;
		}
		pairs++;
		if (j < n && s[j] != ' ')
			return 0;
		while (j < n && s[j] == ' ')
			j++;
	}
	if (pairs < 2)
		return 0;
	pairs = 0;
	while (i < n) {
		size_t ks = i;
		while (i < n && s[i] != '=')
			i++;
		char *k = keep_key(a, s + ks, i - ks);
		i++;
		char *v;
		size_t vl = 0;
		if (i < n && s[i] == '"') {
			/* Unescape into the arena. */
			size_t start = a->used;
			for (i++; i < n && s[i] != '"'; i++) {
				char c = s[i];
				if (c == '\\' && i + 1 < n) {
					c = s[++i];
					c = c == 'n' ? '\n' : c == 't' ? '\t' :
					    c == 'r' ? '\r' : c;
				}
				if (a->used + 1 < a->cap)
					a->buf[a->used++] = c;
			}
			i++;
			if (a->used + 1 > a->cap)
				break;
			a->buf[a->used++] = '\0';
			v = a->buf + start;
			vl = a->used - start - 1;
		} else {
			size_t vs = i;
			while (i < n && s[i] != ' ')
				i++;
			v = keep(a, s + vs, i - vs);
			vl = i - vs;
		}
		while (i < n && s[i] == ' ')
			i++;
		if (k == NULL || v == NULL)
			break;
		if (is_level_key(k))
			continue;
		if (is_msg_key(k) && msg == NULL) {
			msg = v;
			msg_len = vl;
			continue;
		}
		pairs += add(ev, a, k, v, vl);
	}
	(void)first;
	if (msg != NULL) {
		ev->msg = msg;
		ev->msg_len = msg_len;
	}
	return pairs;
}

unsigned
wl_extract(struct wl_event *ev, char *buf, size_t cap)
{
	struct arena a = { buf, cap, 0 };

	if (ev->msg == NULL || ev->msg_len < 3 || wl_guard_depth > 1)
		return 0;
	if (ev->msg[0] == '{' && ev->msg[ev->msg_len - 1] == '}')
		return from_json(ev, &a);
	if (wl_extract_key_byte(ev->msg[0]))
		return from_logfmt(ev, &a);
	return 0;
}
