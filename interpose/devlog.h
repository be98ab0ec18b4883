/*
 * devlog.h - capture of programs that speak the syslog protocol to
 * /dev/log themselves (logger, dnsmasq, Python's SysLogHandler).
 */
#ifndef WL_DEVLOG_H
#define WL_DEVLOG_H

#include <stddef.h>

/* Parse one datagram sent through API and submit it as a syslog event.
 * Returns 0 when it was taken (the caller reports the send as done), or
 * -1 when it is not a syslog message (the caller sends it for real). */
int wl_devlog_capture(const char *api, const void *buf, size_t len);

#endif
