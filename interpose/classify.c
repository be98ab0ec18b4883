/*
 * classify.c - the classification stage.
 *
 * A syslog event keeps the level of the priority the program chose; a
 * stderr line is INFO unless something says otherwise.
 */
#include "classify.h"
#include "level.h"

void
wl_classify(struct wl_event *ev)
{
	if (ev->source == WL_SRC_SYSLOG && ev->orig_pri >= 0) {
		ev->severity = (uint8_t)wl_level_from_syslog(ev->orig_pri);
		ev->decided_by = "syslog";
		return;
	}
	ev->severity = WL_SEV_INFO;
	ev->decided_by = "default";
}
