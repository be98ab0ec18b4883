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
};

/*
 * The needles are short literals and the haystacks log lines: glibc's
 * memmem spends more setting up than searching.  Sixteen positions at a
 * time, a candidate is a position whose byte is the needle's first and
 * whose byte LEN - 1 further on is its last; only candidates are
 * compared whole.  Near the end, where sixteen bytes more are not there
 * to load, position by position.
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
 * Grouped by length, each name packed at compile time as the word
 * scanner packs a word (WL_K, WL_KT): a lookup is a few integer
 * comparisons among the names of the word's length.
 */
struct level_name {
	uint64_t key, tail;
	uint8_t sev;
};
#define LV(name, sev) { WL_K(name), WL_KT(name), WL_SEV_##sev }
static const struct level_name len3[] = { LV("trc", TRACE),
	LV("dbg", DEBUG), LV("inf", INFO), LV("wrn", WARN), LV("err", ERROR) };
static const struct level_name len4[] = { LV("trce", TRACE),
	LV("dbug", DEBUG), LV("fine", DEBUG), LV("info", INFO),
	LV("warn", WARN), LV("eror", ERROR), LV("erro", ERROR),
	LV("crit", CRIT) };
static const struct level_name len5[] = { LV("trace", TRACE),
	LV("finer", TRACE), LV("debug", DEBUG), LV("error", ERROR),
	LV("alert", ALERT), LV("emerg", FATAL), LV("fatal", FATAL),
	LV("panic", FATAL) };
static const struct level_name len6[] = { LV("finest", TRACE),
	LV("config", DEBUG), LV("notice", NOTICE), LV("severe", ERROR),
	LV("dpanic", ERROR) };
static const struct level_name len7[] = { LV("verbose", DEBUG),
	LV("warning", WARN) };
static const struct level_name len8[] = { LV("critical", CRIT) };
static const struct level_name len9[] = { LV("emergency", FATAL) };
static const struct level_name len11[] = { LV("information", INFO) };
static const struct level_name len13[] = { LV("informational", INFO) };
#undef LV
#define BY_LEN(t) { t, sizeof(t) / sizeof(t[0]) }
static const struct {
	const struct level_name *names;
	size_t count;
} by_len[14] = {
	[3] = BY_LEN(len3), [4] = BY_LEN(len4), [5] = BY_LEN(len5),
	[6] = BY_LEN(len6), [7] = BY_LEN(len7), [8] = BY_LEN(len8),
	[9] = BY_LEN(len9), [11] = BY_LEN(len11), [13] = BY_LEN(len13),
};
#undef BY_LEN

int
wl_level_word(const char *s, size_t n)
{
	if (n < 3 || n > 13 || by_len[n].count == 0)
		return 0;
	/* Setting bit 5 lowers a capital and leaves a lower-case letter
	 * alone; it makes no other byte a letter, so only a name's own
	 * letters, in either case, can match it. */
	uint64_t key = (wl_load8(s, n, 0) | 0x2020202020202020ULL) &
	    (n >= 8 ? ~0ULL : ~0ULL >> (64 - 8 * n));
	uint64_t tail = n > 8 ? (wl_load8(s, n, 8) |
	    0x2020202020202020ULL) & (~0ULL >> (64 - 8 * (n - 8))) : 0;
	const struct level_name *t = by_len[n].names;
	for (size_t k = 0; k < by_len[n].count; k++)
		if (t[k].key == key && t[k].tail == tail)
			return t[k].sev;
	return 0;
}

/* ---- time stamps ---- */

/* A month ("Nov") or, with WEEKDAY, a weekday ("Sat") at I: a capital
 * and two lower-case letters, then no letter. */
static bool
name3(const char *s, size_t n, size_t i, bool weekday)
{
	if (i + 3 > n || !wl_upper((unsigned char)s[i]) ||
	    (i + 3 < n && wl_alpha((unsigned char)s[i + 3])))
		return false;
	uint32_t k = (uint32_t)(unsigned char)s[i] << 16 |
	    (uint32_t)(unsigned char)s[i + 1] << 8 | (unsigned char)s[i + 2];
#define N3(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))
	if (weekday)
		return k == N3('M', 'o', 'n') || k == N3('T', 'u', 'e') ||
		    k == N3('W', 'e', 'd') || k == N3('T', 'h', 'u') ||
		    k == N3('F', 'r', 'i') || k == N3('S', 'a', 't') ||
		    k == N3('S', 'u', 'n');
	return k == N3('J', 'a', 'n') || k == N3('F', 'e', 'b') ||
	    k == N3('M', 'a', 'r') || k == N3('A', 'p', 'r') ||
	    k == N3('M', 'a', 'y') || k == N3('J', 'u', 'n') ||
	    k == N3('J', 'u', 'l') || k == N3('A', 'u', 'g') ||
	    k == N3('S', 'e', 'p') || k == N3('O', 'c', 't') ||
	    k == N3('N', 'o', 'v') || k == N3('D', 'e', 'c');
#undef N3
}

/* A date: YYYY-MM-DD or YYYY/MM/DD at I, J the end of its first digits
 * (wl_skip_digits from I).  Returns the end, or I. */
static size_t
date_end(const char *s, size_t n, size_t i, size_t j)
{
	if (j - i != 4 || j >= n || (s[j] != '-' && s[j] != '/'))
		return i;
	char sep = s[j];
	size_t k = wl_skip_digits(s, n, j + 1);
	if (k - j - 1 != 2 || k >= n || s[k] != sep)
		return i;
	size_t m = wl_skip_digits(s, n, k + 1);
	if (m - k - 1 != 2)
		return i;
	return m;
}

/* A time: H:MM[:SS[.frac|,frac]] with an optional zone (Z, +hh:mm,
 * -hhmm) at I, J the end of its first digits (wl_skip_digits from I).
 * Returns the end, or I. */
static size_t
time_end(const char *s, size_t n, size_t i, size_t j)
{
	if (j - i < 1 || j - i > 2 || j >= n || s[j] != ':')
		return i;
	size_t k = wl_skip_digits(s, n, j + 1);
	if (k - j - 1 != 2)
		return i;
	if (k < n && s[k] == ':') {
		size_t m = wl_skip_digits(s, n, k + 1);
		if (m - k - 1 != 2)
			return i;
		k = m;
		if (k + 1 < n && (s[k] == '.' || s[k] == ',') &&
		    wl_digit((unsigned char)s[k + 1]))
			k = wl_skip_digits(s, n, k + 1);
	}
	if (k < n && s[k] == 'Z')
		k++;
	else if (k + 1 < n && (s[k] == '+' || s[k] == '-') &&
	    wl_digit((unsigned char)s[k + 1])) {
		size_t m = wl_skip_digits(s, n, k + 1);
		if (m < n && s[m] == ':')
			m = wl_skip_digits(s, n, m + 1);
		k = m;
	}
	return k;
}

/* (wl_skip_stamp has looked at the first bytes: a stamp can start at I,
 * which is before N) */
size_t
wl_skip_stamp_at(const char *s, size_t n, size_t i)
{
	size_t start = i, end = i;
	bool dated = false, timed = false, month = false;

	for (int tok = 0; tok < 7 && i < n; tok++) {
		size_t j;
		unsigned char c = (unsigned char)s[i];
		if (wl_digit(c)) {
			/* the token's first digits, read once for all
			 * three readings of them */
			size_t d = wl_skip_digits(s, n, i), t;
			if ((j = date_end(s, n, i, d)) > i) {
				dated = true;
				if (j + 1 < n && s[j] == 'T' && (t = time_end(s,
				    n, j + 1, wl_skip_digits(s, n, j + 1))) >
				    j + 1) {
					j = t;
					timed = true;
				}
			} else if ((j = time_end(s, n, i, d)) > i) {
				timed = true;
			} else {
				/* A day or a year next to a month name. */
				j = d;
				if (j - i > 4)
					break;
				if (j < n && s[j] == ',')
					j++;
				bool next_month = j + 1 < n && s[j] == ' ' &&
				    name3(s, n, j + 1, false);
				if (!month && !next_month)
					break;
			}
		} else if (name3(s, n, i, false)) {
			month = true;
			j = i + 3;
		} else if (tok == 0 && name3(s, n, i, true)) {
			j = i + 3;
			if (j < n && s[j] == ',')
				j++;
		} else if (timed && i + 2 <= n &&
		    (WL_PFX(s + i, n - i, "UTC") ||
		        WL_PFX(s + i, n - i, "GMT") ||
		        WL_PFX(s + i, n - i, "AM") ||
		        WL_PFX(s + i, n - i, "PM"))) {
			j = i + (s[i + 1] == 'M' ? 2 : 3);
			if (j < n && wl_alpha((unsigned char)s[j]))
				break;
		} else
			break;
		/* "2026-11-21:" is not followed by a field; "2026]" ends a
		 * bracketed stamp */
		if (j < n && s[j] == ']' && (dated || timed)) {
			end = j;
			break;
		}
		if (j < n && !wl_space((unsigned char)s[j]))
			break;
		if (dated || timed)
			end = j;
		i = wl_skip_sp(s, n, j);
	}
	if (!dated && !timed)
		return start;
	return wl_skip_sp(s, n, end);
}
