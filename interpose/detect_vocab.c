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
		char c0 = vocab[k].word[0], cl = vocab[k].word[len - 1];
		t->first_last[WL_VOCAB_FL(c0, cl)] |=
		    (uint16_t)(1u << ((len - 1) & 15));
		t->first_last[WL_VOCAB_FL(c0 - 32, cl)] |=
		    (uint16_t)(1u << ((len - 1) & 15));
	}
	/* the class names: a capital, any length over seven, and the last
	 * letter of "Error", "Exception" or "Warning" */
	for (char c0 = 'A'; c0 <= 'Z'; c0++) {
		t->first_last[WL_VOCAB_FL(c0, 'r')] = 0xffff;
		t->first_last[WL_VOCAB_FL(c0, 'n')] = 0xffff;
		t->first_last[WL_VOCAB_FL(c0, 'g')] = 0xffff;
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

/* Add one to the counter C when ADD, short of its ceiling, without a
 * branch on ADD. */
static inline void
bump_if(uint8_t *c, bool add)
{
	*c = (uint8_t)(*c + ((*c < 250) & add));
}

/* A word that counts by itself (KW_ERR to KW_EXITS): its counter; and a
 * problem or a warning, unless the message says there is none of it, in
 * the counter of unambiguous ones too when it is strong, or a problem
 * where a checksum or a signature is the subject (as wl_scan_err() and
 * wl_scan_warn() count). */
static inline void
counted(struct wl_scan *sc, size_t a, size_t b, enum wl_kw k)
{
	uint8_t *w = (uint8_t *)sc->w;
	if (k <= KW_WARN_STRONG) {
		if (wl_scan_negated(sc, a, b))
			return;
		bump_if(w + strong_at[k], k == KW_ERR_STRONG ||
		    k == KW_WARN_STRONG || (k == KW_ERR && sc->integrity));
	}
	wl_scan_bump(w + count_at[k]);
}

__attribute__((noinline)) void
wl_vocab_word(struct wl_scan *sc, size_t a, size_t b, uint64_t key,
    enum wl_kw k)
{
	struct wl_words *w = sc->w;
	struct wl_word nw;

#define THEN(lit) WL_THEN(sc, b, lit)
#define NEXT(lit) WL_WORD_IS(&nw, lit)
	if (k >= KW_EXPLAIN) {
		unembedded(sc, a, b, k);
		return;
	}
	if (wl_scan_embedded(sc, a, b))
		return;
	switch (k) {
	case KW_NONE:
		break;
	case KW_INTEGRITY: sc->integrity = true; break;
	case KW_ABORTING:
		wl_scan_err(sc, a, b, true);
		wl_scan_bump(&w->exits);
		break;
	case KW_ALREADY:	/* "already in use", "already exists" */
		if (wl_scan_next(sc, b, &nw) && NEXT("in") &&
		    WL_THEN(sc, nw.b, "use"))
			sc->in_use = true, wl_scan_bump(&w->err);
		else if (wl_scan_next(sc, b, &nw) && NEXT("exists"))
			wl_scan_bump(&w->err);
		break;
	case KW_ASSERTION: sc->assertion = true; break;
	case KW_FULL_SOON:	/* "almost full", "nearly full" */
		if (THEN("full"))
			wl_scan_warn(sc, a, b, false);
		break;
	case KW_AVAILABLE:
	case KW_FOUND:
	case KW_NAMED: /* "no X available", "no X found", "No module named" */
		if (wl_scan_take_no(sc, a))
			wl_scan_bump(&w->absent);
		break;
	case KW_BUG:	/* a program's own crash report */
		if (THEN("report"))
			wl_scan_bump(&w->crash);
		break;
	case KW_BIND: sc->listen = true; break;
	case KW_LISTEN:
		sc->listen = true;
		wl_scan_bump(&w->lifecycle);
		break;
	case KW_CANNOT:
		wl_scan_err(sc, a, b, true);
		if (THEN("continue"))
			wl_scan_bump(&w->exits);
		break;
	case KW_CAN:	/* "can't", "couldn't" */
		if (wl_scan_nt(sc, b))
			wl_scan_err(sc, a, b, true);
		break;
	case KW_COULD:	/* "could not", "could not start" */
		if (wl_scan_next(sc, b, &nw) && NEXT("not")) {
			wl_scan_err(sc, a, b, true);
			if (WL_THEN(sc, nw.b, "start"))
				wl_scan_bump(&w->start_fail);
		}
		break;
	case KW_CLEARED:
		if (THEN("cache"))
			wl_scan_bump(&w->detail);
		break;
	case KW_CLOCK:
		if (THEN("source"))
			wl_scan_bump(&w->detail);
		break;
	case KW_MONOTONIC:
		if (THEN("clock"))
			wl_scan_bump(&w->detail);
		break;
	case KW_MEMORY:
		if (THEN("usage"))
			wl_scan_bump(&w->detail);
		break;
	case KW_MAXIMUM:	/* a limit shown */
		if (wl_scan_next(sc, b, &nw) && NEXT("number") &&
		    WL_THEN(sc, nw.b, "of"))
			wl_scan_bump(&w->detail);
		break;
	case KW_CORE:
		if (THEN("dumped"))
			wl_scan_bump(&w->crash);
		break;
	case KW_CHECK:	/* glog's CHECK() */
		if (THEN("failed"))
			wl_scan_bump(&w->crash);
		break;
	case KW_CLIENT:	/* the client did it */
		if (wl_scan_next(sc, b, &nw) && (NEXT("sent") ||
		    NEXT("intended") || NEXT("closed") || NEXT("prematurely")))
			wl_scan_bump(&w->client);
		break;
	case KW_CONNECTION:	/* one client's comings and goings */
		if (wl_scan_next(sc, b, &nw) && (NEXT("received") ||
		    NEXT("authorized") || NEXT("accepted") ||
		    NEXT("established")))
			wl_scan_bump(&w->chatter);
		break;
	case KW_DISCARD: /* data thrown away: worth a warning at any level */
		wl_scan_bump(&w->recover);
		wl_scan_warn(sc, a, b, true);
		break;
	case KW_DEFAULT:	/* a configuration default shown */
		if (THEN("value"))
			wl_scan_bump(&w->detail);
		break;
	case KW_DOUBLE:
		if (THEN("free"))
			wl_scan_bump(&w->crash);
		break;
	case KW_DOES:	/* "does not exist", "did not match" */
		if (wl_scan_next(sc, b, &nw) && NEXT("not"))
			wl_scan_after_not(sc, nw.b);
		break;
	case KW_DOESN:
	case KW_ISN:	/* "doesn't exist", "isn't installed" */
		if (wl_scan_nt(sc, b))
			wl_scan_after_not(sc, b + 2);
		break;
	case KW_EXITING:
		wl_scan_bump(&w->exits);
		wl_scan_bump(&w->lifecycle);
		break;
	case KW_EXPLANATION:	/* "detailed explanations": help */
		if (wl_scan_prev_key(sc, a) == WL_K("detailed"))
			wl_scan_bump(&w->hint);
		break;
	case KW_FAIL:
		wl_scan_err(sc, a, b, true);
		if (sc->assertion && key == WL_K("failed"))
			wl_scan_bump(&w->crash);	/* assert() */
		if (wl_scan_next(sc, b, &nw) && NEXT("to") &&
		    WL_THEN(sc, nw.b, "start") && !wl_scan_starts_other(sc, nw.b))
			wl_scan_bump(&w->start_fail);
		break;
	case KW_FALLING:
		if (THEN("back"))
			wl_scan_bump(&w->recover);
		break;
	case KW_FUTURE:	/* a time stamp "in the future" */
		if (wl_scan_prev_key(sc, a) == WL_K("the"))
			wl_scan_warn(sc, a, b, false);
		break;
	case KW_IS:	/* "Is a directory" (EISDIR) */
		if (wl_scan_next(sc, b, &nw) && NEXT("a") &&
		    WL_THEN(sc, nw.b, "directory"))
			wl_scan_bump(&w->err);
		break;
	case KW_LINE:	/* "line 1 column 9": where the input broke */
		if (wl_scan_position(sc, b))
			wl_scan_bump(&w->err);
		break;
	case KW_LOOP:
		if (THEN("detected"))
			wl_scan_warn(sc, a, b, false);
		break;
	case KW_MISMATCH:
		wl_scan_err(sc, a, b, sc->integrity);
		break;
	case KW_NEITHER:
	case KW_NOT:
		wl_scan_after_not(sc, b);
		break;
	case KW_NO:
		if (!wl_scan_next(sc, b, &nw))
			break;
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
		break;
	case KW_OPTIONS:	/* "compile time options: ..." */
		if (b < sc->n && sc->s[b] == ':')
			wl_scan_bump(&w->detail);
		break;
	case KW_OUT:	/* "out of memory", not "4 out of 5" */
		if (THEN("of") && !wl_scan_after(sc, a, true))
			wl_scan_err(sc, a, b, true);
		break;
	case KW_PARSED:
		if (wl_scan_next(sc, b, &nw) && (NEXT("flag") ||
		    NEXT("option") || NEXT("config") || NEXT("configuration")))
			wl_scan_bump(&w->detail);
		break;
	case KW_RETRY_IN:	/* "retry in 5s", "will retry" */
		if (key == WL_K("will") ? THEN("retry") :
		    (wl_scan_next(sc, b, &nw) && (NEXT("in") ||
		    NEXT("after"))))
			wl_scan_bump(&w->retry);
		break;
	case KW_RESET:	/* "connection reset by peer" */
		if (wl_scan_prev_is(sc, a, "connection", 10))
			wl_scan_err(sc, a, b, true);
		break;
	case KW_REFUSING:
		wl_scan_err(sc, a, b, false);
		if (wl_scan_next(sc, b, &nw) && NEXT("to") &&
		    WL_THEN(sc, nw.b, "continue"))
			wl_scan_bump(&w->exits);
		break;
	case KW_SYNTAX:
		if (THEN("error"))
			wl_scan_bump(&w->syntax);
		break;
	case KW_SEGMENTATION:
		if (THEN("fault"))
			wl_scan_bump(&w->crash);
		break;
	case KW_STACK:
		if (THEN("smashing"))
			wl_scan_bump(&w->crash);
		break;
	case KW_SHUTTING:
		if (THEN("down")) {
			wl_scan_bump(&w->exits);
			wl_scan_bump(&w->lifecycle);
		}
		break;
	case KW_THERE:
		if (wl_skip_sp(sc->s, sc->n, 0) == a &&
		    wl_scan_next(sc, b, &nw) &&
		    (NEXT("is") || NEXT("are")))
			sc->there_is = true;
		break;
	case KW_TIMED:
		if (THEN("out"))
			wl_scan_err(sc, a, b, false);
		break;
	case KW_TRY:
		if (THEN("again"))
			wl_scan_bump(&w->retry);
		break;
	case KW_TOO:	/* "too low", "too many": a limit was hit */
		if (!wl_scan_next(sc, b, &nw))
			break;
		if (NEXT("low") || NEXT("large") || NEXT("long") ||
		    NEXT("many") || NEXT("small") || NEXT("big") ||
		    NEXT("short") || NEXT("old"))
			wl_scan_bump(&w->err);
		else if (NEXT("open") || NEXT("slow"))
			wl_scan_bump(&w->warn);
		break;
	case KW_USING:	/* "-- using x.out", ", using cached value" */
		if (wl_scan_after(sc, a, false) ||
		    (wl_scan_next(sc, b, &nw) &&
		        (NEXT("default") || NEXT("cached") ||
		            NEXT("fallback"))))
			wl_scan_bump(&w->recover);
		break;
	default:
		/* KW_ERR to KW_EXITS, the commonest keywords: all of them
		 * through the one jump table (not a test of their range
		 * first, which would often be mispredicted), to one place,
		 * where the jump went last time more often than not */
		counted(sc, a, b, k);
		break;
	}
#undef THEN
#undef NEXT
}
