/*
 * detect_scan.h - private to the word scanner (detect_words.c) and its
 * vocabulary (detect_vocab.c): the state of one scan, and the helpers the
 * vocabulary uses to look around a word it recognised.
 */
#ifndef WL_DETECT_SCAN_H
#define WL_DETECT_SCAN_H

#include "detect.h"

/* 1 for an ASCII letter, 2 for a digit, 0 otherwise. */
extern const uint8_t wl_scan_ctype[256];

struct wl_scan {
	const char *s;
	size_t n;
	struct wl_words *w;
	size_t zero_end;	/* end of the last "0" token, or 0 */
	size_t prev_a, prev_b;	/* the word before (prev_b 0: none) */
	uint64_t prev_key;
	bool assertion;		/* "Assertion": a "failed" crashes */
	bool integrity;		/* "checksum", "signature" seen */
	bool no_pending;	/* "no X": a later "found" means X is absent */
	bool in_use;		/* "already in use" */
	bool listen;		/* "listen", "listening", "bind" */
	bool there_is;		/* opened "There is", "There are" */
	int pairs;		/* "key: value" fields after ',' or '[' */
};

static inline void
wl_scan_bump(uint8_t *c)
{
	if (*c < 250)
		(*c)++;
}

/* Is [a, b) of S the lower-case literal LIT (any case)? */
bool wl_scan_eq(const char *s, size_t a, size_t b, const char *lit,
    size_t len);
/* The next word after index I, over blanks only: [*a, *b); false if the
 * next thing is not a word. */
bool wl_scan_next(const struct wl_scan *sc, size_t i, size_t *a, size_t *b);
/* Is the word after END the literal LIT? */
bool wl_scan_then(const struct wl_scan *sc, size_t end, const char *lit,
    size_t len);
/* Is "n't" (ASCII or U+2019) at B? */
bool wl_scan_nt(const struct wl_scan *sc, size_t b);
/* Is the word [a, b) part of an identifier, a path, an option, a key? */
bool wl_scan_embedded(const struct wl_scan *sc, size_t a, size_t b);
/* Is the word at A right after a number (NUMBER) or after "--" or ","? */
bool wl_scan_after(const struct wl_scan *sc, size_t a, bool number);
/* After "line" ending at B: " 1 column 9"? */
bool wl_scan_position(const struct wl_scan *sc, size_t b);
/* After "to" ending at B, "start X" where X is some other unit? */
bool wl_scan_starts_other(const struct wl_scan *sc, size_t b);
/* Count the word [a, b) as a problem (STRONG: unambiguous) or a warning,
 * unless the message says there is none of it. */
void wl_scan_err(struct wl_scan *sc, size_t a, size_t b, bool strong);
void wl_scan_warn(struct wl_scan *sc, size_t a, size_t b, bool strong);
/* The word after "not" (ending at END): "not found", "not a"... */
void wl_scan_after_not(struct wl_scan *sc, size_t end);

/* The keywords the scanner recognises (detect_vocab.c says what each
 * means). */
enum wl_kw {
	KW_NONE, KW_ERR, KW_ERR_STRONG, KW_WARN, KW_WARN_STRONG, KW_RECOVER,
	KW_SUCCESS, KW_LIFECYCLE, KW_DETAIL, KW_CRASH, KW_RETRY, KW_INTEGRITY,
	KW_EXITS,
	/* words that need their neighbours */
	KW_ABORTING, KW_ALREADY, KW_RLIMIT, KW_ERRNO, KW_ASSERTION,
	KW_FULL_SOON, KW_AVAILABLE, KW_BUG, KW_BIND, KW_CANNOT, KW_CAN,
	KW_COULD, KW_CLEARED, KW_CLOCK, KW_CORE, KW_CHECK, KW_CLIENT,
	KW_CONNECTION, KW_DISCARD, KW_DEFAULT, KW_DOUBLE, KW_DOES, KW_DOESN,
	KW_EXITING, KW_EXPLAIN, KW_EXPLANATION, KW_FAIL, KW_FALLING, KW_FUTURE,
	KW_FOUND, KW_IS, KW_ISN, KW_LISTEN, KW_LINE, KW_LOOP, KW_MAXIMUM,
	KW_MONOTONIC, KW_MEMORY, KW_MISMATCH, KW_NEITHER, KW_NAMED, KW_NOT,
	KW_NO, KW_OPTIONS, KW_OUT, KW_PARSED, KW_RETRY_IN, KW_RESET,
	KW_REFUSING, KW_SYNTAX, KW_SEGMENTATION, KW_STACK, KW_SHUTTING,
	KW_THERE, KW_TIMED, KW_TRY, KW_TOO, KW_USING,
};

/* Which keyword is the word [a, a + len) with key KEY, if any? */
static inline enum wl_kw
wl_scan_recognise(const struct wl_scan *sc, size_t a, size_t b,
    uint64_t key)
{
	size_t len = b - a;
#define IS(lit) (len == sizeof(lit) - 1 && key == WL_K(lit) && \
	(sizeof(lit) <= 9 || wl_scan_eq(sc->s, a, b, lit, sizeof(lit) - 1)))

	switch (key & 0xff) {
	case 'a':
		if (IS("appeared") || IS("added")) return KW_SUCCESS;
		if (IS("almost")) return KW_FULL_SOON;
		if (IS("available")) return KW_AVAILABLE;
		if (IS("abort") || IS("aborted")) return KW_ERR_STRONG;
		if (IS("aborting")) return KW_ABORTING;
		if (IS("already")) return KW_ALREADY;
		if (IS("assertion")) return KW_ASSERTION;
		break;
	case 'b':
		if (IS("bad") || IS("broken")) return KW_ERR;
		if (IS("bug")) return KW_BUG;
		if (IS("bind")) return KW_BIND;
		if (IS("bye")) return KW_LIFECYCLE;
		break;
	case 'c':
		if (IS("created") || IS("complete") || IS("completed"))
			return KW_SUCCESS;
		if (IS("cannot")) return KW_CANNOT;
		if (IS("can") || IS("couldn")) return KW_CAN;
		if (IS("could")) return KW_COULD;
		if (IS("corrupt") || IS("corrupted") || IS("corruption"))
			return KW_ERR_STRONG;
		if (IS("capabilities")) return KW_DETAIL;
		if (IS("cleared")) return KW_CLEARED;
		if (IS("clock")) return KW_CLOCK;
		if (IS("crashed") || IS("crash")) return KW_CRASH;
		if (IS("core")) return KW_CORE;
		if (IS("check")) return KW_CHECK;
		if (IS("checksum") || IS("checksums")) return KW_INTEGRITY;
		if (IS("client")) return KW_CLIENT;
		if (IS("connection")) return KW_CONNECTION;
		break;
	case 'd':
		if (IS("denied")) return KW_ERR_STRONG;
		if (IS("deprecated") || IS("deprecation") || IS("degraded"))
			return KW_WARN;
		if (IS("discouraged")) return KW_WARN_STRONG;
		if (IS("discarding") || IS("discarded")) return KW_DISCARD;
		if (IS("disabling") || IS("defaulting")) return KW_RECOVER;
		if (IS("default")) return KW_DEFAULT;
		if (IS("double")) return KW_DOUBLE;
		if (IS("does") || IS("do") || IS("did")) return KW_DOES;
		if (IS("doesn") || IS("didn") || IS("don")) return KW_DOESN;
		break;
	case 'e':
		if (IS("error") || IS("errors") || IS("exception"))
			return KW_ERR_STRONG;
		if (IS("exiting")) return KW_EXITING;
		if (IS("exit")) return KW_LIFECYCLE;
		if (IS("enabled") || IS("enabling")) return KW_SUCCESS;
		if (IS("expired") || IS("exceeded")) return KW_ERR;
		if (IS("explain")) return KW_EXPLAIN;
		if (IS("errno")) return KW_ERRNO;
		if (IS("explanation") || IS("explanations"))
			return KW_EXPLANATION;
		break;
	case 'f':
		if (IS("failed") || IS("fail") || IS("fails") ||
		    IS("failing") || IS("failure") || IS("failures"))
			return KW_FAIL;
		if (IS("fatal")) return KW_ERR_STRONG;
		if (IS("falling")) return KW_FALLING;
		if (IS("fallback")) return KW_RECOVER;
		if (IS("forbidden")) return KW_ERR;
		if (IS("future")) return KW_FUTURE;
		if (IS("found")) return KW_FOUND;
		break;
	case 'g':
		if (IS("getrlimit")) return KW_RLIMIT;
		break;
	case 'i':
		if (IS("invalid") || IS("illegal") || IS("incorrect"))
			return KW_ERR;
		if (IS("insecure") || IS("insecurely")) return KW_WARN_STRONG;
		if (IS("ignored") || IS("ignoring")) return KW_RECOVER;
		if (IS("initialized") || IS("initialised")) return KW_LIFECYCLE;
		if (IS("isn")) return KW_ISN;
		if (IS("is")) return KW_IS;
		break;
	case 'l':
		if (IS("listening") || IS("listen")) return KW_LISTEN;
		if (IS("loaded") || IS("loading")) return KW_LIFECYCLE;
		if (IS("lagging")) return KW_WARN;
		if (IS("line")) return KW_LINE;
		if (IS("lost")) return KW_ERR;
		if (IS("loop")) return KW_LOOP;
		break;
	case 'm':
		if (IS("missing") || IS("malformed") || IS("must"))
			return KW_ERR;
		if (IS("mismatch") || IS("mismatched")) return KW_MISMATCH;
		if (IS("maximum")) return KW_MAXIMUM;
		if (IS("monotonic")) return KW_MONOTONIC;
		if (IS("memory")) return KW_MEMORY;
		break;
	case 'n':
		if (IS("neither") || IS("nor")) return KW_NEITHER;
		if (IS("nearly")) return KW_FULL_SOON;
		if (IS("named")) return KW_NAMED;
		if (IS("not")) return KW_NOT;
		if (IS("no")) return KW_NO;
		break;
	case 'o':
		if (IS("options")) return KW_OPTIONS;
		if (IS("out")) return KW_OUT;
		if (IS("overflow") || IS("overflows")) return KW_ERR;
		if (IS("obsolete")) return KW_WARN;
		break;
	case 'p':
		if (IS("panic") || IS("panicked")) return KW_ERR_STRONG;
		if (IS("parsed")) return KW_PARSED;
		break;
	case 'r':
		if (IS("rlimit")) return KW_RLIMIT;
		if (IS("removed") || IS("removing") || IS("renamed") ||
		    IS("replaced"))
			return KW_SUCCESS;
		if (IS("refused")) return KW_ERR_STRONG;
		if (IS("retrying")) return KW_RETRY;
		if (IS("retry")) return KW_RETRY_IN;
		if (IS("reset")) return KW_RESET;
		if (IS("refusing")) return KW_REFUSING;
		if (IS("ready") || IS("reloading") || IS("reloaded") ||
		    IS("running"))
			return KW_LIFECYCLE;
		if (IS("requires") || IS("required") || IS("rejected"))
			return KW_ERR;
		break;
	case 's':
		if (IS("saved") || IS("successful") || IS("successfully") ||
		    IS("succeeded"))
			return KW_SUCCESS;
		if (IS("syntax")) return KW_SYNTAX;
		if (IS("segmentation")) return KW_SEGMENTATION;
		if (IS("segfault")) return KW_CRASH;
		if (IS("stack")) return KW_STACK;
		if (IS("skipping")) return KW_RECOVER;
		if (IS("slow") || IS("stale")) return KW_WARN;
		if (IS("started") || IS("starting") || IS("shutdown") ||
		    IS("stopped") || IS("stopping"))
			return KW_LIFECYCLE;
		if (IS("shutting")) return KW_SHUTTING;
		if (IS("signature") || IS("signatures")) return KW_INTEGRITY;
		break;
	case 't':
		if (IS("there")) return KW_THERE;
		if (IS("timeout")) return KW_ERR;
		if (IS("timed")) return KW_TIMED;
		if (IS("terminating")) return KW_EXITS;
		if (IS("try")) return KW_TRY;
		if (IS("too")) return KW_TOO;
		break;
	case 'u':
		if (IS("unchanged")) return KW_RECOVER;
		if (IS("using")) return KW_USING;
		if (IS("unable") || IS("unreachable")) return KW_ERR_STRONG;
		if (IS("unknown") || IS("unrecognized") || IS("unrecognised") ||
		    IS("unsupported") || IS("unexpected") || IS("undefined") ||
		    IS("undeclared") || IS("unterminated") || IS("unmatched") ||
		    IS("unbound") || IS("unavailable"))
			return KW_ERR;
		if (IS("unsafe") || IS("uninitialized") ||
		    IS("uninitialised") || IS("unused"))
			return KW_WARN;
		break;
	case 'v':
		if (IS("vacuous"))	/* an option without effect */
			return KW_WARN;
		if (IS("violation")) return KW_ERR;
		if (IS("verification")) return KW_INTEGRITY;
		break;
	case 'w':
		if (IS("warning") || IS("warnings") || IS("warn"))
			return KW_WARN;
		if (IS("wrong")) return KW_ERR;
		if (IS("will")) return KW_RETRY_IN;
		break;
	}
	return KW_NONE;
#undef KW_IS
}

/* The vocabulary: what keyword K, the word [a, b) with key KEY, says. */
void wl_vocab_word(struct wl_scan *sc, size_t a, size_t b, uint64_t key,
    enum wl_kw k);


#define WL_EQ(sc, a, b, lit) wl_scan_eq((sc)->s, (a), (b), lit, sizeof(lit) - 1)
#define WL_THEN(sc, end, lit) wl_scan_then((sc), (end), lit, sizeof(lit) - 1)

#endif
