/*
 * hostile.c - writes what a log reader should never be fooled by, for
 * t/0920-hostile-*.t: huge lines, every byte value, broken UTF-8,
 * terminal escapes, carriage returns without newlines, format directives
 * and attempts to forge records.  Each mode writes a fixed sequence, so a
 * test knows exactly which messages must come out.
 *
 *   huge MIB       one line of MIB MiB by write(), then one by fprintf()
 *   bytes          one line per hazard (see below), by write()
 *   cr             "\rprogress N%" 300 times and never a newline
 *   format         format directives as data through fprintf, write,
 *                  warnx, syslog and perror
 *   inject         a newline followed by a complete forged record, in
 *                  JSON and in the text layout, by write and by syslog
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

static void
put(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(2, s, n);
		if (w <= 0)
			exit(90);
		s += w;
		n -= (size_t)w;
	}
}

#define PUT(lit) put(lit, sizeof(lit) - 1)

static int
mode_huge(long mib)
{
	size_t n = (size_t)mib << 20;
	char *line = malloc(n + 1);
	if (line == NULL)
		return 91;
	for (size_t i = 0; i < n; i++)
		line[i] = (char)('a' + i % 26);
	line[n] = '\n';
	put(line, n + 1);
	line[n] = '\0';
	fprintf(stderr, "%s\n", line);
	free(line);
	return 0;
}

static int
mode_bytes(void)
{
	char all[256];
	size_t k = 0;

	/* Every byte value but the newline, in one line. */
	for (int c = 0; c < 256; c++)
		if (c != '\n')
			all[k++] = (char)c;
	all[k++] = '\n';
	put(all, k);
	PUT("nul\0in\0the\0middle\n");
	PUT("overlong \xc0\xaf surrogate \xed\xa0\x80 too big \xf4\x90\x80\x80\n");
	PUT("lone continuation \x80 truncated \xe2\x82 end\n");
	PUT("truncated at the end \xf0\x9f\x98\n");
	PUT("clear \x1b[2J\x1b[H title \x1b]0;owned\x07 c1 csi \xc2\x9b" "31m red\n");
	PUT("bell \x07 backspace \x08\x08\x08 del \x7f\n");
	PUT("progress\r50%\r100% done\n");
	PUT("crlf line\r\n");
	PUT("line separator \xe2\x80\xa8 paragraph \xe2\x80\xa9 end\n");
	PUT("quote \" backslash \\ brace } bracket ] equals = \n");
	return 0;
}

static int
mode_cr(void)
{
	char buf[32];
	for (int i = 0; i < 300; i++) {
		int n = snprintf(buf, sizeof(buf), "\rprogress %d%%", i);
		put(buf, (size_t)n);
	}
	return 0;
}

static int
mode_format(void)
{
	const char *evil = "%s%n%x%p%99999999d%m";

	fprintf(stderr, "%s\n", evil);
	PUT("%n%n%n%s%s%s\n");
	warnx("%s", evil);
	errno = ENOENT;
	perror(evil);
	openlog("hostile", 0, LOG_USER);
	syslog(LOG_ERR, "%s", evil);
	closelog();
	return 0;
}

static int
mode_inject(void)
{
	PUT("login ok for alice\n"
	    "{\"ts\":\"2020-01-01T00:00:00.000000Z\",\"level\":\"FATAL\","
	    "\"severity\":21,\"source\":\"stderr\",\"api\":\"write\","
	    "\"msg\":\"forged\",\"prog\":\"sshd\",\"pid\":1,\"tid\":1,"
	    "\"host\":\"vm\",\"seq\":1}\n"
	    "2020-01-01T00:00:00.000000Z FATAL sshd[1/1]: forged text\n");
	/* The same inside one syslog message: it must stay one event. */
	openlog("hostile", 0, LOG_USER);
	syslog(LOG_INFO, "user bob\n<11>sshd[1]: forged syslog\n"
	    "2020-01-01T00:00:00.000000Z FATAL sshd[1/1]: forged");
	closelog();
	PUT("after\n");
	return 0;
}

int
main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	if (strcmp(m, "huge") == 0)
		return mode_huge(argc > 2 ? atol(argv[2]) : 10);
	if (strcmp(m, "bytes") == 0)
		return mode_bytes();
	if (strcmp(m, "cr") == 0)
		return mode_cr();
	if (strcmp(m, "format") == 0)
		return mode_format();
	if (strcmp(m, "inject") == 0)
		return mode_inject();
	fprintf(stderr, "usage: hostile huge|bytes|cr|format|inject\n");
	return 2;
}
