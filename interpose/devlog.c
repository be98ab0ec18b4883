/*
 * devlog.c - syslog datagrams become syslog events (see devlog.h).
 */
#include <errno.h>
#include <string.h>
#include "devlog.h"
#include "pipeline.h"
#include "syslogparse.h"

int
wl_devlog_capture(const char *api, const void *buf, size_t len)
{
	struct wl_syslog_msg m;
	struct wl_event ev;
	int saved = errno;

	if (wl_syslog_parse(buf, len, &m) != 0)
		return -1;
	wl_event_init(&ev, WL_SRC_SYSLOG, api, m.msg, m.msg_len);
	ev.ident = m.ident;
	ev.ident_len = m.ident_len;
	ev.facility = m.facility;
	ev.orig_pri = m.pri;
	if (m.sd_len > 0 && ev.nfields < WL_MAX_FIELDS)
		ev.fields[ev.nfields++] = (struct wl_field){ "sd", m.sd,
		    m.sd_len };
	(void)wl_pipeline_submit(&ev);
	errno = saved;
	return 0;
}
