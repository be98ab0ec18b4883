/*
 * sinks.c - a program whose stderr and syslog output the sink tests
 * route: argv[1] names what it writes.
 *
 *   levels          one line at each level, through fprintf, plus two
 *                   syslog messages (ident "sinks-test", facility local1)
 *   emerg           the two ways a program states emerg (syslog() at
 *                   LOG_EMERG, an sd-daemon "<0>" line) and a Go panic,
 *                   which only the text says is FATAL
 *   mixed           awkward bytes through several entry points: tabs,
 *                   CR LF, invalid UTF-8, writev, a long line, and a
 *                   prompt without a newline
 *   count N TAG     N numbered records, one write(2) each
 *   slow N MS TAG   the same, MS milliseconds apart
 *   closeall PATH   a daemon's start: closes every descriptor above 2,
 *                   opens PATH for itself and writes to it between two
 *                   stderr lines
 *   fork            a line from the parent and one from a fork child
 *   ndelay PATH     openlog(LOG_NDELAY), then PATH is removed (as if
 *                   the daemon chrooted), then a syslog message
 *
 * stdout says "done" at the end, so a test can tell the program ran to
 * completion.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static void
levels(void)
{
	fprintf(stderr, "TRACE: entering main loop\n");
	fprintf(stderr, "DEBUG: cache has %d entries\n", 12);
	fprintf(stderr, "INFO: listening on port %d\n", 8080);
	fprintf(stderr, "WARNING: disk %d%% full\n", 91);
	fprintf(stderr, "ERROR: cannot open '%s'\n", "/var/db");
	fprintf(stderr, "FATAL: out of memory\n");
	openlog("sinks-test", LOG_PID, LOG_LOCAL1);
	syslog(LOG_NOTICE, "configuration reloaded");
	syslog(LOG_ERR, "lost connection to %s", "db1");
	closelog();
}

static void
emerg(void)
{
	openlog("sinks-test", LOG_PID, LOG_DAEMON);
	syslog(LOG_EMERG, "halting the system: %s", "power failure");
	closelog();
	fputs("<0>halting the system: disk controller failed\n", stderr);
	fputs("panic: runtime error: index out of range [3] with length 3\n",
	    stderr);
}

static void
mixed(void)
{
	char longline[5001];
	struct iovec v[2] = { { "writev ", 7 }, { "in two parts\n", 13 } };

	write(2, "tab\there\r\n", 10);
	fputs("bad utf-8 \xff\xfe and \xc3\xa9\n", stderr);
	fprintf(stderr, "ERROR: code %d\n", 42);
	writev(2, v, 2);
	memset(longline, 'x', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	fprintf(stderr, "%s\n", longline);
	fputs("Password: ", stderr);
	/* The prompt waits, as if for the user, then the answer's echo. */
	usleep(120 * 1000);
	fputs("\n", stderr);
	fputs("no newline at the end", stderr);
}

static void
count(int n, const char *tag, int ms)
{
	char buf[256];
	for (int i = 1; i <= n; i++) {
		int k = snprintf(buf, sizeof(buf), "record %s %06d "
		    "padding-padding-padding-padding-padding-padding\n", tag, i);
		write(2, buf, (size_t)k);
		if (ms > 0)
			usleep((useconds_t)ms * 1000);
	}
}

static int
closeall(const char *path)
{
	fputs("before closing\n", stderr);
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return 1;
	write(fd, "mine\n", 5);
	fputs("after closing\n", stderr);
	write(fd, "mine too\n", 9);
	close(fd);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";
	int rc = 0;

	if (!strcmp(c, "emerg")) {
		emerg();
	} else if (!strcmp(c, "levels")) {
		levels();
	} else if (!strcmp(c, "mixed")) {
		mixed();
	} else if (!strcmp(c, "count") && argc == 4) {
		count(atoi(argv[2]), argv[3], 0);
	} else if (!strcmp(c, "slow") && argc == 5) {
		count(atoi(argv[2]), argv[4], atoi(argv[3]));
	} else if (!strcmp(c, "closeall") && argc == 3) {
		rc = closeall(argv[2]);
	} else if (!strcmp(c, "fork")) {
		fputs("from the parent\n", stderr);
		pid_t pid = fork();
		if (pid == 0) {
			fputs("from the child\n", stderr);
			_exit(0);
		}
		waitpid(pid, NULL, 0);
	} else if (!strcmp(c, "ndelay") && argc == 3) {
		openlog("early", LOG_NDELAY, LOG_DAEMON);
		unlink(argv[2]);
		syslog(LOG_WARNING, "after the socket is gone");
	} else {
		fprintf(stderr, "usage: sinks levels|emerg|mixed|count N TAG|"
		    "slow N MS TAG|closeall PATH|fork|ndelay PATH\n");
		return 2;
	}
	puts("done");
	return rc;
}
