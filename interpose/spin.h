/*
 * spin.h - the library's one kind of lock, and its coarse clock.
 *
 * A spinlock held for a few dozen instructions (a memcpy, a counter):
 * async-signal-safe to take, unlike a mutex, as long as no code that
 * holds it can be interrupted by a handler that takes it on the same
 * thread (the re-entry guard sees to that).  A waiter yields the CPU.
 */
#ifndef WL_SPIN_H
#define WL_SPIN_H

#include <sched.h>
#include <stdbool.h>
#include <time.h>

static inline void
wl_spin_lock(int *l)
{
	while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE) != 0)
		sched_yield();
}

static inline bool
wl_spin_trylock(int *l)
{
	return __atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE) == 0;
}

static inline void
wl_spin_unlock(int *l)
{
	__atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

/* CLOCK_MONOTONIC_COARSE in milliseconds: ages of held lines, groups and
 * buffered records, where a tick of precision is plenty. */
static inline long long
wl_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#endif
