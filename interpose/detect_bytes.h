/*
 * detect_bytes.h - byte classes of a block of up to 64 bytes as bit masks
 * (bit i for byte i), for the detectors that walk a whole line.
 *
 * A loop that asks "is this byte a letter?" byte by byte costs several
 * instructions and a hard-to-predict branch per byte; on a mask, finding
 * the next word or the next ':' is one count-trailing-zeros.  On x86-64
 * SSE2 (always there) classifies 16 bytes per step; elsewhere a portable
 * loop computes the same masks.  The bytes are read where they are, and
 * never past the message's end, as detect.h promises: the last sixteen
 * of a block that ends with the message are loaded so as to end with it,
 * or, in a message shorter than that, gathered by loads that do.
 */
#ifndef WL_DETECT_BYTES_H
#define WL_DETECT_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include "simd.h"

struct wl_bytes {
	uint64_t alpha;		/* ASCII letters */
	uint64_t punct;		/* ':' and '=' */
	uint64_t blank;		/* ' ' */
};

#if defined(__SSE2__)
/* The masks of the 16 bytes X, as 16-bit masks. */
static inline void
wl_bytes16x(__m128i x, unsigned *alpha, unsigned *punct, unsigned *blank)
{
	__m128i l = wl_alpha16(x);
	__m128i c = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(':')),
	    _mm_cmpeq_epi8(x, _mm_set1_epi8('=')));
	*alpha = (unsigned)_mm_movemask_epi8(l);
	*punct = (unsigned)_mm_movemask_epi8(c);
	*blank = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x,
	    _mm_set1_epi8(' ')));
}

/* Classify the 16 bytes at P into bits [SHIFT, SHIFT + 16) of M. */
static inline void
wl_bytes16(const unsigned char *p, unsigned shift, struct wl_bytes *m)
{
	unsigned a, c, b;
	wl_bytes16x(_mm_loadu_si128((const __m128i *)(const void *)p), &a,
	    &c, &b);
	m->alpha |= (uint64_t)a << shift;
	m->punct |= (uint64_t)c << shift;
	m->blank |= (uint64_t)b << shift;
}
#endif

/* The 64 bytes at P, all readable. */
static inline void
wl_bytes64(const unsigned char *p, struct wl_bytes *m)
{
	m->alpha = m->punct = m->blank = 0;
#if defined(__SSE2__)
	wl_bytes16(p, 0, m);
	wl_bytes16(p + 16, 16, m);
	wl_bytes16(p + 32, 32, m);
	wl_bytes16(p + 48, 48, m);
#else
	for (unsigned i = 0; i < 64; i++) {
		unsigned c = p[i];
		m->alpha |= (uint64_t)((unsigned)((c | 0x20) - 'a') < 26) << i;
		m->punct |= (uint64_t)(c == ':' || c == '=') << i;
		m->blank |= (uint64_t)(c == ' ') << i;
	}
#endif
}

/* The R bytes at P (0 < R < 16) and zeros after them, without reading
 * a byte past P + R: two loads that may overlap (both put the same byte
 * in the same place), or for fewer than four bytes three single ones. */
static inline uint64_t
wl_load_short(const unsigned char *p, size_t r, uint64_t *hi)
{
	uint64_t lo, h = 0;
	if (r >= 8) {
		__builtin_memcpy(&lo, p, 8);
		__builtin_memcpy(&h, p + r - 8, 8);
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
		lo = __builtin_bswap64(lo);
		h = __builtin_bswap64(h);
#endif
		/* byte j of the second load is byte j + r - 8 of P */
		h = r > 8 ? h >> (8 * (16 - r)) : 0;
	} else if (r >= 4) {
		uint32_t a, b;
		__builtin_memcpy(&a, p, 4);
		__builtin_memcpy(&b, p + r - 4, 4);
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
		a = __builtin_bswap32(a);
		b = __builtin_bswap32(b);
#endif
		lo = (uint64_t)a | (uint64_t)b << (8 * (r - 4));
	} else {
		lo = (uint64_t)p[0] | (uint64_t)p[r / 2] << (8 * (r / 2)) |
		    (uint64_t)p[r - 1] << (8 * (r - 1));
	}
	*hi = h;
	return lo;
}

/*
 * The masks of the HAVE bytes at P (0 < HAVE <= 64; bits past HAVE are
 * 0), read where they are: with sixteen or more, in four steps of
 * sixteen, each moved back if need be so as to end at P + HAVE, never
 * after it (such a step classifies again bytes that an earlier one did;
 * their bits come out the same).  With fewer, BACK says that the sixteen
 * bytes before P + HAVE are readable all the same (the message has at
 * least sixteen): one step loads them and drops the bits of those before
 * P.  Otherwise the last few bytes are gathered into a register first.
 */
static inline __attribute__((always_inline)) void
wl_bytes_at(const unsigned char *p, size_t have, int back, struct wl_bytes *m)
{
	m->alpha = m->punct = m->blank = 0;
#if defined(__SSE2__)
	if (have >= 16) {
		/* always four steps, the later ones moved back to end at
		 * P + HAVE: no branch on the length, which varies from
		 * message to message */
		size_t end = have - 16;
		size_t second = end < 16 ? end : 16, third = end < 32 ? end : 32;
		wl_bytes16(p, 0, m);
		wl_bytes16(p + second, (unsigned)second, m);
		wl_bytes16(p + third, (unsigned)third, m);
		wl_bytes16(p + end, (unsigned)end, m);
	} else if (back) {
		unsigned a, c, b;
		wl_bytes16x(_mm_loadu_si128((const __m128i *)(const void *)
		    (p + have - 16)), &a, &c, &b);
		m->alpha = a >> (16 - have);
		m->punct = c >> (16 - have);
		m->blank = b >> (16 - have);
	} else {
		uint64_t hi, lo = wl_load_short(p, have, &hi);
		unsigned a, c, b;
		wl_bytes16x(_mm_set_epi64x((long long)hi, (long long)lo), &a,
		    &c, &b);
		m->alpha = a;
		m->punct = c;
		m->blank = b;
	}
#else
	(void)back;
	for (unsigned i = 0; i < have; i++) {
		unsigned c = p[i];
		m->alpha |= (uint64_t)((unsigned)((c | 0x20) - 'a') < 26) << i;
		m->punct |= (uint64_t)(c == ':' || c == '=') << i;
		m->blank |= (uint64_t)(c == ' ') << i;
	}
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

/* Bit 7 of each of the eight bytes of W that is an ASCII letter, without
 * a branch per byte: a byte is a letter when, with bit 5 set, it lies in
 * 'a'..'z'. */
static inline uint64_t
wl_letter_bits8(uint64_t w)
{
	const uint64_t hi = 0x8080808080808080ULL;
	uint64_t y = w | 0x2020202020202020ULL, low = y & ~hi;
	/* low + 0x1f reaches bit 7 from 'a' on, low + 0x05 from '{' on;
	 * neither carries into the next byte (low is at most 0x7f) */
	return ((low + 0x1f1f1f1f1f1f1f1fULL) &
	    ~(low + 0x0505050505050505ULL) & ~y) & hi;
}

/* How many of the eight bytes of W (byte 0 lowest) are ASCII letters
 * before the first that is not (8 if all are). */
static inline unsigned
wl_letters8(uint64_t w)
{
	uint64_t stop = ~wl_letter_bits8(w) & 0x8080808080808080ULL;
	return stop != 0 ? (unsigned)__builtin_ctzll(stop) / 8 : 8;
}

/* How many of the eight bytes of W (byte 0 lowest) are decimal digits
 * before the first that is not (8 if all are), with no branch per byte:
 * a byte is a digit when, its bits flipped by '0', it is below ten. */
static inline unsigned
wl_digits8(uint64_t w)
{
	const uint64_t hi = 0x8080808080808080ULL;
	uint64_t y = w ^ 0x3030303030303030ULL;
	/* (y & 0x7f) + 0x76 reaches bit 7 from ten on and carries into no
	 * other byte; a byte of y with bit 7 set is no digit either */
	uint64_t stop = (((y & ~hi) + 0x7676767676767676ULL) | y) & hi;
	return stop != 0 ? (unsigned)__builtin_ctzll(stop) / 8 : 8;
}

/* The end of the run from I (at most N) of the bytes COUNT8 counts at
 * the start of eight (wl_digits8, wl_letters8): eight bytes a step,
 * without a branch per byte (past N, wl_load8's zeros count as none). */
static inline __attribute__((always_inline)) size_t
wl_run8_end(const char *s, size_t n, size_t i, unsigned (*count8)(uint64_t))
{
	while (i < n) {
		unsigned k = count8(wl_load8(s, n, i));
		i += k;
		if (k < 8)
			break;
	}
	return i;
}

/* Index of the lowest set bit of a non-zero mask. */
static inline unsigned
wl_ctz(uint64_t x)
{
	return (unsigned)__builtin_ctzll(x);
}

/* The same as an index: on x86-64, one instruction.  (The builtin's int
 * costs a sign extension to index with, and GCC clears the destination
 * before each TZCNT, for a false dependency only some processors have;
 * a CPU without BMI1 runs TZCNT as BSF, the same for a non-zero mask.) */
static inline size_t
wl_ctz_index(uint64_t x)
{
#if defined(__x86_64__) && defined(__GNUC__)
	uint64_t r;
	__asm__("tzcnt %1, %0" : "=r"(r) : "r"(x) : "cc");
	return (size_t)r;
#else
	return (size_t)__builtin_ctzll(x);
#endif
}

#endif
