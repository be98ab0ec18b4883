/*
 * tid.h - the calling thread's kernel id, cached per thread.
 *
 * gettid() is a system call; the id never changes for a thread except in
 * a fork child, where wl_tid_after_fork() forgets it.
 */
#ifndef WL_TID_H
#define WL_TID_H

#include <sys/types.h>
#include <unistd.h>
#include "guard.h"

extern WL_TLS pid_t wl_tid_cache;

static inline pid_t
wl_tid(void)
{
	if (__builtin_expect(wl_tid_cache == 0, 0))
		wl_tid_cache = gettid();
	return wl_tid_cache;
}

static inline void
wl_tid_after_fork(void)
{
	wl_tid_cache = 0;
}

#endif
