/*
 * journal.h - one event as one entry of the systemd journal's native
 * protocol (docs/JOURNAL_NATIVE_PROTOCOL.md in systemd): the payload of a
 * datagram sent to /run/systemd/journal/socket.
 *
 * An entry is a list of fields.  A value without a newline is written
 * "NAME=value\n"; a value holding a newline is written binary-safe:
 * "NAME\n", its length as a 64-bit little-endian integer, the bytes, "\n".
 * Values are the raw bytes (journald stores binary data), never escaped.
 *
 *   PRIORITY           the syslog priority (0-7) of the reclassified level
 *   SYSLOG_FACILITY    the facility code, for syslog events that have one
 *   SYSLOG_IDENTIFIER  the openlog ident of a syslog event, else the program
 *   SYSLOG_PID         pid
 *   TID                tid
 *   MESSAGE            msg
 *   WITHLOG_LEVEL, WITHLOG_SEVERITY   the level's name and number in the
 *                      output scheme
 *   WITHLOG_SOURCE, WITHLOG_API, WITHLOG_SEQ, WITHLOG_TIME   source, api,
 *                      seq (when set), ts (RFC 3339: journald stamps its
 *                      own time of receipt)
 *   every field        its name upper-cased (wl_journal_name)
 *
 * Like every formatter: no allocation, no locks, total over any bytes.
 */
#ifndef WL_JOURNAL_H
#define WL_JOURNAL_H

#include <stddef.h>
#include "escape.h"
#include "event.h"
#include "level.h"

/* The longest field name journald accepts. */
#define WL_JOURNAL_NAME_MAX 64

/* Append EV as one journal entry (ends in '\n'). */
void wl_format_journal(struct wl_out *o, const struct wl_event *ev,
    enum wl_scheme scheme) __attribute__((nonnull));

/*
 * The journal field name of an event field KEY, into OUT (at least
 * WL_JOURNAL_NAME_MAX + 1 bytes), NUL-terminated.  Letters are upper-cased,
 * digits kept, every other byte becomes '_'; the result is cut to
 * WL_JOURNAL_NAME_MAX.  A name that would start with '_' or a digit (which
 * journald refuses or reserves for its trusted fields), or that would
 * stand for a field withlog or journald give a meaning to (MESSAGE,
 * PRIORITY, SYSLOG_*, CODE_*, WITHLOG_*, ...), gets the prefix "F_":
 * "message" is F_MESSAGE, "_x" F__X, "1st" F_1ST.  Returns the length, 0
 * for an empty key.
 */
size_t wl_journal_name(const char *key, char *out) __attribute__((nonnull));

#endif
