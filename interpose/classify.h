/*
 * classify.h - put each event at the level a careful person would give it.
 */
#ifndef WL_CLASSIFY_H
#define WL_CLASSIFY_H

#include "event.h"

/* Set ev->severity and ev->decided_by from the event's source, original
 * priority and text. */
void wl_classify(struct wl_event *ev) __attribute__((nonnull));

#endif
