/*
 * hook_fd.c - entry points that create, duplicate or close descriptors.
 *
 * They change nothing about the call; they only tell fdtrack that what it
 * knew about a descriptor number is stale.  fcntl and open are variadic:
 * their optional argument is read as the C library itself reads it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>
#include "capture.h"
#include "group.h"
#include "linebuf.h"
#include "outbuf.h"
#include "pipeline.h"
#include "ratelimit.h"
#include "real.h"

/*
 * fd 2 is about to refer to something else (dup2 onto it, close).  What
 * waits for a newline, an open multi-line report, buffered records and
 * the counts of the rate limiter's suppressed events were written to the
 * stderr fd 2 refers to now, so they are delivered there first: otherwise
 * a prompt written just before `2>file` is undone (bash's `read -p` with
 * a redirection) ends up in the wrong file, and a program that closes
 * stderr before it exits loses the summary of what was suppressed.
 */
static void
before_stderr_changes(int fd)
{
	if (fd != 2)
		return;
	int saved = errno;
	if (wl_capture_enter()) {
		wl_line_flush_all();
		(void)wl_group_flush(true);
		(void)wl_ratelimit_tick(true);
		wl_outbuf_flush(false);
	}
	wl_capture_leave();
	errno = saved;
}

WL_EXPORT int
close(int fd)
{
	before_stderr_changes(fd);
	int rc = wl_real_close(fd);
	wl_fd_forget(fd);
	return rc;
}

WL_EXPORT int
close_range(unsigned lo, unsigned hi, int flags)
{
	if (lo <= 2 && hi >= 2)
		before_stderr_changes(2);
	int rc = wl_real_close_range(lo, hi, flags);
	if (lo <= 2 && hi >= 2)
		wl_fd_init();
	else
		for (unsigned fd = lo; fd <= hi && fd < WL_FD_MAX; fd++)
			wl_fd_forget((int)fd);
	return rc;
}

WL_EXPORT int
dup(int fd)
{
	int rc = wl_real_dup(fd);
	if (rc >= 0)
		wl_fd_forget(rc);
	return rc;
}

WL_EXPORT int
dup2(int a, int b)
{
	if (a != b)
		before_stderr_changes(b);
	int rc = wl_real_dup2(a, b);
	if (rc >= 0)
		wl_fd_forget(b);
	return rc;
}

WL_EXPORT int
dup3(int a, int b, int flags)
{
	before_stderr_changes(b);
	int rc = wl_real_dup3(a, b, flags);
	if (rc >= 0)
		wl_fd_forget(b);
	return rc;
}

static int
after_fcntl(int cmd, int rc)
{
	if (rc >= 0 && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC))
		wl_fd_forget(rc);
	return rc;
}

WL_EXPORT int
fcntl(int fd, int cmd, ...)
{
	va_list ap;
	va_start(ap, cmd);
	long arg = va_arg(ap, long);
	va_end(ap);
	return after_fcntl(cmd, wl_real_fcntl(fd, cmd, arg));
}

WL_EXPORT int
fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	va_start(ap, cmd);
	long arg = va_arg(ap, long);
	va_end(ap);
	return after_fcntl(cmd, wl_real_fcntl64(fd, cmd, arg));
}

/* open(2) takes a mode only with O_CREAT or O_TMPFILE. */
#define MODE_ARG(flags, last) \
	unsigned mode = 0; \
	if ((flags) & (O_CREAT | __O_TMPFILE)) { \
		va_list ap; \
		va_start(ap, last); \
		mode = va_arg(ap, unsigned); \
		va_end(ap); \
	}

static int
opened(int fd, const char *path)
{
	int saved = errno;
	wl_fd_opened(fd, path);
	errno = saved;
	return fd;
}

WL_EXPORT int
open(const char *path, int flags, ...)
{
	MODE_ARG(flags, flags);
	return opened(wl_real_open(path, flags, mode), path);
}

WL_EXPORT int
open64(const char *path, int flags, ...)
{
	MODE_ARG(flags, flags);
	return opened(wl_real_open64(path, flags, mode), path);
}

WL_EXPORT int
openat(int dirfd, const char *path, int flags, ...)
{
	MODE_ARG(flags, flags);
	return opened(wl_real_openat(dirfd, path, flags, mode), path);
}

WL_EXPORT int
openat64(int dirfd, const char *path, int flags, ...)
{
	MODE_ARG(flags, flags);
	return opened(wl_real_openat64(dirfd, path, flags, mode), path);
}

/* The _FORTIFY_SOURCE forms of open, which glibc calls for open without
 * O_CREAT in fortified programs. */
WL_EXPORT int
__open_2(const char *path, int flags)
{
	return opened(wl_real_open(path, flags, 0), path);
}

WL_EXPORT int
__open64_2(const char *path, int flags)
{
	return opened(wl_real_open64(path, flags, 0), path);
}

WL_EXPORT int
__openat_2(int dirfd, const char *path, int flags)
{
	return opened(wl_real_openat(dirfd, path, flags, 0), path);
}

WL_EXPORT int
__openat64_2(int dirfd, const char *path, int flags)
{
	return opened(wl_real_openat64(dirfd, path, flags, 0), path);
}

WL_EXPORT int
creat(const char *path, mode_t mode)
{
	return opened(wl_real_open(path, O_CREAT | O_WRONLY | O_TRUNC, mode),
	    path);
}

WL_EXPORT int
creat64(const char *path, mode_t mode)
{
	return opened(wl_real_open64(path, O_CREAT | O_WRONLY | O_TRUNC,
	    mode), path);
}

WL_EXPORT int
socket(int domain, int type, int proto)
{
	int fd = wl_real_socket(domain, type, proto);
	if (fd >= 0)
		wl_fd_forget(fd);
	return fd;
}

/*
 * A datagram socket connected to /dev/log is a program speaking the
 * syslog protocol itself (logger, dnsmasq, Python's SysLogHandler): what
 * it sends becomes syslog events.  The real connect still happens, so the
 * program's error handling sees what it would without us.
 */
WL_EXPORT int
connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	int rc = wl_real_connect(fd, addr, len);
	int saved = errno;
	if (wl_fd_is_devlog_addr(addr, len)) {
		int type = 0;
		socklen_t tl = sizeof(type);
		if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) == 0 &&
		    type == SOCK_DGRAM) {
			wl_fd_mark_devlog(fd);
			/* Where there is no syslog daemon (a container), the
			 * library takes the messages anyway and its sinks
			 * decide where they go: report the connection made. */
			if (rc != 0 && (saved == ENOENT ||
			    saved == ECONNREFUSED)) {
				saved = 0;
				rc = 0;
			}
		}
	} else {
		wl_fd_forget(fd);
	}
	if (saved != 0)
		errno = saved;
	return rc;
}

static FILE *
stream_opened(FILE *f, const char *path)
{
	if (f != NULL)
		(void)opened(f->_fileno, path);
	return f;
}

WL_EXPORT FILE *
fopen(const char *path, const char *mode)
{
	return stream_opened(wl_real_fopen(path, mode), path);
}

WL_EXPORT FILE *
fopen64(const char *path, const char *mode)
{
	return stream_opened(wl_real_fopen64(path, mode), path);
}

/* freopen on stderr changes what fd 2 is. */
WL_EXPORT FILE *
freopen(const char *path, const char *mode, FILE *s)
{
	FILE *f = wl_real_freopen(path, mode, s);
	int saved = errno;
	wl_fd_init();
	errno = saved;
	return stream_opened(f, path);
}

WL_EXPORT FILE *
freopen64(const char *path, const char *mode, FILE *s)
{
	FILE *f = wl_real_freopen64(path, mode, s);
	int saved = errno;
	wl_fd_init();
	errno = saved;
	return stream_opened(f, path);
}

WL_EXPORT int
fclose(FILE *s)
{
	int fd = s != NULL ? s->_fileno : -1;
	int rc = wl_real_fclose(s);
	wl_fd_forget(fd);
	return rc;
}

/* daemon(3) points fds 0-2 at /dev/null with the library's internal
 * dup2, which we do not see. */
WL_EXPORT int
daemon(int nochdir, int noclose)
{
	int rc = wl_real_daemon(nochdir, noclose);
	int saved = errno;
	wl_fd_init();
	errno = saved;
	return rc;
}
