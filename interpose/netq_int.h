/*
 * netq_int.h - what the three files of the network queues share (private
 * to netq.c, netq_send.c and netq_note.c; the contract is netq.h).
 *
 *   netq.c       the ring, pushing, the drain thread, opening, fork
 *   netq_send.c  connections, framing, sending, one round of work
 *   netq_note.c  the drop notice, "withlog:" lines, the stderr fallback,
 *                the flush at exit
 */
#ifndef WL_NETQ_INT_H
#define WL_NETQ_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include "guard.h"
#include "netq.h"

#define WL_NQ_HDR 8		/* the header word before each record */
#define WL_NQ_COMMIT 1u		/* header flags (the word's high half) */
#define WL_NQ_SKIP 2u

/* Why records were dropped (a bit set, reported in the notice). */
#define WL_NQ_WHY_DOWN 1u	/* no connection */
#define WL_NQ_WHY_FULL 2u	/* connected, but slower than the host */
#define WL_NQ_WHY_LONG 4u	/* longer than half the ring */

/* A TCP connect that takes longer fails. */
#define WL_NQ_CONNECT_TIMEOUT_MS 5000
/* While sent TCP bytes wait for their acknowledgement, look again this
 * often. */
#define WL_NQ_ACK_POLL_MS 10
/* A drain round waits on a socket at most this long, so that another
 * queue's records do not wait long. */
#define WL_NQ_POLL_SLICE_MS 20
/* Records per send call. */
#define WL_NQ_BATCH 64

enum { WL_NQ_DOWN, WL_NQ_CONNECTING, WL_NQ_UP };
enum { WL_NQ_SENT_ALL, WL_NQ_BLOCKED, WL_NQ_FAILED };

struct wl_netq {
	/* Set by wl_netq_open, then only read. */
	bool used;
	bool syslog;			/* strip the final newline */
	enum wl_net_kind kind;
	enum wl_format fmt;
	char name[64];
	char where[160];		/* the address as given, for messages */
	struct sockaddr_storage sa;
	socklen_t salen;
	char *ring;
	size_t cap;

	/* Producers. */
	uint64_t head __attribute__((aligned(64)));
	unsigned long long queued;
	unsigned long long dropped;	/* not yet taken into a notice */
	unsigned long long dropped_total;
	long long drop_first, drop_last;	/* CLOCK_REALTIME, us */
	unsigned drop_why;
	int up;				/* the consumer's state, for drop_why */
	int want_kick;			/* a new record would be acted on */
	bool paused;

	/* Consumer: under lock. */
	uint64_t tail __attribute__((aligned(64)));
	int lock;
	int state;
	int fd;
	dev_t dev;			/* the socket's identity: the host */
	ino_t ino;			/* may close it and reuse the number */
	long long retry_at, deadline;	/* CLOCK_MONOTONIC, ms */
	int backoff;
	int last_err;
	bool ever_up;			/* connected once: outages queue */
	bool fallback;			/* never connected: records to stderr */
	bool fallback_said;
	bool flushing;			/* in wl_netq_flush_all */
	uint64_t cursor;		/* the next record to send */
	size_t partial;			/* bytes of its frame already sent */
	unsigned long long conn_sent;	/* bytes written on this connection */
	unsigned long long conn_done;	/* of them, acknowledged and freed */

	/* The drop notice (one at a time). */
	struct {
		bool pending;		/* taken from the counters, not sent */
		bool ready;		/* rendered for this connection */
		unsigned long long count;
		long long first, last;
		unsigned why;
		unsigned long long at;	/* its offset in the TCP stream */
		size_t len, sent;
		char buf[2048 + 24];
	} n;

	/* Statistics (consumer: under lock). */
	unsigned long long sent, to_stderr, unsent, reported, notices,
	    connects;
};

extern struct wl_netq wl_nq_queues[WL_NETQ_MAX];
extern int wl_nq_count;			/* queues opened */
/* Set on the drain thread: a fatal signal there must not wait for the
 * locks it holds. */
extern WL_TLS int wl_nq_in_drain;

/* A record as the consumer sees it. */
struct wl_nq_rec {
	const char *p;		/* NULL for a SKIP */
	uint32_t len;
	size_t span;
};

/* A "withlog:" line being built. */
struct wl_nq_line {
	char buf[512];
	size_t n;
};

/* What the drain thread should wait for after a round on a queue. */
struct wl_nq_want {
	short events;		/* poll the socket for these */
	long long at;		/* come back at this time */
};

static inline long long
wl_nq_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline long long
wl_nq_real_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The bytes a record of LEN bytes takes in the ring. */
static inline size_t
wl_nq_span(uint32_t len)
{
	return WL_NQ_HDR + (((size_t)len + 7) & ~(size_t)7);
}

static inline uint64_t *
wl_nq_hdr_at(const struct wl_netq *q, uint64_t pos)
{
	return (uint64_t *)(void *)(q->ring + pos % q->cap);
}

/* netq.c: the ring. */
void wl_nq_drop(struct wl_netq *q, unsigned why);
/* The record at POS, if it is written (false at head or at a record
 * still being copied). */
bool wl_nq_rec_at(const struct wl_netq *q, uint64_t pos,
    struct wl_nq_rec *r);
/* Give back everything before POS: zeroed, then tail moves. */
void wl_nq_free_to(struct wl_netq *q, uint64_t pos);

/* netq_send.c. */
size_t wl_nq_body_len(const struct wl_netq *q, const struct wl_nq_rec *r);
size_t wl_nq_frame_prefix(size_t body, char out[24]);
size_t wl_nq_frame_len(const struct wl_netq *q, const struct wl_nq_rec *r);
bool wl_nq_fd_is_ours(const struct wl_netq *q);
void wl_nq_disconnect(struct wl_netq *q);
void wl_nq_fail(struct wl_netq *q, int err, long long now);
void wl_nq_start_connect(struct wl_netq *q, long long now);
bool wl_nq_connect_done(struct wl_netq *q, long long now);
bool wl_nq_peer_closed(const struct wl_netq *q);
void wl_nq_ack_free(struct wl_netq *q);
bool wl_nq_has_work(const struct wl_netq *q);
int wl_nq_send_some(struct wl_netq *q);
void wl_nq_service(struct wl_netq *q, long long now, struct wl_nq_want *w);

/* netq_note.c. */
void wl_nq_line_str(struct wl_nq_line *l, const char *s);
void wl_nq_line_num(struct wl_nq_line *l, unsigned long long v);
void wl_nq_line_dropped(struct wl_nq_line *l, unsigned long long count,
    long long first, long long last, unsigned why);
const char *wl_nq_err_text(int e);
void wl_nq_say(struct wl_nq_line *l);
bool wl_nq_has_drops(const struct wl_netq *q);
void wl_nq_take_drops(struct wl_netq *q);
void wl_nq_notice_prepare(struct wl_netq *q);
void wl_nq_notice_done(struct wl_netq *q);
void wl_nq_fallback_drain(struct wl_netq *q);

#endif
