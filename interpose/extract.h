/*
 * extract.h - fields taken from the message itself.
 *
 * A JSON line ({"level":"warn","msg":"disk slow","disk":"sda"}) is parsed
 * with jansson: its msg/message member becomes the event's msg, its level
 * members (level, severity, lvl, log.level, levelname) are left to the
 * classifier, and every other top-level member becomes a field (objects
 * and arrays as compact JSON).  A logfmt line (two or more key=value
 * pairs, level=info msg="..." ...) likewise.  Keys become field names:
 * lower case, anything outside [a-z0-9_.] as '_'.  Values are copied into
 * a buffer the caller owns, which must outlive the event.  jansson
 * allocates: nothing is extracted from a line written by a signal handler
 * that interrupted the library.
 */
#ifndef WL_EXTRACT_H
#define WL_EXTRACT_H

#include <stddef.h>
#include "event.h"

/* Extract EV's fields into BUF (CAP bytes).  Returns the number of fields
 * added (0 when the message is neither JSON nor logfmt). */
unsigned wl_extract(struct wl_event *ev, char *buf, size_t cap)
    __attribute__((nonnull));

#endif
