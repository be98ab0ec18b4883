/*
 * hazards.c - the situations a preload must survive inside its host:
 * signal handlers that write, many threads, fork while threads log, vfork,
 * the ways a process ends, prompts without a newline, long and hostile
 * lines.  argv[1] names the case; a test checks the events.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void
on_alarm(int sig)
{
	(void)sig;
	int saved = errno;
	write(2, "sig\n", 4);
	handled++;
	errno = saved;
}

static void *
thread_lines(void *arg)
{
	long id = (long)arg;
	for (int i = 0; i < 1000; i++) {
		/* A line split over two calls of two kinds. */
		fprintf(stderr, "thread %ld ", id);
		char buf[32];
		int n = snprintf(buf, sizeof(buf), "line %d\n", i);
		write(2, buf, (size_t)n);
	}
	return NULL;
}

/* Set by the main thread, read by the spinning ones: atomic, or it is a
 * data race (ThreadSanitizer runs this program too). */
static int stop;

static void *
thread_spin(void *arg)
{
	long id = (long)arg;
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED))
		fprintf(stderr, "busy %ld\n", id);
	return NULL;
}

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

	if (!strcmp(c, "signal")) {
		/* A timer signal every 100 us whose handler writes to stderr,
		 * while the main thread logs: the handler often lands while
		 * the thread is inside the library. */
		struct sigaction sa = { .sa_handler = on_alarm };
		sigaction(SIGALRM, &sa, NULL);
		struct itimerval it = { { 0, 100 }, { 0, 100 } };
		setitimer(ITIMER_REAL, &it, NULL);
		for (int i = 0; i < 20000; i++)
			fprintf(stderr, "main %d\n", i);
		struct itimerval off = { { 0, 0 }, { 0, 0 } };
		setitimer(ITIMER_REAL, &off, NULL);
		printf("handled %d\n", (int)handled);
	} else if (!strcmp(c, "threads")) {
		pthread_t t[16];
		for (long i = 0; i < 16; i++)
			pthread_create(&t[i], NULL, thread_lines, (void *)i);
		for (int i = 0; i < 16; i++)
			pthread_join(t[i], NULL);
	} else if (!strcmp(c, "fork")) {
		/* fork while other threads are inside the library: every
		 * child must still be able to log and exit. */
		pthread_t t[4];
		for (long i = 0; i < 4; i++)
			pthread_create(&t[i], NULL, thread_spin, (void *)i);
		int ok = 0;
		for (int i = 0; i < 50; i++) {
			pid_t pid = fork();
			if (pid == 0) {
				fprintf(stderr, "child %d\n", i);
				_exit(0);
			}
			int st;
			if (pid > 0 && waitpid(pid, &st, 0) == pid &&
			    WIFEXITED(st) && WEXITSTATUS(st) == 0)
				ok++;
		}
		__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
		for (int i = 0; i < 4; i++)
			pthread_join(t[i], NULL);
		printf("children ok %d\n", ok);
	} else if (!strcmp(c, "vfork")) {
		fputs("parent partial", stderr);
		pid_t pid = vfork();
		if (pid == 0) {
			write(2, "child raw\n", 10);
			_exit(0);
		}
		waitpid(pid, NULL, 0);
		fputs(" done\n", stderr);
		pid = vfork();
		if (pid == 0) {
			execl("/bin/sh", "sh", "-c", "echo exec child >&2", NULL);
			_exit(127);
		}
		waitpid(pid, NULL, 0);
	} else if (!strcmp(c, "_exit")) {
		fputs("partial before _exit", stderr);
		_exit(7);
	} else if (!strcmp(c, "exit")) {
		fputs("partial before exit", stderr);
		exit(8);
	} else if (!strcmp(c, "return")) {
		fputs("partial before return", stderr);
		return 9;
	} else if (!strcmp(c, "abort")) {
		fputs("partial before abort", stderr);
		abort();
	} else if (!strcmp(c, "exec")) {
		fputs("partial before exec", stderr);
		execl("/bin/true", "true", NULL);
		return 1;
	} else if (!strcmp(c, "thread_exit")) {
		/* exit() from another thread while main holds a partial. */
		fputs("partial of main", stderr);
		pthread_t t;
		pthread_create(&t, NULL, (void *(*)(void *))exit,
		    (void *)(long)6);
		pause();
	} else if (!strcmp(c, "prompt")) {
		/* A prompt without a newline, then a long wait: the prompt
		 * must come out before the wait ends. */
		fputs("Name: ", stderr);
		msleep(1500);
		fputs("later\n", stderr);
	} else if (!strcmp(c, "long")) {
		size_t n = 200 * 1024;
		char *b = malloc(n + 1);
		memset(b, 'x', n);
		b[n] = '\n';
		write(2, b, n + 1);
	} else if (!strcmp(c, "hostile")) {
		static const char m[] = "nul\0byte \xff\xfe bad \x1b[31mred\x1b[0m "
		    "cr\rmid tab\t%s%n {\"level\":\"FATAL\"}\n";
		write(2, m, sizeof(m) - 1);
		fprintf(stderr, "%s\n", "injected\n{\"level\":\"FATAL\",\"msg\":\"x\"}");
	} else if (!strcmp(c, "crlf")) {
		fputs("windows line\r\n", stderr);
	} else {
		printf("unknown case '%s'\n", c);
		return 2;
	}
	return 0;
}
