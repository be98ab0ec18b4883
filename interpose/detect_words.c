/*
 * detect_words.c - read a message word by word for the vocabulary of
 * problems, and of their absence.
 *
 * One pass over the message, 64 bytes at a time: a mask of the block's
 * letters (detect_bytes.h) gives every word (a run of ASCII letters), its
 * first and its last letter, by two count-trailing-zeros, without a
 * branch per byte.  Tables of the keywords' first and last letters, of
 * their second and third, and of their lengths turn away most words at
 * once, without a branch on the answer; one that could be a keyword is
 * packed into a 64-bit key by one load (its first eight letters, lower
 * case), so that recognising it is a hash and an integer comparison
 * (detect_vocab.c).  Only a word that is a keyword looks further, at the
 * bytes around it: at its neighbours ("could not", "no such", "failed to
 * start"), at whether it is part of something else, at whether the
 * message says there is none of it.  Whole words only: "referrer",
 * "terror", "failover" and "-Werror" are not "error"/"fail".
 *
 * A problem word does not count when the message says there is none of
 * it: "0 errors", "no errors", "non-error", "without errors",
 * "errors: none", "errors=0", "\"errors\": 0".  A word that is part of an
 * identifier, a path, a file name or an option ("error_count",
 * "/var/log/error.log", "--ignore-errors") is not a word of the message.
 */
#include "detect_bytes.h"
#include "detect_scan.h"

const uint8_t wl_scan_ctype[256] = {
	['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['0' ... '9'] = 2,
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

/* W as loaded from memory, read as little-endian: byte 0 lowest. */
static inline uint64_t
le64(uint64_t w)
{
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* The eight bytes at P, byte 0 lowest. */
static inline uint64_t
load_le64(const char *p)
{
	uint64_t w;
	__builtin_memcpy(&w, p, 8);
	return le64(w);
}

/* How many of the eight bytes of W, from the highest down, are ASCII
 * letters before the first that is not (8 if all are); as
 * wl_letters8(), from the other end. */
static inline unsigned
top_letters8(uint64_t w)
{
	uint64_t stop = ~wl_letter_bits8(w) & 0x8080808080808080ULL;
	/* without a branch on STOP: moved down a bit, with bit 0 set,
	 * it has 8 * (7 - k) + 1 zeros above the highest, for the
	 * highest in byte k, and 63 for none */
	return ((unsigned)__builtin_clzll(stop >> 1 | 1) + 1) / 8;
}

/* The key of a word of LEN (at least 1) letters whose first eight bytes
 * (or fewer, then zeros) are W (wl_load8): its first eight letters,
 * lower case, letter i in byte i, the rest zero. */
static inline uint64_t
pack(uint64_t w, size_t len)
{
	static const uint64_t keep[9] = { 0, 0xff, 0xffff, 0xffffff,
		0xffffffff, 0xffffffffffULL, 0xffffffffffffULL,
		0xffffffffffffffULL, ~0ULL };
	/* letters only: setting bit 5 makes each lower case */
	return (w | 0x2020202020202020ULL) & keep[len < 8 ? len : 8];
}

bool
wl_scan_next(const struct wl_scan *sc, size_t i, struct wl_word *w)
{
	const char *s = sc->s;
	size_t n = sc->n, b, r = i - sc->base;
	uint64_t x, m;

	if (r < 64 && (m = sc->alpha >> r) != 0) {
		/* within the scanner's block its mask of letters says where
		 * the next letter is (mostly one blank on, or none) and
		 * where its word ends; only blanks may come before it */
		size_t d = wl_ctz(m);
		if (wl_skip_sp(s, i + d, i) != i + d)
			return false;
		i += d;
		uint64_t rest = ~(m >> d);
		b = rest != 0 ? i + wl_ctz(rest) : sc->base + 64;
		if (b == sc->base + 64)
			b = wl_span(s, n, b, WL_C_ALPHA);
		x = wl_load8(s, n, i);
	} else {
		/* past the block, or no letter in the rest of it: the
		 * blanks one by one, then the first eight bytes say
		 * whether a word starts here and, unless all eight are
		 * letters, where it ends */
		i = wl_skip_sp(s, n, i);
		if (i >= n)
			return false;
		x = wl_load8(s, n, i);
		size_t l = wl_letters8(x);
		if (l == 0)
			return false;
		b = l == 8 ? wl_span(s, n, i + 8, WL_C_ALPHA) : i + l;
	}
	w->a = i;
	w->b = b;
	w->key = pack(x, b - i);
	return true;
}

bool
wl_scan_then(const struct wl_scan *sc, size_t end, const char *lit,
    size_t len, uint64_t key)
{
	struct wl_word w;
	return wl_scan_may_be(sc, end, lit[0]) && wl_scan_next(sc, end, &w) &&
	    wl_word_is(sc->s, &w, lit, len, key);
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

/* The key of the word of LEN letters at A (at least one), read where it
 * is: its first eight letters, lower case (pack()). */
static inline uint64_t
key_at(const char *s, size_t n, size_t a, size_t len)
{
	return pack(wl_load8(s, n, a), len);
}

/* The word before the end J (a letter before J, or none): its start, or J
 * when there is none. */
static size_t
word_start(const char *s, size_t j)
{
	while (j > 0 && ctype[(unsigned char)s[j - 1]] == 1)
		j--;
	return j;
}

uint64_t
wl_scan_prev_key(const struct wl_scan *sc, size_t a)
{
	const char *s = sc->s;
	size_t j = a;
	while (j > 0 && ctype[(unsigned char)s[j - 1]] != 1)
		j--;
	size_t pa = word_start(s, j);
	return j > pa && j - pa <= 8 ? key_at(s, sc->n, pa, j - pa) : 0;
}

/* Is the word that ends at J (0 < J; its last letter, if any, at J - 1)
 * "no", "without", "non", "zero" or "never", a word of seven letters at
 * most?  The eight bytes before J at once, where the message has eight:
 * the letters at their top are the word, the byte before it no letter.
 * No branch on the bytes, which say yes or no in no order a predictor
 * learns. */
static bool
negating_word(const char *s, size_t n, size_t j)
{
	size_t pa;
	uint64_t x;
	if (j >= 8) {
		x = load_le64(s + j - 8);
	} else if (n >= 8) {
		/* the bytes before the message are zeros, no letters */
		x = load_le64(s) << (8 * (8 - j));
	} else {
		pa = j;
		while (pa > 0 && j - pa < 8 &&
		    ctype[(unsigned char)s[pa - 1]] == 1)
			pa--;
		if (j - pa > 7 || (pa > 0 && ctype[(unsigned char)s[pa - 1]] ==
		    1) || pa == j)
			return false;
		x = key_at(s, n, pa, j - pa) << (8 * (8 - (j - pa)));
	}
	/* a word of eight letters (or more) keeps all eight, and is none
	 * of them; none (LEN 0) packs to 0, none either; two shifts of
	 * at most 32, where one of 64 is undefined */
	size_t len = top_letters8(x);
	unsigned sh = 32 - 4 * (unsigned)len;
	uint64_t p = pack(x >> sh >> sh, len);
	return (p == WL_K("no")) | (p == WL_K("without")) |
	    (p == WL_K("non")) | (p == WL_K("zero")) | (p == WL_K("never"));
}

/* What the byte before a problem word (and the blanks before it) says
 * (wl_scan_negated()): NEG_DIGIT, a number may be 0 ("0 errors");
 * NEG_WORD, a word that may say no ("no errors", "non-error") may end
 * there, or '-' join one.  Most bytes say neither. */
enum { NEG_DIGIT = 1, NEG_WORD = 2 };
static const uint8_t neg_before[256] = {
	['0' ... '9'] = NEG_DIGIT, ['-'] = NEG_WORD,
	['o'] = NEG_WORD, ['n'] = NEG_WORD, ['t'] = NEG_WORD, ['r'] = NEG_WORD,
	['O'] = NEG_WORD, ['N'] = NEG_WORD, ['T'] = NEG_WORD, ['R'] = NEG_WORD,
};

/* The blanks before index J of S skipped: the index of the first of
 * them (J if none).  Mostly one or none, skipped without a branch. */
static inline size_t
blanks_before(const char *s, size_t j)
{
	/* at J = 0, s[0] itself: a blank only if the loop's answer, 0,
	 * is J's anyway */
	j -= wl_space((unsigned char)s[j - (j > 0)]) & (j > 0);
	while (j > 0 && wl_space((unsigned char)s[j - 1]))
		j--;
	return j;
}

/* The blanks from index I of S (of N bytes) skipped: the index of the
 * first byte after them (N at most).  Mostly one or none, skipped
 * without a branch. */
static inline size_t
blanks_after(const char *s, size_t n, size_t i)
{
	i += (i < n) & wl_space((unsigned char)s[i - (i == n)]);
	return wl_skip_sp(s, n, i);
}

/* Does what comes before the word at A say there is none of it ("0
 * errors", "no errors", "non-error", "without errors")?  A digit right
 * before it is read for its value. */
static bool
negated_before(struct wl_scan *sc, size_t a)
{
	const char *s = sc->s;
	size_t j = blanks_before(s, a);
	/* at the message's start, s[0]: its answer is dropped */
	unsigned before = neg_before[(unsigned char)s[j - (j > 0)]] &
	    -(unsigned)(j > 0);
	if (before == NEG_DIGIT) {
		/* "0 errors" (not "10", not "0.5"): only blanks between */
		sc->w->values = 1;
		return s[j - 1] == '0' && (j == 1 ||
		    !wl_digit((unsigned char)s[j - 2]));
	}
	/* "no errors", "without errors", "non-error", "zero errors": the
	 * word before, with only blanks and '-' between (a word that ends
	 * in 'o', 'n', 't' or 'r', of seven letters at most); looked at
	 * whatever BEFORE says, and its answer dropped unless it says a
	 * word may end there */
	while (j > 0 && s[j - 1] == '-')
		j = blanks_before(s, j - 1);
	return j > 0 && (before == NEG_WORD) & negating_word(s, sc->n, j);
}

/* Does what comes after the word ending at B say there is none of it
 * ("errors: none", "errors=0", "\"errors\": 0")?  A number read sets
 * the words' values. */
static bool
negated_after(struct wl_scan *sc, size_t b)
{
	const char *s = sc->s;
	size_t n = sc->n;
	size_t i = b + ((b < n) & (s[b - (b == n)] == '"'));
	/* mostly a blank and the next word, or a '.' or a ',': no value */
	i = blanks_after(s, n, i);
	if (i >= n || (s[i] != ':' && s[i] != '='))
		return false;
	i = wl_skip_sp(s, n, i + 1);
	if (i < n && s[i] == '"')
		i++;
	if (i < n && wl_digit((unsigned char)s[i])) {
		sc->w->values = 1;
		if (s[i] == '0')
			return !number_goes_on(s, n, i + 1);
	}
	return i + 4 <= n && (WL_IPFX(s + i, n - i, "none") ||
	    WL_IPFX(s + i, n - i, "null") || WL_IPFX(s + i, n - i, "false"));
}

/* Does the message say there is none of the word [a, b)? */
bool
wl_scan_negated(struct wl_scan *sc, size_t a, size_t b)
{
	return negated_before(sc, a) || negated_after(sc, b);
}

bool
wl_scan_prev_is(const struct wl_scan *sc, size_t a, const char *lit,
    size_t len)
{
	const char *s = sc->s;
	size_t j = a;
	/* a number between the two words breaks the phrase */
	for (; j > 0 && ctype[(unsigned char)s[j - 1]] != 1; j--)
		if (ctype[(unsigned char)s[j - 1]] == 2)
			return false;
	return j > 0 && wl_scan_eq(s, word_start(s, j), j, lit, len);
}

bool
wl_scan_take_no(struct wl_scan *sc, size_t a)
{
	if (!sc->no_pending)
		return false;
	sc->no_pending = false;
	/* the sentence or the clause of the "no" ended before this word */
	for (size_t i = sc->no_end; i < a; i++)
		if (sc->s[i] == '.' || sc->s[i] == ';' || sc->s[i] == '(')
			return false;
	return true;
}

/* What a byte next to a word says of it (wl_scan_embedded()): EMB_BEFORE,
 * right before it, that the word is part of something else; EMB_AFTER,
 * right after it, the same; EMB_JOIN, right after it, the same if a
 * letter or a digit follows. */
enum { EMB_BEFORE = 1, EMB_AFTER = 2, EMB_JOIN = 4 };
static const uint8_t embed[256] = {
	['0' ... '9'] = EMB_BEFORE | EMB_AFTER, ['_'] = EMB_BEFORE | EMB_AFTER,
	['/'] = EMB_BEFORE | EMB_JOIN, ['.'] = EMB_BEFORE | EMB_JOIN,
	['-'] = EMB_BEFORE | EMB_JOIN, ['\\'] = EMB_BEFORE, ['$'] = EMB_BEFORE,
	['%'] = EMB_BEFORE, ['='] = EMB_AFTER, ['('] = EMB_AFTER,
};

bool
wl_scan_embedded(const struct wl_scan *sc, size_t a, size_t b)
{
	const unsigned char *s = (const unsigned char *)sc->s;
	size_t n = sc->n;

	/* the bytes before and after the word, looked up without a branch
	 * each: at the message's start or end, a letter of the word
	 * itself, which says nothing */
	unsigned p = embed[s[a - (a > 0)]] & EMB_BEFORE;
	unsigned c = embed[s[b - (b == n)]] & (EMB_AFTER | EMB_JOIN);
	if ((p | c) == 0)
		return false;	/* most words */
	if (p | (c & EMB_AFTER))
		return true;
	/* "error.log", "error-prone", "errors/": a '.', '-' or '/' that
	 * joins it to more */
	return b + 1 < n && ctype[s[b + 1]] != 0;
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
	struct wl_word w;
	if (!wl_scan_next(sc, to_end, &w))	/* "start" */
		return false;
	size_t i = wl_skip_sp(sc->s, sc->n, w.b), j = i;
	while (j < sc->n && sc->s[j] != ' ' && sc->s[j] != '"')
		j++;
	return j > i && __builtin_memchr(sc->s + i, '.', j - i) != NULL &&
	    sc->s[j - 1] != '.';
}

void
wl_scan_err(struct wl_scan *sc, size_t a, size_t b, bool strong)
{
	wl_scan_problem(sc, a, b, &sc->w->err, &sc->w->err_strong,
	    strong || sc->integrity);
}

void
wl_scan_warn(struct wl_scan *sc, size_t a, size_t b, bool strong)
{
	wl_scan_problem(sc, a, b, &sc->w->warn, &sc->w->warn_strong, strong);
}

void
wl_scan_after_not(struct wl_scan *sc, size_t end)
{
	struct wl_word nw;
	if (!wl_scan_next(sc, end, &nw))
		return;
#define AFTER(lit) WL_WORD_IS(&nw, lit)
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

/* The ':' at E, followed by a blank: does it end a "key: " field opened
 * by ',' or a bracket ("term: 0, commit: 0", "[pid: 3]")?  ALPHA is the
 * mask of the letters of the block at BASE, which holds E. */
static bool
field_colon(const char *s, size_t e, size_t base, uint64_t alpha)
{
	/* the letters right before E at once, on the mask: K is one past
	 * the last byte before them that is no letter (or BASE) */
	uint64_t other = ~alpha & (((uint64_t)1 << (e - base)) - 1);
	size_t k = other != 0 ? base + 64 - (size_t)__builtin_clzll(other) :
	    base;
	while (k > 0 && (ctype[(unsigned char)s[k - 1]] == 1 ||
	    s[k - 1] == '_' || s[k - 1] == '-'))
		k--;
	if (k == e)
		return false;
	while (k > 0 && wl_space((unsigned char)s[k - 1]))
		k--;
	if (k == 0)
		return false;
	char c = s[k - 1];
	return c == ',' || c == '[' || c == '(' || c == '{';
}

/* Is the word [a, b) (more than seven letters, the first a capital) an
 * exception or warning class name: KeyError, IOException,
 * DeprecationWarning?  Counts it if so. */
static bool
class_name(struct wl_scan *sc, size_t a, size_t b)
{
	const char *s = sc->s;
	struct wl_words *w = sc->w;

	if (__builtin_memcmp(s + b - 5, "Error", 5) == 0 ||
	    (b - a > 9 && __builtin_memcmp(s + b - 9, "Exception", 9) == 0)) {
		wl_scan_bump(&w->err), wl_scan_bump(&w->err_strong);
		return true;
	}
	if (__builtin_memcmp(s + b - 7, "Warning", 7) == 0) {
		wl_scan_bump(&w->warn);
		return true;
	}
	return false;
}

/*
 * The ':' and '=' of the block at BASE (mask MARKS: at least those of
 * them that a blank follows): settings shown ("name = default"), and
 * "key: value" fields, of which three make a state dump ("term: 0,
 * commit: 0, applied: 0").
 */
static void
punctuation(struct wl_scan *sc, size_t base, uint64_t marks, uint64_t alpha)
{
	const char *s = sc->s;
	size_t n = sc->n;

	for (; marks != 0; marks &= marks - 1) {
		size_t i = base + wl_ctz(marks);
		/* both want a blank after the mark, which a time of day
		 * ("12:30:00") and a "key=value" have not: that first */
		if (i + 1 >= n || s[i + 1] != ' ')
			continue;
		if (s[i] == '=') {
			/* "name = default" near the start: a setting shown */
			if (i >= 1 && i < 48 && s[i - 1] == ' ' &&
			    assignment(s, n))
				wl_scan_bump(&sc->w->detail);
		} else if (sc->pairs < 3 && field_colon(s, i, base, alpha) &&
		    ++sc->pairs == 3) {
			wl_scan_bump(&sc->w->detail);
		}
	}
}

/* The eight bytes of S from I (I <= N; 8 <= N), byte I lowest, zeros
 * from N on (all zeros at N): one load, moved back to end at N if need
 * be, and no branch on where I is. */
static inline uint64_t
load8_in(const char *s, size_t n, size_t i)
{
	size_t o = i + 8 <= n ? i : n - 8;
	/* I - O bytes off, in two shifts of at most 32 (at N, 64 in all,
	 * which one shift may not be) */
	unsigned sh = 4 * (unsigned)(i - o);
	return load_le64(s + o) >> sh >> sh;
}

/* The keyword the word [a, b) (of two to thirteen letters) is, if any,
 * and what it says.  READY: look it up in the table; else in the list. */
static inline __attribute__((always_inline)) void
keyword(struct wl_scan *sc, size_t a, size_t b, bool ready)
{
	const struct wl_vocab_tab *t = &wl_vocab_tab;
	const char *s = sc->s;
	size_t len = b - a, n = sc->n;
	uint64_t key, tail;
	if (__builtin_expect(n >= 8, 1)) {
		key = pack(load8_in(s, n, a), len);
		/* past the eighth letter, the word's end or further on:
		 * packed to nothing when the word has eight letters or
		 * fewer */
		size_t m = a + 8 < b ? a + 8 : b;
		tail = pack(load8_in(s, n, m), b - m);
	} else {
		key = key_at(s, n, a, len);
		tail = len > 8 ? key_at(s, n, a + 8, len - 8) : 0;
	}
	enum wl_kw k = KW_NONE;
	if (!ready) {
		k = wl_vocab_lookup_slow(key, tail, len);
	} else {
		uint64_t want = tail | (uint64_t)len << 48;
		for (size_t h = (size_t)(wl_vocab_hash(key, len) >>
		    (64 - WL_VOCAB_BITS));; h = (h + 1) & (WL_VOCAB_SLOTS - 1)) {
			if (t->slot[h].key == key &&
			    (t->slot[h].meta & 0x00ffffffffffffffULL) == want) {
				k = (enum wl_kw)(t->slot[h].meta >> 56);
				break;
			}
			if (t->slot[h].meta == 0)
				break;
		}
	}
	if (k != KW_NONE)
		wl_vocab_word(sc, a, b, key, k);
}

/* A word of more than seven letters, the first a capital: an exception
 * class name, or else maybe a keyword. */
static __attribute__((noinline)) void
long_word(struct wl_scan *sc, size_t a, size_t b, bool ready)
{
	if (!class_name(sc, a, b) && b - a <= 13)
		keyword(sc, a, b, ready);
}

/* The word [a, b) passed the scanner's first test (or the table is not
 * filled yet, READY false): is it a class name, or a keyword, and what
 * does it say? */
static inline __attribute__((always_inline)) void
word(struct wl_scan *sc, size_t a, size_t b, bool ready)
{
	size_t len = b - a;
	if (len > 7 && wl_upper((unsigned char)sc->s[a]))
		long_word(sc, a, b, ready);
	else if (len - 2 <= 13 - 2)
		keyword(sc, a, b, ready);
}

/* Does the word [a, b) of S pass the scanner's first test, that of its
 * first and last letters and its length: could it be a keyword or a
 * class name? */
static inline bool
may_be_word(const char *s, size_t a, size_t b)
{
	uint32_t f = wl_vocab_tab.first_last[WL_VOCAB_FL(s[a], s[b - 1])];
	return ((f | f >> 16) >> wl_vocab_len(b - a)) & 1;
}

/* The words of a block at P that could be keywords (their first and last
 * letters and their length, then their second and third letters, say
 * so) or class names (their first and last letters and their length),
 * into CAND in order, and their number: each as the offsets of its first
 * letter (bits 0-7) and its last (bits 8-14), and whether it could be a
 * class name (bit 15).  ST and EN mark the first and the last letters of
 * the words to look at (none of one letter), in pairs.  Without a branch
 * on any answer: three words in four are turned away, in no order that
 * a predictor learns. */
static inline unsigned
candidates(const unsigned char *p, uint64_t st, uint64_t en, uint16_t *cand)
{
	const struct wl_vocab_tab *t = &wl_vocab_tab;
	unsigned k = 0;
	for (; st != 0; st &= st - 1, en &= en - 1) {
		size_t o = wl_ctz_index(st), e = wl_ctz_index(en);
		size_t o2 = o + 2 < e ? o + 2 : e;
		unsigned l = wl_vocab_len(e - o + 1);
		uint32_t f = t->first_last[WL_VOCAB_FL(p[o], p[e])];
		uint32_t g = t->second[WL_VOCAB_SECOND(p[o + 1], p[o2])];
		cand[k] = (uint16_t)(o | e << 8 | (f >> 16 >> l & 1) << 15);
		k += ((f & g) | f >> 16) >> l & 1;
	}
	return k;
}

/* The words of the block at BASE (masks M) that could be keywords or
 * class names, and what they say (READY: the table is filled; else every
 * word is looked up in the list).  ST and EN mark the first and the last
 * letters of the words, in pairs. */
static inline __attribute__((always_inline)) void
block_words(struct wl_scan *sc, size_t base, uint64_t st, uint64_t en,
    bool ready)
{
	const unsigned char *p = (const unsigned char *)sc->s + base;

	/* a word of one letter is nothing */
	uint64_t one = st & en;
	st ^= one;
	en ^= one;
	if (!ready) {
		for (; st != 0; st &= st - 1, en &= en - 1)
			word(sc, base + wl_ctz(st), base + wl_ctz(en) + 1,
			    false);
		return;
	}
	/* the candidates are listed, then visited (a block holds at most
	 * 32 words) */
	uint16_t cand[32];
	unsigned k = candidates(p, st, en, cand);
	for (unsigned j = 0; j < k; j++) {
		size_t a = base + (cand[j] & 63);
		size_t b = base + (cand[j] >> 8 & 63) + 1;
		if (cand[j] >> 15)
			long_word(sc, a, b, true);
		else
			keyword(sc, a, b, true);
	}
}

/* The words of the message, block by block: READY is a constant, so that
 * the common case (the table filled) has its own loop.  A block ends
 * before a word that reaches its end and goes on past it: the next block
 * begins with that word (and a block within a word of 64 letters or more
 * takes the whole word, which is no keyword, apart). */
static inline __attribute__((always_inline)) void
scan_blocks(struct wl_scan *sc, bool ready)
{
	const char *s = sc->s;
	size_t n = sc->n;

	for (size_t base = 0; base < n;) {
		const unsigned char *p = (const unsigned char *)s + base;
		struct wl_bytes m;
		wl_bytes_at(p, n - base < 64 ? n - base : 64, n >= 16, &m);
		/* the first and the last letters of the words (the bits
		 * shifted in are 0) */
		uint64_t st = m.alpha & ~(m.alpha << 1);
		uint64_t en = m.alpha & ~(m.alpha >> 1);
		/* the last word, if it goes on past the block, is left to
		 * the next: where it begins, the block ends (no ':' or '='
		 * is in that word); without a branch on it */
		size_t on = (m.alpha >> 63) & (n - base > 64);
		size_t last = 63 - (size_t)__builtin_clzll(st | 1);
		/* ON (0 or 1) as masks: GCC made a branch of "on ? :" */
		size_t len = 64 ^ ((64 ^ last) & -on);
		if (__builtin_expect(len == 0, 0)) {
			size_t b = wl_span(s, n, base + 64, WL_C_ALPHA);
			sc->base = base;
			sc->alpha = m.alpha;
			if (!ready || may_be_word(s, base, b))
				word(sc, base, b, ready);
			base = b;
			continue;
		}
		uint64_t keep = ((uint64_t)1 << last) - 1;
		keep |= on - 1;
		/* the marks followed by a blank (or by the next block,
		 * whose first byte the masks do not show): both a setting
		 * and a field want one, a time of day and a "key=value"
		 * have none, and most lines then have no mark at all */
		uint64_t marks = m.punct & (m.blank >> 1 | (uint64_t)1 << 63);
		if (marks != 0)
			punctuation(sc, base, marks, m.alpha);
		sc->base = base;
		sc->alpha = m.alpha;
		block_words(sc, base, st & keep, en & keep, ready);
		base += len;
	}
}

/*
 * The words are found 64 bytes at a time, on masks of the letters that
 * begin and end a word.  Only the words are visited, and most of them
 * cost a few instructions: tables say, by a word's first and last
 * letters, its second and third and its length, whether it could be a
 * keyword or a class name; only a word that could is packed, hashed and
 * looked up.  What the
 * vocabulary needs to know of the bytes around a word (a "0" before it,
 * the word before, a '.' since a "no") it looks up where it is needed.
 */
void
wl_words_scan(const char *s, size_t n, struct wl_words *w)
{
	struct wl_scan sc = { .s = s, .n = n, .w = w };

	__builtin_memset(w, 0, sizeof(*w));
	/* A failed login is worth noticing, not an error of the server. */
	size_t k = wl_skip_sp(s, n, 0);
	if (k < n && (s[k] == 'I' || s[k] == 'F'))
		w->audit = WL_PFX(s + k, n - k, "Invalid user ") ||
		    WL_PFX(s + k, n - k, "Illegal user ") ||
		    WL_PFX(s + k, n - k, "Failed password for ");
	/* until the table is filled (the first lines of a process, or a
	 * signal handler that interrupted the filling), every word that
	 * could be a keyword is looked up in the list */
	if (atomic_load_explicit(&wl_vocab_state, memory_order_acquire) ==
	    WL_VOCAB_READY)
		scan_blocks(&sc, true);
	else
		scan_blocks(&sc, false);
	if (sc.in_use && sc.listen)
		wl_scan_bump(&w->start_fail);
	if (sc.integrity && w->err_strong)
		wl_scan_bump(&w->integrity);
}
