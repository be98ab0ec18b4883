/*
 * redact.c - secrets removed from messages (see redact.h).
 *
 * The built-in patterns are hand-written scanners (no regex, no
 * allocation), cheap enough to run on every line when switched on.
 */
#include <string.h>
#include "guard.h"
#include "redact.h"

static const char STARS[] = "***";

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool
alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* Does S[I..] start with LIT, ignoring case? */
static bool
at(const char *s, size_t n, size_t i, const char *lit)
{
	size_t k = strlen(lit);
	if (n - i < k)
		return false;
	for (size_t j = 0; j < k; j++)
		if (lower((unsigned char)s[i + j]) != lit[j])
			return false;
	return true;
}

/* Add [A, B) unless empty or overlapping one already found; keep the
 * list sorted.  When the list is full, the rest of the message goes. */
static void
add(struct wl_redact_spans *sp, size_t a, size_t b, const char *with,
    size_t len)
{
	if (b <= a)
		return;
	for (unsigned i = 0; i < sp->n; i++)
		if (a < sp->s[i].end && sp->s[i].start < b)
			return;
	if (sp->n == WL_REDACT_SPANS) {
		/* Too many secrets to list: from the first unlisted one on,
		 * nothing is kept. */
		if (sp->s[sp->n - 1].end < len)
			sp->s[sp->n - 1].end = len;
		return;
	}
	unsigned i = sp->n++;
	while (i > 0 && sp->s[i - 1].start > a) {
		sp->s[i] = sp->s[i - 1];
		i--;
	}
	sp->s[i].start = a;
	sp->s[i].end = b;
	sp->s[i].with = with;
}

/* scheme://user:PASSWORD@host */
static void
urls(const char *s, size_t n, struct wl_redact_spans *sp)
{
	for (size_t i = 0; i + 3 < n; i++) {
		if (s[i] != ':' || s[i + 1] != '/' || s[i + 2] != '/')
			continue;
		size_t j = i + 3, colon = 0;
		for (; j < n && j < i + 3 + 256; j++) {
			char c = s[j];
			if (c == '@' || c == '/' || c == ' ' || c == '\t' ||
			    c == '\n')
				break;
			if (c == ':' && colon == 0)
				colon = j;
		}
		if (j < n && s[j] == '@' && colon != 0)
			add(sp, colon + 1, j, STARS, n);
	}
}

/* The end of a value starting at J: a quoted value to its quote, a bare
 * one to white space or a separator. */
static size_t
value_end(const char *s, size_t n, size_t j, char quote)
{
	for (; j < n; j++) {
		char c = s[j];
		if (quote != 0 ? c == quote : (c == ' ' || c == '\t' ||
		    c == '\n' || c == '&' || c == ',' || c == ';' ||
		    c == '"' || c == '\'' || c == ')' || c == '}'))
			break;
	}
	return j;
}

static const char *const keys[] = { "password", "passwd", "pwd", "secret",
	"token", "api_key", "apikey", "access_token", "client_secret",
	"auth_token", "private_key" };

/* KEY=VALUE, KEY: VALUE, "KEY": "VALUE" for the keys above. */
static void
pairs(const char *s, size_t n, struct wl_redact_spans *sp)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && alnum((unsigned char)s[i - 1]))
			continue;
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			if (!at(s, n, i, keys[k]))
				continue;
			size_t j = i + strlen(keys[k]);
			if (j < n && alnum((unsigned char)s[j]))
				continue;	/* tokenizer, passwords... */
			if (j < n && (s[j] == '"' || s[j] == '\''))
				j++;
			while (j < n && s[j] == ' ')
				j++;
			if (j >= n || (s[j] != '=' && s[j] != ':'))
				continue;
			j++;
			while (j < n && s[j] == ' ')
				j++;
			char q = 0;
			if (j < n && (s[j] == '"' || s[j] == '\''))
				q = s[j++];
			add(sp, j, value_end(s, n, j, q), STARS, n);
			break;
		}
	}
}

/* Authorization: Bearer|Basic|Token CREDENTIALS */
static void
authorization(const char *s, size_t n, struct wl_redact_spans *sp)
{
	for (size_t i = 0; i < n; i++) {
		if (!at(s, n, i, "authorization"))
			continue;
		size_t j = i + 13;
		while (j < n && (s[j] == ' ' || s[j] == ':' || s[j] == '='))
			j++;
		static const char *const kinds[] = { "bearer ", "basic ",
			"token " };
		for (size_t k = 0; k < 3; k++)
			if (at(s, n, j, kinds[k])) {
				j += strlen(kinds[k]);
				break;
			}
		add(sp, j, value_end(s, n, j, 0), STARS, n);
	}
}

/* AWS access key ids: AKIA or ASIA and sixteen upper-case letters or
 * digits, alone. */
static void
aws(const char *s, size_t n, struct wl_redact_spans *sp)
{
	for (size_t i = 0; i + 20 <= n; i++) {
		if (s[i] != 'A' || s[i + 2] != 'I' || s[i + 3] != 'A' ||
		    (s[i + 1] != 'K' && s[i + 1] != 'S') ||
		    (i > 0 && alnum((unsigned char)s[i - 1])))
			continue;
		size_t j = i + 4;
		while (j < i + 20 && ((s[j] >= 'A' && s[j] <= 'Z') ||
		    (s[j] >= '0' && s[j] <= '9')))
			j++;
		if (j == i + 20 && (j == n || !alnum((unsigned char)s[j])))
			add(sp, i, j, STARS, n);
	}
}

/* The body of -----BEGIN ... PRIVATE KEY----- ... -----END */
static void
pem(const char *s, size_t n, struct wl_redact_spans *sp)
{
	for (size_t i = 0; i + 11 < n; i++) {
		if (memcmp(s + i, "-----BEGIN ", 11) != 0)
			continue;
		size_t j = i + 11;
		while (j + 5 <= n && memcmp(s + j, "-----", 5) != 0)
			j++;
		if (j + 5 > n || j - i < 22 ||
		    memcmp(s + j - 11, "PRIVATE KEY", 11) != 0)
			continue;
		size_t body = j + 5, end = body;
		while (end + 8 <= n && memcmp(s + end, "-----END", 8) != 0)
			end++;
		if (end + 8 > n)
			end = n;	/* cut short: all of the rest */
		add(sp, body, end, "\n***\n", n);
	}
}

unsigned
wl_redact_scan(const struct wl_event *ev, bool builtin,
    const struct wl_redact_rule *rules, unsigned nr,
    struct wl_redact_spans *sp)
{
	const char *s = ev->msg;
	size_t n = ev->msg_len;

	sp->n = 0;
	if (s == NULL || n == 0)
		return 0;
	if (builtin) {
		pem(s, n, sp);
		urls(s, n, sp);
		authorization(s, n, sp);
		pairs(s, n, sp);
		aws(s, n, sp);
	}
	/* regexec may allocate: not from a signal handler that interrupted
	 * the library. */
	for (unsigned r = 0; r < nr && wl_guard_depth <= 1; r++) {
		size_t from = 0;
		while (from < n) {
			regmatch_t m[1] = { { (regoff_t)from, (regoff_t)n } };
			if (regexec(&rules[r].regex, s, 1, m, REG_STARTEND) != 0)
				break;
			size_t a = (size_t)m[0].rm_so, b = (size_t)m[0].rm_eo;
			/* A regexec that ignored REG_STARTEND (the old
			 * regexec@GLIBC_2.2.5 an unversioned reference binds
			 * to) matches from the start again: stop rather than
			 * loop for ever on the same match. */
			if (a < from || b < a || b > n)
				break;
			add(sp, a, b, rules[r].replace, n);
			from = b > a ? b : a + 1;
		}
	}
	return sp->n;
}

size_t
wl_redact_need(const struct wl_event *ev, const struct wl_redact_spans *sp)
{
	size_t need = ev->msg_len;
	for (unsigned i = 0; i < sp->n; i++)
		need += strlen(sp->s[i].with);
	return need;
}

void
wl_redact_apply(struct wl_event *ev, const struct wl_redact_spans *sp,
    char *out)
{
	size_t o = 0, from = 0;
	for (unsigned i = 0; i < sp->n; i++) {
		memcpy(out + o, ev->msg + from, sp->s[i].start - from);
		o += sp->s[i].start - from;
		size_t w = strlen(sp->s[i].with);
		memcpy(out + o, sp->s[i].with, w);
		o += w;
		from = sp->s[i].end;
	}
	memcpy(out + o, ev->msg + from, ev->msg_len - from);
	o += ev->msg_len - from;
	ev->msg = out;
	ev->msg_len = o;
}
