/*
 * sink.c - the sinks: the real stderr and the local syslog socket.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "format.h"
#include "guard.h"
#include "outbuf.h"
#include "ticker.h"
#include "level.h"
#include "proc.h"
#include "real.h"
#include "sink.h"
#include "spin.h"

/* A stderr that stays full this long loses the record (it is counted). */
#define WL_STDERR_WAIT_MS 2000

static int log_fd = -1;		/* our socket to /dev/log */
static int log_state;		/* 0 untried, 1 connected, 2 unavailable */
static int log_lock;
static unsigned long stderr_lost;

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = wl_real_write(fd, p, n);
		if (w >= 0) {
			p += w;
			n -= (size_t)w;
			continue;
		}
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN) {
			/* A non-blocking stderr that is full: wait a little
			 * for the reader rather than lose the record. */
			struct pollfd pfd = { .fd = fd, .events = POLLOUT };
			if (poll(&pfd, 1, WL_STDERR_WAIT_MS) > 0)
				continue;
			errno = EAGAIN;
		}
		return -1;
	}
	return 0;
}

int
wl_sink_write_stderr(const char *buf, size_t len)
{
	if (write_all(2, buf, len) == 0)
		return 0;
	__atomic_add_fetch(&stderr_lost, 1, __ATOMIC_RELAXED);
	return -1;
}

/*
 * Format EV and hand the record to OUT.  Most records fit the stack
 * buffer; a longer one gets an exact-size mapping (mmap is
 * async-signal-safe, malloc is not).
 */
static int
with_record(const struct wl_event *ev, enum wl_format fmt,
    int (*out)(const struct wl_event *, const char *, size_t))
{
	char stack[2048];
	size_t need = wl_format_event_in(fmt, &wl_proc.fmt_opts, ev, stack,
	    sizeof(stack));
	if (need <= sizeof(stack))
		return out(ev, stack, need);
	char *big = mmap(NULL, need, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (big == MAP_FAILED) {
		/* No memory for the whole record: deliver the start of the
		 * message rather than nothing, still as one record. */
		struct wl_event cut = *ev;
		cut.nfields = 0;
		if (cut.msg_len > 256)
			cut.msg_len = 256;
		need = wl_format_event_in(fmt, &wl_proc.fmt_opts, &cut, stack,
		    sizeof(stack));
		return need <= sizeof(stack) ? out(ev, stack, need) : -1;
	}
	size_t n = wl_format_event_in(fmt, &wl_proc.fmt_opts, ev, big, need);
	int rc = out(ev, big, n <= need ? n : need);
	int saved = errno;
	munmap(big, need);
	errno = saved;
	return rc;
}

/*
 * The stderr sink: one write per record, or into the delivery buffer in
 * buffered mode.  A record written from inside the library (a signal
 * handler that interrupted it, guard depth above one) goes straight out:
 * the code it interrupted may hold the buffer's lock.
 */
static int
stderr_out(const struct wl_event *ev, const char *rec, size_t len)
{
	if (wl_proc.buffer_ms > 0 && wl_guard_depth <= 1) {
		return wl_outbuf_add(rec, len, ev->severity >= WL_SEV_ERROR);
	}
	return wl_sink_write_stderr(rec, len);
}

static void
syslog_connect_locked(void)
{
	const char *paths[] = { wl_proc.syslog_socket, "/dev/log",
	    "/var/run/syslog" };
	int fd = wl_real_socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	log_state = 2;
	if (fd < 0)
		return;
	/* WITHLOG_SYSLOG_SOCKET, when set, is the only one tried. */
	size_t first = paths[0][0] != '\0' ? 0 : 1;
	size_t last = paths[0][0] != '\0' ? 1 : 3;
	for (size_t i = first; i < last; i++) {
		struct sockaddr_un sun = { .sun_family = AF_UNIX };
		if (strlen(paths[i]) >= sizeof(sun.sun_path))
			continue;
		strcpy(sun.sun_path, paths[i]);
		if (wl_real_connect(fd, (struct sockaddr *)&sun,
		    sizeof(sun)) == 0) {
			log_fd = fd;
			log_state = 1;
			return;
		}
	}
	wl_real_close(fd);
}

void
wl_sink_syslog_connect(void)
{
	int saved = errno;
	wl_spin_lock(&log_lock);
	if (log_state != 1)
		syslog_connect_locked();
	wl_spin_unlock(&log_lock);
	errno = saved;
}

void
wl_sink_syslog_close(void)
{
	int saved = errno;
	wl_spin_lock(&log_lock);
	if (log_fd >= 0)
		wl_real_close(log_fd);
	log_fd = -1;
	log_state = 0;
	wl_spin_unlock(&log_lock);
	errno = saved;
}

static size_t
put(char *buf, size_t at, size_t cap, const char *s, size_t n)
{
	if (at < cap) {
		size_t k = cap - at < n ? cap - at : n;
		memcpy(buf + at, s, k);
	}
	return at + n;
}

static size_t
put_uint(char *buf, size_t at, size_t cap, unsigned long v)
{
	char tmp[24];
	size_t i = sizeof(tmp);
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return put(buf, at, cap, tmp + i, sizeof(tmp) - i);
}

/*
 * Send EV to the local syslog socket as "<PRI>ident[pid]: msg".  The
 * daemon stamps the time of receipt, as it does for any message without
 * one; leaving it out keeps this path free of the time-zone lock that
 * localtime() takes.  Returns -1 when there is no syslog socket.
 */
static int
syslog_send(const struct wl_event *ev)
{
	char buf[8192];
	size_t n = 0, cap = sizeof(buf);
	int fac = ev->facility >= 0 ? ev->facility : 1;
	int pri = (fac << 3) | wl_level_to_syslog(ev->severity);

	n = put(buf, n, cap, "<", 1);
	n = put_uint(buf, n, cap, (unsigned long)pri);
	n = put(buf, n, cap, ">", 1);
	if (ev->ident_len > 0)
		n = put(buf, n, cap, ev->ident, ev->ident_len);
	else
		n = put(buf, n, cap, ev->prog, strlen(ev->prog));
	n = put(buf, n, cap, "[", 1);
	n = put_uint(buf, n, cap, (unsigned long)ev->pid);
	n = put(buf, n, cap, "]: ", 3);
	n = put(buf, n, cap, ev->msg, ev->msg_len);
	if (n > cap)
		n = cap;	/* a datagram this long is cut, as glibc's */

	wl_spin_lock(&log_lock);
	if (log_state == 0)
		syslog_connect_locked();
	int fd = log_fd;
	wl_spin_unlock(&log_lock);
	if (fd < 0)
		return -1;
	for (int tries = 0; tries < 2; tries++) {
		if (wl_real_send(fd, buf, n, MSG_NOSIGNAL) >= 0)
			return 0;
		if (errno != ECONNREFUSED && errno != ENOTCONN)
			return -1;
		/* The daemon restarted: reconnect once. */
		wl_spin_lock(&log_lock);
		if (log_fd == fd) {
			wl_real_close(log_fd);
			log_fd = -1;
			syslog_connect_locked();
		}
		fd = log_fd;
		wl_spin_unlock(&log_lock);
		if (fd < 0)
			return -1;
	}
	return -1;
}

int
wl_sink_deliver(const struct wl_event *ev)
{
	if (ev->source == WL_SRC_SYSLOG) {
		int saved = errno;
		bool to_stderr = wl_proc.syslog_to_stderr ||
		    (ev->flags & WL_EV_PERROR) != 0;
		if (!wl_proc.syslog_to_stderr && syslog_send(ev) != 0)
			to_stderr = true;
		errno = saved;
		if (!to_stderr)
			return 0;
		(void)with_record(ev, wl_proc.format, stderr_out);
		errno = saved;
		return 0;
	}
	return with_record(ev, wl_proc.format, stderr_out);
}

void
wl_sink_after_fork(void)
{
	/* The socket is shared with the parent, which is fine for datagrams;
	 * only the lock may have been held by a thread that is gone. */
	log_lock = 0;
}
