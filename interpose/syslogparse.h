/*
 * syslogparse.h - parse one syslog datagram as programs send it to
 * /dev/log: RFC 3164 ("<PRI>Mmm dd hh:mm:ss tag[pid]: msg", timestamp
 * optional) or RFC 5424 ("<PRI>1 TS HOST APP PROCID MSGID SD MSG").
 * Pure function: no allocation; the result points into the input.
 */
#ifndef WL_SYSLOGPARSE_H
#define WL_SYSLOGPARSE_H

#include <stddef.h>
#include <sys/types.h>

struct wl_syslog_msg {
	int pri;		/* severity 0-7 */
	int facility;		/* facility code 0-23 */
	const char *ident;	/* tag / APP-NAME, may be empty */
	size_t ident_len;
	long pid;		/* -1 when absent */
	const char *sd;		/* RFC 5424 structured data, "" when none */
	size_t sd_len;
	const char *msg;
	size_t msg_len;
};

/* Parse BUF (LEN bytes).  Returns 0, or -1 when it is not a syslog
 * message (no "<PRI>" prefix). */
int wl_syslog_parse(const char *buf, size_t len, struct wl_syslog_msg *out)
    __attribute__((nonnull(3), warn_unused_result));

#endif
