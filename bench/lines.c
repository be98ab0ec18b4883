/*
 * lines.c - the workload program of the benchmarks: log N lines one way,
 * time the loop, and report on stdout.
 *
 *   lines [-t THREADS] [-o PATH] [-w WARMUP] MODE N
 *
 * MODE is how each line is written:
 *   passthru  write(2) of 80 bytes to PATH (-o, default /dev/null), a
 *             descriptor that is not stderr: withlog must stay out of it
 *   write     write(2) of an 80-byte line to fd 2
 *   fprintf   fprintf(stderr, ...) of an 80-byte line (stderr unbuffered,
 *             as by default); with -t, THREADS threads share the N lines
 *   syslog    syslog(LOG_INFO, ...) of a 79-byte message
 *   flood     the same WARN template with varying numbers
 *   distinct  every line of its own template (letters, not digits, vary)
 *   small     N lines, untimed: a small program, for its memory
 *
 * The report is one line of key=value pairs: ns_per_call (wall time of
 * the loop divided by N), cpu_ns_per_call (the CPU time of the whole
 * process, every thread, over the same span: on a busy machine it leaves
 * out the time the program waited for a CPU), lines_per_s, and maxrss_kib
 * (peak resident set
 * of the program: VmHWM, which starts afresh at exec, unlike getrusage's
 * ru_maxrss, which keeps the peak of the process that forked us).  The timing covers the loop only, so
 * process start-up and the library's initialisation are not in it;
 * WARMUP calls (default 100) run first, untimed, so that one-time lazy
 * work (symbol lookup, descriptor classification) is not in it either.
 * Output comes out the same with or without the library: nothing here
 * knows whether withlog is loaded.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

/* 79 characters and a newline. */
static const char line80[] =
    "bench: worker 07 handled request 00123456 in 0042 us, status=200 "
    "path=/api/item\n";

/* With the numbers filled in these also give 79 characters. */
#define FMT_LINE "bench: worker %02d handled request %08d in %04d us, " \
	"status=200 path=/api/item"

enum mode { PASSTHRU, WRITE, FPRINTF, SYSLOG, FLOOD, DISTINCT, SMALL };

static const char *const mode_names[] = {
	"passthru", "write", "fprintf", "syslog", "flood", "distinct", "small",
};

struct job {
	enum mode mode;
	int fd;			/* passthru's descriptor */
	long from, count;	/* the line numbers this thread writes */
};

static pthread_barrier_t start_line;

static double
clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* "aaaaa", "baaaa", ...: I written in letters, so that no two lines share
 * a template even for a matcher that treats digits as variables. */
static void
letters(long i, char out[8])
{
	for (int k = 0; k < 7; k++) {
		out[k] = (char)('a' + i % 26);
		i /= 26;
	}
	out[7] = '\0';
}

static void
one(enum mode m, int fd, long i)
{
	char word[8];
	int n = (int)(i % 10000);

	switch (m) {
	case PASSTHRU:
		if (write(fd, line80, sizeof(line80) - 1) < 0)
			exit(1);
		break;
	case WRITE:
		if (write(2, line80, sizeof(line80) - 1) < 0)
			exit(1);
		break;
	case FPRINTF:
	case SMALL:
		fprintf(stderr, FMT_LINE "\n", (int)(i % 100),
		    (int)(i % 100000000), n);
		break;
	case SYSLOG:
		syslog(LOG_INFO, FMT_LINE, (int)(i % 100),
		    (int)(i % 100000000), n);
		break;
	case FLOOD:
		fprintf(stderr, "WARN retry %d of %d for /tmp/x%d\n",
		    (int)(i % 5) + 1, 5, (int)i);
		break;
	case DISTINCT:
		letters(i, word);
		fprintf(stderr, "event %s: cache for tenant %s rebuilt\n",
		    word, word);
		break;
	}
}

/* Peak resident set of this program in KiB. */
static long
peak_rss_kib(void)
{
	char buf[256];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (f != NULL) {
		while (fgets(buf, sizeof(buf), f) != NULL)
			if (sscanf(buf, "VmHWM: %ld", &kib) == 1)
				break;
		fclose(f);
	}
	if (kib < 0) {
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		kib = ru.ru_maxrss;
	}
	return kib;
}

static void *
run_job(void *arg)
{
	const struct job *j = arg;

	pthread_barrier_wait(&start_line);
	for (long i = j->from; i < j->from + j->count; i++)
		one(j->mode, j->fd, i);
	return NULL;
}

static void
usage(void)
{
	fprintf(stderr, "usage: lines [-t THREADS] [-o PATH] [-w WARMUP] "
	    "passthru|write|fprintf|syslog|flood|distinct|small N\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *path = "/dev/null";
	long threads = 1, warmup = 100, n;
	struct job jobs[64];
	pthread_t tids[64];
	enum mode m;
	int c, fd = -1;

	while ((c = getopt(argc, argv, "t:o:w:")) != -1) {
		switch (c) {
		case 't':
			threads = strtol(optarg, NULL, 10);
			break;
		case 'o':
			path = optarg;
			break;
		case 'w':
			warmup = strtol(optarg, NULL, 10);
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 2 || threads < 1 || threads > 64 || warmup < 0)
		usage();
	for (m = PASSTHRU; m <= SMALL; m++)
		if (strcmp(argv[optind], mode_names[m]) == 0)
			break;
	if (m > SMALL)
		usage();
	n = strtol(argv[optind + 1], NULL, 10);
	if (n < threads)
		usage();

	if (m == PASSTHRU) {
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0) {
			fprintf(stderr, "lines: cannot open '%s': %s\n", path,
			    strerror(errno));
			return 1;
		}
	}
	if (m == SMALL || m == DISTINCT)
		warmup = 0;
	/* Warm-up lines are numbered past the timed ones, so every timed
	 * line of 'distinct' is still a template of its own. */
	for (long i = 0; i < warmup; i++)
		one(m, fd, n + i);

	pthread_barrier_init(&start_line, NULL, (unsigned)threads + 1);
	for (long t = 0; t < threads; t++) {
		jobs[t].mode = m;
		jobs[t].fd = fd;
		jobs[t].from = n / threads * t;
		jobs[t].count = t == threads - 1 ? n - jobs[t].from :
		    n / threads;
		if (pthread_create(&tids[t], NULL, run_job, &jobs[t]) != 0) {
			fprintf(stderr, "lines: cannot start a thread\n");
			return 1;
		}
	}
	/* The clock starts when every thread is ready and stops when the
	 * last one is done. */
	double t0 = clock_ns(CLOCK_MONOTONIC);
	double c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	pthread_barrier_wait(&start_line);
	for (long t = 0; t < threads; t++)
		pthread_join(tids[t], NULL);
	double t1 = clock_ns(CLOCK_MONOTONIC);
	double c1 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);

	printf("mode=%s n=%ld threads=%ld warmup=%ld ns_per_call=%.1f "
	    "cpu_ns_per_call=%.1f lines_per_s=%.0f maxrss_kib=%ld\n",
	    mode_names[m], n, threads, warmup, (t1 - t0) / (double)n,
	    (c1 - c0) / (double)n, (double)n / ((t1 - t0) / 1e9),
	    peak_rss_kib());
	return 0;
}
