/*
 * ratelimit.h - flood control, per message template.
 *
 * Each key (the template of a message, see template.h, and its level) has
 * a token bucket: RATE events per second with BURST to spare; fractional
 * credit is kept, so the rate delivered is exactly the one configured.
 * On top, two process-wide buckets: one for events below ERROR and a
 * larger one for ERROR and above.  FATAL is never dropped.
 *
 * Nothing is dropped silently: each key counts what it dropped, and a
 * summary event ("suppressed N events like ...") carrying the count, the
 * template, the first and last times and one sample is emitted when the
 * key's window ends (the ticker looks once per window), when the key is
 * evicted from the fixed-size table, and at exit.  For every run:
 * delivered + counted in summaries = produced.
 *
 * Async-signal-safe apart from the table's per-key spinlocks: events
 * written from a signal handler that interrupted the library are admitted
 * without being counted against a bucket (the interrupted code may hold
 * the key's lock).
 */
#ifndef WL_RATELIMIT_H
#define WL_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>
#include "event.h"

struct wl_ratelimit_conf {
	bool on;
	double rate;		/* per key, events per second */
	double burst;		/* per key */
	double level_rate[8];	/* per level (index wl_rl_level), 0 = rate */
	double global_rate;	/* below ERROR, events per second, 0 = none */
	double error_rate;	/* ERROR and above (not FATAL), 0 = none */
	unsigned keys;		/* table size, a power of two */
	int window_ms;		/* how often pending summaries go out */
};

/* Defaults: on, 10/s and 50 per key, 1000/s overall, 10000/s for
 * ERROR and above, 4096 keys, 1 s windows. */
void wl_ratelimit_defaults(struct wl_ratelimit_conf *c);

/* Use configuration C (at start). */
void wl_ratelimit_setup(const struct wl_ratelimit_conf *c);

/*
 * Admit EV or count it against its key.  Returns true when EV goes on to
 * the next stage.  An event with a time (ev->ts) is limited at that time;
 * for any other the limiter reads its own clock, CLOCK_REALTIME_COARSE
 * when one tick's credit fits into the burst (CLOCK_REALTIME otherwise),
 * and leaves ev->ts for the next stage to set: a summary's first time is
 * precise, its last within a tick.  May deliver a summary first (an
 * evicted key's) through wl_pipeline_deliver.
 */
bool wl_ratelimit_admit(struct wl_event *ev) __attribute__((nonnull));

struct wl_memo;

/* The same, the template's hash taken from (and kept in) the calling
 * thread's memo when M (may be NULL) holds the key of ev->msg (memo.h,
 * template.h). */
bool wl_ratelimit_admit_memo(struct wl_event *ev, struct wl_memo *m)
    __attribute__((nonnull(1)));

/* Deliver the summaries of windows that have ended (FORCE: all pending,
 * at exit).  Returns true while some key still holds a count. */
bool wl_ratelimit_tick(bool force);

/* The same at the time NOW (tests inject the clock). */
bool wl_ratelimit_tick_at(const struct timespec *now, bool force)
    __attribute__((nonnull));

/* In a fork child: the parent reports what it suppressed. */
void wl_ratelimit_after_fork(void);

/* The index into level_rate of severity SEV (0 trace .. 6 fatal). */
int wl_rl_level(int sev);

/* Parse "N/INTERVAL" (10/s, 10/1s, 600/1m, 5/100ms) into events per
 * second; "0" and "off" give 0.  Returns 0, or -1. */
int wl_ratelimit_parse_rate(const char *s, double *per_second);

#endif
