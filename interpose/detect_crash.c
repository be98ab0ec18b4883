/*
 * detect_crash.c - messages that say the process died, or a thread did.
 *
 * FATAL means the process itself ends on an unhandled failure: a Go
 * panic or "fatal error:" (a panic in any goroutine ends the process), a
 * Rust panic in the main thread, an uncaught Python, Java or Node
 * exception, a Perl die or Tcl error that escaped, an AddressSanitizer
 * report.  The same failure in a thread that is not the main one leaves
 * the process running: ERROR.  Some records need more than their first
 * line: a Python traceback names the exception on its last line, and a
 * KeyboardInterrupt (the user stopped the program) or a SyntaxError (the
 * program never ran) is no crash.
 */
#include "detect.h"

static bool
set(struct wl_verdict *v, int sev, enum wl_det det, int cont)
{
	v->sev = (uint8_t)sev;
	v->det = (uint8_t)det;
	v->kind = WL_K_FINAL;
	v->cont = (uint8_t)cont;
	v->body = 0;
	v->body_end = 0;
	return true;
}

/* "thread 'main' panicked at", "thread 'w' (5294) panicked at". */
static bool
rust_panic(const char *s, size_t n, struct wl_verdict *v)
{
	size_t i = 8, lim = n < 200 ? n : 200;
	while (i < lim && s[i] != '\'')
		i++;
	if (i >= lim)
		return false;
	bool main_thread = i == 12 && WL_PFX(s + 8, 4, "main");
	size_t j = i + 1;
	if (j + 1 < n && s[j] == ' ' && s[j + 1] == '(') {
		size_t k = wl_skip_digits(s, n, j + 2);
		if (k >= n || s[k] != ')')
			return false;
		j = k + 1;
	}
	if (!WL_PFX(s + j, n - j, " panicked at"))
		return false;
	return set(v, main_thread ? WL_SEV_FATAL : WL_SEV_ERROR,
	    WL_DET_RUST_PANIC, 0);
}

/* "Exception in thread \"main\" java.lang.X: ..." (Java) or "Exception
 * in thread worker:" (Python's threading). */
static bool
thread_exception(const char *s, size_t n, struct wl_verdict *v)
{
	const char *m = s + 20;
	size_t mn = n - 20;
	if (WL_PFX(m, mn, "\"main\""))
		return set(v, WL_SEV_FATAL, WL_DET_JAVA, 0);
	return set(v, WL_SEV_ERROR, m[0] == '"' ? WL_DET_JAVA :
	    WL_DET_TRACEBACK, 0);
}

/* "==123==ERROR: AddressSanitizer: ...", "==123==ABORTING". */
static bool
sanitizer(const char *s, size_t n, struct wl_verdict *v)
{
	size_t i = wl_skip_digits(s, n, 2);
	if (i == 2 || i + 2 >= n || s[i] != '=' || s[i + 1] != '=')
		return false;
	const char *m = s + i + 2;
	size_t mn = n - i - 2;
	if (WL_PFX(m, mn, "ABORTING"))
		return set(v, WL_SEV_FATAL, WL_DET_SANITIZER, 0);
	if (WL_PFX(m, mn, "ERROR: ") && (WL_HAS(m, mn, "AddressSanitizer") ||
	    WL_HAS(m, mn, "LeakSanitizer") || WL_HAS(m, mn, "MemorySanitizer")))
		return set(v, WL_SEV_FATAL, WL_DET_SANITIZER, 0);
	if (WL_PFX(m, mn, "WARNING: ThreadSanitizer"))
		return set(v, WL_SEV_WARN, WL_DET_SANITIZER, 0);
	return false;
}

/* The leads of the lines wl_crash_line_at() knows, each in its slot
 * (-Woverride-init would catch two in one slot). */
#define LEAD(a, b, c, d) [WL_LEAD_SLOT(WL_LEAD4(a, b, c, d))] = \
	WL_LEAD4(a, b, c, d)
const uint32_t wl_crash_lead[64] = {
	LEAD('p', 'a', 'n', 'i'), LEAD('f', 'a', 't', 'a'),
	LEAD('g', 'o', 'r', 'o'), LEAD('t', 'h', 'r', 'e'),
	LEAD('T', 'r', 'a', 'c'), LEAD('E', 'x', 'c', 'e'),
	LEAD('=', '=', 0, 0), LEAD('[', 's', 'i', 'g'),
	LEAD('S', 'U', 'M', 'M'), LEAD('D', 'i', 'e', 'd'),
};
#undef LEAD

bool
wl_crash_line_at(const char *s, size_t n, struct wl_verdict *v)
{
	switch (s[0]) {
	case 'p':
		if (WL_PFX(s, n, "panic: "))
			return set(v, WL_SEV_FATAL, WL_DET_GO_PANIC, 0);
		break;
	case 'f':
		if (WL_PFX(s, n, "fatal error: "))
			return set(v, WL_SEV_FATAL, WL_DET_GO_PANIC, 0);
		break;
	case 'g':
		if (WL_PFX(s, n, "goroutine ") && n > 10 &&
		    wl_digit((unsigned char)s[10]))
			return set(v, WL_SEV_FATAL, WL_DET_GO_PANIC, 1);
		break;
	case 't':
		if (WL_PFX(s, n, "thread '"))
			return rust_panic(s, n, v);
		break;
	case 'T':
		if (WL_PFX(s, n, "Traceback (most recent call last):"))
			return set(v, WL_SEV_FATAL, WL_DET_TRACEBACK, 0);
		break;
	case 'E':
		if (WL_PFX(s, n, "Exception in thread ") && n > 21)
			return thread_exception(s, n, v);
		break;
	case '=':
		if (s[1] == '=')
			return sanitizer(s, n, v);
		break;
	case '[':
		/* Go: "[signal SIGSEGV: segmentation violation ...]" */
		if (WL_PFX(s, n, "[signal SIG"))
			return set(v, WL_SEV_FATAL, WL_DET_GO_PANIC, 1);
		break;
	case 'S':
		if (WL_PFX(s, n, "SUMMARY: AddressSanitizer"))
			return set(v, WL_SEV_FATAL, WL_DET_SANITIZER, 1);
		break;
	case 'D':
		if (WL_PFX(s, n, "Died at "))
			return set(v, WL_SEV_FATAL, WL_DET_PERL, 0);
		break;
	}
	return false;
}

/* The last line of [s, s + n) that is not blank. */
static const char *
last_line(const char *s, size_t n, size_t *len)
{
	size_t e = n;
	while (e > 0 && (s[e - 1] == '\n' || s[e - 1] == ' '))
		e--;
	size_t b = e;
	while (b > 0 && s[b - 1] != '\n')
		b--;
	*len = e - b;
	return s + b;
}

/* The exception a Python traceback ends with decides what it was. */
static bool
python(const char *s, size_t n, bool worker, struct wl_verdict *v)
{
	size_t ln, k = 0;
	const char *l = last_line(s, n, &ln);
	while (k < ln && (wl_alpha((unsigned char)l[k]) ||
	    wl_digit((unsigned char)l[k]) || l[k] == '_' || l[k] == '.'))
		k++;
	if (k == 0 || (k < ln && l[k] != ':'))
		return false;
	/* the class name without its module */
	size_t c = k;
	while (c > 0 && l[c - 1] != '.')
		c--;
	const char *name = l + c;
	size_t nl = k - c;
#define IS(lit) (nl == sizeof(lit) - 1 && __builtin_memcmp(name, lit, nl) == 0)
	if (IS("KeyboardInterrupt"))
		return set(v, WL_SEV_NOTICE, WL_DET_TRACEBACK, 0);
	if (IS("SyntaxError") || IS("IndentationError") || IS("TabError"))
		return set(v, WL_SEV_ERROR, WL_DET_TRACEBACK, 0);
#undef IS
	return set(v, worker ? WL_SEV_ERROR : WL_SEV_FATAL, WL_DET_TRACEBACK,
	    0);
}

/* Node's report of an uncaught exception: "file:line", the source line,
 * a caret, the error, its stack ("    at ..."), "Node.js v20.1.0". */
static bool
node(const char *s, size_t n, struct wl_verdict *v)
{
	size_t ln;
	const char *l = last_line(s, n, &ln);
	bool uncaught = WL_PFX(l, ln, "Node.js v");
	if (!uncaught) {
		size_t e = 0;
		while (e < n && s[e] != '\n' && s[e] != ' ')
			e++;
		size_t d = e;
		while (d > 0 && wl_digit((unsigned char)s[d - 1]))
			d--;
		uncaught = e < n && s[e] == '\n' && d < e && d > 1 &&
		    s[d - 1] == ':' && WL_HAS(s, n, "\n    at ");
	}
	if (!uncaught)
		return false;
	/* The script itself could not be found: the program never ran. */
	if (WL_HAS(s, n, "Cannot find module") &&
	    WL_HAS(s, n, "requireStack: []"))
		return set(v, WL_SEV_ERROR, WL_DET_NODE, 0);
	return set(v, WL_SEV_FATAL, WL_DET_NODE, 0);
}

bool
wl_detect_crash_record(const char *s, size_t n, struct wl_verdict *v)
{
	if (WL_PFX(s, n, "Traceback (most recent call last):\n") ||
	    WL_PFX(s, n, "  File \""))
		return python(s, n, false, v);
	if (WL_PFX(s, n, "Exception in thread ") && n > 21 && s[20] != '"' &&
	    WL_HAS(s, n, "\nTraceback (most recent call last):\n"))
		return python(s, n, true, v);
	if (node(s, n, v))
		return true;
	/* Tcl's errorInfo of an error nothing caught */
	if (WL_HAS(s, n, "\n    while executing\n"))
		return set(v, WL_SEV_FATAL, WL_DET_TCL, 0);
	/* Carp's confess/croak: the die message, then "\tmain::f() called
	 * at -e line 1" frames */
	size_t at = WL_FIND(s, n, " called at ");
	if (at < n) {
		size_t b = at;
		while (b > 0 && s[b - 1] != '\n')
			b--;
		if (b > 0 && s[b] == '\t')
			return set(v, WL_SEV_FATAL, WL_DET_PERL, 0);
	}
	return false;
}
