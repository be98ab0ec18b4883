/*
 * netq_note.c - what the network queues say (see netq_int.h): the drop
 * notice sent in the sink's format, the "withlog:" lines on the real
 * stderr, the fallback of a sink that never connected, and the flush at
 * exit.  All of it may run in a signal handler: no stdio, no malloc.
 */
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "escape.h"
#include "format.h"
#include "netq_int.h"
#include "proc.h"
#include "sink.h"
#include "spin.h"
#include "tid.h"

/* ---- messages, built without stdio (flush runs in signal handlers). */

static void
line_put(struct wl_nq_line *l, const char *s, size_t n)
{
	if (n > sizeof(l->buf) - l->n)
		n = sizeof(l->buf) - l->n;
	memcpy(l->buf + l->n, s, n);
	l->n += n;
}

void
wl_nq_line_str(struct wl_nq_line *l, const char *s)
{
	line_put(l, s, strlen(s));
}

void
wl_nq_line_num(struct wl_nq_line *l, unsigned long long v)
{
	char b[24];
	struct wl_out o;
	wl_out_init(&o, b, sizeof(b));
	wl_out_udec(&o, v);
	line_put(l, b, o.len);
}

static void
line_time(struct wl_nq_line *l, long long us)
{
	struct timespec ts = { (time_t)(us / 1000000),
	    (long)(us % 1000000) * 1000 };
	char t[32];
	wl_format_time(&ts, t);
	line_put(l, t, 27);
}

static void
line_why(struct wl_nq_line *l, unsigned why)
{
	static const char *const text[] = { "server unreachable",
	    "queue full", "record too long" };
	bool first = true;
	wl_nq_line_str(l, " (");
	for (unsigned i = 0; i < 3; i++) {
		if (!(why & (1u << i)))
			continue;
		if (!first)
			wl_nq_line_str(l, ", ");
		wl_nq_line_str(l, text[i]);
		first = false;
	}
	if (first)
		wl_nq_line_str(l, "server unreachable");
	wl_nq_line_str(l, ")");
}

/* "dropped N event(s) between T1 and T2 (WHY)" */
void
wl_nq_line_dropped(struct wl_nq_line *l, unsigned long long count, long long first,
    long long last, unsigned why)
{
	wl_nq_line_str(l, "dropped ");
	wl_nq_line_num(l, count);
	wl_nq_line_str(l, count == 1 ? " event" : " events");
	if (first == 0)
		first = last;
	if (last != 0) {
		wl_nq_line_str(l, " between ");
		line_time(l, first);
		wl_nq_line_str(l, " and ");
		line_time(l, last);
	}
	line_why(l, why);
}

/* The text of an errno value a connection fails with; strerror is not
 * async-signal-safe. */
const char *
wl_nq_err_text(int e)
{
	switch (e) {
	case ECONNREFUSED: return "connection refused";
	case ECONNRESET: return "connection reset by server";
	case EPIPE: return "connection closed by server";
	case ETIMEDOUT: return "connection timed out";
	case ENETUNREACH: return "network unreachable";
	case EHOSTUNREACH: return "host unreachable";
	case ENOENT: return "no such socket";
	case EACCES: return "permission denied";
	case EBADF: return "socket closed by the program";
	case EMSGSIZE: return "message too long";
	case ENOBUFS: case ENOMEM: return "out of memory";
	default: return "server unreachable";
	}
}

void
wl_nq_say(struct wl_nq_line *l)
{
	if (l->n == sizeof(l->buf))
		l->n--;
	l->buf[l->n++] = '\n';
	(void)wl_sink_write_stderr_owed(l->buf, l->n);
}

/* ---- the drop notice. */

bool
wl_nq_has_drops(const struct wl_netq *q)
{
	return q->n.pending ||
	    __atomic_load_n(&q->dropped, __ATOMIC_ACQUIRE) != 0;
}

/* Take the drop counters into the notice. */
void
wl_nq_take_drops(struct wl_netq *q)
{
	unsigned long long c = __atomic_exchange_n(&q->dropped, 0,
	    __ATOMIC_ACQ_REL);
	if (c == 0)
		return;
	long long first = __atomic_exchange_n(&q->drop_first, 0,
	    __ATOMIC_RELAXED);
	long long last = __atomic_load_n(&q->drop_last, __ATOMIC_RELAXED);
	unsigned why = __atomic_exchange_n(&q->drop_why, 0, __ATOMIC_RELAXED);
	if (!q->n.pending) {
		q->n.count = 0;
		q->n.first = first;
		q->n.why = 0;
	}
	if (q->n.first == 0)
		q->n.first = first;
	q->n.count += c;
	q->n.last = last;
	q->n.why |= why;
	q->n.pending = true;
	q->n.ready = false;
}

/* The notice as one record in the sink's format, into BUF (CAP). */
static size_t
notice_record(const struct wl_netq *q, char *buf, size_t cap)
{
	struct wl_nq_line l = { .n = 0 };
	char num[24];
	struct wl_out o;
	struct wl_event ev;
	struct wl_format_opts opts = wl_proc.fmt_opts;

	wl_nq_line_str(&l, "withlog: sink '");
	wl_nq_line_str(&l, q->name);
	wl_nq_line_str(&l, "' ");
	wl_nq_line_dropped(&l, q->n.count, q->n.first, q->n.last, q->n.why);
	wl_event_init(&ev, WL_SRC_STDERR, "withlog", l.buf, l.n);
	clock_gettime(CLOCK_REALTIME, &ev.ts);
	ev.severity = WL_SEV_WARN;
	ev.decided_by = "withlog";
	ev.prog = wl_proc.prog[0] != '\0' ? wl_proc.prog : "withlog";
	ev.host = wl_proc.host[0] != '\0' ? wl_proc.host : NULL;
	ev.pid = getpid();
	ev.tid = wl_tid();
	wl_out_init(&o, num, sizeof(num));
	wl_out_udec(&o, q->n.count);
	ev.fields[0] = (struct wl_field){ "dropped", num, o.len };
	ev.nfields = 1;
	opts.flags &= ~(unsigned)WL_FMT_COLOR;	/* no terminal here */
	size_t n = wl_format_event_in(q->fmt, &opts, &ev, buf, cap);
	return n <= cap ? n : 0;
}

/*
 * Make the notice ready to go on this connection, if drops wait: on a
 * new connection before anything else; on one that is up, once the ring
 * is at most half full again (the server keeps up), and only between two
 * frames.
 */
void
wl_nq_notice_prepare(struct wl_netq *q)
{
	if (q->n.ready || !wl_nq_has_drops(q) || q->partial != 0)
		return;
	uint64_t used = __atomic_load_n(&q->head, __ATOMIC_ACQUIRE) - q->tail;
	if (q->conn_sent != 0 && used > q->cap / 2 && !q->flushing)
		return;
	wl_nq_take_drops(q);
	char rec[2048];
	size_t n = notice_record(q, rec, sizeof(rec));
	struct wl_nq_rec r = { rec, (uint32_t)n, 0 };
	size_t b = n > 0 ? wl_nq_body_len(q, &r) : 0;
	size_t at = 0;
	if (q->kind == WL_NET_TCP && b > 0)
		at = wl_nq_frame_prefix(b, q->n.buf);
	memcpy(q->n.buf + at, rec, b);
	q->n.len = at + b;
	q->n.sent = 0;
	q->n.at = q->conn_sent;
	q->n.ready = true;
}

void
wl_nq_notice_done(struct wl_netq *q)
{
	q->reported += q->n.count;
	q->notices++;
	q->n.pending = q->n.ready = false;
	q->n.count = 0;
}

/* ---- the fallback: records to the real stderr. */

/* A journal entry is binary: on stderr it becomes "<PRI>IDENT[PID]:
 * MESSAGE", the message escaped as in the text format. */
static void
journal_to_stderr(const char *p, size_t n)
{
	const char *msg = "", *ident = "?", *pid = "", *pri = "6";
	size_t msg_n = 0, ident_n = 1, pid_n = 0, pri_n = 1;
	size_t i = 0;

	while (i < n) {
		const char *name = p + i;
		size_t k = i;
		while (k < n && p[k] != '=' && p[k] != '\n')
			k++;
		if (k >= n)
			break;
		size_t name_n = k - i;
		const char *v;
		size_t vn;
		if (p[k] == '=') {
			v = p + k + 1;
			const char *nl = memchr(v, '\n', n - (k + 1));
			vn = nl != NULL ? (size_t)(nl - v) : n - (k + 1);
			i = k + 1 + vn + 1;
		} else {
			if (n - (k + 1) < 8)
				break;
			unsigned long long len = 0;
			for (int b = 7; b >= 0; b--)
				len = len << 8 | (unsigned char)p[k + 1 + b];
			if (len > n - (k + 9))
				break;
			v = p + k + 9;
			vn = (size_t)len;
			i = k + 9 + vn + 1;
		}
#define PICK(lit, var) \
		if (name_n == sizeof(lit) - 1 && memcmp(name, lit, name_n) == 0) { \
			var = v; \
			var##_n = vn; \
		}
		PICK("MESSAGE", msg)
		PICK("SYSLOG_IDENTIFIER", ident)
		PICK("SYSLOG_PID", pid)
		PICK("PRIORITY", pri)
#undef PICK
	}
	char stack[4096];
	struct wl_out o;
	for (int pass = 0; pass < 2; pass++) {
		char *buf = stack;
		size_t cap = sizeof(stack);
		if (pass == 1) {
			cap = o.len;
			buf = mmap(NULL, cap, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (buf == MAP_FAILED)
				return;
		}
		wl_out_init(&o, buf, cap);
		wl_out_putc(&o, '<');
		wl_out_put(&o, pri, pri_n);
		wl_out_putc(&o, '>');
		wl_escape_text(&o, ident, ident_n, 0);
		wl_out_putc(&o, '[');
		wl_out_put(&o, pid, pid_n);
		WL_OUT_LIT(&o, "]: ");
		wl_escape_text(&o, msg, msg_n, 0);
		wl_out_putc(&o, '\n');
		if (o.len <= cap) {
			(void)wl_sink_write_stderr_owed(buf, o.len);
			if (pass == 1)
				munmap(buf, cap);
			return;
		}
		if (pass == 1)
			munmap(buf, cap);
	}
}

static void
record_to_stderr(const struct wl_netq *q, const char *p, size_t n)
{
	if (q->fmt == WL_FMT_JOURNAL) {
		journal_to_stderr(p, n);
		return;
	}
	(void)wl_sink_write_stderr_owed(p, n);
	if (n == 0 || p[n - 1] != '\n')
		(void)wl_sink_write_stderr_owed("\n", 1);
}

/* A sink that never connected: its notice and records go to stderr. */
void
wl_nq_fallback_drain(struct wl_netq *q)
{
	if (wl_nq_has_drops(q)) {
		wl_nq_take_drops(q);
		char rec[2048];
		size_t n = notice_record(q, rec, sizeof(rec));
		if (n > 0)
			record_to_stderr(q, rec, n);
		wl_nq_notice_done(q);
	}
	uint64_t pos = q->tail;
	struct wl_nq_rec r;
	while (wl_nq_rec_at(q, pos, &r)) {
		if (r.p != NULL) {
			record_to_stderr(q, r.p, r.len);
			q->to_stderr++;
		}
		pos += r.span;
	}
	if (pos != q->tail)
		wl_nq_free_to(q, pos);
	q->cursor = q->tail;
}

/* ---- exit. */

/* Records from POS on that are written. */
static unsigned long long
count_from(const struct wl_netq *q, uint64_t pos, uint64_t *end)
{
	unsigned long long n = 0;
	struct wl_nq_rec r;
	while (wl_nq_rec_at(q, pos, &r)) {
		if (r.p != NULL)
			n++;
		pos += r.span;
	}
	*end = pos;
	return n;
}

/* Send what waits in Q until DEADLINE: connect once if need be. */
static void
flush_one(struct wl_netq *q, long long deadline)
{
	bool tried = false;
	for (;;) {
		long long now = wl_nq_mono_ms();
		if (now >= deadline)
			break;
		if (q->state == WL_NQ_DOWN) {
			if (q->fallback || !wl_nq_has_work(q) || tried)
				break;
			tried = true;
			wl_nq_start_connect(q, now);
			continue;
		}
		if (q->state == WL_NQ_CONNECTING) {
			struct pollfd p = { .fd = q->fd, .events = POLLOUT };
			(void)poll(&p, 1, (int)(deadline - now));
			if (!wl_nq_connect_done(q, wl_nq_mono_ms()) &&
			    wl_nq_mono_ms() >= deadline)
				break;
			continue;
		}
		int rc = WL_NQ_FAILED;
		errno = EPIPE;
		if (q->kind != WL_NET_TCP || !wl_nq_peer_closed(q))
			rc = wl_nq_send_some(q);
		if (q->kind == WL_NET_TCP)
			wl_nq_ack_free(q);
		if (rc == WL_NQ_FAILED) {
			wl_nq_fail(q, errno, now);
			continue;
		}
		if (rc == WL_NQ_BLOCKED) {
			struct pollfd p = { .fd = q->fd, .events = POLLOUT };
			(void)poll(&p, 1, (int)(deadline - now));
			continue;
		}
		if (!wl_nq_has_work(q))
			break;
	}
}

/* What Q could not send: written to stderr if it never connected,
 * else counted and summed up in one line; either way given up. */
static void
give_up(struct wl_netq *q)
{
	if (!q->ever_up && !wl_nq_has_work(q))
		return;		/* never used, or all written to stderr */
	if (q->state == WL_NQ_CONNECTING && !q->ever_up) {
		wl_nq_disconnect(q);
		q->fallback = true;
	}
	if (q->state == WL_NQ_DOWN && !q->ever_up) {
		if (!q->fallback_said) {
			struct wl_nq_line l = { .n = 0 };
			q->fallback_said = true;
			wl_nq_line_str(&l, "withlog: cannot connect sink '");
			wl_nq_line_str(&l, q->name);
			wl_nq_line_str(&l, "' to '");
			wl_nq_line_str(&l, q->where);
			wl_nq_line_str(&l, "': ");
			wl_nq_line_str(&l, wl_nq_err_text(q->last_err != 0 ? q->last_err :
			    ETIMEDOUT));
			wl_nq_line_str(&l, " (its events go to stderr)");
			wl_nq_say(&l);
		}
		q->fallback = true;
		wl_nq_fallback_drain(q);
		return;
	}
	if (q->state == WL_NQ_UP && q->kind == WL_NET_TCP) {
		/* Written to the connection: the kernel delivers them after
		 * exit.  Count them sent and let them go. */
		wl_nq_ack_free(q);
		if (q->n.ready && q->n.sent == q->n.len)
			wl_nq_notice_done(q);
		uint64_t end;
		q->sent += count_from(q, q->tail, &end) -
		    count_from(q, q->cursor, &end);
		wl_nq_free_to(q, q->cursor);
	}
	uint64_t end;
	unsigned long long unsent = count_from(q, q->tail, &end);
	wl_nq_take_drops(q);
	unsigned long long dropped = q->n.pending ? q->n.count : 0;
	if (unsent == 0 && dropped == 0)
		return;
	struct wl_nq_line l = { .n = 0 };
	wl_nq_line_str(&l, "withlog: sink '");
	wl_nq_line_str(&l, q->name);
	wl_nq_line_str(&l, "' ");
	if (unsent == 0) {
		wl_nq_line_dropped(&l, dropped, q->n.first, q->n.last, q->n.why);
	} else {
		if (dropped != 0) {
			wl_nq_line_str(&l, "lost ");
			wl_nq_line_num(&l, unsent + dropped);
			wl_nq_line_str(&l, " events: ");
			wl_nq_line_dropped(&l, dropped, q->n.first, q->n.last,
			    q->n.why);
			wl_nq_line_str(&l, ", and ");
		}
		wl_nq_line_str(&l, "could not send ");
		wl_nq_line_num(&l, unsent);
		wl_nq_line_str(&l, unsent == 1 ? " event" : " events");
		wl_nq_line_str(&l, " before exit (");
		wl_nq_line_str(&l, q->state == WL_NQ_UP ? "time limit reached" :
		    wl_nq_err_text(q->last_err));
		wl_nq_line_str(&l, ")");
	}
	wl_nq_say(&l);
	q->unsent += unsent;
	q->reported += dropped;
	q->n.pending = q->n.ready = false;
	q->n.count = 0;
	wl_nq_free_to(q, end);
	if (q->cursor < end)
		q->cursor = end;
	q->partial = 0;
}

void
wl_netq_flush_all(int timeout_ms, bool from_signal)
{
	(void)from_signal;	/* the same path: all of it is signal-safe */
	if (wl_nq_in_drain)
		return;		/* a crash on the drain thread itself */
	int saved = errno;
	long long deadline = wl_nq_mono_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	int n = __atomic_load_n(&wl_nq_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n; i++) {
		struct wl_netq *q = &wl_nq_queues[i];
		if (!q->used)
			continue;
		/* The drain thread holds the lock for one round at most. */
		bool locked;
		while (!(locked = wl_spin_trylock(&q->lock)) &&
		    wl_nq_mono_ms() < deadline)
			sched_yield();
		if (!locked)
			continue;
		q->flushing = true;
		if (!__atomic_load_n(&q->paused, __ATOMIC_ACQUIRE))
			flush_one(q, deadline);
		give_up(q);
		q->flushing = false;
		wl_spin_unlock(&q->lock);
	}
	errno = saved;
}
