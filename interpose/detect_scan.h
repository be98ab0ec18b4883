/*
 * detect_scan.h - private to the word scanner (detect_words.c) and its
 * vocabulary (detect_vocab.c): the state of one scan, and the helpers the
 * vocabulary uses to look around a word it recognised.
 */
#ifndef WL_DETECT_SCAN_H
#define WL_DETECT_SCAN_H

#include <stdatomic.h>
#include "detect.h"

/* 1 for an ASCII letter, 2 for a digit, 0 otherwise. */
extern const uint8_t wl_scan_ctype[256];

struct wl_scan {
	const char *s;
	size_t n;
	struct wl_words *w;
	size_t no_end;		/* the end of the "no" of no_pending */
	bool assertion;		/* "Assertion": a "failed" crashes */
	bool integrity;		/* "checksum", "signature" seen */
	bool no_pending;	/* "no X": a later "found" means X is absent */
	bool in_use;		/* "already in use" */
	bool listen;		/* "listen", "listening", "bind" */
	bool there_is;		/* opened "There is", "There are" */
	int pairs;		/* "key: value" fields after ',' or '[' */
	/* the block the scanner is in: its offset and its letters
	 * (detect_bytes.h), where the next word is found fastest */
	size_t base;
	uint64_t alpha;
};

static inline void
wl_scan_bump(uint8_t *c)
{
	if (*c < 250)
		(*c)++;
}

/* wl_scan_bump(C) when ADD, without a branch on ADD. */
static inline void
wl_scan_bump_if(uint8_t *c, bool add)
{
	*c = (uint8_t)(*c + ((*c < 250) & add));
}

/* A word of the message: [a, b), and its key (the first eight letters,
 * lower case, packed as the scanner packs them). */
struct wl_word {
	size_t a, b;
	uint64_t key;
};

/* Is [a, b) of S the lower-case literal LIT (any case)? */
bool wl_scan_eq(const char *s, size_t a, size_t b, const char *lit,
    size_t len);
/* The next word after index I, over blanks only, into *W; false if the
 * next thing is not a word. */
bool wl_scan_next(const struct wl_scan *sc, size_t i, struct wl_word *w);
/* May the word after B start with the lower-case letter C?  Not when a
 * blank follows B and a letter other than C (in either case) follows
 * that: the next word is there, and it is some other.  Two bytes, where
 * wl_scan_next() finds the word and packs it. */
static inline bool
wl_scan_may_be(const struct wl_scan *sc, size_t b, char c)
{
	if (b + 1 >= sc->n)
		return true;
	/* no branch for each test: which way they go varies */
	unsigned d = (unsigned char)sc->s[b + 1];
	return (sc->s[b] != ' ') | (wl_scan_ctype[d] != 1) |
	    ((d | 0x20) == (unsigned char)c);
}
/* Is the word after END the literal LIT? */
bool wl_scan_then(const struct wl_scan *sc, size_t end, const char *lit,
    size_t len, uint64_t key);

/* Is the word W (of the message S) the lower-case literal LIT of LEN
 * letters, whose key is KEY?  Mostly one integer comparison. */
static inline bool
wl_word_is(const char *s, const struct wl_word *w, const char *lit,
    size_t len, uint64_t key)
{
	return w->b - w->a == len && w->key == key &&
	    (len <= 8 || wl_scan_eq(s, w->a + 8, w->b, lit + 8, len - 8));
}
/* The key of the word before the one at A, if it has eight letters or
 * fewer; else, or if there is none, 0. */
uint64_t wl_scan_prev_key(const struct wl_scan *sc, size_t a);
/* Is "n't" (ASCII or U+2019) at B? */
bool wl_scan_nt(const struct wl_scan *sc, size_t b);
/* Is the word [a, b) part of an identifier, a path, an option, a key? */
bool wl_scan_embedded(const struct wl_scan *sc, size_t a, size_t b);
/* Is the word before the one at A the literal LIT, with no number
 * between them ("connection reset", not "connection 5 reset")? */
bool wl_scan_prev_is(const struct wl_scan *sc, size_t a, const char *lit,
    size_t len);
/* Is a "no X" pending for the word at A ("no such file found"), not
 * closed since by '.', ';' or '('?  Consumes it. */
bool wl_scan_take_no(struct wl_scan *sc, size_t a);
/* Is the word at A right after a number (NUMBER) or after "--" or ","? */
bool wl_scan_after(const struct wl_scan *sc, size_t a, bool number);
/* After "line" ending at B: " 1 column 9"? */
bool wl_scan_position(const struct wl_scan *sc, size_t b);
/* After "to" ending at B, "start X" where X is some other unit? */
bool wl_scan_starts_other(const struct wl_scan *sc, size_t b);
/* Does the message say there is none of the word [a, b) ("0 errors",
 * "no errors", "errors: none")?  A number read sets the words' values. */
bool wl_scan_negated(struct wl_scan *sc, size_t a, size_t b);
/* Count the word [a, b) as a problem (STRONG: unambiguous) or a warning,
 * unless the message says there is none of it. */
void wl_scan_err(struct wl_scan *sc, size_t a, size_t b, bool strong);
void wl_scan_warn(struct wl_scan *sc, size_t a, size_t b, bool strong);
/* What both count: the word [a, b) in the counter C, and in STRONG_C
 * too when STRONG, unless the message says there is none of it. */
static inline void
wl_scan_problem(struct wl_scan *sc, size_t a, size_t b, uint8_t *c,
    uint8_t *strong_c, bool strong)
{
	if (wl_scan_negated(sc, a, b))
		return;
	wl_scan_bump(c);
	wl_scan_bump_if(strong_c, strong);
}
/* The word after "not" (ending at END): "not found", "not a"... */
void wl_scan_after_not(struct wl_scan *sc, size_t end);

/* The keywords the scanner recognises (detect_vocab.c says what each
 * means). */
enum wl_kw {
	KW_NONE,
	/* problems and warnings, unless the message says there are none */
	KW_ERR, KW_ERR_STRONG, KW_WARN, KW_WARN_STRONG,
	/* words that count by themselves */
	KW_RECOVER, KW_SUCCESS, KW_LIFECYCLE, KW_DETAIL, KW_CRASH, KW_RETRY,
	KW_EXITS,
	/* words that need their neighbours */
	KW_INTEGRITY, KW_ABORTING, KW_ALREADY, KW_ASSERTION,
	KW_FULL_SOON, KW_AVAILABLE, KW_BUG, KW_BIND, KW_CANNOT, KW_CAN,
	KW_COULD, KW_CLEARED, KW_CLOCK, KW_CORE, KW_CHECK, KW_CLIENT,
	KW_CONNECTION, KW_DISCARD, KW_DEFAULT, KW_DOUBLE, KW_DOES, KW_DOESN,
	KW_EXITING, KW_EXPLANATION, KW_FAIL, KW_FALLING, KW_FUTURE,
	KW_FOUND, KW_IS, KW_ISN, KW_LISTEN, KW_LINE, KW_LOOP, KW_MAXIMUM,
	KW_MONOTONIC, KW_MEMORY, KW_MISMATCH, KW_NEITHER, KW_NAMED, KW_NOT,
	KW_NO, KW_OPTIONS, KW_OUT, KW_PARSED, KW_RETRY_IN, KW_RESET,
	KW_REFUSING, KW_SYNTAX, KW_SEGMENTATION, KW_STACK, KW_SHUTTING,
	KW_THERE, KW_TIMED, KW_TRY, KW_TOO, KW_USING,
	/* words that count inside an identifier or an option too (the
	 * last, so that one comparison tells them from the others) */
	KW_EXPLAIN, KW_RLIMIT, KW_ERRNO,
};

/*
 * The keyword table (detect_vocab.c says how it is filled).  A slot
 * holds a keyword's key and, in meta, its next five letters (bits 0-39),
 * its length (bits 48-55) and what it is (enum wl_kw, bits 56-63); an
 * empty slot has meta 0.  bits has one bit per top twelve bits of a
 * keyword's hash.  1024 slots for about 190 keywords: at 512 (37% full)
 * linear probing ran up to six slots for some ("listening", "retry"),
 * at 1024 at most four, 1.14 on average (16 KiB, filled once).
 */
#define WL_VOCAB_BITS 10
#define WL_VOCAB_SLOTS (1u << WL_VOCAB_BITS)
struct wl_vocab_tab {
	/* The scanner's first test of a word, before it packs it: by its
	 * first letter (its case too) and its last, a bit for each length
	 * (WL_VOCAB_LEN) that a keyword of those letters has (bits 0-15),
	 * and that an exception class name ("KeyError", "IOException",
	 * "DeprecationWarning") of those letters may have (bits 16-31).
	 * See WL_VOCAB_FL. */
	uint32_t first_last[('z' + 1) * 32];
	/* Its second test, for keywords: by its second and third letters
	 * (any case; a word of two letters has its second twice), a bit
	 * for each length that a keyword of those letters has.  See
	 * WL_VOCAB_SECOND. */
	uint16_t second[('z' + 1) * 32];
	uint64_t bits[64];
	struct {
		uint64_t key;
		uint64_t meta;
	} slot[WL_VOCAB_SLOTS];
};
extern struct wl_vocab_tab wl_vocab_tab;
/* The index in first_last of a word whose first letter is C0 and last CL
 * (ASCII letters): C0 with its case, CL without. */
#define WL_VOCAB_FL(c0, cl) \
	((size_t)(unsigned char)(c0) * 32 + ((unsigned char)(cl) & 31))
/* The index in second of a word whose second letter is C1 and third C2
 * (ASCII letters): C1 with its case, C2 without. */
#define WL_VOCAB_SECOND(c1, c2) WL_VOCAB_FL(c1, c2)
/* The bit of a word of LEN letters (at least one) in those tables: LEN
 * less one, and 15 for all of sixteen letters or more. */
static inline unsigned
wl_vocab_len(size_t len)
{
	return len - 1 < 15 ? (unsigned)(len - 1) : 15;
}
enum { WL_VOCAB_EMPTY, WL_VOCAB_FILLING, WL_VOCAB_READY };
extern atomic_uint wl_vocab_state;

/* The hash of a word of LEN letters with key KEY: its top WL_VOCAB_BITS
 * bits pick the slot, its top twelve the bit of wl_vocab_tab.bits. */
static inline uint64_t
wl_vocab_hash(uint64_t key, size_t len)
{
	return (key + len) * 0x9e3779b97f4a7c15ULL;
}

/* The K-th keyword of the vocabulary and what it is; false past the
 * last (for tests). */
bool wl_vocab_entry(size_t k, const char **word, enum wl_kw *kw)
    __attribute__((nonnull));

/* wl_vocab_lookup() before the table is filled. */
enum wl_kw wl_vocab_lookup_slow(uint64_t key, uint64_t tail, size_t len);

/* wl_vocab_lookup() once the table is filled (the caller saw
 * wl_vocab_state READY). */
static inline enum wl_kw
wl_vocab_probe(uint64_t key, uint64_t tail, size_t len)
{
	const struct wl_vocab_tab *t = &wl_vocab_tab;
	uint64_t x = wl_vocab_hash(key, len);
	if (!(t->bits[x >> 58] >> (x >> 52 & 63) & 1))
		return KW_NONE;	/* most words */
	uint64_t want = tail | (uint64_t)len << 48;
	for (size_t h = (size_t)(x >> (64 - WL_VOCAB_BITS));;
	    h = (h + 1) & (WL_VOCAB_SLOTS - 1)) {
		if (t->slot[h].key == key &&
		    (t->slot[h].meta & 0x00ffffffffffffffULL) == want)
			return (enum wl_kw)(t->slot[h].meta >> 56);
		if (t->slot[h].meta == 0)
			return KW_NONE;
	}
}

/* Which keyword is the word of LEN letters whose first eight, lower case,
 * are KEY (packed as the scanner packs them) and the next five TAIL
 * (likewise; 0 for a word of eight letters or fewer)?  KW_NONE if none. */
static inline enum wl_kw
wl_vocab_lookup(uint64_t key, uint64_t tail, size_t len)
{
	if (__builtin_expect(atomic_load_explicit(&wl_vocab_state,
	    memory_order_acquire) != WL_VOCAB_READY, 0))
		return wl_vocab_lookup_slow(key, tail, len);
	return wl_vocab_probe(key, tail, len);
}

/* The vocabulary: what keyword K, the word [a, b) with key KEY, says. */
void wl_vocab_word(struct wl_scan *sc, size_t a, size_t b, uint64_t key,
    enum wl_kw k);


#define WL_EQ(sc, a, b, lit) wl_scan_eq((sc)->s, (a), (b), lit, sizeof(lit) - 1)
#define WL_THEN(sc, end, lit) \
	wl_scan_then((sc), (end), lit, sizeof(lit) - 1, WL_K(lit))
#define WL_WORD_IS(w, lit) wl_word_is(sc->s, (w), lit, sizeof(lit) - 1, WL_K(lit))

#endif
