/*
 * formats.h - the formats beyond text and JSON (private to format.c):
 * logfmt, OpenTelemetry log records as JSON, and RFC 5424 syslog lines.
 * Same rules as format.h: no allocation, no locks, total over any bytes.
 */
#ifndef WL_FORMATS_H
#define WL_FORMATS_H

#include "escape.h"
#include "event.h"
#include "level.h"

void wl_format_logfmt(struct wl_out *o, const struct wl_event *ev,
    enum wl_scheme scheme);
void wl_format_otlp(struct wl_out *o, const struct wl_event *ev);
void wl_format_rfc5424(struct wl_out *o, const struct wl_event *ev,
    enum wl_scheme scheme);

/* The name of syslog facility code F ("daemon"), or NULL. */
const char *wl_facility_name(int f);

#endif
