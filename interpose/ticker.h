/*
 * ticker.h - the library's background thread, for work driven by time.
 *
 * Partial lines left idle must reach their sink (a prompt waits for the
 * user).  The thread is started lazily, the first time such work exists,
 * with every signal blocked so that the host's handlers never run on it;
 * it sleeps on a futex when there is nothing to do.  A fork child has no
 * ticker until it needs one.
 */
#ifndef WL_TICKER_H
#define WL_TICKER_H

/* Make sure the ticker runs and will look at pending work soon.
 * Async-signal-safe once the thread exists (a futex wake). */
void wl_ticker_start(void);

/* In a fork child: the thread did not survive the fork. */
void wl_ticker_after_fork(void);

#endif
