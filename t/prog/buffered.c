/*
 * buffered.c - the flush points of buffered delivery: argv[1] names how
 * the process goes on after logging two lines.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static void
msleep(int ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&t, NULL);
}

int
main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";

	fprintf(stderr, "first\n");
	if (!strcmp(c, "urgent")) {
		/* ERROR and above are written at once, with what waits. */
		syslog(LOG_ERR, "second");
		msleep(3000);
		return 0;
	}
	fprintf(stderr, "second\n");
	if (!strcmp(c, "wait")) {
		msleep(3000);
	} else if (!strcmp(c, "exit")) {
		exit(3);
	} else if (!strcmp(c, "_exit")) {
		_exit(4);
	} else if (!strcmp(c, "abort")) {
		abort();
	} else if (!strcmp(c, "segv")) {
		raise(SIGSEGV);
	} else if (!strcmp(c, "term")) {
		kill(getpid(), SIGTERM);
		msleep(3000);
	} else if (!strcmp(c, "exec")) {
		execl("/bin/sh", "sh", "-c", "echo third >&2", NULL);
	} else if (!strcmp(c, "fork")) {
		/* The parent's lines come before the child's. */
		pid_t pid = fork();
		if (pid == 0) {
			fprintf(stderr, "child\n");
			exit(0);
		}
		waitpid(pid, NULL, 0);
	}
	return 0;
}
