/*
 * sink_syslog.h - the local syslog socket (/dev/log) as a sink: one
 * datagram per event, with the level withlog gave it as the priority and
 * the program's ident.
 *
 * Each sink has its own connection, made on first use (or at openlog
 * with LOG_NDELAY, so that a daemon that chroots afterwards keeps it),
 * and made again once when the daemon restarted.  The connection's
 * spinlock is held only to connect or swap the descriptor, never around
 * a send.
 */
#ifndef WL_SINK_SYSLOG_H
#define WL_SINK_SYSLOG_H

#include <stdbool.h>
#include <stddef.h>
#include "event.h"

struct wl_syslog_sink {
	char path[108];		/* "" : /dev/log, then /var/run/syslog */
	int lock;
	int fd;			/* -1 when not connected */
	int state;		/* 0 untried, 1 connected, 2 unavailable */
};

/* Set S up for the socket at PATH ("" or NULL for the usual places). */
void wl_syslog_sink_init(struct wl_syslog_sink *s, const char *path)
    __attribute__((nonnull(1)));

/* Send one datagram.  IN_HANDLER: from a signal handler that interrupted
 * the library (the lock is only tried).  Returns 0, or -1 with errno when
 * there is no socket or the send failed. */
int wl_syslog_sink_send(struct wl_syslog_sink *s, const char *buf, size_t n,
    bool in_handler) __attribute__((nonnull));

/* Connect now if not connected (openlog with LOG_NDELAY). */
void wl_syslog_sink_connect(struct wl_syslog_sink *s) __attribute__((nonnull));

/* Close the connection (closelog); the next send connects again. */
void wl_syslog_sink_close(struct wl_syslog_sink *s) __attribute__((nonnull));

/* In a fork child: the socket is shared with the parent (fine for
 * datagrams); only the lock may have been held by a thread that is gone. */
void wl_syslog_sink_after_fork(struct wl_syslog_sink *s)
    __attribute__((nonnull));

/*
 * Render EV as a classic syslog datagram, "<PRI>ident[pid]: msg" (RFC
 * 3164 without a timestamp: the daemon stamps the time of receipt, as for
 * any message without one, and this path stays free of the time-zone
 * lock localtime() takes).  PRI is the event's facility (user when it
 * has none) and its level's priority; ident is the syslog ident, or the
 * program.  Returns the length, cut to CAP as glibc cuts a long datagram.
 */
size_t wl_syslog_render(const struct wl_event *ev, char *buf, size_t cap)
    __attribute__((nonnull));

#endif
