/*
 * classify.c - unit test of the classification stage: each detector on
 * exact lines, with the level and the decided_by it must give; the
 * negatives the keyword fallback must not be fooled by ("0 errors",
 * "referrer", "error_count=0"); the sd-daemon prefix stripped; syslog
 * priorities kept or overridden (and decided_by saying which); the level
 * a continuation line takes from the line before; NUL bytes inside a
 * message; and not one byte read past ev->msg_len: every message is
 * copied to the end of a page whose next page is unmapped, so a read past
 * it faults.  The word scanner's own parts: every keyword of the
 * vocabulary found in its hash table, and words, negations and fields
 * where the scanner's 64-byte blocks meet.  The memo (memo.h): lines that
 * differ only in digits take a remembered verdict, and never one that a
 * number's value decided ("0 errors", "<3>", "level=3", "errno=0",
 * valgrind's counts); over generated floods, its verdicts are the plain
 * classifier's.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "classify.h"
#include "detect_bytes.h"
#include "detect_scan.h"
#include "event.h"
#include "guard.h"
#include "level.h"
#include "memo.h"
#include "tap.h"

#define PLAN 207

static char *page;	/* a page followed by an inaccessible one */
static size_t pagesz;


/* The message, placed so that its last byte is the page's last byte. */
static const char *
fenced(const char *msg, size_t len)
{
	char *p = page + pagesz - len;
	memcpy(p, msg, len);
	return p;
}

/* Classify MSG (LEN bytes) from SOURCE (PRI: syslog priority or -1). */
static struct wl_event
run(int source, int pri, const char *msg, size_t len)
{
	struct wl_event ev;
	wl_event_init(&ev, source, "test", fenced(msg, len), len);
	ev.orig_pri = pri;
	if (source == WL_SRC_SYSLOG)
		ev.facility = 1;
	wl_classify(&ev);
	return ev;
}

/* Expect LEVEL (a canonical name) and, unless NULL, decided_by BY. */
static void
expect(int source, int pri, const char *msg, size_t len, const char *level,
    const char *by)
{
	char what[300];
	wl_classify_forget();
	struct wl_event ev = run(source, pri, msg, len);
	const char *got = wl_level_name(ev.severity);
	bool good = strcmp(got, level) == 0 && ev.decided_by != NULL &&
	    (by == NULL || strcmp(ev.decided_by, by) == 0);
	snprintf(what, sizeof(what), "%.*s%s is %s%s%s", (int)(len < 80 ? len :
	    80), msg, len > 80 ? "..." : "", level, by != NULL ? " by " : "",
	    by != NULL ? by : "");
	if (len == 0)
		snprintf(what, sizeof(what), "an empty message is %s", level);
	for (char *p = what; *p != '\0'; p++)
		if (*p == '\n' || *p == '\t' || *p == '#')
			*p = ' ';	/* one TAP line, no directive */
	if (!ok(good, "%s", what))
		printf("# got %s (%d) by %s\n", got, ev.severity,
		    ev.decided_by != NULL ? ev.decided_by : "(null)");
}

#define E(msg, level, by) \
	expect(WL_SRC_STDERR, -1, msg, sizeof(msg) - 1, level, by)
#define S(pri, msg, level, by) \
	expect(WL_SRC_SYSLOG, pri, msg, sizeof(msg) - 1, level, by)

static void
detectors(void)
{
	/* sd-daemon prefixes are in prefix(), below */
	E("E1121 12:00:00.123456  1234 file.cc:12] RPC to backend-3 failed",
	    "ERROR", "glog");
	E("W20261121 20:22:31.303731 30968 glog_demo.cc:10] replica lagging",
	    "WARN", "glog");
	E("I1121 12:00:00.123456 1234 main.cc:42] started, error_count=0",
	    "INFO", "glog");
	E("F1121 12:00:00.000000 4242 main.cc:99] Check failed: cfg != nullptr",
	    "FATAL", "glog");

	E("ERROR:app.db:query failed: connection refused", "ERROR", "python");
	E("WARNING:urllib3:upstream slow, will retry", "WARN", "python");
	E("2026-11-21 20:22:55,578 - payments - WARNING - cert expires soon",
	    "WARN", "python");
	E("CRITICAL:inventory:database unreachable, shutting down", "FATAL",
	    "keyword:exit");
	E("CRITICAL:inventory:index rebuilt from scratch", "ERROR", "python");
	E("Traceback (most recent call last):", "FATAL", "python-traceback");

	E("2026-11-21 12:00:00.123 ERROR 1234 --- [main] c.x.Y : pool "
	    "exhausted",
	    "ERROR", "log4j");
	E("12:00:00.123 [main] WARN  c.x.Y - eviction took 512 ms", "WARN",
	    "log4j");
	E("2026-11-21 20:24:51.958 [main] TRACE Log4j - entering main", "TRACE",
	    "log4j");
	E("[main] INFO billing - Invoice batch 17 processed", "INFO", "log4j");
	E("20:24:52.494 [main] FATAL App - Cannot open journal", "FATAL",
	    "log4j");

	E("2009/11/10 23:00:00 server starting on :8080", "INFO", "default");
	E("2009/11/10 23:00:00 warning: TLS disabled", "WARN", "cli");
	E("2009/11/10 23:00:00 open /var/lib/x.db: no such file or directory",
	    "FATAL", "go-log");
	E("panic: runtime error: index out of range [5] with length 3", "FATAL",
	    "go-panic");
	E("fatal error: all goroutines are asleep - deadlock!", "FATAL",
	    "go-panic");

	E("thread 'main' panicked at src/main.rs:4:21:", "FATAL", "rust-panic");
	E("thread 'main' (5290) panicked at src/main.rs:4:21:", "FATAL",
	    "rust-panic");
	E("thread 'uploader' (5294) panicked at src/up.rs:7:9:", "ERROR",
	    "rust-panic");
	E("Exception in thread \"main\" java.lang.IllegalStateException: x",
	    "FATAL", "java-exception");
	E("Exception in thread \"indexer-1\" java.lang.RuntimeException: x",
	    "ERROR", "java-exception");
	E("java.lang.IllegalStateException: connection pool exhausted", "ERROR",
	    "java-exception");

	E("2026/11/21 12:00:00 [error] 31678#31678: *2 open() "
	    "\"/www/favicon.ico\" "
	  "failed (2: No such file or directory), client: 127.0.0.1, server: x,"
	  " request: \"GET /favicon.ico HTTP/1.1\"",
	    "WARN", "nginx");
	E("2026/11/21 12:00:00 [error] 31678#31678: *3 connect() failed (111: "
	  "Connection refused) while connecting to upstream, client: 127.0.0.1",
	    "ERROR", "nginx");
	E("2026/11/21 12:00:00 [notice] 1#1: start worker processes", "INFO",
	    "nginx");
	E("2026/11/21 12:00:00 [info] 8#8: *1 client 127.0.0.1 closed "
	    "keepalive "
	  "connection",
	    "DEBUG", "nginx");
	E("2026/11/21 12:00:00 [emerg] 7#7: bind() to 127.0.0.1:80 failed (98: "
	    "Address already in use)", "WARN", "nginx");
	E("2026/11/21 12:00:00 [emerg] 7#7: still could not bind()", "FATAL",
	    "nginx");
	E("2026/11/21 12:00:00 [emerg] 7#7: unknown directive \"x\" in "
	    "/x.conf:4",
	    "ERROR", "nginx");
	E("2026/11/21 12:00:00 [crit] 9#9: *1 connect() to unix:/run/x.sock "
	    "failed (13: Permission denied)", "ERROR", "nginx");

	E("[Sat Nov 21 12:00:00.123456 2026] [core:error] [pid 1:tid 2] "
	    "[client "
	  "10.0.0.1:5678] AH00126: Invalid URI in request GET /%",
	    "WARN", "apache");
	E("[Sat Nov 21 12:00:00.123456 2026] [proxy:error] [pid 1:tid 2] "
	    "[client "
	  "10.0.0.1:5678] AH00957: attempt to connect to backend failed",
	    "ERROR", "apache");
	E("[Sat Nov 21 12:00:00.123456 2026] [mpm_event:notice] [pid 1:tid 2] "
	    "AH00489: Apache/2.4.57 configured -- resuming normal operations",
	    "INFO", "apache");

	E("ls: cannot access '/nonexistent': No such file or directory",
	    "ERROR", "keyword:error");
	E("prog: error: bad input", "ERROR", "cli");
	E("fatal: not a git repository (or any of the parent directories): "
	    ".git",
	    "ERROR", "cli");
	E("gawk: cmd. line:1: warning: statement has no effect", "WARN", "cli");
	E("cc1: fatal error: nofile.c: No such file or directory", "ERROR",
	    "cli");
	E("f.c:3:7: warning: unused variable 'x' [-Wunused-variable]", "WARN",
	    "gcc");
	E("f.c:3: error: expected ';'", "ERROR", "gcc");
	E("f.c:8:5: note: each undeclared identifier is reported only once",
	    "INFO", "gcc");
	E("bad.c:2:10: fatal error: missing.h: No such file or directory",
	    "ERROR", "gcc");
	E("error[E0425]: cannot find value `totl` in this scope", "ERROR",
	    "cli");
	E("warning: unused variable: `x`", "WARN", "cli");
	E("E: Unable to locate package nonexistent", "ERROR", "cli");
	E("W: Some index files failed to download.", "WARN", "cli");
	E("N: Download is performed unsandboxed as root", "NOTICE", "cli");
	E("hint: Using 'master' as the name for the initial branch.", "INFO",
	    "cli");
	E("Note: switching to 'HEAD~0^{commit}'.", "NOTICE", "cli");
	E("Try 'ls --help' for more information.", "INFO", "hint");
	E("md5sum: WARNING: 1 computed checksum did NOT match", "ERROR",
	    "keyword:error");
	E("make: *** [Makefile:2: all] Error 1", "ERROR", "make");

	E("[WARN] disk almost full", "WARN", "bracket");
	E("[error] cannot reach backend", "ERROR", "bracket");
	E("[ERROR] cannot reach backend", "ERROR", "bracket");
	E("<warning> cache directory is on tmpfs", "WARN", "bracket");

	E("level=warn msg=\"lease renewal slow\"", "WARN", "logfmt");
	E("ts=2026-11-21T20:24:40Z lvl=error msg=\"write failed\"", "ERROR",
	    "logfmt");
	E("time=\"x\" severity=info msg=\"ready\"", "INFO", "logfmt");
	E("msg=\"set level=error for x\" level=info", "INFO", "logfmt");
	E("level=error msg=\"Failed to open directory, disabling udev\"",
	    "WARN", "keyword:recovered");

	E("{\"level\":\"warn\",\"msg\":\"disk 91% full\"}", "WARN", "json");
	E("{\"ts\": 1, \"severity\": \"ERROR\", \"msg\": \"job failed\"}",
	    "ERROR", "json");
	E("{\"lvl\":\"eror\",\"msg\":\"upload failed\"}", "ERROR", "json");
	E("{\"log.level\":\"info\",\"message\":\"request handled\"}", "INFO",
	    "json");
	E("{\"levelname\": "
	    "\"CRITICAL\", \"message\": \"config missing, exiting\"}",
	    "FATAL", "keyword:exit");
	E("{\"level\":50,\"msg\":\"bunyan error\"}", "ERROR", "json");
	E("{\"level\":\"panic\",\"msg\":\"index corrupted\"}", "ERROR", "json");
	E("{\"ctx\":{\"level\":\"error\"},\"msg\":\"request done, 0 errors\"}",
	    "INFO", "default");

	E("2026-11-21 20:24:15.502 UTC [4290] ERROR:  relation \"x\" does not "
	    "exist", "ERROR", "postgres");
	E("2026-11-21 20:24:13.452 UTC [4253] LOG:  database system is ready "
	    "to "
	  "accept connections",
	    "INFO", "postgres");
	E("2026-11-21 20:24:15.463 UTC [4288] FATAL:  role \"x\" does not "
	    "exist",
	    "ERROR", "postgres");
	E("2026-11-21 20:24:13.415 UTC [4251] FATAL:  data directory \"/pg\" "
	    "has "
	  "invalid permissions",
	    "FATAL", "postgres");
	E("NOTICE:  relation \"t\" already exists, skipping", "NOTICE",
	    "postgres");
	E("2026-11-21 20:24:19.034 UTC [1] HINT:  Consider increasing "
	    "max_wal_size.",
	    "INFO", "postgres");

	E("4381:M 21 Nov 2026 20:24:20.138 * Ready to accept connections",
	    "INFO", "redis");
	E("4381:M 21 Nov 2026 20:24:21.133 - Accepted 127.0.0.1:35698", "DEBUG",
	    "redis");
	E("4381:M 21 Nov 2026 20:24:20.137 # WARNING overcommit_memory is 0",
	    "WARN", "redis");
	E("2026-11-21 20:24:28.398909 W | auth: simple token is not signed",
	    "WARN", "capnslog");
	E("+ echo hello", "TRACE", "xtrace");
	E("openat(AT_FDCWD, \"/x\", O_RDONLY) = -1 ENOENT (No such file or "
	    "directory)", "TRACE", "strace");
	E("+++ exited with 1 +++", "TRACE", "strace");
	E("> GET / HTTP/1.1", "DEBUG", "curl-verbose");
	E("==30938== ERROR SUMMARY: 3 errors from 3 contexts", "ERROR",
	    "valgrind");
	E("==30938== ERROR SUMMARY: 0 errors from 0 contexts (suppressed: 0)",
	    "INFO", "valgrind");
	E("assert: assert.c:5: main: Assertion `n >= 0' failed.", "FATAL",
	    "crash");
	E("*** stack smashing detected ***: terminated", "FATAL", "crash");
	E("bash: line 1: 30937 Segmentation fault      ./segv", "FATAL",
	    "crash");
	E("Usage: sed [OPTION]... {script} [input-file]...", "INFO", "usage");
}

static void
negatives(void)
{
	E("fetched 42 rows, 0 errors", "INFO", "default");
	E("backup finished: 0 errors, 1532 files", "INFO", "default");
	E("job 12 done in 0.3s, no errors found", "INFO", "default");
	E("No errors found in 120 records", "INFO", "default");
	E("compaction done, error_count=0", "INFO", "default");
	E("root logger message: errors: none", "INFO", "default");
	E("request handled, errors=0", "INFO", "default");
	E("{\"msg\":\"ready\",\"errors\": 0}", "INFO", "default");
	E("referrer header checked", "INFO", "default");
	E("terror-level keyword filter reloaded", "INFO", "default");
	E("failover to replica db2 completed", "INFO", "default");
	E("  -i, --ignore-errors         Ignore errors from recipes.", "INFO",
	    "usage");
	E("  --warn-undefined-variables  Warn when an undefined variable is "
	    "used.",
	    "INFO", "usage");
	E("  -q            : suppress non-error messages during testing",
	    "INFO", "usage");
	E("sent 4 of 5 packets, error rate 0.0", "ERROR", "keyword:error");
	E("gpg: Total number processed: 0", "INFO", "default");
	E("see /var/log/nginx/error.log for details", "INFO", "default");
	E("writing /var/log/nginx/error.log", "INFO", "default");
	E("4 out of 5 tests passed", "INFO", "default");
	E("the build is error-free", "INFO", "default");
	E("completed without errors", "INFO", "default");
}

static void
keywords(void)
{
	E("upload failed", "ERROR", "keyword:error");
	E("permission denied on /srv/out", "ERROR", "keyword:error");
	E("can't open config", "ERROR", "keyword:error");
	E("could not connect to server", "ERROR", "keyword:error");
	E("unable to allocate buffer", "ERROR", "keyword:error");
	E("the option --old is deprecated", "WARN", "keyword:warn");
	E("connection refused, retrying in 2s", "WARN", "keyword:retry");
	E("gzip: plain.txt: unknown suffix -- ignored", "WARN",
	    "keyword:recovered");
	E("No stash entries found.", "ERROR", "keyword:not-found");
	E("Redis 7.0.15 crashed by signal: 11", "FATAL", "crash");
	E("listening on 127.0.0.1:8080", "INFO", "default");
}

static void
syslog_claims(void)
{
	S(3, "cannot open /var/lib/x: permission denied", "ERROR", "syslog");
	S(3, "connection reset by peer, retrying in 2s", "WARN",
	    "syslog>keyword:retry");
	S(6, "listening on 127.0.0.1:8000", "INFO", "syslog");
	S(6, "failed adding user 'x', exit code: 9", "ERROR",
	    "syslog>keyword:error");
	S(6, "backup finished: 0 errors, 1532 files", "INFO", "syslog");
	S(4, "Server initialized", "INFO", "syslog>keyword:lifecycle");
	S(4, "snapshot older than 2 days", "WARN", "syslog");
	S(1, "keyword filter reloaded", "INFO", "syslog>keyword:lifecycle");
	S(2, "out of file descriptors, exiting", "FATAL",
	    "syslog>keyword:exit");
	S(2, "array md0 degraded, disk sdb failed", "ERROR", "syslog");
	S(0, "filesystem /data remounted read-only", "ERROR",
	    "syslog>no-exit");
	S(7, "pam_limits: Could not set limit: Operation not permitted", "WARN",
	    "syslog>keyword:error");
	S(7, "checksum of block 17 ok", "DEBUG", "syslog");
	S(5, "release 4.2 activated", "NOTICE", "syslog");
	S(6, "Invalid user admin from 203.0.113.9 port 40122", "NOTICE",
	    "syslog>keyword:audit");
	S(3, "error: kex_exchange_identification: client sent invalid protocol "
	    "identifier", "WARN", "syslog>keyword:client");
	S(4, "[5-1] 2026-11-21 20:24:19.012 UTC [4359] ERROR:  relation \"x\" "
	    "does not exist", "ERROR", "syslog>postgres");

	/* crit keeps its own number */
	wl_classify_forget();
	struct wl_event ev = run(WL_SRC_SYSLOG, 2, "disk sdb failed", 15);
	ok(ev.severity == WL_SEV_CRIT, "syslog crit stays severity 18");
}

static void
prefix(void)
{
	struct wl_event ev;
	const char *m;

	wl_classify_forget();
	ev = run(WL_SRC_STDERR, -1, "<3>disk sdb failed", 18);
	m = page + pagesz - 18;
	ok(ev.msg == m + 3 && ev.msg_len == 15 && ev.severity == WL_SEV_ERROR &&
	        strcmp(ev.decided_by, "sd-daemon") == 0 && ev.orig_pri == 3,
	    "<3> is stripped and gives ERROR by sd-daemon, priority 3 kept as the program's");
	ev = run(
	    WL_SRC_STDERR, -1, "<27>Unit x has a bad unit file setting.", 39);
	ok(ev.msg_len == 35 && memcmp(ev.msg, "Unit", 4) == 0 &&
	    ev.severity == WL_SEV_ERROR && ev.orig_pri == 3,
	    "<27> (facility 3, level 3) is stripped and gives ERROR");
	ev = run(WL_SRC_STDERR, -1, "<31>Reading config file \"/x\"", 28);
	ok(ev.msg_len == 24 && ev.severity == WL_SEV_DEBUG,
	    "<31> gives DEBUG");
	ev = run(WL_SRC_STDERR, -1,
	    "<29>x.service: Unit configuration has fatal "
	    "error, unit will not be started.",
	    77);
	ok(ev.severity == WL_SEV_ERROR &&
	    strcmp(ev.decided_by, "sd-daemon>keyword:error") == 0,
	    "a notice prefix on a fatal configuration error is overridden");
	ev = run(WL_SRC_STDERR, -1, "<6>", 3);
	ok(ev.msg_len == 0 && ev.severity == WL_SEV_INFO,
	    "a bare prefix leaves an empty INFO message");
	ev = run(WL_SRC_STDERR, -1, "<200>x", 6);
	ok(ev.msg_len == 6 && ev.orig_pri == -1,
	    "<200> is no syslog priority and stays");
	ev = run(WL_SRC_SYSLOG, 6, "<3>x", 4);
	ok(ev.msg_len == 4, "a syslog message keeps a leading <3>");
	ev = run(WL_SRC_STDERR, -1, "<warning> low disk", 18);
	ok(ev.msg_len == 18 && ev.severity == WL_SEV_WARN,
	    "<warning> is a bracketed level, not a prefix");
}

static void
continuation(void)
{
	struct wl_event ev;

	wl_classify_forget();
	run(WL_SRC_STDERR, -1, "f.c:7:21: error: 'p' has no member 'z'", 38);
	ev = run(WL_SRC_STDERR, -1, "    7 |     printf(\"%d\", p.z);", 29);
	ok(ev.severity == WL_SEV_ERROR &&
	    strcmp(ev.decided_by, "continuation") == 0,
	    "a source excerpt takes the level of its diagnostic");
	ev = run(WL_SRC_STDERR, -1, "      |           ^", 19);
	ok(ev.severity == WL_SEV_ERROR, "and so does its caret line");
	run(WL_SRC_STDERR, -1, "f.c:10:9: note: 'n' was declared here", 37);
	ev = run(WL_SRC_STDERR, -1, "   10 |     int n;", 18);
	ok(ev.severity == WL_SEV_INFO, "a note's excerpt is INFO");
	ev = run(WL_SRC_STDERR, -1, "    Finished `dev` profile in 0.17s", 35);
	ok(ev.severity == WL_SEV_INFO, "a right-aligned status line stands "
	    "alone");
	run(WL_SRC_STDERR, -1, "Traceback (most recent call last):", 34);
	ev = run(WL_SRC_STDERR, -1, "  File \"x.py\", line 3, in <module>", 34);
	ok(ev.severity == WL_SEV_FATAL, "a traceback's frames are FATAL too");
	run(WL_SRC_STDERR, -1, "2026-11-21 20:24:15.502 UTC [4290] ERROR:  x",
	    44);
	ev = run(WL_SRC_STDERR, -1,
	    "2026-11-21 20:24:15.502 UTC [4290] STATEMENT:  select 1/0", 57);
	ok(ev.severity == WL_SEV_ERROR, "a STATEMENT line follows its ERROR");
	wl_classify_forget();
	ev = run(WL_SRC_STDERR, -1, "    7 |     printf(\"%d\", p.z);", 29);
	ok(ev.severity == WL_SEV_INFO, "with nothing before, an indented line "
	    "is INFO");
}

static void
records(void)
{
	static const char tb[] = "Traceback (most recent call last):\n"
	    "  File \"<string>\", line 1, in <module>\nKeyboardInterrupt";
	static const char syn[] = "  File \"x.py\", line 1\n    def f(:\n"
	    "          ^\nSyntaxError: invalid syntax";
	static const char th[] =
	    "Exception in thread fetcher:\nTraceback (most "
	    "recent call last):\n  File \"x.py\", line 3, in work\n"
	    "ConnectionResetError: peer closed the connection";
	static const char ke[] = "Traceback (most recent call last):\n  File "
	    "\"x.py\", line 3, in <module>\nKeyError: 'k'";
	static const char logged[] = "ERROR:stats:could not compute mean\n"
	    "Traceback (most recent call last):\n  File \"x.py\", line 4\n"
	    "ZeroDivisionError: division by zero";
	static const char gp[] = "panic: invalid worker count 0\n\ngoroutine 1 "
	    "[running]:\nmain.main()\n\t/x/main.go:15 +0x79";

	E(tb, "NOTICE", "python-traceback");
	E(syn, "ERROR", "python-traceback");
	E(th, "ERROR", "python-traceback");
	E(ke, "FATAL", "python-traceback");
	E(logged, "ERROR", "python");
	E(gp, "FATAL", "go-panic");
}

static void
bytes(void)
{
	/* A NUL never ends a message. */
	E("disk\0 failed", "ERROR", "keyword:error");
	E("\0\0\0", "INFO", "default");
	E("ok\0\0", "INFO", "default");
	expect(WL_SRC_STDERR, -1, "", 0, "INFO", "default");
	expect(WL_SRC_SYSLOG, 3, "", 0, "ERROR", "syslog");

	/* Cut anywhere, the detectors stop at msg_len (a read past it
	 * would fault on the guard page). */
	static const char *const whole[] = {
		"{\"level\":\"error\",\"msg\":\"x\"}",
		"level=\"warn\" msg=\"x\"",
		"2026/11/21 12:00:00 [error] 1#1: *1 open() failed, client: x",
		"2026-11-21 20:24:15.502 UTC [4290] ERROR:  x",
		"E1121 12:00:00.123456 1234 f.cc:1] x",
		"[Sat Nov 21 12:00:00.123456 2026] [core:error] [pid 1] x",
		"4381:M 21 Nov 2026 20:24:20.137 # WARNING x",
		"thread 'main' (1) panicked at x",
		"==1== ERROR SUMMARY: 3 errors",
		"f.c:3:7: warning: can't do x: No such file",
		"<27>Unit x failed",
		"Traceback (most recent call last):\n  File \"x\"\nKeyError: 1",
		"x.go:5: open /x: no such file or directory",
		"node:fs:448\n  x\n  ^\n\nError: y\n    at z\n\nNode.js v20",
	};
	int cuts = 0, all = 0;
	for (size_t k = 0; k < sizeof(whole) / sizeof(whole[0]); k++) {
		size_t len = strlen(whole[k]);
		for (size_t cut = 0; cut <= len; cut++) {
			wl_classify_forget();
			struct wl_event ev =
			    run(WL_SRC_STDERR, -1, whole[k], cut);
			all++;
			cuts += ev.decided_by != NULL && ev.severity >= 1 &&
			    ev.severity <= 24;
		}
	}
	ok(cuts == all, "every prefix of every format classifies without "
	    "reading past msg_len");
}

/* The letters of WORD packed as the scanner packs them (detect_scan.h). */
static void
pack(const char *word, uint64_t *key, uint64_t *tail)
{
	*key = *tail = 0;
	for (size_t i = 0; word[i] != '\0'; i++) {
		uint64_t c = (unsigned char)word[i] | 0x20;
		if (i < 8)
			*key |= c << (8 * i);
		else
			*tail |= c << (8 * (i - 8));
	}
}

/* The keyword table and the block-wise word scanner. */
static void
scanner(void)
{
	const char *word;
	enum wl_kw kw;
	uint64_t key, tail;
	int found = 0, all = 0;

	for (size_t k = 0; wl_vocab_entry(k, &word, &kw); k++) {
		pack(word, &key, &tail);
		all++;
		found += wl_vocab_lookup(key, tail, strlen(word)) == kw;
	}
	ok(all > 150 && found == all, "every keyword of the vocabulary is "
	    "found in the table");
	static const char *const no[] = { "referrer", "errorx", "erro",
		"checksumss", "uninitializ", "warningwarning", "x", "" };
	int none = 0;
	for (size_t k = 0; k < sizeof(no) / sizeof(no[0]); k++) {
		pack(no[k], &key, &tail);
		none += wl_vocab_lookup(key, tail, strlen(no[k])) == KW_NONE;
	}
	ok(none == (int)(sizeof(no) / sizeof(no[0])), "words that only "
	    "look like keywords are none");
	pack("uninitialised", &key, &tail);
	ok(wl_vocab_lookup(key, tail, 13) == KW_WARN, "a 13-letter keyword "
	    "is told by its last five letters");

	/* 60 bytes of padding put the words below astride offset 64 */
	char line[400];
	const char *pad = "pad pad pad pad pad pad pad pad pad pad pad pad "
	    "pad pad pad ";
#define L(level, by, ...) (snprintf(line, sizeof(line), __VA_ARGS__), \
	expect(WL_SRC_STDERR, -1, line, strlen(line), level, by))
	L("ERROR", "keyword:error", "%serror in the middle", pad);
	L("INFO", "default", "%s 0 errors", pad);
	L("INFO", "default", "%sxx0 errors", pad);
	L("ERROR", "keyword:error", "%s10 errors", pad);
	L("ERROR", "keyword:error", "%sno such file", pad);
	L("DEBUG", "keyword:detail", "2026-11-21 %s[term: 0, commit: 0, "
	    "applied: 0]", pad);
	L("INFO", "default", "2026-11-21 %s[term: 0, commit: 0]", pad);
	char *p = line;
	for (int k = 0; k < 150; k++)
		*p++ = (char)('a' + k % 26);
	strcpy(p, " failed");
	expect(WL_SRC_STDERR, -1, line, strlen(line), "ERROR",
	    "keyword:error");
#undef L
	E("connection reset by peer", "ERROR", "keyword:error");
	E("connection 5 reset", "INFO", "default");
	E("there was no more work found", "ERROR", "keyword:not-found");
	E("there was no more work (none found)", "INFO", "default");
	E("there was no more work; none found", "INFO", "default");
}

/* MSG (stderr, or syslog at PRI) through the memo: its verdict, and in
 * *HIT whether the memo gave it. */
static struct wl_event
via_memo(int source, int pri, const char *msg, bool *hit)
{
	struct wl_event ev;
	struct wl_memo m;
	size_t len = strlen(msg);
	const char *p = fenced(msg, len);
	wl_event_init(&ev, source, "test", p, len);
	ev.orig_pri = pri;
	wl_memo_key(&m, p, len);
	wl_classify_memo(&ev, &m);
	*hit = m.decided_len != 0;
	return ev;
}

/* Do A twice (the line before is part of the key: the second is A after
 * A, as in a flood), then B, through the memo: do they get the levels
 * plain classification gives them (LA, LB), with B's taken from the
 * memo exactly when B_FROM_MEMO? */
static bool
pair(const char *a, const char *b, const char *la, const char *lb,
    bool b_from_memo)
{
	bool hit_a, hit_b;
	wl_classify_forget();
	wl_memo_forget();
	(void)via_memo(WL_SRC_STDERR, -1, a, &hit_a);
	struct wl_event ea = via_memo(WL_SRC_STDERR, -1, a, &hit_a);
	struct wl_event eb = via_memo(WL_SRC_STDERR, -1, b, &hit_b);
	bool good = !hit_a && hit_b == b_from_memo &&
	    strcmp(wl_level_name(ea.severity), la) == 0 &&
	    strcmp(wl_level_name(eb.severity), lb) == 0;
	if (!good)
		printf("# '%s' %s%s, '%s' %s%s\n", a,
		    wl_level_name(ea.severity), hit_a ? " (memo)" : "", b,
		    wl_level_name(eb.severity), hit_b ? " (memo)" : "");
	return good;
}

/* A line of LEN bytes, '#'-padded, ending in the number N. */
static const char *
padded(char *buf, size_t len, int n)
{
	char num[16];
	int k = snprintf(num, sizeof(num), " %d", n);
	memset(buf, '#', len);
	memcpy(buf, "failed", 6);
	memcpy(buf + len - (size_t)k, num, (size_t)k);
	buf[len] = '\0';
	return buf;
}

/*
 * The command-line detector reads a line's first token sixteen bytes at a
 * time: names and locations of every length around that, and around the
 * 80 bytes a program's name may have.
 */
static void
lengths(void)
{
	char name[100], line[300];
	int good = 0, all = 0;
	for (int len = 1; len <= 90; len++) {
		memset(name, 'a', (size_t)len);
		name[len] = '\0';
		static const struct {
			const char *fmt, *short_by, *long_by;
		} cases[] = {
			{ "%s: error: disk full", "cli", "keyword:error" },
			{ "%s[12]: fatal: x", "cli", "keyword:error" },
			{ "%s.c:3:7: warning: x", "gcc", "gcc" },
		};
		for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
			snprintf(line, sizeof(line), cases[k].fmt, name);
			wl_classify_forget();
			struct wl_event ev = run(WL_SRC_STDERR, -1, line,
			    strlen(line));
			const char *want = len < 80 ? cases[k].short_by :
			    cases[k].long_by;
			all++;
			if (strcmp(ev.decided_by, want) == 0)
				good++;
			else
				printf("# '%s' by %s, want %s\n", line,
				    ev.decided_by, want);
		}
	}
	ok(good == all, "names and locations of 1 to 90 bytes: a program's "
	    "name is one of under 80 bytes, whatever its length");
}

static void
memo(void)
{
	char a[300], b[300];
	bool hit;

	ok(pair("retry 3 of 5 for /tmp/x12345", "retry 4 of 7 for /tmp/x99999",
	    "INFO", "INFO", true), "a line that differs from the one before "
	    "only in its digits takes the remembered verdict");
	ok(pair("WARN retry 3 of 5", "WARN retry 12 of 5", "WARN", "WARN",
	    false), "a line with more digits has a key of its own");
	ok(pair("build: 0 errors", "build: 3 errors", "INFO", "ERROR", false),
	    "\"0 errors\" is not remembered for \"3 errors\"");
	ok(pair("connect: errno=0", "connect: errno=5", "INFO", "ERROR",
	    false), "errno=0 is not remembered for errno=5");
	ok(pair("<6>unit started", "<3>unit started", "INFO", "ERROR", false),
	    "an sd-daemon prefix's value is not remembered");
	ok(pair("level=6 msg=\"x\"", "level=3 msg=\"x\"", "INFO", "ERROR",
	    false), "a numeric logfmt level is not remembered");
	ok(pair("{\"level\":30,\"msg\":\"x\"}", "{\"level\":50,\"msg\":\"x\"}",
	    "INFO", "ERROR", false), "a numeric JSON level is not remembered");
	ok(pair("==12== ERROR SUMMARY: 0 errors from 0 contexts",
	    "==12== ERROR SUMMARY: 3 errors from 1 contexts", "INFO", "ERROR",
	    false), "valgrind's counts are not remembered");
	ok(pair("found errors: 0 in 3 runs", "found errors: 1 in 3 runs",
	    "INFO", "ERROR", false), "\"errors: 0\" is not remembered for "
	    "\"errors: 1\"");

	/* The level of the line before is part of the key: an indented
	 * line continues it. */
	wl_classify_forget();
	wl_memo_forget();
	(void)via_memo(WL_SRC_STDERR, -1, "fatal: cannot open x", &hit);
	struct wl_event e1 = via_memo(WL_SRC_STDERR, -1, "    at line 3", &hit);
	(void)via_memo(WL_SRC_STDERR, -1, "note: retrying", &hit);
	struct wl_event e2 = via_memo(WL_SRC_STDERR, -1, "    at line 4", &hit);
	ok(e1.severity == WL_SEV_ERROR && e2.severity == WL_SEV_INFO && !hit,
	    "a continuation line after another level is not taken from the "
	    "memo");
	/* So is the syslog priority. */
	wl_memo_forget();
	(void)via_memo(WL_SRC_SYSLOG, 6, "job 12 done", &hit);
	e1 = via_memo(WL_SRC_SYSLOG, 3, "job 13 done", &hit);
	ok(e1.severity == WL_SEV_ERROR && !hit, "the same line at another "
	    "priority is not taken from the memo");

	/* Keys of every length around the sixteen-byte chunks. */
	int good = 0, all = 0;
	for (size_t len = 13; len <= 50; len++) {
		wl_classify_forget();
		wl_memo_forget();
		(void)via_memo(WL_SRC_STDERR, -1, padded(a, len, 7), &hit);
		(void)via_memo(WL_SRC_STDERR, -1, padded(a, len, 7), &hit);
		bool h1 = hit;
		struct wl_event e = via_memo(WL_SRC_STDERR, -1,
		    padded(b, len, 3), &hit);
		all++;
		if (!h1 && hit && e.severity == WL_SEV_ERROR)
			good++;
		else
			printf("# %zu bytes: '%s' %s\n", len, b,
			    wl_level_name(e.severity));
	}
	ok(good == all, "lines of 13 to 50 bytes are found again by their "
	    "keys, whatever their length");

	/* Not in a signal handler that interrupted the library, and not a
	 * line longer than the memo keeps. */
	struct wl_memo m;
	wl_guard_depth = 2;
	wl_memo_key(&m, "x 1", 3);
	wl_guard_depth = 0;
	memset(a, 'x', WL_MEMO_MAX + 1);
	wl_memo_key(&m, a, WL_MEMO_MAX + 1);
	bool longer = m.slot == NULL;
	wl_guard_depth = 2;
	wl_memo_key(&m, "x 1", 3);
	wl_guard_depth = 0;
	ok(longer && m.slot == NULL, "the memo is not used in a nested signal "
	    "handler, nor for a line longer than it keeps");
}

/*
 * Floods of generated lines, each a few variants that differ only in
 * their digits, through the memo and through the plain classifier: the
 * verdicts must be the same, line by line.
 */
static void
memo_floods(void)
{
	static const char *const pieces[] = { "retry ", "3 ", "of ", "0 ",
		"errors", " failed", "errno=", "13 ", "<3>", "level=", "30 ",
		"msg=\"x\" ", "==7== ", "ERROR SUMMARY: ", "2026-11-21 ",
		"20:01:02 ", "[main] ", "WARN ", "E1121 ", "x.c:3: ", "ls: ",
		"0x1f ", "no such file", "    ", "{\"level\":", "50}",
		"connection ", "reset", "4 out of ", "memory", ": 0", "=0 " };
	enum { N = 6000 };
	static char lines[N][200];
	static uint8_t plain[N];
	static const char *plain_by[N];
	unsigned seed = 4242;
	int i = 0;
	while (i < N) {
		char base[200];
		size_t len = 0;
		seed = seed * 1103515245 + 12345;
		int np = 1 + (int)(seed >> 16) % 6;
		for (int p = 0; p < np; p++) {
			seed = seed * 1103515245 + 12345;
			const char *pc = pieces[(seed >> 16) %
			    (sizeof(pieces) / sizeof(pieces[0]))];
			size_t pl = strlen(pc);
			if (len + pl < sizeof(base)) {
				memcpy(base + len, pc, pl);
				len += pl;
			}
		}
		base[len] = '\0';
		seed = seed * 1103515245 + 12345;
		int variants = 2 + (int)(seed >> 16) % 4;
		for (int v = 0; v < variants && i < N; v++, i++) {
			for (size_t k = 0; k <= len; k++) {
				char c = base[k];
				if (c >= '0' && c <= '9') {
					seed = seed * 1103515245 + 12345;
					c = (char)('0' + (seed >> 16) % 10);
				}
				lines[i][k] = c;
			}
		}
	}
	wl_classify_forget();
	for (int k = 0; k < N; k++) {
		struct wl_event ev = run(WL_SRC_STDERR, -1, lines[k],
		    strlen(lines[k]));
		plain[k] = ev.severity;
		plain_by[k] = ev.decided_by;
	}
	wl_classify_forget();
	wl_memo_forget();
	int same = 0, hits = 0;
	for (int k = 0; k < N; k++) {
		bool hit;
		struct wl_event ev = via_memo(WL_SRC_STDERR, -1, lines[k], &hit);
		hits += hit;
		if (ev.severity == plain[k] && ev.decided_by == plain_by[k])
			same++;
		else
			printf("# '%s': %s by %s, plainly %s by %s\n", lines[k],
			    wl_level_name(ev.severity), ev.decided_by,
			    wl_level_name(plain[k]), plain_by[k]);
	}
	ok(same == N && hits > N / 4, "over %d generated lines in floods, the "
	    "memo gives the plain classifier's verdict every time (%d from "
	    "the memo)", N, hits);
}

/* The masks of the last HAVE bytes of a message, read where they are
 * (never past the end), are those of the same bytes in a zeroed 64-byte
 * block, whether or not sixteen bytes before the end may be read; and
 * they are, byte by byte, its letters, its ':' and '=', its blanks. */
static void
block_masks(void)
{
	int bad = 0, wrong = 0;
	for (size_t have = 1; have <= 64; have++) {
		unsigned char blk[64], msg[80];
		memset(blk, 0, sizeof(blk));
		for (size_t j = 0; j < sizeof(msg); j++)
			msg[j] = (unsigned char)"= a"[j % 3];
		for (size_t j = 0; j < have; j++)
			blk[j] = (unsigned char)"a:=Z 9= \t"[(j * 3 + have) %
			    9];
		memcpy(msg + 16, blk, have);
		struct wl_bytes all, back, here;
		wl_bytes64(blk, &all);
		wl_bytes_at(msg + 16, have, 1, &back);
		wl_bytes_at(msg + 16, have, 0, &here);
		bad += all.alpha != back.alpha || all.punct != back.punct ||
		    all.blank != back.blank || all.alpha != here.alpha ||
		    all.punct != here.punct || all.blank != here.blank;
		uint64_t alpha = 0, punct = 0, blank = 0;
		for (size_t j = 0; j < have; j++) {
			unsigned c = blk[j] | 0x20;
			alpha |= (uint64_t)(c >= 'a' && c <= 'z') << j;
			punct |= (uint64_t)(blk[j] == ':' || blk[j] == '=') << j;
			blank |= (uint64_t)(blk[j] == ' ') << j;
		}
		wrong += all.alpha != alpha || all.punct != punct ||
		    all.blank != blank;
	}
	ok(bad == 0, "a block's masks, read up to the message's end and no "
	    "further, are those of the block padded with zeros (%d lengths "
	    "differ)", bad);
	ok(wrong == 0, "a block's masks are its letters, its ':' and '=', "
	    "its blanks (%d lengths wrong)", wrong);
}

/* logfmt's keys and values are found sixteen bytes at a time: a key, a
 * value or a word of any length, ending anywhere around a 16-byte step
 * or at the end of the message (the guard page), reads the same. */
static void
logfmt_steps(void)
{
	int bad = 0, all = 0;
	for (size_t a = 0; a <= 40; a++)
		for (size_t b = 0; b <= 40; b += 3)
			for (int form = 0; form < 3; form++) {
				char buf[200];
				size_t k = 0;
				for (size_t j = 0; j < a; j++)
					buf[k++] = "ab_.-@9Z"[j % 8];
				buf[k++] = form == 2 ? ' ' : '=';
				for (size_t j = 0; j < b; j++)
					buf[k++] = "x:/=0.\"-"[j % 8];
				const char *tail = form == 1 ?
				    "\tlevel=error" : " level=error";
				memcpy(buf + k, tail, strlen(tail));
				k += strlen(tail);
				wl_classify_forget();
				struct wl_event ev = run(WL_SRC_STDERR, -1, buf,
				    k);
				all++;
				bad += ev.severity != WL_SEV_ERROR ||
				    strcmp(ev.decided_by, "logfmt") != 0;
			}
	ok(bad == 0, "a logfmt level after a key, a value or a word of any "
	    "length is found, up to the message's last byte (%d of %d "
	    "missed)", bad, all);
}

/* A JSON string's end is found sixteen bytes at a time: escaped quotes
 * and backslashes anywhere around a 16-byte step, and a string cut off
 * at the message's end (the guard page), read as byte by byte. */
static void
json_steps(void)
{
	int bad = 0, all = 0;
	for (size_t a = 0; a <= 40; a++)
		for (size_t esc = 0; esc <= 40; esc += 5)
			for (int cut = 0; cut < 2; cut++) {
				char buf[200];
				size_t k = 0;
				memcpy(buf, "{\"msg\":\"", 8);
				k = 8;
				for (size_t j = 0; j < a; j++) {
					if (j == esc && j + 1 < a) {
						buf[k++] = '\\';
						buf[k++] = j % 2 ? '"' : '\\';
						j++;
					} else
						buf[k++] = "ok x\x01/"[j % 6];
				}
				const char *tail = "\",\"level\":\"error\"}";
				if (!cut) {
					memcpy(buf + k, tail, strlen(tail));
					k += strlen(tail);
				}
				wl_classify_forget();
				struct wl_event ev = run(WL_SRC_STDERR, -1, buf,
				    k);
				all++;
				bad += cut ? ev.decided_by == NULL ||
				    strcmp(ev.decided_by, "json") == 0 :
				    ev.severity != WL_SEV_ERROR ||
				    strcmp(ev.decided_by, "json") != 0;
			}
	ok(bad == 0, "a JSON level after a message string of any length, "
	    "with escapes anywhere, is found; a string cut off at the end "
	    "decides nothing (%d of %d wrong)", bad, all);
}

/* wl_span_lower() gives wl_span()'s answer for every run length, start
 * and limit around its 16-byte steps, and reads nothing past the end
 * (the message ends at the guard page). */
static void
spans(void)
{
	static const char stops[] = { ' ', '(', 'A', '_', '9', '`', '{',
		'/', (char)0xe2, '\0' };
	for (int sys = 0; sys <= 1; sys++) {
		int bad = 0, all = 0;
		char buf[48];
		for (size_t n = 0; n <= sizeof(buf); n++)
			for (size_t run = 0; run <= n; run++)
				for (size_t k = 0; k < sizeof(stops); k++) {
					for (size_t j = 0; j < n; j++)
						buf[j] = j < run ?
						    "az_09qm"[(j * 5 + sys) % 7] :
						    stops[(k + j) % sizeof(stops)];
					if (!sys)
						for (size_t j = 0; j < run; j++)
							if (buf[j] == '_' ||
							    (buf[j] >= '0' &&
							    buf[j] <= '9'))
								buf[j] = 'k';
					const char *f = fenced(buf, n);
					for (size_t i = 0; i <= n && i < 3; i++)
						for (size_t lim = 0; lim <= n;
						    lim++) {
							unsigned c = sys ?
							    WL_C_SYSCALL :
							    WL_C_LOWER;
							all++;
							bad += wl_span_lower(f,
							    n, i, lim, sys) !=
							    wl_span(f, lim, i,
							    c);
						}
				}
		ok(bad == 0 && all > 0, "the %s run found sixteen bytes at a "
		    "time ends where the byte-by-byte one does, at every "
		    "length, start and limit (%d of %d differ)",
		    sys ? "system call name" : "lower-case", bad, all);
	}
}

int
main(void)
{
	pagesz = (size_t)sysconf(_SC_PAGESIZE);
	page = mmap(NULL, 2 * pagesz, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED ||
	    mprotect(page + pagesz, pagesz, PROT_NONE) != 0) {
		printf("1..0 # skip cannot map a guard page\n");
		return 0;
	}
	printf("1..%d\n", PLAN);
	detectors();
	negatives();
	keywords();
	syslog_claims();
	prefix();
	continuation();
	records();
	bytes();
	spans();
	block_masks();
	logfmt_steps();
	json_steps();
	scanner();
	lengths();
	memo();
	memo_floods();
	return tap_done(PLAN);
}
