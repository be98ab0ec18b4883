/*
 * template.c - message templates (see template.h).
 *
 * One scanner serves both the hash (every event, on the flood path: it
 * must be cheap) and the text (only when a key is new, or in a summary):
 * it reports plain runs and masks to an output that either hashes or
 * copies them, so the two can never disagree.
 */
#include <string.h>
#include "template.h"

struct out {
	uint64_t h;
	char *buf;		/* NULL: hash only */
	size_t len, cap;
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

static inline void
put(struct out *o, const char *p, size_t n)
{
	uint64_t h = o->h, w;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		h = mix(h, w);
	}
	if (i < n) {
		w = 0;
		memcpy(&w, p + i, n - i);
		h = mix(h, w ^ ((uint64_t)(n - i) << 59));
	}
	o->h = mix(h, n);
	if (o->buf != NULL) {
		size_t k = o->cap - 1 - o->len < n ? o->cap - 1 - o->len : n;
		memcpy(o->buf + o->len, p, k);
		o->len += k;
	}
}

/* A mask ("<n>", "<path>"...: at most 7 bytes) as one piece. */
static inline void
put_mask(struct out *o, const char *mask)
{
	char m[8] = { 0 };
	size_t n = strlen(mask);
	memcpy(m, mask, n);
	put(o, m, n);
}

/* Byte classes. */
enum { C_OTHER = 0, C_DIGIT = 1, C_HEXL = 2, C_ALPHA = 4, C_UNDER = 8,
	C_QUOTE = 16, C_SLASH = 32, C_COLON = 64 };
#define C_WORD (C_DIGIT | C_HEXL | C_ALPHA | C_UNDER)

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
 * length in *K; NULL when it is a plain word (skip *K bytes).
 */
static const char *
token(const unsigned char *s, size_t n, size_t *k)
{
	size_t w = 0, digits = 0;
	int allhex = 1;

	while (w < n && is_word(s[w])) {
		digits += is_digit(s[w]);
		allhex &= is_hex(s[w]);
		w++;
	}
	if (is_hex(s[0]) && (*k = uuid_at(s, n)) != 0)
		return "<uuid>";
	if (w <= 4 && w < n && (s[w] == ':' || (w == 0 && s[0] == ':')) &&
	    (*k = ipv6_at(s, n)) != 0)
		return "<ip>";
	if (digits == 0) {
		*k = w;
		return NULL;
	}
	if (is_digit(s[0]) && w <= 3 && w < n && s[w] == '.' &&
	    (*k = ipv4_at(s, n)) != 0)
		return "<ip>";
	if (w > 2 && s[0] == '0' && (s[1] | 0x20) == 'x' &&
	    hex_run(s + 2, w - 2) == w - 2) {
		*k = w;
		return "<hex>";
	}
	if (allhex && w >= 8) {
		*k = w;
		return "<hex>";
	}
	if (!is_digit(s[0])) {
		*k = w;		/* a word with digits inside: ipv4, sha256 */
		return NULL;
	}
	size_t d = 0;
	while (d < n && is_digit(s[d]))
		d++;
	if (d + 1 < n && s[d] == '.' && is_digit(s[d + 1]))
		for (d++; d < n && is_digit(s[d]); d++)
			;
	*k = d;
	return "<n>";
}

static void
scan(const char *msg, size_t len, struct out *o)
{
	const unsigned char *s = (const unsigned char *)msg;
	size_t i = 0, run = 0, k;

	while (i < len) {
		unsigned char c = cls[s[i]];
		const char *mask = NULL;
		if (c == C_OTHER) {
			i++;
			continue;
		}
		if (c & (C_WORD | C_COLON)) {
			/* A token starts only at a word boundary; inside a
			 * word (after a masked number: "12ab") skip it. */
			if (i > 0 && is_word(s[i - 1])) {
				/* Inside a word: skip the rest of it.  A colon
				 * after a word only ends it ("retries:3"). */
				i++;
				while (c != C_COLON && i < len && is_word(s[i]))
					i++;
				continue;
			}
			mask = token(s + i, len - i, &k);
			if (mask == NULL) {
				i += k > 0 ? k : 1;
				continue;
			}
		} else if (c == C_QUOTE) {
			const unsigned char *e = memchr(s + i + 1, s[i],
			    len - i - 1 < 512 ? len - i - 1 : 512);
			if (e == NULL) {
				i++;
				continue;
			}
			k = (size_t)(e - (s + i)) + 1;
			mask = "<str>";
		} else {	/* C_SLASH */
			if ((i > 0 && is_word(s[i - 1])) || i + 1 >= len ||
			    !(is_word(s[i + 1]) || s[i + 1] == '.')) {
				i++;
				continue;
			}
			k = 1;
			while (i + k < len && (is_word(s[i + k]) ||
			    s[i + k] == '/' || s[i + k] == '.' ||
			    s[i + k] == '-'))
				k++;
			mask = "<path>";
		}
		put(o, msg + run, i - run);
		put_mask(o, mask);
		i += k;
		run = i;
	}
	put(o, msg + run, len - run);
}

uint64_t
wl_template_hash(const char *msg, size_t len)
{
	struct out o = { .h = 0x243f6a8885a308d3ULL };
	scan(msg, len, &o);
	return o.h != 0 ? o.h : 1;
}

size_t
wl_template_text(const char *msg, size_t len, char *out, size_t cap)
{
	struct out o = { .h = 0x243f6a8885a308d3ULL, .buf = out, .cap = cap };
	if (cap == 0)
		return 0;
	scan(msg, len, &o);
	out[o.len] = '\0';
	return o.len;
}
