/*
 * hook_stdio.c - stdio entry points on a stream whose descriptor is stderr
 * (stderr itself, fdopen(2, ...), stdout redirected onto stderr's file).
 *
 * glibc's stdio never calls the exported write, so each function is hooked
 * by name.  A call on such a stream bypasses the stream's buffer: its
 * bytes go to line assembly, after any bytes that inlined putc macros left
 * in the buffer.  Return values are the ones the real call returns on
 * success; when the stderr sink fails, the stream's error flag is set and
 * the call fails as it would have.  Replacing the stderr FILE itself (a
 * fopencookie stream) was rejected: freopen on it crashes glibc and
 * fileno(stderr) becomes -1.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include "capture.h"
#include "real.h"

/* Some of these are macros in glibc's headers when optimizing. */
#undef fwrite_unlocked
#undef putc
#undef putc_unlocked
#undef fputc_unlocked
#undef putchar
#undef putchar_unlocked

/* Old glibc names, exported for binaries linked against them. */
int _IO_putc(int c, FILE *f);
size_t _IO_fwrite(const void *p, size_t size, size_t n, FILE *f);

/* glibc's _IO_ERR_SEEN (libio.h, not installed). */
#define WL_IO_ERR_SEEN 0x0020

/*
 * Each hook is split in two: the exported function makes the cheap test
 * and calls the real function straight away when the stream cannot be
 * stderr's, and otherwise calls a NAME_slow function kept out of line, so
 * that the pass-through path pays none of the slow path's register saves
 * (the compiler would put them before the test).
 */
#define WL_SLOW static __attribute__((noinline))

/* Cheap test on the pass-through path: is STREAM possibly stderr's? */
static inline bool
maybe_stderr(FILE *f)
{
	if (f == NULL)
		return false;
	return !wl_capture_fd_other(f->_fileno);
}

/* Enter for STREAM: true when its bytes are to be captured; any pending
 * buffered bytes have then been taken. */
static inline __attribute__((always_inline)) bool
enter_stream(FILE *f)
{
	if (!wl_capture_enter() || !wl_stream_is_stderr(f))
		return false;
	wl_stream_take_pending(f);
	return true;
}

static int
failed(FILE *f)
{
	f->_flags |= WL_IO_ERR_SEEN;
	return -1;
}

WL_SLOW int
vfprintf_common(const char *api, FILE *f, int chk, const char *fmt,
    va_list ap)
{
	int rc;

	if (enter_stream(f)) {
		rc = wl_capture_vprintf(api, fmt, ap);
		if (rc < 0)
			(void)failed(f);
	} else if (chk >= 0) {
		rc = wl_real___vfprintf_chk(f, chk, fmt, ap);
	} else {
		rc = wl_real_vfprintf(f, fmt, ap);
	}
	wl_capture_leave();
	return rc;
}

WL_EXPORT int
fprintf(FILE *f, const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap;
	va_start(ap, fmt);
	int rc = maybe_stderr(f) ? vfprintf_common("fprintf", f, -1, fmt, ap) :
	    wl_real_vfprintf(f, fmt, ap);
	va_end(ap);
	return rc;
}

WL_EXPORT int
vfprintf(FILE *f, const char *fmt, va_list ap)
{
	if (!maybe_stderr(f))
		return wl_real_vfprintf(f, fmt, ap);
	WL_NOTE_CALLER();
	return vfprintf_common("vfprintf", f, -1, fmt, ap);
}

WL_EXPORT int
__fprintf_chk(FILE *f, int flag, const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap;
	va_start(ap, fmt);
	int rc = maybe_stderr(f) ?
	    vfprintf_common("__fprintf_chk", f, flag, fmt, ap) :
	    wl_real___vfprintf_chk(f, flag, fmt, ap);
	va_end(ap);
	return rc;
}

WL_EXPORT int
__vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap)
{
	if (!maybe_stderr(f))
		return wl_real___vfprintf_chk(f, flag, fmt, ap);
	WL_NOTE_CALLER();
	return vfprintf_common("__vfprintf_chk", f, flag, fmt, ap);
}

/* printf and friends matter when stdout was redirected onto stderr's
 * file (2>&1): then stdout's bytes are stderr's too. */
WL_EXPORT int
printf(const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap;
	va_start(ap, fmt);
	int rc = maybe_stderr(stdout) ?
	    vfprintf_common("printf", stdout, -1, fmt, ap) :
	    wl_real_vfprintf(stdout, fmt, ap);
	va_end(ap);
	return rc;
}

WL_EXPORT int
vprintf(const char *fmt, va_list ap)
{
	if (!maybe_stderr(stdout))
		return wl_real_vfprintf(stdout, fmt, ap);
	WL_NOTE_CALLER();
	return vfprintf_common("vprintf", stdout, -1, fmt, ap);
}

WL_EXPORT int
__printf_chk(int flag, const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap;
	va_start(ap, fmt);
	int rc = maybe_stderr(stdout) ?
	    vfprintf_common("__printf_chk", stdout, flag, fmt, ap) :
	    wl_real___vfprintf_chk(stdout, flag, fmt, ap);
	va_end(ap);
	return rc;
}

WL_EXPORT int
__vprintf_chk(int flag, const char *fmt, va_list ap)
{
	if (!maybe_stderr(stdout))
		return wl_real___vfprintf_chk(stdout, flag, fmt, ap);
	WL_NOTE_CALLER();
	return vfprintf_common("__vprintf_chk", stdout, flag, fmt, ap);
}

/* Capture LEN bytes written to F by API; returns 0 or -1 (flag set). */
static int
put_bytes(FILE *f, const char *api, const void *p, size_t len)
{
	return wl_capture_bytes(api, p, len) == 0 ? 0 : failed(f);
}

#define STRING_HOOK(name, realcall) \
	WL_SLOW int \
	name##_slow(const char *s, FILE *f) \
	{ \
		int rc; \
		if (enter_stream(f)) \
			rc = put_bytes(f, #name, s, strlen(s)) == 0 ? 1 : EOF; \
		else \
			rc = realcall; \
		wl_capture_leave(); \
		return rc; \
	} \
	WL_EXPORT int \
	name(const char *s, FILE *f) \
	{ \
		if (!maybe_stderr(f)) \
			return realcall; \
		WL_NOTE_CALLER(); \
		return name##_slow(s, f); \
	}

STRING_HOOK(fputs, wl_real_fputs(s, f))
STRING_HOOK(fputs_unlocked, wl_real_fputs_unlocked(s, f))

WL_SLOW int
puts_slow(const char *s)
{
	int rc;
	if (enter_stream(stdout)) {
		rc = put_bytes(stdout, "puts", s, strlen(s)) == 0 &&
		    put_bytes(stdout, "puts", "\n", 1) == 0 ? 1 : EOF;
	} else {
		rc = wl_real_puts(s);
	}
	wl_capture_leave();
	return rc;
}

WL_EXPORT int
puts(const char *s)
{
	if (!maybe_stderr(stdout))
		return wl_real_puts(s);
	WL_NOTE_CALLER();
	return puts_slow(s);
}

#define CHAR_HOOK(name, realcall) \
	WL_SLOW int \
	name##_slow(int c, FILE *f) \
	{ \
		int rc; \
		if (enter_stream(f)) { \
			unsigned char ch = (unsigned char)c; \
			rc = put_bytes(f, #name, &ch, 1) == 0 ? ch : EOF; \
		} else { \
			rc = realcall; \
		} \
		wl_capture_leave(); \
		return rc; \
	} \
	WL_EXPORT int \
	name(int c, FILE *f) \
	{ \
		if (!maybe_stderr(f)) \
			return realcall; \
		WL_NOTE_CALLER(); \
		return name##_slow(c, f); \
	}

CHAR_HOOK(fputc, wl_real_fputc(c, f))
CHAR_HOOK(fputc_unlocked, wl_real_fputc_unlocked(c, f))
CHAR_HOOK(putc, wl_real_putc(c, f))
CHAR_HOOK(_IO_putc, wl_real__IO_putc(c, f))
CHAR_HOOK(putc_unlocked, wl_real_putc_unlocked(c, f))

WL_EXPORT int
putchar(int c)
{
	if (!maybe_stderr(stdout))
		return wl_real_putc(c, stdout);
	WL_NOTE_CALLER();
	return putc_slow(c, stdout);
}

WL_EXPORT int
putchar_unlocked(int c)
{
	if (!maybe_stderr(stdout))
		return wl_real_putc_unlocked(c, stdout);
	WL_NOTE_CALLER();
	return putc_unlocked_slow(c, stdout);
}

/*
 * __overflow is where inlined putc macros land when the buffer is full,
 * and for an unbuffered stderr that is every character.  c == EOF asks
 * only to flush.
 */
WL_SLOW int
overflow_slow(FILE *f, int c)
{
	int rc;
	if (enter_stream(f)) {
		unsigned char ch = (unsigned char)c;
		rc = c == EOF ? 0 :
		    put_bytes(f, "__overflow", &ch, 1) == 0 ? ch : EOF;
	} else {
		rc = wl_real___overflow(f, c);
	}
	wl_capture_leave();
	return rc;
}

WL_EXPORT int
__overflow(FILE *f, int c)
{
	if (!maybe_stderr(f))
		return wl_real___overflow(f, c);
	WL_NOTE_CALLER();
	return overflow_slow(f, c);
}

#define FWRITE_HOOK(name, realcall) \
	WL_SLOW size_t \
	name##_slow(const void *p, size_t size, size_t n, FILE *f) \
	{ \
		size_t rc; \
		if (enter_stream(f)) { \
			size_t total = size * n; \
			rc = total == 0 ? 0 : \
			    put_bytes(f, #name, p, total) == 0 ? n : 0; \
		} else { \
			rc = realcall; \
		} \
		wl_capture_leave(); \
		return rc; \
	} \
	WL_EXPORT size_t \
	name(const void *p, size_t size, size_t n, FILE *f) \
	{ \
		if (!maybe_stderr(f)) \
			return realcall; \
		WL_NOTE_CALLER(); \
		return name##_slow(p, size, n, f); \
	}

FWRITE_HOOK(fwrite, wl_real_fwrite(p, size, n, f))
FWRITE_HOOK(fwrite_unlocked, wl_real_fwrite_unlocked(p, size, n, f))
FWRITE_HOOK(_IO_fwrite, wl_real__IO_fwrite(p, size, n, f))

/* Wide stdio: the text is converted to the locale's multibyte form. */
static int
vfwprintf_common(const char *api, FILE *f, int chk, const wchar_t *fmt,
    va_list ap)
{
	int rc;

	if (enter_stream(f)) {
		rc = wl_capture_vwprintf(api, fmt, ap);
		if (rc < 0)
			(void)failed(f);
	} else if (chk >= 0) {
		rc = wl_real___vfwprintf_chk(f, chk, fmt, ap);
	} else {
		rc = wl_real_vfwprintf(f, fmt, ap);
	}
	wl_capture_leave();
	return rc;
}

WL_EXPORT int
fwprintf(FILE *f, const wchar_t *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap;
	va_start(ap, fmt);
	int rc = vfwprintf_common("fwprintf", f, -1, fmt, ap);
	va_end(ap);
	return rc;
}

WL_EXPORT int
vfwprintf(FILE *f, const wchar_t *fmt, va_list ap)
{
	WL_NOTE_CALLER();
	return vfwprintf_common("vfwprintf", f, -1, fmt, ap);
}

WL_EXPORT int
__fwprintf_chk(FILE *f, int flag, const wchar_t *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap;
	va_start(ap, fmt);
	int rc = vfwprintf_common("__fwprintf_chk", f, flag, fmt, ap);
	va_end(ap);
	return rc;
}

WL_EXPORT int
__vfwprintf_chk(FILE *f, int flag, const wchar_t *fmt, va_list ap)
{
	WL_NOTE_CALLER();
	return vfwprintf_common("__vfwprintf_chk", f, flag, fmt, ap);
}

#define WIDE_HOOK(name, type, realcall, okval, failval, text, len) \
	WL_EXPORT type \
	name(wchar_t c, FILE *f) \
	{ \
		WL_NOTE_CALLER(); \
		type rc; \
		if (enter_stream(f)) \
			rc = wl_capture_wide(#name, text, len) == 0 ? okval : \
			    (failed(f), failval); \
		else \
			rc = realcall; \
		wl_capture_leave(); \
		return rc; \
	}

WIDE_HOOK(fputwc, wint_t, wl_real_fputwc(c, f), (wint_t)c, WEOF, &c, 1)
WIDE_HOOK(putwc, wint_t, wl_real_putwc(c, f), (wint_t)c, WEOF, &c, 1)

WL_EXPORT int
fputws(const wchar_t *s, FILE *f)
{
	WL_NOTE_CALLER();
	int rc;
	if (enter_stream(f))
		rc = wl_capture_wide("fputws", s, wcslen(s)) == 0 ? 1 :
		    failed(f);
	else
		rc = wl_real_fputws(s, f);
	wl_capture_leave();
	return rc;
}
