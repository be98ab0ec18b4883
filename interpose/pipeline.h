/*
 * pipeline.h - the one path every event takes.
 *
 * capture -> line assembly -> classify -> enrich -> format -> sinks.
 * Entry points hand their bytes to line assembly (stderr) or build a
 * syslog event; this module is the only one that knows the order of the
 * stages after that.
 */
#ifndef WL_PIPELINE_H
#define WL_PIPELINE_H

#include <stddef.h>
#include "event.h"

/* One complete stderr line (no newline) written through API by thread
 * TID (0: the calling thread).  Returns 0, or -1 with errno when the
 * stderr sink failed. */
int wl_pipeline_stderr_line(const char *api, const char *msg, size_t len,
    pid_t tid);

/* A syslog event built by the capture layer (source, api, msg, ident,
 * facility, orig_pri, flags set; the rest zero).  Returns 0 or -1. */
int wl_pipeline_submit(struct wl_event *ev) __attribute__((nonnull));

/* The stages after rate limiting (enrich, format, sinks), for events the
 * rate limiter itself makes (summaries).  Returns 0 or -1. */
int wl_pipeline_deliver(struct wl_event *ev) __attribute__((nonnull));

/* The program opened its syslog connection eagerly (LOG_NDELAY). */
void wl_pipeline_syslog_opened(void);

/* The program closed its syslog connection. */
void wl_pipeline_syslog_closed(void);

#endif
