/*
 * outbuf.h - buffered delivery to the stderr sink (opt-in).
 *
 * One system call per line is most of what logging costs.  In buffered
 * mode (WITHLOG_BUFFER=MS, or -b MS) records collect in one process-wide
 * 64 KiB buffer and reach the file together: when the buffer fills, when
 * the oldest record has waited MS milliseconds, at once when a record is
 * ERROR or above, and before the process exits, execs, forks or dies of a
 * fatal signal.  What a SIGKILL can lose is what waited in the buffer: at
 * most MS milliseconds or 64 KiB of records.
 */
#ifndef WL_OUTBUF_H
#define WL_OUTBUF_H

#include <stdbool.h>
#include <stddef.h>

#define WL_OUTBUF_SIZE 65536

/* Add one record; URGENT writes everything at once.  Returns 0, or -1
 * with errno when a write failed. */
int wl_outbuf_add(const char *rec, size_t len, bool urgent);

/* Write whatever waits (exit, exec, fork, fatal signal).  Never blocks
 * on the buffer's lock when TRY is set (a signal handler). */
void wl_outbuf_flush(bool try);

/* Write what has waited long enough.  Returns true while records wait. */
bool wl_outbuf_tick(void);

/* In a fork child: the buffer was flushed before the fork. */
void wl_outbuf_after_fork(void);

/* Install the flush on fatal signals whose action is the default: the
 * buffer, then the sinks' queues (wl_sink_flush).  Also used without
 * buffering when a network sink queues records. */
void wl_outbuf_init(void);

#endif
