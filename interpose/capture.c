/*
 * capture.c - helpers shared by the entry points.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <wchar.h>
#include "capture.h"
#include "linebuf.h"
#include "sink.h"

/*
 * Passthrough: SHOWN (SN bytes) reaches stderr as the program wrote it;
 * BUF, the event's bytes, goes to line assembly either way.  A failed
 * write of SHOWN is the caller's failure, as it would have been without
 * the library.  errno stays the caller's on success.
 */
static inline __attribute__((always_inline)) int
feed(const char *api, const void *shown, size_t sn, const void *buf,
    size_t len)
{
	int saved = errno;
	if (wl_proc.passthrough && wl_sink_passthrough(shown, sn) != 0) {
		int e = errno;
		(void)wl_line_feed(api, buf, len);
		errno = e;
		return -1;
	}
	if (wl_line_feed(api, buf, len) != 0)
		return -1;
	errno = saved;
	return 0;
}

int
wl_capture_bytes(const char *api, const void *buf, size_t len)
{
	return feed(api, buf, len, buf, len);
}

int
wl_capture_prefixed(const char *api, const char *prefix, const void *buf,
    size_t len)
{
	if (!wl_proc.passthrough || prefix == NULL || *prefix == '\0')
		return feed(api, buf, len, buf, len);
	char shown[2304];
	size_t pn = strlen(prefix);
	if (pn > 256)
		pn = 256;
	size_t tn = len < sizeof(shown) - pn ? len : sizeof(shown) - pn;
	memcpy(shown, prefix, pn);
	memcpy(shown + pn, buf, tn);
	return feed(api, shown, pn + tn, buf, len);
}

void
wl_stream_take_buffered(FILE *s)
{
	size_t n = (size_t)(s->_IO_write_ptr - s->_IO_write_base);
	(void)wl_capture_bytes("stdio", s->_IO_write_base, n);
	s->_IO_write_ptr = s->_IO_write_base;
}

/* Map a scratch buffer of N bytes (async-signal-safe, unlike malloc). */
static void *
scratch(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

int
wl_capture_vprintf(const char *api, const char *fmt, va_list ap)
{
	char stack[1024];
	va_list ap2;
	int saved = errno;

	va_copy(ap2, ap);
	int n = vsnprintf(stack, sizeof(stack), fmt, ap);
	if (n < 0) {
		va_end(ap2);
		return -1;
	}
	char *p = stack;
	if ((size_t)n >= sizeof(stack)) {
		p = scratch((size_t)n + 1);
		if (p == NULL) {
			p = stack;
			n = sizeof(stack) - 1;	/* cut rather than lose it */
		} else {
			errno = saved;	/* for %m */
			n = vsnprintf(p, (size_t)n + 1, fmt, ap2);
		}
	}
	va_end(ap2);
	int rc = feed(api, p, (size_t)n, p, (size_t)n);
	if (p != stack) {
		int e = errno;
		munmap(p, (size_t)n + 1);
		errno = e;
	}
	return rc == 0 ? n : -1;
}

int
wl_capture_wide(const char *api, const wchar_t *w, size_t wn)
{
	char out[1024];
	size_t o = 0;
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	for (size_t i = 0; i < wn; i++) {
		if (o + MB_LEN_MAX > sizeof(out)) {
			if (wl_capture_bytes(api, out, o) != 0)
				return -1;
			o = 0;
		}
		size_t k = wcrtomb(out + o, w[i], &st);
		if (k == (size_t)-1) {
			out[o] = '?';
			k = 1;
			memset(&st, 0, sizeof(st));
		}
		o += k;
	}
	return wl_capture_bytes(api, out, o);
}

int
wl_capture_vwprintf(const char *api, const wchar_t *fmt, va_list ap)
{
	wchar_t stack[1024];
	va_list ap2;
	size_t cap = sizeof(stack) / sizeof(stack[0]);
	wchar_t *p = stack;

	/* vswprintf reports only "too small" (-1), so grow until it fits. */
	va_copy(ap2, ap);
	int n = vswprintf(p, cap, fmt, ap2);
	va_end(ap2);
	while (n < 0 && cap < (1u << 24)) {
		if (p != stack)
			munmap(p, cap * sizeof(wchar_t));
		cap *= 4;
		p = scratch(cap * sizeof(wchar_t));
		if (p == NULL)
			return -1;
		va_copy(ap2, ap);
		n = vswprintf(p, cap, fmt, ap2);
		va_end(ap2);
	}
	int rc = n < 0 ? -1 : wl_capture_wide(api, p, (size_t)n);
	if (p != stack) {
		int e = errno;
		munmap(p, cap * sizeof(wchar_t));
		errno = e;
	}
	return rc == 0 ? n : -1;
}
