/*
 * paths.c - write to stderr (or syslog) through exactly one entry point,
 * named by argv[1], so a test can check that each path gives one event per
 * line with the right text.  Built at -O0 and at -O2 -D_FORTIFY_SOURCE=2.
 */
#define _GNU_SOURCE
#include <assert.h>
#include <err.h>
#include <errno.h>
#include <error.h>
#include <fcntl.h>
#include <locale.h>
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>
#include <wchar.h>

static void
vw(void (*f)(const char *, va_list), const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	f(fmt, ap);
	va_end(ap);
}

static void
vs(int pri, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsyslog(pri, fmt, ap);
	va_end(ap);
}

static int
vfp(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vfprintf(f, fmt, ap);
	va_end(ap);
	return rc;
}

static int
vdp(int fd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vdprintf(fd, fmt, ap);
	va_end(ap);
	return rc;
}

int
main(int argc, char **argv)
{
	const char *p = argc > 1 ? argv[1] : "";
	int rc = 0;

	setlocale(LC_ALL, "");
	if (!strcmp(p, "write")) {
		rc = write(2, "one\ntwo\n", 8) != 8;
	} else if (!strcmp(p, "writev")) {
		struct iovec v[3] = { { "o", 1 }, { "ne\ntw", 5 }, { "o\n", 2 } };
		rc = writev(2, v, 3) != 8;
	} else if (!strcmp(p, "dup")) {
		int fd = dup(2);
		rc = write(fd, "one\n", 4) != 4;
	} else if (!strcmp(p, "dup2")) {
		dup2(2, 7);
		rc = write(7, "one\n", 4) != 4;
	} else if (!strcmp(p, "dup3")) {
		dup3(2, 8, O_CLOEXEC);
		rc = write(8, "one\n", 4) != 4;
	} else if (!strcmp(p, "fcntl")) {
		int fd = fcntl(2, F_DUPFD, 20);
		rc = write(fd, "one\n", 4) != 4;
	} else if (!strcmp(p, "devstderr")) {
		/* Some daemons reopen stderr for every line. */
		for (int i = 0; i < 2; i++) {
			int fd = open("/dev/stderr", O_WRONLY | O_APPEND);
			rc |= write(fd, i ? "two\n" : "one\n", 4) != 4;
			close(fd);
		}
	} else if (!strcmp(p, "procfd")) {
		int fd = open("/proc/self/fd/2", O_WRONLY | O_APPEND);
		rc = write(fd, "one\n", 4) != 4;
	} else if (!strcmp(p, "stdout")) {
		/* Run with stdout on stderr's file: both are stderr. */
		rc = write(1, "one\n", 4) != 4;
		rc |= write(2, "two\n", 4) != 4;
	} else if (!strcmp(p, "dup2file")) {
		/* After dup2(file, 2), stderr is the file. */
		int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, 2);
		rc = write(2, "one\n", 4) != 4;
	} else if (!strcmp(p, "close2")) {
		close(2);
		errno = 0;
		ssize_t w = write(2, "one\n", 4);
		printf("%zd %s\n", w, strerror(errno));
	} else if (!strcmp(p, "bytes")) {
		for (const char *s = "one\ntwo\n"; *s; s++)
			rc |= write(2, s, 1) != 1;
	} else if (!strcmp(p, "fprintf")) {
		rc = fprintf(stderr, "one %d\ntwo\n", 1) != 10;
	} else if (!strcmp(p, "vfprintf")) {
		rc = vfp(stderr, "one %d\ntwo\n", 1) != 10;
	} else if (!strcmp(p, "fputs")) {
		rc = fputs("one\n", stderr) < 0 || fputs("two\n", stderr) < 0;
	} else if (!strcmp(p, "fputs_unlocked")) {
		rc = fputs_unlocked("one\ntwo\n", stderr) < 0;
	} else if (!strcmp(p, "fputc")) {
		for (const char *s = "one\n"; *s; s++)
			rc |= fputc(*s, stderr) != *s;
	} else if (!strcmp(p, "putc")) {
		for (const char *s = "one\n"; *s; s++)
			rc |= putc(*s, stderr) != *s;
	} else if (!strcmp(p, "putc_unlocked")) {
		/* At -O2 this is inlined into the stream buffer and
		 * __overflow. */
		for (const char *s = "one\n"; *s; s++)
			rc |= putc_unlocked(*s, stderr) != *s;
	} else if (!strcmp(p, "fputc_unlocked")) {
		for (const char *s = "one\n"; *s; s++)
			rc |= fputc_unlocked(*s, stderr) != *s;
	} else if (!strcmp(p, "fwrite")) {
		rc = fwrite("one\ntwo\n", 1, 8, stderr) != 8;
	} else if (!strcmp(p, "fwrite_unlocked")) {
		rc = fwrite_unlocked("one\ntwo\n", 4, 2, stderr) != 2;
	} else if (!strcmp(p, "fputws")) {
		rc = fputws(L"one \u00e9\n", stderr) < 0;
	} else if (!strcmp(p, "fwprintf")) {
		rc = fwprintf(stderr, L"one %d\n", 1) < 0;
	} else if (!strcmp(p, "fdopen")) {
		FILE *f = fdopen(2, "w");
		fprintf(f, "one\n");
		fputs("two\n", f);
		fflush(f);
	} else if (!strcmp(p, "buffered")) {
		/* A fully buffered stderr: bytes from inlined putc wait in
		 * the buffer and must come before the next call's bytes. */
		static char buf[256];
		setvbuf(stderr, buf, _IOFBF, sizeof(buf));
		putc_unlocked('o', stderr);
		putc_unlocked('n', stderr);
		fputs("e\ntwo\n", stderr);
		fflush(stderr);
	} else if (!strcmp(p, "perror")) {
		errno = ENOENT;
		perror("one");
		errno = EACCES;
		perror(NULL);
		rc = errno != EACCES;
	} else if (!strcmp(p, "warn")) {
		errno = ENOENT;
		warn("one %d", 1);
		rc = errno != ENOENT;
	} else if (!strcmp(p, "warnx")) {
		warnx("one %d", 1);
	} else if (!strcmp(p, "vwarn")) {
		errno = ENOENT;
		vw(vwarn, "one %d", 1);
	} else if (!strcmp(p, "vwarnx")) {
		vw(vwarnx, "one %d", 1);
	} else if (!strcmp(p, "err")) {
		errno = ENOENT;
		err(3, "one");
	} else if (!strcmp(p, "errx")) {
		errx(4, "one");
	} else if (!strcmp(p, "error")) {
		error(0, ENOENT, "one %d", 1);
		printf("count %u\n", error_message_count);
		error(5, 0, "two");
	} else if (!strcmp(p, "error_at_line")) {
		error_at_line(0, 0, "f.c", 7, "one");
		error_one_per_line = 1;
		error_at_line(0, 0, "f.c", 9, "two");
		error_at_line(0, 0, "f.c", 9, "two again");
	} else if (!strcmp(p, "psignal")) {
		psignal(SIGTERM, "one");
	} else if (!strcmp(p, "psiginfo")) {
		siginfo_t si = { .si_signo = SIGINT };
		psiginfo(&si, "one");
	} else if (!strcmp(p, "herror")) {
		h_errno = HOST_NOT_FOUND;
		herror("one");
	} else if (!strcmp(p, "dprintf")) {
		rc = dprintf(2, "one %d\n", 1) != 6;
	} else if (!strcmp(p, "vdprintf")) {
		rc = vdp(2, "one %d\n", 1) != 6;
	} else if (!strcmp(p, "assert")) {
		assert(argc == 99);
	} else if (!strcmp(p, "syslog")) {
		openlog("tag", LOG_PID, LOG_DAEMON);
		syslog(LOG_WARNING, "one %d", 1);
		errno = ENOENT;
		syslog(LOG_ERR | LOG_LOCAL3, "two %m");
		closelog();
	} else if (!strcmp(p, "vsyslog")) {
		vs(LOG_NOTICE, "one %d", 1);
	} else if (!strcmp(p, "setlogmask")) {
		setlogmask(LOG_UPTO(LOG_WARNING));
		syslog(LOG_INFO, "hidden");
		syslog(LOG_ERR, "one");
	} else if (!strcmp(p, "perror_opt")) {
		openlog("tag", LOG_PERROR, LOG_USER);
		syslog(LOG_INFO, "one");
	} else if (!strcmp(p, "devlog")) {
		/* A program speaking the protocol itself, like logger. */
		struct sockaddr_un sun = { .sun_family = AF_UNIX };
		strcpy(sun.sun_path, "/dev/log");
		int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
		const char *m = "<27>Nov 21 20:01:02 mytag[42]: one";
		rc = sendto(fd, m, strlen(m), 0, (struct sockaddr *)&sun,
		    sizeof(sun)) != (ssize_t)strlen(m);
		m = "<14>1 2026-11-21T20:01:02Z host app 7 - [x@1 a=\"b\"] two";
		rc |= sendto(fd, m, strlen(m), 0, (struct sockaddr *)&sun,
		    sizeof(sun)) != (ssize_t)strlen(m);
	} else if (!strcmp(p, "copy_file_range") || !strcmp(p, "sendfile") ||
	    !strcmp(p, "splice")) {
		/* Kernel-side copies into stderr, as GNU cat makes them. */
		char tmpl[] = "/tmp/wl-paths-XXXXXX";
		int fd = mkstemp(tmpl), pfd[2];
		unlink(tmpl);
		write(fd, "one\ntwo\n", 8);
		lseek(fd, 0, SEEK_SET);
		ssize_t got = 0, k;
		off_t off = 0;
		if (!strcmp(p, "splice")) {
			pipe(pfd);
			write(pfd[1], "one\ntwo\n", 8);
			close(pfd[1]);
			fd = pfd[0];
		}
		do {
			if (!strcmp(p, "copy_file_range"))
				k = copy_file_range(fd, NULL, 2, NULL, 8 - got, 0);
			else if (!strcmp(p, "sendfile"))
				k = sendfile(2, fd, &off, 8 - got);
			else
				k = splice(fd, NULL, 2, NULL, 8 - got, 0);
			got += k > 0 ? k : 0;
		} while (k > 0 && got < 8);
		rc = got != 8;
	} else if (!strcmp(p, "errno")) {
		/* Hooks keep errno and return values. */
		errno = 1234;
		fprintf(stderr, "one\n");
		int e1 = errno;
		write(2, "two\n", 4);
		int e2 = errno;
		printf("%d %d\n", e1, e2);
	} else {
		fprintf(stdout, "unknown path '%s'\n", p);
		return 2;
	}
	return rc;
}
