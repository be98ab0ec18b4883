/*
 * fdtrack.c - which descriptors are the process's stderr (see fdtrack.h).
 *
 * Checking fd 2's identity with fstat on every write costs about 200 ns,
 * so the answer is cached and the hooks that create, duplicate and close
 * descriptors invalidate it.  Descriptors created by the C library
 * internally (fopen, opendir) bypass those hooks; fopen and fclose are
 * hooked by name for that reason, and a stale entry can only make a write
 * pass through unchanged, never divert a write that is not stderr's.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>
#include "fdtrack.h"

#ifndef KCMP_FILE
#define KCMP_FILE 0
#endif

unsigned char wl_fd_cache[WL_FD_MAX];

static int kcmp_works = -1;	/* -1 untried, 0 no, 1 yes */

static void
set(int fd, enum wl_fd_kind k)
{
	if ((unsigned)fd < WL_FD_MAX)
		__atomic_store_n(&wl_fd_cache[fd], (unsigned char)k,
		    __ATOMIC_RELAXED);
}

/* Do A and B share one open file description?  -1 if we cannot tell. */
static int
same_description(int a, int b)
{
	/* Any thread may ask; the answer is the same for all of them. */
	if (__atomic_load_n(&kcmp_works, __ATOMIC_RELAXED) == 0)
		return -1;
	pid_t pid = getpid();
	long r = syscall(SYS_kcmp, pid, pid, KCMP_FILE, a, b);
	if (r < 0) {
		__atomic_store_n(&kcmp_works, 0, __ATOMIC_RELAXED);
		return -1;
	}
	__atomic_store_n(&kcmp_works, 1, __ATOMIC_RELAXED);
	return r == 0;
}

enum wl_fd_kind
wl_fd_classify(int fd)
{
	struct stat st2, st;
	enum wl_fd_kind k = WL_FD_OTHER;
	int saved = errno;

	if (fstat(2, &st2) != 0) {
		k = WL_FD_OTHER;	/* fd 2 closed: nothing is stderr */
	} else if (fd == 2) {
		k = WL_FD_STDERR;
	} else if (fstat(fd, &st) == 0 && st.st_dev == st2.st_dev &&
	    st.st_ino == st2.st_ino) {
		if (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode))
			k = WL_FD_STDERR;
		else if (fd > 1 && same_description(fd, 2) == 1)
			k = WL_FD_STDERR;
	}
	set(fd, k);
	errno = saved;
	return k;
}

void
wl_fd_init(void)
{
	/* Other threads read the cache while it is cleared (fd 2 replaced):
	 * byte by byte, atomically, never a torn memset. */
	for (size_t i = 0; i < sizeof(wl_fd_cache); i++)
		__atomic_store_n(&wl_fd_cache[i], 0, __ATOMIC_RELAXED);
}

void
wl_fd_forget(int fd)
{
	if (fd == 2)
		wl_fd_init();
	else
		set(fd, WL_FD_UNKNOWN);
}

void
wl_fd_opened(int fd, const char *path)
{
	static const char *const names[] = {
		"/dev/stderr", "/dev/fd/2", "/proc/self/fd/2",
	};

	wl_fd_forget(fd);
	if (fd < 0 || path == NULL)
		return;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(path, names[i]) == 0) {
			set(fd, WL_FD_STDERR);
			return;
		}
}

void
wl_fd_mark_devlog(int fd)
{
	set(fd, WL_FD_DEVLOG);
}

bool
wl_fd_is_devlog_addr(const void *addr, unsigned len)
{
	const struct sockaddr_un *sun = addr;
	static const char *const paths[] = {
		"/dev/log", "/run/systemd/journal/dev-log",
		"/run/systemd/journal/syslog", "/var/run/syslog",
	};

	if (addr == NULL || len <= offsetof(struct sockaddr_un, sun_path) ||
	    sun->sun_family != AF_UNIX)
		return false;
	size_t n = len - offsetof(struct sockaddr_un, sun_path);
	if (n > sizeof(sun->sun_path))
		n = sizeof(sun->sun_path);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		size_t pl = strlen(paths[i]);
		if (n >= pl && memcmp(sun->sun_path, paths[i], pl) == 0 &&
		    (n == pl || sun->sun_path[pl] == '\0'))
			return true;
	}
	return false;
}
