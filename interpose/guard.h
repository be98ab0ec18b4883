/*
 * guard.h - the per-thread re-entry guard.
 *
 * While a thread is inside the library, anything it calls (dlsym, malloc,
 * jansson, stdio) may land back in one of our hooks, and a signal handler
 * may interrupt it and write to stderr.  Such nested calls must go straight
 * to the real function: the guard is a per-thread counter, set before any
 * lock or buffer is touched.  Initial-exec TLS: the library is always
 * loaded at start-up (LD_PRELOAD), and it saves a __tls_get_addr call per
 * line.
 */
#ifndef WL_GUARD_H
#define WL_GUARD_H

#define WL_TLS __thread __attribute__((tls_model("initial-exec")))

extern WL_TLS int wl_guard_depth;

/* Enter the library.  Returns 1 when this is the outermost entry (go on
 * with the hook), 0 when the thread is already inside (pass through; the
 * caller must still call wl_guard_leave). */
static inline int
wl_guard_enter(void)
{
	return wl_guard_depth++ == 0;
}

static inline void
wl_guard_leave(void)
{
	wl_guard_depth--;
}

#endif
