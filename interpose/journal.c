/*
 * journal.c - the journal's native protocol (see journal.h).
 */
#include <string.h>
#include "format.h"
#include "journal.h"

/*
 * Names withlog writes itself or journald gives a meaning to: an event
 * field must not pose as one of them (a "message" member of a JSON line
 * would otherwise add a second MESSAGE).  Prefixes cover families.
 */
static const char *const reserved[] = {
	"MESSAGE", "MESSAGE_ID", "PRIORITY", "ERRNO", "TID", "UNIT",
	"USER_UNIT", "INVOCATION_ID", "USER_INVOCATION_ID", "DOCUMENTATION",
	"SYSLOG_FACILITY",
};
static const char *const reserved_prefix[] = {
	"SYSLOG_", "CODE_", "WITHLOG_", "OBJECT_", "COREDUMP_",
};

static int
is_reserved(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strlen(reserved[i]) == n &&
		    memcmp(reserved[i], name, n) == 0)
			return 1;
	for (size_t i = 0; i < sizeof(reserved_prefix) /
	    sizeof(reserved_prefix[0]); i++) {
		size_t p = strlen(reserved_prefix[i]);
		if (n >= p && memcmp(reserved_prefix[i], name, p) == 0)
			return 1;
	}
	return 0;
}

size_t
wl_journal_name(const char *key, char *out)
{
	char up[WL_JOURNAL_NAME_MAX + 1];
	size_t n = 0;

	for (const char *k = key; *k != '\0' && n < WL_JOURNAL_NAME_MAX;
	    k++) {
		char c = *k;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			c = '_';
		up[n++] = c;
	}
	if (n == 0) {
		out[0] = '\0';
		return 0;
	}
	size_t at = 0;
	if (up[0] == '_' || (up[0] >= '0' && up[0] <= '9') ||
	    is_reserved(up, n)) {
		memcpy(out, "F_", 2);
		at = 2;
	}
	if (at + n > WL_JOURNAL_NAME_MAX)
		n = WL_JOURNAL_NAME_MAX - at;
	memcpy(out + at, up, n);
	out[at + n] = '\0';
	return at + n;
}

/* One field: "NAME=value\n", or binary-safe when the value holds a
 * newline. */
static void
field(struct wl_out *o, const char *name, size_t nlen, const char *v,
    size_t n)
{
	if (v == NULL)
		n = 0;
	wl_out_put(o, name, nlen);
	if (n == 0 || memchr(v, '\n', n) == NULL) {
		wl_out_putc(o, '=');
		wl_out_put(o, v, n);
		wl_out_putc(o, '\n');
		return;
	}
	unsigned char le[8];
	unsigned long long len = n;
	for (int i = 0; i < 8; i++)
		le[i] = (unsigned char)(len >> (8 * i));
	wl_out_putc(o, '\n');
	wl_out_put(o, le, 8);
	wl_out_put(o, v, n);
	wl_out_putc(o, '\n');
}

#define FIELD_LIT(o, lit, v, n)	field((o), (lit), sizeof(lit) - 1, (v), (n))

static void
field_cstr(struct wl_out *o, const char *name, size_t nlen, const char *s)
{
	field(o, name, nlen, s, strlen(s));
}

static void
field_num(struct wl_out *o, const char *name, size_t nlen, long long v)
{
	char b[24];
	struct wl_out t;
	wl_out_init(&t, b, sizeof(b));
	wl_out_sdec(&t, v);
	field(o, name, nlen, b, t.len);
}

#define NUM_LIT(o, lit, v)	field_num((o), (lit), sizeof(lit) - 1, (v))
#define CSTR_LIT(o, lit, s)	field_cstr((o), (lit), sizeof(lit) - 1, (s))

void
wl_format_journal(struct wl_out *o, const struct wl_event *ev,
    enum wl_scheme scheme)
{
	const char *level;
	int num;
	char ts[32];

	NUM_LIT(o, "PRIORITY", wl_event_priority(ev));
	if (ev->facility >= 0)
		NUM_LIT(o, "SYSLOG_FACILITY", ev->facility);
	if (ev->source == WL_SRC_SYSLOG && ev->ident != NULL &&
	    ev->ident_len > 0)
		FIELD_LIT(o, "SYSLOG_IDENTIFIER", ev->ident, ev->ident_len);
	else
		CSTR_LIT(o, "SYSLOG_IDENTIFIER",
		    ev->prog != NULL ? ev->prog : "?");
	NUM_LIT(o, "SYSLOG_PID", ev->pid);
	NUM_LIT(o, "TID", ev->tid);
	FIELD_LIT(o, "MESSAGE", ev->msg, ev->msg != NULL ? ev->msg_len : 0);
	wl_scheme_level(scheme, ev->severity, &level, &num);
	CSTR_LIT(o, "WITHLOG_LEVEL", level);
	NUM_LIT(o, "WITHLOG_SEVERITY", num);
	CSTR_LIT(o, "WITHLOG_SOURCE",
	    ev->source == WL_SRC_SYSLOG ? "syslog" : "stderr");
	if (ev->api != NULL)
		CSTR_LIT(o, "WITHLOG_API", ev->api);
	if (ev->seq != 0)
		NUM_LIT(o, "WITHLOG_SEQ", (long long)ev->seq);
	wl_format_time(&ev->ts, ts);
	FIELD_LIT(o, "WITHLOG_TIME", ts, 27);
	unsigned nf = ev->nfields < WL_MAX_FIELDS ? ev->nfields :
	    WL_MAX_FIELDS;
	for (unsigned i = 0; i < nf; i++) {
		const struct wl_field *f = &ev->fields[i];
		char name[WL_JOURNAL_NAME_MAX + 1];
		if (f->key == NULL)
			continue;
		size_t nlen = wl_journal_name(f->key, name);
		if (nlen > 0)
			field(o, name, nlen, f->val, f->vlen);
	}
}
