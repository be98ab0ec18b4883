/*
 * classify.h - put each event at the level a careful person would give it.
 */
#ifndef WL_CLASSIFY_H
#define WL_CLASSIFY_H

#include "event.h"

/*
 * Set ev->severity and ev->decided_by (a static string naming what
 * decided: "glog", "nginx", "keyword:error", "syslog", "default"...) from
 * the event's source, original priority and text.
 *
 * A syslog event keeps the level of its priority unless its text gives
 * stronger evidence (decided_by is then "syslog>DETECTOR").  A stderr
 * line that starts with an sd-daemon prefix ("<3>", "<27>": syslog
 * priority, level = value & 7) loses the prefix: ev->msg and ev->msg_len
 * are advanced past it, ev->orig_pri is the priority it gave (as a
 * syslog() call's is), and decided_by is "sd-daemon" (or
 * "sd-daemon>DETECTOR" when the text overrode it).  Nothing else of the
 * event changes, and no byte at or past ev->msg + ev->msg_len is read.
 *
 * A stderr line that only continues the one before it (indented source
 * excerpts, stack frames, DETAIL lines) takes that line's level: the
 * calling thread remembers the level of its last event.  Async-signal-
 * safe: no allocation, no lock, no stdio.
 */
void wl_classify(struct wl_event *ev) __attribute__((nonnull));

/* Forget the calling thread's last level, as at the start of a process
 * (tests use it between unrelated inputs). */
void wl_classify_forget(void);

struct wl_memo;

/*
 * wl_classify(), consulting and filling the calling thread's memo
 * (memo.h) when M holds the key of ev->msg: a line whose key, source,
 * priority and line before match a remembered one takes its verdict
 * without being read (and m->decided_len is then strlen(decided_by)).
 * Only verdicts that no number's value decided are remembered, so the
 * verdict is always the one wl_classify() gives.
 */
void wl_classify_memo(struct wl_event *ev, struct wl_memo *m)
    __attribute__((nonnull(1)));

#endif
