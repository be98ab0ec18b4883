/*
 * detect_bytes.h - byte classes of a block of up to 64 bytes as bit masks
 * (bit i for byte i), for the detectors that walk a whole line.
 *
 * A loop that asks "is this byte a letter?" byte by byte costs several
 * instructions and a hard-to-predict branch per byte; on a mask, finding
 * the next word or the next ':' is one count-trailing-zeros.  On x86-64
 * SSE2 (always there) classifies 16 bytes per step; elsewhere a portable
 * loop computes the same masks.  A block shorter than 64 bytes (the end
 * of a message) is copied into a zeroed buffer first, and so is any
 * other byte a caller loads past the message's end: no byte past the
 * message is ever read, as detect.h promises.
 */
#ifndef WL_DETECT_BYTES_H
#define WL_DETECT_BYTES_H

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

struct wl_bytes {
	uint64_t alpha;		/* ASCII letters */
	uint64_t colon;		/* ':' */
	uint64_t equal;		/* '=' */
};

#if defined(__SSE2__)
/* Classify the 16 bytes at P into bits [SHIFT, SHIFT + 16) of M. */
static inline void
wl_bytes16(const unsigned char *p, unsigned shift, struct wl_bytes *m)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	/* (c | 0x20) - 'a' <= 25, unsigned: min() leaves it unchanged */
	__m128i y = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)),
	    _mm_set1_epi8('a'));
	__m128i l = _mm_cmpeq_epi8(_mm_min_epu8(y, _mm_set1_epi8(25)), y);
	__m128i c = _mm_cmpeq_epi8(x, _mm_set1_epi8(':'));
	__m128i e = _mm_cmpeq_epi8(x, _mm_set1_epi8('='));
	m->alpha |= (uint64_t)(uint16_t)_mm_movemask_epi8(l) << shift;
	m->colon |= (uint64_t)(uint16_t)_mm_movemask_epi8(c) << shift;
	m->equal |= (uint64_t)(uint16_t)_mm_movemask_epi8(e) << shift;
}
#endif

/* The 64 bytes at P, all readable. */
static inline void
wl_bytes64(const unsigned char *p, struct wl_bytes *m)
{
	m->alpha = m->colon = m->equal = 0;
#if defined(__SSE2__)
	wl_bytes16(p, 0, m);
	wl_bytes16(p + 16, 16, m);
	wl_bytes16(p + 32, 32, m);
	wl_bytes16(p + 48, 48, m);
#else
	for (unsigned i = 0; i < 64; i++) {
		unsigned c = p[i];
		m->alpha |= (uint64_t)((unsigned)((c | 0x20) - 'a') < 26) << i;
		m->colon |= (uint64_t)(c == ':') << i;
		m->equal |= (uint64_t)(c == '=') << i;
	}
#endif
}

/* wl_bytes64() of the 64 bytes at P (all readable) of which only the
 * first HAVE may be other than zero: the 16-byte steps past HAVE would
 * only add zeros to the masks, and are not taken. */
static inline void
wl_bytes64_upto(const unsigned char *p, size_t have, struct wl_bytes *m)
{
#if defined(__SSE2__)
	m->alpha = m->colon = m->equal = 0;
	wl_bytes16(p, 0, m);
	if (have > 16)
		wl_bytes16(p + 16, 16, m);
	if (have > 32)
		wl_bytes16(p + 32, 32, m);
	if (have > 48)
		wl_bytes16(p + 48, 48, m);
#else
	(void)have;
	wl_bytes64(p, m);
#endif
}

/* The eight bytes of [s, s + n) from I (I < n) as a word, byte I in its
 * lowest eight bits, zeros past the end.  An eight-byte load is one
 * instruction where a short copy is a loop; near the end the load ends
 * at the end and is shifted down instead of running past it. */
static inline uint64_t
wl_load8(const char *s, size_t n, size_t i)
{
	uint64_t w = 0;
	if (n - i >= 8) {
		__builtin_memcpy(&w, s + i, 8);
	} else if (n >= 8) {
		__builtin_memcpy(&w, s + n - 8, 8);
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
		w = __builtin_bswap64(w);
#endif
		return w >> (8 * (8 - (n - i)));
	} else {
		for (size_t j = i; j < n; j++)
			w |= (uint64_t)(unsigned char)s[j] << (8 * (j - i));
		return w;
	}
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* How many of the eight bytes of W (byte 0 lowest) are ASCII letters
 * before the first that is not (8 if all are): no branch per byte.  A
 * byte is a letter when, with bit 5 set, it lies in 'a'..'z'. */
static inline unsigned
wl_letters8(uint64_t w)
{
	const uint64_t hi = 0x8080808080808080ULL;
	uint64_t y = w | 0x2020202020202020ULL, low = y & ~hi;
	/* low + 0x1f reaches bit 7 from 'a' on, low + 0x05 from '{' on;
	 * neither carries into the next byte (low is at most 0x7f) */
	uint64_t letter = ((low + 0x1f1f1f1f1f1f1f1fULL) &
	    ~(low + 0x0505050505050505ULL) & ~y) & hi;
	uint64_t stop = ~letter & hi;
	return stop != 0 ? (unsigned)__builtin_ctzll(stop) / 8 : 8;
}

/* Index of the lowest set bit of a non-zero mask. */
static inline unsigned
wl_ctz(uint64_t x)
{
	return (unsigned)__builtin_ctzll(x);
}

#endif
