/*
 * sink_syslog.c - the local syslog socket as a sink (see sink_syslog.h).
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "level.h"
#include "real.h"
#include "sink_syslog.h"
#include "spin.h"

void
wl_syslog_sink_init(struct wl_syslog_sink *s, const char *path)
{
	memset(s, 0, sizeof(*s));
	if (path != NULL)
		wl_copy_str(s->path, sizeof(s->path), path);
	s->fd = -1;
}

static void
connect_locked(struct wl_syslog_sink *s)
{
	const char *paths[] = { s->path, "/dev/log", "/var/run/syslog" };
	int fd = wl_real_socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	s->state = 2;
	if (fd < 0)
		return;
	/* A path given is the only one tried. */
	size_t first = paths[0][0] != '\0' ? 0 : 1;
	size_t last = paths[0][0] != '\0' ? 1 : 3;
	for (size_t i = first; i < last; i++) {
		struct sockaddr_un sun = { .sun_family = AF_UNIX };
		if (strlen(paths[i]) >= sizeof(sun.sun_path))
			continue;
		strcpy(sun.sun_path, paths[i]);
		if (wl_real_connect(fd, (struct sockaddr *)&sun,
		    sizeof(sun)) == 0) {
			s->fd = fd;
			s->state = 1;
			return;
		}
	}
	wl_real_close(fd);
}

void
wl_syslog_sink_connect(struct wl_syslog_sink *s)
{
	int saved = errno;
	wl_spin_lock(&s->lock);
	if (s->state != 1)
		connect_locked(s);
	wl_spin_unlock(&s->lock);
	errno = saved;
}

void
wl_syslog_sink_close(struct wl_syslog_sink *s)
{
	int saved = errno;
	wl_spin_lock(&s->lock);
	if (s->fd >= 0)
		wl_real_close(s->fd);
	s->fd = -1;
	s->state = 0;
	wl_spin_unlock(&s->lock);
	errno = saved;
}

/* Take S's lock; in a signal handler that interrupted the library only
 * if it is free (the interrupted code may hold it). */
static bool
take(struct wl_syslog_sink *s, bool in_handler)
{
	if (!in_handler) {
		wl_spin_lock(&s->lock);
		return true;
	}
	if (wl_spin_trylock(&s->lock))
		return true;
	errno = EAGAIN;
	return false;
}

int
wl_syslog_sink_send(struct wl_syslog_sink *s, const char *buf, size_t n,
    bool in_handler)
{
	if (!take(s, in_handler))
		return -1;
	if (s->state == 0)
		connect_locked(s);
	int fd = s->fd;
	wl_spin_unlock(&s->lock);
	if (fd < 0) {
		errno = ENOENT;
		return -1;
	}
	for (int tries = 0; tries < 2; tries++) {
		if (wl_real_send(fd, buf, n, MSG_NOSIGNAL) >= 0)
			return 0;
		if (errno != ECONNREFUSED && errno != ENOTCONN)
			return -1;
		/* The daemon restarted: reconnect once. */
		if (!take(s, in_handler))
			return -1;
		if (s->fd == fd) {
			wl_real_close(s->fd);
			s->fd = -1;
			connect_locked(s);
		}
		fd = s->fd;
		wl_spin_unlock(&s->lock);
		if (fd < 0) {
			errno = ECONNREFUSED;
			return -1;
		}
	}
	return -1;
}

void
wl_syslog_sink_after_fork(struct wl_syslog_sink *s)
{
	/* Taken the usual way, so that its last holder's writes come before
	 * the child's; one a thread held at the fork stays taken, and since
	 * that thread is not in the child, it is ours. */
	(void)wl_spin_trylock(&s->lock);
	wl_spin_unlock(&s->lock);
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

size_t
wl_syslog_render(const struct wl_event *ev, char *buf, size_t cap)
{
	size_t n = 0;
	int fac = ev->facility >= 0 ? ev->facility : 1;
	int pri = (fac << 3) | wl_event_priority(ev);

	n = put(buf, n, cap, "<", 1);
	n = put_uint(buf, n, cap, (unsigned long)pri);
	n = put(buf, n, cap, ">", 1);
	if (ev->ident_len > 0)
		n = put(buf, n, cap, ev->ident, ev->ident_len);
	else if (ev->prog != NULL)
		n = put(buf, n, cap, ev->prog, strlen(ev->prog));
	n = put(buf, n, cap, "[", 1);
	n = put_uint(buf, n, cap, (unsigned long)ev->pid);
	n = put(buf, n, cap, "]: ", 3);
	n = put(buf, n, cap, ev->msg, ev->msg_len);
	return n < cap ? n : cap;
}
