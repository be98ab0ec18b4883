/*
 * ticker.c - the background thread (see ticker.h).
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "guard.h"
#include "group.h"
#include "linebuf.h"
#include "outbuf.h"
#include "ratelimit.h"
#include "proc.h"
#include "ticker.h"

static int state;	/* 0 none, 1 starting, 2 running */
static unsigned wake;	/* futex word: bumped by every kick */

static void
futex_wait(unsigned *word, unsigned val, const struct timespec *t)
{
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, t, NULL, 0);
}

static void *
ticker_main(void *arg)
{
	(void)arg;
	/* Everything the ticker calls is the library's own work: keep the
	 * guard raised so that nothing it does re-enters a hook. */
	wl_guard_depth = 1;
	for (;;) {
		unsigned seen = __atomic_load_n(&wake, __ATOMIC_ACQUIRE);
		bool lines = wl_line_flush_idle();
		lines |= wl_group_flush(false);
		bool records = wl_outbuf_tick();
		bool counts = wl_ratelimit_tick(false);
		if (counts && !lines && !records) {
			/* Only summaries wait: look again within a window. */
			struct timespec w = { 0, 250 * 1000000L };
			futex_wait(&wake, seen, &w);
			continue;
		}
		if (lines || records) {
			long ms = wl_line_idle_ms() / 2;
			if (records && wl_proc.buffer_ms / 2 < ms)
				ms = wl_proc.buffer_ms / 2 > 0 ?
				    wl_proc.buffer_ms / 2 : 1;
			struct timespec t = { 0, ms * 1000000L };
			futex_wait(&wake, seen, &t);
			/* A kick during the nap only means more work: go on
			 * napping until the idle time can have passed. */
			if (__atomic_load_n(&wake, __ATOMIC_ACQUIRE) != seen)
				nanosleep(&t, NULL);
		} else {
			futex_wait(&wake, seen, NULL);
		}
	}
	return NULL;
}

void
wl_ticker_start(void)
{
	int st = __atomic_load_n(&state, __ATOMIC_ACQUIRE);

	if (st == 2) {
		__atomic_add_fetch(&wake, 1, __ATOMIC_RELEASE);
		syscall(SYS_futex, &wake, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
		return;
	}
	if (st != 0 || !__atomic_compare_exchange_n(&state, &st, 1, false,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return;

	int saved = errno;
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t t;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	int rc = pthread_create(&t, &attr, ticker_main, NULL);
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	__atomic_store_n(&state, rc == 0 ? 2 : 0, __ATOMIC_RELEASE);
	errno = saved;
}

void
wl_ticker_after_fork(void)
{
	/* Atomic like every other access: the child has one thread, but
	 * its reads elsewhere are atomic and must not race a plain store. */
	__atomic_store_n(&state, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&wake, 0, __ATOMIC_RELAXED);
}
