/*
 * extract.h - fields taken from the message itself.
 *
 * A JSON line ({"level":"warn","msg":"disk slow","disk":"sda"}) is parsed
 * with jansson: its msg/message member becomes the event's msg, its level
 * members (level, severity, lvl, log.level, levelname) are left to the
 * classifier, and every other top-level member becomes a field (objects
 * and arrays as compact JSON).  A logfmt line (two or more key=value
 * pairs, level=info msg="..." ...) likewise.  Keys become field names:
 * lower case, anything outside [a-z0-9_.] as '_'.  Values are copied into
 * a buffer the caller owns, which must outlive the event.  jansson
 * allocates: nothing is extracted from a line written by a signal handler
 * that interrupted the library.
 */
#ifndef WL_EXTRACT_H
#define WL_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "simd.h"
#include "event.h"

/* Extract EV's fields into BUF (CAP bytes).  Returns the number of fields
 * added (0 when the message is neither JSON nor logfmt). */
unsigned wl_extract(struct wl_event *ev, char *buf, size_t cap)
    __attribute__((nonnull));

/* A byte of a logfmt key: [A-Za-z0-9_.-].  One bit per ASCII byte. */
static inline bool
wl_extract_key_byte(char c)
{
	static const uint64_t map[2] = {
		1ULL << '-' | 1ULL << '.' | 0x3ffULL << '0',
		0x3ffffffULL << ('A' - 64) | 1ULL << ('_' - 64) |
		    0x3ffffffULL << ('a' - 64),
	};
	unsigned char u = (unsigned char)c;
	return u < 128 && (map[u >> 6] >> (u & 63) & 1) != 0;
}

/*
 * Could wl_extract() take anything from the message [s, s + n)?  False
 * when it surely would not, which most lines show by their first word:
 * a JSON object starts with '{' and ends with '}', and a logfmt line is
 * pairs from its first byte on, so its first word is a key and '='.
 * Every line asks; only those that pass pay for extraction (and its
 * buffer).
 */
static inline bool
wl_extract_may(const char *s, size_t n)
{
	if (n < 3)
		return false;
	if (s[0] == '{')
		return s[n - 1] == '}';
	size_t i = 0;
#if defined(__SSE2__)
	/* Sixteen bytes at once: the first that is no key byte. */
	if (n >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
		__m128i key = _mm_or_si128(wl_alpha16(x),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('_')));
		/* '-' to '9', but '/' */
		key = _mm_or_si128(key, _mm_andnot_si128(
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('/')),
		    wl_range16(x, '-', '9')));
		unsigned other = ~(unsigned)_mm_movemask_epi8(key) & 0xffff;
		if (other != 0) {
			i = (size_t)__builtin_ctz(other);
			return i > 0 && s[i] == '=';
		}
		i = 16;
	}
#endif
	while (i < n && wl_extract_key_byte(s[i]))
		i++;
	return i > 0 && i < n && s[i] == '=';
}

#endif
