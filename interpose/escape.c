/*
 * escape.c - the byte escapers of the text and JSON formats.
 *
 * Messages are mostly long runs of printable ASCII, so both escapers are
 * built the same way: copy plain bytes sixteen at a time while looking
 * for the next byte that is not plain (put_plain), deal with that byte,
 * and go on.  Valid UTF-8 that needs no escaping is copied as it is.
 * The escapers never read past the length they are given: a message may
 * hold NUL bytes and is not terminated.
 */
#include <stdint.h>
#include "simd.h"
#include <string.h>
#include "escape.h"

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

static const char hex_upper[] = "0123456789ABCDEF";
static const char hex_lower[] = "0123456789abcdef";

/* "00" to "99": two digits per division halves the work of a number. */
const char wl_digits2[201] =
    "0001020304050607080910111213141516171819"
    "2021222324252627282930313233343536373839"
    "4041424344454647484950515253545556575859"
    "6061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* The number of decimal digits of V. */
static inline unsigned
ndigits(unsigned long long v)
{
	unsigned n = 1;

	for (;;) {
		if (v < 10)
			return n;
		if (v < 100)
			return n + 1;
		if (v < 1000)
			return n + 2;
		if (v < 10000)
			return n + 3;
		v /= 10000;
		n += 4;
	}
}

/* V in decimal, its N digits ending at END, two at a time; the
 * arithmetic stays in 32 bits once V fits (cheaper than 64). */
static inline void
put_digits(char *end, unsigned long long v)
{
	while (v > 0xffffffffULL) {
		end -= 2;
		memcpy(end, wl_digits2 + 2 * (v % 100), 2);
		v /= 100;
	}
	unsigned w = (unsigned)v;
	while (w >= 100) {
		end -= 2;
		memcpy(end, wl_digits2 + 2 * (w % 100), 2);
		w /= 100;
	}
	if (w >= 10)
		memcpy(end - 2, wl_digits2 + 2 * w, 2);
	else
		end[-1] = (char)('0' + w);
}

void
wl_out_udec(struct wl_out *o, unsigned long long v)
{
	unsigned n = ndigits(v);

	/* Straight into the output when it fits, else counted only. */
	if (o->len <= o->cap && n <= o->cap - o->len)
		put_digits(o->buf + o->len + n, v);
	o->len += n;
}

void
wl_out_sdec(struct wl_out *o, long long v)
{
	if (v < 0) {
		wl_out_putc(o, '-');
		/* Negate in unsigned arithmetic: -LLONG_MIN overflows. */
		wl_out_udec(o, 0ULL - (unsigned long long)v);
	} else
		wl_out_udec(o, (unsigned long long)v);
}

/*
 * Strict UTF-8 (Unicode table 3-7): the second byte's range depends on
 * the first, which is what rules out overlongs (C0, C1, E0 80-9F,
 * F0 80-8F), surrogates (ED A0-BF) and code points above U+10FFFF
 * (F4 90-BF, F5-FF).
 */
size_t
wl_utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (c < 0x80)
		return 1;
	if (c < 0xc2)
		return 0;
	if (c < 0xe0)
		len = 2;
	else if (c < 0xf0) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c < 0xf5) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/*
 * The high bit of each byte of the result is set where W holds a byte
 * below 0x20, at or above 0x7f, a backslash, or the byte Q (given once
 * per byte lane; pass a backslash again when quotes are plain).  The
 * borrows and carries of the word arithmetic can set bits above a real
 * hit, never below one, so the lowest set bit is exact.
 */
static inline uint64_t
special_mask(uint64_t w, uint64_t q)
{
	uint64_t bs = w ^ (ONES * '\\'), qq = w ^ q;

	return (((w - ONES * 0x20) & ~w) |
	    (w | (w + ONES)) |
	    ((bs - ONES) & ~bs) |
	    ((qq - ONES) & ~qq)) & HIGHS;
}

static inline int
is_special(unsigned char c, unsigned char q)
{
	return c < 0x20 || c >= 0x7f || c == '\\' || c == q;
}

#if defined(__SSE2__)
/*
 * One bit per byte of the sixteen in V: set for a special byte.  One
 * range test (0x20 to 0x7e) tells the printable bytes from the controls,
 * DEL and every byte >= 0x80 at once.
 */
static inline unsigned
special16(__m128i v, unsigned char q)
{
	__m128i p = wl_range16(v, 0x20, 0x7e);
	p = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')), p);
	if (q != '\\')
		p = _mm_andnot_si128(_mm_cmpeq_epi8(v,
		    _mm_set1_epi8((char)q)), p);
	/* The plain bytes were found; the special ones are the others. */
	return (unsigned)_mm_movemask_epi8(p) ^ 0xffffu;
}

static inline unsigned
special16_at(const unsigned char *p, unsigned char q)
{
	return special16(_mm_loadu_si128((const __m128i *)p), q);
}
#endif

/* The index of the first special byte of S at or after I, or N. */
static inline size_t
plain_run(const unsigned char *s, size_t i, size_t n, unsigned char q)
{
#if defined(__SSE2__)
	unsigned bits;

	while (n - i >= 16) {
		bits = special16_at(s + i, q);
		if (bits != 0)
			return i + (size_t)__builtin_ctz(bits);
		i += 16;
	}
	/* The tail: one load of the last sixteen bytes, overlapping what
	 * was already scanned, whose first bits are then dropped. */
	if (i < n && n >= 16) {
		bits = special16_at(s + n - 16, q) >> (i - (n - 16));
		return bits != 0 ? i + (size_t)__builtin_ctz(bits) : n;
	}
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t qw = ONES * q, w, m8;

	while (n - i >= 8) {
		/* An unaligned load that never reaches past n. */
		memcpy(&w, s + i, 8);
		m8 = special_mask(w, qw);
		if (m8 != 0)
			return i + (size_t)(__builtin_ctzll(m8) >> 3);
		i += 8;
	}
#endif
	/* The tail, or every byte on a big-endian machine (where the lowest
	 * set bit of the mask is not the first byte in memory). */
	while (i < n && !is_special(s[i], q))
		i++;
	return i;
}

/*
 * Append the plain bytes of S from I on and return the index of the
 * first special byte, or N.  When the output has room for all of S[I..N)
 * the run is scanned and copied in one pass: each block of sixteen (or
 * eight) bytes is stored as soon as it is loaded, before its mask is
 * looked at, so the bytes past a special one land in the output too,
 * beyond its length, where whatever comes next writes over them (and
 * never past the room that was checked).  A tail shorter than a block
 * is a block that overlaps bytes of the run already copied, or two
 * overlapping words: either way each byte stored is the source's own at
 * its own place.  Without that room, scan first and append what fits.
 */
static inline __attribute__((always_inline)) size_t
put_plain(struct wl_out *o, const unsigned char *s, size_t i, size_t n,
    unsigned char q)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (i < n && o->len <= o->cap && o->cap - o->len >= n - i) {
		char *d = o->buf + o->len;	/* where s[i] goes */
		size_t j = i;
		uint64_t w, w2, m8;
#if defined(__SSE2__)
		if (n - j >= 16) {
			const size_t last = n - 16;	/* the last block's start */
			do {
				__m128i v = _mm_loadu_si128((const __m128i *)
				    (s + j));
				unsigned bits = special16(v, q);
				_mm_storeu_si128((__m128i *)(d + (j - i)), v);
				if (bits != 0) {
					j += (size_t)__builtin_ctz(bits);
					goto done;
				}
				j += 16;
			} while (j <= last);
		}
		/* The tail, when the run so far is at least sixteen bytes:
		 * the last sixteen bytes of S, loaded and stored again over
		 * the bytes of this run already copied. */
		if (j < n && n - i >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)
			    (s + n - 16));
			unsigned bits = special16(v, q) >> (j - (n - 16));
			_mm_storeu_si128((__m128i *)(d + (n - 16 - i)), v);
			j = bits != 0 ? j + (size_t)__builtin_ctz(bits) : n;
			goto done;
		}
#else
		while (n - j >= 16) {
			memcpy(&w, s + j, 8);
			memcpy(d + (j - i), &w, 8);
			m8 = special_mask(w, ONES * q);
			if (m8 != 0) {
				j += (size_t)(__builtin_ctzll(m8) >> 3);
				goto done;
			}
			j += 8;
		}
#endif
		if (n - j >= 8) {
			memcpy(&w, s + j, 8);
			memcpy(&w2, s + n - 8, 8);
			memcpy(d + (j - i), &w, 8);
			m8 = special_mask(w, ONES * q);
			if (m8 != 0) {
				j += (size_t)(__builtin_ctzll(m8) >> 3);
				goto done;
			}
			memcpy(d + (n - 8 - i), &w2, 8);
			m8 = special_mask(w2, ONES * q);
			j = m8 != 0 ? n - 8 + (size_t)(__builtin_ctzll(m8) >> 3) :
			    n;
			goto done;
		}
		while (j < n && !is_special(s[j], q)) {
			d[j - i] = (char)s[j];
			j++;
		}
done:
		o->len += j - i;
		return j;
	}
#endif
	size_t j = plain_run(s, i, n, q);
	wl_out_put(o, s + i, j - i);
	return j;
}

static void
put_xhh(struct wl_out *o, unsigned char c)
{
	char e[4] = { '\\', 'x', hex_upper[c >> 4], hex_upper[c & 15] };

	wl_out_put(o, e, sizeof(e));
}

void
wl_escape_text(struct wl_out *o, const char *src, size_t n, int quote)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0, k;
	unsigned char c;

	for (;;) {
		/* Two copies of the scan, each with its quote byte fixed. */
		i = quote ? put_plain(o, s, i, n, '"') :
		    put_plain(o, s, i, n, '\\');
		if (i == n)
			return;
		c = s[i];
		if (c >= 0x80) {
			k = wl_utf8_len(s + i, n - i);
			/* C2 80-9F are the C1 controls: terminals act on
			 * CSI (U+009B) as on ESC [, so they are escaped. */
			if (k > 1 && !(c == 0xc2 && s[i + 1] < 0xa0)) {
				wl_out_put(o, s + i, k);
				i += k;
				continue;
			}
		}
		switch (c) {
		case '\\':
			WL_OUT_LIT(o, "\\\\");
			break;
		case '"':
			WL_OUT_LIT(o, "\\\"");
			break;
		case '\n':
			WL_OUT_LIT(o, "\\n");
			break;
		case '\t':
			WL_OUT_LIT(o, "\\t");
			break;
		case '\r':
			WL_OUT_LIT(o, "\\r");
			break;
		default:
			/* This byte alone.  For a C1 control the second byte
			 * is then a lone continuation, escaped in its turn. */
			put_xhh(o, c);
			break;
		}
		i++;
	}
}

void
wl_escape_json(struct wl_out *o, const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0, k;
	unsigned char c;

	for (;;) {
		i = put_plain(o, s, i, n, '"');
		if (i == n)
			return;
		c = s[i];
		k = 1;
		if (c >= 0x80) {
			k = wl_utf8_len(s + i, n - i);
			/* U+2028 and U+2029 are valid JSON but end a line in
			 * JavaScript and in some line-oriented readers. */
			if (k > 1 && !(k == 3 && c == 0xe2 &&
			    s[i + 1] == 0x80 && (s[i + 2] | 1) == 0xa9)) {
				wl_out_put(o, s + i, k);
				i += k;
				continue;
			}
		}
		switch (c) {
		case '\\':
			WL_OUT_LIT(o, "\\\\");
			break;
		case '"':
			WL_OUT_LIT(o, "\\\"");
			break;
		case '\n':
			WL_OUT_LIT(o, "\\n");
			break;
		case '\t':
			WL_OUT_LIT(o, "\\t");
			break;
		case '\r':
			WL_OUT_LIT(o, "\\r");
			break;
		case '\b':
			WL_OUT_LIT(o, "\\b");
			break;
		case '\f':
			WL_OUT_LIT(o, "\\f");
			break;
		case 0xe2:
			if (k == 3) {	/* U+2028 or U+2029 */
				wl_out_put(o, s[i + 2] == 0xa8 ?
				    "\\u2028" : "\\u2029", 6);
				break;
			}
			__attribute__((fallthrough));
		default:
			if (c >= 0x80) {
				/* One replacement per invalid byte: a reader
				 * can still count what was lost. */
				WL_OUT_LIT(o, "\\ufffd");
				k = 1;
			} else {
				char e[6] = { '\\', 'u', '0', '0',
				    hex_lower[c >> 4], hex_lower[c & 15] };
				wl_out_put(o, e, sizeof(e));
			}
			break;
		}
		i += k;
	}
}

int
wl_escape_is_bare(const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c <= ' ' || c >= 0x7f || c == '"' || c == '=' ||
		    c == '\\')
			return 0;
	}
	return 1;
}
