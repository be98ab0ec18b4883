/*
 * linebuf.h - line assembly: bytes written to stderr become one event per
 * line.
 *
 * A write holding several lines gives several events; a line split over
 * several writes is joined, per thread (two threads never mix inside one
 * line).  A line longer than WL_LINE_MAX is split, not dropped.  A partial
 * line waits in one of WL_LINE_SLOTS slots until its newline comes, until
 * it has been idle for line_idle ms (configuration; WL_LINE_IDLE_MS by
 * default: a prompt must reach the terminal),
 * or until the process exits or execs; if every slot is taken, the partial
 * line becomes an event at once.  No malloc and no blocking lock: the slot
 * arena is one mmap, made the first time a partial line needs it.
 */
#ifndef WL_LINEBUF_H
#define WL_LINEBUF_H

#include <stdbool.h>
#include <stddef.h>

#define WL_LINE_MAX 65536
#define WL_LINE_SLOTS 64
#define WL_LINE_IDLE_MS 50	/* line_idle's default */

/* The idle time in force, and setting it (line_idle; MS > 0, else
 * ignored). */
int wl_line_idle_ms(void);
void wl_line_set_idle_ms(int ms);

/*
 * Feed LEN bytes that API wrote to stderr.  Returns 0, or -1 with errno
 * set when delivering one of the completed lines to its sink failed (the
 * caller reports that as its own failure, as the write would have).
 */
int wl_line_feed(const char *api, const char *buf, size_t len);

/*
 * The same for a write made while the thread is already inside the
 * library, i.e. from a signal handler that interrupted it: the lines go
 * straight to the pipeline without touching the thread's slot, which the
 * interrupted code may be changing; a trailing partial line is delivered
 * at once.
 */
int wl_line_feed_direct(const char *api, const char *buf, size_t len);

/* Deliver every thread's partial line now (exit, exec, abort). */
void wl_line_flush_all(void);

/* Deliver partial lines idle for WL_LINE_IDLE_MS or more.  Returns true
 * while some partial line is still waiting. */
bool wl_line_flush_idle(void);

/* In a fork child: drop the parent's partial lines, which the parent
 * still owns and will deliver itself. */
void wl_line_after_fork(void);

#endif
