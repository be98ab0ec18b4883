/*
 * syslogparse.c - parse syslog datagrams (see syslogparse.h).
 */
#include <string.h>
#include "syslogparse.h"

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Skip an RFC 3164 "Mmm dd hh:mm:ss " or an RFC 3339 timestamp and its
 * space; returns the new position (unchanged when there is none). */
static size_t
skip_time(const char *b, size_t i, size_t n)
{
	if (n - i >= 16 && b[i + 3] == ' ' && b[i + 6] == ' ' &&
	    b[i + 9] == ':' && b[i + 12] == ':' && b[i + 15] == ' ' &&
	    b[i] >= 'A' && b[i] <= 'Z')
		return i + 16;
	if (n - i >= 20 && is_digit(b[i]) && b[i + 4] == '-' &&
	    b[i + 7] == '-' && b[i + 10] == 'T') {
		size_t j = i + 10;
		while (j < n && b[j] != ' ')
			j++;
		return j < n ? j + 1 : i;
	}
	return i;
}

/* Take the next space-separated RFC 5424 header word. */
static size_t
word(const char *b, size_t i, size_t n, const char **w, size_t *wl)
{
	size_t s = i;
	while (i < n && b[i] != ' ')
		i++;
	*w = b + s;
	*wl = i - s;
	return i < n ? i + 1 : i;
}

static long
parse_pid(const char *p, size_t n)
{
	long v = 0;
	if (n == 0 || n > 9)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

static void
parse_5424(const char *b, size_t i, size_t n, struct wl_syslog_msg *m)
{
	const char *w;
	size_t wl;

	i = word(b, i, n, &w, &wl);	/* timestamp */
	i = word(b, i, n, &w, &wl);	/* hostname */
	i = word(b, i, n, &m->ident, &m->ident_len);
	if (m->ident_len == 1 && m->ident[0] == '-')
		m->ident_len = 0;
	i = word(b, i, n, &w, &wl);	/* procid */
	m->pid = parse_pid(w, wl);
	i = word(b, i, n, &w, &wl);	/* msgid */
	if (i < n && b[i] == '[') {
		/* Structured data: elements end at an unescaped ']' not
		 * followed by another '['. */
		size_t s = i;
		int in = 0;
		for (; i < n; i++) {
			if (b[i] == '\\' && i + 1 < n) {
				i++;
				continue;
			}
			if (b[i] == '"')
				in = !in;
			else if (b[i] == ']' && !in &&
			    (i + 1 >= n || b[i + 1] != '[')) {
				i++;
				break;
			}
		}
		m->sd = b + s;
		m->sd_len = i - s;
	} else if (i < n && b[i] == '-') {
		i++;
	}
	if (i < n && b[i] == ' ')
		i++;
	/* An optional UTF-8 byte order mark starts the message. */
	if (n - i >= 3 && memcmp(b + i, "\xEF\xBB\xBF", 3) == 0)
		i += 3;
	m->msg = b + i;
	m->msg_len = n - i;
}

static void
parse_3164(const char *b, size_t i, size_t n, struct wl_syslog_msg *m)
{
	i = skip_time(b, i, n);
	/* The tag runs to '[', ':' or a space; "tag[pid]: " or "tag: ". */
	size_t s = i;
	while (i < n && b[i] != '[' && b[i] != ':' && b[i] != ' ')
		i++;
	if (i < n && b[i] == '[') {
		size_t p = i + 1, e = p;
		while (e < n && b[e] != ']')
			e++;
		if (e + 1 < n && b[e + 1] == ':') {
			m->ident = b + s;
			m->ident_len = i - s;
			m->pid = parse_pid(b + p, e - p);
			i = e + 2;
			goto msg;
		}
	} else if (i < n && b[i] == ':' && i > s) {
		m->ident = b + s;
		m->ident_len = i - s;
		i++;
		goto msg;
	}
	i = s;		/* no tag: all of it is the message */
msg:
	if (i < n && b[i] == ' ')
		i++;
	m->msg = b + i;
	m->msg_len = n - i;
}

int
wl_syslog_parse(const char *b, size_t n, struct wl_syslog_msg *m)
{
	size_t i = 1;
	int v = 0;

	memset(m, 0, sizeof(*m));
	m->pid = -1;
	m->sd = "";
	m->ident = "";
	if (n < 3 || b[0] != '<')
		return -1;
	while (i < n && i < 5 && is_digit(b[i]))
		v = v * 10 + (b[i++] - '0');
	if (i == 1 || i >= n || b[i] != '>' || v > 191)
		return -1;
	i++;
	m->pri = v & 7;
	m->facility = v >> 3;
	/* Trailing newlines are framing, not message. */
	while (n > i && (b[n - 1] == '\n' || b[n - 1] == '\0'))
		n--;
	if (n - i >= 2 && b[i] == '1' && b[i + 1] == ' ')
		parse_5424(b, i + 2, n, m);
	else
		parse_3164(b, i, n, m);
	return 0;
}
