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

/* Fill V (see wl_verdict_set in detect.h). */
#define set wl_verdict_set

/*
 * Where the three readers of a token find its end: cli_level() the end
 * of a run of letters and blanks (at most 16 bytes), prefix() the end of
 * a program's name (at most 80), location() the first ':' or blank (in
 * 256).  A diagnostic's first bytes are read for all three again and
 * again (at the start, and after each "prog: "), so they are classified
 * once, sixteen at a time; a run longer than that goes on byte by byte.
 */
struct lead {
	size_t alsp;	/* the end of the letters and blanks */
	size_t name;	/* the end of the name */
	size_t stop;	/* the first ':', ' ' or '\t' */
};

static inline __attribute__((always_inline)) void
lead_at(const char *s, size_t n, size_t i, struct lead *l)
{
	size_t nlim = n < i + 80 ? n : i + 80;
	size_t slim = n < i + 256 ? n : i + 256;
#if defined(__SSE2__)
	if (n - i >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		/* (c | 0x20) - 'a' <= 25 for letters, c - '+' <= 14 for
		 * "+,-./" and digits, unsigned: min() leaves them unchanged */
		__m128i y = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)),
		    _mm_set1_epi8('a'));
		__m128i alpha = _mm_cmpeq_epi8(_mm_min_epu8(y,
		    _mm_set1_epi8(25)), y);
		/* '+' .. '9' is "+,-./" and the digits: a name's bytes
		 * but ',' */
		__m128i d = _mm_sub_epi8(x, _mm_set1_epi8('+'));
		__m128i punct = _mm_andnot_si128(_mm_cmpeq_epi8(x,
		    _mm_set1_epi8(',')), _mm_cmpeq_epi8(_mm_min_epu8(d,
		    _mm_set1_epi8('9' - '+')), d));
		__m128i sp = _mm_cmpeq_epi8(x, _mm_set1_epi8(' '));
		__m128i stop = _mm_or_si128(_mm_or_si128(sp,
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('\t'))),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8(':')));
		__m128i name = _mm_or_si128(_mm_or_si128(alpha, punct),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('_')));
		/* bit 16 set: a run over all sixteen stops at the sixteenth */
		unsigned a = ~(unsigned)_mm_movemask_epi8(_mm_or_si128(alpha,
		    sp)) | 0x10000;
		unsigned nm = ~(unsigned)_mm_movemask_epi8(name) | 0x10000;
		unsigned st = (unsigned)_mm_movemask_epi8(stop) | 0x10000;
		l->alsp = i + (unsigned)__builtin_ctz(a);
		l->name = i + (unsigned)__builtin_ctz(nm);
		if (l->name == i + 16)
			l->name = wl_span(s, nlim, i + 16, WL_C_NAME);
		l->stop = i + (unsigned)__builtin_ctz(st);
		if (l->stop == i + 16)
			l->stop = wl_until(s, slim, i + 16,
			    WL_C_COLON | WL_C_SP | WL_C_TAB);
		return;
	}
#endif
	l->alsp = wl_span(s, n < i + 16 ? n : i + 16, i, WL_C_ALPHA | WL_C_SP);
	l->name = wl_span(s, nlim, i, WL_C_NAME);
	l->stop = wl_until(s, slim, i, WL_C_COLON | WL_C_SP | WL_C_TAB);
}

/*
 * Can a level word ("error:", "warning[E1]:"), a location ("f.c:3: ") or
 * a "prog: " / "prog[1]: " prefix start at I?  Each is a token ended by
 * ':' or '[' (a level word's may hold blanks, but has at most sixteen
 * letters and blanks), and the location's and the name's tokens end at a
 * blank.  So when the sixteen bytes from I hold a blank and no ':' or
 * '[', and the seventeenth is neither, none of them is there: most
 * messages fail here, on one load.  Returns bit 1 unless none can be
 * there; with CALL, bit 2 unless a '(' cannot end the name there
 * (strace's "call(": a blank comes first).
 */
enum { LEAD_TOKEN = 1, LEAD_CALL = 2 };

static inline unsigned
may_lead(const char *s, size_t n, size_t i, bool call)
{
#if defined(__SSE2__)
	size_t at = i, sh = 0;
	if (n - i < 16) {
		if (n < 16)
			return LEAD_TOKEN | LEAD_CALL;
		at = n - 16, sh = i - at;	/* the last sixteen */
	}
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
	__m128i c = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(':')),
	    _mm_cmpeq_epi8(x, _mm_set1_epi8('[')));
	__m128i b = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
	    _mm_cmpeq_epi8(x, _mm_set1_epi8('\t')));
	unsigned cm = (unsigned)_mm_movemask_epi8(c) >> sh;
	unsigned bm = (unsigned)_mm_movemask_epi8(b) >> sh;
	unsigned r = 0;
	if (call) {
		unsigned pm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x,
		    _mm_set1_epi8('('))) >> sh;
		/* a '(' before the first blank, or no blank */
		if ((pm & ((bm & -bm) - 1)) != 0)
			r = LEAD_CALL;
	}
	if (cm != 0 || bm == 0 || (i + 16 < n && (s[i + 16] == ':' ||
	    s[i + 16] == '[')))
		r |= LEAD_TOKEN;
	return r;
#else
	(void)s, (void)n, (void)i, (void)call;
	return LEAD_TOKEN | LEAD_CALL;
#endif
}

/*
 * A level word at the start of [s, s + n) followed by ':' (or "[code]:",
 * as rustc's "error[E0425]:"), B the end of the run of letters and
 * blanks there (lead_at).  Returns the canonical level for a
 * command-line tool, 0 for none; *end is past the colon.
 */
static __attribute__((noinline)) int
level_word(const char *s, size_t n, size_t b, size_t *end,
    bool *capital_note);

static inline int
cli_level(const char *s, size_t n, size_t b, size_t *end, bool *capital_note)
{
	/* the level word: at most 16 letters and blanks ("fatal error",
	 * "runtime error"); most lines fail this, inline.  The words below
	 * are 1 ("e"), 4 ("warn"), 5 ("error"), 6 ("notice"), 7
	 * ("warning"), 11, 13, 14 and 15 ("fatal exception") long. */
	const unsigned lens = 1u << 1 | 1u << 4 | 1u << 5 | 1u << 6 |
	    1u << 7 | 1u << 11 | 1u << 13 | 1u << 14 | 1u << 15;
	if (b >= n || b > 15 || !(lens >> b & 1) || (s[b] != ':' &&
	    s[b] != '['))
		return 0;
	return level_word(s, n, b, end, capital_note);
}

/* cli_level's reading of the word, ended at B by ':' or '['. */
static int
level_word(const char *s, size_t n, size_t b, size_t *end, bool *capital_note)
{
	/* packed like detect_words.c packs words (one load when eight
	 * bytes are there to read) */
	uint64_t key = 0;
	if (n >= 8) {
		__builtin_memcpy(&key, s, 8);
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
		key = __builtin_bswap64(key);
#endif
		key |= 0x2020202020202020ULL;
		if (b < 8)	/* the word's bytes only */
			key &= ~0ULL >> (64 - 8 * b);
	} else {
		for (size_t k = 0; k < b && k < 8; k++)
			key |= (uint64_t)((unsigned char)s[k] | 0x20) <<
			    (8 * k);
	}
	size_t wb = b;
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
	*capital_note = false;
#define W(lit) (wb == sizeof(lit) - 1 && key == WL_K(lit) && \
	(wb <= 8 || wl_ipfx(s, wb, lit, wb)))
	if (W("error") || W("fatal") || W("fatal error") || W("e") ||
	    W("runtime error") || W("internal error") || W("fatal exception"))
		return WL_SEV_ERROR;
	if (W("warning") || W("warn") || W("w"))
		return WL_SEV_WARN;
	if (W("note")) {
		*capital_note = s[0] == 'N';
		return WL_SEV_INFO;
	}
	if (W("hint") || W("help") || W("info") || W("remark"))
		return WL_SEV_INFO;
	if (W("notice") || W("n"))
		return WL_SEV_NOTICE;
	if (W("debug"))
		return WL_SEV_DEBUG;
#undef W
	/* single capital letters only as apt writes them */
	return 0;
}

/* A location "path:line[:col]: " at I, J the first ':' or blank from I
 * (lead_at); returns its end (past ": "), or I.  *col says whether there
 * was a column. */
static inline size_t
location(const char *s, size_t n, size_t i, size_t j, bool *col)
{
	size_t lim = n < i + 256 ? n : i + 256;
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

/* "prog: " (or "prog[123]: ") at I, J the end of the name there
 * (lead_at): a name without blanks.  Returns the end, or I. */
static inline size_t
prefix(const char *s, size_t n, size_t i, size_t j)
{
	size_t lim = n < i + 80 ? n : i + 80;
	if (j == i || j >= lim)
		return i;
	if (s[j] == '[' && (j = wl_skip_pid(s, n, j)) == 0)
		return i;
	if (j + 1 < n && s[j] == ':' && (s[j + 1] == ' ' || s[j + 1] == '\t'))
		return wl_skip_sp(s, n, j + 1);
	return i;
}

/* "java.lang.IllegalStateException: ", "KeyError: ": the head of a
 * stack trace or the last line of a traceback, not a program's name.
 * [s, s + end) is the prefix with its ": ". */
static bool
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
static size_t
tool_location(const char *s, size_t n, size_t i)
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

bool
wl_detect_cli(const char *s, size_t n, struct wl_verdict *v)
{
	size_t end;
	bool capital_note, col;
	int lv;

	v->body = 0;
	v->det = WL_DET_DEFAULT;
	if (n == 0)
		return false;
	unsigned first = may_lead(s, n, 0, true);
	if (wl_detect_shape_at(s, n, first & LEAD_CALL, v))
		return true;
	if (!(first & LEAD_TOKEN)) {
		if (perl_suffix(s, n))
			return set(v, WL_SEV_WARN, WL_DET_PERL, WL_K_GUESS, 0);
		return false;
	}

	/* "error: ...", "warning[E..]: ...", "E: ...", "Note: ..." */
	struct lead l;
	lead_at(s, n, 0, &l);
	if ((lv = cli_level(s, n, l.alsp, &end, &capital_note)) != 0 &&
	    (end > 2 || s[0] == 'E' || s[0] == 'W' || s[0] == 'N')) {
		lv = cli_adjust(s + end, n - end, lv, capital_note, v);
		return set(v, lv, WL_DET_CLI, kind_of(lv), end);
	}

	/* "f.c:3:7: warning: ...", "x.go:5:2: undefined: y" */
	size_t i = location(s, n, 0, l.stop, &col);
	if (i > 0) {
		const char *m = s + i;
		size_t mn = n - i, k;
		size_t b = wl_span(m, mn < 16 ? mn : 16, 0,
		    WL_C_ALPHA | WL_C_SP);
		if ((lv = cli_level(m, mn, b, &end, &capital_note)) != 0) {
			lv = cli_adjust(m + end, mn - end, lv, false, v);
			return set(v, lv, WL_DET_GCC, kind_of(lv), i + end);
		}
		/* Python's warnings: "f.py:3: DeprecationWarning: ..." */
		k = 0;
		while (k < mn && k < 48 && wl_alpha((unsigned char)m[k]))
			k++;
		if (k > 7 && k < mn && m[k] == ':' &&
		    WL_PFX(m + k - 7, 7, "Warning"))
			return set(v, WL_SEV_WARN, WL_DET_PYTHON, WL_K_FINAL,
			    i);
		if (WL_PFX(m, mn, "*** "))
			return set(v, WL_SEV_ERROR, WL_DET_MAKE, WL_K_FINAL, i);
		if (col) /* a compiler's diagnostic without a level word */
			return set(v, WL_SEV_ERROR, WL_DET_GCC, WL_K_FINAL, i);
		v->body = (uint32_t)i;
		return false;
	}

	/* "prog: [location: ]level: ...", "prog: *** ...", "prog: msg" */
	i = prefix(s, n, 0, l.name);
	if (i > 0 && exception_name(s, i))
		return set(v, WL_SEV_ERROR, WL_DET_JAVA, WL_K_LEVEL, i);
	if (i == 0) {
		if (perl_suffix(s, n))
			return set(v, WL_SEV_WARN, WL_DET_PERL, WL_K_GUESS, 0);
		return false;
	}
	v->det = WL_DET_CLI;
	bool located = false;
	for (int seg = 0; seg < 3 && i < n; seg++) {
		const char *m = s + i;
		size_t mn = n - i, j;
		bool lead = may_lead(s, n, i, false) & LEAD_TOKEN;
		if (lead) {
			lead_at(s, n, i, &l);
			if ((lv = cli_level(m, mn, l.alsp - i, &end,
			    &capital_note)) != 0 && end > 2) {
				lv = cli_adjust(m + end, mn - end, lv, false,
				    v);
				return set(v, lv, WL_DET_CLI, kind_of(lv),
				    i + end);
			}
		}
		if (WL_PFX(m, mn, "*** "))
			return set(v, WL_SEV_ERROR, WL_DET_MAKE, WL_K_FINAL,
			    i + 4);
		if ((wl_hint_lead(m, mn) && wl_is_hint(m, mn)) ||
		    WL_PFX(m, mn, "usage:") || WL_PFX(m, mn, "Usage:"))
			return set(v, WL_SEV_INFO, WL_DET_HINT, WL_K_FINAL, i);
		if ((m[0] == 'I' || m[0] == 'A') && wl_is_gcc_context(m, mn))
			return set(v, WL_SEV_WARN, WL_DET_GCC, WL_K_FINAL, i);
		if ((j = tool_location(s, n, i)) > i || (lead &&
		    (j = location(s, n, i, l.stop, &col)) > i)) {
			located = true;
			i = j;
			continue;
		}
		if (lead && (j = prefix(s, n, i, l.name)) > i) {
			i = j;
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
