/*
 * classify.c - the classification stage: one level per event.
 *
 * The evidence, strongest first:
 *   1. the shape of a record that ends a process (a traceback, a panic);
 *   2. the level field of a known format (JSON, logfmt, glog, nginx,
 *      "2026-... [main] WARN ...", "prog: error: ...");
 *   3. the level the channel claimed: the syslog priority, or an
 *      sd-daemon "<N>" prefix;
 *   4. the words of the message ("failed", "cannot", "deprecated"), read
 *      with their negations ("0 errors", "no errors found").
 * The words still adjust 2 and 3 in a few well-defined ways: a failure
 * that is being retried, was recovered from, or was caused by a client
 * is WARN; an error after which the process says it exits is FATAL; a
 * start-up banner sent at a warning priority is INFO.
 *
 * A stderr line that continues the line before it (indentation, stack
 * frames, PostgreSQL's DETAIL) takes that line's level; the calling
 * thread keeps the last level in thread-local storage (initial-exec: no
 * allocation, safe in a signal handler).
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "classify.h"
#include "detect.h"
#include "guard.h"
#include "level.h"
#include "memo.h"

/* The last level per thread and source, for continuation lines. */
static WL_TLS uint8_t last_sev[2];

void
wl_classify_forget(void)
{
	last_sev[0] = last_sev[1] = 0;
}

struct res {
	uint8_t sev;
	uint8_t det;
	uint8_t kind; /* enum wl_kind: NONE when nothing but the default */
	uint8_t values;	/* a number's value decided (detect.h) */
};

static void
put(struct res *r, int sev, enum wl_det det, enum wl_kind kind)
{
	r->sev = (uint8_t)sev;
	r->det = (uint8_t)det;
	r->kind = (uint8_t)kind;
}

/* A level field of the program's own, moved only by strong words. */
static void
adjust_level(const struct wl_verdict *v, const struct wl_words *w,
    struct res *r)
{
	int lv = v->sev;
	/* A command-line tool that says it exits has failed its one job:
	 * ERROR, not FATAL (that is for services and crashes). */
	bool tool = v->det == WL_DET_CLI || v->det == WL_DET_GCC ||
	    v->det == WL_DET_MAKE;

	put(r, lv, (enum wl_det)v->det, WL_K_LEVEL);
	if (lv == WL_SEV_WARN && w->integrity) {
		/* A checksum or signature that does not match is bad data,
		 * whatever the program calls it. */
		put(r, WL_SEV_ERROR, WL_DET_KW_ERROR, WL_K_LEVEL);
	} else if (w->crash && lv >= WL_SEV_WARN) {
		put(r, WL_SEV_FATAL, WL_DET_CRASH, WL_K_LEVEL);
	} else if (lv >= WL_SEV_ERROR) {
		if (w->retry)
			put(r, WL_SEV_WARN, WL_DET_KW_RETRY, WL_K_LEVEL);
		else if (w->client)
			put(r, WL_SEV_WARN, WL_DET_KW_CLIENT, WL_K_LEVEL);
		else if (w->recover && !w->exits && !w->syntax)
			put(r, WL_SEV_WARN, WL_DET_KW_RECOVER, WL_K_LEVEL);
		else if (lv < WL_SEV_FATAL && w->start_fail && !tool)
			put(r, WL_SEV_FATAL, WL_DET_KW_START, WL_K_LEVEL);
		else if (lv < WL_SEV_FATAL && w->exits && !tool)
			put(r, WL_SEV_FATAL, WL_DET_KW_EXIT, WL_K_LEVEL);
	} else if (lv == WL_SEV_WARN) {
		if (w->start_fail && !tool)
			put(r, WL_SEV_FATAL, WL_DET_KW_START, WL_K_LEVEL);
	} else if ((lv == WL_SEV_INFO || lv == WL_SEV_NOTICE) &&
	    w->warn_strong) {
		put(r, WL_SEV_WARN, WL_DET_KW_SECURITY, WL_K_LEVEL);
	} else if (lv == WL_SEV_NOTICE && w->lifecycle && !w->err && !w->warn) {
		/* start, stop, ready: routine, whatever level it was sent at */
		put(r, WL_SEV_INFO, WL_DET_KW_LIFECYCLE, WL_K_LEVEL);
	} else if (lv == WL_SEV_INFO && (w->chatter || w->detail) &&
	    !w->err && !w->warn) {
		/* one connection's comings and goings, a setting shown */
		put(r, WL_SEV_DEBUG, WL_DET_KW_DETAIL, WL_K_LEVEL);
	}
}

/* The level the channel claimed (syslog priority, sd-daemon prefix). */
static void
adjust_claim(int claim, const struct wl_words *w, struct res *r)
{
	put(r, claim, WL_DET_SYSLOG, WL_K_LEVEL);
	if (w->crash) {
		put(r, WL_SEV_FATAL, WL_DET_CRASH, WL_K_LEVEL);
	} else if (claim >= WL_SEV_ERROR) {
		if (w->retry)
			put(r, WL_SEV_WARN, WL_DET_KW_RETRY, WL_K_LEVEL);
		else if (w->client)
			put(r, WL_SEV_WARN, WL_DET_KW_CLIENT, WL_K_LEVEL);
		else if (w->recover && !w->exits && !w->syntax)
			put(r, WL_SEV_WARN, WL_DET_KW_RECOVER, WL_K_LEVEL);
		else if (w->start_fail)
			put(r, WL_SEV_FATAL, WL_DET_KW_START, WL_K_LEVEL);
		else if (w->exits && (w->err || claim > WL_SEV_ERROR))
			put(r, WL_SEV_FATAL, WL_DET_KW_EXIT, WL_K_LEVEL);
		else if (claim > WL_SEV_ERROR && w->lifecycle && !w->err &&
		    !w->warn)
			put(r, WL_SEV_INFO, WL_DET_KW_LIFECYCLE, WL_K_LEVEL);
		else if (claim == WL_SEV_FATAL)
			/* "emerg" says the system is unusable, not that
			 * this process ends: FATAL is for that */
			put(r, WL_SEV_ALERT, WL_DET_NO_EXIT, WL_K_LEVEL);
	} else if (claim == WL_SEV_WARN || claim == WL_SEV_NOTICE) {
		if (w->start_fail)
			put(r, WL_SEV_FATAL, WL_DET_KW_START, WL_K_LEVEL);
		else if (w->lifecycle && !w->err && !w->warn)
			put(r, WL_SEV_INFO, WL_DET_KW_LIFECYCLE, WL_K_LEVEL);
		else if (claim == WL_SEV_NOTICE && w->err_strong &&
		    !w->retry && !w->recover)
			put(r, WL_SEV_ERROR, WL_DET_KW_ERROR, WL_K_LEVEL);
	} else if (w->audit && claim >= WL_SEV_INFO) {
		put(r, WL_SEV_NOTICE, WL_DET_KW_AUDIT, WL_K_LEVEL);
	} else if (w->err_strong && !w->retry && !w->recover) {
		/* A failure the program itself rated as debug output is
		 * something it tolerates: a warning, not an error. */
		put(r, claim <= WL_SEV_DEBUG ? WL_SEV_WARN : WL_SEV_ERROR,
		    WL_DET_KW_ERROR, WL_K_LEVEL);
	} else if (w->retry && claim >= WL_SEV_INFO) {
		put(r, WL_SEV_WARN, WL_DET_KW_RETRY, WL_K_LEVEL);
	}
	if (r->sev == WL_SEV_INFO || (r->sev == WL_SEV_NOTICE &&
	    r->det == WL_DET_SYSLOG)) {
		if (w->detail && !w->err && !w->warn)
			put(r, WL_SEV_DEBUG, WL_DET_KW_DETAIL, WL_K_LEVEL);
	}
}

/* Does the message end in a question mark (a prompt)? */
static bool
question(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n > 0 && s[n - 1] == '?';
}

/* Is there an operand in quotes: 'x', `x', \u2018x\u2019?  (Only the
 * first opening quote is looked at: any later one closes after it.) */
static bool
quoted(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++) {
		if (s[i] == '\'' || s[i] == '`')
			return memchr(s + i + 2, '\'', n - i - 2) != NULL;
		if ((unsigned char)s[i] == 0xe2 &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x98)
			return true;
	}
	return false;
}

/*
 * No level but the words: the keyword fallback.  HEADED says the line
 * had a daemon's header (a time stamp), TOOL that it had a command-line
 * tool's "prog: " prefix; [s, s + n) is the message.
 */
static void
guess(const struct wl_verdict *v, const struct wl_words *w, bool headed,
    bool tool, const char *s, size_t n, struct res *r)
{
	if (v->kind == WL_K_GUESS)
		put(r, v->sev, (enum wl_det)v->det, WL_K_GUESS);
	else
		put(r, WL_SEV_INFO, WL_DET_DEFAULT, WL_K_NONE);
	/* the counts or'ed, one test: a branch on each went either way */
	if (r->kind == WL_K_NONE && (w->err | w->warn | w->crash | w->absent |
	    w->retry | w->recover) == 0) {
		if (headed && w->detail)
			put(r, WL_SEV_DEBUG, WL_DET_KW_DETAIL, WL_K_GUESS);
		/* GNU tools quote the operand a diagnostic is about:
		 * "cp: 'a' and 'a' are the same file".  Not a prompt
		 * ("remove 'x'? "), not a report of success. */
		else if (tool && !w->success && !w->lifecycle &&
		    quoted(s, n) && !question(s, n))
			put(r, WL_SEV_ERROR, WL_DET_CLI, WL_K_GUESS);
		return;
	}
	if (w->crash)
		put(r, WL_SEV_FATAL, WL_DET_CRASH, WL_K_GUESS);
	else if (w->hint)	/* "For more, try `rustc --explain E0308`" */
		put(r, WL_SEV_INFO, WL_DET_HINT, WL_K_GUESS);
	else if (w->err) {
		if (w->retry)
			put(r, WL_SEV_WARN, WL_DET_KW_RETRY, WL_K_GUESS);
		else if (w->client)
			put(r, WL_SEV_WARN, WL_DET_KW_CLIENT, WL_K_GUESS);
		else if (w->recover && !w->syntax)
			put(r, WL_SEV_WARN, WL_DET_KW_RECOVER, WL_K_GUESS);
		else if (w->start_fail)
			put(r, WL_SEV_FATAL, WL_DET_KW_START, WL_K_GUESS);
		else
			put(r, WL_SEV_ERROR, WL_DET_KW_ERROR, WL_K_GUESS);
	} else if (w->absent)
		put(r, WL_SEV_ERROR, WL_DET_KW_ABSENT, WL_K_GUESS);
	else if (w->retry)
		put(r, WL_SEV_WARN, WL_DET_KW_RETRY, WL_K_GUESS);
	else if (w->warn || w->recover)
		put(r, WL_SEV_WARN, w->warn ? WL_DET_KW_WARN :
		    WL_DET_KW_RECOVER, WL_K_GUESS);
}

/* The end of the blanks that start [s, s + n).  Sixteen bytes in one
 * test: the depth of an indentation varies from line to line, and a
 * loop over it mispredicted its end. */
static inline size_t
indent(const char *s, size_t n)
{
#if defined(__SSE2__)
	if (n >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
		unsigned in = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
		    _mm_cmpeq_epi8(x, _mm_set1_epi8('\t'))));
		unsigned out = ~in & 0xffffu;
		if (out != 0)
			return (unsigned)__builtin_ctz(out);
		return wl_skip_sp(s, n, 16);
	}
#endif
	return wl_skip_sp(s, n, 0);
}

/* A command line shown as usage: a lower-case command at C (the end of
 * the line's indentation), then a placeholder: "git remote add <name>
 * <url>" (not a stack frame: "File \"x.py\", line 3, in <module>", "at
 * x.<init>(X.java:1)"). */
static bool
placeholder(const char *s, size_t n, size_t c)
{
	size_t e = wl_span_lower(s, n, c, n, false);
	if (e == c || e >= n || s[e] != ' ' || (e - c == 2 && s[c] == 'a' &&
	    s[c + 1] == 't'))
		return false;
	for (size_t i = e; i + 2 < n; i++) {
		/* not a type argument: "auto_ptr<int>", "List<String>" */
		if (s[i] != '<' || !(s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
		    (i > 0 && (wl_alpha((unsigned char)s[i - 1]) ||
		    wl_digit((unsigned char)s[i - 1]) || s[i - 1] == '_')))
			continue;
		size_t j = i + 1;
		while (j < n && (wl_alpha((unsigned char)s[j]) || s[j] == '-' ||
		    s[j] == '_'))
			j++;
		if (j < n && s[j] == '>')
			return true;
	}
	return false;
}

/* Can byte C start or be part of a word: a letter, a digit, or a byte
 * of a multibyte character?  One table test, not a branch per class
 * (which of the three a line's first byte is varies). */
static inline bool
word_byte(unsigned char c)
{
	return (wl_cls[c] & (WL_C_ALPHA | WL_C_DIGIT | WL_C_HIGH)) != 0;
}

/*
 * Does this line continue the one before?  Indented, except for a status
 * line right-aligned to a column ("   Compiling x", "    Finished ..."),
 * or without a letter or a digit at all.
 */
static bool
continues(const char *s, size_t n)
{
	if (wl_space((unsigned char)s[0])) {
		size_t i = indent(s, n), j = i + 1;
		if (placeholder(s, n, i))
			return false; /* "    git remote add <name> <url>" */
		if (i >= n || !wl_upper((unsigned char)s[i]))
			return true;
		while (j < n && s[j] >= 'a' && s[j] <= 'z')
			j++;
		bool verb = j - i > 4 && j < n && s[j] == ' ' &&
		    (WL_PFX(s + j - 3, 3, "ing") || WL_PFX(s + j - 2, 2, "ed"));
		return !verb;
	}
	for (size_t i = 0; i < n && i < 64; i++)
		if (word_byte((unsigned char)s[i]))
			return false;
	return n <= 64;
}

/*
 * What a message holds that decides which readings it needs: a newline
 * (a record of several lines) and an '=' (without one it cannot be
 * logfmt).  One pass for both, sixteen bytes at a time: a memchr() for
 * each cost its set-up twice and a branch on the length that the varied
 * lengths of a program's lines make hard to predict.
 */
enum { MARK_NL = 1, MARK_EQ = 2 };

static inline unsigned
marks(const char *s, size_t n)
{
	unsigned m = 0;
#if defined(__SSE2__)
	if (n >= 16) {
		const __m128i nl = _mm_set1_epi8('\n'), eq = _mm_set1_epi8('=');
		__m128i a = _mm_setzero_si128(), b = _mm_setzero_si128(), x;
		/* 128 bytes a step, in eight loads none of which starts past
		 * the last sixteen: a line of up to 128 bytes takes one step
		 * and no branch on its length (a byte read twice is still
		 * one '='); with 64 a step, whether a line takes a second
		 * one went either way from line to line */
		for (size_t i = 0, last = n - 16;; i += 128) {
#define MARKS16(o) do { \
	x = _mm_loadu_si128((const __m128i *)(const void *)(s + (o))); \
	a = _mm_or_si128(a, _mm_cmpeq_epi8(x, nl)); \
	b = _mm_or_si128(b, _mm_cmpeq_epi8(x, eq)); \
} while (0)
			MARKS16(i < last ? i : last);
			MARKS16(i + 16 < last ? i + 16 : last);
			MARKS16(i + 32 < last ? i + 32 : last);
			MARKS16(i + 48 < last ? i + 48 : last);
			MARKS16(i + 64 < last ? i + 64 : last);
			MARKS16(i + 80 < last ? i + 80 : last);
			MARKS16(i + 96 < last ? i + 96 : last);
			MARKS16(i + 112 < last ? i + 112 : last);
#undef MARKS16
			if (i + 128 >= n)
				break;
		}
		if (_mm_movemask_epi8(a) != 0)
			m |= MARK_NL;
		if (_mm_movemask_epi8(b) != 0)
			m |= MARK_EQ;
		return m;
	}
#endif
	for (size_t i = 0; i < n; i++)
		m |= (s[i] == '\n' ? MARK_NL : 0) | (s[i] == '=' ? MARK_EQ : 0);
	return m;
}

/* One line [s, s + n) (no newline inside). PREV is the level of the line
 * before (0 if unknown), CLAIM the channel's level (0 if none); EQ false
 * when the line is known to hold no '='.  Always inlined: a frame less
 * to build and tear down for every line. */
static inline __attribute__((always_inline)) void
classify_line(const char *s, size_t n, int claim, bool stderr_src, int prev,
    bool eq, struct res *r)
{
	struct wl_verdict v = { 0 };
	struct wl_words w;

	r->values = 0;
	if (n == 0) {
		if (claim)
			put(r, claim, WL_DET_SYSLOG, WL_K_LEVEL);
		else
			put(r, WL_SEV_INFO, WL_DET_DEFAULT, WL_K_NONE);
		return;
	}
	/* An indented stderr line continues the one before: a source
	 * excerpt, a stack frame, an option's description.  So does a line
	 * without a word (a caret, a closing quote). */
	if (stderr_src && prev != 0 && continues(s, n)) {
		put(r, prev, WL_DET_CONTINUATION, WL_K_FINAL);
		return;
	}
	bool found = wl_detect_crash_line(s, n, &v), headed = false;
	bool tool = false, json = false;
	if (!found && s[0] == '{') {
		found = wl_detect_json(s, n, &v);
		json = v.body_end > v.body; /* a JSON object with a message */
	}
	if (!found && !json)
		found = wl_detect_header(s, n, &v);
	if (!found && !json) {
		size_t body = v.body;
		headed = body > 0;
		found = eq && wl_detect_logfmt(s, n, &v);
		if (!found) {
			found = wl_detect_cli(s + body, n - body, &v);
			tool = !found && v.det == WL_DET_CLI;
			v.body = (uint32_t)(v.body + body);
		}
	}
	r->values = v.values;
	if (found && v.cont) {
		put(r, prev != 0 ? prev : v.sev, prev != 0 ?
		    WL_DET_CONTINUATION : (enum wl_det)v.det, WL_K_FINAL);
		return;
	}
	if (found && v.kind == WL_K_FINAL) {
		put(r, v.sev, (enum wl_det)v.det, WL_K_FINAL);
		return;
	}
	size_t body = v.body < n ? v.body : n;
	size_t end =
	    json && v.body_end > body && v.body_end <= n ? v.body_end : n;
	wl_words_scan(s + body, end - body, &w);
	r->values |= w.values;
	if (found && v.kind == WL_K_LEVEL)
		adjust_level(&v, &w, r);
	else if (claim)
		adjust_claim(claim, &w, r);
	else
		guess(found ? &v : &(struct wl_verdict){ 0 }, &w, headed, tool,
		    s + body, n - body, r);
}

/* Is [s, s + n) a compiler's context line: "x.c: In function 'main':",
 * "In file included from x.h:3," or the "   from y.c:1:" under it? */
static bool
gcc_context_line(const char *s, size_t n)
{
	if (WL_PFX(s, n, "In file included from "))
		return true;
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i > 0)
		return WL_PFX(s + i, n - i, "from ");
	return wl_is_gcc_header(s, n);
}

/* A record that starts with a compiler's context lines (grouping joins
 * them with the diagnostic they introduce, group.h): the diagnostic's
 * verdict is the record's.  False when the record is not one. */
static bool
gcc_context_record(const char *s, size_t n, size_t first, int claim,
    struct res *r)
{
	if (!gcc_context_line(s, first))
		return false;
	for (size_t i = first + 1; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl != NULL ? (size_t)(nl - s) : n;
		if (!gcc_context_line(s + i, e - i)) {
			classify_line(s + i, e - i, claim, false, 0, true, r);
			return true;
		}
		i = e + 1;
	}
	return false;
}

/* A record of several lines: a traceback, a panic, a block of compiler
 * output.  Its own shape first; then its first line if a format decides
 * it; else the strongest evidence of any of its lines. */
static void
classify_record(const char *s, size_t n, int claim, struct res *r)
{
	struct wl_verdict v = { 0 };

	if (wl_detect_crash_record(s, n, &v)) {
		put(r, v.sev, (enum wl_det)v.det, WL_K_FINAL);
		return;
	}
	const char *nl = memchr(s, '\n', n);
	size_t first = nl != NULL ? (size_t)(nl - s) : n;
	if (gcc_context_record(s, n, first, claim, r))
		return;
	classify_line(s, first, claim, false, 0, true, r);
	if (r->kind >= WL_K_LEVEL)
		return;
	/* The most severe level any line states in a known format... */
	struct res best = { 0, WL_DET_DEFAULT, WL_K_NONE, 0 }, lr;
	for (size_t i = first + 1; i < n;) {
		nl = memchr(s + i, '\n', n - i);
		size_t e = nl != NULL ? (size_t)(nl - s) : n;
		classify_line(s + i, e - i, 0, false, 0, true, &lr);
		if (lr.kind >= WL_K_LEVEL && lr.sev > best.sev)
			best = lr;
		i = e + 1;
	}
	/* ...against what the words of the whole record say, read
	 * together so that "will be ignored" tempers "not accessible". */
	struct wl_words w;
	struct res g = { 0, 0, 0, 0 };
	wl_words_scan(s, n, &w);
	guess(&(struct wl_verdict){ 0 }, &w, false, false, s, n, &g);
	if (g.kind != WL_K_NONE && g.sev > best.sev)
		best = g;
	if (best.kind != WL_K_NONE)
		*r = best;
}

/* "<N>" at the start of a stderr line (sd-daemon(3)): the syslog
 * priority the program meant, facility included.  Returns the prefix
 * length, 0 if there is none. */
static size_t
sd_prefix(const char *s, size_t n, int *pri)
{
	size_t i = wl_skip_digits(s, n, 1);
	if (n < 3 || s[0] != '<' || i == 1 || i > 4 || i >= n || s[i] != '>')
		return 0;
	int v = 0;
	for (size_t k = 1; k < i; k++)
		v = v * 10 + (s[k] - '0');
	if (v > 191)
		return 0;
	*pri = v & 7;
	return i + 1;
}

/* wl_classify(); returns true when a number's value decided (detect.h),
 * an sd-daemon prefix's included. */
static bool
classify(struct wl_event *ev)
{
	const char *s = ev->msg;
	size_t n = s != NULL ? ev->msg_len : 0;
	int claim = 0, claim_src = 0, pri;
	int src = ev->source == WL_SRC_SYSLOG;
	bool values = false;
	struct res r;

	if (ev->source == WL_SRC_SYSLOG && ev->orig_pri >= 0 &&
	    ev->orig_pri <= 7) {
		claim = wl_level_from_syslog(ev->orig_pri);
		claim_src = 1;
	} else if (ev->source == WL_SRC_STDERR && n > 2 && s[0] == '<') {
		size_t k = sd_prefix(s, n, &pri);
		values = true;
		if (k > 0) {
			/* the prefix is level syntax, not message */
			s += k;
			n -= k;
			ev->msg = s;
			ev->msg_len = n;
			/* the priority the program sent, as syslog()'s is */
			ev->orig_pri = pri;
			claim = wl_level_from_syslog(pri);
			claim_src = 2;
		}
	}
	unsigned m = marks(s, n);
	if (m & MARK_NL) {
		classify_record(s, n, claim, &r);
		values = true;	/* (records are not remembered) */
	} else {
		classify_line(s, n, claim, !src, last_sev[src],
		    m & MARK_EQ, &r);
		values |= r.values;
	}

	ev->severity = r.sev;
	/* the claim kept, or what overrode it: selected, not branched on
	 * (whether a line's level is its channel's varies) */
	bool kept = (claim_src != 0) & (r.sev == claim);
	enum wl_det by = claim_src == 1 ? WL_DET_SYSLOG : WL_DET_SD_DAEMON;
	ev->decided_by = wl_det_name(kept ? by : (enum wl_det)r.det,
	    kept ? 0 : claim_src);
	last_sev[src] = r.sev;
	return values;
}

void
wl_classify(struct wl_event *ev)
{
	(void)classify(ev);
}

/*
 * The memo's part: the verdict depends on the line, on its source and
 * priority, and on the level of the thread's line before (continuation
 * lines take it); all four are the memo's key.
 */
void
wl_classify_memo(struct wl_event *ev, struct wl_memo *m)
{
	int src = ev->source == WL_SRC_SYSLOG;

	if (!wl_memo_for(m, ev->msg, ev->msg_len)) {
		(void)classify(ev);
		return;
	}
	struct wl_memo_slot *sl = m->slot;
	uint64_t in = wl_memo_inputs(ev->source, ev->orig_pri, last_sev[src]);
	if (m->hit && sl->have_verdict && sl->inputs == in) {
		ev->severity = sl->sev;
		ev->decided_by = sl->decided_by;
		m->decided_len = sl->decided_len;
		last_sev[src] = sl->sev;
		return;
	}
	if (classify(ev))
		return;
	wl_memo_claim(m);
	sl->inputs = in;
	sl->sev = ev->severity;
	sl->decided_by = ev->decided_by;
	sl->decided_len = (uint8_t)strlen(ev->decided_by);
	sl->have_verdict = 1;
}
