/*
 * fdtrack.h - which descriptors are the process's stderr.
 *
 * The rule (documented in the README): a descriptor is stderr when it
 * refers to the file that fd 2 refers to now.
 *   - fd 2 itself, while it is open;
 *   - for regular files, pipes and sockets: any descriptor with the same
 *     device and inode as fd 2 (dup'ed copies, `>file 2>&1`, a reopened
 *     /dev/stderr);
 *   - for terminals and other character devices, where many unrelated
 *     descriptors share one device: a descriptor above 1 that shares fd
 *     2's open file description (kcmp), or one the program opened by a
 *     stderr name (/dev/stderr, /dev/fd/2, /proc/self/fd/2).  fd 0 and
 *     fd 1 on a terminal stay the program's input and output.
 * The answer is cached per descriptor number (below WL_FD_MAX; higher
 * numbers are never stderr) and forgotten when a hook sees the descriptor
 * created, duplicated onto or closed, and all of it when fd 2 changes.
 * The check on the pass-through path is one byte load.
 *
 * The cache also remembers datagram sockets connected to the local syslog
 * socket (/dev/log), whose messages become syslog events.
 */
#ifndef WL_FDTRACK_H
#define WL_FDTRACK_H

#include <stdbool.h>

#define WL_FD_MAX 4096

enum wl_fd_kind {
	WL_FD_UNKNOWN = 0,
	WL_FD_OTHER = 1,	/* not ours: pass through */
	WL_FD_STDERR = 2,
	WL_FD_DEVLOG = 3,	/* a socket connected to the syslog socket */
};

extern unsigned char wl_fd_cache[WL_FD_MAX]
    __attribute__((visibility("hidden")));

/* Work out and cache what FD is (an fstat, and a kcmp for devices). */
enum wl_fd_kind wl_fd_classify(int fd);

/* What FD is: one load when cached. */
static inline enum wl_fd_kind
wl_fd_kind(int fd)
{
	if ((unsigned)fd >= WL_FD_MAX)
		return WL_FD_OTHER;
	unsigned char k = __atomic_load_n(&wl_fd_cache[fd], __ATOMIC_RELAXED);
	return k != WL_FD_UNKNOWN ? (enum wl_fd_kind)k : wl_fd_classify(fd);
}

/* FD was created, closed or replaced: forget what it was.  When FD is 2,
 * forget everything, since "stderr" now means another file. */
void wl_fd_forget(int fd);

/* FD was opened by PATH: remember it as stderr if PATH names stderr. */
void wl_fd_opened(int fd, const char *path);

/* FD is now a socket connected to the local syslog socket. */
void wl_fd_mark_devlog(int fd);

/* True if ADDR (of length LEN) is the local syslog socket's address. */
bool wl_fd_is_devlog_addr(const void *addr, unsigned len);

/* Forget everything (init, fork, fd 2 changed). */
void wl_fd_init(void);

#endif
