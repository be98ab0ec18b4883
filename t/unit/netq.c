/*
 * t/unit/netq.c - unit test of the network sinks' queue (interpose/netq.c)
 * against real sockets served by this program: a TCP server that parses
 * RFC 6587 octet-counted frames, a UDP socket, and a unix datagram socket
 * standing in for journald.
 *
 * Checks: addresses refused with their message; a full queue drops and
 * counts exactly; the drop notice comes first on the connection, in the
 * sink's format, with a "dropped" field; framing of records with and
 * without newlines, and of one larger than a socket buffer; a fork child
 * starts empty and sends only its own records on its own connection; UDP
 * datagrams cut at a UTF-8 boundary; journal entries sent whole, and a
 * long one as a sealed memfd; a sink that cannot connect writes to stderr;
 * at exit, what could not be sent is summed up in one exact line.
 *
 * With arguments it is a driver for the end-to-end tests instead (see
 * driver() below).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "event.h"
#include "format.h"
#include "netq.h"
#include "proc.h"

#define PLAN 53

#include "tap.h"


static void
show(const char *what, const char *s, size_t n)
{
	printf("#   %s (%zu bytes): ", what, n);
	for (size_t i = 0; i < n && i < 300; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f)
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	putchar('\n');
}

static int
is_mem(const char *got, size_t gn, const char *want, size_t wn,
    const char *what)
{
	int good = gn == wn && memcmp(got, want, gn) == 0;
	if (!ok(good, "%s", what)) {
		show("got", got, gn);
		show("want", want, wn);
	}
	return good;
}

static int
is_str(const char *got, const char *want, const char *what)
{
	return is_mem(got, strlen(got), want, strlen(want), what);
}

static int
is_num(unsigned long long got, unsigned long long want, const char *what)
{
	if (!ok(got == want, "%s", what))
		printf("#   got %llu, want %llu\n", got, want);
	return got == want;
}

static long long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- a TCP server that keeps what each connection sent. */

#define CONNS 8
struct conn {
	int fd;
	char *buf;
	size_t n, cap;
	bool closed;
};

struct server {
	int lfd;
	int port;
	struct conn c[CONNS];
	int nc;
};

static void
server_start(struct server *s)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof(a);
	memset(s, 0, sizeof(*s));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s->lfd < 0 || bind(s->lfd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    listen(s->lfd, 8) != 0 ||
	    getsockname(s->lfd, (struct sockaddr *)&a, &al) != 0) {
		printf("Bail out! cannot start a TCP server: %s\n",
		    strerror(errno));
		exit(1);
	}
	s->port = ntohs(a.sin_port);
}

/* Accept and read for up to MS milliseconds, or until DONE says so. */
static void
server_pump(struct server *s, int ms, bool (*done)(struct server *))
{
	long long end = now_ms() + ms;
	while (now_ms() < end && (done == NULL || !done(s))) {
		struct pollfd p[CONNS + 1];
		int np = 0;
		if (s->lfd >= 0) {
			p[np].fd = s->lfd;
			p[np++].events = POLLIN;
		}
		for (int i = 0; i < s->nc; i++) {
			p[np].fd = s->c[i].closed ? -1 : s->c[i].fd;
			p[np++].events = POLLIN;
		}
		if (poll(p, (nfds_t)np, 10) <= 0)
			continue;
		int k = 0;
		if (s->lfd >= 0 && (p[k++].revents & POLLIN) && s->nc < CONNS) {
			int fd = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC);
			if (fd >= 0) {
				struct conn *c = &s->c[s->nc++];
				c->fd = fd;
				c->cap = 1 << 20;
				c->buf = malloc(c->cap);
				c->n = 0;
				c->closed = false;
			}
		}
		for (int i = 0; i < s->nc && k < np; i++, k++) {
			struct conn *c = &s->c[i];
			if (c->closed || !(p[k].revents & (POLLIN | POLLHUP)))
				continue;
			if (c->cap - c->n < 65536) {
				c->cap *= 2;
				c->buf = realloc(c->buf, c->cap);
			}
			ssize_t r = read(c->fd, c->buf + c->n, c->cap - c->n);
			if (r > 0)
				c->n += (size_t)r;
			else
				c->closed = true;
		}
	}
}

/* The frames of C from frame FROM on: up to MAX (pointer, length)
 * pairs.  Returns the number of whole frames, or -1 when the bytes are
 * not octet-counted frames. */
static int
frames(const struct conn *c, const char **p, size_t *len, int max)
{
	size_t i = 0;
	int n = 0;
	while (i < c->n && n < max) {
		size_t v = 0, j = i;
		while (j < c->n && c->buf[j] >= '0' && c->buf[j] <= '9')
			v = v * 10 + (size_t)(c->buf[j++] - '0');
		if (j == c->n)
			break;
		if (j == i || c->buf[j] != ' ' || c->buf[i] == '0')
			return -1;
		if (c->n - (j + 1) < v)
			break;
		p[n] = c->buf + j + 1;
		len[n++] = v;
		i = j + 1 + v;
	}
	return n;
}

#define FRAMES 16384

static int
nframes(const struct conn *c)
{
	static const char *p[FRAMES];
	static size_t l[FRAMES];
	return frames(c, p, l, FRAMES);
}

static int want_frames;

static bool
conn0_has(struct server *s)
{
	return s->nc > 0 && nframes(&s->c[0]) >= want_frames;
}

/* ---- stderr, captured to a file around a section. */

static int saved_err = -1;
static char err_path[64];

static void
stderr_begin(void)
{
	snprintf(err_path, sizeof(err_path), "/tmp/netq-err.%d",
	    (int)getpid());
	int fd = open(err_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	fflush(stderr);
	saved_err = dup(2);
	dup2(fd, 2);
	close(fd);
}

static char *
stderr_end(void)
{
	static char text[65536];
	fflush(stderr);
	dup2(saved_err, 2);
	close(saved_err);
	int fd = open(err_path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, text, sizeof(text) - 1) : 0;
	text[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
	unlink(err_path);
	return text;
}

static void
wait_for(bool (*cond)(struct wl_netq *), struct wl_netq *q, int ms)
{
	long long end = now_ms() + ms;
	while (now_ms() < end && !cond(q))
		usleep(2000);
}

/* ---- the tests. */

static void
test_addresses(void)
{
	char err[256];
	struct {
		const char *addr, *msg;
	} bad[] = {
		{ "127.0.0.1:0", "bad port in '127.0.0.1:0' (expected 1 to 65535)" },
		{ "127.0.0.1:http", "bad port in '127.0.0.1:http' (expected 1 to 65535)" },
		{ "[::1", "bad address '[::1' (expected [IPV6]:PORT)" },
		{ ":514", "bad address ':514' (expected HOST:PORT)" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		struct wl_netq *q = wl_netq_open("x", WL_NET_TCP, bad[i].addr,
		    WL_FMT_RFC5424, 0, err, sizeof(err));
		char what[128];
		snprintf(what, sizeof(what), "'%s' is refused with a message",
		    bad[i].addr);
		ok(q == NULL, "'%s' is refused", bad[i].addr);
		is_str(err, bad[i].msg, what);
	}
}

/* Record I of the drop test: 100 bytes, "record NNNNN " then a letter
 * repeated, then a newline. */
static const char *
record(int i)
{
	static char r[104];
	memset(r, 'a' + i % 26, 99);
	snprintf(r, 14, "record %05d", i);
	r[12] = ' ';
	r[99] = '\n';
	return r;
}

static bool
is_connected(struct wl_netq *q)
{
	struct wl_netq_stats st;
	wl_netq_stats(q, &st);
	return st.connected;
}

static bool
is_down(struct wl_netq *q)
{
	return !is_connected(q);
}

static bool
sent_two(struct wl_netq *q)
{
	struct wl_netq_stats st;
	wl_netq_stats(q, &st);
	return st.sent >= 2;
}

static bool
three_to_stderr(struct wl_netq *q)
{
	struct wl_netq_stats st;
	wl_netq_stats(q, &st);
	return st.to_stderr >= 3;
}

static struct server srv;
static struct wl_netq *central;

static void
test_drops_and_notice(void)
{
	char err[256];
	struct wl_netq_stats st;
	char addr[64];

	server_start(&srv);
	snprintf(addr, sizeof(addr), "127.0.0.1:%d", srv.port);
	central = wl_netq_open("central", WL_NET_TCP, addr, WL_FMT_RFC5424,
	    1 << 20, err, sizeof(err));
	if (!ok(central != NULL, "a TCP sink opens on %s", addr))
		printf("#   %s\n", err);
	if (central == NULL)
		exit(1);
	wl_netq_pause(central, true);

	/* 100-byte records take 112 bytes each: 9362 fit in 1 MiB. */
	int kept = 0, refused = 0;
	for (int i = 0; i < 10000; i++) {
		if (wl_netq_push(central, record(i), 100) == 0)
			kept++;
		else
			refused++;
	}
	wl_netq_stats(central, &st);
	is_num(kept, 9362, "a 1 MiB queue takes exactly 9362 records of 100 bytes");
	is_num(refused, 638, "and refuses the other 638");
	is_num(st.queued, 9362, "the queue counts 9362 queued");
	is_num(st.dropped, 638, "and 638 dropped");

	wl_netq_pause(central, false);
	want_frames = 9363;
	server_pump(&srv, 5000, conn0_has);
	static const char *p[FRAMES];
	static size_t len[FRAMES];
	int n = srv.nc > 0 ? frames(&srv.c[0], p, len, FRAMES) : 0;
	is_num(n, 9363, "the server gets 9363 octet-counted frames: the notice and 9362 records");
	if (n < 9363)
		return;
	char notice[1024];
	snprintf(notice, sizeof(notice), "%.*s", (int)len[0], p[0]);
	ok(strstr(notice, " WARN ") == NULL && strncmp(notice, "<12>1 ", 6) == 0,
	    "the notice is first, an RFC 5424 record at warning (<12>)");
	ok(strstr(notice, "[withlog@32473 level=\"WARN\" severity=\"13\"") != NULL,
	    "its structured data has level WARN");
	ok(strstr(notice, " dropped=\"638\"]") != NULL,
	    "and the field dropped=\"638\"");
	const char *m = strstr(notice, "] withlog: sink 'central' dropped 638 events between ");
	ok(m != NULL && strlen(m) == strlen("] withlog: sink 'central' dropped 638 events between ") + 27 + 5 + 27 + strlen(" (server unreachable)") &&
	    strcmp(notice + strlen(notice) - 21, " (server unreachable)") == 0,
	    "its message says how many were dropped, between which times, and why");
	if (m == NULL)
		show("notice", notice, strlen(notice));
	int same = 1;
	for (int i = 0; i < 9362; i++)
		same &= len[i + 1] == 99 && memcmp(p[i + 1], record(i), 99) == 0;
	ok(same, "then the 9362 kept records, in order, without their newline");
	usleep(50000);
	wl_netq_stats(central, &st);
	is_num(st.sent, 9362, "the queue counts 9362 sent once acknowledged");
	is_num(st.reported, 638, "and 638 drops reported by 1 notice");
	is_num(st.notices, 1, "one notice was sent");
}

#define BASE 9363	/* frames before the framing test */

static void
test_framing(void)
{
	static char big[200001];
	static const char *p[FRAMES];
	static size_t len[FRAMES];

	memset(big, 'x', sizeof(big) - 2);
	big[sizeof(big) - 2] = '\n';
	big[0] = '<';
	wl_netq_push(central, "a\nb\n", 4);
	wl_netq_push(central, "no newline", 10);
	wl_netq_push(central, big, sizeof(big) - 1);
	wl_netq_push(central, "\n", 1);
	wl_netq_push(central, "last\n", 5);
	want_frames = BASE + 4;
	server_pump(&srv, 5000, conn0_has);
	int n = frames(&srv.c[0], p, len, FRAMES);
	is_num(n, BASE + 4, "four more frames arrive (an empty record is not sent)");
	if (n < BASE + 4)
		return;
	is_mem(p[BASE], len[BASE], "a\nb", 3,
	    "a newline inside a record is kept, the final one is not");
	is_mem(p[BASE + 1], len[BASE + 1], "no newline", 10,
	    "a record without a final newline is sent whole");
	ok(len[BASE + 2] == sizeof(big) - 2 &&
	    memcmp(p[BASE + 2], big, len[BASE + 2]) == 0,
	    "a 200000-byte record goes in one frame of 199999 bytes");
	is_mem(p[BASE + 3], len[BASE + 3], "last", 4,
	    "and the next record follows it");
}

static void
test_fork(void)
{
	static const char *p[FRAMES];
	static size_t len[FRAMES];
	char buf[32];

	wl_netq_pause(central, true);
	for (int i = 1; i <= 5; i++) {
		int k = snprintf(buf, sizeof(buf), "parent %d\n", i);
		wl_netq_push(central, buf, (size_t)k);
	}
	pid_t pid = fork();
	if (pid == 0) {
		struct wl_netq_stats st;
		wl_netq_stats(central, &st);
		int bad = st.queued != 0;
		for (int i = 1; i <= 3; i++) {
			int k = snprintf(buf, sizeof(buf), "child %d\n", i);
			bad |= wl_netq_push(central, buf, (size_t)k) != 0;
		}
		wl_netq_pause(central, false);
		wl_netq_flush_all(3000, false);
		wl_netq_stats(central, &st);
		bad |= (st.sent != 3) << 1;
		_exit(bad);
	}
	/* The child's connection is the second one. */
	long long end = now_ms() + 5000;
	while (now_ms() < end && (srv.nc < 2 || nframes(&srv.c[1]) < 3))
		server_pump(&srv, 20, NULL);
	int st = -1;
	waitpid(pid, &st, 0);
	is_num(WIFEXITED(st) ? WEXITSTATUS(st) : 99, 0,
	    "the fork child starts with an empty queue and sends its 3 records");
	ok(srv.nc == 2, "the child sends on a connection of its own");
	int n = srv.nc == 2 ? frames(&srv.c[1], p, len, FRAMES) : 0;
	ok(n == 3 && len[0] == 7 && memcmp(p[0], "child 1", 7) == 0 &&
	    len[2] == 7 && memcmp(p[2], "child 3", 7) == 0,
	    "that connection carries the child's records and no parent's");
	wl_netq_pause(central, false);
	want_frames = BASE + 9;
	server_pump(&srv, 5000, conn0_has);
	n = frames(&srv.c[0], p, len, FRAMES);
	ok(n == BASE + 9 && len[BASE + 4] == 8 &&
	    memcmp(p[BASE + 4], "parent 1", 8) == 0 &&
	    memcmp(p[BASE + 8], "parent 5", 8) == 0,
	    "the parent sends its 5 queued records once, on its connection");
}

static int udp_fd = -1;
static struct wl_netq *udp_q;

static void
test_udp(void)
{
	char err[256], addr[64];
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof(a);
	static char rec[12002], got[20000];

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bind(fd, (struct sockaddr *)&a, sizeof(a));
	getsockname(fd, (struct sockaddr *)&a, &al);
	snprintf(addr, sizeof(addr), "127.0.0.1:%d", ntohs(a.sin_port));
	struct wl_netq *q = wl_netq_open("udp", WL_NET_UDP, addr,
	    WL_FMT_RFC5424, 0, err, sizeof(err));
	ok(q != NULL, "a UDP sink opens");
	if (q == NULL)
		return;
	/* "x", then 6000 two-byte characters: byte 8192 is the second
	 * byte of one. */
	rec[0] = 'x';
	for (int i = 0; i < 6000; i++)
		memcpy(rec + 1 + 2 * i, "\xc3\xa9", 2);
	rec[12001] = '\n';
	wl_netq_push(q, "one\n", 4);
	wl_netq_push(q, rec, sizeof(rec));
	struct pollfd pf = { .fd = fd, .events = POLLIN };
	ssize_t n1 = -1, n2 = -1;
	if (poll(&pf, 1, 5000) == 1)
		n1 = recv(fd, got, sizeof(got), 0);
	is_mem(got, n1 > 0 ? (size_t)n1 : 0, "one", 3,
	    "a UDP datagram holds one record without its newline");
	if (poll(&pf, 1, 5000) == 1)
		n2 = recv(fd, got, sizeof(got), 0);
	ok(n2 == 8191 && memcmp(got, rec, 8191) == 0,
	    "a record longer than 8192 bytes is cut to 8191, before a split character");
	udp_fd = fd;
	udp_q = q;
}

static void
test_journal(void)
{
	char err[256], path[108];
	static char got[400000];
	struct wl_event ev;
	/* Longer than the 8 MiB a unix datagram can be at most (twice
	 * wmem_max, 4 MiB here, and by default much less). */
	static char big[10 << 20];
	static char rec[(10 << 20) + 1000];

	snprintf(path, sizeof(path), "/tmp/netq-journal.%d", (int)getpid());
	unlink(path);
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	strcpy(sun.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bind(fd, (struct sockaddr *)&sun, sizeof(sun));
	struct wl_netq *q = wl_netq_open("journal", WL_NET_UNIX_DGRAM, path,
	    WL_FMT_JOURNAL, 32 << 20, err, sizeof(err));
	ok(q != NULL, "a journald sink opens on a socket path");
	if (q == NULL)
		return;

	wl_event_init(&ev, WL_SRC_STDERR, "fprintf", "two\nlines", 9);
	ev.severity = WL_SEV_ERROR;
	ev.prog = "prog";
	ev.pid = 42;
	ev.tid = 43;
	ev.seq = 7;
	ev.ts.tv_sec = 1700000000;
	size_t n = wl_format_event(WL_FMT_JOURNAL, &ev, rec, sizeof(rec));
	wl_netq_push(q, rec, n);
	struct pollfd pf = { .fd = fd, .events = POLLIN };
	ssize_t r = -1;
	if (poll(&pf, 1, 5000) == 1)
		r = recv(fd, got, sizeof(got), 0);
	is_mem(got, r > 0 ? (size_t)r : 0, rec, n,
	    "a journal entry is one datagram, byte for byte, final newline kept");

	memset(big, 'j', sizeof(big));
	big[1000] = '\n';
	ev.msg = big;
	ev.msg_len = sizeof(big);
	n = wl_format_event(WL_FMT_JOURNAL, &ev, rec, sizeof(rec));
	ok(wl_netq_push(q, rec, n) == 0, "a 10 MiB entry is queued");
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { got, sizeof(got) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
	    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	r = -1;
	if (poll(&pf, 1, 5000) == 1)
		r = recvmsg(fd, &m, 0);
	struct cmsghdr *h = CMSG_FIRSTHDR(&m);
	int mfd = -1;
	if (h != NULL && h->cmsg_type == SCM_RIGHTS)
		memcpy(&mfd, CMSG_DATA(h), sizeof(int));
	ok(r == 0 && mfd >= 0,
	    "it arrives as an empty datagram carrying one descriptor");
	ssize_t k = mfd >= 0 ? pread(mfd, big, sizeof(big), 0) : -1;
	ssize_t k2 = mfd >= 0 ? pread(mfd, got, 1000, (off_t)k) : -1;
	ok(k == (ssize_t)sizeof(big) && k2 == (ssize_t)(n - sizeof(big)) &&
	    memcmp(big, rec, sizeof(big)) == 0,
	    "the descriptor holds the entry, byte for byte");
	int seals = mfd >= 0 ? fcntl(mfd, F_GET_SEALS) : 0;
	ok((seals & (F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL)) ==
	    (F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL),
	    "and it is sealed, as journald requires");
	if (mfd >= 0)
		close(mfd);
	close(fd);
	unlink(path);
}

/* A port nothing listens on. */
static int
dead_port(void)
{
	struct server s;
	server_start(&s);
	close(s.lfd);
	return s.port;
}

static void
test_fallback(void)
{
	char err[256], addr[64], want[256];
	snprintf(addr, sizeof(addr), "127.0.0.1:%d", dead_port());
	stderr_begin();
	struct wl_netq *q = wl_netq_open("fb", WL_NET_TCP, addr,
	    WL_FMT_RFC5424, 0, err, sizeof(err));
	wl_netq_push(q, "<14>1 first\n", 12);
	wl_netq_push(q, "<14>1 second\n", 13);
	wl_netq_push(q, "<14>1 third\n", 12);
	wait_for(three_to_stderr, q, 5000);
	char *text = stderr_end();
	snprintf(want, sizeof(want), "withlog: cannot connect sink 'fb' to "
	    "'%s': connection refused (its events go to stderr until it "
	    "can)\n<14>1 first\n<14>1 second\n<14>1 third\n", addr);
	is_str(text, want, "a sink that cannot connect at start says so once "
	    "and writes its records to stderr");
	struct wl_netq_stats st;
	wl_netq_stats(q, &st);
	ok(st.fallback && st.to_stderr == 3 && st.dropped == 0,
	    "none of them is lost");
}

static void
test_exit_accounting(void)
{
	char err[256], addr[64];
	struct server s;
	struct wl_netq_stats st;

	server_start(&s);
	snprintf(addr, sizeof(addr), "127.0.0.1:%d", s.port);
	struct wl_netq *q = wl_netq_open("outage", WL_NET_TCP, addr,
	    WL_FMT_RFC5424, 4096, err, sizeof(err));
	wl_netq_push(q, record(0), 100);
	wl_netq_push(q, record(1), 100);
	long long end = now_ms() + 5000;
	while (now_ms() < end && !sent_two(q))
		server_pump(&s, 10, NULL);
	wl_netq_stats(q, &st);
	is_num(st.sent, 2, "two records reach the second server");
	/* The server goes away. */
	close(s.lfd);
	for (int i = 0; i < s.nc; i++)
		close(s.c[i].fd);
	wl_netq_push(q, record(2), 100);
	wait_for(is_down, q, 5000);
	ok(!is_connected(q), "the sink sees the server close its end");
	int kept = 0;
	for (int i = 3; i < 43; i++)
		kept += wl_netq_push(q, record(i), 100) == 0;
	is_num(kept, 35, "while it is down, the queue fills up (35 more)");
	stderr_begin();
	long long t0 = now_ms();
	wl_netq_flush_all(300, false);
	long long took = now_ms() - t0;
	char *text = stderr_end();
	const char *want1 = "withlog: sink 'outage' lost 41 events: dropped 5 "
	    "events between ";
	const char *want2 = " (server unreachable), and could not send 36 "
	    "events before exit (connection refused)\n";
	size_t l1 = strlen(want1), l2 = strlen(want2);
	ok(strlen(text) == l1 + 27 + 5 + 27 + l2 &&
	    strncmp(text, want1, l1) == 0 &&
	    strcmp(text + strlen(text) - l2, want2) == 0,
	    "at exit one line sums up what was dropped and what could not be sent");
	if (strlen(text) != l1 + 27 + 5 + 27 + l2)
		show("stderr", text, strlen(text));
	ok(took < 1000, "the flush takes no longer than its limit (%lld ms)",
	    took);
	wl_netq_stats(q, &st);
	ok(st.sent == 2 && st.unsent == 36 && st.dropped == 5 &&
	    st.reported == 5, "sent 2 + unsent 36 + dropped 5 = 43 pushed");
	stderr_begin();
	wl_netq_flush_all(300, false);
	text = stderr_end();
	is_str(text, "", "a second flush reports nothing twice");
}

static void
test_limits(void)
{
	char err[256];
	int opened = 0;
	struct wl_netq *q;
	while ((q = wl_netq_open("more", WL_NET_UDP, "[::1]:9", WL_FMT_RFC5424,
	    (size_t)64 << 20, err, sizeof(err))) != NULL && opened < 20)
		opened++;
	is_num(opened, 3, "eight queues in all can be opened");
	is_str(err, "too many network sinks (at most 8): 'more'",
	    "the ninth is refused with a message");
	ok(wl_netq_find("central") == central, "a queue is found by its name");
	stderr_begin();
	wl_netq_flush_all(300, false);
	is_str(stderr_end(), "", "at exit, sinks that never had a record, or "
	    "sent all, say nothing");
}

/* The cost of a push while the thread sends over TCP: rounds of 1000
 * records, each sent before the next round. */
static void
bench_push(void)
{
	char rec[200];
	struct wl_netq_stats st;
	double total = 0;
	int pushed = 0;

	memset(rec, 'b', sizeof(rec));
	rec[199] = '\n';
	close(udp_fd);
	for (int round = 0; round < 50; round++) {
		struct timespec a, b;
		wl_netq_stats(central, &st);
		unsigned long long target = st.sent + 1000;
		clock_gettime(CLOCK_MONOTONIC, &a);
		for (int i = 0; i < 1000; i++)
			pushed += wl_netq_push(central, rec, sizeof(rec)) == 0;
		clock_gettime(CLOCK_MONOTONIC, &b);
		total += (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
		long long end = now_ms() + 5000;
		while (st.sent < target && now_ms() < end) {
			server_pump(&srv, 5, NULL);
			wl_netq_stats(central, &st);
		}
	}
	printf("# push of a 200-byte record to a TCP sink: %.0f ns "
	    "(%d of 50000 queued)\n", total / 50000, pushed);
}

/*
 * The driver for end-to-end tests:
 *   netq send udp|tcp|journal ADDRESS COUNT [CAP]
 * formats COUNT events (level, field and message vary with the number)
 * in RFC 5424 (journal: the journal's format), pushes them through a
 * queue, flushes at the end and prints the queue's counters.
 */
static int
driver(int argc, char **argv)
{
	char err[256];
	if (argc < 5 || strcmp(argv[1], "send") != 0) {
		fprintf(stderr, "usage: netq send udp|tcp|journal ADDRESS COUNT [CAP]\n");
		return 2;
	}
	enum wl_net_kind kind = strcmp(argv[2], "udp") == 0 ? WL_NET_UDP :
	    strcmp(argv[2], "tcp") == 0 ? WL_NET_TCP : WL_NET_UNIX_DGRAM;
	enum wl_format fmt = kind == WL_NET_UNIX_DGRAM ? WL_FMT_JOURNAL :
	    WL_FMT_RFC5424;
	int count = atoi(argv[4]);
	size_t cap = argc > 5 ? strtoul(argv[5], NULL, 10) : 0;
	struct wl_netq *q = wl_netq_open("e2e", kind, argv[3], fmt, cap, err,
	    sizeof(err));
	if (q == NULL) {
		fprintf(stderr, "netq: %s\n", err);
		return 1;
	}
	static const int sev[] = { WL_SEV_INFO, WL_SEV_WARN, WL_SEV_ERROR,
		WL_SEV_DEBUG };
	for (int i = 1; i <= count; i++) {
		char msg[64], num[16], rec[1024];
		struct wl_event ev;
		int ml = snprintf(msg, sizeof(msg), "event %d of %d", i, count);
		wl_event_init(&ev, WL_SRC_STDERR, "fprintf", msg, (size_t)ml);
		clock_gettime(CLOCK_REALTIME, &ev.ts);
		ev.severity = (uint8_t)sev[i % 4];
		ev.prog = "netq-driver";
		ev.host = "localhost";
		ev.pid = getpid();
		ev.tid = getpid();
		ev.seq = (uint64_t)i;
		int nl = snprintf(num, sizeof(num), "%d", i);
		ev.fields[0] = (struct wl_field){ "n", num, (size_t)nl };
		ev.nfields = 1;
		size_t n = wl_format_event(fmt, &ev, rec, sizeof(rec));
		wl_netq_push(q, rec, n);
	}
	wl_netq_flush_all(WL_NETQ_FLUSH_MS, false);
	struct wl_netq_stats st;
	wl_netq_stats(q, &st);
	printf("queued=%llu dropped=%llu sent=%llu unsent=%llu reported=%llu "
	    "to_stderr=%llu\n", st.queued, st.dropped, st.sent, st.unsent,
	    st.reported, st.to_stderr);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc > 1)
		return driver(argc, argv);
	alarm(120);
	signal(SIGPIPE, SIG_IGN);
	/* As proc.c does for the library. */
	pthread_atfork(NULL, NULL, wl_netq_after_fork);
	wl_copy_str(wl_proc.prog, sizeof(wl_proc.prog), "netq-test");
	wl_copy_str(wl_proc.host, sizeof(wl_proc.host), "testhost");
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("1..%d\n", PLAN);
	test_addresses();
	test_drops_and_notice();
	test_framing();
	test_fork();
	test_udp();
	test_journal();
	test_fallback();
	test_exit_accounting();
	test_limits();
	bench_push();
	return tap_done(PLAN);
}
