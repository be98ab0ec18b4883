/*
 * detect_struct.c - the level member of structured lines: JSON objects
 * (zap, logrus, structlog, python-json-logger, bunyan/pino) and logfmt
 * (go-kit, logrus text, slog).
 *
 * No DOM and no allocation: the JSON scanner walks the top-level object
 * once, skipping nested values by depth, and looks only at its keys; the
 * logfmt scanner walks key=value pairs, honouring quoted values, so a
 * "level=" inside a quoted message is not the line's level.  Only the
 * level is read; the other fields are left to later stages.
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "detect.h"

/* Keys that hold a level.  Their lengths (2, 3, 5, 8, 9, 13) turn most
 * keys ("ts", "msg", "caller", "time") away in one test. */
static inline bool
level_key(const char *k, size_t n)
{
	const uint32_t lens = 1u << 2 | 1u << 3 | 1u << 5 | 1u << 8 |
	    1u << 9 | 1u << 13;
	if (n > 13 || !(lens >> n & 1))
		return false;
#define K(lit) (n == sizeof(lit) - 1 && __builtin_memcmp(k, lit, n) == 0)
	return K("level") || K("severity") || K("lvl") || K("log.level") ||
	    K("levelname") || K("loglevel") || K("log_level") ||
	    K("severity_text") || K("@l");
#undef K
}

/*
 * A level value: a name in any logger's vocabulary, or a number (syslog's
 * 0-7, bunyan's and pino's 10-60).  A "panic" level is a logging call
 * that then panics: the panic, if nothing recovers it, is reported on its
 * own (and is FATAL there); the logged line itself is ERROR.  A number's
 * value decides: *VALUES is set.
 */
static int
level_value(const char *s, size_t n, bool quoted, uint8_t *values)
{
	if (!quoted && n > 0 && wl_digit((unsigned char)s[0])) {
		*values = 1;
		size_t e = wl_skip_digits(s, n, 0);
		if (e != n || n > 2)
			return 0;
		int x = n == 1 ? s[0] - '0' : (s[0] - '0') * 10 + (s[1] - '0');
		static const uint8_t syslog_map[8] = { WL_SEV_FATAL,
		    WL_SEV_ALERT, WL_SEV_CRIT, WL_SEV_ERROR, WL_SEV_WARN,
		    WL_SEV_NOTICE, WL_SEV_INFO, WL_SEV_DEBUG };
		static const uint8_t bunyan[7] = { 0, WL_SEV_TRACE,
		    WL_SEV_DEBUG, WL_SEV_INFO, WL_SEV_WARN, WL_SEV_ERROR,
		    WL_SEV_FATAL };
		if (x <= 7)
			return syslog_map[x];
		if (x % 10 == 0 && x <= 60)
			return bunyan[x / 10];
		return 0;
	}
	int lv = wl_level_word(s, n);
	if (lv == WL_SEV_FATAL && n == 5 && (s[0] | 0x20) == 'p')
		lv = WL_SEV_ERROR;	/* "panic" */
	return lv;
}

/* Past the JSON string whose opening quote is at I; n if unterminated.
 * The first '"' or '\\' from there ends it or escapes the byte after;
 * sixteen bytes at a time while sixteen are left before N, a byte at a
 * time after (two memchr calls per string cost more on short ones).
 * Inline: a line's keys and values make it the scanner's commonest call. */
static inline __attribute__((always_inline)) size_t
json_string_end(const char *s, size_t n, size_t i)
{
	for (i++; i < n;) {
#if defined(__SSE2__)
		if (i + 16 <= n) {
			__m128i x = _mm_loadu_si128((const __m128i *)
			    (const void *)(s + i));
			unsigned at = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
			if (at == 0) {
				i += 16;
				continue;
			}
			i += (unsigned)__builtin_ctz(at);
		} else
#endif
		while (i < n && s[i] != '"' && s[i] != '\\')
			i++;
		if (i >= n)
			break;
		if (s[i] == '"')
			return i + 1;
		i += 2;	/* past the backslash and the byte it escapes */
	}
	return n;
}

/* Past the JSON white space at I.  Inline, and a byte above ' ' ends it
 * at once: between a key and its value there is mostly none. */
static inline size_t
json_ws(const char *s, size_t n, size_t i)
{
	if (i < n && (unsigned char)s[i] > ' ')
		return i;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	    s[i] == '\n'))
		i++;
	return i;
}

/* Past the JSON value at I (nested containers skipped by depth). */
static size_t
json_value_end(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return n;
	if (s[i] == '"')
		return json_string_end(s, n, i);
	if (s[i] == '{' || s[i] == '[') {
		int depth = 0;
		while (i < n) {
			char c = s[i];
			if (c == '"') {
				i = json_string_end(s, n, i);
				continue;
			}
			if (c == '{' || c == '[')
				depth++;
			else if ((c == '}' || c == ']') && --depth == 0)
				return i + 1;
			i++;
		}
		return n;
	}
	while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' &&
	    s[i] != ' ' && s[i] != '\t')
		i++;
	return i;
}

bool
wl_detect_json(const char *s, size_t n, struct wl_verdict *v)
{
	size_t i = json_ws(s, n, 0), ma = 0, me = 0;
	int lv = 0;
	if (i >= n || s[i] != '{')
		return false;
	i++;
	for (int members = 0; members < 256; members++) {
		i = json_ws(s, n, i);
		if (i >= n || s[i] != '"')
			return false;
		size_t ka = i + 1, kb = json_string_end(s, n, i), kn;
		if (kb >= n)
			return false;
		kn = kb - 1 - ka;
		i = json_ws(s, n, kb);
		if (i >= n || s[i] != ':')
			return false;
		i = json_ws(s, n, i + 1);
		size_t ve = json_value_end(s, n, i);
		if (ve > n || ve == i)
			return false;
		bool q = s[i] == '"';
		if (lv == 0 && level_key(s + ka, kn))
			lv = q ? level_value(s + i + 1, ve - i - 2, true,
			    &v->values) : level_value(s + i, ve - i, false,
			    &v->values);
		else if (q && ve - i >= 2 && ((kn == 3 &&
		    WL_PFX(s + ka, 3, "msg")) || (kn == 7 &&
		    WL_PFX(s + ka, 7, "message"))))
			ma = i + 1, me = ve - 1;
		i = json_ws(s, n, ve);
		if (i < n && s[i] == '}')
			break;
		if (i >= n || s[i] != ',')
			return false;	/* not JSON */
		i++;
	}
	/* The words that matter are the message's, not the other fields'
	 * (a "caller" path, a nested object's own "level"). */
	v->body = (uint32_t)ma;
	v->body_end = (uint32_t)me;
	if (lv == 0)
		return false;
	v->sev = (uint8_t)lv;
	v->det = WL_DET_JSON;
	v->kind = WL_K_LEVEL;
	v->cont = 0;
	return true;
}

static bool
maybe_level_key(const char *s, size_t n)
{
	const char *end = s + n, *p = s;
	while ((p = __builtin_memchr(p, 'v', (size_t)(end - p))) != NULL) {
		size_t i = (size_t)(p - s);
		if ((i >= 2 && n - (i - 2) >= 5 &&
		    __builtin_memcmp(p - 2, "level", 5) == 0) ||
		    (i >= 2 && n - (i - 2) >= 8 &&
		    __builtin_memcmp(p - 2, "severity", 8) == 0) ||
		    (i >= 1 && n - (i - 1) >= 4 &&
		    __builtin_memcmp(p - 1, "lvl=", 4) == 0))
			return true;
		p++;
	}
	for (p = s; (p = __builtin_memchr(p, '@', (size_t)(end - p))) != NULL;
	    p++)
		if ((size_t)(end - p) >= 3 && p[1] == 'l' && p[2] == '=')
			return true;
	return false;
}

/*
 * Can [s, s + n) be a logfmt line with a level: does it hold an '=' and
 * a place maybe_level_key() would stop at?  False only when it cannot.
 * For a line of 19 bytes or more, one pass sixteen bytes at a time that
 * looks at each byte's neighbours through loads one and two bytes
 * either side (never a byte outside the line): a 'v' after "le", "se"
 * or 'l', an '@' before 'l'.  memchr() calls, one per 'v' of the line,
 * cost their set-up and a branch on the length each, and the number of
 * 'v's varies from line to line.
 */
static bool
level_key_may(const char *s, size_t n)
{
#if defined(__SSE2__)
	if (n >= 19) {
#define EQ8(x, c) _mm_cmpeq_epi8((x), _mm_set1_epi8(c))
#define AT(o) _mm_loadu_si128((const __m128i *)(const void *)(s + (o)))
#define STEP(o) do { \
	size_t b = (o) < last ? (o) : last; \
	__m128i x = AT(b), p1 = AT(b - 1), p2 = AT(b - 2), nx = AT(b + 1); \
	__m128i v = _mm_and_si128(EQ8(x, 'v'), _mm_or_si128(EQ8(p1, 'l'), \
	    _mm_and_si128(EQ8(p1, 'e'), _mm_or_si128(EQ8(p2, 'l'), \
	    EQ8(p2, 's'))))); \
	cand = _mm_or_si128(cand, _mm_or_si128(v, \
	    _mm_and_si128(EQ8(x, '@'), EQ8(nx, 'l')))); \
	eq = _mm_or_si128(eq, EQ8(x, '=')); \
} while (0)
		__m128i eq = _mm_setzero_si128(), cand = _mm_setzero_si128();
		/* positions 2 to n - 2, sixteen at a time from position B
		 * (loads from B - 2 to one ending at B + 17), four to a
		 * step; B is I, or n - 17 where I is past it (the last then
		 * overlaps the one before; with n at least 19, B is at least
		 * 2): a line of up to 66 bytes takes one step */
		for (size_t i = 2, last = n - 17;; i += 64) {
			STEP(i);
			STEP(i + 16);
			STEP(i + 32);
			STEP(i + 48);
			if (i + 48 >= last)
				break;
		}
#undef STEP
#undef AT
#undef EQ8
		/* positions 0 and 1: "lvl=", "@l=" at the start (an '=' at
		 * 0, 1 or n - 1 cannot end a level key and start its value) */
		bool lead = (s[0] == 'l' && s[1] == 'v') || s[0] == '@' ||
		    (s[1] == '@' && s[2] == 'l');
		return _mm_movemask_epi8(eq) != 0 &&
		    (lead || _mm_movemask_epi8(cand) != 0);
	}
#endif
	return __builtin_memchr(s, '=', n) != NULL && maybe_level_key(s, n);
}

/* A logfmt key's byte: a letter, a digit, '_', '.', '-' or '@'. */
static inline bool
key_byte(unsigned char c)
{
	return wl_alpha(c) || wl_digit(c) || c == '_' || c == '.' ||
	    c == '-' || c == '@';
}

/*
 * The end of the key from I, and the first blank (' ' or '\t') from I, or
 * N: the logfmt scan's two loops, sixteen bytes at a time while sixteen
 * are left before N (never a byte past it), a byte at a time after.
 * Values are long (stamps, paths) and keys several bytes: a byte loop
 * cost a compare chain per byte.
 */
static size_t
key_end(const char *s, size_t n, size_t i)
{
#if defined(__SSE2__)
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		__m128i in = _mm_or_si128(_mm_or_si128(wl_alpha16(x),
		    wl_range16(x, '0', '9')),
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x,
		    _mm_set1_epi8('_')), _mm_cmpeq_epi8(x, _mm_set1_epi8('.'))),
		    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('-')),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('@')))));
		unsigned out = ~(unsigned)_mm_movemask_epi8(in) & 0xffffu;
		if (out != 0)
			return i + (unsigned)__builtin_ctz(out);
	}
#endif
	while (i < n && key_byte((unsigned char)s[i]))
		i++;
	return i;
}

static size_t
blank_at(const char *s, size_t n, size_t i)
{
#if defined(__SSE2__)
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		unsigned at = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('\t'))));
		if (at != 0)
			return i + (unsigned)__builtin_ctz(at);
	}
#endif
	while (i < n && s[i] != ' ' && s[i] != '\t')
		i++;
	return i;
}

bool
wl_detect_logfmt(const char *s, size_t n, struct wl_verdict *v)
{
	size_t i = 0;
	int lv = 0;
	bool msg = false;
	/* Every level key (level_key) holds "level", "severity", "lvl=" or
	 * "@l=": without one (or without an '=') the scan below cannot find
	 * a level, so it is not worth making.  The first three have a 'v'
	 * at a known place. */
	if (!level_key_may(s, n))
		return false;
	while (i < n) {
		i = wl_skip_sp(s, n, i);
		size_t ka = i;
		i = key_end(s, n, i);
		if (i > ka && i < n && s[i] == '=') {
			size_t kb = i++;
			size_t va = i, ve;
			bool q = i < n && s[i] == '"';
			if (q) {
				ve = json_string_end(s, n, i);
				va++;
			} else {
				i = blank_at(s, n, i);
				ve = i;
			}
			if (lv == 0 && level_key(s + ka, kb - ka)) {
				size_t vn = (q ? ve - 1 : ve) - va;
				lv = ve <= n && ve > va ? level_value(s + va,
				    vn, q, &v->values) : 0;
			} else if ((kb - ka == 3 && WL_PFX(s + ka, 3, "msg")) ||
			    (kb - ka == 7 && WL_PFX(s + ka, 7, "message")))
				msg = true;
			i = ve;
			continue;
		}
		/* not a pair: skip the word */
		i = blank_at(s, n, i);
	}
	if (lv == 0)
		return false;
	/* An info record with fields but no message is a data point. */
	if (lv == WL_SEV_INFO && !msg)
		lv = WL_SEV_DEBUG;
	v->sev = (uint8_t)lv;
	v->det = WL_DET_LOGFMT;
	v->kind = WL_K_LEVEL;
	v->cont = 0;
	v->body = 0;
	return true;
}
