/*
 * detect.c - what the detectors share: detector names, the level
 * vocabularies of many programs, time-stamp headers, substring search.
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "detect.h"
#include "detect_bytes.h"

#define WL_DET_NAME(id, name) name,
#define WL_DET_SYSLOG(id, name) "syslog>" name,
#define WL_DET_SD(id, name) "sd-daemon>" name,
static const char *const det_names[3][WL_DET_COUNT_] = {
	{ WL_DETECTORS(WL_DET_NAME) },
	{ WL_DETECTORS(WL_DET_SYSLOG) },
	{ WL_DETECTORS(WL_DET_SD) },
};

const char *
wl_det_name(enum wl_det det, int claim)
{
	if ((unsigned)det >= WL_DET_COUNT_)
		det = WL_DET_DEFAULT;
	if (claim < 0 || claim > 2)
		claim = 0;
	return det_names[claim][det];
}

#define WL_C_ALNUM_ (WL_C_NAME | WL_C_IDENT)
const uint16_t wl_cls[256] = {
	['A' ... 'Z'] = WL_C_ALPHA | WL_C_ALNUM_,
	['a' ... 'z'] = WL_C_ALPHA | WL_C_ALNUM_ | WL_C_SYSCALL | WL_C_LOWER,
	['0' ... '9'] = WL_C_DIGIT | WL_C_ALNUM_ | WL_C_SYSCALL,
	['_'] = WL_C_ALNUM_ | WL_C_SYSCALL,
	['-'] = WL_C_ALNUM_, ['.'] = WL_C_ALNUM_, ['/'] = WL_C_ALNUM_,
	['+'] = WL_C_NAME,
	[' '] = WL_C_SP, ['\t'] = WL_C_TAB, [':'] = WL_C_COLON,
	[0x80 ... 0xff] = WL_C_HIGH,
};

/*
 * The needles are short literals and the haystacks log lines: glibc's
 * memmem spends more setting up than searching.  Sixteen positions at a
 * time, a candidate is a position whose byte is the needle's first and
 * whose byte LEN - 1 further on is its last; only candidates are
 * compared whole.  Near the end, where sixteen bytes more are not there
 * to load, the last sixteen positions are loaded again so as to end with
 * the line; in a line too short for that, position by position.
 */
size_t
wl_find(const char *s, size_t n, const char *lit, size_t len)
{
	if (len == 0)
		return 0;
	if (n < len)
		return n;
	size_t last = n - len;	/* the last position a match can start */
	size_t i = 0;
#if defined(__SSE2__)
	const __m128i first = _mm_set1_epi8(lit[0]);
	const __m128i end = _mm_set1_epi8(lit[len - 1]);
	for (; i + 15 <= last; i += 16) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i + len - 1));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(
		    _mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, end)));
		for (; m != 0; m &= m - 1) {
			size_t k = i + (unsigned)__builtin_ctz(m);
			if (__builtin_memcmp(s + k + 1, lit + 1, len - 1) == 0)
				return k;
		}
	}
	if (i <= last && last >= 15) {
		/* The last sixteen positions in one more step that ends
		 * where the line does; those before I were looked at. */
		size_t p = last - 15;
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + p));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + p + len - 1));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(
		    _mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, end))) >>
		    (i - p) << (i - p);
		for (; m != 0; m &= m - 1) {
			size_t k = p + (unsigned)__builtin_ctz(m);
			if (__builtin_memcmp(s + k + 1, lit + 1, len - 1) == 0)
				return k;
		}
		return n;
	}
#endif
	for (; i <= last; i++)
		if (s[i] == lit[0] && s[i + len - 1] == lit[len - 1] &&
		    __builtin_memcmp(s + i, lit, len) == 0)
			return i;
	return n;
}

/*
 * Level names as programs write them: syslog's, log4j's, Python's, JUL's
 * (SEVERE, FINE...), log15's four-letter ones (dbug, eror, crit), zap's
 * (dpanic).  PANIC is a level some loggers use for a call that panics;
 * the caller decides what that means in its format.
 *
 * Each name is packed at compile time as the word scanner packs a word
 * (WL_K, WL_KT) into one table indexed by a multiplicative hash of its
 * length and its first three letters, which are the packed word's low
 * bytes: a lookup is a multiplication and a comparison, with no loop
 * whose exit depends on the word and no byte read twice.  The hash's
 * letters are spelled out next to each name, since a designated index
 * cannot be computed from a string literal's bytes; a letter mistyped
 * there leaves its name where no lookup goes, and two names in one slot
 * are an -Woverride-init warning (in -Wextra).  The multiplier gives the
 * thirty-two names distinct slots (no two names of one length share
 * their first three letters).
 */
struct level_name {
	uint64_t key, tail;
	uint8_t sev;
};
#define LH(abc, len) ((uint32_t)(((uint32_t)(abc) | (uint32_t)(len) << 24) * \
	0x8e8b68dbu) >> 26)
#define LV(name, a, b, c, sev) \
	[LH(WL_LEAD4(a, b, c, 0), sizeof(name) - 1)] = \
	{ WL_K(name), WL_KT(name), WL_SEV_##sev }
static const struct level_name levels[64] = {
	LV("trc", 't', 'r', 'c', TRACE), LV("dbg", 'd', 'b', 'g', DEBUG),
	LV("inf", 'i', 'n', 'f', INFO), LV("wrn", 'w', 'r', 'n', WARN),
	LV("err", 'e', 'r', 'r', ERROR),
	LV("trce", 't', 'r', 'c', TRACE), LV("dbug", 'd', 'b', 'u', DEBUG),
	LV("fine", 'f', 'i', 'n', DEBUG), LV("info", 'i', 'n', 'f', INFO),
	LV("warn", 'w', 'a', 'r', WARN), LV("eror", 'e', 'r', 'o', ERROR),
	LV("erro", 'e', 'r', 'r', ERROR), LV("crit", 'c', 'r', 'i', CRIT),
	LV("trace", 't', 'r', 'a', TRACE), LV("finer", 'f', 'i', 'n', TRACE),
	LV("debug", 'd', 'e', 'b', DEBUG), LV("error", 'e', 'r', 'r', ERROR),
	LV("alert", 'a', 'l', 'e', ALERT), LV("emerg", 'e', 'm', 'e', FATAL),
	LV("fatal", 'f', 'a', 't', FATAL), LV("panic", 'p', 'a', 'n', FATAL),
	LV("finest", 'f', 'i', 'n', TRACE), LV("config", 'c', 'o', 'n', DEBUG),
	LV("notice", 'n', 'o', 't', NOTICE),
	LV("severe", 's', 'e', 'v', ERROR),
	LV("dpanic", 'd', 'p', 'a', ERROR),
	LV("verbose", 'v', 'e', 'r', DEBUG),
	LV("warning", 'w', 'a', 'r', WARN),
	LV("critical", 'c', 'r', 'i', CRIT),
	LV("emergency", 'e', 'm', 'e', FATAL),
	LV("information", 'i', 'n', 'f', INFO),
	LV("informational", 'i', 'n', 'f', INFO),
};
#undef LV

int
wl_level_word(const char *s, size_t n)
{
	if (n < 3 || n > 13)
		return 0;
	/* Setting bit 5 lowers a capital and leaves a lower-case letter
	 * alone; it makes no other byte a letter, so only a name's own
	 * letters, in either case, can match it. */
	uint64_t tail, key = wl_load_short((const unsigned char *)s, n,
	    &tail);	/* zeros past N: a word shorter than 16 in two loads */
	key = (key | 0x2020202020202020ULL) &
	    (n >= 8 ? ~0ULL : ~0ULL >> (64 - 8 * n));
	if (n > 8)
		tail = (tail | 0x2020202020202020ULL) &
		    (~0ULL >> (64 - 8 * (n - 8)));
	const struct level_name *t = &levels[LH(key & 0xffffff, n)];
	/* (an empty slot's key is 0, which no word's is) */
	return t->key == key && t->tail == tail ? t->sev : 0;
}
#undef LH

/* ---- time stamps ---- */

/*
 * Months and weekdays, each packed as name3 packs it (the first letter
 * highest), in one table indexed by a multiplicative hash of the packed
 * name: a lookup is a multiplication and a comparison, where a chain of
 * comparisons takes up to twelve.  A weekday's entry has bit 31 set.  The
 * multiplier puts the nineteen names in distinct slots; were two to
 * share one, the second initializer would override the first, and
 * -Woverride-init (in -Wextra) would say so.
 */
#define N3(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))
#define H3(k) ((uint32_t)((k) * 0xd8fe4339u) >> 27)
#define MON(a, b, c) [H3(N3(a, b, c))] = N3(a, b, c)
#define DAY(a, b, c) [H3(N3(a, b, c))] = N3(a, b, c) | 1u << 31
static const uint32_t names3[32] = {
	MON('J', 'a', 'n'), MON('F', 'e', 'b'), MON('M', 'a', 'r'),
	MON('A', 'p', 'r'), MON('M', 'a', 'y'), MON('J', 'u', 'n'),
	MON('J', 'u', 'l'), MON('A', 'u', 'g'), MON('S', 'e', 'p'),
	MON('O', 'c', 't'), MON('N', 'o', 'v'), MON('D', 'e', 'c'),
	DAY('M', 'o', 'n'), DAY('T', 'u', 'e'), DAY('W', 'e', 'd'),
	DAY('T', 'h', 'u'), DAY('F', 'r', 'i'), DAY('S', 'a', 't'),
	DAY('S', 'u', 'n'),
};
#undef MON
#undef DAY

/* A month ("Nov") or, with WEEKDAY, a weekday ("Sat") at I: a capital
 * and two lower-case letters, then no letter. */
static inline bool
name3(const char *s, size_t n, size_t i, bool weekday)
{
	if (i + 3 > n || !wl_upper((unsigned char)s[i]) ||
	    (i + 3 < n && wl_alpha((unsigned char)s[i + 3])))
		return false;
	uint32_t k = N3((unsigned char)s[i], (unsigned char)s[i + 1],
	    (unsigned char)s[i + 2]);
	return names3[H3(k)] == (k | (uint32_t)weekday << 31);
}
#undef H3
#undef N3

/*
 * A stamp's reader asks where a run of digits ends a dozen times over a
 * few dozen bytes; byte by byte, each answer costs a branch per digit and
 * a mispredicted one at its end.  So the reader classifies the bytes from
 * the stamp's start once, thirty-two of them, into a mask (bit k for byte
 * base + k), and a run's end is a count of trailing ones.  Where a run
 * reaches the end of the window and the line goes on, it is read on byte
 * by byte.
 */
struct digits {
	const char *s;
	size_t n;
	size_t base, lim;	/* the window: [base, lim) */
	uint64_t mask;		/* its digits; no bit at or past lim - base */
};

#if defined(__SSE2__)
/* The digits among the sixteen bytes at P, as a 16-bit mask. */
static inline unsigned
digits16(const char *p)
{
	return (unsigned)_mm_movemask_epi8(wl_range16(_mm_loadu_si128(
	    (const __m128i *)(const void *)p), '0', '9'));
}
#endif

/* Classify the bytes from I (I < n) into D, never reading past N: the
 * last sixteen bytes of a window that ends with the line are loaded so as
 * to end with it, and a line shorter than sixteen is gathered by loads
 * that end there too. */
static inline __attribute__((always_inline)) void
digits_at(struct digits *d, const char *s, size_t n, size_t i)
{
	size_t have = n - i;
	d->s = s;
	d->n = n;
	d->base = i;
	d->lim = have > 32 ? i + 32 : n;
#if defined(__SSE2__)
	if (have >= 32)
		d->mask = digits16(s + i) | (uint64_t)digits16(s + i + 16) << 16;
	else if (have >= 16)
		d->mask = digits16(s + i) |
		    (uint64_t)digits16(s + n - 16) << (have - 16);
	else if (n >= 16)
		d->mask = digits16(s + n - 16) >> (16 - have);
	else {
		/* the bytes past the line come in as zeros: no digits */
		char b[16];
		uint64_t hi, lo = wl_load_short((const unsigned char *)s + i,
		    have, &hi);
		__builtin_memcpy(b, &lo, 8);
		__builtin_memcpy(b + 8, &hi, 8);
		d->mask = digits16(b);
	}
#else
	d->mask = 0;
	for (size_t k = 0; k < d->lim - i; k++)
		d->mask |= (uint64_t)wl_digit((unsigned char)s[i + k]) << k;
#endif
}

/* The end of the run of digits at K (K >= d->base, at most n). */
static inline size_t
digits_end(const struct digits *d, size_t k)
{
	size_t o = k - d->base;
	if (o < 64) {
		size_t e = k + wl_ctz_index(~(d->mask >> o));
		if (e < d->lim || d->lim == d->n)
			return e;
		k = e;
	}
	return wl_skip_digits(d->s, d->n, k);
}

/* A date: YYYY-MM-DD or YYYY/MM/DD at I, J the end of its first digits
 * (digits_end from I).  Returns the end, or I. */
static inline size_t
date_end(const struct digits *d, size_t i, size_t j)
{
	const char *s = d->s;
	size_t n = d->n;
	if (j - i != 4 || j >= n || (s[j] != '-' && s[j] != '/'))
		return i;
	char sep = s[j];
	size_t k = digits_end(d, j + 1);
	if (k - j - 1 != 2 || k >= n || s[k] != sep)
		return i;
	size_t m = digits_end(d, k + 1);
	if (m - k - 1 != 2)
		return i;
	return m;
}

/* The end of a time's fraction (".123", ",5") at K, if it has one, or K:
 * after the seconds. */
static inline size_t
time_frac(const struct digits *d, size_t k)
{
	const char *s = d->s;
	if (k + 1 < d->n && (s[k] == '.' || s[k] == ',') &&
	    wl_digit((unsigned char)s[k + 1]))
		return digits_end(d, k + 1);
	return k;
}

/* The end of a time's zone (Z, +hh:mm, -hhmm) at K, if it has one, or
 * K. */
static inline size_t
time_zone(const struct digits *d, size_t k)
{
	const char *s = d->s;
	size_t n = d->n;
	if (k < n && s[k] == 'Z')
		return k + 1;
	if (k + 1 < n && (s[k] == '+' || s[k] == '-') &&
	    wl_digit((unsigned char)s[k + 1])) {
		size_t m = digits_end(d, k + 1);
		if (m < n && s[m] == ':')
			m = digits_end(d, m + 1);
		return m;
	}
	return k;
}

/* A time: H:MM[:SS[.frac|,frac]] with an optional zone (Z, +hh:mm,
 * -hhmm) at I, J the end of its first digits (digits_end from I).
 * Returns the end, or I. */
static size_t
time_end(const struct digits *d, size_t i, size_t j)
{
	const char *s = d->s;
	size_t n = d->n;
	if (j - i < 1 || j - i > 2 || j >= n || s[j] != ':')
		return i;
	size_t k = digits_end(d, j + 1);
	if (k - j - 1 != 2)
		return i;
	if (k < n && s[k] == ':') {
		size_t m = digits_end(d, k + 1);
		if (m - k - 1 != 2)
			return i;
		k = time_frac(d, m);
	}
	return time_zone(d, k);
}

/*
 * The commonest stamp, "2026-11-21 20:24:15" (or with '/', or 'T' for
 * the blank), read from its shape at once: digits and separators where
 * the mask and five bytes say.  Returns the end of its seconds (I + 19),
 * or 0.  Where it says yes, date_end and time_end read the same: a date
 * token, then a time with seconds.  (I is d->base, so the mask's bit k
 * is byte I + k, and bits 0 to 19 are known: a window shorter than
 * twenty bytes ends with the line.)
 */
static inline size_t
date_time(const struct digits *d, size_t i)
{
	const char *s = d->s;
	/* DDDD-DD-DD DD:DD:DD and a byte that is no digit */
	if ((d->mask & 0xfffff) != 0x6db6f)
		return 0;
	if ((s[i + 4] != '-' && s[i + 4] != '/') || s[i + 7] != s[i + 4] ||
	    (s[i + 10] != ' ' && s[i + 10] != 'T') || s[i + 13] != ':' ||
	    s[i + 16] != ':')
		return 0;
	return i + 19;
}

/* A zone or a half of the day after a time at I (I + 2 <= n): "UTC",
 * "GMT", "AM", "PM". */
static inline bool
zone_word(const char *s, size_t n, size_t i)
{
	unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
	if (b == 'M' && (a == 'A' || a == 'P'))
		return true;
	return i + 3 <= n && ((a == 'U' && b == 'T' && s[i + 2] == 'C') ||
	    (a == 'G' && b == 'M' && s[i + 2] == 'T'));
}

/* A stamp's reading so far: the end of its last token that is or ends
 * a date or a time (its start while there is none), and what it read. */
struct stamp {
	size_t end;
	bool dated, timed, month;
};

/*
 * A stamp's tokens from I, the TOK-th of them (ST what the ones before
 * said): a date, a time, a month and a day or a year next to it, a
 * weekday first, a zone after a time, parted by blanks.  Returns the end
 * of the stamp and of the blanks after it, or its start when it has
 * neither a date nor a time.  This is what a stamp is; the shortcuts in
 * wl_skip_stamp_at read the same from a common stamp's shape.
 */
static size_t
stamp_tokens(const struct digits *dg, size_t i, int tok, struct stamp st)
{
	const char *s = dg->s;
	size_t n = dg->n;

	for (; tok < 7 && i < n; tok++) {
		size_t j;
		unsigned char c = (unsigned char)s[i];
		if (wl_digit(c)) {
			/* the token's first digits, read once for all
			 * three readings of them */
			size_t d = digits_end(dg, i), t;
			if ((j = date_end(dg, i, d)) > i) {
				st.dated = true;
				if (j + 1 < n && s[j] == 'T' && (t = time_end(
				    dg, j + 1, digits_end(dg, j + 1))) >
				    j + 1) {
					j = t;
					st.timed = true;
				}
			} else if ((j = time_end(dg, i, d)) > i) {
				st.timed = true;
			} else {
				/* A day or a year next to a month name. */
				j = d;
				if (j - i > 4)
					break;
				if (j < n && s[j] == ',')
					j++;
				bool next_month = j + 1 < n && s[j] == ' ' &&
				    name3(s, n, j + 1, false);
				if (!st.month && !next_month)
					break;
			}
		} else if (name3(s, n, i, false)) {
			st.month = true;
			j = i + 3;
		} else if (tok == 0 && name3(s, n, i, true)) {
			j = i + 3;
			if (j < n && s[j] == ',')
				j++;
		} else if (st.timed && i + 2 <= n && zone_word(s, n, i)) {
			j = i + (s[i + 1] == 'M' ? 2 : 3);
			if (j < n && wl_alpha((unsigned char)s[j]))
				break;
		} else
			break;
		/* "2026-11-21:" is not followed by a field; "2026]" ends a
		 * bracketed stamp */
		if (j < n && s[j] == ']' && (st.dated || st.timed)) {
			st.end = j;
			break;
		}
		if (j < n && !wl_space((unsigned char)s[j]))
			break;
		if (st.dated || st.timed)
			st.end = j;
		i = wl_skip_sp(s, n, j);
	}
	/* (with neither, end is the start: a digit or a capital) */
	return wl_skip_sp(s, n, st.end);
}

/*
 * stamp_tokens after the TOK-th token, a time (or a date and a time)
 * ending at J, for the commonest cases without its loop: the stamp ends
 * unless a blank and a digit, a capital or a zone follow; zones ("UTC")
 * are read here.
 */
static size_t
stamp_more(const struct digits *dg, size_t j, int tok, struct stamp st)
{
	const char *s = dg->s;
	size_t n = dg->n;

	for (;;) {
		if (j < n && s[j] == ']')
			return wl_skip_sp(s, n, j);
		if (j < n && !wl_space((unsigned char)s[j]))
			return wl_skip_sp(s, n, st.end);
		st.end = j;
		size_t i = wl_skip_sp(s, n, j);
		if (i >= n || tok >= 7)
			return i;
		/* a zone is no month, and this is not the first token */
		if (i + 2 > n || !zone_word(s, n, i)) {
			/* past the first token, a token that is no zone goes
			 * on the stamp only as digits or a month's name
			 * ("INFO", "I |" end it) */
			if (!wl_digit((unsigned char)s[i]) &&
			    !name3(s, n, i, false))
				return i;
			return stamp_tokens(dg, i, tok, st);
		}
		j = i + (s[i + 1] == 'M' ? 2 : 3);
		if (j < n && wl_alpha((unsigned char)s[j]))
			return i;
		tok++;
	}
}

/*
 * stamp_more's answer where a few bytes give it, without a call: after
 * a time ending at J, the line's end or a ']' ends the stamp there, and
 * a blank then a field that no further token of a stamp starts (a
 * digit, a zone, a month's name) ends it after the blank, where the
 * message starts; so does a zone ("UTC") followed so.  Most stamps end
 * one of these ways ("... 20:24:51.960 [main]", "... 20:22:44 [error]",
 * "... 20:24:28.394 I | ...").
 */
static inline size_t
stamp_after(const struct digits *dg, size_t j, int tok, struct stamp st)
{
	const char *s = dg->s;
	size_t n = dg->n;
	if (j >= n)
		return n;
	if (s[j] == ']')
		return j;
	if (s[j] == ' ' && j + 1 < n) {
		unsigned char c = (unsigned char)s[j + 1];
		if (wl_cls[c] & (WL_C_DIGIT | WL_C_SP | WL_C_TAB))
			return stamp_more(dg, j, tok, st);
		if (!wl_upper(c))
			return j + 1;
		/* A capital starts a zone ("UTC", "GMT", "AM") or a month's
		 * name only with a 'T', an 'M' or a lower-case letter after
		 * it: not a level ("INFO", "I |"). */
		unsigned char d = j + 2 < n ? (unsigned char)s[j + 2] : 0;
		if (!(wl_cls[d] & WL_C_LOWER) && d != 'M' && d != 'T')
			return j + 1;
		/* PostgreSQL's "... 20:24:15.463 UTC [4288] ...": the zone,
		 * then a blank and a field that starts none of them */
		if (j + 5 < n && s[j + 4] == ' ' && ((c == 'U' && d == 'T' &&
		    s[j + 3] == 'C') || (c == 'G' && d == 'M' &&
		    s[j + 3] == 'T'))) {
			unsigned char e = (unsigned char)s[j + 5];
			if (!(wl_cls[e] & (WL_C_DIGIT | WL_C_SP | WL_C_TAB)) &&
			    !wl_upper(e))
				return j + 5;
		}
	}
	return stamp_more(dg, j, tok, st);
}

/*
 * syslog's "Nov 21 20:24:09" at I (I is d->base, a month's name there),
 * read from its shape as date_time reads its own: a blank, two digits, a
 * blank, then DD:DD:DD and a byte that is no digit.  Returns the end of
 * the seconds (I + 15), or 0; where it says yes, stamp_tokens reads a
 * month, a day and a time with seconds.
 */
static inline size_t
month_day_time(const struct digits *d, size_t i)
{
	const char *s = d->s;
	if ((d->mask & 0xffff) != 0x6db0)
		return 0;
	if (s[i + 3] != ' ' || s[i + 6] != ' ' || s[i + 9] != ':' ||
	    s[i + 12] != ':')
		return 0;
	return i + 15;
}

/*
 * redis's "21 Nov 2026 20:24:09" at I (I is d->base, two digits and a
 * blank there), likewise: a month's name, a blank, four digits, a blank,
 * then DD:DD:DD and a byte that is no digit.  Returns the end of the
 * seconds (I + 20), or 0.
 */
static inline size_t
day_month_time(const struct digits *d, size_t i)
{
	const char *s = d->s;
	if ((d->mask & 0x1fffff) != 0xdb783)
		return 0;
	if (s[i + 6] != ' ' || s[i + 11] != ' ' || s[i + 14] != ':' ||
	    s[i + 17] != ':' || !name3(s, d->n, i + 3, false))
		return 0;
	return i + 20;
}

/* The first token at I is a run of digits ending at D that is neither a
 * date nor a time: does a month's name follow it, as the day or the year
 * before one ("21 Nov", "2026, Nov")?  With none, stamp_tokens ends the
 * stamp there (a pid, a count). */
static inline bool
month_next(const char *s, size_t n, size_t d)
{
	if (d < n && s[d] == ',')
		d++;
	return d + 1 < n && s[d] == ' ' && name3(s, n, d + 1, false);
}

/* wl_skip_stamp_at for a first token of digits that do not start
 * "DDDD-DD-DD DD:DD:DD". */
static size_t
stamp_digits(struct digits *dg, size_t i)
{
	const char *s = dg->s;
	size_t n = dg->n;
	struct stamp st = { i, false, false, false };
	/* The first token is a date (four digits, '-' or '/'), a time (one
	 * or two, ':') or a day or a year before a month (up to four, a
	 * blank or a comma): a pid or a count ends the stamp before it
	 * starts. */
	size_t d = digits_end(dg, i), len = d - i, j;
	unsigned char c = d < n ? (unsigned char)s[d] : 0;
	if (len > 4)
		return i;
	if (c == ':' && len <= 2) {
		/* a time first ("20:24:52.494 [main]") */
		if ((j = time_end(dg, i, d)) == i)
			return i;
		st.timed = true;
		return stamp_after(dg, j, 1, st);
	}
	if (c == ' ' || c == ',') {
		if (!month_next(s, n, d))
			return i;
		if (len == 2 && (j = day_month_time(dg, i)) != 0) {
			/* day, month, year, time: four tokens */
			st.month = st.timed = true;
			return stamp_after(dg, time_zone(dg, time_frac(dg, j)),
			    4, st);
		}
		return stamp_tokens(dg, i, 0, st);
	}
	if (len == 4 && (c == '-' || c == '/'))
		return stamp_tokens(dg, i, 0, st);
	return i;
}

/* (wl_skip_stamp has looked at the first bytes: a stamp can start at I,
 * which is before N) */
size_t
wl_skip_stamp_at(const char *s, size_t n, size_t i)
{
	struct digits dg;
	struct stamp st = { i, false, false, false };

	if (!wl_digit((unsigned char)s[i])) {
		/* a month ("Nov 21 ...") or a weekday ("Sat Nov 21 ...") */
		bool month = name3(s, n, i, false);
		if (!month && !name3(s, n, i, true))
			return i;
		digits_at(&dg, s, n, i);
		size_t j = month ? month_day_time(&dg, i) : 0;
		if (j == 0)
			return stamp_tokens(&dg, i, 0, st);
		/* month, day, time: three tokens */
		st.month = st.timed = true;
		return stamp_after(&dg, time_zone(&dg, time_frac(&dg, j)), 3,
		    st);
	}
	digits_at(&dg, s, n, i);
	size_t j = date_time(&dg, i);
	if (j == 0)
		return stamp_digits(&dg, i);
	/* a date and a time: two tokens parted by a blank, or one by 'T' */
	int tok = 1;
	st.dated = st.timed = true;
	if (s[i + 10] == ' ') {
		st.end = i + 10;
		tok = 2;
	}
	return stamp_after(&dg, time_zone(&dg, time_frac(&dg, j)), tok, st);
}
