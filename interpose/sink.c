/*
 * sink.c - routing events to sinks (see sink.h), and the stderr sink.
 *
 * Records are formatted per sink on the stack, a long one in an exact
 * mapping (mmap is async-signal-safe, malloc is not).  Sinks live in
 * static storage set up once at start; delivery only reads the table.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "diag.h"
#include "format.h"
#include "guard.h"
#include "level.h"
#include "outbuf.h"
#include "proc.h"
#include "real.h"
#include "sink.h"
#include "sink_file.h"
#include "sink_syslog.h"

#ifdef WL_HAVE_NETQ
#include "netq.h"
#endif

/*
 * A stderr that stops taking a record half-way is waited for this long
 * to finish it (so no torn record reaches the reader); after that the
 * rest is lost and counted.
 */
#define WL_STDERR_WAIT_MS 2000
/* How long queued records may hold up exit or exec, and a fatal signal. */
#define WL_FLUSH_MS 1000
#define WL_FLUSH_SIGNAL_MS 200

struct sink {
	const struct wl_sink_conf *conf;
	int type;			/* enum wl_sink_type */
	enum wl_format fmt;
	bool rfc3164;			/* syslog: the classic datagram */
	struct wl_format_opts opts;
	int min_sev, max_sev, source;
	uint32_t rules;
	int failing;			/* a notice was given; not recovered */
	struct wl_file_sink file;
	struct wl_syslog_sink sys;
#ifdef WL_HAVE_NETQ
	struct wl_netq *q;
#endif
};

static struct sink sinks[WL_SINK_MAX];
static unsigned nsinks;
static bool queues;
static struct wl_syslog_sink default_syslog = { .fd = -1 };
static unsigned long stderr_lost;

static long long
monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Write all N bytes to FD, W being what the first write(2) of them
 * returned (errno set when it is negative).  A non-blocking FD that is
 * full when the record starts fails at once with EAGAIN unless STARTED,
 * as the program's own write would have: the program is told, and a
 * program that never blocks is never held up.  Once part of a record is
 * out (or from the start, when STARTED), the rest is waited for,
 * bounded, so that the reader never sees half a record followed by the
 * next one.
 */
static __attribute__((noinline)) int
write_rest(int fd, const char *p, size_t n, bool started, ssize_t w)
{
	long long deadline = 0;
	for (;;) {
		if (w >= 0) {
			p += w;
			n -= (size_t)w;
			started = true;
			if (n == 0)
				return 0;
		} else if (errno == EINTR) {
			/* again */
		} else if (errno == EAGAIN && started) {
			/* One deadline for the record, so that a signal
			 * storm interrupting poll cannot stretch it. */
			long long now = monotonic_ms();
			if (deadline == 0)
				deadline = now + WL_STDERR_WAIT_MS;
			struct pollfd pfd = { .fd = fd, .events = POLLOUT };
			if (!(now < deadline &&
			    (poll(&pfd, 1, (int)(deadline - now)) > 0 ||
			    errno == EINTR))) {
				errno = EAGAIN;
				return -1;
			}
		} else {
			return -1;
		}
		w = wl_real_write(fd, p, n);
	}
}

/*
 * A record to fd 2; a failure is counted for wl_sink_flush's report.
 * Nearly every record goes out whole in the first write, made here so
 * that the common case enters no loop and no frame of its own.
 */
static inline int
write_stderr(const char *buf, size_t len, bool wait_first)
{
	if (len == 0)
		return 0;
	ssize_t w = wl_real_write(2, buf, len);
	if (__builtin_expect(w == (ssize_t)len, 1) ||
	    write_rest(2, buf, len, wait_first, w) == 0)
		return 0;
	__atomic_add_fetch(&stderr_lost, 1, __ATOMIC_RELAXED);
	return -1;
}

int
wl_sink_write_stderr(const char *buf, size_t len)
{
	return write_stderr(buf, len, false);
}

int
wl_sink_write_stderr_owed(const char *buf, size_t len)
{
	return write_stderr(buf, len, true);
}

int
wl_sink_passthrough(const void *buf, size_t len)
{
	return len == 0 ? 0 : wl_sink_write_stderr(buf, len);
}

typedef int (*record_out)(void *ctx, const struct wl_event *ev,
    const char *rec, size_t len);

#define STACK_RECORD 2048

/*
 * A record of NEED bytes, more than the stack buffer takes: format EV
 * again into an exact-size mapping and hand it to OUT.
 */
static __attribute__((noinline)) int
long_record(const struct wl_event *ev, enum wl_format fmt,
    const struct wl_format_opts *o, size_t need, record_out out, void *ctx)
{
	char stack[STACK_RECORD];
	char *big = mmap(NULL, need, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (big == MAP_FAILED) {
		/* No memory for the whole record: deliver the start of the
		 * message rather than nothing, still as one record. */
		struct wl_event cut = *ev;
		cut.nfields = 0;
		if (cut.msg_len > 256)
			cut.msg_len = 256;
		need = wl_format_event_in(fmt, o, &cut, stack, sizeof(stack));
		return need <= sizeof(stack) ? out(ctx, ev, stack, need) : -1;
	}
	size_t n = wl_format_event_in(fmt, o, ev, big, need);
	int rc = out(ctx, ev, big, n <= need ? n : need);
	int saved = errno;
	munmap(big, need);
	errno = saved;
	return rc;
}

/*
 * Format EV in FMT with options O and hand the record to OUT.  Most
 * records fit the stack buffer; a longer one gets an exact-size mapping.
 * Inlined where OUT is known, so that the common record costs neither
 * an indirect call nor a second frame.
 */
static inline __attribute__((always_inline)) int
with_record(const struct wl_event *ev, enum wl_format fmt,
    const struct wl_format_opts *o, record_out out, void *ctx)
{
	char stack[STACK_RECORD];
	size_t need = wl_format_event_in(fmt, o, ev, stack, sizeof(stack));
	if (__builtin_expect(need <= sizeof(stack), 1))
		return out(ctx, ev, stack, need);
	return long_record(ev, fmt, o, need, out, ctx);
}

/*
 * The stderr sink: one write per record, or into the delivery buffer in
 * buffered mode.  A record written from inside the library (a signal
 * handler that interrupted it, guard depth above one) goes straight out:
 * the code it interrupted may hold the buffer's lock.
 */
static int
stderr_out(void *ctx, const struct wl_event *ev, const char *rec, size_t len)
{
	(void)ctx;
	if (wl_proc.buffer_ms > 0 && wl_guard_depth <= 1)
		return wl_outbuf_add(rec, len, ev->severity >= WL_SEV_ERROR);
	return wl_sink_write_stderr(rec, len);
}

/* A record in the process's own format on stderr: where a sink's records
 * go while it fails. */
static int
to_stderr(const struct wl_event *ev)
{
	return with_record(ev, wl_proc.format, &wl_proc.fmt_opts, stderr_out,
	    NULL);
}

/* ---- Default routing. ---- */

static int
syslog_classic(struct wl_syslog_sink *s, const struct wl_event *ev,
    bool in_handler)
{
	char buf[8192];
	size_t n = wl_syslog_render(ev, buf, sizeof(buf));
	return wl_syslog_sink_send(s, buf, n, in_handler);
}

static int
default_route(const struct wl_event *ev)
{
	if (ev->source == WL_SRC_SYSLOG) {
		int saved = errno;
		bool copy = (ev->flags & WL_EV_PERROR) != 0;
		if (syslog_classic(&default_syslog, ev, wl_guard_depth > 1) != 0)
			copy = true;
		errno = saved;
		if (copy)
			(void)to_stderr(ev);
		errno = saved;
		return 0;
	}
	if (wl_proc.passthrough)
		return 0;	/* its bytes are on stderr already */
	return to_stderr(ev);
}

/* ---- Configured sinks. ---- */

/* What one delivery knows while it runs through the sinks. */
struct run {
	struct sink *s;
	bool in_handler;
	bool on_stderr;		/* the event reaches stderr anyway */
};

/* S failed to take EV (errno says why): one notice per failure, then the
 * record on stderr unless the event is there already. */
static void
fail_over(struct run *r, const struct wl_event *ev, const char *rec,
    size_t len)
{
	struct sink *s = r->s;
	int e = errno;
	if (__atomic_exchange_n(&s->failing, 1, __ATOMIC_ACQ_REL) == 0) {
		/* strerrordesc_np: a constant string, no locale, no malloc
		 * (this may run in a signal handler). */
		const char *why = strerrordesc_np(e);
		if (s->type == WL_SINK_FILE)
			wl_diag("sink '%s': cannot write '%s': %s (its records "
			    "go to stderr)", s->conf->name, s->conf->target,
			    why != NULL ? why : "error");
		else
			wl_diag("sink '%s': cannot send to %s: %s (its records "
			    "go to stderr)", s->conf->name,
			    s->conf->target[0] != '\0' ? s->conf->target :
			    wl_sink_type_name(s->type), why != NULL ? why :
			    "error");
	}
	if (r->on_stderr)
		return;
	/* A file's record is a line in a readable format; the others are
	 * written in the process's own. */
	if (s->type == WL_SINK_FILE && rec != NULL && len > 0)
		(void)stderr_out(NULL, ev, rec, len);
	else
		(void)to_stderr(ev);
}

static void
recovered(struct sink *s)
{
	if (__atomic_load_n(&s->failing, __ATOMIC_RELAXED) != 0 &&
	    __atomic_exchange_n(&s->failing, 0, __ATOMIC_ACQ_REL) != 0)
		wl_diag("sink '%s': working again", s->conf->name);
}

static int
file_out(void *ctx, const struct wl_event *ev, const char *rec, size_t len)
{
	struct run *r = ctx;
	if (wl_file_sink_write(&r->s->file, rec, len, r->in_handler) != 0) {
		fail_over(r, ev, rec, len);
		return -1;
	}
	recovered(r->s);
	return 0;
}

/* rfc5424 to the local socket: the record without its newline. */
static int
syslog_out(void *ctx, const struct wl_event *ev, const char *rec, size_t len)
{
	struct run *r = ctx;
	size_t n = len > 0 && rec[len - 1] == '\n' ? len - 1 : len;
	if (wl_syslog_sink_send(&r->s->sys, rec, n, r->in_handler) != 0) {
		fail_over(r, ev, NULL, 0);
		return -1;
	}
	recovered(r->s);
	return 0;
}

#ifdef WL_HAVE_NETQ
/* A full queue drops the record and reports the drop itself (in its
 * stream, with a count); a queue that could not be opened (a bad
 * address) sends the sink's records to stderr. */
static int
net_out(void *ctx, const struct wl_event *ev, const char *rec, size_t len)
{
	struct run *r = ctx;
	if (r->s->q == NULL) {
		errno = ENOTCONN;
		fail_over(r, ev, rec, len);
		return -1;
	}
	return wl_netq_push(r->s->q, rec, len);
}
#endif

static bool
wants(const struct sink *s, const struct wl_event *ev)
{
	if (ev->severity < s->min_sev || ev->severity > s->max_sev)
		return false;
	if (s->source >= 0 && s->source != ev->source)
		return false;
	if (s->rules != 0)	/* the rule that matched, if any */
		return ev->rule != 0 && (s->rules & (1u << (ev->rule - 1)));
	return true;
}

int
wl_sink_deliver(const struct wl_event *ev)
{
	if (nsinks == 0)
		return default_route(ev);

	int saved = errno, err = 0, rc = 0;
	bool tee = wl_proc.passthrough && ev->source == WL_SRC_STDERR;
	unsigned want = 0;
	struct run r = { .in_handler = wl_guard_depth > 1, .on_stderr = tee };

	for (unsigned i = 0; i < nsinks; i++) {
		if (!wants(&sinks[i], ev))
			continue;
		if (sinks[i].type == WL_SINK_STDERR) {
			if (tee)
				continue;
			r.on_stderr = true;
		}
		want |= 1u << i;
	}
	for (unsigned i = 0; i < nsinks; i++) {
		if (!(want & (1u << i)))
			continue;
		struct sink *s = r.s = &sinks[i];
		switch (s->type) {
		case WL_SINK_STDERR:
			if (with_record(ev, s->fmt, &s->opts, stderr_out,
			    NULL) != 0 && rc == 0) {
				rc = -1;
				err = errno;
			}
			break;
		case WL_SINK_FILE:
			(void)with_record(ev, s->fmt, &s->opts, file_out, &r);
			break;
		case WL_SINK_SYSLOG:
			if (!s->rfc3164) {
				(void)with_record(ev, s->fmt, &s->opts,
				    syslog_out, &r);
			} else if (syslog_classic(&s->sys, ev,
			    r.in_handler) != 0) {
				fail_over(&r, ev, NULL, 0);
			} else {
				recovered(s);
			}
			break;
#ifdef WL_HAVE_NETQ
		default:
			(void)with_record(ev, s->fmt, &s->opts, net_out, &r);
			break;
#endif
		}
	}
	errno = rc != 0 ? err : saved;
	return rc;
}

/* ---- Set-up and life cycle. ---- */

/* The top severity of the canonical level whose lowest one is SEV
 * ("max_level = error" takes crit and alert too); another number is
 * taken as it is ("max_level = crit"). */
static int
level_top(int sev)
{
	switch (sev) {
	case 0: return 255;
	case WL_SEV_TRACE: return 4;
	case WL_SEV_DEBUG: return 8;
	case WL_SEV_NOTICE: return 12;
	case WL_SEV_WARN: return 16;
	case WL_SEV_ERROR: return 20;
	case WL_SEV_FATAL: return 255;
	default: return sev;
	}
}

#ifdef WL_HAVE_NETQ
static void
open_queue(struct sink *s)
{
	const struct wl_sink_conf *c = s->conf;
	char err[256];
	enum wl_net_kind kind = s->type == WL_SINK_UDP ? WL_NET_UDP :
	    s->type == WL_SINK_TCP ? WL_NET_TCP : WL_NET_UNIX_DGRAM;
	const char *addr = c->target[0] != '\0' ? c->target :
	    WL_JOURNAL_SOCKET;

	err[0] = '\0';
	s->q = wl_netq_open(c->name, kind, addr, s->fmt, c->queue, err,
	    sizeof(err));
	if (s->q == NULL) {
		wl_diag("sink '%s': %s (its records go to stderr)", c->name,
		    err[0] != '\0' ? err : "cannot open the queue");
		s->failing = 1;
		return;
	}
	queues = true;
}
#endif

void
wl_sink_setup(const struct wl_config *c)
{
	wl_syslog_sink_init(&default_syslog, wl_proc.syslog_socket);
	wl_proc.passthrough = c->passthrough;
	nsinks = 0;
	for (unsigned i = 0; i < c->nsinks && i < WL_SINK_MAX; i++) {
		const struct wl_sink_conf *sc = &c->sinks[i];
		struct sink *s = &sinks[nsinks];
		memset(s, 0, sizeof(*s));
		s->conf = sc;
		s->type = sc->type;
		s->min_sev = sc->min_level;
		s->max_sev = level_top(sc->max_level);
		s->source = sc->source;
		s->rules = sc->rules;
		s->opts = wl_proc.fmt_opts;
		if (sc->type != WL_SINK_STDERR)
			s->opts.flags &= ~(unsigned)WL_FMT_COLOR;
		s->fmt = sc->format >= 0 ? (enum wl_format)sc->format :
		    wl_proc.format;
		switch (sc->type) {
		case WL_SINK_STDERR:
			if (sc->passthrough)
				wl_proc.passthrough = true;
			break;
		case WL_SINK_FILE:
			wl_file_sink_init(&s->file, sc->target, sc->max_size,
			    sc->keep);
			break;
		case WL_SINK_SYSLOG:
			s->rfc3164 = sc->format != WL_FMT_RFC5424;
			wl_syslog_sink_init(&s->sys, sc->target[0] != '\0' ?
			    sc->target : wl_proc.syslog_socket);
			break;
		case WL_SINK_UDP:
		case WL_SINK_TCP:
		case WL_SINK_JOURNALD:
#ifdef WL_HAVE_NETQ
			if (sc->format < 0)
				s->fmt = sc->type == WL_SINK_JOURNALD ?
				    WL_FMT_JOURNAL : WL_FMT_RFC5424;
			open_queue(s);
			break;
#else
			/* The configuration refuses these types in a build
			 * without the queue. */
			continue;
#endif
		default:
			continue;
		}
		nsinks++;
	}
}

bool
wl_sink_queues(void)
{
	return queues;
}

void
wl_sink_flush(bool from_signal)
{
	/* Records stderr refused (the program was told when it wrote them;
	 * a buffered record or a summary had no one to tell): say how many,
	 * in case stderr takes this line.  Not from a signal handler:
	 * formatting the line is not async-signal-safe. */
	unsigned long lost = from_signal ? 0 :
	    __atomic_exchange_n(&stderr_lost, 0, __ATOMIC_RELAXED);
	if (lost > 0)
		wl_diag("%lu record%s could not be written to stderr", lost,
		    lost == 1 ? "" : "s");
#ifdef WL_HAVE_NETQ
	if (queues)
		wl_netq_flush_all(from_signal ? WL_FLUSH_SIGNAL_MS :
		    WL_FLUSH_MS, from_signal);
#else
	(void)from_signal;
#endif
}

void
wl_sink_syslog_connect(void)
{
	wl_syslog_sink_connect(&default_syslog);
	for (unsigned i = 0; i < nsinks; i++)
		if (sinks[i].type == WL_SINK_SYSLOG)
			wl_syslog_sink_connect(&sinks[i].sys);
}

void
wl_sink_syslog_close(void)
{
	wl_syslog_sink_close(&default_syslog);
	for (unsigned i = 0; i < nsinks; i++)
		if (sinks[i].type == WL_SINK_SYSLOG)
			wl_syslog_sink_close(&sinks[i].sys);
}

void
wl_sink_after_fork(void)
{
	wl_syslog_sink_after_fork(&default_syslog);
	for (unsigned i = 0; i < nsinks; i++) {
		if (sinks[i].type == WL_SINK_SYSLOG)
			wl_syslog_sink_after_fork(&sinks[i].sys);
		else if (sinks[i].type == WL_SINK_FILE)
			wl_file_sink_after_fork(&sinks[i].file);
	}
#ifdef WL_HAVE_NETQ
	if (queues)
		wl_netq_after_fork();
#endif
}
