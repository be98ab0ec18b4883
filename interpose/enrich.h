/*
 * enrich.h - add the context fields every event carries.
 */
#ifndef WL_ENRICH_H
#define WL_ENRICH_H

#include "event.h"

/* Fill the time (if the capture left it zero), program, host, pid, tid
 * and sequence number.  Async-signal-safe. */
void wl_enrich(struct wl_event *ev) __attribute__((nonnull));

/* In a fork child: the sequence starts again at 1. */
void wl_enrich_after_fork(void);

#endif
