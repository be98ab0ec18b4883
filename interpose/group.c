/*
 * group.c - multi-line grouping (see group.h).
 *
 * The common case, a thread with no open group writing a line that starts
 * none, costs a look at the line's first bytes.  Open groups live in a few
 * slots claimed per thread, with a spinlock held only while bytes are
 * copied, as in line assembly.
 */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "group.h"
#include "guard.h"
#include "pipeline.h"
#include "report.h"
#include "spin.h"
#include "ticker.h"
#include "tid.h"

struct group {
	int lock;
	pid_t owner;
	struct wl_report rep;	/* kind WL_REPORT_NONE: not started */
	uint32_t len;
	const char *api;
	long long touched;	/* CLOCK_MONOTONIC ms */
};

static struct group groups[WL_GROUP_SLOTS];
static char *arena;
static int open_groups;		/* how many slots are owned */

static char *
buf_of(const struct group *g)
{
	/* Atomic: the arena is published by compare-and-swap. */
	return __atomic_load_n(&arena, __ATOMIC_ACQUIRE) +
	    (size_t)(g - groups) * WL_GROUP_MAX;
}

/* Deliver a line or report of thread TID. */
static int
deliver(pid_t tid, const char *api, const char *p, size_t n, int *err)
{
	if (wl_pipeline_stderr_line(api, p, n, tid) != 0 && *err == 0)
		*err = errno != 0 ? errno : EIO;
	return 0;
}

/*
 * Deliver G's report and free the slot.  A report ending in blank lines
 * (a Python traceback that was not chained after all) is delivered
 * without them, and each blank line then as its own event, so that no
 * line is lost or invented.  The slot's lock is held; the bytes are
 * delivered from the slot itself, which nobody else touches meanwhile.
 */
static void
close_locked(struct group *g, int *err)
{
	char *b = buf_of(g);
	unsigned blanks;
	size_t n = wl_report_trim(b, g->len, &blanks);
	/* The report is its owner's, whichever thread (the ticker, exit)
	 * closes it. */
	pid_t tid = __atomic_load_n(&g->owner, __ATOMIC_RELAXED);
	deliver(tid, g->api, b, n, err);
	while (blanks-- > 0)
		deliver(tid, g->api, "", 0, err);
	g->len = 0;
	g->rep.kind = WL_REPORT_NONE;
	__atomic_store_n(&g->owner, 0, __ATOMIC_RELEASE);
	__atomic_sub_fetch(&open_groups, 1, __ATOMIC_RELAXED);
}

static void
append(struct group *g, const char *s, size_t n, int *err)
{
	if (g->len + n + 1 > WL_GROUP_MAX) {
		/* A report too long for one event: deliver what is held,
		 * and go on with the rest as a report of the same kind. */
		struct wl_report rep = g->rep;
		deliver(__atomic_load_n(&g->owner, __ATOMIC_RELAXED), g->api,
		    buf_of(g), g->len > 0 ? g->len - 1 : 0, err);
		g->len = 0;
		g->rep = rep;
		if (n + 1 > WL_GROUP_MAX)
			n = WL_GROUP_MAX - 1;
	}
	memcpy(buf_of(g) + g->len, s, n);
	g->len += (uint32_t)n;
	buf_of(g)[g->len++] = '\n';
	g->touched = wl_now_ms();
}

static bool
arena_ready(void)
{
	if (__atomic_load_n(&arena, __ATOMIC_ACQUIRE) != NULL)
		return true;
	size_t size = (size_t)WL_GROUP_SLOTS * WL_GROUP_MAX;
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return false;
	char *expected = NULL;
	if (!__atomic_compare_exchange_n(&arena, &expected, (char *)p, false,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		munmap(p, size);
	return true;
}

static struct group *
find(pid_t tid)
{
	if (__atomic_load_n(&open_groups, __ATOMIC_RELAXED) == 0)
		return NULL;
	for (unsigned i = 0; i < WL_GROUP_SLOTS; i++)
		if (__atomic_load_n(&groups[i].owner, __ATOMIC_ACQUIRE) == tid)
			return &groups[i];
	return NULL;
}

static struct group *
claim(pid_t tid)
{
	if (!arena_ready())
		return NULL;
	for (unsigned i = 0; i < WL_GROUP_SLOTS; i++) {
		pid_t free_ = 0;
		if (__atomic_compare_exchange_n(&groups[i].owner, &free_, tid,
		    false, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
			__atomic_add_fetch(&open_groups, 1, __ATOMIC_RELAXED);
			return &groups[i];
		}
	}
	return NULL;
}

/* The general case of wl_group_line: some thread has a group open, or
 * the line may start one. */
static __attribute__((noinline)) int
group_slow(const char *api, const char *s, size_t n, pid_t tid)
{
	int err = 0;
	struct group *g = find(tid);

	if (g != NULL) {
		wl_spin_lock(&g->lock);
		if (__atomic_load_n(&g->owner, __ATOMIC_RELAXED) == tid) {
			enum wl_report_verdict v =
			    wl_report_continues(&g->rep, s, n);
			if (v != WL_REPORT_CLOSE) {
				append(g, s, n, &err);
				if (v == WL_REPORT_JOIN_AND_CLOSE)
					close_locked(g, &err);
				wl_spin_unlock(&g->lock);
				goto out;
			}
			close_locked(g, &err);
		}
		wl_spin_unlock(&g->lock);
	}
	enum wl_report_kind k = wl_report_starts(s, n);
	if (k != WL_REPORT_NONE && (g = claim(tid)) != NULL) {
		wl_spin_lock(&g->lock);
		g->api = api;
		g->rep = (struct wl_report){ (uint8_t)k, 0 };
		g->len = 0;
		append(g, s, n, &err);
		wl_spin_unlock(&g->lock);
		wl_ticker_start();
		goto out;
	}
	deliver(tid, api, s, n, &err);
out:
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

int
wl_group_line(const char *api, const char *s, size_t n, pid_t tid)
{
	if (tid == 0)
		tid = wl_tid();
	/* Written from a signal handler that interrupted the library (the
	 * interrupted code may hold this thread's group), or a line that
	 * neither continues a group (none is open) nor starts one: on its
	 * own, at once. */
	if (wl_guard_depth > 1 ||
	    (__atomic_load_n(&open_groups, __ATOMIC_RELAXED) == 0 &&
	    wl_report_starts(s, n) == WL_REPORT_NONE)) {
		if (wl_pipeline_stderr_line(api, s, n, tid) == 0)
			return 0;
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return group_slow(api, s, n, tid);
}

bool
wl_group_flush(bool all)
{
	bool left = false;
	int err = 0;

	if (__atomic_load_n(&open_groups, __ATOMIC_RELAXED) == 0)
		return false;
	long long due = wl_now_ms() - WL_GROUP_IDLE_MS;
	for (unsigned i = 0; i < WL_GROUP_SLOTS; i++) {
		struct group *g = &groups[i];
		if (__atomic_load_n(&g->owner, __ATOMIC_ACQUIRE) == 0)
			continue;
		/* At exit, wait for a group the ticker is delivering: the
		 * process must not end in the middle of it. */
		if (all)
			wl_spin_lock(&g->lock);
		else if (!wl_spin_trylock(&g->lock)) {
			left = true;
			continue;
		}
		/* A slot claimed (its owner set without the lock) whose
		 * claimant has not yet locked it to start its report has no
		 * kind yet: it is not closed under the claimant's feet. */
		bool open = __atomic_load_n(&g->owner, __ATOMIC_RELAXED) != 0;
		if (open && g->rep.kind != WL_REPORT_NONE &&
		    (all || g->touched <= due))
			close_locked(g, &err);
		else if (open)
			left = true;
		wl_spin_unlock(&g->lock);
	}
	return left;
}

/*
 * In a fork child no group is open.  Each lock is taken the usual way, so
 * that whatever its last holder wrote comes before the reset (the
 * parent's other threads used these slots up to the fork); a lock a
 * thread held at the fork stays taken, and since that thread is not in
 * the child, it is ours.  open_groups is read without any lock: an atomic
 * store.
 */
void
wl_group_after_fork(void)
{
	for (unsigned i = 0; i < WL_GROUP_SLOTS; i++) {
		struct group *g = &groups[i];
		(void)wl_spin_trylock(&g->lock);
		g->len = 0;
		g->rep.kind = WL_REPORT_NONE;
		__atomic_store_n(&g->owner, 0, __ATOMIC_RELAXED);
		wl_spin_unlock(&g->lock);
	}
	__atomic_store_n(&open_groups, 0, __ATOMIC_RELAXED);
}
