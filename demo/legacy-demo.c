/*
 * legacy-demo.c - a small "legacy" program that logs the way old code
 * does: syslog with LOG_ERR for everything, fprintf and perror on stderr,
 * raw write(2), a byte-at-a-time writer and a line split over calls.
 * `make demo` runs it under withlog.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

int
main(void)
{
	openlog("legacy-demo", LOG_PID, LOG_DAEMON);
	syslog(LOG_ERR, "starting up, version %d.%d", 1, 4);
	fprintf(stderr, "loaded configuration from /etc/legacy.conf\n");
	errno = ECONNREFUSED;
	perror("connect to 127.0.0.1:5432");
	syslog(LOG_ERR, "connection reset by peer, retrying in %d s", 5);
	const char *msg = "warning: cache is 93% full\n";
	for (const char *p = msg; *p; p++)
		(void)write(2, p, 1);
	fputs("processed 120 requests", stderr);
	fputs(" in 0.8 s\n", stderr);
	msg = "error: cannot open '/var/lib/legacy/db': Permission denied\n";
	(void)write(2, msg, strlen(msg));
	printf("demo finished\n");
	closelog();
	return 0;
}
