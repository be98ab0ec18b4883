/*
 * detect_words.c - read a message word by word for the vocabulary of
 * problems, and of their absence.
 *
 * One pass over the message (a word is a run of ASCII letters).  Each
 * word is packed into a 64-bit key as it is read (its first eight letters,
 * lower case), so that recognising a keyword is an integer comparison
 * (detect_vocab.c); only a word that is a keyword looks further: at its
 * neighbours ("could not", "no such", "failed to start"), at whether it is
 * part of something else, at whether the message says there is none of
 * it.  Whole words only: "referrer", "terror", "failover" and "-Werror"
 * are not "error"/"fail".
 *
 * A problem word does not count when the message says there is none of
 * it: "0 errors", "no errors", "non-error", "without errors",
 * "errors: none", "errors=0", "\"errors\": 0".  A word that is part of an
 * identifier, a path, a file name or an option ("error_count",
 * "/var/log/error.log", "--ignore-errors") is not a word of the message.
 */
#include "detect_scan.h"

const uint8_t wl_scan_ctype[256] = {
	['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['0' ... '9'] = 2,
	[','] = 3, ['['] = 3, ['('] = 3, ['{'] = 3, ['.'] = 3, [';'] = 3,
	['='] = 3,
};
#define ctype wl_scan_ctype

bool
wl_scan_eq(const char *s, size_t a, size_t b, const char *lit, size_t len)
{
	if (b - a != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (wl_lc((unsigned char)s[a + i]) != lit[i])
			return false;
	return true;
}

bool
wl_scan_next(const struct wl_scan *sc, size_t i, size_t *a, size_t *b)
{
	i = wl_skip_sp(sc->s, sc->n, i);
	if (i >= sc->n || ctype[(unsigned char)sc->s[i]] != 1)
		return false;
	*a = i;
	while (i < sc->n && ctype[(unsigned char)sc->s[i]] == 1)
		i++;
	*b = i;
	return true;
}

bool
wl_scan_then(const struct wl_scan *sc, size_t end, const char *lit,
    size_t len)
{
	size_t a, b;
	return wl_scan_next(sc, end, &a, &b) &&
	    wl_scan_eq(sc->s, a, b, lit, len);
}

bool
wl_scan_nt(const struct wl_scan *sc, size_t b)
{
	const char *s = sc->s;
	if (b + 2 <= sc->n && s[b] == '\'' && (s[b + 1] | 0x20) == 't')
		return b + 2 == sc->n || ctype[(unsigned char)s[b + 2]] != 1;
	if (b + 4 <= sc->n && (unsigned char)s[b] == 0xe2 &&
	    (unsigned char)s[b + 1] == 0x80 &&
	    (unsigned char)s[b + 2] == 0x99 && (s[b + 3] | 0x20) == 't')
		return b + 4 == sc->n || ctype[(unsigned char)s[b + 4]] != 1;
	return false;
}

/* Does a number go on at I ("0.5", "01")? */
static bool
number_goes_on(const char *s, size_t n, size_t i)
{
	if (i < n && wl_digit((unsigned char)s[i]))
		return true;
	return i + 1 < n && (s[i] == '.' || s[i] == ',') &&
	    wl_digit((unsigned char)s[i + 1]);
}

/* Does the message say there is none of the word [a, b)? */
static bool
negated(const struct wl_scan *sc, size_t a, size_t b)
{
	const char *s = sc->s;
	size_t n = sc->n;

	/* "0 errors" */
	if (sc->zero_end != 0 && wl_skip_sp(s, n, sc->zero_end) == a)
		return true;
	/* "no errors", "without errors", "non-error", "zero errors" */
	if (sc->prev_b != 0) {
		size_t gap = sc->prev_b;
		while (gap < a && (wl_space((unsigned char)s[gap]) ||
		    s[gap] == '-'))
			gap++;
		uint64_t p = sc->prev_key;
		if (gap == a &&
		    (p == WL_K("no") || p == WL_K("without") ||
		        p == WL_K("non") || p == WL_K("zero") ||
		        p == WL_K("never")))
			return true;
	}
	/* "errors: none", "errors=0", "\"errors\": 0" */
	size_t i = b;
	if (i < n && s[i] == '"')
		i++;
	i = wl_skip_sp(s, n, i);
	if (i >= n || (s[i] != ':' && s[i] != '='))
		return false;
	i = wl_skip_sp(s, n, i + 1);
	if (i < n && s[i] == '"')
		i++;
	if (i < n && s[i] == '0')
		return !number_goes_on(s, n, i + 1);
	return i + 4 <= n && (WL_IPFX(s + i, n - i, "none") ||
	    WL_IPFX(s + i, n - i, "null") || WL_IPFX(s + i, n - i, "false"));
}

bool
wl_scan_embedded(const struct wl_scan *sc, size_t a, size_t b)
{
	const char *s = sc->s;
	size_t n = sc->n;

	if (a > 0) {
		unsigned char p = (unsigned char)s[a - 1];
		if (wl_digit(p) || p == '_' || p == '/' || p == '.' ||
		    p == '-' || p == '\\' || p == '$' || p == '%')
			return true;
	}
	if (b < n) {
		unsigned char c = (unsigned char)s[b];
		if (wl_digit(c) || c == '_' || c == '=' || c == '(')
			return true;
		if ((c == '.' || c == '-' || c == '/') && b + 1 < n &&
		    (ctype[(unsigned char)s[b + 1]] == 1 ||
		    ctype[(unsigned char)s[b + 1]] == 2))
			return true;
	}
	return false;
}

bool
wl_scan_after(const struct wl_scan *sc, size_t a, bool number)
{
	while (a > 0 && sc->s[a - 1] == ' ')
		a--;
	if (a == 0)
		return false;
	char c = sc->s[a - 1];
	return number ? wl_digit((unsigned char)c) : c == ',' || c == '-';
}

bool
wl_scan_position(const struct wl_scan *sc, size_t b)
{
	size_t i = wl_skip_sp(sc->s, sc->n, b), j;
	if ((j = wl_skip_digits(sc->s, sc->n, i)) == i)
		return false;
	if (j < sc->n && sc->s[j] == ',')
		j++;
	return WL_THEN(sc, j, "column");
}

bool
wl_scan_starts_other(const struct wl_scan *sc, size_t to_end)
{
	size_t a, b;
	if (!wl_scan_next(sc, to_end, &a, &b))	/* "start" */
		return false;
	size_t i = wl_skip_sp(sc->s, sc->n, b), j = i;
	while (j < sc->n && sc->s[j] != ' ' && sc->s[j] != '"')
		j++;
	return j > i && __builtin_memchr(sc->s + i, '.', j - i) != NULL &&
	    sc->s[j - 1] != '.';
}

void
wl_scan_err(struct wl_scan *sc, size_t a, size_t b, bool strong)
{
	if (negated(sc, a, b))
		return;
	wl_scan_bump(&sc->w->err);
	if (strong || sc->integrity)
		wl_scan_bump(&sc->w->err_strong);
}

void
wl_scan_warn(struct wl_scan *sc, size_t a, size_t b, bool strong)
{
	if (negated(sc, a, b))
		return;
	wl_scan_bump(&sc->w->warn);
	if (strong)
		wl_scan_bump(&sc->w->warn_strong);
}

void
wl_scan_after_not(struct wl_scan *sc, size_t end)
{
	size_t a, b;
	if (!wl_scan_next(sc, end, &a, &b))
		return;
#define AFTER(lit) WL_EQ(sc, a, b, lit)
	if (AFTER("found") || AFTER("permitted") || AFTER("exist") ||
	    AFTER("accessible"))
		wl_scan_bump(&sc->w->err_strong), wl_scan_bump(&sc->w->err);
	else if (AFTER("allowed") || AFTER("supported") ||
	    AFTER("recognized") || AFTER("recognised") || AFTER("installed") ||
	    AFTER("available") || AFTER("set") || AFTER("defined") ||
	    AFTER("valid") || AFTER("a") || AFTER("an") || AFTER("in") ||
	    AFTER("enough") || AFTER("look") || AFTER("open") ||
	    AFTER("specified") || AFTER("empty") || AFTER("something"))
		wl_scan_bump(&sc->w->err);
	else if (AFTER("match") || AFTER("matching")) {
		wl_scan_bump(&sc->w->err);
		if (sc->integrity)
			wl_scan_bump(&sc->w->err_strong);
	} else if (AFTER("recommended"))
		wl_scan_bump(&sc->w->warn);
#undef AFTER
}

/* "name = default", "data dir = /x", "(pidfile fd = 3)": the message
 * shows a setting. */
static bool
assignment(const char *s, size_t n)
{
	size_t i = n > 0 && s[0] == '(' ? 1 : 0;
	int words = 0;
	while (i < n && i < 48) {
		if (ctype[(unsigned char)s[i]] == 1) {
			words++;
			while (i < n && (ctype[(unsigned char)s[i]] == 1 ||
			    s[i] == '_' || s[i] == '-'))
				i++;
		} else if (s[i] == ' ') {
			if (i + 2 < n && s[i + 1] == '=' && s[i + 2] == ' ')
				return words > 0 && words <= 4;
			i++;
		} else if (s[i] == ':')
			i++;
		else
			return false;
	}
	return false;
}

/* After ',' or an opening bracket at I: a "key: " field? */
static bool
field(const char *s, size_t n, size_t i)
{
	size_t k = wl_skip_sp(s, n, i + 1), e = k;
	while (e < n && (ctype[(unsigned char)s[e]] == 1 || s[e] == '_' ||
	    s[e] == '-'))
		e++;
	return e > k && e + 1 < n && s[e] == ':' && s[e + 1] == ' ';
}

/* The key of the word of LEN letters at A: its first eight letters, lower
 * case, letter i in byte i (little-endian), the rest zero.  One load when
 * eight bytes remain in the message; never a byte past it. */
static inline uint64_t
pack(const char *s, size_t n, size_t a, size_t len)
{
	uint64_t k = 0;
	if (a + 8 <= n) {
		__builtin_memcpy(&k, s + a, 8);
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
		k = __builtin_bswap64(k);
#endif
		if (len < 8)
			k &= ((uint64_t)1 << (8 * len)) - 1;
	} else {
		for (size_t i = 0; i < len && i < 8; i++)
			k |= (uint64_t)(unsigned char)s[a + i] << (8 * i);
	}
	/* letters only: setting bit 5 makes each lower case */
	return k | (0x2020202020202020ULL & (len >= 8 ? ~(uint64_t)0 :
	    ((uint64_t)1 << (8 * len)) - 1));
}

/* One word [a, b) of letters, KEY its packed lower-case letters. */
static void
word(struct wl_scan *sc, size_t a, size_t b, uint64_t key)
{
	const char *s = sc->s;
	struct wl_words *w = sc->w;
	size_t len = b - a;

	/* Exception and warning class names: KeyError, IOException,
	 * DeprecationWarning. */
	if (len > 7 && wl_upper((unsigned char)s[a])) {
		if (__builtin_memcmp(s + b - 5, "Error", 5) == 0 ||
		    (len > 9 &&
		        __builtin_memcmp(s + b - 9, "Exception", 9) == 0)) {
			wl_scan_bump(&w->err), wl_scan_bump(&w->err_strong);
			return;
		}
		if (__builtin_memcmp(s + b - 7, "Warning", 7) == 0) {
			wl_scan_bump(&w->warn);
			return;
		}
	}
	if (len >= 2 && len <= 13) {
		enum wl_kw k = wl_scan_recognise(sc, a, b, key);
		if (k != KW_NONE)
			wl_vocab_word(sc, a, b, key, k);
	}
}

void
wl_words_scan(const char *s, size_t n, struct wl_words *w)
{
	struct wl_scan sc = { .s = s, .n = n, .w = w };
	size_t i = 0;

	__builtin_memset(w, 0, sizeof(*w));
	/* A failed login is worth noticing, not an error of the server. */
	size_t k = wl_skip_sp(s, n, 0);
	if (k < n && (s[k] == 'I' || s[k] == 'F'))
		w->audit = WL_PFX(s + k, n - k, "Invalid user ") ||
		    WL_PFX(s + k, n - k, "Illegal user ") ||
		    WL_PFX(s + k, n - k, "Failed password for ");
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		switch (ctype[c]) {
		case 0:
			i++;
			break;
		case 1: {
			size_t a = i;
			i++;
			while (i + 4 <= n && ctype[(unsigned char)s[i]] == 1 &&
			    ctype[(unsigned char)s[i + 1]] == 1 &&
			    ctype[(unsigned char)s[i + 2]] == 1 &&
			    ctype[(unsigned char)s[i + 3]] == 1)
				i += 4;
			while (i < n && ctype[(unsigned char)s[i]] == 1)
				i++;
			uint64_t key = pack(s, n, a, i - a);
			word(&sc, a, i, key);
			sc.prev_a = a;
			sc.prev_b = i;
			sc.prev_key = i - a <= 8 ? key : 0;
			break;
		}
		case 2: {
			size_t a = i;
			i = wl_skip_digits(s, n, i);
			/* A bare 0 (not 0.5, not 10) says "none of". */
			sc.zero_end = (i - a == 1 && c == '0' &&
			    !number_goes_on(s, n, i)) ? i : 0;
			sc.prev_b = 0;
			break;
		}
		default:
			if (c == '.' || c == ';' || c == '(')
				sc.no_pending = false;
			if (c == '=') {
				/* "name = default": a setting shown */
				if (i > 0 && i < 48 && s[i - 1] == ' ' &&
				    i + 1 < n && s[i + 1] == ' ' &&
				    assignment(s, n))
					wl_scan_bump(&w->detail);
			} else if (c != '.' && c != ';' && field(s, n, i) &&
			    ++sc.pairs == 3)
				/* "term: 0, commit: 0, applied: 0": a dump */
				wl_scan_bump(&w->detail);
			i++;
			break;
		}
	}
	if (sc.in_use && sc.listen)
		wl_scan_bump(&w->start_fail);
	if (sc.integrity && w->err_strong)
		wl_scan_bump(&w->integrity);
}
