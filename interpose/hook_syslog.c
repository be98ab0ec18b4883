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
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <syslog.h>
#include <unistd.h>
#include "capture.h"
#include "pipeline.h"
#include "real.h"

/*
 * openlog's state.  openlog and closelog may run on one thread while
 * others log.  No lock (syslog may run in a signal handler), and every
 * field is read and written atomically, so a copy is never a data race.
 * There are two copies of the state: a writer (writers take turns on
 * writing) fills the copy readers are not taking, with its version odd
 * while it does, then points readers at it.  A reader copies the current
 * copy and keeps what it read if that copy's version was even and
 * unchanged throughout.  So a writer preempted in the middle of its
 * change holds no reader up (it is writing the other copy); a reader
 * tries again only when two changes came while it read.  A handler that
 * interrupted openlog does not get here: the re-entry guard passes its
 * calls through.
 */
#define IDENT_MAX 64
struct openlog_state {
	unsigned char ident[IDENT_MAX];
	size_t ident_len;	/* 0: the program name */
	int options;
	int facility;
};
static unsigned writing;	/* odd while a writer works */
static struct openlog_state ol[2] = {
	{ .facility = LOG_USER >> 3 }, { .facility = LOG_USER >> 3 },
};
static unsigned ol_ver[2];	/* each copy's version: odd while written */
static unsigned ol_cur;		/* the copy readers take */

static pid_t writer_pid;	/* the process of the last writer */

static void
ol_change_begin(void)
{
	unsigned s = __atomic_load_n(&writing, __ATOMIC_RELAXED);
	/* Another thread's change is a few stores long: wait it out.  Its
	 * process may be another one, though: a fork copies a change half
	 * done and not the thread doing it, which the child then waits for
	 * in vain; so after a while a writer of another process is taken
	 * for gone, and the turn is taken over. */
	for (int tries = 0;; tries++) {
		if ((s & 1) == 0 && __atomic_compare_exchange_n(&writing, &s,
		    s + 1, true, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			break;
		if ((s & 1) != 0 && tries >= 64) {
			sched_yield();
			pid_t w = __atomic_load_n(&writer_pid, __ATOMIC_RELAXED);
			if (w != 0 && w != getpid() &&
			    __atomic_compare_exchange_n(&writing, &s, s + 2,
			    false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				break;
		}
		s = __atomic_load_n(&writing, __ATOMIC_RELAXED);
	}
	__atomic_store_n(&writer_pid, getpid(), __ATOMIC_RELAXED);
}

static void
ol_change_end(void)
{
	__atomic_add_fetch(&writing, 1, __ATOMIC_RELEASE);
}

/* Between ol_change_begin and ol_change_end: the state becomes ident
 * [id, id + n), options OPT and facility FAC (the current one if FAC is
 * negative). */
static void
ol_set(const char *id, size_t n, int opt, int fac)
{
	unsigned c = __atomic_load_n(&ol_cur, __ATOMIC_RELAXED), w = c ^ 1;
	struct openlog_state *o = &ol[w];
	if (fac < 0)
		fac = __atomic_load_n(&ol[c].facility, __ATOMIC_RELAXED);
	unsigned v = __atomic_load_n(&ol_ver[w], __ATOMIC_RELAXED);
	v += v & 1;	/* (odd: a change a fork cut short, ol_change_begin) */
	__atomic_store_n(&ol_ver[w], v + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	for (size_t i = 0; i < n; i++)
		__atomic_store_n(&o->ident[i], (unsigned char)id[i],
		    __ATOMIC_RELAXED);
	__atomic_store_n(&o->ident_len, n, __ATOMIC_RELAXED);
	__atomic_store_n(&o->options, opt, __ATOMIC_RELAXED);
	__atomic_store_n(&o->facility, fac, __ATOMIC_RELAXED);
	__atomic_store_n(&ol_ver[w], v + 2, __ATOMIC_RELEASE);
	__atomic_store_n(&ol_cur, w, __ATOMIC_RELEASE);
}

/* A consistent copy of the state into OUT.  Changes that keep coming
 * while this thread reads make it try again; after a few tries it yields
 * the processor, after many it takes its last good copy, or the
 * defaults. */
static WL_TLS struct openlog_state last_good;
static WL_TLS bool have_last;

static void
ol_get(struct openlog_state *out)
{
	for (int tries = 0; tries < 2000; tries++) {
		if (tries >= 16)
			sched_yield();
		unsigned c = __atomic_load_n(&ol_cur, __ATOMIC_ACQUIRE);
		const struct openlog_state *o = &ol[c];
		unsigned v = __atomic_load_n(&ol_ver[c], __ATOMIC_ACQUIRE);
		if ((v & 1) != 0)
			continue;
		size_t n = __atomic_load_n(&o->ident_len, __ATOMIC_RELAXED);
		if (n > IDENT_MAX)
			n = IDENT_MAX;
		for (size_t i = 0; i < n; i++)
			out->ident[i] = __atomic_load_n(&o->ident[i],
			    __ATOMIC_RELAXED);
		out->ident_len = n;
		out->options = __atomic_load_n(&o->options, __ATOMIC_RELAXED);
		out->facility = __atomic_load_n(&o->facility,
		    __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&ol_ver[c], __ATOMIC_RELAXED) == v) {
			last_good = *out;
			have_last = true;
			return;
		}
	}
	if (have_last) {
		*out = last_good;
		return;
	}
	out->ident_len = 0;
	out->options = 0;
	out->facility = LOG_USER >> 3;
}
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
	size_t n = id != NULL ? strnlen(id, IDENT_MAX) : 0;
	ol_change_begin();
	ol_set(id, n, opt, fac != 0 && (fac & ~LOG_FACMASK) == 0 ?
	    fac >> 3 : -1);
	ol_change_end();
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
		ol_change_begin();
		ol_set("", 0, 0, LOG_USER >> 3);
		ol_change_end();
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
	struct openlog_state st;

	/* A trailing newline is framing, as glibc treats it. */
	while (len > 0 && msg[len - 1] == '\n')
		len--;
	ol_get(&st);
	wl_event_init(&ev, WL_SRC_SYSLOG, api, msg, len);
	ev.ident = st.ident_len > 0 ? (const char *)st.ident : NULL;
	ev.ident_len = st.ident_len;
	ev.facility = (pri & LOG_FACMASK) != 0 ? (pri & LOG_FACMASK) >> 3 :
	    st.facility;
	ev.orig_pri = pri & LOG_PRIMASK;
	ev.flags = (st.options & LOG_PERROR) ? WL_EV_PERROR : 0;
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
