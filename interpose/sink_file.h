/*
 * sink_file.h - the file sink: records appended to a file, one write
 * each, with size-based rotation that several processes writing the same
 * file can share.
 *
 * The file is opened with O_APPEND, so each record lands whole at the
 * end whoever else writes.  Rotation (name -> name.1 -> ... -> name.KEEP)
 * happens under flock(2) on the current file, after re-checking under
 * the lock that no other process rotated it first; the others notice the
 * rename by the inode behind the name, and keep writing to the renamed
 * file until they do, so no record is lost or torn.  The size is learnt
 * again (fstat) each time this process has written an eighth of
 * max_size, so that other writers' records count.  At most once a
 * second, or when the size estimate passes max_size, the name is looked
 * at: a file that logrotate moved away is reopened.  The descriptor keeps one number for
 * the process's life (a reopen is a dup2 onto it), placed high so that a
 * program closing its descriptors and opening new ones does not reuse it.
 *
 * Safe to call from a signal handler: no allocation, a spinlock taken
 * only with trylock, and no wait on another process's lock there.
 */
#ifndef WL_SINK_FILE_H
#define WL_SINK_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct wl_file_sink {
	const char *path;		/* the configuration's, kept for life */
	unsigned long long max_size;	/* 0: never rotate */
	int keep;			/* rotated files kept, 0 none */
	int lock;			/* spin: open, reopen, rotate */
	int fd;				/* -1 until the first record */
	dev_t dev;			/* the file fd refers to */
	ino_t ino;
	unsigned long long size;	/* estimate: last seen + written since */
	unsigned long long since;	/* written since the size was seen */
	long long next_check_ms;	/* CLOCK_MONOTONIC_COARSE */
	long long retry_ms;		/* no size-triggered check before */
	int open_errno;			/* why the last open failed */
};

/* Set F up for PATH (not opened yet: the first record opens it). */
void wl_file_sink_init(struct wl_file_sink *f, const char *path,
    unsigned long long max_size, int keep) __attribute__((nonnull));

/* Append REC (LEN bytes, one record) with one write; rotate or reopen
 * first when due.  IN_HANDLER: called from a signal handler that
 * interrupted the library (never wait).  Returns 0, or -1 with errno
 * (the file cannot be opened or written; EFBIG: the record would take
 * the file past RLIMIT_FSIZE, where the write would raise SIGXFSZ). */
int wl_file_sink_write(struct wl_file_sink *f, const char *rec, size_t len,
    bool in_handler) __attribute__((nonnull));

/* In a fork child: the lock may have been held by a thread that is gone.
 * The descriptor is shared with the parent, which is fine with O_APPEND. */
void wl_file_sink_after_fork(struct wl_file_sink *f) __attribute__((nonnull));

#endif
