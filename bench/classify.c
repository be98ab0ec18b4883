/*
 * classify.c - time the classification stage alone: wl_classify() over
 * the lines of a corpus, in nanoseconds per line.
 *
 *   classify [-n CALLS] [CORPUS]
 *
 * CORPUS is a TAB-separated file of level, source, program and message
 * (t/corpus/lines.tsv; lines starting with # are comments; the message
 * has \t, \n and \\ escapes).  Without one, a fixed set of realistic
 * lines built in below is used.  The events are set up as the pipeline
 * hands them to the classifier (pipeline.c, hook_syslog.c): source, api,
 * message, and for syslog lines the ident, facility and priority (the
 * corpus gives it as "prio|message", as t/unit/corpus.c reads it); the
 * context fields come later (enrich), so they are empty here.  The lines
 * are classified round after round until CALLS calls (default 2,000,000)
 * have been made; the report is one line of key=value pairs on stdout.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include "classify.h"
#include "event.h"
#include "level.h"

/* Used when there is no corpus file: level, source, program, message. */
static const char *const builtin[] = {
	"INFO\tstderr\tnginx\t2026/11/21 20:01:02 [notice] 812#812: start worker processes",
	"ERROR\tstderr\tnginx\t2026/11/21 20:01:03 [error] 813#813: *1 open() \"/var/www/html/favicon.ico\" failed (2: No such file or directory), client: 10.0.0.7, server: _, request: \"GET /favicon.ico HTTP/1.1\"",
	"WARN\tstderr\tnginx\t2026/11/21 20:01:04 [warn] 813#813: *9 an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/1/00/0000000001",
	"ERROR\tstderr\tnginx\t2026/11/21 20:01:05 [crit] 813#813: *12 connect() to unix:/run/php/php-fpm.sock failed (13: Permission denied)",
	"INFO\tstderr\tpostgres\t2026-11-21 20:01:02.123 UTC [901] LOG:  database system is ready to accept connections",
	"ERROR\tstderr\tpostgres\t2026-11-21 20:01:06.481 UTC [944] ERROR:  relation \"users\" does not exist at character 15",
	"INFO\tstderr\tpostgres\t2026-11-21 20:01:06.481 UTC [944] STATEMENT:  select * from users;",
	"FATAL\tstderr\tpostgres\t2026-11-21 20:01:07.002 UTC [950] FATAL:  password authentication failed for user \"app\"",
	"WARN\tstderr\tpostgres\t2026-11-21 20:01:08.310 UTC [903] WARNING:  checkpoints are occurring too frequently (9 seconds apart)",
	"INFO\tstderr\tpostgres\t2026-11-21 20:01:08.310 UTC [903] HINT:  Consider increasing the configuration parameter \"max_wal_size\".",
	"INFO\tsyslog\tsshd\tServer listening on 0.0.0.0 port 22.",
	"INFO\tsyslog\tsshd\tAccepted publickey for deploy from 10.0.0.5 port 53122 ssh2: ED25519 SHA256:Zx3k9",
	"INFO\tsyslog\tsshd\tInvalid user admin from 203.0.113.9 port 40122",
	"NOTICE\tsyslog\tsshd\terror: maximum authentication attempts exceeded for root from 203.0.113.9 port 40188 ssh2 [preauth]",
	"INFO\tsyslog\tsshd\tpam_unix(sshd:session): session opened for user deploy(uid=1000) by (uid=0)",
	"INFO\tsyslog\tCRON\t(root) CMD (test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily ))",
	"INFO\tsyslog\tsudo\tdeploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/systemctl restart app",
	"ERROR\tsyslog\tsudo\tpam_unix(sudo:auth): authentication failure; logname=deploy uid=1000 euid=0 tty=/dev/pts/0 ruser=deploy rhost=  user=deploy",
	"INFO\tsyslog\tdnsmasq\tstarted, version 2.89 cachesize 150",
	"INFO\tsyslog\tdnsmasq\tcompile time options: IPv6 GNU-getopt DBus no-UBus i18n IDN2 DHCP DHCPv6 no-Lua TFTP conntrack ipset nftset auth cryptohash DNSSEC loop-detect inotify dumpfile",
	"WARN\tsyslog\tdnsmasq\tfailed to access /etc/dnsmasq.d/extra.conf: No such file or directory",
	"ERROR\tsyslog\tdnsmasq\tfailed to create listening socket for port 53: Address already in use",
	"INFO\tsyslog\tdnsmasq-dhcp\tDHCPACK(eth0) 192.168.1.23 52:54:00:12:34:56 laptop",
	"INFO\tstderr\tredis-server\t1234:C 21 Nov 2026 20:01:02.000 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
	"WARN\tstderr\tredis-server\t1234:M 21 Nov 2026 20:01:02.003 # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition.",
	"INFO\tstderr\tredis-server\t1234:M 21 Nov 2026 20:01:02.004 * Ready to accept connections tcp",
	"INFO\tstderr\tredis-server\t1234:M 21 Nov 2026 20:06:02.100 * 100 changes in 300 seconds. Saving...",
	"ERROR\tstderr\tredis-server\t1240:C 21 Nov 2026 20:06:02.180 # Failed opening the temp RDB file temp-1240.rdb (in server root dir /var/lib/redis) for saving: Permission denied",
	"INFO\tstderr\tapp.py\tINFO:root:starting worker pool with 8 processes",
	"WARN\tstderr\tapp.py\tWARNING:urllib3.connectionpool:Retrying (Retry(total=2, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError'",
	"ERROR\tstderr\tapp.py\tERROR:app.db:query failed: could not connect to server: Connection refused",
	"ERROR\tstderr\tapp.py\tTraceback (most recent call last):",
	"ERROR\tstderr\tapp.py\t  File \"/srv/app/worker.py\", line 88, in run",
	"ERROR\tstderr\tapp.py\t    result = handler(job)",
	"ERROR\tstderr\tapp.py\tKeyError: 'customer_id'",
	"DEBUG\tstderr\tapp.py\tDEBUG:asyncio:Using selector: EpollSelector",
	"WARN\tstderr\tapp.py\t/srv/app/util.py:12: DeprecationWarning: datetime.utcnow() is deprecated and scheduled for removal in a future version.",
	"INFO\tstderr\tapp.py\t2026-11-21 20:01:02,123 INFO [scheduler] next run at 2026-11-21 20:02:00",
	"ERROR\tstderr\tapp.py\t{\"asctime\": \"2026-11-21 20:01:02,555\", \"levelname\": \"ERROR\", \"name\": \"billing\", \"message\": \"invoice 4411 failed\"}",
	"INFO\tstderr\tgoapp\t2026/11/21 20:01:02 listening on :8080",
	"FATAL\tstderr\tgoapp\t2026/11/21 20:01:02 listen tcp :8080: bind: address already in use",
	"ERROR\tstderr\tgoapp\tpanic: runtime error: invalid memory address or nil pointer dereference",
	"ERROR\tstderr\tgoapp\t[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a2f1c]",
	"ERROR\tstderr\tgoapp\tgoroutine 1 [running]:",
	"ERROR\tstderr\tgoapp\tmain.(*Server).handle(0x0, {0x5e2f80, 0xc000012345})",
	"INFO\tstderr\tgoapp\ttime=\"2026-11-21T20:01:02Z\" level=info msg=\"cache warmed\" entries=1024",
	"WARN\tstderr\tgoapp\ttime=\"2026-11-21T20:01:03Z\" level=warning msg=\"slow query\" duration=1.2s table=orders",
	"ERROR\tstderr\tgoapp\t{\"level\":\"error\",\"ts\":1795377662.123,\"caller\":\"api/handler.go:88\",\"msg\":\"request failed\",\"status\":502}",
	"INFO\tstderr\tetcd\t{\"level\":\"info\",\"ts\":\"2026-11-21T20:01:02.123Z\",\"caller\":\"embed/etcd.go:309\",\"msg\":\"starting an etcd server\"}",
	"WARN\tstderr\tetcd\t{\"level\":\"warn\",\"ts\":\"2026-11-21T20:01:09.001Z\",\"caller\":\"etcdserver/util.go:170\",\"msg\":\"apply request took too long\",\"took\":\"212ms\"}",
	"INFO\tstderr\tnode_exporter\tts=2026-11-21T20:01:02.123Z caller=node_exporter.go:180 level=info msg=\"Starting node_exporter\" version=1.5.0",
	"ERROR\tstderr\tnode_exporter\tts=2026-11-21T20:01:02.200Z caller=collector.go:169 level=error msg=\"collector failed\" name=hwmon err=\"open /sys/class/hwmon: permission denied\"",
	"INFO\tstderr\tjava\t20:01:02.123 [main] INFO  com.example.App - Started App in 3.21 seconds (JVM running for 3.9)",
	"WARN\tstderr\tjava\t20:01:05.456 [pool-1-thread-3] WARN  com.example.Cache - eviction took 512 ms",
	"ERROR\tstderr\tjava\t20:01:07.789 [http-nio-8080-exec-2] ERROR com.example.Api - request failed",
	"ERROR\tstderr\tjava\tjava.lang.IllegalStateException: connection pool exhausted",
	"ERROR\tstderr\tjava\t\tat com.example.db.Pool.borrow(Pool.java:88)",
	"ERROR\tstderr\tjava\t\tat com.example.Api.handle(Api.java:42)",
	"ERROR\tstderr\tjava\tCaused by: java.net.SocketTimeoutException: Read timed out",
	"WARN\tstderr\tjava\tSLF4J: No SLF4J providers were found.",
	"INFO\tstderr\tjava\tNov 21, 2026 8:01:02 PM org.apache.catalina.startup.Catalina start",
	"INFO\tstderr\tjava\tINFO: Server startup in [2345] milliseconds",
	"INFO\tstderr\tglog-app\tI1121 20:01:02.123456  4242 main.cc:42] Initialized with 16 shards",
	"WARN\tstderr\tglog-app\tW1121 20:01:03.000001  4242 shard.cc:88] shard 7 is lagging by 1500 ms",
	"ERROR\tstderr\tglog-app\tE1121 20:01:04.500000  4243 rpc.cc:210] RPC to backend-3 failed: DEADLINE_EXCEEDED",
	"FATAL\tstderr\tglog-app\tF1121 20:01:05.000000  4242 main.cc:99] Check failed: config != nullptr",
	"ERROR\tstderr\trustapp\tthread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: Os { code: 2, kind: NotFound, message: \"No such file or directory\" }', src/main.rs:14:37",
	"INFO\tstderr\trustapp\tnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
	"INFO\tstderr\trustapp\t[2026-11-21T20:01:02Z INFO  rustapp::server] listening on 127.0.0.1:3000",
	"WARN\tstderr\trustapp\t[2026-11-21T20:01:03Z WARN  rustapp::db] pool at 90% capacity",
	"ERROR\tstderr\tls\tls: cannot access '/nonexistent': No such file or directory",
	"ERROR\tstderr\tcp\tcp: cannot create regular file '/root/x': Permission denied",
	"ERROR\tstderr\tgrep\tgrep: /etc/shadow: Permission denied",
	"ERROR\tstderr\ttar\ttar: Exiting with failure status due to previous errors",
	"WARN\tstderr\ttar\ttar: Removing leading `/' from member names",
	"ERROR\tstderr\tgcc\tmain.c:12:5: error: implicit declaration of function 'frob' [-Werror=implicit-function-declaration]",
	"WARN\tstderr\tgcc\tmain.c:20:9: warning: unused variable 'x' [-Wunused-variable]",
	"INFO\tstderr\tgcc\tcompilation terminated.",
	"ERROR\tstderr\tmake\tmake: *** [Makefile:42: all] Error 1",
	"WARN\tstderr\tapt-get\tW: Some index files failed to download. They have been ignored, or old ones used instead.",
	"ERROR\tstderr\tapt-get\tE: Unable to locate package nosuchpackage",
	"INFO\tstderr\tcurl\t  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current",
	"ERROR\tstderr\tcurl\tcurl: (7) Failed to connect to localhost port 9 after 0 ms: Couldn't connect to server",
	"WARN\tstderr\tgpg\tgpg: WARNING: unsafe permissions on homedir '/root/.gnupg'",
	"ERROR\tstderr\tgpg\tgpg: decryption failed: No secret key",
	"INFO\tstderr\tdd\t1024+0 records in",
	"INFO\tstderr\tdd\t1048576 bytes (1.0 MB, 1.0 MiB) copied, 0.00312 s, 336 MB/s",
	"ERROR\tstderr\tvalgrind\t==4242== Invalid read of size 4",
	"ERROR\tstderr\tvalgrind\t==4242==    at 0x109182: main (bad.c:7)",
	"INFO\tstderr\tvalgrind\t==4242== All heap blocks were freed -- no leaks are possible",
	"ERROR\tstderr\tlegacy\tassertion \"n > 0\" failed: file \"queue.c\", line 71, function: pop",
	"ERROR\tstderr\tlegacy\tSegmentation fault (core dumped)",
	"ERROR\tstderr\tlegacy\t*** stack smashing detected ***: terminated",
	"INFO\tstderr\tlegacy\tdebug: entering state 3\\ttimer=250ms",
	"INFO\tstderr\tlegacy\tprocessed 1500 records in 2.31s (649 rec/s)",
	"INFO\tstderr\tlegacy\tOK",
	"ERROR\tsyslog\tkernel\tOut of memory: Killed process 4242 (java) total-vm:8123456kB, anon-rss:4012345kB",
	"WARN\tsyslog\tsystemd\tapp.service: Main process exited, code=exited, status=1/FAILURE",
	"ERROR\tsyslog\tsystemd\tFailed to start app.service - Example application.",
	"INFO\tsyslog\tsystemd\tStarted session-3.scope - Session 3 of User deploy.",
	"DEBUG\tsyslog\tdhclient\tDHCPREQUEST for 192.168.1.23 on eth0 to 192.168.1.1 port 67",
	"ERROR\tsyslog\tpostfix/smtp\t3F2A1C0042: to=<a@example.org>, relay=none, delay=30, status=deferred (connect to mx.example.org[192.0.2.1]:25: Connection timed out)",
	"FATAL\tsyslog\tlegacyd\tcannot open configuration '/etc/legacyd.conf': No such file or directory; exiting",
};

struct line {
	char *level, *source, *prog, *msg;
	size_t msg_len;
};

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (p == NULL) {
		fprintf(stderr, "classify: out of memory\n");
		exit(1);
	}
	return p;
}

/* Undo the message's escapes (\t, \n, \\) in place; returns the length. */
static size_t
unescape(char *s)
{
	char *o = s;

	for (char *p = s; *p != '\0'; p++) {
		if (p[0] == '\\' && (p[1] == 't' || p[1] == 'n' ||
		    p[1] == '\\')) {
			*o++ = p[1] == 't' ? '\t' : p[1] == 'n' ? '\n' : '\\';
			p++;
		} else
			*o++ = *p;
	}
	*o = '\0';
	return (size_t)(o - s);
}

/* Split one TSV record (modified in place); false if it is not one. */
static bool
parse(char *rec, struct line *l)
{
	char *f[4];
	int n = 0;

	rec[strcspn(rec, "\r\n")] = '\0';
	if (rec[0] == '#' || rec[0] == '\0')
		return false;
	f[n++] = rec;
	for (char *p = rec; *p != '\0' && n < 4; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	if (n < 4)
		return false;
	l->level = f[0];
	l->source = f[1];
	l->prog = f[2];
	l->msg = f[3];
	l->msg_len = unescape(f[3]);
	return true;
}

static size_t
load(const char *path, struct line **out)
{
	size_t n = 0, cap = 256;
	struct line *v = xrealloc(NULL, cap * sizeof(*v));

	if (path == NULL) {
		for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]);
		    i++) {
			char *rec = strdup(builtin[i]);
			if (rec == NULL || !parse(rec, &v[n]))
				continue;
			if (++n == cap)
				v = xrealloc(v, (cap *= 2) * sizeof(*v));
		}
		*out = v;
		return n;
	}
	FILE *fp = fopen(path, "r");
	if (fp == NULL) {
		fprintf(stderr, "classify: cannot open '%s': %s\n", path,
		    strerror(errno));
		exit(1);
	}
	char *rec = NULL;
	size_t rcap = 0;
	while (getline(&rec, &rcap, fp) >= 0) {
		if (!parse(rec, &v[n]))
			continue;
		rec = NULL;	/* the line keeps it */
		rcap = 0;
		if (++n == cap)
			v = xrealloc(v, (cap *= 2) * sizeof(*v));
	}
	fclose(fp);
	free(rec);
	*out = v;
	return n;
}

/* The syslog priority named [s, s + len) ("err", "warning"), or -1. */
static int
prio_value(const char *s, size_t len)
{
	static const char *const names[] = { "emerg", "alert", "crit", "err",
		"warning", "notice", "info", "debug" };
	for (int i = 0; i < 8; i++)
		if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
			return i;
	return -1;
}

/* The event as the pipeline hands it to wl_classify. */
static void
setup(struct wl_event *ev, const struct line *l)
{
	memset(ev, 0, offsetof(struct wl_event, fields));
	ev->msg = l->msg;
	ev->msg_len = l->msg_len;
	ev->facility = -1;
	ev->orig_pri = -1;
	if (strncmp(l->source, "syslog", 6) == 0) {
		/* The priority the program chose: the corpus records it
		 * as "prio|message" (t/corpus/README.md); the built-in
		 * lines have none, and the level they are given is the
		 * nearest there is. */
		int pri = -1;
		const char *bar = memchr(l->msg, '|', l->msg_len);
		if (bar != NULL)
			pri = prio_value(l->msg, (size_t)(bar - l->msg));
		if (pri >= 0) {
			ev->msg = bar + 1;
			ev->msg_len = l->msg_len - (size_t)(bar + 1 - l->msg);
		} else {
			int sev = wl_level_parse(l->level, strlen(l->level));
			pri = wl_level_to_syslog(sev != 0 ? sev : WL_SEV_INFO);
		}
		ev->source = WL_SRC_SYSLOG;
		ev->api = "syslog";
		ev->ident = l->prog;
		ev->ident_len = strlen(l->prog);
		ev->facility = LOG_USER >> 3;
		ev->orig_pri = pri;
	} else {
		ev->source = WL_SRC_STDERR;
		ev->api = "write";
	}
}

int
main(int argc, char **argv)
{
	long calls = 2000000;
	const char *path = NULL;
	struct line *lines;
	struct timespec t0, t1;
	unsigned long sum = 0;
	int i = 1;

	if (i + 1 < argc && strcmp(argv[i], "-n") == 0) {
		calls = strtol(argv[i + 1], NULL, 10);
		i += 2;
	}
	if (i < argc)
		path = argv[i++];
	if (i != argc || calls < 1) {
		fprintf(stderr, "usage: classify [-n CALLS] [CORPUS]\n");
		return 2;
	}
	size_t n = load(path, &lines);
	if (n == 0) {
		fprintf(stderr, "classify: no lines in '%s'\n",
		    path != NULL ? path : "(built in)");
		return 1;
	}
	struct wl_event *evs = xrealloc(NULL, n * sizeof(*evs));
	for (size_t k = 0; k < n; k++)
		setup(&evs[k], &lines[k]);

	long rounds = (calls + (long)n - 1) / (long)n;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long r = 0; r < rounds; r++)
		for (size_t k = 0; k < n; k++) {
			evs[k].severity = WL_SEV_NONE;
			wl_classify(&evs[k]);
			sum += evs[k].severity;
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	double ns = (double)(t1.tv_sec - t0.tv_sec) * 1e9 +
	    (double)(t1.tv_nsec - t0.tv_nsec);
	printf("corpus=%s lines=%zu rounds=%ld calls=%ld ns_per_line=%.1f "
	    "checksum=%lu\n", path != NULL ? path : "builtin", n, rounds,
	    rounds * (long)n, ns / ((double)rounds * (double)n), sum);
	return 0;
}
