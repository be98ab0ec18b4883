/*
 * sink.h - where formatted events go.
 *
 * Default routing: each event goes back to the channel it was headed
 * for: stderr events to the real stderr (fd 2 as it is now), syslog
 * events to the local syslog socket with their reclassified priority, or
 * to stderr when there is no syslog socket (glibc would drop them) or when
 * the user asked for everything on stderr.  openlog(LOG_PERROR) events go
 * to both.  One record, one write.
 */
#ifndef WL_SINK_H
#define WL_SINK_H

#include "event.h"

/* Deliver EV.  Returns 0, or -1 with errno when writing to the stderr
 * sink failed (the caller's own write would have failed likewise). */
int wl_sink_deliver(const struct wl_event *ev) __attribute__((nonnull));

/* Connect to the local syslog socket now (openlog with LOG_NDELAY, so a
 * daemon that chroots afterwards keeps its connection). */
void wl_sink_syslog_connect(void);

/* Close the syslog connection (closelog). */
void wl_sink_syslog_close(void);

/* Write BUF to the real stderr in full (EINTR and partial writes
 * handled).  Returns 0, or -1 with errno. */
int wl_sink_write_stderr(const char *buf, size_t len);

/* In a fork child. */
void wl_sink_after_fork(void);

#endif
