/*
 * simd.h - byte classes of sixteen bytes at once (SSE2), for the scans
 * that look for the first byte of a class or mark every byte of one.
 *
 * Each test gives 0xff for a byte of the class and 0 for the others, so
 * that tests combine with _mm_or_si128 / _mm_and_si128 and end in one
 * _mm_movemask_epi8.  Without SSE2 this header declares nothing and its
 * callers take their byte loops.
 */
#ifndef WL_SIMD_H
#define WL_SIMD_H

#if defined(__SSE2__)
#include <emmintrin.h>

/* The bytes of X from LO to HI (LO <= HI, unsigned): moved down so that
 * the range starts at -128, one signed comparison tells them. */
static inline __m128i
wl_range16(__m128i x, unsigned char lo, unsigned char hi)
{
	return _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(128 - lo))),
	    _mm_set1_epi8((char)(hi - lo + 1 - 128)));
}

/* The ASCII letters of X: with bit 5 set, a letter is 'a' to 'z'. */
static inline __m128i
wl_alpha16(__m128i x)
{
	return wl_range16(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 'z');
}
#endif

#endif
