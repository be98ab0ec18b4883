/*
 * sink_file.c - the file sink (see sink_file.h).
 *
 * The fast path is one coarse clock read, one write and one atomic add.
 * Everything else (the first open, the once-a-second look at the name,
 * rotation) happens in maintain(), under the sink's spinlock, which a
 * writer that finds it taken does not wait for: it writes to the current
 * descriptor, which stays valid throughout (reopening is a dup2 onto it).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "real.h"
#include "sink_file.h"
#include "spin.h"

/* How often the name is looked at, and how long a rotation waits for
 * another process's lock before writing on (the record then lands in
 * the file that process is renaming: late, but whole). */
#define CHECK_EVERY_MS 1000
#define LOCK_WAIT_MS 200
#define RETRY_MS 20

void
wl_file_sink_init(struct wl_file_sink *f, const char *path,
    unsigned long long max_size, int keep)
{
	memset(f, 0, sizeof(*f));
	f->path = path;
	f->max_size = max_size;
	f->keep = keep;
	f->fd = -1;
}

/*
 * Open the file for appending, on a high descriptor number: a program
 * that closes every descriptor and opens files again gets the low
 * numbers, so ours is not silently reused for its file.  Returns the
 * descriptor, or -1 with errno.
 */
static int
open_file(const char *path)
{
	int fd = wl_real_open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
	    O_NOCTTY, 0640);
	if (fd < 0)
		return -1;
	struct rlimit rl;
	long floor = 512;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    (long)rl.rlim_cur / 2 < floor)
		floor = (long)rl.rlim_cur / 2;
	if (fd < floor && floor > 16) {
		int high = wl_real_fcntl(fd, F_DUPFD_CLOEXEC, floor);
		if (high >= 0) {
			wl_real_close(fd);
			fd = high;
		}
	}
	return fd;
}

/* Point F's descriptor at the file now at F's path (created if gone).
 * Returns 0, or -1 with errno. */
static int
reopen_locked(struct wl_file_sink *f)
{
	struct stat st;
	int fd = open_file(f->path);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		wl_real_close(fd);
		errno = e;
		return -1;
	}
	if (f->fd < 0) {
		__atomic_store_n(&f->fd, fd, __ATOMIC_RELEASE);
	} else {
		/* One number for life: no moment when it is closed. */
		int rc = wl_real_dup2(fd, f->fd);
		int e = errno;
		wl_real_close(fd);
		if (rc < 0) {
			errno = e;
			return -1;
		}
	}
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	__atomic_store_n(&f->since, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&f->size, (unsigned long long)st.st_size,
	    __ATOMIC_RELAXED);
	return 0;
}

static bool
same_file(const struct wl_file_sink *f, const struct stat *st)
{
	return st->st_dev == f->dev && st->st_ino == f->ino;
}

/* flock F's descriptor, waiting at most LOCK_WAIT_MS (not at all in a
 * signal handler).  True when held. */
static bool
lock_file(int fd, bool in_handler)
{
	long long until = wl_now_ms() + LOCK_WAIT_MS;
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return true;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return false;
		if (in_handler || wl_now_ms() >= until)
			return false;
		struct timespec ts = { 0, 1000000 };
		nanosleep(&ts, NULL);
	}
}

/* "PATH.N" into OUT; false if it does not fit. */
static bool
numbered(char *out, size_t cap, const char *path, int n)
{
	int k = n > 0 ? snprintf(out, cap, "%s.%d", path, n) :
	    snprintf(out, cap, "%s", path);
	return k > 0 && (size_t)k < cap;
}

/*
 * Rotate when the file (by its real size, under its lock) cannot take
 * LEN more bytes: shift PATH.N to PATH.N+1 (the oldest falls off), PATH
 * to PATH.1, and open a new PATH.  Another process may have rotated
 * first: then the name already points elsewhere and we follow it.
 */
static void
rotate_locked(struct wl_file_sink *f, size_t len, bool in_handler)
{
	struct stat fs, ps;
	char from[4200], to[4200];

	if (!lock_file(f->fd, in_handler)) {
		f->retry_ms = wl_now_ms() + RETRY_MS;
		return;
	}
	if (stat(f->path, &ps) != 0 || !same_file(f, &ps)) {
		/* Rotated by someone else meanwhile. */
		flock(f->fd, LOCK_UN);
		(void)reopen_locked(f);
		return;
	}
	/* A record longer than max_size goes into an empty file rather
	 * than rotating empty files away. */
	if (fstat(f->fd, &fs) == 0 && (fs.st_size == 0 ||
	    (unsigned long long)fs.st_size + len <= f->max_size)) {
		__atomic_store_n(&f->size, (unsigned long long)fs.st_size,
		    __ATOMIC_RELAXED);
		flock(f->fd, LOCK_UN);
		return;
	}
	if (f->keep == 0) {
		(void)unlink(f->path);
	} else {
		for (int i = f->keep - 1; i >= 0; i--)
			if (numbered(from, sizeof(from), f->path, i) &&
			    numbered(to, sizeof(to), f->path, i + 1))
				(void)rename(from, to);
	}
	/* Unlock before the descriptor moves on: a fork child may share the
	 * open file description and would keep the lock. */
	flock(f->fd, LOCK_UN);
	if (reopen_locked(f) != 0)
		f->retry_ms = wl_now_ms() + RETRY_MS;
}

/*
 * The slow path: open on first use; at most once a second make sure the
 * descriptor is still ours and the name still points at its file
 * (logrotate moves it away, a program may close our descriptor); learn
 * the real size whenever this process has written an eighth of max_size
 * since it last looked (other processes write to the file too, so its
 * own count alone would rotate late); rotate when the size says so.
 * FORCE: a write just failed with EBADF.
 */
static void
maintain(struct wl_file_sink *f, size_t len, bool in_handler, bool force)
{
	long long now = wl_now_ms();
	struct stat fs, ps;

	if (f->fd < 0) {
		if (reopen_locked(f) != 0)
			f->open_errno = errno;
		f->next_check_ms = now + CHECK_EVERY_MS;
		return;
	}
	bool full = force || now >= f->next_check_ms;
	if (full || f->max_size > 0) {
		if (fstat(f->fd, &fs) != 0 || !same_file(f, &fs)) {
			/* Our number was closed, or now holds another file
			 * (the program's): never write over it; start on a
			 * new descriptor. */
			f->fd = -1;
			if (reopen_locked(f) != 0)
				f->open_errno = errno;
			f->next_check_ms = now + CHECK_EVERY_MS;
			return;
		}
		__atomic_store_n(&f->size, (unsigned long long)fs.st_size,
		    __ATOMIC_RELAXED);
		__atomic_store_n(&f->since, 0, __ATOMIC_RELAXED);
	}
	if (full) {
		f->next_check_ms = now + CHECK_EVERY_MS;
		if (stat(f->path, &ps) != 0 || !same_file(f, &ps)) {
			(void)reopen_locked(f);
			return;
		}
	}
	if (f->max_size > 0 && now >= f->retry_ms &&
	    __atomic_load_n(&f->size, __ATOMIC_RELAXED) + len > f->max_size)
		rotate_locked(f, len, in_handler);
}

static bool
due(struct wl_file_sink *f, size_t len)
{
	long long now = wl_now_ms();
	if (now >= f->next_check_ms)
		return true;
	return f->max_size > 0 && now >= f->retry_ms &&
	    (__atomic_load_n(&f->size, __ATOMIC_RELAXED) + len > f->max_size ||
	    __atomic_load_n(&f->since, __ATOMIC_RELAXED) >= f->max_size / 8);
}

/* Run maintain() if the lock is free; wait for it only while there is no
 * descriptor at all, and never in a signal handler. */
static void
maybe_maintain(struct wl_file_sink *f, size_t len, bool in_handler,
    bool force)
{
	if (!wl_spin_trylock(&f->lock)) {
		if (in_handler || __atomic_load_n(&f->fd, __ATOMIC_ACQUIRE) >= 0)
			return;
		wl_spin_lock(&f->lock);
	}
	maintain(f, len, in_handler, force);
	wl_spin_unlock(&f->lock);
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = wl_real_write(fd, p, n);
		if (w > 0) {
			p += w;
			n -= (size_t)w;
		} else if (w < 0 && errno != EINTR) {
			return -1;
		} else if (w == 0) {
			errno = EIO;
			return -1;
		}
	}
	return 0;
}

/*
 * RLIMIT_FSIZE, read at most once a second (a getrlimit costs as much as
 * the write), 0 for none.  A write past it raises SIGXFSZ, which ends the
 * program unless it ignores the signal: a record that would cross it is
 * refused with EFBIG instead, so the library is never what kills it.
 */
static unsigned long long fsize_limit;
static long long fsize_read_ms = -CHECK_EVERY_MS;

static unsigned long long
fsize_now(void)
{
	long long now = wl_now_ms();
	if (now - __atomic_load_n(&fsize_read_ms, __ATOMIC_RELAXED) >=
	    CHECK_EVERY_MS) {
		struct rlimit rl;
		unsigned long long v = 0;
		if (getrlimit(RLIMIT_FSIZE, &rl) == 0 &&
		    rl.rlim_cur != RLIM_INFINITY)
			v = rl.rlim_cur;
		__atomic_store_n(&fsize_limit, v, __ATOMIC_RELAXED);
		__atomic_store_n(&fsize_read_ms, now, __ATOMIC_RELAXED);
	}
	return __atomic_load_n(&fsize_limit, __ATOMIC_RELAXED);
}

/* Would LEN more bytes on FD cross the file size limit?  Only with a
 * limit set is the file's real size asked for. */
static bool
over_fsize(int fd, size_t len)
{
	unsigned long long lim = fsize_now();
	struct stat st;
	if (lim == 0 || fstat(fd, &st) != 0)
		return false;
	return (unsigned long long)st.st_size + len > lim;
}

int
wl_file_sink_write(struct wl_file_sink *f, const char *rec, size_t len,
    bool in_handler)
{
	int fd = __atomic_load_n(&f->fd, __ATOMIC_ACQUIRE);
	if (fd < 0 && wl_now_ms() < f->next_check_ms) {
		/* It could not be opened a moment ago: not one open per
		 * record while the directory is missing. */
		errno = f->open_errno;
		return -1;
	}
	if (fd < 0 || due(f, len)) {
		maybe_maintain(f, len, in_handler, false);
		fd = __atomic_load_n(&f->fd, __ATOMIC_ACQUIRE);
		if (fd < 0)
			return -1;	/* errno from the failed open */
	}
	if (over_fsize(fd, len)) {
		errno = EFBIG;
		return -1;
	}
	if (write_all(fd, rec, len) != 0) {
		if (errno != EBADF)
			return -1;
		/* The program closed our descriptor: reopen, once. */
		maybe_maintain(f, len, in_handler, true);
		fd = __atomic_load_n(&f->fd, __ATOMIC_ACQUIRE);
		if (fd < 0 || write_all(fd, rec, len) != 0)
			return -1;
	}
	__atomic_add_fetch(&f->size, len, __ATOMIC_RELAXED);
	if (f->max_size > 0)
		__atomic_add_fetch(&f->since, len, __ATOMIC_RELAXED);
	return 0;
}

void
wl_file_sink_after_fork(struct wl_file_sink *f)
{
	/* Taken the usual way, so that its last holder's writes come before
	 * the child's; one a thread held at the fork stays taken, and since
	 * that thread is not in the child, it is ours. */
	(void)wl_spin_trylock(&f->lock);
	wl_spin_unlock(&f->lock);
}
