/*
 * template.c - message templates (see template.h).
 *
 * One scanner serves both the hash (every event, on the flood path: it
 * must be cheap) and the text (only when a key is new, or in a summary):
 * it reports plain runs and masks to an output that either hashes or
 * copies them, so the two can never disagree.
 */
#include <string.h>
#include "simd.h"
#include "memo.h"
#include "template.h"

struct out {
	uint64_t h;
	const char *lo, *hi;	/* the message: loads stay inside it */
	char *buf;		/* NULL: hash only */
	size_t len, cap;
	int values;		/* a digit's value decided (template.h) */
};

/*
 * The hash of the template is built from its pieces (plain runs and
 * masks) eight bytes at a time.  A template's pieces are always split the
 * same way (plain runs end only at masks), so equal templates hash
 * equally.
 */
#define MIX 0x9e3779b97f4a7c15ULL

static inline uint64_t
mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * MIX;
	return h ^ (h >> 29);
}

static inline uint64_t
load8(const char *p)
{
	uint64_t w;
	__builtin_memcpy(&w, p, 8);
	return w;
}

/*
 * The last N bytes (0 < N < 8) of a piece ending at P + N, as a word
 * holding exactly those bytes.  An eight-byte load is one instruction
 * where a short copy is a library call; it reads bytes around the piece
 * but inside the message, and shifts or masks them away.
 */
static inline uint64_t
tail_word(const struct out *o, const char *p, size_t n)
{
	unsigned drop = (unsigned)(8 - n) * 8;
	if ((size_t)(o->hi - p) >= 8)
		return load8(p) << drop >> drop;
	if ((size_t)(p - o->lo) + n >= 8)
		return load8(p + n - 8) >> drop;
	uint64_t w = 0;		/* a message shorter than eight bytes */
	for (size_t i = 0; i < n; i++)
		w |= (uint64_t)(unsigned char)p[i] << (i * 8);
	return w;
}

/* Text mode: append N bytes of P, cut to the room left. */
static inline void
copy_out(struct out *o, const char *p, size_t n)
{
	if (o->buf != NULL) {
		size_t k = o->cap - 1 - o->len < n ? o->cap - 1 - o->len : n;
		memcpy(o->buf + o->len, p, k);
		o->len += k;
	}
}

static inline void
put(struct out *o, const char *p, size_t n)
{
	uint64_t h = o->h;
	size_t i = 0;
	for (; i + 8 <= n; i += 8)
		h = mix(h, load8(p + i));
	if (i < n)
		h = mix(h, tail_word(o, p + i, n - i));
	o->h = mix(h, n);
	copy_out(o, p, n);
}

/* The masks.  In the hash each is one constant word of its own. */
enum mask { M_N, M_HEX, M_UUID, M_IP, M_STR, M_PATH, M_NONE };
static const char *const mask_text[] = { "<n>", "<hex>", "<uuid>", "<ip>",
	"<str>", "<path>" };
static const unsigned char mask_len[] = { 3, 5, 6, 4, 5, 6 };

static inline void
put_mask(struct out *o, enum mask m)
{
	o->h = mix(o->h, 0xfeedfacecafe0000ULL + (uint64_t)m);
	copy_out(o, mask_text[m], mask_len[m]);
}

/* Byte classes. */
enum { C_OTHER = 0, C_DIGIT = 1, C_HEXL = 2, C_ALPHA = 4, C_UNDER = 8,
	C_QUOTE = 16, C_SLASH = 32, C_COLON = 64, C_DOTDASH = 128 };
#define C_WORD (C_DIGIT | C_HEXL | C_ALPHA | C_UNDER)
#define C_PATHCH (C_WORD | C_SLASH | C_DOTDASH)

static unsigned char cls[256];

__attribute__((constructor)) static void
init_classes(void)
{
	for (int c = '0'; c <= '9'; c++)
		cls[c] = C_DIGIT;
	for (int c = 'a'; c <= 'z'; c++)
		cls[c] = cls[c - 32] = c <= 'f' ? C_HEXL : C_ALPHA;
	cls['_'] = C_UNDER;
	cls['"'] = cls['\''] = C_QUOTE;
	cls['/'] = C_SLASH;
	cls[':'] = C_COLON;
	cls['.'] = cls['-'] = C_DOTDASH;
}

static inline int
is_digit(unsigned char c)
{
	return cls[c] == C_DIGIT;
}

static inline int
is_hex(unsigned char c)
{
	return (cls[c] & (C_DIGIT | C_HEXL)) != 0;
}

static inline int
is_word(unsigned char c)
{
	return (cls[c] & C_WORD) != 0;
}

/* Length of the hex run at S (up to N). */
static size_t
hex_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n && is_hex(s[i]))
		i++;
	return i;
}

/* A UUID at S: 8-4-4-4-12 hex digits; returns 36 or 0. */
static size_t
uuid_at(const unsigned char *s, size_t n)
{
	static const unsigned char groups[] = { 8, 4, 4, 4, 12 };
	size_t i = 0;
	if (n < 36 || s[8] != '-')
		return 0;
	for (int g = 0; g < 5; g++) {
		if (hex_run(s + i, n - i) < groups[g])
			return 0;
		i += groups[g];
		if (g < 4 && s[i++] != '-')
			return 0;
	}
	return i < n && is_hex(s[i]) ? 0 : 36;
}

/* An IPv4 address (with an optional :port) at S; returns its length. */
static size_t
ipv4_at(const unsigned char *s, size_t n)
{
	size_t i = 0;
	for (int part = 0; part < 4; part++) {
		size_t d = 0;
		while (i < n && is_digit(s[i]) && d < 3) {
			i++;
			d++;
		}
		if (d == 0)
			return 0;
		if (part < 3) {
			if (i >= n || s[i] != '.')
				return 0;
			i++;
		}
	}
	if (i < n && is_digit(s[i]))
		return 0;
	if (i + 1 < n && s[i] == ':' && is_digit(s[i + 1]))
		for (i++; i < n && is_digit(s[i]); i++)
			;
	return i;
}

/* An IPv6 address at S: hex groups and at least two colons. */
static size_t
ipv6_at(const unsigned char *s, size_t n)
{
	size_t i = 0, colons = 0, groups = 0;
	while (i < n) {
		size_t h = hex_run(s + i, n - i);
		if (h > 4)
			return 0;
		if (h > 0)
			groups++;
		i += h;
		if (i < n && s[i] == ':') {
			colons++;
			i++;
		} else {
			break;
		}
	}
	if (colons < 2 || groups < 1 || (i < n && is_word(s[i])))
		return 0;
	return i;
}

/*
 * What the word-like token at S (at a word boundary) masks to, and its
 * length in *K; M_NONE when it is a plain word (skip *K bytes).  Sets
 * *VALUES when a digit's value decided: "0x" is not "1x", and a plain
 * word keeps its digits.
 */
static enum mask
token(const unsigned char *s, size_t n, size_t *k, int *values)
{
	size_t w = 0, digits = 0;
	int allhex = 1;

	while (w < n && is_word(s[w])) {
		digits += is_digit(s[w]);
		allhex &= is_hex(s[w]);
		w++;
	}
	if (is_hex(s[0]) && (*k = uuid_at(s, n)) != 0)
		return M_UUID;
	if (w <= 4 && w < n && (s[w] == ':' || (w == 0 && s[0] == ':')) &&
	    (*k = ipv6_at(s, n)) != 0)
		return M_IP;
	if (digits == 0) {
		*k = w;
		return M_NONE;
	}
	if (is_digit(s[0]) && w <= 3 && w < n && s[w] == '.' &&
	    (*k = ipv4_at(s, n)) != 0)
		return M_IP;
	if (w > 2 && is_digit(s[0]) && (s[1] | 0x20) == 'x')
		*values = 1;
	if (w > 2 && s[0] == '0' && (s[1] | 0x20) == 'x' &&
	    hex_run(s + 2, w - 2) == w - 2) {
		*k = w;
		return M_HEX;
	}
	if (allhex && w >= 8) {
		*k = w;
		return M_HEX;
	}
	if (!is_digit(s[0])) {
		*k = w;		/* a word with digits inside: ipv4, sha256 */
		*values = 1;
		return M_NONE;
	}
	size_t d = 0;
	while (d < n && is_digit(s[d]))
		d++;
	if (d + 1 < n && s[d] == '.' && is_digit(s[d + 1]))
		for (d++; d < n && is_digit(s[d]); d++)
			;
	*k = d;
	return M_N;
}

/*
 * The common case, before the general one: a short number standing alone
 * at J ("retry 3 of 5").  Returns its length when nothing that could make
 * token() read it otherwise follows (a word byte, '.', ':', '-') and it
 * is too short for <hex>; 0 otherwise.
 */
static inline size_t
lone_number(const unsigned char *s, size_t j, size_t len)
{
	if (j > 0 && is_word(s[j - 1]))
		return 0;
	size_t d = 1;
	while (j + d < len && is_digit(s[j + d]))
		d++;
	if (d >= 8 || (j + d < len && (cls[s[j + d]] & (C_PATHCH | C_COLON))))
		return 0;
	return d;
}

/*
 * The next byte at or after I that can matter: a digit, a quote, a slash
 * or a colon.  Everything else (letters, spaces, punctuation) only ever
 * extends a plain run, so it is skipped sixteen bytes at a time.
 */
static inline size_t
next_interesting(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
	while (n - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i m = wl_range16(v, '0', '9');
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('/')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);
		if (bits != 0)
			return i + (size_t)__builtin_ctz(bits);
		i += 16;
	}
#endif
	while (i < n && (cls[s[i]] & (C_DIGIT | C_QUOTE | C_SLASH |
	    C_COLON)) == 0)
		i++;
	return i;
}

/*
 * The scanner.  Tokens start at word boundaries; a word is looked at only
 * when it holds a digit or is followed by a colon (so a UUID whose first
 * group has no digit is masked from its second group on: "<hex>-<n>...").
 * I is always at a boundary or just after a masked token.
 */
static void
scan(const char *msg, size_t len, struct out *o)
{
	const unsigned char *s = (const unsigned char *)msg;
	size_t i = 0, run = 0, k, j;

	while ((j = next_interesting(s, i, len)) < len) {
		unsigned char c = cls[s[j]];
		enum mask mask = M_NONE;
		size_t at = j;
		if (c == C_DIGIT && (k = lone_number(s, j, len)) != 0) {
			mask = M_N;
		} else if (c == C_QUOTE) {
			const unsigned char *e = memchr(s + j + 1, s[j],
			    len - j - 1 < 512 ? len - j - 1 : 512);
			if (e != NULL) {
				k = (size_t)(e - (s + j)) + 1;
				mask = M_STR;
			}
		} else if (c == C_SLASH) {
			if ((j == 0 || !is_word(s[j - 1])) && j + 1 < len &&
			    (is_word(s[j + 1]) || s[j + 1] == '.')) {
				k = 1;
				while (j + k < len && (cls[s[j + k]] & C_PATHCH))
					k++;
				mask = M_PATH;
			}
		} else {
			/* A digit or a colon: back up to the start of the
			 * word it is in (or that ends at the colon). */
			size_t ws = j;
			while (ws > i && is_word(s[ws - 1]))
				ws--;
			if (ws == i && i > 0 && is_word(s[i - 1])) {
				/* The rest of a word whose start was a masked
				 * number ("12ab34"): plain. */
				if (c == C_DIGIT)
					o->values = 1;
				j++;
				while (c != C_COLON && j < len && is_word(s[j]))
					j++;
				i = j;
				continue;
			}
			at = ws;
			mask = token(s + ws, len - ws, &k, &o->values);
			if (mask == M_NONE) {
				/* A plain word (and its colon): go past it. */
				j = ws + k;
				if (j < len && s[j] == ':')
					j++;
				if (j <= at)
					j = at + 1;
				i = j;
				continue;
			}
		}
		if (mask == M_NONE) {
			i = j + 1;
			continue;
		}
		put(o, msg + run, at - run);
		put_mask(o, mask);
		i = at + k;
		run = i;
	}
	put(o, msg + run, len - run);
}

uint64_t
wl_template_hash(const char *msg, size_t len)
{
	struct out o = { .h = 0x243f6a8885a308d3ULL, .lo = msg,
	    .hi = msg + len };
	scan(msg, len, &o);
	return o.h != 0 ? o.h : 1;
}

uint64_t
wl_template_hash_memo_slow(const char *msg, size_t len,
    struct wl_memo *m)
{
	if (!wl_memo_for(m, msg, len))
		return wl_template_hash(msg, len);
	if (m->hit && m->slot->have_template)
		return m->slot->template_hash;
	struct out o = { .h = 0x243f6a8885a308d3ULL, .lo = msg,
	    .hi = msg + len };
	scan(msg, len, &o);
	uint64_t h = o.h != 0 ? o.h : 1;
	if (!o.values) {
		wl_memo_claim(m);
		m->slot->template_hash = h;
		m->slot->have_template = 1;
	}
	return h;
}

size_t
wl_template_text(const char *msg, size_t len, char *out, size_t cap)
{
	struct out o = { .h = 0x243f6a8885a308d3ULL, .lo = msg,
	    .hi = msg + len, .buf = out, .cap = cap };
	if (cap == 0)
		return 0;
	scan(msg, len, &o);
	out[o.len] = '\0';
	return o.len;
}
