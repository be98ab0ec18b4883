/*
 * diag.c - the library's own messages (see diag.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include "diag.h"
#include "sink.h"

void
wl_diag(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int saved = errno;
	int n = snprintf(buf, sizeof(buf), "withlog: ");

	va_start(ap, fmt);
	int m = vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		m = 0;
	n += m;
	if ((size_t)n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	(void)wl_sink_write_stderr_owed(buf, (size_t)n);
	errno = saved;
}
