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

/*
 * The searches below ask for several words at once.  Where the words
 * share a start ("client sent", "client intended"), one search finds the
 * start and each hit is compared with the words; where they do not
 * ("upstream", "proxy", "backend"), one pass marks the positions where
 * any of them can start.  Either way the line is read once, where one
 * wl_find per word reads it once per word.
 */

/* Does [s, s + n) hold LIT followed by one of the words in the list
 * ENDS (NUL-separated, ending with an empty one)? */
static bool
has_then(const char *s, size_t n, const char *lit, size_t len,
    const char *ends)
{
	for (size_t k = 0; (k += wl_find(s + k, n - k, lit, len)) < n; k++) {
		const char *p = s + k + len;
		size_t r = n - k - len;
		for (const char *e = ends; *e != '\0'; e += __builtin_strlen(e) + 1)
			if (wl_pfx(p, r, e, __builtin_strlen(e)))
				return true;
	}
	return false;
}
#define HAS_THEN(s, n, lit, ends) has_then((s), (n), lit, sizeof(lit) - 1, ends)

/* Does "upstream", "proxy" or "backend" start at K? */
static inline bool
backend_at(const char *s, size_t n, size_t k)
{
	const char *p = s + k;
	size_t r = n - k;
	return WL_PFX(p, r, "upstream") || WL_PFX(p, r, "proxy") ||
	    WL_PFX(p, r, "backend");
}

#if defined(__SSE2__)
/* The positions among the sixteen at P where "up", "pr" or "ba" starts
 * (it reads seventeen bytes), as a 16-bit mask. */
static inline unsigned
backend_starts(const char *p)
{
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
	__m128i m = _mm_or_si128(_mm_or_si128(
	    _mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8('u')),
	    _mm_cmpeq_epi8(b, _mm_set1_epi8('p'))),
	    _mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8('p')),
	    _mm_cmpeq_epi8(b, _mm_set1_epi8('r')))),
	    _mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8('b')),
	    _mm_cmpeq_epi8(b, _mm_set1_epi8('a'))));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* Does [s, s + n) name an upstream, a proxy or a backend?  The
 * candidates are the positions of "up", "pr" and "ba", sixteen at a
 * time; the last ones in one step that ends with the line (its last
 * byte starts none of the words). */
static bool
backend_named(const char *s, size_t n)
{
	size_t i = 0;
#if defined(__SSE2__)
	for (; i + 17 <= n; i += 16)
		for (unsigned m = backend_starts(s + i); m != 0; m &= m - 1)
			if (backend_at(s, n, i + (unsigned)__builtin_ctz(m)))
				return true;
	if (n >= 17 && i < n - 1) {
		/* positions n - 17 to n - 2; those before I were looked
		 * at */
		size_t p = n - 17;
		for (unsigned m = backend_starts(s + p) >> (i - p) << (i - p);
		    m != 0; m &= m - 1)
			if (backend_at(s, n, p + (unsigned)__builtin_ctz(m)))
				return true;
		return false;
	}
#endif
	for (; i < n; i++)
		if (backend_at(s, n, i))
			return true;
	return false;
}

/* A request failure the client caused: the line names the client and no
 * upstream/backend was involved. */
static bool
client_caused(const char *s, size_t n)
{
	for (size_t k = 0; (k += WL_FIND(s + k, n - k, "client")) < n; k++) {
		/* "client: " or "[client " */
		if ((k + 8 <= n && s[k + 6] == ':' && s[k + 7] == ' ') ||
		    (k > 0 && s[k - 1] == '[' && k + 7 <= n && s[k + 6] == ' '))
			return !backend_named(s, n);
	}
	return false;
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
		if (HAS_THEN(m, mn, "client ", "sent\0intended\0"))
			return NGINX(WL_SEV_WARN, WL_K_FINAL);
		return NGINX(WL_SEV_DEBUG, WL_K_FINAL);
	case WL_SEV_NOTICE:
		/* Routine: start, reload, workers.  The signals nginx gets
		 * for its own bookkeeping are chatter. */
		if (HAS_THEN(m, mn, "(SIG", "CHLD)\0IO)\0ALRM)\0"))
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

