/*
 * hook_syslog.c - syslog(3) and friends.
 *
 * The library replaces glibc's syslog work rather than adding to it: the
 * message is formatted once (with %m as the caller's errno) and becomes a
 * syslog event; the sink stage sends it to /dev/log with its reclassified
 * priority.  openlog's ident is copied (it is the caller's pointer, which
 * may not outlive the call), its options and facility are kept, and
 * setlogmask is honoured.  Most Debian binaries call __syslog_chk, not
 * syslog: both are here.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <syslog.h>
#include "capture.h"
#include "pipeline.h"
#include "real.h"

static char ident[64];
static size_t ident_len;	/* 0: the program name */
static int options;
static int facility = LOG_USER >> 3;
/* setlogmask may run on any thread while others log: an atomic word. */
static int mask = 0xff;

WL_EXPORT void
openlog(const char *id, int opt, int fac)
{
	WL_NOTE_CALLER();
	int saved = errno;
	if (!wl_capture_enter()) {
		wl_capture_leave();
		wl_real_openlog(id, opt, fac);
		return;
	}
	ident_len = 0;
	if (id != NULL) {
		size_t n = strlen(id);
		if (n > sizeof(ident))
			n = sizeof(ident);
		memcpy(ident, id, n);
		ident_len = n;
	}
	options = opt;
	if (fac != 0 && (fac & ~LOG_FACMASK) == 0)
		facility = fac >> 3;
	if (opt & LOG_NDELAY)
		wl_pipeline_syslog_opened();
	wl_capture_leave();
	errno = saved;
}

WL_EXPORT void
closelog(void)
{
	WL_NOTE_CALLER();
	int saved = errno;
	if (wl_capture_enter()) {
		wl_pipeline_syslog_closed();
		ident_len = 0;
		options = 0;
		facility = LOG_USER >> 3;
	} else {
		wl_real_closelog();
	}
	wl_capture_leave();
	errno = saved;
}

WL_EXPORT int
setlogmask(int m)
{
	WL_NOTE_CALLER();
	int old = wl_real_setlogmask(m);
	if (m != 0)
		__atomic_store_n(&mask, m, __ATOMIC_RELAXED);
	return old;
}

static void
submit(const char *api, int pri, const char *msg, size_t len)
{
	struct wl_event ev;

	/* A trailing newline is framing, as glibc treats it. */
	while (len > 0 && msg[len - 1] == '\n')
		len--;
	wl_event_init(&ev, WL_SRC_SYSLOG, api, msg, len);
	ev.ident = ident_len > 0 ? ident : NULL;
	ev.ident_len = ident_len;
	ev.facility = (pri & LOG_FACMASK) != 0 ? (pri & LOG_FACMASK) >> 3 :
	    facility;
	ev.orig_pri = pri & LOG_PRIMASK;
	ev.flags = (options & LOG_PERROR) ? WL_EV_PERROR : 0;
	(void)wl_pipeline_submit(&ev);
}

/* Format and submit; false when the call is to pass through. */
static bool
syslog_common(const char *api, int pri, const char *fmt, va_list ap)
{
	int saved = errno;
	if (!wl_capture_enter()) {
		wl_capture_leave();
		errno = saved;
		return false;
	}
	/* glibc drops a priority with invalid bits after complaining; the
	 * mask is checked on the severity alone. */
	if ((pri & ~(LOG_PRIMASK | LOG_FACMASK)) == 0 &&
	    (LOG_MASK(pri & LOG_PRIMASK) &
	    __atomic_load_n(&mask, __ATOMIC_RELAXED)) != 0) {
		char stack[1024];
		va_list ap2;
		va_copy(ap2, ap);
		errno = saved;
		int n = vsnprintf(stack, sizeof(stack), fmt, ap);
		if (n >= 0 && (size_t)n < sizeof(stack)) {
			submit(api, pri, stack, (size_t)n);
		} else if (n >= 0) {
			size_t cap = (size_t)n + 1;
			char *big = mmap(NULL, cap, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (big != MAP_FAILED) {
				errno = saved;
				n = vsnprintf(big, cap, fmt, ap2);
				submit(api, pri, big, (size_t)n < cap ?
				    (size_t)n : cap - 1);
				munmap(big, cap);
			} else {
				submit(api, pri, stack, sizeof(stack) - 1);
			}
		}
		va_end(ap2);
	}
	wl_capture_leave();
	errno = saved;
	return true;
}

WL_EXPORT void
vsyslog(int pri, const char *fmt, va_list ap)
{
	WL_NOTE_CALLER();
	va_list ap2;
	va_copy(ap2, ap);
	if (!syslog_common("vsyslog", pri, fmt, ap))
		wl_real_vsyslog(pri, fmt, ap2);
	va_end(ap2);
}

WL_EXPORT void
syslog(int pri, const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	if (!syslog_common("syslog", pri, fmt, ap))
		wl_real_vsyslog(pri, fmt, ap2);
	va_end(ap2);
	va_end(ap);
}

WL_EXPORT void
__vsyslog_chk(int pri, int flag, const char *fmt, va_list ap)
{
	WL_NOTE_CALLER();
	va_list ap2;
	va_copy(ap2, ap);
	if (!syslog_common("__vsyslog_chk", pri, fmt, ap))
		wl_real___vsyslog_chk(pri, flag, fmt, ap2);
	va_end(ap2);
}

WL_EXPORT void
__syslog_chk(int pri, int flag, const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	if (!syslog_common("__syslog_chk", pri, fmt, ap))
		wl_real___vsyslog_chk(pri, flag, fmt, ap2);
	va_end(ap2);
	va_end(ap);
}
