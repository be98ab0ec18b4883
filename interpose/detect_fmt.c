/*
 * detect_fmt.c - levels in the headers of log libraries and daemons.
 *
 * Most formats put a time stamp, then a thread or a pid, then the level
 * in front of the message: log4j/logback/Spring, Python's logging,
 * nginx, PostgreSQL, etcd's capnslog, env_logger.  One scan reads the
 * header token by token (at most a few tokens, never past the first
 * couple of hundred bytes) and stops at the first token that is neither
 * header nor level: the level must come before the prose, so the word
 * "ERROR" in the middle of a sentence is no header.  Formats with a shape
 * of their own (glog's "E1121 12:00:00.123456 1234 file.cc:12]", redis's
 * "pid:R date *", cron's "(user) LEVEL (text)", Apache's "[date]
 * [module:level]") have their own small scanners.
 *
 * A program's level vocabulary maps to the canonical levels as a careful
 * reader would map it: PostgreSQL's FATAL ends one session, not the server
 * (ERROR, unless the server itself cannot go on); etcd's capnslog N is
 * routine.  The web servers' levels are read in detect_web.c.
 */
#include "detect.h"
#include "detect_bytes.h"

/* Fill V (see wl_verdict_set in detect.h). */
#define set wl_verdict_set

/* The first byte A or B from I before LIM (LIM <= N), or LIM: the end of
 * a name or a field, sixteen bytes a step while sixteen are left before
 * N. */
static inline size_t
until2(const char *s, size_t n, size_t i, size_t lim, char a, char b)
{
#if defined(__SSE2__)
	for (; i < lim && i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(x, _mm_set1_epi8(a)), _mm_cmpeq_epi8(x,
		    _mm_set1_epi8(b))));
		if (m != 0) {
			size_t e = i + (unsigned)__builtin_ctz(m);
			return e < lim ? e : lim;
		}
	}
	if (i >= lim)	/* the last step ran past LIM: neither before it */
		return lim;
#else
	(void)n;
#endif
	while (i < lim && s[i] != a && s[i] != b)
		i++;
	return i;
}

/* glog/absl: "E1121 12:00:00.123456 1234 file.cc:12] msg" (the date may
 * have a year: "E20261121"). */
static bool
glog(const char *s, size_t n, struct wl_verdict *v)
{
	int sev;
	switch (s[0]) {
	case 'I': sev = WL_SEV_INFO; break;
	case 'W': sev = WL_SEV_WARN; break;
	case 'E': sev = WL_SEV_ERROR; break;
	case 'F': sev = WL_SEV_FATAL; break;
	default: return false;
	}
	size_t i = wl_skip_digits(s, n, 1);
	if ((i != 5 && i != 9) || i >= n || s[i] != ' ')
		return false;
	i = wl_skip_digits(s, n, i + 1);
	if (i + 1 >= n || s[i] != ':')
		return false;
	/* the rest of the time, the thread id, then "file:line] " */
	size_t lim = n < 160 ? n : 160;
	i = until2(s, n, i, lim, ']', '\n');
	if (i >= lim || s[i] != ']')
		return false;
	i = wl_skip_sp(s, n, i + 1);
	return set(v, sev, WL_DET_GLOG, sev == WL_SEV_FATAL ? WL_K_FINAL :
	    WL_K_LEVEL, i);
}

/* redis: "4381:M 21 Nov 2026 20:24:20.136 * msg"; the mark is the level:
 * '.' debug, '-' verbose, '*' notice, '#' warning.  Redis writes its
 * start-up banner at '#', so '#' is only a default for the words. */
static bool
redis(const char *s, size_t n, struct wl_verdict *v)
{
	size_t i = wl_skip_digits(s, n, 0);
	if (i == 0 || i + 3 > n || s[i] != ':' ||
	    !wl_upper((unsigned char)s[i + 1]) || s[i + 2] != ' ')
		return false;
	size_t j = wl_skip_stamp(s, n, i + 3);
	if (j == i + 3 || j + 2 > n || s[j + 1] != ' ')
		return false;
	switch (s[j]) {
	case '.':
	case '-':
		return set(v, WL_SEV_DEBUG, WL_DET_REDIS, WL_K_LEVEL, j + 2);
	case '*':
		return set(v, WL_SEV_INFO, WL_DET_REDIS, WL_K_LEVEL, j + 2);
	case '#': {
		/* "# WARNING Memory overcommit must be enabled!" */
		size_t b = j + 2, e = b;
		while (e < n && wl_upper((unsigned char)s[e]))
			e++;
		int lv = e - b >= 4 && (e == n || s[e] == ' ' || s[e] == ':') ?
		    wl_level_word(s + b, e - b) : 0;
		if (lv != 0)
			return set(v, lv, WL_DET_REDIS, WL_K_LEVEL, b);
		return set(v, WL_SEV_INFO, WL_DET_REDIS, WL_K_GUESS, b);
	}
	}
	return false;
}

/* cron: "(root) CMD (...)", "(CRON) error (...)", "(*system*x) ERROR (...)". */
static bool
cron(const char *s, size_t n, struct wl_verdict *v)
{
	size_t i = 1, lim = n < 80 ? n : 80;
	while (i < lim && s[i] != ')' && s[i] != ' ')
		i++;
	if (i + 2 >= lim || s[i] != ')' || s[i + 1] != ' ')
		return false;
	size_t a = i + 2, b = a;
	while (b < n && wl_alpha((unsigned char)s[b]))
		b++;
	if (b + 2 > n || s[b] != ' ' || s[b + 1] != '(')
		return false;
	int sev = wl_level_word(s + a, b - a);
	/* cron's records of a job: CMD when it starts, END when it ends
	 * (the second adds nothing to the first) */
	if (sev == 0 && b - a == 3 && WL_PFX(s + a, 3, "END"))
		sev = WL_SEV_DEBUG;
	if (sev == 0)
		return false;
	return set(v, sev, WL_DET_CRON, WL_K_LEVEL, b + 1);
}

/* The end of the run of letters from I (at most n). */
static inline size_t
letters_end(const char *s, size_t n, size_t i)
{
	return wl_run8_end(s, n, i, wl_letters8);
}

/* Is [a, b), a run of letters (b <= n) whose first eight bytes are W
 * (wl_load8 from A), an all-capitals word?  A letter is a capital when
 * its bit 5 is clear: eight letters per test. */
static inline bool
caps(const char *s, size_t n, size_t a, size_t b, uint64_t w)
{
	if (b - a < 2)
		return false;
	for (;;) {
		size_t k = b - a;
		if (k < 8)
			return (w & ~0ULL >> (64 - 8 * k) &
			    0x2020202020202020ULL) == 0;
		if (w & 0x2020202020202020ULL)
			return false;
		if ((a += 8) == b)
			return true;
		w = wl_load8(s, n, a);
	}
}

/* PostgreSQL's "LEVEL:  msg" (two blanks): the server's log and psql's
 * echo of server messages.  Returns 0 if [a, b) is not one of its words;
 * -1 for the lines that continue a message (DETAIL, HINT...). */
static int
postgres_level(const char *s, size_t n, size_t a, size_t b)
{
	size_t len = b - a;
	if (len < 3 || len > 9)
		return 0;
	/* the word's first eight bytes packed as WL_K packs a literal */
	uint64_t w = wl_load8(s, n, a) &
	    (len >= 8 ? ~0ULL : ~0ULL >> (64 - 8 * len));

	switch (len) {
	case 3:
		return w == WL_K("LOG") ? WL_SEV_INFO : 0;
	case 4:
		return w == WL_K("INFO") ? WL_SEV_INFO :
		    w == WL_K("HINT") ? -1 : 0;
	case 5:
		return w == WL_K("ERROR") ? WL_SEV_ERROR :
		    w == WL_K("FATAL") || w == WL_K("PANIC") ? WL_SEV_FATAL :
		    w == WL_K("QUERY") ? -1 : 0;
	case 6:
		if (w == WL_K("NOTICE"))
			return WL_SEV_NOTICE;
		if ((w & 0xffffffffffULL) == WL_K("DEBUG") &&
		    wl_digit((unsigned char)s[a + 5]))
			return WL_SEV_DEBUG;
		return w == WL_K("DETAIL") ? -1 : 0;
	case 7:
		return w == WL_K("WARNING") ? WL_SEV_WARN :
		    w == WL_K("CONTEXT") ? -1 : 0;
	case 8:
		return w == WL_K("LOCATION") ? -1 : 0;
	default:
		return w == WL_K("STATEMEN") && s[a + 8] == 'T' ? -1 : 0;
	}
}

/* Does one of session_failure's words start at K? */
static bool
session_failure_at(const char *s, size_t n, size_t k)
{
	const char *p = s + k;
	size_t r = n - k;
	switch (*p) {
	case 'd':
		return WL_PFX(p, r, "does not exist");
	case 'a':
		return WL_PFX(p, r, "authentication");
	case 'p':
		return WL_PFX(p, r, "password") || WL_PFX(p, r, "pg_hba.conf");
	case 'c':
		return WL_PFX(p, r, "connection");
	case 't':
		return WL_PFX(p, r, "too many clients");
	}
	return false;
}

/*
 * PostgreSQL's FATAL ends the process it was logged by: the postmaster
 * (the server cannot start) or one client's backend (its session).  A
 * connection refused for what the client asked (a role or database that
 * does not exist, a failed password) ends only the session: ERROR.
 * Returns whether the message says so.  Its words are looked for in one
 * pass, where a search per word would read the message six times: a
 * candidate is a position whose two bytes start one of them ("do",
 * "au", "pa", "pg", "co", "to"), and only a candidate is compared whole.
 */
#if defined(__SSE2__)
/* session_failure's candidates among the sixteen positions at P (P + 17
 * <= n): bit k for position P + k. */
static inline unsigned
session_candidates(const char *p)
{
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
	__m128i o = _mm_and_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('o')),
	    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8('d')),
	    _mm_cmpeq_epi8(a, _mm_set1_epi8('c'))), _mm_cmpeq_epi8(a,
	    _mm_set1_epi8('t'))));
	__m128i u = _mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8('a')),
	    _mm_cmpeq_epi8(b, _mm_set1_epi8('u')));
	__m128i g = _mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8('p')),
	    _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('a')),
	    _mm_cmpeq_epi8(b, _mm_set1_epi8('g'))));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(o, _mm_or_si128(u,
	    g)));
}
#endif

static bool
session_failure(const char *s, size_t n)
{
	size_t k = 0;
	if (n < 8)	/* (the shortest word is "password") */
		return false;
#if defined(__SSE2__)
	/* sixteen positions a step while the second load, one byte on,
	 * ends inside the message; then the last sixteen, loaded again so
	 * as to end with it (the positions before K were looked at) */
	for (; n >= 17; k += 16) {
		size_t p = k + 17 <= n ? k : n - 17;
		unsigned m = session_candidates(s + p) >> (k - p) << (k - p);
		for (; m != 0; m &= m - 1)
			if (session_failure_at(s, n, p +
			    (unsigned)__builtin_ctz(m)))
				return true;
		if (p != k || k + 17 == n)
			return false;
	}
#endif
	for (; k + 8 <= n; k++)
		if (session_failure_at(s, n, k))
			return true;
	return false;
}

/* wl_span(s, lim, i, WL_C_IDENT) for LIM <= N: the same answer, sixteen
 * bytes per step while sixteen are left before N. */
static inline size_t
ident_end(const char *s, size_t n, size_t i, size_t lim)
{
#if defined(__SSE2__)
	for (; i < lim && i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		/* a letter; '-', '.', '/' or a digit (0x2d to 0x39); '_' */
		__m128i in = _mm_or_si128(_mm_or_si128(wl_alpha16(x),
		    wl_range16(x, '-', '9')), _mm_cmpeq_epi8(x,
		    _mm_set1_epi8('_')));
		unsigned out = ~(unsigned)_mm_movemask_epi8(in) & 0xffffu;
		if (out != 0) {
			size_t e = i + (unsigned)__builtin_ctz(out);
			return e < lim ? e : lim;
		}
	}
	if (i >= lim)	/* the last step ran past LIM: all were in */
		return lim;
#else
	(void)n;
#endif
	return wl_span(s, lim, i, WL_C_IDENT);
}

/* After a header without a level: skip "ident[pid]: " (a syslog-style
 * file line) or Go's "file.go:12: " (log.Lshortfile). */
static size_t
skip_ident(const char *s, size_t n, size_t i)
{
	size_t lim = n < i + 64 ? n : i + 64;
	size_t j = ident_end(s, n, i, lim);
	if (j == i || j >= lim)
		return i;
	if (s[j] == '[') {
		if ((j = wl_skip_pid(s, n, j)) == 0)
			return i;
	} else if (s[j] == ':' && j + 1 < n &&
	    wl_digit((unsigned char)s[j + 1]) && j >= i + 3 &&
	    WL_PFX(s + j - 3, 3, ".go")) {
		j = wl_skip_digits(s, n, j + 1);
	} else
		return i;
	if (j + 1 < n && s[j] == ':' && s[j + 1] == ' ')
		return j + 2;
	return i;
}

/*
 * Go's log line "2009/11/10 23:00:00 open /x: no such file or directory":
 * nothing but an error value, in the shape of Go's PathError and
 * OpError ("op path: cause").  That is log.Fatal(err), the idiom for giving up;
 * a program that logs and goes on says what it was doing.
 */
static bool
go_fatal_idiom(const char *s, size_t n, size_t i)
{
	/* the operations, packed as WL_K packs them: a word and a blank */
	static const uint64_t ops[] = { WL_K("open"), WL_K("read"),
		WL_K("write"), WL_K("stat"), WL_K("lstat"), WL_K("mkdir"),
		WL_K("remove"), WL_K("rename"), WL_K("chdir"), WL_K("dial"),
		WL_K("listen"), WL_K("readdir"), WL_K("readlink") };
	if (n < 20 || s[4] != '/' || s[7] != '/' ||
	    !wl_digit((unsigned char)s[0]) || i >= n)
		return false;
	const char *m = s + i;
	size_t mn = n - i;
	uint64_t w = wl_load8(s, n, i);
	size_t len = wl_letters8(w);	/* the word before the blank */
	if (len >= mn || m[len] != ' ')
		return false;
	if (len < 4 || len > 8)	/* none is shorter or longer */
		return false;
	if (len < 8)
		w &= ~0ULL >> (64 - 8 * len);
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		if (w != ops[k])
			continue;
		size_t e = ++len;
		while (e < mn && m[e] != ' ')
			e++;
		/* "open PATH: cause" or "dial tcp ADDR: cause" */
		if (e > len && m[e - 1] == ':')
			return true;
		bool net = WL_PFX(m + len, mn - len, "tcp") ||
		    WL_PFX(m + len, mn - len, "udp") ||
		    WL_PFX(m + len, mn - len, "unix");
		if (net && e + 1 < mn) {
			size_t f = e + 1;
			while (f < mn && m[f] != ' ')
				f++;
			return f > e + 1 && m[f - 1] == ':';
		}
		return false;
	}
	return false;
}

/* nginx's "123#0: " after its "[level] " at I: the message's offset, or
 * 0 if it is not there. */
static size_t
nginx_pid(const char *s, size_t n, size_t i)
{
	size_t p = wl_skip_digits(s, n, i);
	if (p == i || p >= n || s[p] != '#')
		return 0;
	p = wl_skip_digits(s, n, p + 1);
	return p + 1 < n && s[p] == ':' && s[p + 1] == ' ' ? p + 2 : 0;
}

/* Where the bracket opened at I closes (']' or '>'), or n. */
static size_t
closing(const char *s, size_t n, size_t i)
{
	char want = s[i] == '<' ? '>' : ']';
	size_t lim = n < i + 96 ? n : i + 96, k = i + 1;
#if defined(__SSE2__)
	/* sixteen at a time while sixteen are left: the first byte that
	 * closes or breaks the bracket ('>' is neither for '[') */
	for (; k < lim && k + 16 <= n; k += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + k));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x,
		    _mm_set1_epi8(want)), _mm_cmpeq_epi8(x,
		    _mm_set1_epi8('['))), _mm_or_si128(_mm_cmpeq_epi8(x,
		    _mm_set1_epi8('<')), _mm_cmpeq_epi8(x,
		    _mm_set1_epi8('\n'))));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);
		if (bits != 0) {
			size_t e = k + (unsigned)__builtin_ctz(bits);
			return e < lim && s[e] == want ? e : n;
		}
	}
#endif
	for (; k < lim; k++) {
		if (s[k] == want)
			return k;
		if (s[k] == '[' || s[k] == '<' || s[k] == '\n')
			return n;
	}
	return n;
}

/* The kinds of a header's field, by its first byte (field_kind). */
enum {
	F_END,		/* no field: the header ends before it */
	F_DIGIT,	/* a stamp, a pid or a thread number */
	F_UPPER,	/* a stamp (a month's name), a level, a word */
	F_LOWER,	/* a word: a date glued to it, a logger's name */
	F_OPEN,		/* '[' or '<': a bracketed field */
	F_SEP,		/* a separator, a run of one of "#*-=@|" */
};

/* One lookup for a field's first byte, where a chain of tests (a
 * bracket? a digit? a separator? a letter?) costs a branch each on bytes
 * that change from field to field. */
static const uint8_t field_kind[256] = {
	['0' ... '9'] = F_DIGIT,
	['A' ... 'Z'] = F_UPPER,
	['a' ... 'z'] = F_LOWER,
	['['] = F_OPEN, ['<'] = F_OPEN,
	['#'] = F_SEP, ['*'] = F_SEP, ['-'] = F_SEP, ['='] = F_SEP,
	['@'] = F_SEP, ['|'] = F_SEP,
};

/* A separator field at I (s[I] is one of F_SEP's bytes): the end of its
 * run of that byte, or 0 when the run is too long or is not followed by
 * a blank or the line's end. */
static size_t
separator(const char *s, size_t n, size_t i)
{
	size_t j = i;
	char c = s[i];
	while (j < n && s[j] == c)
		j++;
	if (j - i > 80 || (j < n && !wl_space((unsigned char)s[j])))
		return 0;
	return j;
}

/* env_logger's "[2026-...Z INFO  target]": the level after a stamp
 * inside the bracket [I, K] (K > I + 1), or 0. */
static __attribute__((noinline)) int
bracket_stamp_level(const char *s, size_t n, size_t i, size_t k)
{
	/* digits alone, a pid ("[4251]"), hold no stamp, which has a
	 * separator after its first digits */
	if (wl_digit((unsigned char)s[i + 1]) &&
	    wl_skip_digits(s, k, i + 1) == k)
		return 0;
	size_t a = wl_skip_stamp(s, k, i + 1), b = a;
	if (a == i + 1)
		return 0;
	while (b < k && wl_alpha((unsigned char)s[b]))
		b++;
	return caps(s, n, a, b, wl_load8(s, n, a)) ?
	    wl_level_word(s + a, b - a) : 0;
}

/* capnslog (etcd): "2026-11-21 20:24:28.394 W | pkg: msg", the letter at
 * I.  Its N (notice) is where etcd puts routine cluster state changes:
 * INFO.  Returns whether the letter is one of its levels (V filled). */
static __attribute__((noinline)) bool
capnslog(const char *s, size_t n, size_t i, struct wl_verdict *v)
{
	static const char letters[] = "TDINWEC";
	static const uint8_t sevs[] = { WL_SEV_TRACE, WL_SEV_DEBUG,
		WL_SEV_INFO, WL_SEV_INFO, WL_SEV_WARN, WL_SEV_ERROR,
		WL_SEV_CRIT };
	size_t body = wl_skip_sp(s, n, i + 4);
	/* (the package name: "etcdserver/membership: ") */
	size_t p = until2(s, n, body, n < body + 48 ? n : body + 48, ' ',
	    ':');
	if (p + 1 < n && s[p] == ':' && s[p + 1] == ' ')
		body = p + 2;	/* the package name */
	for (int k = 0; k < 7; k++)
		if (s[i] == letters[k])
			return set(v, sevs[k], WL_DET_CAPNSLOG, WL_K_LEVEL,
			    body);
	return false;
}

/* PostgreSQL's "LEVEL:  msg", the word [I, B) in capitals and ":  "
 * after it.  Returns whether it is one of PostgreSQL's words (V
 * filled). */
static __attribute__((noinline)) bool
postgres(const char *s, size_t n, size_t i, size_t b, struct wl_verdict *v)
{
	int pg = postgres_level(s, n, i, b);
	size_t body = wl_skip_sp(s, n, b + 1);
	if (pg == WL_SEV_FATAL && s[i] == 'F' &&
	    session_failure(s + body, n - body))
		pg = WL_SEV_ERROR;
	if (pg > 0)
		return set(v, pg, WL_DET_POSTGRES, pg == WL_SEV_INFO ?
		    WL_K_LEVEL : WL_K_FINAL, body);
	if (pg < 0 && s[i] == 'H')	/* HINT: help */
		return set(v, WL_SEV_INFO, WL_DET_POSTGRES, WL_K_FINAL, body);
	if (pg < 0) {
		/* STATEMENT is logged for errors */
		set(v, s[i] == 'S' ? WL_SEV_ERROR : WL_SEV_INFO,
		    WL_DET_POSTGRES, WL_K_FINAL, body);
		v->cont = 1;
		return true;
	}
	return false;
}

/* The generic header: stamps, bracketed fields, pids, separators, then a
 * level word.  STAMP0 is wl_skip_stamp(s, n, 0): the caller has read
 * it. */
static bool
tokens(const char *s, size_t n, size_t stamp0, struct wl_verdict *v)
{
	size_t i = stamp0, lim = n < 200 ? n : 200;
	bool stamp = stamp0 > 0, header = stamp, dash = false, thread = false;
	int tok = stamp;	/* (the stamp at 0 is the first field) */

	/* PostgreSQL to syslog numbers its lines: "[5-2] ". */
	if (s[0] == '[') {
		size_t j = wl_skip_digits(s, n, 1);
		if (j > 1 && j < n && s[j] == '-') {
			size_t k = wl_skip_digits(s, n, j + 1);
			if (k > j + 1 && k + 1 < n && s[k] == ']' &&
			    s[k + 1] == ' ')
				i = k + 2, header = true;
		}
	}
	for (; tok < 8 && i < lim; tok++) {
		unsigned char c = (unsigned char)s[i];
		unsigned kind = field_kind[c];
		size_t j;
		if (kind == F_OPEN) {
			size_t k = closing(s, n, i);
			if (k >= n)
				break;
			/* (a level is letters) */
			int lv = wl_alpha((unsigned char)s[i + 1]) ?
			    wl_level_word(s + i + 1, k - i - 1) : 0;
			/* (a stamp starts with a digit or a capital) */
			if (lv == 0 && k > i + 1 &&
			    !(wl_cls[(unsigned char)s[i + 1]] & WL_C_LOWER))
				lv = bracket_stamp_level(s, n, i, k);
			if (lv != 0) {
				size_t body = wl_skip_sp(s, n, k + 1);
				size_t p = stamp && c == '[' ?
				    nginx_pid(s, n, body) : 0;
				if (p > 0)
					return wl_detect_nginx(s, n, p, lv, v);
				return set(v, lv, WL_DET_BRACKET, WL_K_LEVEL,
				    body);
			}
			if (c == '<')
				break;
			thread = header = true;
			i = wl_skip_sp(s, n, k + 1);
			continue;
		}
		if (kind == F_SEP) {
			size_t e = separator(s, n, i);
			if (e == 0)
				break;
			if (c == '-' && e == i + 1)
				dash = true;
			header = true;
			i = wl_skip_sp(s, n, e);
			continue;
		}
		if (kind == F_END)
			break;
		/* A digit, or a capital and two lower-case letters then no
		 * letter, can start a stamp: wl_skip_stamp's test, with the
		 * kind known.  (A stamp at 0 is STAMP0, and wl_skip_stamp_at
		 * says so again.) */
		if (kind != F_LOWER && (kind == F_DIGIT ||
		    wl_name3_at(s, n, i)) &&
		    (j = wl_skip_stamp_at(s, n, i)) > i) {
			i = j;
			stamp = header = true;
			continue;
		}
		if (kind == F_DIGIT) {
			/* a pid or a thread number between header fields */
			j = wl_skip_digits(s, n, i);
			if (!header || j >= n || s[j] != ' ')
				break;
			i = wl_skip_sp(s, n, j);
			continue;
		}
		uint64_t w = wl_load8(s, n, i);
		size_t b = wl_letters8(w);
		b = b < 8 ? i + b : letters_end(s, n, i + 8);
		/* a prefix glued to the date: Go's log.New("raft", 0) */
		if (tok == 0 && b < n && wl_digit((unsigned char)s[b]) &&
		    (j = wl_skip_stamp(s, n, b)) > b) {
			i = j;
			stamp = header = true;
			continue;
		}
		if (b == i + 1 && stamp && b + 2 < n && s[b] == ' ' &&
		    s[b + 1] == '|' && s[b + 2] == ' ') {
			if (capnslog(s, n, i, v))
				return true;
			break;
		}
		if (caps(s, n, i, b, w)) {
			/* psql: "LINE 1: select ..." continues an error */
			if (tok == 0 && b - i == 4 &&
			    WL_PFX(s + i, 4, "LINE") && b + 1 < n &&
			    s[b] == ' ' && wl_digit((unsigned char)s[b + 1])) {
				set(v, WL_SEV_ERROR, WL_DET_POSTGRES,
				    WL_K_FINAL, 0);
				v->cont = 1;
				return true;
			}
			if (b + 2 < n && s[b] == ':' && s[b + 1] == ' ' &&
			    s[b + 2] == ' ' && postgres(s, n, i, b, v))
				return true;
			int lv = wl_level_word(s + i, b - i);
			if (lv != 0 && (b == n || s[b] == ' ' || s[b] == ':')) {
				size_t body = b < n && s[b] == ':' ? b + 1 : b;
				enum wl_det det = WL_DET_LOG4J;
				/* "LEVEL:name:msg", "- name - LEVEL - " */
				if (b < n && s[b] == ':' && b + 1 < n &&
				    s[b + 1] != ' ' && tok == 0)
					det = WL_DET_PYTHON;
				else if (dash)
					det = WL_DET_PYTHON;
				else if (!stamp && !thread)
					det = WL_DET_LEVEL_PREFIX;
				return set(v, lv, det, WL_K_LEVEL,
				    wl_skip_sp(s, n, body));
			}
			break;
		}
		/* Python's "%(asctime)s - %(name)s - %(levelname)s": the
		 * logger name sits between two dashes. */
		if (dash && stamp) {
			size_t e2 = b;
			while (e2 < n && s[e2] != ' ')
				e2++;
			if (e2 + 2 < n && s[e2 + 1] == '-' &&
			    s[e2 + 2] == ' ') {
				i = wl_skip_sp(s, n, e2);
				continue;
			}
		}
		break;
	}
	if (stamp) {
		i = skip_ident(s, n, i);
		if (go_fatal_idiom(s, n, i))
			return set(v, WL_SEV_FATAL, WL_DET_GO_LOG, WL_K_FINAL,
			    i);
		v->body = (uint32_t)i;
	} else if (thread)
		v->body = (uint32_t)i;
	return false;
}

/* wl_detect_header for a line that starts with a digit: a stamp, or
 * redis's "pid:R".  Not inlined, nor are the two after it: a line the
 * caller turns away saves none of their registers. */
static __attribute__((noinline)) bool
digit_led(const char *s, size_t n, struct wl_verdict *v)
{
	/* (a digit can start a stamp at 0, as wl_skip_stamp requires) */
	size_t j = wl_skip_stamp_at(s, n, 0);
	if (j > 0)
		return tokens(s, n, j, v);
	/* Without a stamp first, a number ("4096 bytes") starts no header
	 * (a pid needs a field before it); none of glog, cron or Apache
	 * starts with a digit. */
	return redis(s, n, v);
}

/* The generic header of a line whose first word, in mixed case, ends at
 * B: none unless a date is glued to the word (a digit at B). */
static inline bool
glued_date(const char *s, size_t n, size_t b, struct wl_verdict *v)
{
	if (b >= n || !wl_digit((unsigned char)s[b]))
		return false;
	return tokens(s, n, 0, v);
}

/* A line that starts with a word in mixed case ("Everything
 * up-to-date"), its letters from 2 on: that is no level and no capnslog
 * letter, so no header, unless a date is glued to it. */
static __attribute__((noinline)) bool
mixed_led(const char *s, size_t n, struct wl_verdict *v)
{
	return glued_date(s, n, letters_end(s, n, 2), v);
}

/* mixed_led, with the first eight letters from 2 read here: most words
 * end before them, and a word that does not goes on in mixed_led, so
 * that this one, without a loop, needs no register saved. */
static inline bool
mixed_word(const char *s, size_t n, struct wl_verdict *v)
{
	size_t b = 2 + wl_letters8(wl_load8(s, n, 2));
	if (b == 10)
		return mixed_led(s, n, v);
	return glued_date(s, n, b, v);
}

/* wl_detect_header for a line that starts with a capital and two
 * lower-case letters, then no letter: a month's or a weekday's name
 * can start a stamp there ("Nov 21 ..."). */
static __attribute__((noinline)) bool
name_led(const char *s, size_t n, struct wl_verdict *v)
{
	size_t j = wl_skip_stamp_at(s, n, 0);
	if (j > 0)
		return tokens(s, n, j, v);
	return mixed_led(s, n, v);
}

/* wl_detect_header for a capital and a digit: glog's "E1121 ...", or
 * the generic header without a stamp. */
static __attribute__((noinline)) bool
glog_led(const char *s, size_t n, struct wl_verdict *v)
{
	return glog(s, n, v) || tokens(s, n, 0, v);
}

/* wl_detect_header for a line that starts with a capital (N >= 3): a
 * month or a weekday starting a stamp, glog's level letter, a level
 * word.  Its own tests need no register saved: the lines in mixed case
 * are turned away without any. */
static __attribute__((noinline)) bool
upper_led(const char *s, size_t n, struct wl_verdict *v)
{
	unsigned char c1 = (unsigned char)s[1];
	if (wl_digit(c1))
		return glog_led(s, n, v);
	if (!(wl_cls[c1] & WL_C_LOWER))
		return tokens(s, n, 0, v);
	if (wl_name3_at(s, n, 0))
		return name_led(s, n, v);
	return mixed_word(s, n, v);
}

/* wl_detect_header for a line whose first byte C is neither a letter nor
 * a digit, nor one that starts no header: a bracket, a separator, cron's
 * "(user)".  No stamp starts with C. */
static __attribute__((noinline)) bool
other_led(const char *s, size_t n, unsigned char c, struct wl_verdict *v)
{
	if (c == '(' && cron(s, n, v))
		return true;
	if (c == '[' && wl_detect_apache(s, n, v))
		return true;
	/* (tokens would stop at once, with nothing to say) */
	if (field_kind[c] == F_END)
		return false;
	return tokens(s, n, 0, v);
}

bool
wl_detect_header(const char *s, size_t n, struct wl_verdict *v)
{
	/* The bytes that start no header: blanks, quotes, '/', '.', and
	 * any byte past ASCII; one bit each, for one test. */
	static const uint64_t none[4] = { 1ULL << ' ' | 1ULL << '\t' |
		1ULL << '"' | 1ULL << '\'' | 1ULL << '/' | 1ULL << '.', 0,
		~0ULL, ~0ULL };
	v->body = 0;
	if (n < 3)
		return false;
	unsigned char c = (unsigned char)s[0];
	/* A header starts with a stamp, a bracket, a separator or a level
	 * word; a lower-case word only when a date is glued to it
	 * ("raft2026/11/21 ..."). */
	if (c >= 'a' && c <= 'z') {
		size_t i = wl_span_lower(s, n, 1, n < 16 ? n : 16, false);
		if (i >= n || !wl_digit((unsigned char)s[i]))
			return false;
		return tokens(s, n, 0, v);	/* (no stamp at 0) */
	}
	/* The stamp-led lines, the commonest headers, start with a digit
	 * or a capital; where a line starts with a stamp, none of glog,
	 * redis, cron or Apache can match (their first token is a level
	 * letter and digits, digits and a colon and a capital, or a
	 * bracket), so the stamp is read first. */
	if (wl_digit(c))
		return digit_led(s, n, v);
	if (wl_upper(c))
		return upper_led(s, n, v);
	if (none[c >> 6] >> (c & 63) & 1)
		return false;
	return other_led(s, n, c, v);
}
