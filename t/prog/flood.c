/*
 * flood.c - a program that logs in a tight loop: THREADS threads (or
 * CHILDREN forked processes) each send LINES same-template WARN messages
 * through syslog(3), with one distinct ERROR in the middle; then it waits
 * PAUSE ms and logs "flood over".  Prints on stdout how many it sent.
 *
 *   flood THREADS LINES CHILDREN PAUSE_MS
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static int lines;

static void *
flood(void *arg)
{
	long id = (long)arg;
	for (int i = 0; i < lines; i++) {
		syslog(LOG_WARNING, "retry %d of %d for /tmp/job%ld", i, lines, id);
		if (i == lines / 2)
			syslog(LOG_ERR, "disk failed under worker %ld", id);
	}
	return NULL;
}

static void
run(int threads)
{
	pthread_t t[64];
	for (long i = 0; i < threads; i++)
		pthread_create(&t[i], NULL, flood, (void *)i);
	for (int i = 0; i < threads; i++)
		pthread_join(t[i], NULL);
}

int
main(int argc, char **argv)
{
	int threads = argc > 1 ? atoi(argv[1]) : 1;
	int children = argc > 3 ? atoi(argv[3]) : 0;
	int pause_ms = argc > 4 ? atoi(argv[4]) : 0;
	lines = argc > 2 ? atoi(argv[2]) : 1000;

	if (children > 0) {
		for (int c = 0; c < children; c++)
			if (fork() == 0) {
				run(threads);
				exit(0);
			}
		while (wait(NULL) > 0)
			;
	} else {
		run(threads);
	}
	struct timespec ts = { pause_ms / 1000, (pause_ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
	syslog(LOG_INFO, "flood over");
	int procs = children > 0 ? children : 1;
	printf("sent %d\n", procs * threads * (lines + 1) + 1);
	return 0;
}
