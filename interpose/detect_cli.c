/*
 * detect_cli.c - command-line tools, compilers, traces and usage text.
 *
 * The GNU convention for a diagnostic is "program: message", often with a
 * location ("file:line: ", "line 3: ") and a level word ("error:",
 * "warning:", "fatal:", "note:").  Compilers put the location first
 * ("f.c:3:7: warning: ...").  apt writes "E: ", "W: ", "N: ".  A tool
 * that fails the one thing it was asked to do is ERROR even when it says
 * "fatal", because the tool, not a service, ends; "note:" and "hint:"
 * lines are help, INFO.
 *
 * Output that is not a diagnostic (traces, usage, hints) is recognised
 * first, by its shape (detect_shape.c).
 */
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "detect.h"
#include "detect_bytes.h"

/* Fill V (see wl_verdict_set in detect.h). */
#define set wl_verdict_set

/*
 * Where the readers of a token find its end: cli_level() the end of a
 * run of letters and blanks (at most 16 bytes), prefix() the end of a
 * program's name (at most 80), location() the first ':' or blank (in
 * 256).  A diagnostic's first bytes are read for all three again and
 * again (at the start, and after each "prog: "), so the sixteen bytes
 * from a token's start are loaded once and classified into the masks
 * below (bit k for byte I + k): whether a level word, a location or a
 * prefix can be there is then a test of a bit or two.  The name's mask
 * is made from the same load only when a ':' or '[' comes before the
 * first blank, as a prefix needs; a run longer than the sixteen goes on
 * sixteen bytes at a time.
 *
 * Where fewer than sixteen bytes are left, the masks hold those only: a
 * byte past the end is in no class, and STOP has the bit of the end
 * itself (as the byte loops stop there).
 */
struct win {
	uint32_t alsp;	/* letters and ' ' */
	uint32_t stop;	/* ':', ' ', '\t'; bit 16, or the end's */
	uint32_t brk;	/* ':' and '[' */
#if defined(__SSE2__)
	__m128i x;	/* the bytes: byte k of the window is byte SH + k */
	unsigned sh;
#endif
};

#if defined(__SSE2__)
/* The bytes of X that are a program's name's (alnum _ - . / +). */
static inline unsigned
name_mask(__m128i x)
{
	/* '+' to '9' is "+,-./" and the digits: a name's bytes but ',' */
	__m128i punct = _mm_andnot_si128(_mm_cmpeq_epi8(x,
	    _mm_set1_epi8(',')), wl_range16(x, '+', '9'));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
	    wl_alpha16(x), punct), _mm_cmpeq_epi8(x, _mm_set1_epi8('_'))));
}

/* The bytes of X that end a location's token: ':', ' ', '\t'. */
static inline unsigned
stop_mask(__m128i x)
{
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
	    _mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x,
	    _mm_set1_epi8('\t'))), _mm_cmpeq_epi8(x, _mm_set1_epi8(':'))));
}
#endif

/* Load and classify the sixteen bytes of [s, s + n) from I (I < n). */
static inline __attribute__((always_inline)) struct win
win_at(const char *s, size_t n, size_t i)
{
	struct win w;
	size_t r = n - i;
#if defined(__SSE2__)
	__m128i x;
	unsigned sh = 0;
	if (r >= 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
	} else if (n >= 16) {
		/* the last sixteen: shifting the masks down drops the bytes
		 * before I and brings zeros in past the end */
		x = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + n - 16));
		sh = (unsigned)(16 - r);
	} else {
		/* the few bytes, zeros after them: a zero byte is in no
		 * class */
		uint64_t hi, lo = wl_load_short((const unsigned char *)s + i,
		    r, &hi);
		x = _mm_set_epi64x((long long)hi, (long long)lo);
	}
	__m128i alpha = wl_alpha16(x);
	__m128i sp = _mm_cmpeq_epi8(x, _mm_set1_epi8(' '));
	__m128i colon = _mm_cmpeq_epi8(x, _mm_set1_epi8(':'));
	w.alsp = (unsigned)_mm_movemask_epi8(_mm_or_si128(alpha, sp)) >> sh;
	w.stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(sp,
	    colon), _mm_cmpeq_epi8(x, _mm_set1_epi8('\t')))) >> sh;
	w.brk = (unsigned)_mm_movemask_epi8(_mm_or_si128(colon,
	    _mm_cmpeq_epi8(x, _mm_set1_epi8('[')))) >> sh;
	w.x = x;
	w.sh = sh;
#else
	w.alsp = w.stop = w.brk = 0;
	for (size_t k = 0; k < 16 && k < r; k++) {
		unsigned c = wl_cls[(unsigned char)s[i + k]];
		w.alsp |= (uint32_t)((c & (WL_C_ALPHA | WL_C_SP)) != 0) << k;
		w.stop |= (uint32_t)((c & (WL_C_COLON | WL_C_SP |
		    WL_C_TAB)) != 0) << k;
		w.brk |= (uint32_t)(s[i + k] == ':' || s[i + k] == '[') << k;
	}
#endif
	w.stop |= r >= 16 ? 0x10000 : 1u << r;
	return w;
}

/* The mask of the window's bytes that are a name's (alnum _ - . / +). */
static inline unsigned
win_name_mask(const char *s, size_t n, size_t i, const struct win *w)
{
#if defined(__SSE2__)
	(void)s, (void)n, (void)i;
	return name_mask(w->x) >> w->sh;
#else
	unsigned m = 0;
	(void)w;
	for (size_t k = 0; k < 16 && i + k < n; k++)
		m |= (unsigned)((wl_cls[(unsigned char)s[i + k]] &
		    WL_C_NAME) != 0) << k;
	return m;
#endif
}

/* The end of a program's name whose first sixteen bytes from I all are
 * a name's: at most 80 bytes from I.  Apart: few names are that long. */
static __attribute__((noinline)) size_t
name_on(const char *s, size_t n, size_t i)
{
	size_t lim = n < i + 80 ? n : i + 80, j = i + 16;
#if defined(__SSE2__)
	while (j < lim && j + 16 <= n) {
		unsigned out = ~name_mask(_mm_loadu_si128((const __m128i *)
		    (const void *)(s + j))) & 0xffffu;
		if (out != 0) {
			j += (unsigned)__builtin_ctz(out);
			return j < lim ? j : lim;
		}
		j += 16;
	}
	if (j >= lim)
		return lim;
#endif
	return wl_span(s, lim, j, WL_C_NAME);
}

/* The first ':', ' ' or '\t' from I, when the sixteen bytes from I hold
 * none: in 256 bytes from I, or the end. */
static __attribute__((noinline)) size_t
stop_on(const char *s, size_t n, size_t i)
{
	size_t lim = n < i + 256 ? n : i + 256, j = i + 16;
#if defined(__SSE2__)
	while (j < lim && j + 16 <= n) {
		unsigned at = stop_mask(_mm_loadu_si128((const __m128i *)
		    (const void *)(s + j)));
		if (at != 0) {
			j += (unsigned)__builtin_ctz(at);
			return j < lim ? j : lim;
		}
		j += 16;
	}
	if (j >= lim)
		return lim;
#endif
	return wl_until(s, lim, j, WL_C_COLON | WL_C_SP | WL_C_TAB);
}

/* The end of the run of letters and blanks at the window's start,
 * relative to it (at most 16). */
static inline size_t
win_alsp(const struct win *w)
{
	return (unsigned)__builtin_ctz(~w->alsp | 0x10000);
}

/* The end of the program's name from I, whose window is W. */
static inline size_t
win_name(const char *s, size_t n, size_t i, const struct win *w)
{
	size_t j = i + (unsigned)__builtin_ctz(~win_name_mask(s, n, i, w) |
	    0x10000);
	return j < i + 16 ? j : name_on(s, n, i);
}

/* The first ':', ' ' or '\t' from I, whose window is W, in 256 bytes (or
 * the end). */
static inline size_t
win_stop(const char *s, size_t n, size_t i, const struct win *w)
{
	size_t j = i + (unsigned)__builtin_ctz(w->stop);
	/* a short window has the end's bit */
	return j < i + 16 || n - i < 16 ? j : stop_on(s, n, i);
}

/*
 * The level words, packed as detect_words.c packs a word (its first
 * eight letters and the rest), in a table of 32 indexed by a word's
 * first two letters and length: a lookup is one load and two compares,
 * with no branch per word.  Beside it, each slot's first two letters and
 * length (its signature), for a test of a token inline before its
 * letters are packed: most tokens of a level word's length are a
 * program's name ("bash:", "make:").  (The index is made of character
 * constants so that it is a constant; -Woverride-init would say if two
 * words took one slot.)
 */
#define LEVEL_WORDS(X) \
	X("error", 'e', 'r', ERROR) X("fatal", 'f', 'a', ERROR) \
	X("fatal error", 'f', 'a', ERROR) X("e", 'e', 0, ERROR) \
	X("runtime error", 'r', 'u', ERROR) \
	X("internal error", 'i', 'n', ERROR) \
	X("fatal exception", 'f', 'a', ERROR) \
	X("warning", 'w', 'a', WARN) X("warn", 'w', 'a', WARN) \
	X("w", 'w', 0, WARN) X("note", 'n', 'o', INFO) \
	X("hint", 'h', 'i', INFO) X("help", 'h', 'e', INFO) \
	X("info", 'i', 'n', INFO) X("remark", 'r', 'e', INFO) \
	X("notice", 'n', 'o', NOTICE) X("n", 'n', 0, NOTICE) \
	X("debug", 'd', 'e', DEBUG)
#define LW_IDX(c0, c1, len) ((((c0) + 7 * (c1) + 6 * (len)) >> 2) & 31)
#define LW_SIG(c0, c1, len) ((c0) | (c1) << 8 | (len) << 16)
#define LW(lit, c0, c1, sev) [LW_IDX(c0, c1, sizeof(lit) - 1)] = \
	{ WL_K(lit), WL_KT(lit), WL_SEV_##sev },
#define LW_S(lit, c0, c1, sev) [LW_IDX(c0, c1, sizeof(lit) - 1)] = \
	LW_SIG(c0, c1, sizeof(lit) - 1),

static const struct level_entry {
	uint64_t key, tail;
	uint8_t sev;
} level_words[32] = { LEVEL_WORDS(LW) };
static const uint32_t level_sig[32] = { LEVEL_WORDS(LW_S) };
#undef LW
#undef LW_S

/*
 * A level word at the start of [s, s + n) followed by ':' (or "[code]:",
 * as rustc's "error[E0425]:"), B the end of the run of letters and
 * blanks there.  Returns the canonical level for a command-line tool, 0
 * for none; *end is past the colon.
 */
static __attribute__((noinline)) int
level_word(const char *s, size_t n, size_t b, size_t *end,
    bool *capital_note);

/* The lengths of the level words, bit k for k letters and blanks: 1
 * ("e"), 4 ("warn"), 5 ("error"), 6 ("notice"), 7 ("warning"), 11, 13,
 * 14 and 15 ("fatal exception"). */
static const unsigned level_lens = 1u << 1 | 1u << 4 | 1u << 5 | 1u << 6 |
    1u << 7 | 1u << 11 | 1u << 13 | 1u << 14 | 1u << 15;

/* The level word at the start of [s, s + n), whose window is W. */
static inline int
cli_level(const char *s, size_t n, const struct win *w, size_t *end,
    bool *capital_note)
{
	/* the level word: at most 16 letters and blanks ("fatal error",
	 * "runtime error"), then ':' or '['; most lines fail this, on the
	 * masks */
	size_t b = win_alsp(w);
	if (!(level_lens >> b & w->brk >> b & 1))
		return 0;
	unsigned c0 = (unsigned char)s[0] | 0x20;
	unsigned c1 = b > 1 ? (unsigned char)s[1] | 0x20 : 0;
	if (level_sig[LW_IDX(c0, c1, b)] != LW_SIG(c0, c1, b))
		return 0;
	return level_word(s, n, b, end, capital_note);
}

/* cli_level's reading of the word, ended at B by ':' or '['. */
static int
level_word(const char *s, size_t n, size_t b, size_t *end, bool *capital_note)
{
	/* bit 5 lowers a capital and leaves a blank alone: the word has
	 * only letters and blanks */
	const uint64_t lower = 0x2020202020202020ULL;
	size_t wb = b;
	uint64_t key = (wl_load8(s, n, 0) | lower) & (wb >= 8 ? ~0ULL :
	    ~0ULL >> (64 - 8 * wb));
	uint64_t tail = wb > 8 ? (wl_load8(s, n, 8) | lower) &
	    (~0ULL >> (64 - 8 * (wb - 8))) : 0;
	if (s[b] == '[') {	/* error[E0425]: */
		while (b < n && b < 32 && s[b] != ']')
			b++;
		if (b >= n || s[b] != ']')
			return 0;
		b++;
	}
	if (b >= n || s[b] != ':' || (b + 1 < n && s[b + 1] != ' ' &&
	    s[b + 1] != '\t'))
		return 0;
	*end = b + 1;
	const struct level_entry *e = &level_words[LW_IDX((unsigned)(key &
	    0xff), (unsigned)(key >> 8 & 0xff), wb)];
	if (e->key != key || e->tail != tail)
		return 0;
	/* "Note:" gets its level from its words (cli_adjust) */
	*capital_note = wb == 4 && s[0] == 'N';
	return e->sev;
}
#undef LW_IDX
#undef LW_SIG
#undef LEVEL_WORDS

/* A location "path:line[:col]: " at I, whose window is W; returns its end
 * (past ": "), or I.  *col says whether there was a column. */
static inline __attribute__((always_inline)) size_t
location(const char *s, size_t n, size_t i, const struct win *w, bool *col)
{
	/* the first ':' or blank is a ':' (or not in the window): most
	 * tokens end at a blank */
	if (!(w->stop & -w->stop & (w->brk | 0x10000)))
		return i;
	size_t lim = n < i + 256 ? n : i + 256;
	size_t j = win_stop(s, n, i, w);
	if (j == i || j >= lim || s[j] != ':')
		return i;
	size_t k = wl_skip_digits(s, n, j + 1);
	if (k == j + 1 || k >= n || s[k] != ':')
		return i;
	*col = false;
	size_t m = wl_skip_digits(s, n, k + 1);
	if (m > k + 1 && m < n && s[m] == ':') {
		*col = true;
		k = m;
	}
	if (k + 1 < n && s[k + 1] == ' ')
		return k + 2;
	return i;
}

/* "prog: " (or "prog[123]: ") at I, whose window is W: a name without
 * blanks.  Returns the end, or I; *colon is the ':' after the name. */
static inline __attribute__((always_inline)) size_t
prefix(const char *s, size_t n, size_t i, const struct win *w, size_t *colon)
{
	/* a name ends at a ':' or '[' before the first blank (and the end),
	 * unless the window is all a name's */
	unsigned blank = w->stop & ~w->brk, b = blank & -blank;
	if (b != 0x10000 && !(w->brk & (b - 1)))
		return i;
	size_t lim = n < i + 80 ? n : i + 80;
	size_t j = win_name(s, n, i, w);
	if (j == i || j >= lim)
		return i;
	if (s[j] == '[' && (j = wl_skip_pid(s, n, j)) == 0)
		return i;
	if (j + 1 < n && s[j] == ':' && (s[j + 1] == ' ' || s[j + 1] == '\t')) {
		*colon = j;
		return wl_skip_sp(s, n, j + 1);
	}
	return i;
}

/* "java.lang.IllegalStateException: ", "KeyError: ": the head of a
 * stack trace or the last line of a traceback, not a program's name.
 * [s, s + end) is the prefix with its ": ". */
static __attribute__((noinline)) bool
exception_name(const char *s, size_t end)
{
	size_t e = end;
	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == ':'))
		e--;
	/* the suffix first: it rules out nearly every program's name */
	size_t k;
	if (e > 5 && WL_PFX(s + e - 5, 5, "Error"))
		k = 5;
	else if (e > 9 && WL_PFX(s + e - 9, 9, "Exception"))
		k = 9;
	else
		return false;
	size_t b = e - k;
	while (b > 0 && wl_alpha((unsigned char)s[b - 1]))
		b--;
	return e - b >= 6 && e - b > k && wl_upper((unsigned char)s[b]);
}

/* Locations tools put after their name: "line 3: ", "-c: line 1: ",
 * "cmd. line:1: ", "-e expression #1, char 5: ". */
static __attribute__((noinline)) size_t
tool_location_at(const char *s, size_t n, size_t i)
{
	const char *m = s + i;
	size_t mn = n - i, k;
	if (WL_PFX(m, mn, "line ") || WL_PFX(m, mn, "cmd. line:"))
		k = WL_PFX(m, mn, "line ") ? 5 : 10;
	else if (WL_PFX(m, mn, "-e expression #"))
		k = WL_FIND(m, mn, ": ");
	else
		return i;
	if (k < mn && wl_digit((unsigned char)m[k]))
		k = wl_skip_digits(m, mn, k);
	if (k + 1 < mn && m[k] == ':' && m[k + 1] == ' ')
		return i + k + 2;
	return i;
}

/* The kind of verdict a level word gives: problems stay open to the
 * words (a client's fault, a retry), help does not. */
static enum wl_kind
kind_of(int lv)
{
	return lv >= WL_SEV_WARN ? WL_K_LEVEL : WL_K_FINAL;
}

/* Perl's diagnostics end "at FILE line N." (warn, -w warnings, die). */
static bool
perl_suffix(const char *s, size_t n)
{
	if (n < 12 || s[n - 1] != '.')
		return false;
	size_t i = n - 1;
	while (i > 0 && wl_digit((unsigned char)s[i - 1]))
		i--;
	if (i == n - 1 || i < 6 || !WL_PFX(s + i - 6, 6, " line "))
		return false;
	i -= 6;
	size_t lim = i > 200 ? i - 200 : 0;
	while (i > lim && !(s[i - 1] == ' ' && i >= 4 &&
	    WL_PFX(s + i - 4, 4, " at ")))
		i--;
	return i > lim;
}

/* The level a capitalised "Note:" line gets from its own words (whose
 * reading of a number's value V records). */
static int
cli_adjust(const char *s, size_t n, int lv, bool capital_note,
    struct wl_verdict *v)
{
	struct wl_words w;
	if (capital_note) {
		/* "Note: switching to 'x'." is worth noticing; "Note:
		 * Recompile with -Xlint for details." is a hint. */
		if (WL_HAS(s, n, " for details") || WL_PFX(s, n, " Recompile"))
			return WL_SEV_INFO;
		wl_words_scan(s, n, &w);
		v->values |= w.values;
		return w.warn || w.err ? WL_SEV_WARN : WL_SEV_NOTICE;
	}
	return lv;
}

/* Can the window at the line's start be strace's "call(": is there a
 * '(' before its first ':' or blank, or neither in it?  (A system call's
 * name has none of them.) */
static inline bool
win_call(const struct win *w)
{
#if defined(__SSE2__)
	unsigned paren = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w->x,
	    _mm_set1_epi8('('))) >> w->sh | 0x10000;
	return (paren & ((w->stop & -w->stop) * 2 - 1)) != 0;
#else
	(void)w;
	return true;
#endif
}

/*
 * What can follow "prog: " by its first byte, besides a level word, a
 * location or another name: make's "*** ", a hint or usage, gcc's
 * context, a tool's location ("line 3: ").  Most messages start with
 * none of these bytes: one load rules all of them out.  Beside the
 * lead, for plain_message(): the lower-case letters the shape's second
 * byte can be (bit 0 'a'; ANY for any byte), the first four bytes of the
 * tool's location the byte starts ("line", "cmd.", "-e e"), and where
 * the first blank is in the level words of two that start with the
 * byte, in either case ("fatal error", "FATAL ERROR": 5).
 */
enum { SEG_MAKE = 1, SEG_HINT = 2, SEG_GCC = 4, SEG_TOOL = 8 };

#define ANY WL_NEXT_ANY
#define L(c) WL_NEXT(c)
#define HINT(c, next) [c] = { next, 0, SEG_HINT, 0 }

static const struct seg_first {
	uint32_t next, tool;
	uint8_t lead, blank;
} seg_lead[256] = {
	['*'] = { ANY, 0, SEG_MAKE, 0 },
	HINT('(', ANY), HINT('C', L('o')), HINT('D', L('i')),
	HINT('P', L('l')), HINT('S', L('e')),
	HINT('T', L('o') | L('r') | L('y')), HINT('U', L('s')),
	HINT('t', L('r')), HINT('u', L('s')),
	['F'] = { L('o'), 0, SEG_HINT, 5 }, ['R'] = { L('u'), 0, SEG_HINT, 7 },
	['I'] = { L('n'), 0, SEG_GCC, 8 }, ['A'] = { L('t'), 0, SEG_GCC, 0 },
	['l'] = { 0, WL_LEAD4('l', 'i', 'n', 'e'), SEG_TOOL, 0 },
	['c'] = { 0, WL_LEAD4('c', 'm', 'd', '.'), SEG_TOOL, 0 },
	['-'] = { 0, WL_LEAD4('-', 'e', ' ', 'e'), SEG_TOOL, 0 },
	['f'] = { .blank = 5 }, ['r'] = { .blank = 7 }, ['i'] = { .blank = 8 },
};
#undef HINT
#undef L
#undef ANY

/* tool_location_at, for the tokens that start as one of its locations
 * (a byte of seg_lead's SEG_TOOL at I): one load of four bytes rules the
 * others out. */
static inline size_t
tool_location(const char *s, size_t n, size_t i)
{
	if (n - i < 5 || wl_lead4(s + i) != seg_lead[(unsigned char)s[i]].tool)
		return i;
	return tool_location_at(s, n, i);
}

/* After "prog: " at I: make's "*** ", a hint or usage text, gcc's
 * context; sets V and returns true for one of them. */
static __attribute__((noinline)) bool
segment_shape(const char *s, size_t n, size_t i, unsigned lead,
    struct wl_verdict *v)
{
	const char *m = s + i;
	size_t mn = n - i;
	if ((lead & SEG_MAKE) && WL_PFX(m, mn, "*** "))
		return set(v, WL_SEV_ERROR, WL_DET_MAKE, WL_K_FINAL, i + 4);
	if ((lead & SEG_HINT) && ((wl_hint_lead(m, mn) && wl_is_hint(m, mn)) ||
	    WL_PFX(m, mn, "usage:") || WL_PFX(m, mn, "Usage:")))
		return set(v, WL_SEV_INFO, WL_DET_HINT, WL_K_FINAL, i);
	if ((lead & SEG_GCC) && wl_is_gcc_context(m, mn))
		return set(v, WL_SEV_WARN, WL_DET_GCC, WL_K_FINAL, i);
	return false;
}

/*
 * After a location at the line's start, [s, s + i) ("f.c:3:7: "): a
 * compiler's level word, Python's warning class, make's "*** ".  COL
 * says the location had a column.  Apart from wl_detect_cli, as is
 * tool_segments(): each needs registers the line's first tests do not,
 * and most lines end there.
 */
static __attribute__((noinline)) bool
compiler_diag(const char *s, size_t n, size_t i, bool col,
    struct wl_verdict *v)
{
	const char *m = s + i;
	size_t mn = n - i, k, end;
	bool capital_note;
	int lv;
	if (mn > 0) {	/* the location can end the line */
		struct win w = win_at(s, n, i);
		if ((lv = cli_level(m, mn, &w, &end, &capital_note)) != 0) {
			lv = cli_adjust(m + end, mn - end, lv, false, v);
			return set(v, lv, WL_DET_GCC, kind_of(lv), i + end);
		}
	}
	/* Python's warnings: "f.py:3: DeprecationWarning: ..." */
	k = 0;
	while (k < mn && k < 48 && wl_alpha((unsigned char)m[k]))
		k++;
	if (k > 7 && k < mn && m[k] == ':' && WL_PFX(m + k - 7, 7, "Warning"))
		return set(v, WL_SEV_WARN, WL_DET_PYTHON, WL_K_FINAL, i);
	if (WL_PFX(m, mn, "*** "))
		return set(v, WL_SEV_ERROR, WL_DET_MAKE, WL_K_FINAL, i);
	if (col) /* a compiler's diagnostic without a level word */
		return set(v, WL_SEV_ERROR, WL_DET_GCC, WL_K_FINAL, i);
	v->body = (uint32_t)i;
	return false;
}

/*
 * Can nothing tool_segments() looks for start at I, just after "prog: ",
 * as the window W at AT (I - AT < 16) tells?  Most messages ("cannot
 * stat 'x': No such file or directory") have a blank before any ':' or
 * '[', which rules out a location and another name, and a first byte
 * that starts no other shape; the window at I (and the call) is then
 * not needed.  A level word needs a ':' or '[' after its letters and
 * blanks, so one with a blank before any ':' or '[' is one of the words
 * of two ("fatal error", "runtime error", "internal error"): its first
 * letter and the blank's place tell (seg_lead).  Where the line goes on
 * past the window, its bit 16 marks where the window's knowledge stops,
 * and a first blank not before it is left to tool_segments().  Returns
 * true only when tool_segments() would find nothing at I.
 */
static inline bool
plain_message(const char *s, size_t n, size_t i, size_t at,
    const struct win *w)
{
	unsigned d = (unsigned)(i - at), lo = 1u << d;
	/* the first ':', ' ' or '\t' from I, and the ':' or '[' up to it */
	unsigned stop = w->stop & -lo, first = stop & -stop;
	if ((first & 0x10000) | (w->brk & (first * 2 - lo)))
		return false;
	unsigned p = (unsigned)__builtin_ctz(stop) - d;
	const struct seg_first *f = &seg_lead[(unsigned char)s[i]];
	/* a message too short for the four bytes is left to the table's
	 * zero */
	uint32_t w4 = n - i >= 5 ? wl_lead4(s + i) : 0;
	/* segment_shape()'s words, by their first two bytes */
	bool shape = wl_next_has(f->next, (unsigned char)(w4 >> 8));
	return !(shape | (f->blank == p) | (f->tool == w4));
}

/*
 * After "prog: " ([s, s + i)): "[location: ]level: ...", "*** ...", a
 * hint, "prog2: ...", or the message.  Returns true with V filled for a
 * level; else v->body is where the message starts.
 */
static __attribute__((noinline)) bool
tool_segments(const char *s, size_t n, size_t i, struct wl_verdict *v)
{
	size_t end, colon;
	bool capital_note, col, located = false;
	int lv;
	for (int seg = 0; seg < 3 && i < n; seg++) {
		const char *m = s + i;
		size_t mn = n - i, j;
		struct win w = win_at(s, n, i);
		if ((lv = cli_level(m, mn, &w, &end, &capital_note)) != 0 &&
		    end > 2) {
			lv = cli_adjust(m + end, mn - end, lv, false, v);
			return set(v, lv, WL_DET_CLI, kind_of(lv), i + end);
		}
		unsigned lead = seg_lead[(unsigned char)m[0]].lead;
		if ((lead & ~SEG_TOOL) && segment_shape(s, n, i, lead, v))
			return true;
		if (((lead & SEG_TOOL) && (j = tool_location(s, n, i)) > i) ||
		    (j = location(s, n, i, &w, &col)) > i) {
			located = true;
			i = j;
			continue;
		}
		if ((j = prefix(s, n, i, &w, &colon)) > i) {
			/* the next segment is most often the message */
			bool plain = j < n && j - i < 16 &&
			    plain_message(s, n, j, i, &w);
			i = j;
			if (plain)
				break;
			continue;
		}
		break;
	}
	/* A tool that points at a line of its input ("gawk: cmd. line:1:
	 * {print $1") is reporting a problem there, unless its words say
	 * it is only a warning. */
	if (located)
		return set(v, WL_SEV_ERROR, WL_DET_CLI, WL_K_GUESS, i);
	v->body = (uint32_t)i;
	return false;
}

bool
wl_detect_cli(const char *s, size_t n, struct wl_verdict *v)
{
	size_t end;
	bool capital_note, col;
	int lv;
	struct win w;

	v->body = 0;
	v->det = WL_DET_DEFAULT;
	if (n == 0)
		return false;
	w = win_at(s, n, 0);
	if (wl_detect_shape_at(s, n, win_call(&w), v))
		return true;

	/* "error: ...", "warning[E..]: ...", "E: ...", "Note: ..." */
	if ((lv = cli_level(s, n, &w, &end, &capital_note)) != 0 &&
	    (end > 2 || s[0] == 'E' || s[0] == 'W' || s[0] == 'N')) {
		lv = cli_adjust(s + end, n - end, lv, capital_note, v);
		return set(v, lv, WL_DET_CLI, kind_of(lv), end);
	}

	/* "f.c:3:7: warning: ...", "x.go:5:2: undefined: y" */
	size_t i = location(s, n, 0, &w, &col);
	if (i > 0)
		return compiler_diag(s, n, i, col, v);

	/* "prog: [location: ]level: ...", "prog: *** ...", "prog: msg" */
	size_t colon = 0;
	i = prefix(s, n, 0, &w, &colon);
	if (i == 0) {
		if (perl_suffix(s, n))
			return set(v, WL_SEV_WARN, WL_DET_PERL, WL_K_GUESS, 0);
		return false;
	}
	/* an exception's name ends "Error" or "Exception" at the colon */
	if ((s[colon - 1] == 'r' || s[colon - 1] == 'n') &&
	    exception_name(s, i))
		return set(v, WL_SEV_ERROR, WL_DET_JAVA, WL_K_LEVEL, i);
	v->det = WL_DET_CLI;
	if (i < n && i < 16 && plain_message(s, n, i, 0, &w)) {
		v->body = (uint32_t)i;
		return false;
	}
	return tool_segments(s, n, i, v);
}
