/*
 * group.h - multi-line grouping: the lines of one report become one event.
 *
 * A traceback, a stack trace, a panic, a PEM block or a compiler's
 * context header with its diagnostic (report.h says which lines start
 * and continue each) is written as many lines; a reader (and the
 * classifier) needs it as one event whose msg holds all of them.
 * Between line assembly and classification: a line that starts such a
 * report opens a group for its thread; the lines that continue it join;
 * the first line that does not closes it (and is then taken on its own),
 * as does WL_GROUP_IDLE_MS without a line, exec or exit.  Lines outside
 * any group pass straight through.
 */
#ifndef WL_GROUP_H
#define WL_GROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define WL_GROUP_MAX 65536	/* longer reports are delivered in parts */
#define WL_GROUP_SLOTS 16	/* threads with an open group at once */
#define WL_GROUP_IDLE_MS 100

/* One complete stderr line (no newline) written by API in thread TID
 * (0: the calling thread; line assembly passes the writer when another
 * thread delivers its line).  Returns 0, or -1 with errno when a sink
 * failed. */
int wl_group_line(const char *api, const char *line, size_t len, pid_t tid);

/* Deliver groups idle for WL_GROUP_IDLE_MS (ALL: every group, at exit).
 * Returns true while a group is still open. */
bool wl_group_flush(bool all);

/* In a fork child: the parent delivers its own groups. */
void wl_group_after_fork(void);

#endif
