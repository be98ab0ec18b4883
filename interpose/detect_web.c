/*
 * detect_web.c - the levels of the web servers' error logs.
 *
 * nginx: "2026/11/21 12:00:00 [error] 123#0: *5 msg", Apache: "[Sat Nov 21
 * 12:00:00.123456 2026] [core:error] [pid 1:tid 2] [client 10.0.0.1:5678]
 * AH00126: msg".  Their vocabulary maps as a careful reader would map it:
 * nginx's notice is routine (INFO) and its info is per-connection chatter
 * (DEBUG); a request a client got wrong is WARN even when logged as
 * [error], a backend that failed is ERROR; an emerg that does not end the
 * server is ERROR.
 */
#include "detect.h"

/* Fill V (see wl_verdict_set in detect.h). */
#define set wl_verdict_set

/* A request failure the client caused: the line names the client and no
 * upstream/backend was involved. */
static bool
client_caused(const char *s, size_t n)
{
	return (WL_HAS(s, n, "client: ") || WL_HAS(s, n, "[client ")) &&
	    !WL_HAS(s, n, "upstream") && !WL_HAS(s, n, "proxy") &&
	    !WL_HAS(s, n, "backend");
}

/* nginx: "2026/11/21 12:00:00 [error] 123#0: *5 msg". */
bool
wl_detect_nginx(const char *s, size_t n, size_t body, int lv,
    struct wl_verdict *v)
{
	const char *m = s + body;
	size_t mn = n - body;
#define NGINX(sev, kind) set(v, (sev), WL_DET_NGINX, (kind), body)

	switch (lv) {
	case WL_SEV_DEBUG:
	case WL_SEV_TRACE:
		return NGINX(WL_SEV_DEBUG, WL_K_FINAL);
	case WL_SEV_INFO:
		/* nginx logs each client's comings and goings at info; a
		 * request the client got wrong is the exception. */
		if (WL_HAS(m, mn, "client sent") ||
		    WL_HAS(m, mn, "client intended"))
			return NGINX(WL_SEV_WARN, WL_K_FINAL);
		return NGINX(WL_SEV_DEBUG, WL_K_FINAL);
	case WL_SEV_NOTICE:
		/* Routine: start, reload, workers.  The signals nginx gets
		 * for its own bookkeeping are chatter. */
		if (WL_HAS(m, mn, "(SIGCHLD)") || WL_HAS(m, mn, "(SIGIO)") ||
		    WL_HAS(m, mn, "(SIGALRM)"))
			return NGINX(WL_SEV_DEBUG, WL_K_FINAL);
		return NGINX(WL_SEV_INFO, WL_K_LEVEL);
	case WL_SEV_WARN:
		return NGINX(WL_SEV_WARN, WL_K_FINAL);
	case WL_SEV_ERROR:
		if (client_caused(m, mn))
			return NGINX(WL_SEV_WARN, WL_K_FINAL);
		return NGINX(WL_SEV_ERROR, WL_K_FINAL);
	default:	/* crit, alert, emerg */
		/* nginx retries a failed bind() of a listening socket a few
		 * times ("try again to bind() after 500ms") and only then
		 * gives up ("still could not bind()") and exits. */
		if (WL_PFX(m, mn, "bind() to "))
			return NGINX(WL_SEV_WARN, WL_K_FINAL);
		if (WL_PFX(m, mn, "still could not"))
			return NGINX(WL_SEV_FATAL, WL_K_FINAL);
		return NGINX(lv == WL_SEV_FATAL ? WL_SEV_ERROR : lv,
		    WL_K_LEVEL);
	}
#undef NGINX
}

/* Apache: "[Sat Nov 21 12:00:00.123456 2026] [core:error] [pid 1:tid 2]
 * [client 10.0.0.1:5678] AH00126: msg". */
bool
wl_detect_apache(const char *s, size_t n, struct wl_verdict *v)
{
	size_t i = wl_skip_stamp(s, n, 1);
	if (i == 1 || i >= n || s[i] != ']')
		return false;
	i++;
	if (i + 2 >= n || s[i] != ' ' || s[i + 1] != '[')
		return false;
	size_t a = i + 2, b = a;
	while (b < n && b < a + 40 && s[b] != ']' && s[b] != ' ')
		b++;
	if (b >= n || s[b] != ']')
		return false;
	size_t c = b;
	while (c > a && s[c - 1] != ':')
		c--;
	int lv;
	if (b - c == 6 && WL_PFX(s + c, 5, "trace") &&
	    wl_digit((unsigned char)s[c + 5]))
		lv = WL_SEV_TRACE;	/* trace1 ... trace8 */
	else
		lv = wl_level_word(s + c, b - c);
	if (lv == 0)
		return false;
	/* the message follows the last bracketed field */
	size_t body = b + 1;
	for (;;) {
		size_t j = wl_skip_sp(s, n, body);
		if (j >= n || s[j] != '[')
			break;
		size_t k = j;
		while (k < n && k < j + 80 && s[k] != ']')
			k++;
		if (k >= n || s[k] != ']')
			break;
		body = k + 1;
	}
	body = wl_skip_sp(s, n, body);
	if (lv >= WL_SEV_CRIT)
		lv = lv == WL_SEV_FATAL ? WL_SEV_ERROR : lv;
	else if (lv == WL_SEV_ERROR && client_caused(s, n))
		lv = WL_SEV_WARN;
	else if (lv == WL_SEV_NOTICE)
		lv = WL_SEV_INFO;
	return set(v, lv, WL_DET_APACHE, WL_K_LEVEL, body);
}

