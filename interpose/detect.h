/*
 * detect.h - the detectors behind wl_classify(): each recognises one
 * family of log formats (or one class of English log vocabulary) in a
 * message and says what level the message carries.
 *
 * Every detector runs inside someone else's process, on every line, and
 * possibly from a signal handler: none allocates, locks, uses stdio or
 * regular expressions.  Each is a hand-written scanner anchored where
 * its format is anchored, reads only the bytes [s, s + n) it is given
 * (a message may hold NUL and any other byte; it is not terminated), and
 * returns in time linear in n.
 *
 * The detectors are split by family:
 *   detect_fmt.c     log-library and daemon formats (a level field in a
 *                    header: glog, python, log4j, postgres, redis...)
 *   detect_web.c     nginx's and Apache's error logs
 *   detect_struct.c  structured lines: JSON objects and logfmt
 *   detect_cli.c     command-line tools and compilers: "prog: error:"
 *   detect_shape.c   traces, valgrind, usage text, hints
 *   detect_crash.c   records that end a process: tracebacks, panics,
 *                    uncaught exceptions, aborts
 *   detect_words.c   reading a message word by word, with negations
 *   detect_vocab.c   the vocabulary: what each word says
 *   detect_bytes.h   byte classes of a 64-byte block as bit masks (SSE2)
 */
#ifndef WL_DETECT_H
#define WL_DETECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "event.h"
#include "simd.h"
#include "detect_bytes.h"

/*
 * What decided a level.  Each has a name (decided_by) and, for events
 * whose channel claimed a level (a syslog priority, an sd-daemon prefix),
 * a second name saying the claim was overridden.
 */
#define WL_DETECTORS(X) \
	X(DEFAULT, "default") \
	X(SYSLOG, "syslog") \
	X(SD_DAEMON, "sd-daemon") \
	X(CONTINUATION, "continuation") \
	X(JSON, "json") \
	X(LOGFMT, "logfmt") \
	X(GLOG, "glog") \
	X(CAPNSLOG, "capnslog") \
	X(PYTHON, "python") \
	X(LOG4J, "log4j") \
	X(BRACKET, "bracket") \
	X(LEVEL_PREFIX, "level-prefix") \
	X(NGINX, "nginx") \
	X(APACHE, "apache") \
	X(POSTGRES, "postgres") \
	X(REDIS, "redis") \
	X(CRON, "cron") \
	X(GO_LOG, "go-log") \
	X(GO_PANIC, "go-panic") \
	X(RUST_PANIC, "rust-panic") \
	X(TRACEBACK, "python-traceback") \
	X(JAVA, "java-exception") \
	X(NODE, "node-exception") \
	X(PERL, "perl") \
	X(TCL, "tcl-error") \
	X(SANITIZER, "sanitizer") \
	X(CRASH, "crash") \
	X(GCC, "gcc") \
	X(CLI, "cli") \
	X(MAKE, "make") \
	X(BUILD, "build") \
	X(VALGRIND, "valgrind") \
	X(STRACE, "strace") \
	X(XTRACE, "xtrace") \
	X(CURL, "curl-verbose") \
	X(DNS_QUERY, "dns-query") \
	X(USAGE, "usage") \
	X(HINT, "hint") \
	X(KW_ERROR, "keyword:error") \
	X(KW_WARN, "keyword:warn") \
	X(KW_RETRY, "keyword:retry") \
	X(KW_RECOVER, "keyword:recovered") \
	X(KW_CLIENT, "keyword:client") \
	X(KW_EXIT, "keyword:exit") \
	X(KW_START, "keyword:startup-failure") \
	X(KW_LIFECYCLE, "keyword:lifecycle") \
	X(KW_SECURITY, "keyword:security") \
	X(KW_ABSENT, "keyword:not-found") \
	X(KW_DETAIL, "keyword:detail") \
	X(KW_AUDIT, "keyword:audit") \
	X(NO_EXIT, "no-exit")

#define WL_DET_ENUM(id, name) WL_DET_##id,
enum wl_det { WL_DETECTORS(WL_DET_ENUM) WL_DET_COUNT_ };
#undef WL_DET_ENUM

/* How much a verdict may still be moved by the message's words. */
enum wl_kind {
	WL_K_NONE = 0,	/* nothing recognised */
	WL_K_GUESS,	/* words alone: the weakest evidence */
	WL_K_LEVEL,	/* the program's own level field: words may adjust */
	WL_K_FINAL,	/* the format alone decides */
};

struct wl_verdict {
	uint8_t sev;	/* enum wl_sev; 0 when kind is WL_K_NONE */
	uint8_t det;	/* enum wl_det */
	uint8_t kind;	/* enum wl_kind */
	uint8_t cont;	/* a continuation: the level of the line before,
			   when known, else sev */
	uint32_t body;	/* offset of the message text after any header */
	uint32_t body_end;	/* its end; 0: the end of the line */
	uint8_t values;	/* a detector read a number's value, not only that
			   it is one ("level=3", valgrind's "0 bytes"); any
			   detector may set it, whether or not it matched */
};

/* What the words of a message say (detect_words.c).  Each is a count of
 * the words of its class, capped at 250. */
struct wl_words {
	uint8_t err;		/* problems: "failed", "cannot", errno */
	uint8_t err_strong;	/* of which unambiguous ones */
	uint8_t warn;		/* "warning", "deprecated", "slow" */
	uint8_t warn_strong;	/* "insecure", "discouraged" */
	uint8_t retry;		/* "retrying", "will retry" */
	uint8_t recover;	/* "ignored", "skipping", "falling back" */
	uint8_t client;		/* a client caused it: "client sent" */
	uint8_t exits;		/* the process says it ends: "exiting" */
	uint8_t start_fail;	/* "failed to start", listen: "in use" */
	uint8_t crash;		/* "segmentation fault", "core dumped" */
	uint8_t lifecycle;	/* "started", "ready", "reloaded" */
	uint8_t absent;		/* "no X found": X is not there */
	uint8_t syntax;		/* "syntax error": unusable input */
	uint8_t chatter;	/* "connection received": per-client detail */
	uint8_t detail;		/* a setting or a state dump: "name = x",
				   "term: 0, commit: 0, applied: 0" */
	uint8_t success;	/* "created", "removed", "saved", "ok" */
	uint8_t audit;		/* a login attempt: "Invalid user x" */
	uint8_t hint;		/* a pointer to help: "--explain E0308" */
	uint8_t integrity;	/* a checksum or signature did not match */
	uint8_t values;		/* not a class: the scan read a number's value,
				   not only that it is one ("0 errors") */
};

/* The name of detector DET, and the name used when it overrode the level
 * a syslog priority (CLAIM 1) or an sd-daemon prefix (CLAIM 2) gave. */
const char *wl_det_name(enum wl_det det, int claim);

/* Scan the words of [s, s + n) into W (zeroed first). */
void wl_words_scan(const char *s, size_t n, struct wl_words *w)
    __attribute__((nonnull));

/*
 * Format detectors.  Each looks at the single line [s, s + n) and returns
 * true with V filled when it recognises its format and a level in it;
 * otherwise false, with V untouched except where said below (and
 * v->values, which only ever goes from 0 to 1).
 *
 * Digits are read by their class (is it a digit?), except where a
 * detector sets v->values: there a number's value decided.  classify.h
 * relies on it: a verdict reached without reading a value holds for any
 * line that differs only in its digits.
 */

/* A top-level "level"/"severity"/"lvl"/"log.level"/"levelname" member of
 * a line that is a JSON object.  Whether or not it has one, v->body and
 * v->body_end give the span of its "msg" or "message" string (0, 0: none)
 * when the line is a JSON object. */
bool wl_detect_json(const char *s, size_t n, struct wl_verdict *v)
    __attribute__((nonnull));
/* A level=/lvl=/severity= pair of a logfmt line (a quoted value is
 * skipped whole).  An info record without a msg= field is DEBUG. */
bool wl_detect_logfmt(const char *s, size_t n, struct wl_verdict *v)
    __attribute__((nonnull));

/* Daemon and logging-library headers: a time stamp, a thread, a level.
 * Returns true with V filled when the header carries a level.  Otherwise
 * returns false with only v->body set: the offset of the message after a
 * header without a level (a time stamp, "ident[pid]: "), 0 if none. */
bool wl_detect_header(const char *s, size_t n, struct wl_verdict *v)
    __attribute__((nonnull));

/* nginx's "[lvl] pid#tid: " header (the caller found the time stamp and
 * the bracketed level LV); the message starts at BODY. */
bool wl_detect_nginx(const char *s, size_t n, size_t body, int lv,
    struct wl_verdict *v) __attribute__((nonnull));
/* Apache's "[date] [module:level] [pid ...] [client ...] msg". */
bool wl_detect_apache(const char *s, size_t n, struct wl_verdict *v)
    __attribute__((nonnull));

/* Command-line tools and compilers: "prog: error: ...", "f.c:3:7:
 * warning: ...", "E: ...", usage and hint text, traces (strace, set -x,
 * curl -v), valgrind.  Without a level, returns false with v->body the
 * offset of the message after "prog: " and location prefixes, and
 * v->det WL_DET_CLI if there was a "prog: " prefix (else WL_DET_DEFAULT). */
bool wl_detect_cli(const char *s, size_t n, struct wl_verdict *v)
    __attribute__((nonnull));

/* Lines known by their shape: traces (strace, set -x, curl -v), valgrind,
 * usage and option lists, hints, gcc context headers, go build's "# pkg",
 * dnsmasq's query log.  Returns true with V filled (kind WL_K_FINAL, or
 * v->cont set for a continuation). */
bool wl_detect_shape(const char *s, size_t n, struct wl_verdict *v)
    __attribute__((nonnull));
/* wl_detect_shape for a caller that has looked at the line's start: CALL
 * false says no '(' ends the run of name bytes there, so the line is not
 * strace's "call(args) = result". */
bool wl_detect_shape_at(const char *s, size_t n, bool call,
    struct wl_verdict *v) __attribute__((nonnull));
/* Is [s, s + n) a hint: "Try 'ls --help'...", "See ...", "Use ..."? */
bool wl_is_hint(const char *s, size_t n) __attribute__((nonnull));

/* Can [s, s + n) be a hint, by its first byte?  wl_is_hint is false
 * where this is; callers test it first, inline, since most lines fail
 * it (a hint starts with '(' or one of "CDFPRSTUt"). */
static inline bool
wl_hint_lead(const char *s, size_t n)
{
	unsigned c = (unsigned char)s[0] - 'A';
	return n >= 4 && (s[0] == '(' || (c < 64 && ((1ULL << ('C' - 'A') |
	    1ULL << ('D' - 'A') | 1ULL << ('F' - 'A') | 1ULL << ('P' - 'A') |
	    1ULL << ('R' - 'A') | 1ULL << ('S' - 'A') | 1ULL << ('T' - 'A') |
	    1ULL << ('U' - 'A') | 1ULL << ('t' - 'A')) >> c & 1)));
}
/* Is it gcc's context header: "In function 'f':", "At top level:"? */
bool wl_is_gcc_context(const char *s, size_t n) __attribute__((nonnull));
/* Is the line one with its file: "x.c: In function 'f':"? */
bool wl_is_gcc_header(const char *s, size_t n) __attribute__((nonnull));

/*
 * The first bytes of a line, as the detectors' tables take them.
 * WL_LEAD4: four bytes as one number, byte i in bits 8i to 8i + 7
 * (whatever the machine's byte order), from constants; wl_lead4(): the
 * four bytes at P so.
 */
#define WL_LEAD4(a, b, c, d) ((uint32_t)(unsigned char)(a) | \
	(uint32_t)(unsigned char)(b) << 8 | \
	(uint32_t)(unsigned char)(c) << 16 | (uint32_t)(unsigned char)(d) << 24)

static inline uint32_t
wl_lead4(const char *p)
{
	return WL_LEAD4(p[0], p[1], p[2], p[3]);
}

/* A set of the bytes a line's second byte may be, for a table by its
 * first: WL_NEXT(c) for the lower-case letter C, WL_NEXT_ANY for any
 * byte. */
#define WL_NEXT(c) (1u << ((c) - 'a'))
#define WL_NEXT_ANY (1u << 31)

/* Is the byte C in the set NEXT?  One test, without a branch on C. */
static inline bool
wl_next_has(uint32_t next, unsigned char c)
{
	unsigned d = (unsigned)c - 'a';
	return ((next >> 31) | ((d < 26) & (next >> (d & 31)))) & 1;
}

/* One line that by itself says the process died: "panic: ...", "thread
 * 'main' panicked at", "Traceback (most recent call last):", an assertion
 * failure, a sanitizer report. */
static inline bool wl_detect_crash_line(const char *s, size_t n,
    struct wl_verdict *v) __attribute__((nonnull));

/* wl_detect_crash_line() for a line whose first bytes can start one (of
 * five bytes or more). */
bool wl_crash_line_at(const char *s, size_t n, struct wl_verdict *v)
    __attribute__((nonnull));

/* The slot of a line's first four bytes (WL_LEAD4) in the table of the
 * leads a crash line can have ("pani", "Trac", "=="). */
#define WL_LEAD_SLOT(k) ((uint32_t)((uint32_t)(k) * 0x9e3779b1u) >> 26)
/* Each slot holds the one lead that hashes there, or 0. */
extern const uint32_t wl_crash_lead[64];

static inline bool
wl_detect_crash_line(const char *s, size_t n, struct wl_verdict *v)
{
	/* Each such line starts with one of ten four-byte leads (a
	 * sanitizer's with "==", its first two): one table load and one
	 * compare, inline, turn every other line away without a call, and
	 * with a branch that goes the same way for all of them (a test of
	 * the first byte alone passed half of the lines, unpredictably). */
	if (n < 5)
		return false;
	uint32_t k = wl_lead4(s);
	k = (k & 0xffffu) == WL_LEAD4('=', '=', 0, 0) ? k & 0xffffu : k;
	return wl_crash_lead[WL_LEAD_SLOT(k)] == k && wl_crash_line_at(s, n, v);
}

/* A whole multi-line record (lines joined by '\n') of a kind that needs
 * more than its first line: Python tracebacks (the last line names the
 * exception), Java and Node uncaught exceptions, Perl and Tcl die traces. */
bool wl_detect_crash_record(const char *s, size_t n, struct wl_verdict *v)
    __attribute__((nonnull));

/* A level name in any program's vocabulary ("warn", "WARNING", "eror",
 * "SEVERE", "crit", "E"...), any case; 0 if it is none.  Severity numbers
 * follow level.h (crit 18, alert 19). */
int wl_level_word(const char *s, size_t n) __attribute__((nonnull));

/* ---- small scanning helpers, shared by the detectors ---- */

/*
 * Byte classes, for the loops that skip a run of bytes of one kind: one
 * table load and one test per byte instead of a chain of comparisons.
 */
enum {
	WL_C_ALPHA = 0x001,	/* A-Z a-z */
	WL_C_DIGIT = 0x002,	/* 0-9 */
	WL_C_SP = 0x004,	/* ' ' */
	WL_C_TAB = 0x008,	/* '\t' */
	WL_C_NAME = 0x010,	/* a program's name: alnum _ - . / + */
	WL_C_IDENT = 0x020,	/* a syslog ident: alnum _ - . / */
	WL_C_SYSCALL = 0x040,	/* a system call's name: a-z 0-9 _ */
	WL_C_COLON = 0x080,	/* ':' */
	WL_C_LOWER = 0x100,	/* a-z */
	WL_C_HIGH = 0x200,	/* 0x80-0xff: a byte of a multibyte character */
};
extern const uint16_t wl_cls[256];

/* The end of the run of bytes of the classes CLS from I (at most n). */
static inline size_t
wl_span(const char *s, size_t n, size_t i, unsigned cls)
{
	while (i < n && (wl_cls[(unsigned char)s[i]] & cls))
		i++;
	return i;
}

/*
 * wl_span(s, lim, i, WL_C_LOWER), or with SYSCALL wl_span(s, lim, i,
 * WL_C_SYSCALL), for LIM <= N: the same answer, sixteen bytes per step
 * while sixteen are left before N (never a byte past it).  For the
 * detectors' first test of a line, which a run of letters usually fails
 * only after several of them ("listening on", "connect(3, ...").
 */
static inline size_t
wl_span_lower(const char *s, size_t n, size_t i, size_t lim, bool syscall)
{
#if defined(__SSE2__)
	if (i >= lim)
		return i;
	while (i < lim && i + 16 <= n) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		__m128i in = wl_range16(x, 'a', 'z');
		if (syscall)
			in = _mm_or_si128(in, _mm_or_si128(wl_range16(x, '0',
			    '9'), _mm_cmpeq_epi8(x, _mm_set1_epi8('_'))));
		unsigned out = ~(unsigned)_mm_movemask_epi8(in) & 0xffffu;
		if (out != 0) {
			size_t e = i + (unsigned)__builtin_ctz(out);
			return e < lim ? e : lim;
		}
		i += 16;
	}
	if (i >= lim)	/* the last step ran past LIM: all were in */
		return lim;
#else
	(void)n;	/* the byte loop below stops at LIM <= N */
#endif
	return wl_span(s, lim, i, syscall ? WL_C_SYSCALL : WL_C_LOWER);
}

/* The first byte from I of one of the classes CLS, or n. */
static inline size_t
wl_until(const char *s, size_t n, size_t i, unsigned cls)
{
	while (i < n && !(wl_cls[(unsigned char)s[i]] & cls))
		i++;
	return i;
}

static inline int
wl_lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static inline bool
wl_alpha(int c)
{
	return (unsigned)((c | 0x20) - 'a') < 26;
}

static inline bool
wl_digit(int c)
{
	return (unsigned)(c - '0') < 10;
}

static inline bool
wl_upper(int c)
{
	return (unsigned)(c - 'A') < 26;
}

static inline bool
wl_space(int c)
{
	return c == ' ' || c == '\t';
}

/* Does [s, s + n) start with the literal LIT (exact bytes)? */
static inline bool
wl_pfx(const char *s, size_t n, const char *lit, size_t len)
{
	return n >= len && __builtin_memcmp(s, lit, len) == 0;
}
#define WL_PFX(s, n, lit) wl_pfx((s), (n), lit, sizeof(lit) - 1)

/* Case-insensitive prefix test; LIT is lower case. */
static inline bool
wl_ipfx(const char *s, size_t n, const char *lit, size_t len)
{
	if (n < len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (wl_lc((unsigned char)s[i]) != lit[i])
			return false;
	return true;
}
#define WL_IPFX(s, n, lit) wl_ipfx((s), (n), lit, sizeof(lit) - 1)

/* A lower-case literal's first eight letters packed as the word scanner packs
 * a word's first eight letters (byte i is letter i); the compiler folds
 * it to a constant. */
#define WL_K_(s, i) ((uint64_t)(sizeof(s) > (i) + 1 ? \
	(unsigned char)(s)[sizeof(s) > (i) + 1 ? (i) : 0] : 0) << (8 * (i)))
#define WL_K(s) (WL_K_(s, 0) | WL_K_(s, 1) | WL_K_(s, 2) | WL_K_(s, 3) | \
	WL_K_(s, 4) | WL_K_(s, 5) | WL_K_(s, 6) | WL_K_(s, 7))
/* Its letters 9 to 16 packed likewise (0 when it has eight or fewer). */
#define WL_KT_(s, i) ((uint64_t)(sizeof(s) > (i) + 9 ? \
	(unsigned char)(s)[sizeof(s) > (i) + 9 ? (i) + 8 : 0] : 0) << (8 * (i)))
#define WL_KT(s) (WL_KT_(s, 0) | WL_KT_(s, 1) | WL_KT_(s, 2) | \
	WL_KT_(s, 3) | WL_KT_(s, 4) | WL_KT_(s, 5) | WL_KT_(s, 6) | \
	WL_KT_(s, 7))

/* Index of the first occurrence of LIT in [s, s + n), or n. */
size_t wl_find(const char *s, size_t n, const char *lit, size_t len)
    __attribute__((nonnull));
#define WL_FIND(s, n, lit) wl_find((s), (n), lit, sizeof(lit) - 1)
#define WL_HAS(s, n, lit) (WL_FIND((s), (n), lit) < (n))

/* Skip blanks from I; returns the new index (at most n). */
static inline size_t
wl_skip_sp(const char *s, size_t n, size_t i)
{
	while (i < n && wl_space((unsigned char)s[i]))
		i++;
	return i;
}

/* Skip decimal digits from I (at most to N), eight bytes a step. */
static inline size_t
wl_skip_digits(const char *s, size_t n, size_t i)
{
	return wl_run8_end(s, n, i, wl_digits8);
}

/* A "[1234]" pid suffix at I (s[I] is '['): the index after its ']', or
 * 0 when the brackets do not hold digits alone. */
static inline size_t
wl_skip_pid(const char *s, size_t n, size_t i)
{
	size_t k = wl_skip_digits(s, n, i + 1);
	return k == i + 1 || k >= n || s[k] != ']' ? 0 : k + 1;
}

/* The end of a time-stamp-like header starting at I ("2026-11-21
 * 20:22:55,578", "2026/11/21 20:22:43", "20:24:52.494", "Nov 21
 * 20:24:09", "21 Nov 2026 20:24:20.136", "UTC"), or I when there is none.
 * The first bytes decide whether one can start there (a digit, or a
 * capital and two lower-case letters then no letter), inline: the header
 * detector asks at every field, and most fields are not stamps. */
size_t wl_skip_stamp_at(const char *s, size_t n, size_t i)
    __attribute__((nonnull));

/* Can the capital at I start a month's or a weekday's name ("Nov 21",
 * "Mon Nov"): two lower-case letters after it, then no letter? */
static inline bool
wl_name3_at(const char *s, size_t n, size_t i)
{
	return i + 3 <= n && (wl_cls[(unsigned char)s[i + 1]] & WL_C_LOWER) &&
	    (wl_cls[(unsigned char)s[i + 2]] & WL_C_LOWER) &&
	    (i + 3 == n || !wl_alpha((unsigned char)s[i + 3]));
}

static inline size_t
wl_skip_stamp(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return i;
	unsigned char c = (unsigned char)s[i];
	if (wl_digit(c) || (wl_upper(c) && wl_name3_at(s, n, i)))
		return wl_skip_stamp_at(s, n, i);
	return i;
}

/* Fill V with a verdict: level SEV found by detector DET, of KIND, the
 * message body starting at BODY.  Returns true, for "return set(...)". */
static inline bool
wl_verdict_set(struct wl_verdict *v, int sev, enum wl_det det,
    enum wl_kind kind, size_t body)
{
	v->sev = (uint8_t)sev;
	v->det = (uint8_t)det;
	v->kind = (uint8_t)kind;
	v->cont = 0;
	v->body = (uint32_t)body;
	v->body_end = 0;
	return true;
}

#endif
