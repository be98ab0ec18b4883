/*
 * fault.c - a program that logs while things go wrong around it, for
 * t/0910-fault-*.t.  Each mode reports on stdout what the C library told
 * it (how many writes succeeded, which errno the failures had), so a test
 * can compare that account with the events that arrived.
 *
 *   closed              fd 2 is closed: write, fprintf, perror, syslog
 *   pipe-nb N           stderr a non-blocking pipe no one reads: N lines
 *   pipe-block N        stderr a pipe read by a slow child: N lines
 *   pipe-nb-slow N LEN [keep]
 *                       stderr a non-blocking pipe read by a slow child:
 *                       N lines of LEN bytes, longer than the pipe takes
 *                       at once; with "keep", the counts go to fd 3 and
 *                       the program exits with stderr still open
 *   fsize N LIMIT [die] stderr a file over RLIMIT_FSIZE (SIGXFSZ ignored,
 *                       or with "die" left to kill the process)
 *   eintr N             N lines while a timer signal arrives every 100 us
 *                       (no SA_RESTART), stderr a slowly read pipe
 *   children N L        N children, L lines each
 *   reexec N            log, then exec itself with N-1, down to 0
 *   threads-fork T L F  T threads log L lines each while the main thread
 *                       forks F children that exec and log
 *   openlog-race T N    T threads call syslog N times each while the main
 *                       thread calls openlog until they are done,
 *                       alternating two idents and facilities
 *                       (LOG_PERROR: the events reach stderr)
 *   openlog-fork N      a thread calls openlog over and over while the
 *                       main thread forks N children, each of which calls
 *                       openlog and syslog (LOG_PERROR) and exits; a child
 *                       that has not exited within 5 s is killed; prints
 *                       "hung children K"
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static char *self;

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Copy everything from FD to stdout, pausing between reads so that the
 * writer finds the pipe full. */
static void
drain_slowly(int fd, long pause_us)
{
	char buf[4096];
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		fwrite(buf, 1, (size_t)n, stdout);
		if (pause_us > 0)
			usleep((useconds_t)pause_us);
	}
	fflush(stdout);
}

/* Make stderr the write end of a pipe; returns the read end. */
static int
stderr_pipe(void)
{
	int p[2];

	if (pipe(p) != 0 || dup2(p[1], 2) != 2)
		exit(90);
	close(p[1]);
	return p[0];
}

static int
mode_closed(void)
{
	close(2);
	errno = 0;
	ssize_t w = write(2, "write line\n", 11);
	int we = errno;
	int f = fprintf(stderr, "fprintf line %d\n", 1);
	int fe = ferror(stderr);
	errno = ENOENT;
	perror("perror line");
	openlog("fault", LOG_PID, LOG_USER);
	syslog(LOG_WARNING, "syslog line");
	printf("write %zd errno %s; fprintf %d ferror %d\n", w, strerrorname_np(we),
	    f, fe != 0);
	return 0;
}

/* Count in C a write of LEN bytes that returned W: whole (C[0]), failed
 * with errno WANT (C[1]), or anything else (C[2]). */
static void
tally(ssize_t w, size_t len, int want, int c[3])
{
	if (w == (ssize_t)len)
		c[0]++;
	else if (w < 0 && errno == want)
		c[1]++;
	else
		c[2]++;
}

static int
mode_pipe_nb(int n)
{
	int rd = stderr_pipe();
	int c[3] = { 0, 0, 0 };
	char line[64];

	fcntl(2, F_SETFL, fcntl(2, F_GETFL) | O_NONBLOCK);
	for (int i = 0; i < n; i++) {
		int len = snprintf(line, sizeof(line), "line %d\n", i);
		tally(write(2, line, (size_t)len), (size_t)len, EAGAIN, c);
	}
	printf("ok %d eagain %d other %d\n", c[0], c[1], c[2]);
	fflush(stdout);
	close(2);
	drain_slowly(rd, 0);
	return 0;
}

static int
mode_pipe_nb_slow(int n, long len, int keep)
{
	int rd = stderr_pipe();
	pid_t pid = fork();
	if (pid == 0) {
		close(2);
		drain_slowly(rd, 2000);
		_exit(0);
	}
	close(rd);
	if (len < 32 || len > 1 << 20)
		len = 32;
	char *line = malloc((size_t)len);
	int c[3] = { 0, 0, 0 };

	fcntl(2, F_SETFL, fcntl(2, F_GETFL) | O_NONBLOCK);
	for (int i = 0; i < n; i++) {
		int h = snprintf(line, (size_t)len, "long line %d ", i);
		memset(line + h, 'x', (size_t)(len - h - 1));
		line[len - 1] = '\n';
		tally(write(2, line, (size_t)len), (size_t)len, EAGAIN, c);
	}
	free(line);
	if (keep) {
		dprintf(3, "ok %d eagain %d other %d\n", c[0], c[1], c[2]);
		return 0;
	}
	close(2);
	waitpid(pid, NULL, 0);
	printf("ok %d eagain %d other %d\n", c[0], c[1], c[2]);
	return 0;
}

static int
mode_pipe_block(int n)
{
	int rd = stderr_pipe();
	pid_t pid = fork();
	if (pid == 0) {
		close(2);
		sleep_ms(200);
		drain_slowly(rd, 500);
		_exit(0);
	}
	close(rd);
	int ok = 0;
	for (int i = 0; i < n; i++)
		if (fprintf(stderr, "blocking line %d of a pipe read slowly\n", i) > 0)
			ok++;
	close(2);
	int st;
	waitpid(pid, &st, 0);
	printf("ok %d\n", ok);
	return 0;
}

static int
mode_fsize(int n, long limit, int die)
{
	struct rlimit rl = { (rlim_t)limit, (rlim_t)limit };
	int c[3] = { 0, 0, 0 };
	char line[64];

	if (!die)
		signal(SIGXFSZ, SIG_IGN);
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 91;
	for (int i = 0; i < n; i++) {
		int len = snprintf(line, sizeof(line), "file line %d\n", i);
		tally(write(2, line, (size_t)len), (size_t)len, EFBIG, c);
	}
	printf("ok %d efbig %d other %d\n", c[0], c[1], c[2]);
	return 0;
}

static volatile sig_atomic_t ticks;

static void
on_tick(int sig)
{
	(void)sig;
	ticks++;
}

static int
mode_eintr(int n)
{
	int rd = stderr_pipe();
	pid_t pid = fork();
	if (pid == 0) {
		close(2);
		drain_slowly(rd, 200);
		_exit(0);
	}
	close(rd);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tick;	/* no SA_RESTART: calls fail with EINTR */
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { { 0, 100 }, { 0, 100 } };
	setitimer(ITIMER_REAL, &it, NULL);

	int ok = 0, eintr = 0, other = 0;
	char line[80];
	for (int i = 0; i < n; i++) {
		int len = snprintf(line, sizeof(line), "interrupted line %d\n", i);
		ssize_t w;
		/* What a careful program does: retry a write that was
		 * interrupted before it wrote anything. */
		while ((w = write(2, line, (size_t)len)) < 0 && errno == EINTR)
			eintr++;
		if (w == len)
			ok++;
		else
			other++;
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	close(2);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	printf("ok %d other %d ticks %s\n", ok, other, ticks > 0 ? "yes" : "no");
	return 0;
}

static int
mode_children(int n, int lines)
{
	for (int c = 0; c < n; c++) {
		pid_t pid = fork();
		if (pid < 0)
			return 92;
		if (pid == 0) {
			for (int l = 0; l < lines; l++)
				fprintf(stderr, "child %d line %d\n", c, l);
			/* Half leave through exit, half through _exit. */
			if (c % 2)
				_exit(c % 7);
			exit(c % 7);
		}
	}
	int bad = 0, st;
	pid_t pid;
	while ((pid = wait(&st)) > 0 || (pid < 0 && errno == EINTR))
		if (pid > 0 && !WIFEXITED(st))
			bad++;
	fprintf(stderr, "parent done\n");
	printf("abnormal %d\n", bad);
	return 0;
}

static int
mode_reexec(int n)
{
	char num[16];

	fprintf(stderr, "generation %d", n);	/* finished after the write */
	write(2, " starting\n", 10);
	fprintf(stderr, "partial before exec %d", n);
	if (n == 0) {
		fputc('\n', stderr);
		return 5;
	}
	snprintf(num, sizeof(num), "%d", n - 1);
	execl(self, self, "reexec", num, (char *)NULL);
	return 93;
}

static int nthreads_lines;

static void *
thread_main(void *arg)
{
	int t = (int)(long)arg;
	for (int l = 0; l < nthreads_lines; l++)
		fprintf(stderr, "thread %d line %d\n", t, l);
	return NULL;
}

static int
mode_threads_fork(int nthreads, int lines, int forks)
{
	pthread_t th[256];
	nthreads_lines = lines;
	if (nthreads > 256)
		nthreads = 256;
	for (int t = 0; t < nthreads; t++)
		pthread_create(&th[t], NULL, thread_main, (void *)(long)t);
	int bad = 0;
	for (int f = 0; f < forks; f++) {
		pid_t pid = fork();
		if (pid == 0) {
			char num[16];
			snprintf(num, sizeof(num), "%d", f);
			execl(self, self, "say", num, (char *)NULL);
			_exit(94);
		}
		int st;
		if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 0)
			bad++;
	}
	for (int t = 0; t < nthreads; t++)
		pthread_join(th[t], NULL);
	printf("failed children %d\n", bad);
	return 0;
}

static atomic_int syslog_done;

/* The I-th openlog of the race modes: two idents, each with its own
 * facility, in turn (an event with one of each is a torn read). */
static void
openlog_turn(int i)
{
	openlog(i % 2 ? "alpha" : "betabetabeta", LOG_PERROR,
	    i % 2 ? LOG_USER : LOG_DAEMON);
}

static void *
syslog_thread(void *arg)
{
	int n = (int)(long)arg;
	for (int i = 0; i < n; i++)
		syslog(LOG_WARNING, "racing line %d", i);
	atomic_fetch_add(&syslog_done, 1);
	return NULL;
}

static int
mode_openlog_race(int nthreads, int n)
{
	pthread_t th[16];
	if (nthreads > 16)
		nthreads = 16;
	openlog("alpha", LOG_PERROR, LOG_USER);
	for (int t = 0; t < nthreads; t++)
		pthread_create(&th[t], NULL, syslog_thread, (void *)(long)n);
	for (int i = 0; atomic_load(&syslog_done) < nthreads; i++)
		openlog_turn(i);
	for (int t = 0; t < nthreads; t++)
		pthread_join(th[t], NULL);
	return 0;
}

static atomic_int forks_done;

static void *
openlog_loop(void *arg)
{
	(void)arg;
	for (int i = 0; !atomic_load(&forks_done); i++)
		openlog_turn(i);
	return NULL;
}

static int
mode_openlog_fork(int n)
{
	pthread_t th;
	int hung = 0;
	pthread_create(&th, NULL, openlog_loop, NULL);
	for (int f = 0; f < n; f++) {
		pid_t pid = fork();
		if (pid == 0) {
			openlog("child", LOG_PERROR, LOG_LOCAL2);
			syslog(LOG_INFO, "child %d", f);
			_exit(0);
		}
		if (pid < 0)
			continue;
		int st, waited = 0;
		while (waitpid(pid, &st, WNOHANG) == 0) {
			if (++waited > 5000) {
				kill(pid, SIGKILL);
				waitpid(pid, &st, 0);
				hung++;
				break;
			}
			sleep_ms(1);
		}
	}
	atomic_store(&forks_done, 1);
	pthread_join(th, NULL);
	printf("hung children %d\n", hung);
	return 0;
}

int
main(int argc, char **argv)
{
	self = argv[0];
	const char *m = argc > 1 ? argv[1] : "";
	int a = argc > 2 ? atoi(argv[2]) : 0;
	long b = argc > 3 ? atol(argv[3]) : 0;

	if (strcmp(m, "closed") == 0)
		return mode_closed();
	if (strcmp(m, "pipe-nb") == 0)
		return mode_pipe_nb(a);
	if (strcmp(m, "pipe-nb-slow") == 0)
		return mode_pipe_nb_slow(a, b,
		    argc > 4 && strcmp(argv[4], "keep") == 0);
	if (strcmp(m, "pipe-block") == 0)
		return mode_pipe_block(a);
	if (strcmp(m, "fsize") == 0)
		return mode_fsize(a, b, argc > 4 && strcmp(argv[4], "die") == 0);
	if (strcmp(m, "eintr") == 0)
		return mode_eintr(a);
	if (strcmp(m, "children") == 0)
		return mode_children(a, (int)b);
	if (strcmp(m, "reexec") == 0)
		return mode_reexec(a);
	if (strcmp(m, "threads-fork") == 0)
		return mode_threads_fork(a, (int)b, argc > 4 ? atoi(argv[4]) : 0);
	if (strcmp(m, "openlog-race") == 0)
		return mode_openlog_race(a, (int)b);
	if (strcmp(m, "openlog-fork") == 0)
		return mode_openlog_fork(a);
	if (strcmp(m, "say") == 0) {
		fprintf(stderr, "forked child %d says hello\n", a);
		return 0;
	}
	fprintf(stderr, "usage: fault MODE [ARGS]\n");
	return 2;
}
