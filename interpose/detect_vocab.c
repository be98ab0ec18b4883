/*
 * detect_vocab.c - the words of log messages and what each says.
 *
 * The scanner recognised the word (wl_vocab_lookup, below: a hash of its
 * packed letters and, mostly, one integer comparison).  Here a keyword that is part of something else (an
 * identifier, a path, an option) is dropped; the others say what they
 * say, some only with the next word or two.
 *
 * The classes (struct wl_words in detect.h):
 *   problems    "failed", "cannot", "refused", "no such", "not found";
 *               weaker: "invalid", "unknown", "missing", "must", "bad"
 *   warnings    "warning", "deprecated", "slow", "insecure", "discarding"
 *   retries     "retrying", "will retry", "try again"
 *   recovery    "ignored", "skipping", "falling back", "-- using x"
 *   exits       "exiting", "shutting down", "cannot continue"
 *   crashes     "segmentation fault", "core dumped", "check failed"
 *   lifecycle   "starting", "ready", "listening", "reloaded"
 *   detail      start-up detail: "getrlimit", "parsed flag", "maximum
 *               number of", "compile time options:", "default value"
 *   success     "created", "removed", "saved", "successfully"
 *   absence     "no X found", "No X.", "There is no X"
 *   hint        "--explain E0308", "detailed explanations"
 */
#include <stddef.h>
#include "detect_scan.h"

/*
 * The keywords, by what they say.  The first group counts by itself; the
 * words of the second only mean something with their neighbours, which
 * wl_vocab_word() looks at.
 */
#define WL_VOCAB(X) \
	X(KW_ERR, "bad") X(KW_ERR, "broken") X(KW_ERR, "expired") \
	X(KW_ERR, "exceeded") X(KW_ERR, "forbidden") X(KW_ERR, "invalid") \
	X(KW_ERR, "illegal") X(KW_ERR, "incorrect") X(KW_ERR, "lost") \
	X(KW_ERR, "missing") X(KW_ERR, "malformed") X(KW_ERR, "must") \
	X(KW_ERR, "overflow") X(KW_ERR, "overflows") X(KW_ERR, "requires") \
	X(KW_ERR, "required") X(KW_ERR, "rejected") X(KW_ERR, "timeout") \
	X(KW_ERR, "unknown") X(KW_ERR, "unrecognized") \
	X(KW_ERR, "unrecognised") X(KW_ERR, "unsupported") \
	X(KW_ERR, "unexpected") X(KW_ERR, "undefined") \
	X(KW_ERR, "undeclared") X(KW_ERR, "unterminated") \
	X(KW_ERR, "unmatched") X(KW_ERR, "unbound") \
	X(KW_ERR, "unavailable") X(KW_ERR, "violation") X(KW_ERR, "wrong") \
	X(KW_ERR_STRONG, "abort") X(KW_ERR_STRONG, "aborted") \
	X(KW_ERR_STRONG, "corrupt") X(KW_ERR_STRONG, "corrupted") \
	X(KW_ERR_STRONG, "corruption") X(KW_ERR_STRONG, "denied") \
	X(KW_ERR_STRONG, "error") X(KW_ERR_STRONG, "errors") \
	X(KW_ERR_STRONG, "exception") X(KW_ERR_STRONG, "fatal") \
	X(KW_ERR_STRONG, "panic") X(KW_ERR_STRONG, "panicked") \
	X(KW_ERR_STRONG, "refused") X(KW_ERR_STRONG, "unable") \
	X(KW_ERR_STRONG, "unreachable") \
	X(KW_WARN, "deprecated") X(KW_WARN, "deprecation") \
	X(KW_WARN, "degraded") X(KW_WARN, "lagging") X(KW_WARN, "obsolete") \
	X(KW_WARN, "slow") X(KW_WARN, "stale") X(KW_WARN, "unsafe") \
	X(KW_WARN, "uninitialized") X(KW_WARN, "uninitialised") \
	X(KW_WARN, "unused") X(KW_WARN, "vacuous") X(KW_WARN, "warning") \
	X(KW_WARN, "warnings") X(KW_WARN, "warn") \
	X(KW_WARN_STRONG, "discouraged") X(KW_WARN_STRONG, "insecure") \
	X(KW_WARN_STRONG, "insecurely") \
	X(KW_RECOVER, "disabling") X(KW_RECOVER, "defaulting") \
	X(KW_RECOVER, "fallback") X(KW_RECOVER, "ignored") \
	X(KW_RECOVER, "ignoring") X(KW_RECOVER, "skipping") \
	X(KW_RECOVER, "unchanged") \
	X(KW_SUCCESS, "appeared") X(KW_SUCCESS, "added") \
	X(KW_SUCCESS, "created") X(KW_SUCCESS, "complete") \
	X(KW_SUCCESS, "completed") X(KW_SUCCESS, "enabled") \
	X(KW_SUCCESS, "enabling") X(KW_SUCCESS, "removed") \
	X(KW_SUCCESS, "removing") X(KW_SUCCESS, "renamed") \
	X(KW_SUCCESS, "replaced") X(KW_SUCCESS, "saved") \
	X(KW_SUCCESS, "successful") X(KW_SUCCESS, "successfully") \
	X(KW_SUCCESS, "succeeded") \
	X(KW_LIFECYCLE, "bye") X(KW_LIFECYCLE, "exit") \
	X(KW_LIFECYCLE, "initialized") X(KW_LIFECYCLE, "initialised") \
	X(KW_LIFECYCLE, "loaded") X(KW_LIFECYCLE, "loading") \
	X(KW_LIFECYCLE, "ready") X(KW_LIFECYCLE, "reloading") \
	X(KW_LIFECYCLE, "reloaded") X(KW_LIFECYCLE, "running") \
	X(KW_LIFECYCLE, "started") X(KW_LIFECYCLE, "starting") \
	X(KW_LIFECYCLE, "shutdown") X(KW_LIFECYCLE, "stopped") \
	X(KW_LIFECYCLE, "stopping") \
	X(KW_DETAIL, "capabilities") \
	X(KW_CRASH, "crashed") X(KW_CRASH, "crash") X(KW_CRASH, "segfault") \
	X(KW_RETRY, "retrying") \
	X(KW_INTEGRITY, "checksum") X(KW_INTEGRITY, "checksums") \
	X(KW_INTEGRITY, "signature") X(KW_INTEGRITY, "signatures") \
	X(KW_INTEGRITY, "verification") \
	X(KW_EXITS, "terminating") \
	X(KW_ABORTING, "aborting") X(KW_ALREADY, "already") \
	X(KW_RLIMIT, "getrlimit") X(KW_RLIMIT, "rlimit") \
	X(KW_ERRNO, "errno") X(KW_ASSERTION, "assertion") \
	X(KW_FULL_SOON, "almost") X(KW_FULL_SOON, "nearly") \
	X(KW_AVAILABLE, "available") X(KW_BUG, "bug") X(KW_BIND, "bind") \
	X(KW_CANNOT, "cannot") X(KW_CAN, "can") X(KW_CAN, "couldn") \
	X(KW_COULD, "could") X(KW_CLEARED, "cleared") X(KW_CLOCK, "clock") \
	X(KW_CORE, "core") X(KW_CHECK, "check") X(KW_CLIENT, "client") \
	X(KW_CONNECTION, "connection") X(KW_DISCARD, "discarding") \
	X(KW_DISCARD, "discarded") X(KW_DEFAULT, "default") \
	X(KW_DOUBLE, "double") X(KW_DOES, "does") X(KW_DOES, "do") \
	X(KW_DOES, "did") X(KW_DOESN, "doesn") X(KW_DOESN, "didn") \
	X(KW_DOESN, "don") X(KW_EXITING, "exiting") \
	X(KW_EXPLAIN, "explain") X(KW_EXPLANATION, "explanation") \
	X(KW_EXPLANATION, "explanations") X(KW_FAIL, "failed") \
	X(KW_FAIL, "fail") X(KW_FAIL, "fails") X(KW_FAIL, "failing") \
	X(KW_FAIL, "failure") X(KW_FAIL, "failures") \
	X(KW_FALLING, "falling") X(KW_FUTURE, "future") \
	X(KW_FOUND, "found") X(KW_IS, "is") X(KW_ISN, "isn") \
	X(KW_LISTEN, "listening") X(KW_LISTEN, "listen") X(KW_LINE, "line") \
	X(KW_LOOP, "loop") X(KW_MAXIMUM, "maximum") \
	X(KW_MONOTONIC, "monotonic") X(KW_MEMORY, "memory") \
	X(KW_MISMATCH, "mismatch") X(KW_MISMATCH, "mismatched") \
	X(KW_NEITHER, "neither") X(KW_NEITHER, "nor") X(KW_NAMED, "named") \
	X(KW_NOT, "not") X(KW_NO, "no") X(KW_OPTIONS, "options") \
	X(KW_OUT, "out") X(KW_PARSED, "parsed") X(KW_RETRY_IN, "retry") \
	X(KW_RETRY_IN, "will") X(KW_RESET, "reset") \
	X(KW_REFUSING, "refusing") X(KW_SYNTAX, "syntax") \
	X(KW_SEGMENTATION, "segmentation") X(KW_STACK, "stack") \
	X(KW_SHUTTING, "shutting") X(KW_THERE, "there") \
	X(KW_TIMED, "timed") X(KW_TRY, "try") X(KW_TOO, "too") \
	X(KW_USING, "using")

static const struct {
	char word[14];
	uint8_t kw;
} vocab[] = {
#define WL_VOCAB_DEF(kw, w) { w, kw },
	WL_VOCAB(WL_VOCAB_DEF)
#undef WL_VOCAB_DEF
};

/*
 * The keywords in a hash table, so that recognising a word is one hash
 * and (mostly) one comparison, whatever its first letter.  Most words are
 * no keyword: a bit map of the keywords' hashes (4096 bits, one per
 * hash's top twelve bits) turns away all but one in twenty of them
 * before the table is looked at.  A slot holds
 * the key and, in "meta", the next five letters, the length (bits 48-55)
 * and the keyword (bits 56-63); an empty slot has meta 0.  Linear probing
 * in a table under half full: a word that is no keyword (most words) is
 * turned away after one or two slots.
 *
 * The table is filled once, by whichever thread first classifies (or the
 * constructor, whichever comes first), without allocating and without a
 * lock: the filler claims it with an atomic exchange, and until it says
 * the table is ready, every other caller (another thread, a signal
 * handler that interrupted the filler) searches the list above instead.
 */
_Static_assert(sizeof(vocab) / sizeof(vocab[0]) < WL_VOCAB_SLOTS / 2,
    "the keyword table must stay under half full");

struct wl_vocab_tab wl_vocab_tab;
atomic_uint wl_vocab_state;

bool
wl_vocab_entry(size_t k, const char **word, enum wl_kw *kw)
{
	if (k >= sizeof(vocab) / sizeof(vocab[0]))
		return false;
	*word = vocab[k].word;
	*kw = (enum wl_kw)vocab[k].kw;
	return true;
}

/* KEY and TAIL of the word W of LEN letters, packed as the scanner packs
 * them. */
static void
pack_word(const char *w, size_t len, uint64_t *key, uint64_t *tail)
{
	*key = *tail = 0;
	for (size_t i = 0; i < len; i++) {
		uint64_t c = (unsigned char)w[i] | 0x20;
		if (i < 8)
			*key |= c << (8 * i);
		else
			*tail |= c << (8 * (i - 8));
	}
}

static bool
tab_fill(void)
{
	struct wl_vocab_tab *t = &wl_vocab_tab;
	unsigned st = WL_VOCAB_EMPTY;
	if (!atomic_compare_exchange_strong(&wl_vocab_state, &st,
	    WL_VOCAB_FILLING))
		return st == WL_VOCAB_READY;
	for (size_t k = 0; k < sizeof(vocab) / sizeof(vocab[0]); k++) {
		size_t len = __builtin_strlen(vocab[k].word);
		uint64_t key, tail;
		pack_word(vocab[k].word, len, &key, &tail);
		uint64_t x = wl_vocab_hash(key, len);
		size_t h = (size_t)(x >> (64 - WL_VOCAB_BITS));
		t->bits[x >> 58] |= (uint64_t)1 << (x >> 52 & 63);
		while (t->slot[h].meta != 0)
			h = (h + 1) & (WL_VOCAB_SLOTS - 1);
		t->slot[h].key = key;
		t->slot[h].meta = tail | (uint64_t)len << 48 |
		    (uint64_t)vocab[k].kw << 56;
		/* a keyword is a keyword in any case */
		const char *w = vocab[k].word;
		uint16_t bit = (uint16_t)(1u << wl_vocab_len(len));
		t->first_last[WL_VOCAB_FL(w[0], w[len - 1])] |= bit;
		t->first_last[WL_VOCAB_FL(w[0] - 32, w[len - 1])] |= bit;
		t->second[WL_VOCAB_SECOND(w[1], w[len > 2 ? 2 : 1])] |= bit;
		t->second[WL_VOCAB_SECOND(w[1] - 32, w[len > 2 ? 2 : 1])] |= bit;
	}
	/* the class names: a capital, more than seven letters, and the
	 * last letter of "Error", "Exception" or "Warning" */
	for (char c0 = 'A'; c0 <= 'Z'; c0++) {
		t->first_last[WL_VOCAB_FL(c0, 'r')] |= 0xff80u << 16;
		t->first_last[WL_VOCAB_FL(c0, 'n')] |= 0xff80u << 16;
		t->first_last[WL_VOCAB_FL(c0, 'g')] |= 0xff80u << 16;
	}
	atomic_store_explicit(&wl_vocab_state, WL_VOCAB_READY,
	    memory_order_release);
	return true;
}

__attribute__((constructor)) static void
tab_init(void)
{
	tab_fill();
}

enum wl_kw
wl_vocab_lookup_slow(uint64_t key, uint64_t tail, size_t len)
{
	if (tab_fill())
		return wl_vocab_lookup(key, tail, len);
	/* being filled (by another thread, or by the code this signal
	 * handler interrupted): the list, slowly */
	for (size_t k = 0; k < sizeof(vocab) / sizeof(vocab[0]); k++) {
		uint64_t kk, kt;
		size_t kl = __builtin_strlen(vocab[k].word);
		pack_word(vocab[k].word, kl, &kk, &kt);
		if (kk == key && kt == tail && kl == len)
			return (enum wl_kw)vocab[k].kw;
	}
	return KW_NONE;
}

/* What a keyword that counts inside an identifier or an option too
 * (KW_EXPLAIN and after) says. */
static void
unembedded(struct wl_scan *sc, size_t a, size_t b, enum wl_kw k)
{
	struct wl_words *w = sc->w;

	/* "--explain E0308": a pointer to documentation (an option) */
	if (k == KW_EXPLAIN) {
		if (a >= 2 && sc->s[a - 1] == '-' && sc->s[a - 2] == '-')
			wl_scan_bump(&w->hint);
		return;
	}
	/* resource limits shown: "getrlimit(RLIMIT_NOFILE): 20000:20000" */
	if (k == KW_RLIMIT) {
		wl_scan_bump(&w->detail);
		return;
	}
	/* "errno=111", "errno: 13" */
	size_t i = b < sc->n && (sc->s[b] == '=' || sc->s[b] == ':') ?
	    wl_skip_sp(sc->s, sc->n, b + 1) : sc->n;
	if (i < sc->n && wl_digit((unsigned char)sc->s[i])) {
		w->values = 1;	/* errno 0 is no error */
		if (sc->s[i] != '0')
			wl_scan_bump(&w->err);
	}
}

/* The counter of each keyword that counts by itself, and for a problem
 * or a warning the counter of unambiguous ones, as offsets in struct
 * wl_words: a table, where a switch would jump to a different place for
 * each (and its jump be mispredicted). */
#define AT(f) (uint8_t)offsetof(struct wl_words, f)
static const uint8_t count_at[KW_EXITS + 1] = {
	[KW_ERR] = AT(err), [KW_ERR_STRONG] = AT(err), [KW_WARN] = AT(warn),
	[KW_WARN_STRONG] = AT(warn), [KW_RECOVER] = AT(recover),
	[KW_SUCCESS] = AT(success), [KW_LIFECYCLE] = AT(lifecycle),
	[KW_DETAIL] = AT(detail), [KW_CRASH] = AT(crash),
	[KW_RETRY] = AT(retry), [KW_EXITS] = AT(exits),
};
static const uint8_t strong_at[KW_WARN_STRONG + 1] = {
	[KW_ERR] = AT(err_strong), [KW_ERR_STRONG] = AT(err_strong),
	[KW_WARN] = AT(warn_strong), [KW_WARN_STRONG] = AT(warn_strong),
};
#undef AT

/* A word that counts by itself (KW_ERR to KW_EXITS): its counter; a
 * problem or a warning as wl_scan_err() and wl_scan_warn() count it,
 * strong by its kind, or a problem where a checksum or a signature is
 * the subject. */
static inline void
counted(struct wl_scan *sc, size_t a, size_t b, enum wl_kw k)
{
	uint8_t *w = (uint8_t *)sc->w;
	if (k <= KW_WARN_STRONG)
		wl_scan_problem(sc, a, b, w + count_at[k], w + strong_at[k],
		    k == KW_ERR_STRONG || k == KW_WARN_STRONG ||
		    (k == KW_ERR && sc->integrity));
	else
		wl_scan_bump(w + count_at[k]);
}

/*
 * What each of the other keywords means, one function each, found by
 * its kind in a table (meaning[], below): wl_vocab_word() jumps to it
 * after the tests all keywords share, and only the meanings that look
 * further (at the next word, before the word) pay for saving the
 * registers they need.  Each gets the word [a, b), its key KEY and its
 * kind K, which most do not need.
 */
#define UNUSED __attribute__((unused))
#define MEANING(name) static void name(struct wl_scan *sc UNUSED, \
	size_t a UNUSED, size_t b UNUSED, uint64_t key UNUSED, \
	enum wl_kw k UNUSED)
#define THEN(lit) WL_THEN(sc, b, lit)
#define NEXT(lit) WL_WORD_IS(&nw, lit)

/* A keyword that counts by itself (KW_ERR to KW_EXITS). */
MEANING(kw_counted)
{
	counted(sc, a, b, k);
}

/* KW_NONE: nothing (the scanner does not call for it). */
MEANING(kw_none)
{
}

/* "checksum", "signature": a mismatch or a failure is an integrity
 * problem. */
MEANING(kw_integrity)
{
	sc->integrity = true;
}

MEANING(kw_aborting)
{
	wl_scan_err(sc, a, b, true);
	wl_scan_bump(&sc->w->exits);
}

/* "already in use", "already exists" */
MEANING(kw_already)
{
	struct wl_word nw;
	if (wl_scan_next(sc, b, &nw) && NEXT("in") &&
	    WL_THEN(sc, nw.b, "use"))
		sc->in_use = true, wl_scan_bump(&sc->w->err);
	else if (wl_scan_next(sc, b, &nw) && NEXT("exists"))
		wl_scan_bump(&sc->w->err);
}

/* "Assertion ... failed": a crash. */
MEANING(kw_assertion)
{
	sc->assertion = true;
}

/* "almost full", "nearly full" */
MEANING(kw_full_soon)
{
	if (THEN("full"))
		wl_scan_warn(sc, a, b, false);
}

/* "no X available", "no X found", "No module named" */
MEANING(kw_absent)
{
	if (wl_scan_take_no(sc, a))
		wl_scan_bump(&sc->w->absent);
}

/* The words that mean something only before one other word: which word,
 * and which counter of struct wl_words it counts in. */
static const struct {
	uint64_t key;
	uint8_t len, at;
} then_word[KW_USING + 1] = {
#define THEN_WORD(kw, lit, f) [kw] = { WL_K(lit), sizeof(lit) - 1, \
	(uint8_t)offsetof(struct wl_words, f) },
	THEN_WORD(KW_BUG, "report", crash)	/* a crash report */
	THEN_WORD(KW_CLEARED, "cache", detail)
	THEN_WORD(KW_CLOCK, "source", detail)
	THEN_WORD(KW_MONOTONIC, "clock", detail)
	THEN_WORD(KW_MEMORY, "usage", detail)
	THEN_WORD(KW_CORE, "dumped", crash)
	THEN_WORD(KW_CHECK, "failed", crash)	/* glog's CHECK() */
	THEN_WORD(KW_DEFAULT, "value", detail)	/* a default shown */
	THEN_WORD(KW_DOUBLE, "free", crash)
	THEN_WORD(KW_FALLING, "back", recover)
	THEN_WORD(KW_SYNTAX, "error", syntax)
	THEN_WORD(KW_SEGMENTATION, "fault", crash)
	THEN_WORD(KW_STACK, "smashing", crash)
	THEN_WORD(KW_TRY, "again", retry)
#undef THEN_WORD
};

/* A word of then_word[]: "core dumped", "syntax error", "try again". */
MEANING(kw_then)
{
	struct wl_word nw;
	if (wl_scan_may_be(sc, b, (char)then_word[k].key) &&
	    wl_scan_next(sc, b, &nw) && nw.b - nw.a == then_word[k].len &&
	    nw.key == then_word[k].key)
		wl_scan_bump((uint8_t *)sc->w + then_word[k].at);
}

/* "bind": with "already in use", a server that could not start */
MEANING(kw_bind)
{
	sc->listen = true;
}

MEANING(kw_listen)
{
	sc->listen = true;
	wl_scan_bump(&sc->w->lifecycle);
}

/* "cannot", "cannot continue" */
MEANING(kw_cannot)
{
	wl_scan_err(sc, a, b, true);
	if (THEN("continue"))
		wl_scan_bump(&sc->w->exits);
}

/* "can't", "couldn't" */
MEANING(kw_can)
{
	if (wl_scan_nt(sc, b))
		wl_scan_err(sc, a, b, true);
}

/* "could not", "could not start" */
MEANING(kw_could)
{
	struct wl_word nw;
	if (wl_scan_may_be(sc, b, 'n') && wl_scan_next(sc, b, &nw) &&
	    NEXT("not")) {
		wl_scan_err(sc, a, b, true);
		if (WL_THEN(sc, nw.b, "start"))
			wl_scan_bump(&sc->w->start_fail);
	}
}

/* "maximum number of": a limit shown */
MEANING(kw_maximum)
{
	struct wl_word nw;
	if (wl_scan_next(sc, b, &nw) && NEXT("number") &&
	    WL_THEN(sc, nw.b, "of"))
		wl_scan_bump(&sc->w->detail);
}

/* the client did it */
MEANING(kw_client)
{
	struct wl_word nw;
	if (wl_scan_next(sc, b, &nw) && (NEXT("sent") ||
	    NEXT("intended") || NEXT("closed") || NEXT("prematurely")))
		wl_scan_bump(&sc->w->client);
}

/* one client's comings and goings */
MEANING(kw_connection)
{
	struct wl_word nw;
	if (wl_scan_next(sc, b, &nw) && (NEXT("received") ||
	    NEXT("authorized") || NEXT("accepted") || NEXT("established")))
		wl_scan_bump(&sc->w->chatter);
}

/* data thrown away: worth a warning at any level */
MEANING(kw_discard)
{
	wl_scan_bump(&sc->w->recover);
	wl_scan_warn(sc, a, b, true);
}

/* "does not exist", "did not match" */
MEANING(kw_does)
{
	struct wl_word nw;
	if (wl_scan_may_be(sc, b, 'n') && wl_scan_next(sc, b, &nw) &&
	    NEXT("not"))
		wl_scan_after_not(sc, nw.b);
}

/* "doesn't exist", "isn't installed" */
MEANING(kw_doesn)
{
	if (wl_scan_nt(sc, b))
		wl_scan_after_not(sc, b + 2);
}

MEANING(kw_exiting)
{
	wl_scan_bump(&sc->w->exits);
	wl_scan_bump(&sc->w->lifecycle);
}

/* "detailed explanations": help */
MEANING(kw_explanation)
{
	if (wl_scan_prev_key(sc, a) == WL_K("detailed"))
		wl_scan_bump(&sc->w->hint);
}

/* "failed", "failed to start" (not "failed to start X.service", some
 * other unit) */
MEANING(kw_fail)
{
	struct wl_word nw;
	wl_scan_err(sc, a, b, true);
	if (sc->assertion && key == WL_K("failed"))
		wl_scan_bump(&sc->w->crash);	/* assert() */
	if (wl_scan_may_be(sc, b, 't') && wl_scan_next(sc, b, &nw) &&
	    NEXT("to") && WL_THEN(sc, nw.b, "start") &&
	    !wl_scan_starts_other(sc, nw.b))
		wl_scan_bump(&sc->w->start_fail);
}

/* a time stamp "in the future" */
MEANING(kw_future)
{
	if (wl_scan_prev_key(sc, a) == WL_K("the"))
		wl_scan_warn(sc, a, b, false);
}

/* "Is a directory" (EISDIR) */
MEANING(kw_is)
{
	struct wl_word nw;
	if (wl_scan_may_be(sc, b, 'a') && wl_scan_next(sc, b, &nw) &&
	    NEXT("a") && WL_THEN(sc, nw.b, "directory"))
		wl_scan_bump(&sc->w->err);
}

/* "line 1 column 9": where the input broke */
MEANING(kw_line)
{
	if (wl_scan_position(sc, b))
		wl_scan_bump(&sc->w->err);
}

MEANING(kw_loop)
{
	if (THEN("detected"))
		wl_scan_warn(sc, a, b, false);
}

MEANING(kw_mismatch)
{
	wl_scan_err(sc, a, b, sc->integrity);
}

/* "not found", "neither ... nor" */
MEANING(kw_not)
{
	wl_scan_after_not(sc, b);
}

/* "No such file", "no space"; "no X" of something absent */
MEANING(kw_no)
{
	struct wl_words *w = sc->w;
	struct wl_word nw;
	if (!wl_scan_next(sc, b, &nw))
		return;
	if (NEXT("such") || NEXT("space")) {
		wl_scan_bump(&w->err), wl_scan_bump(&w->err_strong);
	} else if (NEXT("effect")) {
		wl_scan_bump(&w->warn);	/* "has no effect" */
	} else if (!NEXT("error") && !NEXT("errors") &&
	    !NEXT("problems") && !NEXT("warnings") &&
	    !NEXT("failures") && !NEXT("issues") && !NEXT("longer") &&
	    !NEXT("need")) {
		sc->no_pending = true;
		sc->no_end = b;
		/* "No stash entries.", "There is no X": the message
		 * is about something that is not there */
		if (wl_skip_sp(sc->s, sc->n, 0) == a || sc->there_is)
			wl_scan_bump(&w->absent);
	}
}

/* "compile time options: ..." */
MEANING(kw_options)
{
	if (b < sc->n && sc->s[b] == ':')
		wl_scan_bump(&sc->w->detail);
}

/* "out of memory", not "4 out of 5" */
MEANING(kw_out)
{
	if (THEN("of") && !wl_scan_after(sc, a, true))
		wl_scan_err(sc, a, b, true);
}

MEANING(kw_parsed)
{
	struct wl_word nw;
	if (wl_scan_next(sc, b, &nw) && (NEXT("flag") ||
	    NEXT("option") || NEXT("config") || NEXT("configuration")))
		wl_scan_bump(&sc->w->detail);
}

/* "retry in 5s", "will retry" */
MEANING(kw_retry_in)
{
	struct wl_word nw;
	if (key == WL_K("will") ? THEN("retry") :
	    (wl_scan_next(sc, b, &nw) && (NEXT("in") || NEXT("after"))))
		wl_scan_bump(&sc->w->retry);
}

/* "connection reset by peer" */
MEANING(kw_reset)
{
	if (wl_scan_prev_is(sc, a, "connection", 10))
		wl_scan_err(sc, a, b, true);
}

MEANING(kw_refusing)
{
	struct wl_word nw;
	wl_scan_err(sc, a, b, false);
	if (wl_scan_next(sc, b, &nw) && NEXT("to") &&
	    WL_THEN(sc, nw.b, "continue"))
		wl_scan_bump(&sc->w->exits);
}

MEANING(kw_shutting)
{
	if (THEN("down")) {
		wl_scan_bump(&sc->w->exits);
		wl_scan_bump(&sc->w->lifecycle);
	}
}

/* "There is", "There are" opening the message */
MEANING(kw_there)
{
	struct wl_word nw;
	if (wl_skip_sp(sc->s, sc->n, 0) == a && wl_scan_next(sc, b, &nw) &&
	    (NEXT("is") || NEXT("are")))
		sc->there_is = true;
}

MEANING(kw_timed)
{
	if (THEN("out"))
		wl_scan_err(sc, a, b, false);
}

/* "too low", "too many": a limit was hit */
MEANING(kw_too)
{
	struct wl_word nw;
	if (!wl_scan_next(sc, b, &nw))
		return;
	if (NEXT("low") || NEXT("large") || NEXT("long") ||
	    NEXT("many") || NEXT("small") || NEXT("big") ||
	    NEXT("short") || NEXT("old"))
		wl_scan_bump(&sc->w->err);
	else if (NEXT("open") || NEXT("slow"))
		wl_scan_bump(&sc->w->warn);
}

/* "-- using x.out", ", using cached value" */
MEANING(kw_using)
{
	struct wl_word nw;
	if (wl_scan_after(sc, a, false) ||
	    (wl_scan_next(sc, b, &nw) &&
	        (NEXT("default") || NEXT("cached") || NEXT("fallback"))))
		wl_scan_bump(&sc->w->recover);
}

#undef THEN
#undef NEXT

static void (*const meaning[KW_USING + 1])(struct wl_scan *, size_t, size_t,
    uint64_t, enum wl_kw) = {
	[KW_NONE] = kw_none,
	[KW_ERR ... KW_EXITS] = kw_counted,
	[KW_INTEGRITY] = kw_integrity, [KW_ABORTING] = kw_aborting,
	[KW_ALREADY] = kw_already, [KW_ASSERTION] = kw_assertion,
	[KW_FULL_SOON] = kw_full_soon, [KW_AVAILABLE] = kw_absent,
	[KW_BUG] = kw_then, [KW_BIND] = kw_bind, [KW_CANNOT] = kw_cannot,
	[KW_CAN] = kw_can, [KW_COULD] = kw_could, [KW_CLEARED] = kw_then,
	[KW_CLOCK] = kw_then, [KW_CORE] = kw_then, [KW_CHECK] = kw_then,
	[KW_CLIENT] = kw_client, [KW_CONNECTION] = kw_connection,
	[KW_DISCARD] = kw_discard, [KW_DEFAULT] = kw_then,
	[KW_DOUBLE] = kw_then, [KW_DOES] = kw_does, [KW_DOESN] = kw_doesn,
	[KW_EXITING] = kw_exiting, [KW_EXPLANATION] = kw_explanation,
	[KW_FAIL] = kw_fail, [KW_FALLING] = kw_then,
	[KW_FUTURE] = kw_future, [KW_FOUND] = kw_absent, [KW_IS] = kw_is,
	[KW_ISN] = kw_doesn, [KW_LISTEN] = kw_listen, [KW_LINE] = kw_line,
	[KW_LOOP] = kw_loop, [KW_MAXIMUM] = kw_maximum,
	[KW_MONOTONIC] = kw_then, [KW_MEMORY] = kw_then,
	[KW_MISMATCH] = kw_mismatch, [KW_NEITHER] = kw_not,
	[KW_NAMED] = kw_absent, [KW_NOT] = kw_not, [KW_NO] = kw_no,
	[KW_OPTIONS] = kw_options, [KW_OUT] = kw_out,
	[KW_PARSED] = kw_parsed, [KW_RETRY_IN] = kw_retry_in,
	[KW_RESET] = kw_reset, [KW_REFUSING] = kw_refusing,
	[KW_SYNTAX] = kw_then, [KW_SEGMENTATION] = kw_then,
	[KW_STACK] = kw_then, [KW_SHUTTING] = kw_shutting,
	[KW_THERE] = kw_there, [KW_TIMED] = kw_timed, [KW_TRY] = kw_then,
	[KW_TOO] = kw_too, [KW_USING] = kw_using,
};

__attribute__((noinline)) void
wl_vocab_word(struct wl_scan *sc, size_t a, size_t b, uint64_t key,
    enum wl_kw k)
{
	if (k >= KW_EXPLAIN) {
		unembedded(sc, a, b, k);
		return;
	}
	if (wl_scan_embedded(sc, a, b))
		return;
	/* one jump, by the kind, to what the keyword means (the counted
	 * kinds, the commonest, all to one place) */
	meaning[k](sc, a, b, key, k);
}
