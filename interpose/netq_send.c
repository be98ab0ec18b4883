/*
 * netq_send.c - the network queues' connections and sending (see
 * netq_int.h): non-blocking connects, octet-counted TCP frames written
 * with sendmsg and freed once acknowledged, datagrams with sendmmsg (a
 * journal entry too long for one in a sealed memfd), and the work of one
 * round on a queue.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/sockios.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include "netq_int.h"
#include "real.h"

/* ---- framing. */

/* The bytes of record R a syslog transport sends: without its final
 * newline; for a datagram, cut to WL_NETQ_DGRAM_MAX at a UTF-8
 * boundary. */
size_t
wl_nq_body_len(const struct wl_netq *q, const struct wl_nq_rec *r)
{
	size_t n = r->len;
	if (!q->syslog)
		return n;
	if (n > 0 && r->p[n - 1] == '\n')
		n--;
	if (q->kind != WL_NET_TCP && n > WL_NETQ_DGRAM_MAX) {
		n = WL_NETQ_DGRAM_MAX;
		for (int k = 0; k < 3 && n > 0 &&
		    ((unsigned char)r->p[n] & 0xC0) == 0x80; k++)
			n--;
	}
	return n;
}

/* "LEN " of an octet-counted frame (RFC 6587 3.4.1) into OUT. */
size_t
wl_nq_frame_prefix(size_t body, char out[24])
{
	char tmp[24];
	size_t i = sizeof(tmp);
	do {
		tmp[--i] = (char)('0' + body % 10);
		body /= 10;
	} while (body != 0);
	size_t n = sizeof(tmp) - i;
	memcpy(out, tmp + i, n);
	out[n] = ' ';
	return n + 1;
}

/* The bytes record R takes on a TCP connection (0 for an empty one,
 * which is not sent: a frame cannot be empty). */
size_t
wl_nq_frame_len(const struct wl_netq *q, const struct wl_nq_rec *r)
{
	char pre[24];
	if (r->p == NULL)
		return 0;
	size_t b = wl_nq_body_len(q, r);
	return b == 0 ? 0 : wl_nq_frame_prefix(b, pre) + b;
}

/* ---- connections. */

bool
wl_nq_fd_is_ours(const struct wl_netq *q)
{
	struct stat st;
	return q->fd >= 0 && fstat(q->fd, &st) == 0 && st.st_dev == q->dev &&
	    st.st_ino == q->ino;
}

/* Forget the connection: records not acknowledged go again on the next
 * one, and so does a notice that was not. */
void
wl_nq_disconnect(struct wl_netq *q)
{
	if (q->fd >= 0 && wl_nq_fd_is_ours(q))
		wl_real_close(q->fd);
	q->fd = -1;
	q->state = WL_NQ_DOWN;
	__atomic_store_n(&q->up, 0, __ATOMIC_RELAXED);
	q->cursor = q->tail;
	q->partial = 0;
	q->conn_sent = q->conn_done = 0;
	q->n.ready = false;
}

void
wl_nq_fail(struct wl_netq *q, int err, long long now)
{
	wl_nq_disconnect(q);
	q->last_err = err;
	q->retry_at = now + q->backoff;
	q->backoff = q->backoff * 2 < WL_NETQ_BACKOFF_MAX_MS ?
	    q->backoff * 2 : WL_NETQ_BACKOFF_MAX_MS;
	if (!q->ever_up && !q->fallback) {
		q->fallback = true;
		if (!q->fallback_said) {
			struct wl_nq_line l = { .n = 0 };
			q->fallback_said = true;
			wl_nq_line_str(&l, "withlog: cannot connect sink '");
			wl_nq_line_str(&l, q->name);
			wl_nq_line_str(&l, "' to '");
			wl_nq_line_str(&l, q->where);
			wl_nq_line_str(&l, "': ");
			wl_nq_line_str(&l, wl_nq_err_text(err));
			wl_nq_line_str(&l, " (its events go to stderr until it can)");
			wl_nq_say(&l);
		}
	}
}

static void
connected(struct wl_netq *q)
{
	struct stat st;
	if (fstat(q->fd, &st) == 0) {
		q->dev = st.st_dev;
		q->ino = st.st_ino;
	}
	q->state = WL_NQ_UP;
	__atomic_store_n(&q->up, 1, __ATOMIC_RELAXED);
	q->ever_up = true;
	q->fallback = false;
	q->backoff = WL_NETQ_BACKOFF_MIN_MS;
	q->connects++;
	q->cursor = q->tail;
	q->partial = 0;
	q->conn_sent = q->conn_done = 0;
	q->n.ready = false;
}

void
wl_nq_start_connect(struct wl_netq *q, long long now)
{
	int type = q->kind == WL_NET_TCP ? SOCK_STREAM : SOCK_DGRAM;
	int fd = wl_real_socket(q->sa.ss_family,
	    type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		wl_nq_fail(q, errno, now);
		return;
	}
	if (q->kind == WL_NET_UNIX_DGRAM) {
		/* Room for long entries before the socket refuses them (the
		 * protocol's advice); the kernel caps it at wmem_max. */
		int size = 8 << 20;
		(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size,
		    sizeof(size));
	}
	q->fd = fd;
	if (wl_real_connect(fd, (struct sockaddr *)&q->sa, q->salen) == 0) {
		connected(q);
		return;
	}
	if (errno == EINPROGRESS || errno == EINTR) {
		struct stat st;
		if (fstat(fd, &st) == 0) {
			q->dev = st.st_dev;
			q->ino = st.st_ino;
		}
		q->state = WL_NQ_CONNECTING;
		q->deadline = now + WL_NQ_CONNECT_TIMEOUT_MS;
		return;
	}
	int e = errno;
	wl_real_close(fd);
	q->fd = -1;
	wl_nq_fail(q, e, now);
}

/* A connect in progress: done, failed, or still waiting (false). */
bool
wl_nq_connect_done(struct wl_netq *q, long long now)
{
	struct pollfd p = { .fd = q->fd, .events = POLLOUT };
	if (!wl_nq_fd_is_ours(q)) {
		q->fd = -1;
		wl_nq_fail(q, EBADF, now);
		return true;
	}
	if (poll(&p, 1, 0) == 1) {
		int e = 0;
		socklen_t el = sizeof(e);
		if (getsockopt(q->fd, SOL_SOCKET, SO_ERROR, &e, &el) != 0)
			e = errno;
		if (e == 0)
			connected(q);
		else
			wl_nq_fail(q, e, now);
		return true;
	}
	if (now >= q->deadline) {
		wl_nq_fail(q, ETIMEDOUT, now);
		return true;
	}
	return false;
}

/* Has a TCP server closed its end (it never sends us anything)? */
bool
wl_nq_peer_closed(const struct wl_netq *q)
{
	struct pollfd p = { .fd = q->fd, .events = POLLIN | POLLRDHUP };
	return poll(&p, 1, 0) == 1 && p.revents != 0;
}

/* ---- sending. */

/*
 * TCP: free what the server's kernel has acknowledged (the bytes sent
 * minus those still in our send queue), in stream order: records, and
 * the notice at its offset.
 */
void
wl_nq_ack_free(struct wl_netq *q)
{
	int outq = 0;
	if (ioctl(q->fd, SIOCOUTQ, &outq) != 0)
		return;
	unsigned long long acked = q->conn_sent - (unsigned long long)outq;
	uint64_t pos = q->tail;
	struct wl_nq_rec r;
	for (;;) {
		if (q->n.ready && q->n.sent == q->n.len &&
		    q->conn_done == q->n.at) {
			if (acked < q->n.at + q->n.len)
				break;
			q->conn_done += q->n.len;
			wl_nq_notice_done(q);
			continue;
		}
		if (pos >= q->cursor || !wl_nq_rec_at(q, pos, &r))
			break;
		size_t f = wl_nq_frame_len(q, &r);
		if (q->conn_done + f > acked)
			break;
		q->conn_done += f;
		if (r.p != NULL)
			q->sent++;
		pos += r.span;
	}
	if (pos != q->tail)
		wl_nq_free_to(q, pos);
}

/* TCP: write the notice, then records from the cursor, in octet-counted
 * frames, as much as the socket takes without blocking. */
static int
send_stream(struct wl_netq *q)
{
	for (int round = 0; round < 16; round++) {
		struct iovec iov[2 * WL_NQ_BATCH + 1];
		char pre[WL_NQ_BATCH][24];
		int niov = 0, nrec = 0;
		size_t skip = q->partial, total = 0;

		if (q->n.ready && q->n.sent < q->n.len) {
			iov[niov].iov_base = q->n.buf + q->n.sent;
			iov[niov++].iov_len = q->n.len - q->n.sent;
			total += q->n.len - q->n.sent;
		}
		uint64_t pos = q->cursor;
		struct wl_nq_rec r;
		while (nrec < WL_NQ_BATCH && wl_nq_rec_at(q, pos, &r)) {
			pos += r.span;
			if (r.p == NULL)
				continue;
			size_t b = wl_nq_body_len(q, &r);
			if (b == 0)
				continue;
			size_t pl = wl_nq_frame_prefix(b, pre[nrec]);
			const char *parts[2] = { pre[nrec], r.p };
			size_t lens[2] = { pl, b };
			for (int k = 0; k < 2; k++) {
				if (skip >= lens[k]) {
					skip -= lens[k];
					continue;
				}
				iov[niov].iov_base = (char *)parts[k] + skip;
				iov[niov++].iov_len = lens[k] - skip;
				total += lens[k] - skip;
				skip = 0;
			}
			nrec++;
		}
		if (total == 0) {
			/* Nothing but skips and empty records: step over. */
			while (q->cursor < pos && wl_nq_rec_at(q, q->cursor, &r) &&
			    wl_nq_frame_len(q, &r) == 0)
				q->cursor += r.span;
			return WL_NQ_SENT_ALL;
		}
		struct msghdr m = { .msg_iov = iov, .msg_iovlen = (size_t)niov };
		ssize_t w = wl_real_sendmsg(q->fd, &m,
		    MSG_DONTWAIT | MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return WL_NQ_BLOCKED;
			return WL_NQ_FAILED;
		}
		size_t left = (size_t)w;
		q->conn_sent += left;
		if (q->n.ready && q->n.sent < q->n.len) {
			size_t k = q->n.len - q->n.sent < left ?
			    q->n.len - q->n.sent : left;
			q->n.sent += k;
			left -= k;
		}
		/* Advance the cursor over whole frames, keep the rest as
		 * the partial frame. */
		while (left > 0 && wl_nq_rec_at(q, q->cursor, &r)) {
			size_t f = wl_nq_frame_len(q, &r);
			if (q->partial + left < f) {
				q->partial += left;
				left = 0;
				break;
			}
			left -= f - q->partial;
			q->partial = 0;
			q->cursor += r.span;
		}
		while (wl_nq_rec_at(q, q->cursor, &r) && wl_nq_frame_len(q, &r) == 0 &&
		    q->partial == 0)
			q->cursor += r.span;
		if ((size_t)w < total)
			return WL_NQ_BLOCKED;
	}
	return WL_NQ_SENT_ALL;
}

/*
 * journald: an entry too long for one datagram goes as a sealed memfd,
 * the datagram carrying only the descriptor (the protocol's way).
 */
static ssize_t
send_memfd(struct wl_netq *q, const char *p, size_t n)
{
	int mfd = memfd_create("withlog-journal",
	    MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (mfd < 0)
		return -1;
	size_t done = 0;
	while (done < n) {
		ssize_t w = wl_real_write(mfd, p + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;
			wl_real_close(mfd);
			errno = e;
			return -1;
		}
		done += (size_t)w;
	}
	(void)wl_real_fcntl(mfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW |
	    F_SEAL_WRITE | F_SEAL_SEAL);
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int))];
	} c;
	memset(&c, 0, sizeof(c));
	struct msghdr m = { .msg_control = c.b, .msg_controllen = sizeof(c.b) };
	struct cmsghdr *h = CMSG_FIRSTHDR(&m);
	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_RIGHTS;
	h->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(h), &mfd, sizeof(int));
	ssize_t w = wl_real_sendmsg(q->fd, &m, MSG_DONTWAIT | MSG_NOSIGNAL);
	int e = errno;
	wl_real_close(mfd);
	errno = e;
	return w;
}

/* One datagram; EMSGSIZE in journal format retries through a memfd. */
static ssize_t
send_dgram(struct wl_netq *q, const char *p, size_t n)
{
	ssize_t w = wl_real_send(q->fd, p, n, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (w < 0 && errno == EMSGSIZE && q->fmt == WL_FMT_JOURNAL)
		w = send_memfd(q, p, n);
	return w;
}

/* Datagrams: the notice, then one record each, batched with sendmmsg;
 * a record is freed as soon as the kernel took it. */
static int
send_dgrams(struct wl_netq *q)
{
	for (int round = 0; round < 16; round++) {
		if (q->n.ready && q->n.sent < q->n.len) {
			if (q->n.len > 0 &&
			    send_dgram(q, q->n.buf, q->n.len) < 0)
				goto error;
			q->n.sent = q->n.len;
			wl_nq_notice_done(q);
		}
		struct mmsghdr mm[WL_NQ_BATCH];
		struct iovec iov[WL_NQ_BATCH];
		uint64_t end[WL_NQ_BATCH];
		int n = 0;
		uint64_t pos = q->cursor;
		struct wl_nq_rec r;
		while (n < WL_NQ_BATCH && wl_nq_rec_at(q, pos, &r)) {
			pos += r.span;
			if (r.p == NULL)
				continue;
			iov[n].iov_base = (char *)r.p;
			iov[n].iov_len = wl_nq_body_len(q, &r);
			memset(&mm[n], 0, sizeof(mm[n]));
			mm[n].msg_hdr.msg_iov = &iov[n];
			mm[n].msg_hdr.msg_iovlen = 1;
			end[n++] = pos;
		}
		if (n == 0) {
			if (pos != q->cursor) {
				q->cursor = pos;
				wl_nq_free_to(q, pos);
			}
			return WL_NQ_SENT_ALL;
		}
		int k = sendmmsg(q->fd, mm, (unsigned)n,
		    MSG_DONTWAIT | MSG_NOSIGNAL);
		if (k < 0 && errno == EMSGSIZE && q->fmt == WL_FMT_JOURNAL) {
			/* The first one is too long for a datagram. */
			if (send_memfd(q, iov[0].iov_base, iov[0].iov_len) < 0)
				goto error;
			k = 1;
		}
		if (k < 0)
			goto error;
		q->sent += (unsigned)k;
		q->cursor = end[k - 1];
		wl_nq_free_to(q, q->cursor);
		if (k < n)
			continue;	/* the next call says why */
	}
	return WL_NQ_SENT_ALL;
error:
	if (errno == EINTR)
		return WL_NQ_BLOCKED;
	if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)
		return WL_NQ_BLOCKED;
	if (errno == EMSGSIZE) {
		/* Cannot happen with the cut above; never let one record
		 * stop the queue. */
		struct wl_nq_rec r;
		if (wl_nq_rec_at(q, q->cursor, &r)) {
			q->cursor += r.span;
			wl_nq_free_to(q, q->cursor);
			wl_nq_drop(q, WL_NQ_WHY_LONG);
		}
		return WL_NQ_BLOCKED;
	}
	return WL_NQ_FAILED;
}

/* ---- one round of work on a queue. */

static bool
rec_at_cursor(const struct wl_netq *q)
{
	struct wl_nq_rec r;
	return wl_nq_rec_at(q, q->cursor, &r);
}

/* Records wait to be sent, or drops to be announced. */
bool
wl_nq_has_work(const struct wl_netq *q)
{
	struct wl_nq_rec r;
	return wl_nq_rec_at(q, q->state == WL_NQ_UP ? q->cursor : q->tail, &r) ||
	    wl_nq_has_drops(q);
}

int
wl_nq_send_some(struct wl_netq *q)
{
	wl_nq_notice_prepare(q);
	return q->kind == WL_NET_TCP ? send_stream(q) : send_dgrams(q);
}

void
wl_nq_service(struct wl_netq *q, long long now, struct wl_nq_want *w)
{
	w->events = 0;
	w->at = LLONG_MAX;
	bool kickable = false;

	if (q->state == WL_NQ_UP && !wl_nq_fd_is_ours(q)) {
		q->fd = -1;
		wl_nq_fail(q, EBADF, now);
	}
	/* Connect only when there is something to send. */
	if (q->state == WL_NQ_DOWN && wl_nq_has_work(q) && now >= q->retry_at)
		wl_nq_start_connect(q, now);
	if (q->state == WL_NQ_CONNECTING && !wl_nq_connect_done(q, now)) {
		w->events = POLLOUT;
		w->at = q->deadline;
	}
	if (q->state != WL_NQ_UP && q->fallback)
		wl_nq_fallback_drain(q);
	if (q->state == WL_NQ_DOWN) {
		if (wl_nq_has_work(q))
			w->at = q->retry_at;
		else
			kickable = true;
	}
	if (q->state == WL_NQ_UP) {
		int rc = WL_NQ_FAILED;
		errno = EPIPE;
		if (q->kind != WL_NET_TCP || !wl_nq_peer_closed(q))
			rc = wl_nq_send_some(q);
		if (q->kind == WL_NET_TCP)
			wl_nq_ack_free(q);	/* before wl_nq_fail() forgets the socket */
		if (rc == WL_NQ_FAILED) {
			wl_nq_fail(q, errno, now);
			w->at = q->retry_at;
		} else if (rc == WL_NQ_BLOCKED) {
			w->events = POLLOUT;
		} else if (rec_at_cursor(q) ||
		    (q->n.ready && q->n.sent < q->n.len)) {
			w->at = now;
		} else {
			kickable = true;
			/* Sent bytes wait for their acknowledgement, or
			 * drops for room to announce them. */
			if (q->kind == WL_NET_TCP && (q->tail != q->cursor ||
			    q->n.ready || wl_nq_has_drops(q)))
				w->at = now + WL_NQ_ACK_POLL_MS;
		}
	}
	__atomic_store_n(&q->want_kick, kickable, __ATOMIC_RELAXED);
}
