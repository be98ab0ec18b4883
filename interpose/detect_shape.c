/*
 * detect_shape.c - lines recognised by their shape rather than by a level
 * word: traces (strace's "call(args) = result", set -x's "+ cmd", curl
 * -v's "* ", "> ", "< " lines), valgrind's "==pid== " report, usage text
 * and option lists, imperative hints ("Try 'ls --help'"), gcc's context
 * headers ("x.c: In function 'main':"), go build's "# pkg" header, and
 * dnsmasq's query log.  Most are told apart by their first character.
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "detect.h"

/* Fill V (see wl_verdict_set in detect.h). */
#define set wl_verdict_set

static bool
cont(struct wl_verdict *v, int fallback, enum wl_det det)
{
	set(v, fallback, det, WL_K_FINAL, 0);
	v->cont = 1;
	return true;
}

/* The result of the call whose '(' is at I: the last " = " after a ')'.
 * Apart (and not inlined) so that the test most lines fail, strace()'s
 * first, stays a leaf function without a frame to save; memrchr reads
 * the line from its end in one pass, not a loop per byte. */
static __attribute__((noinline)) bool
strace_result(const char *s, size_t n, size_t i)
{
	const char *eq = memrchr(s + i, '=', n - i);
	size_t k = eq != NULL ? (size_t)(eq - s) + 1 : i;
	if (k <= i + 1 || k >= n || s[k] != ' ')
		return false;
	size_t j = k - 1;
	while (j > i && s[j - 1] == ' ')
		j--;
	if (j == k - 1 || s[j - 1] != ')')
		return false;
	unsigned char r = (unsigned char)s[k + 1 < n ? k + 1 : k];
	return wl_digit(r) || r == '-' || r == '?';
}

/* strace: "openat(AT_FDCWD, \"/x\", O_RDONLY) = -1 ENOENT (...)",
 * "close(3)                                = 0", "+++ exited with 1 +++",
 * "--- SIGCHLD {...} ---". */
static bool
strace(const char *s, size_t n)
{
	if (WL_PFX(s, n, "+++ ") || (WL_PFX(s, n, "--- SIG") &&
	    n > 4 && WL_PFX(s + n - 4, 4, " ---")))
		return true;
	size_t i = wl_span_lower(s, n, 0, n < 40 ? n : 40, true);
	if (i == 0 || i >= n || s[i] != '(')
		return false;
	return strace_result(s, n, i);
}

/* curl -v: "* Connected to", "> GET / HTTP/1.1", "< HTTP/1.1 200 OK",
 * "< Server: nginx", "{ [12 bytes data]". */
static bool
curl_verbose(const char *s, size_t n)
{
	if (n < 3 || s[1] != ' ')
		return false;
	switch (s[0]) {
	case '*':
		return wl_upper((unsigned char)s[2]) || s[2] == ' ';
	case '>':
	case '<': {
		size_t i = 2;
		while (i < n && (wl_alpha((unsigned char)s[i]) || s[i] == '-'))
			i++;
		if (i == 2)
			return false;
		return (i < n && s[i] == ':') ||
		    WL_PFX(s + 2, n - 2, "HTTP/") ||
		    (i < n && s[i] == ' ' && i - 2 >= 3 &&
		        wl_upper((unsigned char)s[2]) &&
		        wl_upper((unsigned char)s[3]));
	}
	case '{':
	case '}':
		return s[2] == '[';
	}
	return false;
}

/* A number at I; *val gets it (capped).  Returns the end. */
static size_t
number(const char *s, size_t n, size_t i, unsigned long *val)
{
	*val = 0;
	while (i < n && (wl_digit((unsigned char)s[i]) || s[i] == ',')) {
		if (s[i] != ',' && *val < 100000000)
			*val = *val * 10 + (unsigned long)(s[i] - '0');
		i++;
	}
	return i;
}



/*
 * Can [s, s + n) hold a word that starts with C0 and has C1 D bytes on
 * ("lost": 'l', then 't' three on)?  A filter for the words valgrind()
 * looks for anywhere in a line: most lines have no such pair, and the
 * search for the word itself (which goes byte by byte near the end) is
 * left to the few that do.  Sixteen positions at a time, the last step
 * ending with the line (positions already seen again do no harm).
 */
static bool
pair(const char *s, size_t n, char c0, char c1, size_t d)
{
	if (n <= d)
		return false;
#if defined(__SSE2__)
	if (n >= d + 16) {
		const __m128i f = _mm_set1_epi8(c0), l = _mm_set1_epi8(c1);
		size_t last = n - d - 16;	/* the last step's start */
		for (size_t i = 0;; i += 16) {
			if (i > last)
				i = last;
			__m128i a = _mm_loadu_si128((const __m128i *)
			    (const void *)(s + i));
			__m128i e = _mm_loadu_si128((const __m128i *)
			    (const void *)(s + i + d));
			if (_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a,
			    f), _mm_cmpeq_epi8(e, l))) != 0)
				return true;
			if (i == last)
				return false;
		}
	}
#endif
	for (size_t i = 0; i + d < n; i++)
		if (s[i] == c0 && s[i + d] == c1)
			return true;
	return false;
}

/* valgrind: "==123== " then the tool's text.  Its numbers ("0 bytes",
 * "at 0x") decide: v->values is set. */
static bool
valgrind(const char *s, size_t n, struct wl_verdict *v)
{
	v->values = 1;
	size_t i = wl_skip_digits(s, n, 2);
	if (i == 2 || i + 3 > n || s[i] != '=' || s[i + 1] != '=')
		return false;
	i += 2;
	if (i >= n)
		return set(v, WL_SEV_INFO, WL_DET_VALGRIND, WL_K_FINAL, i);
	if (s[i] != ' ')
		return false;
	size_t b = i + 1, k = wl_skip_sp(s, n, b);
	const char *m = s + k;
	size_t mn = n - k;
	unsigned long num;
	/* the words are told apart by their first letters */
	char c = mn > 0 ? m[0] : 0;

	/* stack frames and the address lines under an error */
	if (k - b >= 2 && ((c == 'a' && WL_PFX(m, mn, "at 0x")) ||
	    (c == 'b' && WL_PFX(m, mn, "by 0x")) ||
	    (c == 'A' && WL_PFX(m, mn, "Address 0x")) ||
	    (c == 'B' && WL_PFX(m, mn, "Block was"))))
		return cont(v, WL_SEV_ERROR, WL_DET_VALGRIND);
	if (c == 'E' && WL_PFX(m, mn, "ERROR SUMMARY: ")) {
		number(m, mn, 15, &num);
		return set(v, num > 0 ? WL_SEV_ERROR : WL_SEV_INFO,
		    WL_DET_VALGRIND, WL_K_FINAL, b);
	}
	/* LEAK SUMMARY rows: "definitely lost: 104 bytes in 2 blocks" */
	size_t at;
	if (pair(m, mn, 'l', 't', 3)) {
		if ((at = WL_FIND(m, mn, " lost: ")) < mn) {
			number(m, mn, wl_skip_sp(m, mn, at + 7), &num);
			if (num == 0)
				return set(v, WL_SEV_INFO, WL_DET_VALGRIND,
				    WL_K_FINAL, b);
			return set(v, WL_PFX(m, mn, "possibly") ?
			    WL_SEV_WARN : WL_SEV_ERROR, WL_DET_VALGRIND,
			    WL_K_FINAL, b);
		}
		if (WL_HAS(m, mn, "lost in loss record"))
			return set(v, WL_HAS(m, mn, "possibly") ?
			    WL_SEV_WARN : WL_SEV_ERROR, WL_DET_VALGRIND,
			    WL_K_FINAL, b);
	}
	if (wl_is_hint(m, mn))
		return set(v, WL_SEV_INFO, WL_DET_VALGRIND, WL_K_FINAL, b);
	/* the headline of an error report */
	if ((c == 'I' && WL_PFX(m, mn, "Invalid ")) ||
	    (pair(m, mn, 'u', 'd', 12) && WL_HAS(m, mn, "uninitialised")) ||
	    (c == 'M' && WL_PFX(m, mn, "Mismatched ")) ||
	    (pair(m, mn, 'o', 'p', 6) && WL_HAS(m, mn, "overlap")) ||
	    (c == 'S' && WL_PFX(m, mn, "Syscall param ")) ||
	    (c == 'P' && WL_PFX(m, mn, "Process terminating")))
		return set(v, WL_SEV_ERROR, WL_DET_VALGRIND, WL_K_FINAL, b);
	/* banner, heap summary, hints */
	return set(v, WL_SEV_INFO, WL_DET_VALGRIND, WL_K_FINAL, b);
}

/* An option list line: "-n, --quiet", "  -t   : test configuration",
 * "--warn-undefined-variables  Warn when ...". */
static bool
option_line(const char *s, size_t n)
{
	size_t i = wl_skip_sp(s, n, 0);
	if (i + 2 >= n || s[i] != '-' || !(wl_alpha((unsigned char)s[i + 1]) ||
	    (s[i + 1] == '-' && wl_alpha((unsigned char)s[i + 2]))))
		return false;
	return WL_HAS(s + i, n - i, "  ") || WL_HAS(s + i, n - i, ", -") ||
	    n - i < 40;
}

/*
 * The hints by their first four bytes, in a table of 16 slots indexed by
 * a multiplicative hash of the four (the multiplier puts each in a slot
 * of its own; -Woverride-init would say if two shared one).  A lookup is
 * a load and a compare, where a switch on the first byte was a jump
 * hard to predict.
 */
#define HINT_SLOT(k) ((uint32_t)((k) * 0x7ed4d57bu) >> 28)
#define HINT(a, b, c, d, lit) [HINT_SLOT(WL_LEAD4(a, b, c, d))] = \
	{ WL_LEAD4(a, b, c, d), sizeof(lit) - 1, lit },

static const struct hint {
	uint32_t key;
	uint8_t len;
	const char *lit;
} hints[16] = {
	HINT('U', 's', 'e', ' ', "Use ")
	HINT('T', 'r', 'y', ' ', "Try ")
	HINT('T', 'y', 'p', 'e', "Type ")
	HINT('T', 'o', ' ', 'f', "To fix ")
	HINT('t', 'r', 'y', ' ', "try '")
	HINT('R', 'u', 'n', ' ', "Run '")
	HINT('S', 'e', 'e', ' ', "See ")
	HINT('F', 'o', 'r', ' ', "For more information")
	HINT('P', 'l', 'e', 'a', "Please ")
	HINT('D', 'i', 'd', ' ', "Did you mean")
	HINT('C', 'o', 'n', 's', "Consider ")
};

/* The rest of the hint H whose first four bytes [s, s + n) starts with. */
static __attribute__((noinline)) bool
hint_rest(const char *s, size_t n, const struct hint *h)
{
	if (n < h->len || memcmp(s + 4, h->lit + 4, h->len - 4u) != 0)
		return false;
	/* "Use of ..." is a warning's subject, not advice */
	return h->key != WL_LEAD4('U', 's', 'e', ' ') || !WL_PFX(s, n, "Use of ");
}

/* "Try 'ls --help' for more information.", "Run 'go help' for usage.",
 * "(Use `node --trace-deprecation ...` to show ...)". */
bool
wl_is_hint(const char *s, size_t n)
{
	if (n > 0 && s[0] == '(')
		s++, n--;
	if (n < 4)
		return false;
	uint32_t k = wl_lead4(s);
	const struct hint *h = &hints[HINT_SLOT(k)];
	return h->len != 0 && h->key == k && hint_rest(s, n, h);
}
#undef HINT
#undef HINT_SLOT

/* go build/vet: "# import/path" heads the package's diagnostics. */
static bool
package_header(const char *s, size_t n)
{
	if (n < 3 || s[0] != '#' || s[1] != ' ')
		return false;
	bool slash = false;
	for (size_t i = 2; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			return false;
		slash |= s[i] == '/';
	}
	return slash;
}

/* dnsmasq --log-queries: "query[A] x from y", "forwarded x to y",
 * "reply x is y", "cached x is y", "config x is y". */
static bool
dns_query(const char *s, size_t n)
{
	size_t i;
	const char *join;
	if (WL_PFX(s, n, "query[")) {
		i = 6;
		while (i < n && wl_upper((unsigned char)s[i]))
			i++;
		if (i + 1 >= n || s[i] != ']' || s[i + 1] != ' ')
			return false;
		i += 2, join = " from ";
	} else if (WL_PFX(s, n, "forwarded "))
		i = 10, join = " to ";
	else if (WL_PFX(s, n, "reply ") || WL_PFX(s, n, "cached "))
		i = s[0] == 'r' ? 6 : 7, join = " is ";
	else if (WL_PFX(s, n, "config "))
		i = 7, join = " is ";
	else
		return false;
	size_t j = i;
	while (j < n && s[j] != ' ')
		j++;
	size_t jl = join[1] == 'f' ? 6 : 4;
	return j > i && wl_pfx(s + j, n - j, join, jl);
}

bool
wl_is_gcc_context(const char *m, size_t mn)
{
	if (mn < 12 || (m[0] != 'I' && m[0] != 'A'))
		return false;	/* the shortest is "In function " */
	return WL_PFX(m, mn, "In function ") ||
	    WL_PFX(m, mn, "In member function ") ||
	    WL_PFX(m, mn, "In constructor ") ||
	    WL_PFX(m, mn, "In destructor ") ||
	    WL_PFX(m, mn, "In instantiation of ") ||
	    WL_PFX(m, mn, "In lambda function") ||
	    WL_PFX(m, mn, "At top level:") || WL_PFX(m, mn, "At global scope:");
}

bool
wl_is_gcc_header(const char *s, size_t n)
{
	const char *c = memchr(s, ':', n);
	if (c == NULL || (size_t)(c - s) + 2 >= n || c[1] != ' ')
		return false;
	size_t i = (size_t)(c - s) + 2;
	return wl_is_gcc_context(s + i, n - i);
}

bool
wl_detect_shape(const char *s, size_t n, struct wl_verdict *v)
{
	return wl_detect_shape_at(s, n, true, v);
}

/*
 * What a line's first two bytes say it may be: for each first byte, the
 * lower-case letters a shape's second byte can be (bit 0 'a'), or ANY
 * for the bytes that start a trace, usage or a hint by themselves.  The
 * letters start words: "Caused by", "In function", "Try '", "usage:",
 * dnsmasq's "query[" and "reply ".  Most lines start with none of these
 * pairs, and a load or two sends them on.
 */
#define ANY WL_NEXT_ANY
#define L(c) WL_NEXT(c)

static const uint32_t shape_next[256] = {
	['+'] = ANY, ['-'] = ANY, ['='] = ANY, ['*'] = ANY, ['>'] = ANY,
	['<'] = ANY, ['{'] = ANY, ['}'] = ANY, ['#'] = ANY, [' '] = ANY,
	['\t'] = ANY, ['('] = ANY,
	['A'] = L('t'), ['C'] = L('a') | L('o'), ['D'] = L('i'),
	['F'] = L('o'), ['I'] = L('n'), ['P'] = L('l'), ['R'] = L('u'),
	['S'] = L('e'), ['T'] = L('o') | L('r') | L('y'), ['U'] = L('s'),
	['c'] = L('a') | L('o'), ['f'] = L('o'), ['q'] = L('u'),
	['r'] = L('e'), ['t'] = L('r'), ['u'] = L('s'),
};

#undef L
#undef ANY

bool
wl_detect_shape_at(const char *s, size_t n, bool call, struct wl_verdict *v)
{
	if (n == 0)
		return false;
	/* one test of the two bytes, not a branch on each: whether a
	 * line's first byte is one of the table's varies from line to line */
	if (!wl_next_has(shape_next[(unsigned char)s[0]],
	    n > 1 ? (unsigned char)s[1] : 0)) {
		/* none of the shapes below; strace's "call(" may still be */
		if (call && s[0] >= 'a' && s[0] <= 'z' && strace(s, n))
			return set(v, WL_SEV_TRACE, WL_DET_STRACE, WL_K_FINAL,
			    0);
		return false;
	}
	/* Shapes recognised by their first character. */
	switch (s[0]) {
	case '+':	/* set -x; strace's "+++ exited with 1 +++" */
		if (WL_PFX(s, n, "+++ ") && strace(s, n))
			return set(v, WL_SEV_TRACE, WL_DET_STRACE, WL_K_FINAL,
			    0);
		if (n >= 2 && (s[1] == ' ' || s[1] == '+'))
			return set(v, WL_SEV_TRACE, WL_DET_XTRACE, WL_K_FINAL,
			    0);
		break;
	case '-':	/* strace's "--- SIGCHLD {...} ---" */
		if (strace(s, n))
			return set(v, WL_SEV_TRACE, WL_DET_STRACE, WL_K_FINAL,
			    0);
		if (option_line(s, n))
			return set(v, WL_SEV_INFO, WL_DET_USAGE, WL_K_FINAL, 0);
		break;
	case '=':
		if (n > 4 && s[1] == '=' && valgrind(s, n, v))
			return true;
		break;
	case '*':
	case '>':
	case '<':
	case '{':
	case '}':
		if (curl_verbose(s, n))
			return set(v, WL_SEV_DEBUG, WL_DET_CURL, WL_K_FINAL, 0);
		break;
	case '#':
		if (package_header(s, n)) /* most often build errors follow */
			return set(v, WL_SEV_ERROR, WL_DET_BUILD, WL_K_FINAL,
			    0);
		break;
	case ' ':
	case '\t':
		if (option_line(s, n))
			return set(v, WL_SEV_INFO, WL_DET_USAGE, WL_K_FINAL, 0);
		break;
	case 'U':
	case 'u':
		if (WL_PFX(s + 1, n - 1, "sage:"))
			return set(v, WL_SEV_INFO, WL_DET_USAGE, WL_K_FINAL, 0);
		break;
	case 'C':
		if (WL_PFX(s, n, "Caused by: "))
			return cont(v, WL_SEV_ERROR, WL_DET_JAVA);
		break;
	case 'I':
	case 'A':
		if (WL_PFX(s, n, "In file included from "))
			return set(v, WL_SEV_INFO, WL_DET_GCC, WL_K_FINAL, 0);
		if (wl_is_gcc_context(s, n))
			return set(v, WL_SEV_WARN, WL_DET_GCC, WL_K_FINAL, 0);
		break;
	case 'c':
		if (WL_PFX(s, n, "compilation terminated."))
			return set(v, WL_SEV_ERROR, WL_DET_GCC, WL_K_FINAL, 0);
		break;
	}
	if (wl_hint_lead(s, n) && wl_is_hint(s, n))
		return set(v, WL_SEV_INFO, WL_DET_HINT, WL_K_FINAL, 0);
	if (s[0] >= 'a' && s[0] <= 'z') {
		if (call && strace(s, n))
			return set(v, WL_SEV_TRACE, WL_DET_STRACE, WL_K_FINAL,
			    0);
		if (dns_query(s, n))
			return set(v, WL_SEV_DEBUG, WL_DET_DNS_QUERY,
			    WL_K_FINAL, 0);
	}
	return false;
}
