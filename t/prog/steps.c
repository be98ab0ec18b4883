/*
 * steps.c - a program that logs what its standard input tells it to, one
 * command per line, and answers "done" on stdout after each, so that a
 * test can interleave its logging with what happens to a server:
 *
 *   log PRI FROM TO      fprintf(stderr, "<PRI>event K\n") for K = FROM..TO
 *                        (the sd-daemon prefix gives the level)
 *   syslog PRI FROM TO   syslog(PRI, "event %d", K), after
 *                        openlog("steps", LOG_PID, LOG_LOCAL3)
 *   traceback            a three-line Python traceback on stderr
 *   fork FROM TO         a child logs "<6>child K", then exits
 *   sleep MS
 *   abort                abort()
 *   segv                 a write through a null pointer
 *   _exit N              _exit(N), which runs no atexit handler
 *
 * It returns from main at the end of its input.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <syslog.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(void)
{
	char line[256];

	setvbuf(stdout, NULL, _IOLBF, 0);
	openlog("steps", LOG_PID, LOG_LOCAL3);
	while (fgets(line, sizeof(line), stdin) != NULL) {
		int a = 0, b = 0, c = 0;
		if (sscanf(line, "log %d %d %d", &a, &b, &c) == 3) {
			for (int k = b; k <= c; k++)
				fprintf(stderr, "<%d>event %d\n", a, k);
		} else if (sscanf(line, "syslog %d %d %d", &a, &b, &c) == 3) {
			for (int k = b; k <= c; k++)
				syslog(a, "event %d", k);
		} else if (strncmp(line, "traceback", 9) == 0) {
			fputs("Traceback (most recent call last):\n"
			    "  File \"x.py\", line 1, in <module>\n"
			    "ValueError: bad value\n", stderr);
		} else if (sscanf(line, "fork %d %d", &b, &c) == 2) {
			pid_t pid = fork();
			if (pid == 0) {
				for (int k = b; k <= c; k++)
					fprintf(stderr, "<6>child %d\n", k);
				exit(0);
			}
			waitpid(pid, NULL, 0);
		} else if (strncmp(line, "abort", 5) == 0) {
			abort();
		} else if (strncmp(line, "segv", 4) == 0) {
			*(volatile int *)(uintptr_t)a = 1;
		} else if (sscanf(line, "_exit %d", &a) == 1) {
			_exit(a);
		} else if (sscanf(line, "sleep %d", &a) == 1) {
			struct timespec t = { a / 1000, (a % 1000) * 1000000L };
			nanosleep(&t, NULL);
		} else {
			printf("unknown: %s", line);
			continue;
		}
		printf("done\n");
	}
	return 0;
}
