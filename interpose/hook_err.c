/*
 * hook_err.c - the C library's error reporters: perror, err/warn and
 * their v-forms, error, error_at_line, psignal, psiginfo, herror and the
 * assert() failure functions.
 *
 * glibc writes these through its internal stdio, which no hook sees, so
 * each is rebuilt here: the same text, without the "program: " prefix the
 * library adds (the event carries the program name), as one line.  In
 * passthrough mode stderr still shows glibc's exact bytes, prefix and
 * all.  Their
 * semantics stay: err and verr exit, error() exits on a non-zero status
 * and counts error_message_count, assert failures abort.
 */
#include <errno.h>
#include <error.h>
#include <err.h>
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capture.h"
#include "linebuf.h"
#include "real.h"

/* glibc's assert() back ends (assert.h declares them only under NDEBUG
 * off, with attributes we repeat here). */
void __assert_fail(const char *assertion, const char *file, unsigned line,
    const char *function) __attribute__((noreturn));
void __assert_perror_fail(int errnum, const char *file, unsigned line,
    const char *function) __attribute__((noreturn));

/* A line being built: text appended with a clamp, never overflowing. */
struct msg {
	char buf[2048];
	size_t len;
};

static void
add(struct msg *m, const char *s, size_t n)
{
	size_t room = sizeof(m->buf) - 1 - m->len;
	if (n > room)
		n = room;
	memcpy(m->buf + m->len, s, n);
	m->len += n;
}

static void
adds(struct msg *m, const char *s)
{
	add(m, s, strlen(s));
}

static void
addv(struct msg *m, int err, const char *fmt, va_list ap)
{
	size_t room = sizeof(m->buf) - m->len;
	errno = err;	/* %m is the caller's errno */
	int n = vsnprintf(m->buf + m->len, room, fmt, ap);
	if (n > 0)
		m->len += (size_t)n < room ? (size_t)n : room - 1;
}

static void
adderr(struct msg *m, int errnum)
{
	char tmp[256];
	adds(m, strerror_r(errnum, tmp, sizeof(tmp)));
}

static void
addu(struct msg *m, unsigned long v)
{
	char tmp[24];
	size_t i = sizeof(tmp);
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	add(m, tmp + i, sizeof(tmp) - i);
}

/* Deliver M as one line; PREFIX is what glibc would have printed before
 * it ("prog: "), which only passthrough shows. */
static void
emit(const char *api, const char *prefix, struct msg *m)
{
	add(m, "\n", 1);
	(void)wl_capture_prefixed(api, prefix, m->buf, m->len);
}

/* glibc's "prog: " before warn() and assert() messages (its __progname,
 * the short name). */
static const char *
short_prefix(char *buf, size_t cap)
{
	const char *p = program_invocation_short_name;
	if (p == NULL || *p == '\0')
		return "";
	snprintf(buf, cap, "%s: ", p);
	return buf;
}

WL_EXPORT void
perror(const char *s)
{
	WL_NOTE_CALLER();
	int saved = errno;
	if (!wl_capture_enter() || !wl_stream_is_stderr(stderr)) {
		wl_capture_leave();
		wl_real_perror(s);
		return;
	}
	wl_stream_take_pending(stderr);
	struct msg m = { .len = 0 };
	if (s != NULL && *s != '\0') {
		adds(&m, s);
		adds(&m, ": ");
	}
	adderr(&m, saved);
	emit("perror", NULL, &m);
	wl_capture_leave();
	errno = saved;
}

/* The body of warn/warnx/err/errx: "fmt[: strerror]". */
static bool
warn_common(const char *api, bool with_errno, const char *fmt, va_list ap)
{
	int saved = errno;
	if (!wl_capture_enter() || !wl_stream_is_stderr(stderr)) {
		wl_capture_leave();
		errno = saved;
		return false;
	}
	wl_stream_take_pending(stderr);
	struct msg m = { .len = 0 };
	if (fmt != NULL)
		addv(&m, saved, fmt, ap);
	if (with_errno) {
		if (fmt != NULL)
			adds(&m, ": ");
		adderr(&m, saved);
	}
	char pre[288];
	emit(api, short_prefix(pre, sizeof(pre)), &m);
	wl_capture_leave();
	errno = saved;
	return true;
}

WL_EXPORT void
vwarn(const char *fmt, va_list ap)
{
	WL_NOTE_CALLER();
	if (!warn_common("vwarn", true, fmt, ap))
		wl_real_vwarn(fmt, ap);
}

WL_EXPORT void
vwarnx(const char *fmt, va_list ap)
{
	WL_NOTE_CALLER();
	if (!warn_common("vwarnx", false, fmt, ap))
		wl_real_vwarnx(fmt, ap);
}

WL_EXPORT void
warn(const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	if (!warn_common("warn", true, fmt, ap))
		wl_real_vwarn(fmt, ap2);
	va_end(ap2);
	va_end(ap);
}

WL_EXPORT void
warnx(const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	if (!warn_common("warnx", false, fmt, ap))
		wl_real_vwarnx(fmt, ap2);
	va_end(ap2);
	va_end(ap);
}

WL_EXPORT void
verr(int status, const char *fmt, va_list ap)
{
	WL_NOTE_CALLER();
	va_list ap2;
	va_copy(ap2, ap);
	if (!warn_common("verr", true, fmt, ap))
		wl_real_verr(status, fmt, ap2);
	va_end(ap2);
	exit(status);
}

WL_EXPORT void
verrx(int status, const char *fmt, va_list ap)
{
	WL_NOTE_CALLER();
	va_list ap2;
	va_copy(ap2, ap);
	if (!warn_common("verrx", false, fmt, ap))
		wl_real_verrx(status, fmt, ap2);
	va_end(ap2);
	exit(status);
}

WL_EXPORT void
err(int status, const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	if (!warn_common("err", true, fmt, ap))
		wl_real_verr(status, fmt, ap2);
	exit(status);
}

WL_EXPORT void
errx(int status, const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	if (!warn_common("errx", false, fmt, ap))
		wl_real_verrx(status, fmt, ap2);
	exit(status);
}

/*
 * error(3): flush stdout, let error_print_progname print its own prefix
 * if the program set one (through stdio, so it is captured and joins this
 * line), print "fmt[: strerror(errnum)]", count it, exit on a non-zero
 * status.
 */
static void
error_common(const char *api, int status, int errnum, const char *file,
    unsigned line, const char *fmt, va_list ap)
{
	int saved = errno;
	fflush(stdout);
	if (!wl_capture_enter() || !wl_stream_is_stderr(stderr)) {
		wl_capture_leave();
		/* Not ours: print as glibc does, through the real stdio. */
		if (error_print_progname != NULL)
			error_print_progname();
		else
			fprintf(stderr, "%s:", program_invocation_name);
		if (file != NULL)
			fprintf(stderr, "%s:%u: ", file, line);
		else
			fputc(' ', stderr);
		errno = saved;
		wl_real_vfprintf(stderr, fmt, ap);
		if (errnum != 0)
			fprintf(stderr, ": %s", strerror(errnum));
		fputc('\n', stderr);
		fflush(stderr);
	} else {
		wl_stream_take_pending(stderr);
		wl_capture_leave();
		if (error_print_progname != NULL)
			error_print_progname();
		(void)wl_capture_enter();
		struct msg m = { .len = 0 };
		if (file != NULL) {
			adds(&m, file);
			add(&m, ":", 1);
			addu(&m, line);
			adds(&m, ": ");
		}
		addv(&m, saved, fmt, ap);
		if (errnum != 0) {
			adds(&m, ": ");
			adderr(&m, errnum);
		}
		/* glibc: "prog:" then the location or a space, unless the
		 * program prints its own name (already captured above). */
		char pre[288] = "";
		if (error_print_progname == NULL)
			snprintf(pre, sizeof(pre), "%s:%s",
			    program_invocation_name, file != NULL ? "" : " ");
		emit(api, pre, &m);
		wl_capture_leave();
	}
	++error_message_count;
	if (status != 0)
		exit(status);
	errno = saved;
}

WL_EXPORT void
error(int status, int errnum, const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap;
	va_start(ap, fmt);
	error_common("error", status, errnum, NULL, 0, fmt, ap);
	va_end(ap);
}

WL_EXPORT void
error_at_line(int status, int errnum, const char *file, unsigned line,
    const char *fmt, ...)
{
	WL_NOTE_CALLER();
	static const char *last_file;
	static unsigned last_line;

	if (error_one_per_line) {
		if (last_line == line && last_file != NULL && file != NULL &&
		    (last_file == file || strcmp(last_file, file) == 0))
			return;	/* the same place again: glibc says nothing */
		last_file = file;
		last_line = line;
	}
	va_list ap;
	va_start(ap, fmt);
	error_common("error_at_line", status, errnum, file, line, fmt, ap);
	va_end(ap);
}

/* "s: description" with the prefix only when s is non-empty. */
static bool
simple_report(const char *api, const char *s, const char *desc)
{
	int saved = errno;
	if (!wl_capture_enter() || !wl_stream_is_stderr(stderr)) {
		wl_capture_leave();
		errno = saved;
		return false;
	}
	wl_stream_take_pending(stderr);
	struct msg m = { .len = 0 };
	if (s != NULL && *s != '\0') {
		adds(&m, s);
		adds(&m, ": ");
	}
	adds(&m, desc);
	emit(api, NULL, &m);
	wl_capture_leave();
	errno = saved;
	return true;
}

static const char *
signal_desc(int sig, char *tmp, size_t cap)
{
	const char *d = sig > 0 && sig < NSIG ? sigdescr_np(sig) : NULL;
	if (d != NULL)
		return d;
	snprintf(tmp, cap, "Unknown signal %d", sig);
	return tmp;
}

WL_EXPORT void
psignal(int sig, const char *s)
{
	WL_NOTE_CALLER();
	char tmp[64];
	if (!simple_report("psignal", s, signal_desc(sig, tmp, sizeof(tmp))))
		wl_real_psignal(sig, s);
}

/* psiginfo: the signal's description; glibc's detail in parentheses
 * (si_code, address or sender) is not reproduced. */
WL_EXPORT void
psiginfo(const siginfo_t *si, const char *s)
{
	WL_NOTE_CALLER();
	char tmp[64];
	if (!simple_report("psiginfo", s,
	    signal_desc(si->si_signo, tmp, sizeof(tmp))))
		wl_real_psiginfo(si, s);
}

WL_EXPORT void
herror(const char *s)
{
	WL_NOTE_CALLER();
	if (!simple_report("herror", s, hstrerror(h_errno)))
		wl_real_herror(s);
}

WL_EXPORT void
__assert_fail(const char *assertion, const char *file, unsigned line,
    const char *function)
{
	WL_NOTE_CALLER();
	if (wl_capture_enter() && wl_stream_is_stderr(stderr)) {
		struct msg m = { .len = 0 };
		adds(&m, file);
		add(&m, ":", 1);
		addu(&m, line);
		adds(&m, ": ");
		if (function != NULL) {
			adds(&m, function);
			adds(&m, ": ");
		}
		adds(&m, "Assertion `");
		adds(&m, assertion);
		adds(&m, "' failed.");
		char pre[288];
		emit("__assert_fail", short_prefix(pre, sizeof(pre)), &m);
		wl_line_flush_all();
		wl_capture_leave();
		abort();
	}
	wl_capture_leave();
	wl_real___assert_fail(assertion, file, line, function);
	abort();	/* not reached */
}

WL_EXPORT void
__assert_perror_fail(int errnum, const char *file, unsigned line,
    const char *function)
{
	WL_NOTE_CALLER();
	if (wl_capture_enter() && wl_stream_is_stderr(stderr)) {
		struct msg m = { .len = 0 };
		adds(&m, file);
		add(&m, ":", 1);
		addu(&m, line);
		adds(&m, ": ");
		if (function != NULL) {
			adds(&m, function);
			adds(&m, ": ");
		}
		adds(&m, "Unexpected error: ");
		adderr(&m, errnum);
		add(&m, ".", 1);
		char pre[288];
		emit("__assert_perror_fail", short_prefix(pre, sizeof(pre)),
		    &m);
		wl_line_flush_all();
	}
	wl_capture_leave();
	abort();
}
