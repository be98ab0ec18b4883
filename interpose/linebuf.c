/*
 * linebuf.c - line assembly (see linebuf.h).
 *
 * The common case, a write of whole lines with nothing pending, touches no
 * shared state: each line goes straight from the caller's buffer to the
 * pipeline.  Only a partial line takes a slot.  A slot belongs to one
 * thread (owner = its tid) until its line completes; the slot's lock is
 * held only while its bytes are copied, by the owner or by the thread that
 * flushes idle lines, and both hold it for a bounded time, so spinning on
 * it is safe even in a signal handler.
 */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "group.h"
#include "guard.h"
#include "linebuf.h"
#include "pipeline.h"
#include "spin.h"
#include "ticker.h"
#include "tid.h"

/*
 * owner is claimed with a compare-and-swap without the lock, so it is
 * only ever read and written atomically, even under the lock.  The other
 * fields belong to whoever holds the lock.
 */
struct slot {
	int lock;
	pid_t owner;		/* tid of the thread whose line it is, or 0 */
	uint32_t len;
	const char *api;	/* the entry point that started the line */
	int64_t touched;	/* CLOCK_MONOTONIC ms of the last append */
};

static struct slot slots[WL_LINE_SLOTS];
static char *arena;		/* WL_LINE_SLOTS * WL_LINE_MAX bytes */
static WL_TLS int my_slot;	/* index + 1, 0 when none */

/* S's bytes.  The caller has seen arena set (arena_ready, or a slot that
 * is owned); the load is atomic all the same, because a thread that lost
 * the race to set it did a compare-and-swap, which ThreadSanitizer counts
 * as a write even when it fails. */
static char *
slot_buf(const struct slot *s)
{
	return __atomic_load_n(&arena, __ATOMIC_RELAXED) +
	    (size_t)(s - slots) * WL_LINE_MAX;
}

/* S's owner.  Relaxed: under the lock, the lock orders the rest of the
 * slot; without it, the caller only compares with its own tid or 0. */
static pid_t
owner_of(const struct slot *s)
{
	return __atomic_load_n(&s->owner, __ATOMIC_RELAXED);
}

/* The slot this thread owns, or NULL. */
static struct slot *
mine(pid_t tid)
{
	if (my_slot == 0)
		return NULL;
	struct slot *s = &slots[my_slot - 1];
	if (__atomic_load_n(&s->owner, __ATOMIC_ACQUIRE) != tid) {
		my_slot = 0;	/* flushed for us while idle */
		return NULL;
	}
	return s;
}

static bool
arena_ready(void)
{
	if (__atomic_load_n(&arena, __ATOMIC_ACQUIRE) != NULL)
		return true;
	void *p = mmap(NULL, (size_t)WL_LINE_SLOTS * WL_LINE_MAX,
	    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
	    -1, 0);
	if (p == MAP_FAILED)
		return false;
	char *expected = NULL;
	if (!__atomic_compare_exchange_n(&arena, &expected, (char *)p, false,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		munmap(p, (size_t)WL_LINE_SLOTS * WL_LINE_MAX);
	return true;
}

/* Claim a free slot for TID, or NULL when all are taken. */
static struct slot *
claim(pid_t tid)
{
	if (!arena_ready())
		return NULL;
	for (unsigned i = 0; i < WL_LINE_SLOTS; i++) {
		struct slot *s = &slots[((unsigned)tid + i) % WL_LINE_SLOTS];
		pid_t free_ = 0;
		if (__atomic_load_n(&s->owner, __ATOMIC_RELAXED) == 0 &&
		    __atomic_compare_exchange_n(&s->owner, &free_, tid, false,
		    __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
			my_slot = (int)(s - slots) + 1;
			return s;
		}
	}
	return NULL;
}

/* Submit one line of thread TID (0: the calling thread's); the first
 * failure is kept in *err. */
static void
submit_of(pid_t tid, const char *api, const char *p, size_t n, int *err)
{
	if (wl_group_line(api, p, n, tid) != 0 && *err == 0)
		*err = errno != 0 ? errno : EIO;
}

/* Submit one line of the calling thread. */
static void
submit(const char *api, const char *p, size_t n, int *err)
{
	if (wl_group_line(api, p, n, 0) != 0 && *err == 0)
		*err = errno != 0 ? errno : EIO;
}

/* Submit a run of bytes that holds no newline, split at WL_LINE_MAX. */
static void
submit_long(const char *api, const char *p, size_t n, int *err)
{
	while (n > WL_LINE_MAX) {
		submit(api, p, WL_LINE_MAX, err);
		p += WL_LINE_MAX;
		n -= WL_LINE_MAX;
	}
	submit(api, p, n, err);
}

/* Append to a held line, delivering it first when it would overflow. */
static void
append(struct slot *s, const char *p, size_t n, int *err)
{
	while (n > 0) {
		if (s->len == WL_LINE_MAX) {
			submit(s->api, slot_buf(s), s->len, err);
			s->len = 0;
		}
		size_t k = WL_LINE_MAX - s->len;
		if (k > n)
			k = n;
		memcpy(slot_buf(s) + s->len, p, k);
		s->len += (uint32_t)k;
		p += k;
		n -= k;
	}
}

static void
release(struct slot *s)
{
	s->len = 0;
	__atomic_store_n(&s->owner, 0, __ATOMIC_RELEASE);
	my_slot = 0;
}

/* The general case of wl_line_feed: a held line, several lines, a
 * partial line. */
static __attribute__((noinline)) int
feed_slow(const char *api, const char *buf, size_t len)
{
	pid_t tid = wl_tid();
	const char *end = buf + len;
	int err = 0;
	struct slot *s = mine(tid);

	if (s != NULL) {
		wl_spin_lock(&s->lock);
		if (owner_of(s) == tid && s->len > 0) {
			const char *nl = memchr(buf, '\n', len);
			append(s, buf, (size_t)((nl != NULL ? nl : end) - buf),
			    &err);
			if (nl == NULL) {
				s->touched = wl_now_ms();
				wl_spin_unlock(&s->lock);
				goto out;
			}
			submit(s->api, slot_buf(s), s->len, &err);
			buf = nl + 1;
		}
		release(s);
		wl_spin_unlock(&s->lock);
	}
	while (buf < end) {
		const char *nl = memchr(buf, '\n', (size_t)(end - buf));
		if (nl == NULL)
			break;
		submit_long(api, buf, (size_t)(nl - buf), &err);
		buf = nl + 1;
	}
	if (buf < end) {
		s = claim(tid);
		if (s == NULL) {
			submit_long(api, buf, (size_t)(end - buf), &err);
		} else {
			wl_spin_lock(&s->lock);
			s->api = api;
			s->len = 0;
			append(s, buf, (size_t)(end - buf), &err);
			s->touched = wl_now_ms();
			wl_spin_unlock(&s->lock);
			wl_ticker_start();
		}
	}
out:
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

/*
 * The common write, one whole line with nothing held for the thread,
 * goes to grouping at once: what the general case would do with it,
 * without its bookkeeping.  (A thread whose held line was delivered for
 * it while idle still has my_slot set, and takes the general case once.)
 */
int
wl_line_feed(const char *api, const char *buf, size_t len)
{
	if (my_slot == 0 && len - 1 <= WL_LINE_MAX && buf[len - 1] == '\n' &&
	    memchr(buf, '\n', len - 1) == NULL)
		return wl_group_line(api, buf, len - 1, 0);
	return feed_slow(api, buf, len);
}

int
wl_line_feed_direct(const char *api, const char *buf, size_t len)
{
	const char *end = buf + len;
	int err = 0;

	while (buf < end) {
		const char *nl = memchr(buf, '\n', (size_t)(end - buf));
		const char *stop = nl != NULL ? nl : end;
		submit_long(api, buf, (size_t)(stop - buf), &err);
		buf = nl != NULL ? nl + 1 : end;
	}
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

/*
 * Take slot S's line if it is due, copying it out under the lock so that
 * the (possibly blocking) delivery happens without it.  The copy needs a
 * WL_LINE_MAX buffer: the flushing thread is ours (the ticker) or one that
 * is exiting, never a signal handler, so a static buffer guarded by its own
 * lock serves.
 */
static char flush_buf[WL_LINE_MAX];
static int flush_lock;

static bool
flush_slot(struct slot *s, int64_t due_before, bool wait)
{
	const char *api;
	uint32_t n;

	if (__atomic_load_n(&s->owner, __ATOMIC_ACQUIRE) == 0)
		return false;
	if (wait) {
		/* Whoever holds the slot is another thread (the callers
		 * are not inside the library on this one) for a few
		 * instructions: the ticker looking at it, its owner
		 * adding to it.  Wait for it, but not for ever. */
		int tries = 0;
		while (!wl_spin_trylock(&s->lock)) {
			if (++tries > 4000)
				return true;
			if (tries > 16)
				sched_yield();
		}
	} else if (!wl_spin_trylock(&s->lock))
		return true;
	pid_t owner = owner_of(s);
	if (owner == 0 || s->len == 0 || s->touched > due_before) {
		bool pending = owner != 0;
		wl_spin_unlock(&s->lock);
		return pending;
	}
	wl_spin_lock(&flush_lock);
	n = s->len;
	api = s->api;
	memcpy(flush_buf, slot_buf(s), n);
	s->len = 0;
	__atomic_store_n(&s->owner, 0, __ATOMIC_RELEASE);
	wl_spin_unlock(&s->lock);
	int err = 0;
	/* The line is its owner's, whichever thread (the ticker, exit)
	 * delivers it. */
	submit_of(owner, api, flush_buf, n, &err);
	wl_spin_unlock(&flush_lock);
	return false;
}

void
wl_line_flush_all(void)
{
	if (__atomic_load_n(&arena, __ATOMIC_ACQUIRE) == NULL)
		return;
	for (unsigned i = 0; i < WL_LINE_SLOTS; i++)
		(void)flush_slot(&slots[i], INT64_MAX, true);
}

static int idle_ms = WL_LINE_IDLE_MS;

void
wl_line_set_idle_ms(int ms)
{
	if (ms > 0)
		__atomic_store_n(&idle_ms, ms, __ATOMIC_RELAXED);
}

int
wl_line_idle_ms(void)
{
	return __atomic_load_n(&idle_ms, __ATOMIC_RELAXED);
}

bool
wl_line_flush_idle(void)
{
	bool pending = false;

	if (__atomic_load_n(&arena, __ATOMIC_ACQUIRE) == NULL)
		return false;
	int64_t due = wl_now_ms() - wl_line_idle_ms();
	for (unsigned i = 0; i < WL_LINE_SLOTS; i++)
		pending |= flush_slot(&slots[i], due, false);
	return pending;
}

/*
 * In a fork child every slot is free again.  Each lock is taken the usual
 * way, so that whatever its last holder wrote comes before the reset (the
 * parent's other threads used these slots up to the fork); a lock a
 * thread held at the fork stays taken, and since that thread is not in
 * the child, it is ours.
 */
void
wl_line_after_fork(void)
{
	for (unsigned i = 0; i < WL_LINE_SLOTS; i++) {
		struct slot *s = &slots[i];
		(void)wl_spin_trylock(&s->lock);
		s->len = 0;
		__atomic_store_n(&s->owner, 0, __ATOMIC_RELAXED);
		wl_spin_unlock(&s->lock);
	}
	(void)wl_spin_trylock(&flush_lock);
	wl_spin_unlock(&flush_lock);
	my_slot = 0;
}
