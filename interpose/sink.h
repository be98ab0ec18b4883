/*
 * sink.h - where formatted events go.
 *
 * Default routing (no sink configured): each event goes back to the
 * channel it was headed for: stderr events to the real stderr (fd 2 as it
 * is now), syslog events to the local syslog socket with their
 * reclassified priority, or to stderr when there is no syslog socket
 * (glibc would drop them).  openlog(LOG_PERROR) events go to both.
 *
 * Configured sinks ([sink NAME] sections, output values, -o): each event
 * goes to every sink whose level range, source and rule filter it passes,
 * formatted in that sink's format: the real stderr, a file (sink_file.h),
 * the local syslog socket (sink_syslog.h), a network queue or journald
 * (netq.h).  A sink that fails sends its records to the real stderr
 * instead, with one "withlog: sink 'NAME': ..." notice (and another when
 * it works again).
 *
 * Passthrough: the bytes a program writes to stderr also reach the real
 * stderr as written (wl_sink_passthrough, called by the capture layer);
 * stderr sinks then take only the events that did not come from those
 * bytes (syslog ones).
 *
 * One record, one write.  Every function here may run in a signal
 * handler that interrupted the library, except wl_sink_setup.
 */
#ifndef WL_SINK_H
#define WL_SINK_H

#include <stdbool.h>
#include "config.h"
#include "event.h"

/* Deliver EV.  Returns 0, or -1 with errno when writing to the stderr
 * sink failed (the caller's own write would have failed likewise). */
int wl_sink_deliver(const struct wl_event *ev) __attribute__((nonnull));

/* Set the sinks up from C (which must outlive the process: the sinks
 * keep pointers into it), after wl_proc's format and options are known.
 * Nothing is opened yet except network queues.  Normal context. */
void wl_sink_setup(const struct wl_config *c) __attribute__((nonnull));

/* Write LEN bytes the program wrote to stderr, unchanged, to the real
 * stderr (passthrough).  Returns 0, or -1 with errno. */
int wl_sink_passthrough(const void *buf, size_t len);

/* Connect to the local syslog socket now (openlog with LOG_NDELAY, so a
 * daemon that chroots afterwards keeps its connection). */
void wl_sink_syslog_connect(void);

/* Close the syslog connection (closelog). */
void wl_sink_syslog_close(void);

/* Write BUF to the real stderr in full (EINTR and partial writes
 * handled).  A non-blocking stderr that is full fails at once with
 * EAGAIN, as the caller's own write would have; one that stops taking a
 * record part-way is waited for (bounded) so no record is cut.  Returns
 * 0, or -1 with errno; a failure is counted and the count reported by
 * wl_sink_flush. */
int wl_sink_write_stderr(const char *buf, size_t len);

/* The same for bytes no caller can be told about (buffered records the
 * program was told were written, the library's own notices): a full
 * non-blocking stderr is waited for, bounded, from the first byte. */
int wl_sink_write_stderr_owed(const char *buf, size_t len);

/* True when some sink queues records (a network sink), which must be
 * flushed on the way out, fatal signals included. */
bool wl_sink_queues(void);

/* Send what the queued sinks hold (exit, exec, fatal signal), waiting a
 * bounded time, and (not FROM_SIGNAL) report on stderr how many records
 * stderr refused since the last report.  FROM_SIGNAL: in a signal
 * handler. */
void wl_sink_flush(bool from_signal);

/* In a fork child. */
void wl_sink_after_fork(void);

#endif
