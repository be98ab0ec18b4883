/*
 * netq.c - the queues of the network and journald sinks (see netq.h):
 * the ring, pushing, the drain thread, opening, fork.  Connections and
 * sending are in netq_send.c, notices and the flush at exit in
 * netq_note.c; netq_int.h is what they share.
 *
 * The ring.  Each queue owns one mmap'd region of CAP bytes, used as a
 * ring of records addressed by 64-bit positions that only grow: head (the
 * bytes reserved by producers) and tail (the bytes the consumer gave
 * back).  A record is an 8-byte header word, then its bytes, padded to 8.
 * A producer reserves its span with a compare-and-swap on head, copies
 * the record, and then stores the header (length and a COMMIT flag) with
 * release order; a header word of zero means "not written yet", and the
 * consumer stops there.  A record never wraps: the space left at the end
 * of the ring is taken by a SKIP header.  The consumer zeroes what it
 * gives back before it moves tail, so any byte a producer can reserve is
 * zero.  So pushing takes no lock: two threads, or a thread and a signal
 * handler that interrupted it, never wait for each other.
 *
 * The consumer side of a queue (its socket, what was sent, the notice in
 * flight) belongs to whoever holds the queue's spinlock: the drain thread
 * for a round, or wl_netq_flush_all at exit.  Neither holds it while it
 * sleeps.
 *
 * Connections are non-blocking.  The drain thread waits in poll() when a
 * socket must become writable (a TCP connect, a full send buffer) and
 * otherwise on a futex that producers wake, but only when it sleeps and
 * the queue is one whose new record it would act on: a producer that
 * logs while its server is down costs no system call.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>
#include "guard.h"
#include "netq_int.h"
#include "real.h"
#include "spin.h"

struct wl_netq wl_nq_queues[WL_NETQ_MAX];
int wl_nq_count;
WL_TLS int wl_nq_in_drain;
static int open_lock;

/* The drain thread: 0 none, 1 running; its futex word and sleep flag. */
static int thread_state;
static unsigned wake;
static int sleeping;

/* ---- producers. */

static void
kick(struct wl_netq *q)
{
	/* Pairs with the fence in drain_wait: either the thread sees the
	 * record, or this sees it asleep. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&q->want_kick, __ATOMIC_RELAXED) ||
	    !__atomic_load_n(&sleeping, __ATOMIC_RELAXED) ||
	    !__atomic_exchange_n(&sleeping, 0, __ATOMIC_ACQ_REL))
		return;
	__atomic_add_fetch(&wake, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &wake, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

void
wl_nq_drop(struct wl_netq *q, unsigned why)
{
	long long now = wl_nq_real_us(), zero = 0;
	__atomic_compare_exchange_n(&q->drop_first, &zero, now, false,
	    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
	__atomic_store_n(&q->drop_last, now, __ATOMIC_RELAXED);
	__atomic_or_fetch(&q->drop_why, why, __ATOMIC_RELAXED);
	__atomic_add_fetch(&q->dropped_total, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&q->dropped, 1, __ATOMIC_RELEASE);
}

int
wl_netq_push(struct wl_netq *q, const char *rec, size_t len)
{
	if (q == NULL)
		return -1;
	int saved = errno;
	size_t span = wl_nq_span((uint32_t)len);
	if (q->ring == NULL || len > UINT32_MAX || span > q->cap / 2) {
		wl_nq_drop(q, q->ring == NULL ? WL_NQ_WHY_DOWN : WL_NQ_WHY_LONG);
		errno = saved;
		return -1;
	}
	uint64_t h, pad;
	for (;;) {
		/* tail first: head read after it is never behind it. */
		uint64_t t = __atomic_load_n(&q->tail, __ATOMIC_ACQUIRE);
		h = __atomic_load_n(&q->head, __ATOMIC_ACQUIRE);
		size_t off = h % q->cap;
		pad = off + span > q->cap ? q->cap - off : 0;
		if (h + pad + span - t > q->cap) {
			wl_nq_drop(q, __atomic_load_n(&q->up, __ATOMIC_RELAXED) ?
			    WL_NQ_WHY_FULL : WL_NQ_WHY_DOWN);
			errno = saved;
			return -1;
		}
		if (__atomic_compare_exchange_n(&q->head, &h, h + pad + span,
		    false, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			break;
	}
	if (pad != 0)
		__atomic_store_n(wl_nq_hdr_at(q, h), pad | (uint64_t)WL_NQ_SKIP << 32,
		    __ATOMIC_RELEASE);
	uint64_t at = h + pad;
	memcpy(q->ring + at % q->cap + WL_NQ_HDR, rec, len);
	__atomic_store_n(wl_nq_hdr_at(q, at), len | (uint64_t)WL_NQ_COMMIT << 32,
	    __ATOMIC_RELEASE);
	__atomic_add_fetch(&q->queued, 1, __ATOMIC_RELAXED);
	kick(q);
	errno = saved;
	return 0;
}

/* ---- the consumer's view of the ring. */

/* The record at POS, if it is written.  False at head or at a record
 * still being copied. */
bool
wl_nq_rec_at(const struct wl_netq *q, uint64_t pos, struct wl_nq_rec *r)
{
	if (pos >= __atomic_load_n(&q->head, __ATOMIC_ACQUIRE))
		return false;
	uint64_t w = __atomic_load_n(wl_nq_hdr_at(q, pos), __ATOMIC_ACQUIRE);
	if (w == 0)
		return false;
	r->len = (uint32_t)w;
	if ((w >> 32) & WL_NQ_SKIP) {
		r->p = NULL;
		r->span = r->len;
	} else {
		r->p = q->ring + pos % q->cap + WL_NQ_HDR;
		r->span = wl_nq_span(r->len);
	}
	return true;
}

/* Give back everything before POS: zeroed, then tail moves. */
void
wl_nq_free_to(struct wl_netq *q, uint64_t pos)
{
	uint64_t t = q->tail;
	while (t < pos) {
		size_t off = t % q->cap;
		size_t n = q->cap - off;
		if (n > pos - t)
			n = (size_t)(pos - t);
		memset(q->ring + off, 0, n);
		t += n;
	}
	__atomic_store_n(&q->tail, pos, __ATOMIC_RELEASE);
}

/* ---- the drain thread. */

/* True when a queue has a record to send.  Reads the consumer's
 * fields under the queue's lock, as the service round does. */
static bool
any_work(void)
{
	int n = __atomic_load_n(&wl_nq_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n; i++) {
		struct wl_netq *q = &wl_nq_queues[i];
		if (!q->used || __atomic_load_n(&q->paused, __ATOMIC_ACQUIRE) ||
		    !__atomic_load_n(&q->want_kick, __ATOMIC_RELAXED))
			continue;
		/* A flush holding the lock owns the consumer's fields; the
		 * caller's short wait (next = now + 1) looks again. */
		if (!wl_spin_trylock(&q->lock))
			continue;
		struct wl_nq_rec r;
		bool some = wl_nq_rec_at(q, q->state == WL_NQ_UP ? q->cursor :
		    q->tail, &r);
		wl_spin_unlock(&q->lock);
		if (some)
			return true;
	}
	return false;
}

static void
drain_wait(long long timeout_ms)
{
	unsigned seen = __atomic_load_n(&wake, __ATOMIC_ACQUIRE);
	__atomic_store_n(&sleeping, 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!any_work()) {
		struct timespec t, *tp = NULL;
		if (timeout_ms >= 0) {
			t.tv_sec = (time_t)(timeout_ms / 1000);
			t.tv_nsec = (long)(timeout_ms % 1000) * 1000000;
			tp = &t;
		}
		syscall(SYS_futex, &wake, FUTEX_WAIT_PRIVATE, seen, tp, NULL, 0);
	}
	__atomic_store_n(&sleeping, 0, __ATOMIC_RELAXED);
}

static void *
drain_main(void *arg)
{
	(void)arg;
	/* The library's own work: nothing it calls re-enters a hook. */
	wl_guard_depth = 1;
	wl_nq_in_drain = 1;
	for (;;) {
		long long now = wl_nq_mono_ms(), next = LLONG_MAX;
		struct pollfd pfd[WL_NETQ_MAX];
		int np = 0;
		int n = __atomic_load_n(&wl_nq_count, __ATOMIC_ACQUIRE);
		for (int i = 0; i < n; i++) {
			struct wl_netq *q = &wl_nq_queues[i];
			struct wl_nq_want w;
			if (!q->used ||
			    __atomic_load_n(&q->paused, __ATOMIC_ACQUIRE))
				continue;
			if (!wl_spin_trylock(&q->lock)) {
				next = now + 1;	/* a flush has it */
				continue;
			}
			wl_nq_service(q, now, &w);
			if (w.events != 0) {
				pfd[np].fd = q->fd;
				pfd[np].events = w.events;
				np++;
			}
			wl_spin_unlock(&q->lock);
			if (w.at < next)
				next = w.at;
		}
		long long wait = next == LLONG_MAX ? -1 :
		    next > now ? next - now : 0;
		if (np > 0) {
			if (wait < 0 || wait > WL_NQ_POLL_SLICE_MS)
				wait = WL_NQ_POLL_SLICE_MS;
			(void)poll(pfd, (nfds_t)np, (int)wait);
		} else if (wait != 0) {
			drain_wait(wait);
		}
	}
	return NULL;
}

static void
start_thread(void)
{
	if (__atomic_load_n(&thread_state, __ATOMIC_ACQUIRE) != 0)
		return;
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t t;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	if (pthread_create(&t, &attr, drain_main, NULL) == 0) {
		__atomic_store_n(&thread_state, 1, __ATOMIC_RELEASE);
		(void)pthread_setname_np(t, "withlog-net");
	}
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* ---- opening. */

static void
say_err(char *err, size_t cap, const char *a, const char *b, const char *c)
{
	struct wl_nq_line l = { .n = 0 };
	wl_nq_line_str(&l, a);
	wl_nq_line_str(&l, b);
	wl_nq_line_str(&l, c);
	if (cap == 0)
		return;
	if (l.n >= cap)
		l.n = cap - 1;
	memcpy(err, l.buf, l.n);
	err[l.n] = '\0';
}

/* ADDRESS into q->sa.  Returns 0, or -1 with ERR filled. */
static int
resolve(struct wl_netq *q, const char *address, char *err, size_t errcap)
{
	char host[256], port[8] = "514";
	const char *colon = strrchr(address, ':');
	size_t hl;

	if (address[0] == '[') {
		const char *end = strchr(address, ']');
		if (end == NULL || (end[1] != '\0' && end[1] != ':')) {
			say_err(err, errcap, "bad address '", address,
			    "' (expected [IPV6]:PORT)");
			return -1;
		}
		hl = (size_t)(end - address - 1);
		memcpy(host, address + 1, hl < sizeof(host) ? hl : 0);
		colon = end[1] == ':' ? end + 1 : NULL;
	} else if (colon != NULL && strchr(address, ':') != colon) {
		/* An IPv6 address without brackets: no port. */
		hl = strlen(address);
		colon = NULL;
		memcpy(host, address, hl < sizeof(host) ? hl : 0);
	} else {
		hl = colon != NULL ? (size_t)(colon - address) :
		    strlen(address);
		memcpy(host, address, hl < sizeof(host) ? hl : 0);
	}
	if (hl == 0 || hl >= sizeof(host)) {
		say_err(err, errcap, "bad address '", address,
		    "' (expected HOST:PORT)");
		return -1;
	}
	host[hl] = '\0';
	if (colon != NULL) {
		const char *p = colon + 1;
		long v = 0;
		size_t i = 0;
		for (; p[i] >= '0' && p[i] <= '9' && i < 6; i++)
			v = v * 10 + (p[i] - '0');
		if (i == 0 || p[i] != '\0' || v < 1 || v > 65535) {
			say_err(err, errcap, "bad port in '", address,
			    "' (expected 1 to 65535)");
			return -1;
		}
		memcpy(port, p, i);
		port[i] = '\0';
	}
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = q->kind == WL_NET_TCP ? SOCK_STREAM : SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICSERV;
	int rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0 || res == NULL || res->ai_addrlen > sizeof(q->sa)) {
		say_err(err, errcap, "cannot resolve '", host, "': ");
		size_t used = strlen(err);
		if (used + 1 < errcap) {
			const char *why = rc != 0 ? gai_strerror(rc) :
			    "no address";
			size_t k = strlen(why);
			if (k > errcap - used - 1)
				k = errcap - used - 1;
			memcpy(err + used, why, k);
			err[used + k] = '\0';
		}
		if (res != NULL)
			freeaddrinfo(res);
		return -1;
	}
	memcpy(&q->sa, res->ai_addr, res->ai_addrlen);
	q->salen = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

struct wl_netq *
wl_netq_open(const char *name, enum wl_net_kind kind, const char *address,
    enum wl_format fmt, size_t cap, char *err, size_t errcap)
{
	struct wl_netq tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.kind = kind;
	tmp.fmt = fmt;
	tmp.syslog = fmt != WL_FMT_JOURNAL;
	wl_copy_str(tmp.name, sizeof(tmp.name), name);
	if (kind == WL_NET_UNIX_DGRAM) {
		struct sockaddr_un *sun = (struct sockaddr_un *)&tmp.sa;
		if (address == NULL || address[0] == '\0')
			address = fmt == WL_FMT_JOURNAL ?
			    WL_JOURNAL_SOCKET : "/dev/log";
		if (strlen(address) >= sizeof(sun->sun_path)) {
			say_err(err, errcap, "socket path '", address,
			    "' is too long");
			return NULL;
		}
		sun->sun_family = AF_UNIX;
		strcpy(sun->sun_path, address);
		tmp.salen = sizeof(*sun);
	} else if (kind == WL_NET_UDP || kind == WL_NET_TCP) {
		if (address == NULL || resolve(&tmp, address, err, errcap) != 0) {
			if (address == NULL)
				say_err(err, errcap, "no address for sink '",
				    name, "'");
			return NULL;
		}
	} else {
		say_err(err, errcap, "unknown kind of sink '", name, "'");
		return NULL;
	}
	wl_copy_str(tmp.where, sizeof(tmp.where), address);

	long page = sysconf(_SC_PAGESIZE);
	size_t pg = page > 0 ? (size_t)page : 4096;
	if (cap == 0)
		cap = WL_NETQ_DEFAULT_CAP;
	cap = (cap + pg - 1) / pg * pg;
	tmp.ring = mmap(NULL, cap, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (tmp.ring == MAP_FAILED) {
		say_err(err, errcap, "no memory for the queue of sink '", name,
		    "'");
		return NULL;
	}
	tmp.cap = cap;
	tmp.fd = -1;
	tmp.state = WL_NQ_DOWN;
	tmp.backoff = WL_NETQ_BACKOFF_MIN_MS;
	tmp.want_kick = 1;
	tmp.used = true;

	wl_spin_lock(&open_lock);
	int i = wl_nq_count;
	if (i == WL_NETQ_MAX) {
		wl_spin_unlock(&open_lock);
		munmap(tmp.ring, cap);
		say_err(err, errcap, "too many network sinks (at most 8): '",
		    name, "'");
		return NULL;
	}
	wl_nq_queues[i] = tmp;
	__atomic_store_n(&wl_nq_count, i + 1, __ATOMIC_RELEASE);
	wl_spin_unlock(&open_lock);
	start_thread();
	return &wl_nq_queues[i];
}

/* ---- fork, statistics, tests. */

/*
 * The parent's other threads, its drain thread among them, used all this
 * up to the fork.  What they read or wrote atomically is reset with
 * atomic stores.  The consumer's side is reset under the queue's lock,
 * taken the usual way so that the last holder's writes come before the
 * child's; a lock a thread held at the fork stays taken, and since that
 * thread is not in the child, it is ours.
 */
void
wl_netq_after_fork(void)
{
	int saved = errno;
	int n = __atomic_load_n(&wl_nq_count, __ATOMIC_ACQUIRE);
	__atomic_store_n(&thread_state, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&sleeping, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&wake, 0, __ATOMIC_RELAXED);
	(void)wl_spin_trylock(&open_lock);
	wl_spin_unlock(&open_lock);
	for (int i = 0; i < n; i++) {
		struct wl_netq *q = &wl_nq_queues[i];
		if (!q->used)
			continue;
		(void)wl_spin_trylock(&q->lock);
		/* The parent's connection is the parent's: close our copy,
		 * and never write into its stream. */
		if (q->fd >= 0 && wl_nq_fd_is_ours(q))
			wl_real_close(q->fd);
		q->fd = -1;
		/* A fresh ring: the parent sends what it queued (and a
		 * reservation a parent thread held is no concern here).
		 * Untouched pages of an anonymous mapping cost nothing. */
		if (mmap(q->ring, q->cap, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
		    -1, 0) == MAP_FAILED)
			q->ring = NULL;
		__atomic_store_n(&q->head, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&q->tail, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&q->queued, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&q->dropped, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&q->dropped_total, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&q->drop_first, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&q->drop_last, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&q->drop_why, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&q->up, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&q->want_kick, 1, __ATOMIC_RELAXED);
		q->cursor = 0;
		q->partial = 0;
		q->conn_sent = q->conn_done = 0;
		memset(&q->n, 0, sizeof(q->n));
		q->sent = q->to_stderr = q->unsent = q->reported = 0;
		q->notices = q->connects = 0;
		q->state = WL_NQ_DOWN;
		q->retry_at = 0;
		q->backoff = WL_NETQ_BACKOFF_MIN_MS;
		wl_spin_unlock(&q->lock);
	}
	if (n > 0)
		start_thread();
	errno = saved;
}

void
wl_netq_stats(struct wl_netq *q, struct wl_netq_stats *st)
{
	st->queued = __atomic_load_n(&q->queued, __ATOMIC_RELAXED);
	st->dropped = __atomic_load_n(&q->dropped_total, __ATOMIC_RELAXED);
	wl_spin_lock(&q->lock);
	st->sent = q->sent;
	st->to_stderr = q->to_stderr;
	st->unsent = q->unsent;
	st->reported = q->reported;
	st->notices = q->notices;
	st->connects = q->connects;
	st->connected = q->state == WL_NQ_UP;
	st->fallback = q->fallback;
	wl_spin_unlock(&q->lock);
}

struct wl_netq *
wl_netq_find(const char *name)
{
	int n = __atomic_load_n(&wl_nq_count, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n; i++)
		if (wl_nq_queues[i].used && strcmp(wl_nq_queues[i].name, name) == 0)
			return &wl_nq_queues[i];
	return NULL;
}

void
wl_netq_pause(struct wl_netq *q, bool paused)
{
	__atomic_store_n(&q->paused, paused, __ATOMIC_RELEASE);
	if (!paused) {
		__atomic_store_n(&q->want_kick, 1, __ATOMIC_RELAXED);
		kick(q);
	}
}
