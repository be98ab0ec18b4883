/*
 * outbuf.c - buffered delivery to the stderr sink (see outbuf.h).
 *
 * The buffer's lock is a spinlock held for a memcpy, or for the write of
 * a full buffer; a thread that finds it taken yields.  A signal handler
 * that interrupted the lock holder must not wait for it: the sink sends
 * records written from inside the library (guard depth above one)
 * straight to the file instead.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include "outbuf.h"
#include "proc.h"
#include "sink.h"
#include "spin.h"
#include "ticker.h"

static struct {
	int lock;
	size_t len;		/* bytes waiting: see held() */
	long long first_ms;	/* CLOCK_MONOTONIC ms of the oldest record */
	char data[WL_OUTBUF_SIZE];
} ob;

/*
 * ob.len is also read without the lock: the ticker looks at it before
 * taking the lock.  So every access is atomic, the writes under the lock
 * included.  Relaxed order is enough: the lock orders the buffer's bytes,
 * and the ticker's unlocked look is only a hint that it checks again
 * under the lock.
 */
static size_t
held(void)
{
	return __atomic_load_n(&ob.len, __ATOMIC_RELAXED);
}

static void
set_held(size_t n)
{
	__atomic_store_n(&ob.len, n, __ATOMIC_RELAXED);
}

/* Write the buffer out; the lock is held. */
static int
drain_locked(void)
{
	int rc = 0;
	size_t n = held();
	if (n > 0)
		rc = wl_sink_write_stderr_owed(ob.data, n);
	set_held(0);
	return rc;
}

int
wl_outbuf_add(const char *rec, size_t len, bool urgent)
{
	int rc = 0;
	bool start_ticker = false;

	wl_spin_lock(&ob.lock);
	if (held() + len > sizeof(ob.data))
		rc = drain_locked();
	if (len > sizeof(ob.data)) {
		/* A record larger than the buffer goes out on its own. */
		if (wl_sink_write_stderr_owed(rec, len) != 0)
			rc = -1;
	} else {
		size_t at = held();
		bool was_empty = at == 0;
		if (was_empty)
			ob.first_ms = wl_now_ms();
		memcpy(ob.data + at, rec, len);
		/* The ticker needs telling only when records start waiting:
		 * a wake per record would cost the system call this mode
		 * exists to save. */
		if (was_empty && !urgent)
			start_ticker = true;
		set_held(at + len);
		if (urgent && drain_locked() != 0)
			rc = -1;
	}
	int e = errno;
	wl_spin_unlock(&ob.lock);
	if (start_ticker)
		wl_ticker_start();
	errno = e;
	return rc;
}

void
wl_outbuf_flush(bool try)
{
	int saved = errno;
	if (try) {
		if (!wl_spin_trylock(&ob.lock))
			return;
	} else {
		wl_spin_lock(&ob.lock);
	}
	(void)drain_locked();
	wl_spin_unlock(&ob.lock);
	errno = saved;
}

bool
wl_outbuf_tick(void)
{
	bool waiting;

	if (held() == 0)
		return false;
	wl_spin_lock(&ob.lock);
	if (held() > 0 && wl_now_ms() - ob.first_ms >= wl_proc.buffer_ms)
		(void)drain_locked();
	waiting = held() > 0;
	wl_spin_unlock(&ob.lock);
	return waiting;
}

void
wl_outbuf_after_fork(void)
{
	/* Records added after prepare_fork emptied the buffer are the
	 * parent's.  The lock is taken the usual way, so that its last
	 * holder's writes come before the reset; one a thread held at the
	 * fork stays taken, and since that thread is not in the child, it is
	 * ours. */
	(void)wl_spin_trylock(&ob.lock);
	set_held(0);
	wl_spin_unlock(&ob.lock);
}

/*
 * Fatal signals: flush (this buffer, then the network sinks' queues),
 * then die of the signal as before.  Installed only
 * where the action is the default, so a program's own handler is never
 * replaced; a program that installs one later takes the signal over (its
 * exit or _exit still flushes).
 */
static const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT,
	SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE };

static void
on_fatal(int sig)
{
	wl_outbuf_flush(true);
	wl_sink_flush(true);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
prepare_fork(void)
{
	wl_outbuf_flush(false);
}

void
wl_outbuf_init(void)
{
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		struct sigaction old, sa;
		if (sigaction(fatal[i], NULL, &old) != 0 ||
		    old.sa_handler != SIG_DFL || (old.sa_flags & SA_SIGINFO))
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_fatal;
		sa.sa_flags = SA_RESETHAND | SA_NODEFER;
		sigemptyset(&sa.sa_mask);
		sigaction(fatal[i], &sa, NULL);
	}
	pthread_atfork(prepare_fork, NULL, NULL);
}
