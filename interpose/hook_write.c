/*
 * hook_write.c - the descriptor-level entry points: write, writev, send,
 * sendto, sendmsg and the dprintf family.
 *
 * glibc's own functions never call the exported write symbol, so this
 * hook sees the program's direct calls only (stdio is hooked by name).
 * The pass-through path, a write to any descriptor that is not stderr,
 * costs one compare and one byte load before the real call; the rest of
 * each hook is a NAME_slow function kept out of line, so that its
 * register saves are not paid on that path.
 */
#include <stdarg.h>
#include <string.h>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include "capture.h"
#include "devlog.h"
#include "linebuf.h"
#include "real.h"
#include "sink.h"

/*
 * A write made while this thread is already inside the library, one level
 * down: a signal handler interrupted the library (async-signal-safe code
 * may call write and nothing else of ours).  Its lines become events by a
 * path that touches no per-thread buffer; deeper nesting passes through.
 */
static ssize_t
write_nested(int fd, const void *buf, size_t n)
{
	ssize_t rc;
	int saved = errno;

	if (wl_guard_depth != 2 || n == 0 || wl_fd_kind(fd) != WL_FD_STDERR)
		return wl_real_write(fd, buf, n);
	if (wl_proc.passthrough && wl_sink_passthrough(buf, n) != 0) {
		int e = errno;
		(void)wl_line_feed_direct("write", buf, n);
		errno = e;
		return -1;
	}
	rc = wl_line_feed_direct("write", buf, n) == 0 ? (ssize_t)n : -1;
	if (rc >= 0)
		errno = saved;
	return rc;
}

/* Out of line, so that write's pass-through path does not pay for this
 * function's register saves (the compiler puts them before the test). */
static __attribute__((noinline)) ssize_t
write_slow(int fd, const void *buf, size_t n)
{
	ssize_t rc;

	if (!wl_capture_enter() || n == 0) {
		if (wl_guard_depth == 2) {
			rc = write_nested(fd, buf, n);
			wl_capture_leave();
			return rc;
		}
		wl_capture_leave();
		return wl_real_write(fd, buf, n);
	}
	switch (wl_fd_kind(fd)) {
	case WL_FD_STDERR:
		rc = wl_capture_bytes("write", buf, n) == 0 ? (ssize_t)n : -1;
		break;
	case WL_FD_DEVLOG:
		rc = wl_devlog_capture("write", buf, n) == 0 ? (ssize_t)n :
		    wl_real_write(fd, buf, n);
		break;
	default:
		rc = wl_real_write(fd, buf, n);
		break;
	}
	wl_capture_leave();
	return rc;
}

WL_EXPORT ssize_t
write(int fd, const void *buf, size_t n)
{
	if (__builtin_expect(wl_capture_fd_other(fd), 1))
		return wl_real_write(fd, buf, n);
	WL_NOTE_CALLER();
	return write_slow(fd, buf, n);
}

static size_t
iov_total(const struct iovec *v, int c)
{
	size_t t = 0;
	for (int i = 0; i < c; i++)
		t += v[i].iov_len;
	return t;
}

static __attribute__((noinline)) ssize_t
writev_slow(int fd, const struct iovec *v, int c)
{
	ssize_t rc;

	if (!wl_capture_enter() || c <= 0 || wl_fd_kind(fd) != WL_FD_STDERR) {
		wl_capture_leave();
		return wl_real_writev(fd, v, c);
	}
	rc = (ssize_t)iov_total(v, c);
	for (int i = 0; i < c; i++)
		if (v[i].iov_len > 0 && wl_capture_bytes("writev",
		    v[i].iov_base, v[i].iov_len) != 0)
			rc = -1;
	wl_capture_leave();
	return rc;
}

WL_EXPORT ssize_t
writev(int fd, const struct iovec *v, int c)
{
	if (wl_capture_fd_other(fd))
		return wl_real_writev(fd, v, c);
	WL_NOTE_CALLER();
	return writev_slow(fd, v, c);
}

/*
 * send, sendto and sendmsg matter only for sockets speaking the syslog
 * protocol to /dev/log: connected ones (marked by connect) or, for
 * sendto and sendmsg, unconnected ones addressed to it.
 */
static bool
devlog_target(int fd, const struct sockaddr *to, socklen_t tolen)
{
	if (to != NULL)
		return wl_fd_is_devlog_addr(to, tolen);
	return wl_fd_kind(fd) == WL_FD_DEVLOG;
}

static __attribute__((noinline)) ssize_t
send_slow(int fd, const void *buf, size_t n, int flags)
{
	ssize_t rc;

	if (wl_capture_enter() && devlog_target(fd, NULL, 0) &&
	    wl_devlog_capture("send", buf, n) == 0)
		rc = (ssize_t)n;
	else
		rc = wl_real_send(fd, buf, n, flags);
	wl_capture_leave();
	return rc;
}

WL_EXPORT ssize_t
send(int fd, const void *buf, size_t n, int flags)
{
	if (wl_capture_fd_other(fd))
		return wl_real_send(fd, buf, n, flags);
	return send_slow(fd, buf, n, flags);
}

static __attribute__((noinline)) ssize_t
sendto_slow(int fd, const void *buf, size_t n, int flags,
    const struct sockaddr *to, socklen_t tolen)
{
	ssize_t rc;

	if (wl_capture_enter() && devlog_target(fd, to, tolen) &&
	    wl_devlog_capture("sendto", buf, n) == 0)
		rc = (ssize_t)n;
	else
		rc = wl_real_sendto(fd, buf, n, flags, to, tolen);
	wl_capture_leave();
	return rc;
}

WL_EXPORT ssize_t
sendto(int fd, const void *buf, size_t n, int flags,
    const struct sockaddr *to, socklen_t tolen)
{
	if (to == NULL && wl_capture_fd_other(fd))
		return wl_real_sendto(fd, buf, n, flags, to, tolen);
	return sendto_slow(fd, buf, n, flags, to, tolen);
}

static __attribute__((noinline)) ssize_t
sendmsg_slow(int fd, const struct msghdr *m, int flags)
{
	ssize_t rc = -1;

	if (wl_capture_enter() && m->msg_iovlen > 0 &&
	    devlog_target(fd, m->msg_name, m->msg_namelen)) {
		/* One datagram: gather it. */
		char buf[8192];
		size_t n = 0;
		for (size_t i = 0; i < m->msg_iovlen && n < sizeof(buf); i++) {
			size_t k = m->msg_iov[i].iov_len;
			if (k > sizeof(buf) - n)
				k = sizeof(buf) - n;
			memcpy(buf + n, m->msg_iov[i].iov_base, k);
			n += k;
		}
		if (wl_devlog_capture("sendmsg", buf, n) == 0)
			rc = (ssize_t)iov_total(m->msg_iov,
			    (int)m->msg_iovlen);
	}
	if (rc < 0)
		rc = wl_real_sendmsg(fd, m, flags);
	wl_capture_leave();
	return rc;
}

WL_EXPORT ssize_t
sendmsg(int fd, const struct msghdr *m, int flags)
{
	if (m->msg_name == NULL && wl_capture_fd_other(fd))
		return wl_real_sendmsg(fd, m, flags);
	return sendmsg_slow(fd, m, flags);
}

/*
 * Copies into stderr made by the kernel (GNU cat copies a file to its
 * stdout with copy_file_range; others use sendfile or splice) never pass
 * through write.  When the destination is stderr they are done here: one
 * chunk read from the source (at *OFF when given, which then advances,
 * else at the file offset) and fed as if written.  A short transfer is
 * what all three calls may return, so callers loop as they already do.
 */
#define COPY_CHUNK 16384

static ssize_t
copy_to_stderr(const char *api, int in, off_t *off, size_t n)
{
	char buf[COPY_CHUNK];
	ssize_t got;

	if (n > sizeof(buf))
		n = sizeof(buf);
	if (off != NULL) {
		got = pread(in, buf, n, *off);
		if (got > 0)
			*off += got;
	} else {
		got = read(in, buf, n);
	}
	if (got > 0 && wl_capture_bytes(api, buf, (size_t)got) != 0)
		return -1;
	return got;
}

WL_EXPORT ssize_t
copy_file_range(int in, off_t *off_in, int out, off_t *off_out, size_t n,
    unsigned flags)
{
	ssize_t rc;

	if (wl_capture_fd_other(out))
		return wl_real_copy_file_range(in, off_in, out, off_out, n,
		    flags);
	if (wl_capture_enter() && off_out == NULL && n > 0 &&
	    wl_fd_kind(out) == WL_FD_STDERR)
		rc = copy_to_stderr("copy_file_range", in, off_in, n);
	else
		rc = wl_real_copy_file_range(in, off_in, out, off_out, n,
		    flags);
	wl_capture_leave();
	return rc;
}

static ssize_t
sendfile_common(const char *api, int out, int in, off_t *off, size_t n,
    ssize_t (*real)(int, int, off_t *, size_t))
{
	ssize_t rc;

	if (wl_capture_fd_other(out))
		return real(out, in, off, n);
	if (wl_capture_enter() && n > 0 && wl_fd_kind(out) == WL_FD_STDERR)
		rc = copy_to_stderr(api, in, off, n);
	else
		rc = real(out, in, off, n);
	wl_capture_leave();
	return rc;
}

WL_EXPORT ssize_t
sendfile(int out, int in, off_t *off, size_t n)
{
	return sendfile_common("sendfile", out, in, off, n, wl_real_sendfile);
}

WL_EXPORT ssize_t
sendfile64(int out, int in, off_t *off, size_t n)
{
	return sendfile_common("sendfile64", out, in, off, n,
	    wl_real_sendfile64);
}

WL_EXPORT ssize_t
splice(int in, off_t *off_in, int out, off_t *off_out, size_t n,
    unsigned flags)
{
	ssize_t rc;

	if (wl_capture_fd_other(out))
		return wl_real_splice(in, off_in, out, off_out, n, flags);
	if (wl_capture_enter() && off_out == NULL && n > 0 &&
	    wl_fd_kind(out) == WL_FD_STDERR)
		rc = copy_to_stderr("splice", in, off_in, n);
	else
		rc = wl_real_splice(in, off_in, out, off_out, n, flags);
	wl_capture_leave();
	return rc;
}

static int
dprintf_common(const char *api, int fd, int chk, const char *fmt,
    va_list ap)
{
	int rc;

	if (wl_capture_enter() && wl_fd_kind(fd) == WL_FD_STDERR)
		rc = wl_capture_vprintf(api, fmt, ap);
	else if (chk >= 0)
		rc = wl_real___vdprintf_chk(fd, chk, fmt, ap);
	else
		rc = wl_real_vdprintf(fd, fmt, ap);
	wl_capture_leave();
	return rc;
}

WL_EXPORT int
dprintf(int fd, const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap;
	va_start(ap, fmt);
	int rc = dprintf_common("dprintf", fd, -1, fmt, ap);
	va_end(ap);
	return rc;
}

WL_EXPORT int
vdprintf(int fd, const char *fmt, va_list ap)
{
	WL_NOTE_CALLER();
	return dprintf_common("vdprintf", fd, -1, fmt, ap);
}

WL_EXPORT int
__dprintf_chk(int fd, int flag, const char *fmt, ...)
{
	WL_NOTE_CALLER();
	va_list ap;
	va_start(ap, fmt);
	int rc = dprintf_common("__dprintf_chk", fd, flag, fmt, ap);
	va_end(ap);
	return rc;
}

WL_EXPORT int
__vdprintf_chk(int fd, int flag, const char *fmt, va_list ap)
{
	WL_NOTE_CALLER();
	return dprintf_common("__vdprintf_chk", fd, flag, fmt, ap);
}
