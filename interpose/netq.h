/*
 * netq.h - network and journald sinks: a bounded queue per sink, drained
 * by the library's own thread.
 *
 * A host thread that logs must never wait for a network.  So a record for
 * a remote syslog server (UDP, or TCP with RFC 6587 octet counting) or
 * for journald (a unix datagram socket) is copied into the sink's ring, an
 * mmap'd region sized when the sink is opened, and a background thread
 * sends it.  Pushing takes no lock and never allocates: a compare-and-swap
 * reserves the bytes, so a signal handler may push too.  When the ring is
 * full the record is dropped and counted.
 *
 * The thread connects when there is something to send, reconnects with
 * exponential backoff (100 ms doubling to 5 s), and after an outage sends
 * first a notice, at WARN and in the sink's format, with a "dropped"
 * field:
 *
 *   withlog: sink 'central' dropped 312 events between T1 and T2 (server
 *   unreachable)
 *
 * A sink that cannot connect the first time it tries falls back to the
 * real stderr: one "withlog:" line says so, and its records are written
 * there (so none is lost) until a connection succeeds.  At exit, exec or
 * a fatal signal wl_netq_flush_all sends what waits, within a time limit;
 * what could not be sent (and drops no notice has reported) is summed up
 * in one "withlog:" line on the real stderr.
 *
 * TCP: records stay queued until the server's kernel acknowledged them
 * (SIOCOUTQ), and are sent again on the next connection otherwise, so a
 * server that closes its connections in an orderly way loses nothing and
 * gets nothing twice; one that dies may get the last unacknowledged
 * records twice.  UDP: a record longer than WL_NETQ_DGRAM_MAX is cut (at a
 * UTF-8 boundary); a datagram the network loses is not seen.  journald: a
 * record too long for one datagram goes in a sealed memfd, as the protocol
 * provides.  Syslog transports (UDP, TCP) drop the record's final
 * newline.
 *
 * Fork: the child gets empty rings, its own connections (it never writes
 * into the parent's TCP stream) and its own thread; the parent keeps and
 * sends what it queued.  The thread is started only in normal context:
 * by wl_netq_open and in the fork child (wl_netq_after_fork, which runs
 * from pthread_atfork), never from a push, which may be a signal handler.
 */
#ifndef WL_NETQ_H
#define WL_NETQ_H

#include <stdbool.h>
#include <stddef.h>
#include "format.h"

/* Most queues per process. */
#define WL_NETQ_MAX 8
/* The default size of a queue's ring (CAP 0). */
#define WL_NETQ_DEFAULT_CAP ((size_t)1 << 20)
/* The longest syslog datagram sent (UDP, or a unix datagram socket in a
 * format other than journal's): rsyslog's default maximum message size is
 * 8 KiB.  Longer records are cut. */
#define WL_NETQ_DGRAM_MAX 8192
/* Backoff between connection attempts. */
#define WL_NETQ_BACKOFF_MIN_MS 100
#define WL_NETQ_BACKOFF_MAX_MS 5000
/* A time limit for wl_netq_flush_all that suits exit. */
#define WL_NETQ_FLUSH_MS 1000
/* journald's socket, the address of a journal sink given none. */
#define WL_JOURNAL_SOCKET "/run/systemd/journal/socket"

enum wl_net_kind { WL_NET_UDP, WL_NET_TCP, WL_NET_UNIX_DGRAM };

struct wl_netq;

/*
 * Open a queue for sink NAME sending to ADDRESS in format FMT (its own
 * notices are written in FMT too), holding at most CAP bytes of records
 * (0: WL_NETQ_DEFAULT_CAP; rounded up to whole pages; each record takes
 * 8 bytes more than its length, rounded up to 8).
 *
 * ADDRESS, for UDP and TCP: "HOST:PORT", "[IPV6]:PORT", or HOST alone for
 * port 514; HOST is an address or a name, resolved here (the first
 * address getaddrinfo gives).  For UNIX_DGRAM: a socket path; NULL or ""
 * is journald's socket in format WL_FMT_JOURNAL, else /dev/log.
 *
 * Normal context only: it may allocate and resolve names.  It never
 * connects.  Returns the queue, or NULL with a message ("bad port in
 * 'x:y'", "cannot resolve 'h': ...", "too many network sinks") in ERR.
 */
struct wl_netq *wl_netq_open(const char *name, enum wl_net_kind kind,
    const char *address, enum wl_format fmt, size_t cap, char *err,
    size_t errcap) __attribute__((nonnull(1, 6), warn_unused_result));

/*
 * Queue one formatted record REC (LEN bytes, normally ending in '\n').
 * Never blocks, never allocates, takes no lock: safe in a signal handler.
 * Returns 0 when queued, -1 when dropped (the ring is full, or the record
 * is longer than half of it; counted and reported).  errno is kept.
 */
int wl_netq_push(struct wl_netq *q, const char *rec, size_t len);

/*
 * Send what waits in every queue, within TIMEOUT_MS in total (exit, exec,
 * a fatal signal): connect once more if a connection is down, write a
 * sink's records to stderr if it never connected, then write one
 * "withlog:" line per queue for what could not be sent.  Those records
 * are given up (and not reported twice).  Async-signal-safe; FROM_SIGNAL
 * is true in a signal handler (the path is the same; it is not waited
 * on anything the interrupted code may hold).  errno is kept.
 */
void wl_netq_flush_all(int timeout_ms, bool from_signal);

/* In a fork child (pthread_atfork): empty queues, no connections, a new
 * thread. */
void wl_netq_after_fork(void);

/* What a queue did, for tests and diagnostics. */
struct wl_netq_stats {
	unsigned long long queued;	/* records pushed and kept */
	unsigned long long dropped;	/* records pushed and dropped */
	unsigned long long sent;	/* records the server took */
	unsigned long long to_stderr;	/* records written to stderr instead */
	unsigned long long unsent;	/* given up at exit */
	unsigned long long reported;	/* drops announced by a notice */
	unsigned long long notices;	/* notices sent */
	unsigned long long connects;	/* connections made */
	bool connected;
	bool fallback;			/* writing to stderr: never connected */
};

/* Fill ST from Q.  The consumer's counts are copied under the queue's
 * lock (the drain thread holds it for one round at most): not for a
 * signal handler. */
void wl_netq_stats(struct wl_netq *q, struct wl_netq_stats *st)
    __attribute__((nonnull));

/* The queue opened as NAME, or NULL. */
struct wl_netq *wl_netq_find(const char *name) __attribute__((nonnull));

/*
 * Tests: while PAUSED the thread leaves the queue alone (records collect,
 * then drops), as if its server were unreachable.
 */
void wl_netq_pause(struct wl_netq *q, bool paused) __attribute__((nonnull));

#endif
