/*
 * capture.h - what every entry point does on the way in and out.
 *
 * An entry point takes the capture path only when it is the outermost
 * call on its thread, the library is initialised, and the process is the
 * one the library knows (not a vfork child sharing its parent's memory).
 * Otherwise it calls the real function.  errno is the caller's: saved on
 * the way in, restored on the way out unless the call itself failed.
 */
#ifndef WL_CAPTURE_H
#define WL_CAPTURE_H

#include <errno.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <wchar.h>
#include "fdtrack.h"
#include "guard.h"
#include "proc.h"

#define WL_EXPORT __attribute__((visibility("default")))

/*
 * The program's code that called the entry point being run: noted by the
 * exported functions themselves (after their pass-through test), for the
 * caller field.  A macro, because __builtin_return_address must be taken
 * in the exported function's own frame.
 */
extern WL_TLS void *wl_caller;
#define WL_NOTE_CALLER() (wl_caller = __builtin_return_address(0))

/* Enter; true when the caller should capture (it must call
 * wl_capture_leave either way). */
static inline bool
wl_capture_enter(void)
{
	if (!wl_guard_enter())
		return false;
	return wl_proc_ready() && !wl_proc_foreign();
}

static inline void
wl_capture_leave(void)
{
	wl_guard_leave();
}

/* True when FD is known not to be stderr, so a call on it passes straight
 * through: the one load on the pass-through path.  Atomic, since another
 * thread may be caching or forgetting the answer meanwhile. */
static inline bool
wl_capture_fd_other(int fd)
{
	return (unsigned)fd < WL_FD_MAX &&
	    __atomic_load_n(&wl_fd_cache[fd], __ATOMIC_RELAXED) == WL_FD_OTHER;
}

/* Is STREAM a stdio stream on the process's stderr?  Reads the FILE's
 * descriptor directly: fileno() would take the stream lock. */
static inline bool
wl_stream_is_stderr(FILE *stream)
{
	return stream != NULL && wl_fd_kind(stream->_fileno) == WL_FD_STDERR;
}

/* wl_stream_take_pending's work, when there is some. */
void wl_stream_take_buffered(FILE *stream);

/*
 * Feed the bytes a program wrote to STREAM through stdio calls we do not
 * see (inlined putc into the buffer) before the bytes of this call, so
 * that order is kept, and empty the stream's buffer.  Inline: most calls
 * find nothing there.
 */
static inline void
wl_stream_take_pending(FILE *s)
{
	if (s->_IO_write_ptr > s->_IO_write_base && s->_IO_write_base != NULL)
		wl_stream_take_buffered(s);
}


/*
 * Format FMT with AP (vsnprintf, so %m and every glibc conversion work as
 * in the real call) and feed the text to line assembly as written by API.
 * Returns the number of bytes, or -1 with errno (a format error, or the
 * stderr sink failed).
 */
int wl_capture_vprintf(const char *api, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* The same for a wide format. */
int wl_capture_vwprintf(const char *api, const wchar_t *fmt, va_list ap);

/* Convert N wide characters to the locale's multibyte form and feed
 * them.  Returns 0 or -1 with errno. */
int wl_capture_wide(const char *api, const wchar_t *w, size_t n);

/* Feed LEN bytes, keeping errno the caller's when it succeeds.  Returns 0
 * or -1 with errno. */
int wl_capture_bytes(const char *api, const void *buf, size_t len);

/* The same for a line a reporter rebuilt without glibc's "prog: " prefix
 * (warn, error, assert): in passthrough mode stderr shows PREFIX and the
 * line, exactly as glibc writes them, while the event has the line
 * alone.  Returns 0 or -1 with errno. */
int wl_capture_prefixed(const char *api, const char *prefix,
    const void *buf, size_t len);

#endif
