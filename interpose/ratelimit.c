/*
 * ratelimit.c - flood control per message template (see ratelimit.h).
 *
 * The key table is one lazily mapped array (pages are touched only as
 * keys arrive, so a quiet program pays nothing), open addressing with a
 * probe window of eight; when the window is full the key seen least
 * recently is evicted, its pending summary delivered first.  Each entry
 * has a spinlock held for a few dozen instructions; summaries are built
 * from a copy taken under the lock and delivered without it.
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "format.h"
#include "guard.h"
#include "level.h"
#include "pipeline.h"
#include "ratelimit.h"
#include "spin.h"
#include "template.h"
#include "ticker.h"

#define PROBE 8
#define KEY_MAX 120
#define SAMPLE_MAX 200
#define IDENT_MAX 32

/*
 * An entry's fields are read and written under its lock, with two
 * exceptions, both atomic: hash, which lookups and the ticker read
 * without the lock to find keys (written once the entry is ready, with
 * release), and seen_ns, which a lookup compares across the entries of a
 * probe window to pick the one to evict (relaxed: any value it reads is
 * a fine guess, and eviction hands the count on in a summary whichever
 * key it picks).
 */
struct entry {
	uint64_t hash;		/* 0: free */
	int lock;
	uint8_t sev, source;
	uint8_t keylen, identlen;
	uint16_t samplelen;
	int facility;
	double rate;		/* per second, for the key's level */
	double tokens;
	long long refill_ns, seen_ns, window_ns;
	unsigned long long suppressed;
	struct timespec first, last;
	char key[KEY_MAX];
	char sample[SAMPLE_MAX];
	char ident[IDENT_MAX];
};

struct bucket {
	int lock;
	double tokens;
	long long refill_ns;
};

static struct wl_ratelimit_conf conf;
static bool coarse;		/* the buckets run on the coarse clock */
static struct entry *table;
static struct bucket global, errors;
static int pending;		/* some key holds a count */

void
wl_ratelimit_setup(const struct wl_ratelimit_conf *c)
{
	struct timespec res;

	conf = *c;
	if (conf.keys < PROBE)
		conf.keys = PROBE;
	while (conf.keys & (conf.keys - 1))	/* a power of two */
		conf.keys &= conf.keys - 1;
	/*
	 * Reading CLOCK_REALTIME costs a suppressed event as much as all
	 * the rest of its way here; its coarse twin (the time at the last
	 * tick, a few milliseconds old at most) costs a fifth of that.  A
	 * bucket refilled by the tick gets the same credit in the end, as
	 * long as one tick's credit fits into the burst: else the bucket
	 * would overflow at every tick, and the precise clock is used.
	 */
	double rate = conf.rate;
	for (size_t i = 0; i < sizeof(conf.level_rate) / sizeof(conf.level_rate[0]);
	    i++)
		if (conf.level_rate[i] > rate)
			rate = conf.level_rate[i];
	coarse = clock_getres(CLOCK_REALTIME_COARSE, &res) == 0 &&
	    res.tv_sec == 0 && rate * (double)res.tv_nsec / 1e9 <= conf.burst;
}

static long long
ns_of(const struct timespec *ts)
{
	return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

/* Take one token from B (RATE per second, BURST at most) at NOW. */
static bool
take(double *tokens, long long *refill, double rate, double burst,
    long long now)
{
	long long dt = now - *refill;
	if (dt > 0) {
		*tokens += (double)dt * rate / 1e9;
		if (*tokens > burst)
			*tokens = burst;
	}
	*refill = now;
	if (*tokens >= 1) {
		*tokens -= 1;
		return true;
	}
	return false;
}

static bool
global_take(int sev, long long now)
{
	struct bucket *b = sev >= WL_SEV_ERROR ? &errors : &global;
	double rate = sev >= WL_SEV_ERROR ? conf.error_rate : conf.global_rate;
	if (rate <= 0)
		return true;
	wl_spin_lock(&b->lock);
	bool ok = take(&b->tokens, &b->refill_ns, rate, rate, now);
	wl_spin_unlock(&b->lock);
	return ok;
}

static bool
table_ready(void)
{
	if (__atomic_load_n(&table, __ATOMIC_ACQUIRE) != NULL)
		return true;
	size_t size = (size_t)conf.keys * sizeof(struct entry);
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return false;
	struct entry *expected = NULL;
	if (!__atomic_compare_exchange_n(&table, &expected, (struct entry *)p,
	    false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		munmap(p, size);
	/* The buckets start full. */
	return true;
}

/* A summary taken out of an entry under its lock. */
struct summary {
	unsigned long long count;
	uint8_t sev, source;
	int facility;
	struct timespec first, last;
	char key[KEY_MAX], sample[SAMPLE_MAX], ident[IDENT_MAX];
	uint8_t keylen, identlen;
	uint16_t samplelen;
};

/* Copy E's pending count into S and reset it; the lock is held. */
static bool
take_summary(struct entry *e, struct summary *s)
{
	if (e->suppressed == 0)
		return false;
	s->count = e->suppressed;
	s->sev = e->sev;
	s->source = e->source;
	s->facility = e->facility;
	s->first = e->first;
	s->last = e->last;
	memcpy(s->key, e->key, e->keylen);
	s->keylen = e->keylen;
	memcpy(s->sample, e->sample, e->samplelen);
	s->samplelen = e->samplelen;
	memcpy(s->ident, e->ident, e->identlen);
	s->identlen = e->identlen;
	e->suppressed = 0;
	return true;
}

static size_t
append(char *buf, size_t at, size_t cap, const char *s, size_t n)
{
	if (at + n > cap)
		n = cap > at ? cap - at : 0;
	memcpy(buf + at, s, n);
	return at + n;
}

/* Deliver S as an event: 'suppressed N events like "KEY" (LEVEL)
 * between T1 and T2', with the fields a reader needs to account. */
static void
deliver(const struct summary *s)
{
	char msg[512], num[24], t1[32], t2[32];
	size_t n = 0, k = sizeof(num);
	struct wl_event ev;
	unsigned long long v = s->count;

	do {
		num[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	wl_format_time(&s->first, t1);
	wl_format_time(&s->last, t2);
	const char *level = wl_level_name(s->sev);
	n = append(msg, n, sizeof(msg), "suppressed ", 11);
	n = append(msg, n, sizeof(msg), num + k, sizeof(num) - k);
	n = append(msg, n, sizeof(msg), " events like \"", 14);
	n = append(msg, n, sizeof(msg), s->key, s->keylen);
	n = append(msg, n, sizeof(msg), "\" (", 3);
	n = append(msg, n, sizeof(msg), level, strlen(level));
	n = append(msg, n, sizeof(msg), ") between ", 10);
	n = append(msg, n, sizeof(msg), t1, strlen(t1));
	n = append(msg, n, sizeof(msg), " and ", 5);
	n = append(msg, n, sizeof(msg), t2, strlen(t2));

	wl_event_init(&ev, s->source, "ratelimit", msg, n);
	ev.severity = s->sev;
	ev.decided_by = "ratelimit";
	ev.facility = s->facility;
	ev.ident = s->identlen > 0 ? s->ident : NULL;
	ev.ident_len = s->identlen;
	ev.flags = WL_EV_SUMMARY;
	ev.fields[0] = (struct wl_field){ "suppressed", num + k,
	    sizeof(num) - k };
	ev.fields[1] = (struct wl_field){ "key", s->key, s->keylen };
	ev.fields[2] = (struct wl_field){ "first", t1, strlen(t1) };
	ev.fields[3] = (struct wl_field){ "last", t2, strlen(t2) };
	ev.fields[4] = (struct wl_field){ "sample", s->sample, s->samplelen };
	ev.nfields = 5;
	(void)wl_pipeline_deliver(&ev);
}

/* Start E as the entry of EV's key; the lock is held.  The key's hash
 * is published by the caller, once the rest is set. */
static void
init_entry(struct entry *e, const struct wl_event *ev, long long now)
{
	e->sev = ev->severity;
	e->source = ev->source;
	e->facility = ev->facility;
	e->rate = conf.level_rate[wl_rl_level(ev->severity)];
	if (e->rate <= 0)
		e->rate = conf.rate;
	e->tokens = conf.burst;
	e->refill_ns = now;
	e->suppressed = 0;
	e->keylen = (uint8_t)wl_template_text(ev->msg, ev->msg_len, e->key,
	    sizeof(e->key));
	size_t il = ev->ident_len < IDENT_MAX ? ev->ident_len : IDENT_MAX;
	memcpy(e->ident, ev->ident != NULL ? ev->ident : "", il);
	e->identlen = (uint8_t)il;
}

/* The locked entry of key H, made (or taken from the least recently seen
 * key, whose summary is then in *S and *EVICTED set) if needed. */
static struct entry *
lookup(uint64_t h, const struct wl_event *ev, long long now,
    struct summary *s, bool *evicted)
{
	size_t mask = conf.keys - 1, base = (size_t)h & mask;

	for (int round = 0; round < 4; round++) {
		struct entry *oldest = NULL, *free_ = NULL;
		for (size_t i = 0; i < PROBE; i++) {
			struct entry *e = &table[(base + i) & mask];
			uint64_t eh = __atomic_load_n(&e->hash, __ATOMIC_ACQUIRE);
			if (eh == h) {
				wl_spin_lock(&e->lock);
				if (e->hash == h)
					return e;
				wl_spin_unlock(&e->lock);
				continue;
			}
			if (eh == 0 && free_ == NULL)
				free_ = e;
			if (oldest == NULL ||
			    __atomic_load_n(&e->seen_ns, __ATOMIC_RELAXED) <
			    __atomic_load_n(&oldest->seen_ns, __ATOMIC_RELAXED))
				oldest = e;
		}
		struct entry *e = free_ != NULL ? free_ : oldest;
		wl_spin_lock(&e->lock);
		if (free_ != NULL && e->hash != 0) {
			wl_spin_unlock(&e->lock);	/* taken meanwhile: look again */
			continue;
		}
		if (free_ == NULL)
			*evicted = take_summary(e, s);
		init_entry(e, ev, now);
		__atomic_store_n(&e->hash, h, __ATOMIC_RELEASE);
		return e;
	}
	return NULL;
}

bool
wl_ratelimit_admit(struct wl_event *ev)
{
	return wl_ratelimit_admit_memo(ev, NULL);
}

/* The locked entry of key H when the table has it, else NULL.  A key
 * seen before, as a flood's is, is found here without lookup()'s
 * bookkeeping for a free or evicted entry. */
static inline struct entry *
find(uint64_t h)
{
	size_t mask = conf.keys - 1, base = (size_t)h & mask;

	for (size_t i = 0; i < PROBE; i++) {
		struct entry *e = &table[(base + i) & mask];
		if (__atomic_load_n(&e->hash, __ATOMIC_ACQUIRE) == h) {
			wl_spin_lock(&e->lock);
			if (e->hash == h)
				return e;
			wl_spin_unlock(&e->lock);
		}
	}
	return NULL;
}

/*
 * Admit EV or count it against its entry E, locked (the event's time is
 * AT, NOW in ns; OWN: the event came with it); unlocks E.
 */
static inline __attribute__((always_inline)) bool
decide(struct entry *e, const struct wl_event *ev, struct timespec at,
    long long now, bool own)
{
	bool ok = take(&e->tokens, &e->refill_ns, e->rate, conf.burst, now) &&
	    global_take(ev->severity, now);
	__atomic_store_n(&e->seen_ns, now, __ATOMIC_RELAXED);
	if (!ok) {
		if (e->suppressed++ == 0) {
			/* the summary's first time is the precise one */
			if (!own && coarse)
				clock_gettime(CLOCK_REALTIME, &at);
			e->first = at;
			e->window_ns = now;
			size_t n = ev->msg_len < SAMPLE_MAX ? ev->msg_len :
			    SAMPLE_MAX;
			memcpy(e->sample, ev->msg, n);
			e->samplelen = (uint16_t)n;
		}
		/* the last one is within a tick, and never before the
		 * first */
		e->last = ns_of(&at) < ns_of(&e->first) ? e->first : at;
	}
	wl_spin_unlock(&e->lock);
	if (!ok && !__atomic_load_n(&pending, __ATOMIC_RELAXED)) {
		__atomic_store_n(&pending, 1, __ATOMIC_RELAXED);
		wl_ticker_start();
	}
	return ok;
}

/* A key the table does not have yet: its entry is made, perhaps in place
 * of another key's, whose summary is then delivered. */
static __attribute__((noinline)) bool
admit_new(struct wl_event *ev, uint64_t h, struct timespec at,
    long long now, bool own)
{
	struct summary s;
	bool evicted = false;

	struct entry *e = lookup(h, ev, now, &s, &evicted);
	if (e == NULL)
		return true;	/* the table is thrashing: let it through */
	bool ok = decide(e, ev, at, now, own);
	if (evicted)
		deliver(&s);
	return ok;
}

bool
wl_ratelimit_admit_memo(struct wl_event *ev, struct wl_memo *m)
{
	if (!conf.on || ev->severity >= WL_SEV_FATAL ||
	    (ev->flags & WL_EV_SUMMARY) || wl_guard_depth > 1 ||
	    !table_ready())
		return true;
	/* An event with a time of its own (tests inject the clock) is
	 * limited at that time; any other at the limiter's clock's, and
	 * left for enrich to stamp if it goes on. */
	bool own = ev->ts.tv_sec != 0 || ev->ts.tv_nsec != 0;
	struct timespec at = ev->ts;
	if (!own)
		clock_gettime(coarse ? CLOCK_REALTIME_COARSE : CLOCK_REALTIME,
		    &at);
	long long now = ns_of(&at);
	uint64_t h = wl_template_hash_memo(ev->msg, ev->msg_len, m) ^
	    ((uint64_t)ev->severity * 0x9e3779b97f4a7c15ULL);
	if (h == 0)
		h = 1;
	struct entry *e = find(h);
	if (e == NULL)
		return admit_new(ev, h, at, now, own);
	return decide(e, ev, at, now, own);
}

bool
wl_ratelimit_tick(bool force)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	return wl_ratelimit_tick_at(&now, force);
}

/*
 * One summary pass at a time: a pass takes a key's count out before it
 * delivers the summary, so the pass at exit must wait for one the ticker
 * is in the middle of, or that summary would die with the process.
 *
 * A pass reads each used key's count under the key's lock.  Read without
 * it, a count raised just as the pass cleared "pending" could be missed
 * by the pass while the thread that raised it still saw "pending" set
 * (each side's store waiting behind its load): the summary would wait for
 * the next drop anywhere, or for the exit.  With the lock, either the
 * pass sees the count, or the thread that raised it took the lock after
 * the pass and sees "pending" cleared, and starts the ticker again.
 */
static int tick_lock;

bool
wl_ratelimit_tick_at(const struct timespec *now_ts, bool force)
{
	bool left = false;

	if (__atomic_load_n(&table, __ATOMIC_ACQUIRE) == NULL ||
	    (!force && !__atomic_load_n(&pending, __ATOMIC_RELAXED)))
		return false;
	wl_spin_lock(&tick_lock);
	__atomic_store_n(&pending, 0, __ATOMIC_RELAXED);
	long long now = ns_of(now_ts);
	long long window = (long long)conf.window_ms * 1000000LL;
	for (size_t i = 0; i < conf.keys; i++) {
		struct entry *e = &table[i];
		struct summary s;
		if (__atomic_load_n(&e->hash, __ATOMIC_ACQUIRE) == 0)
			continue;
		wl_spin_lock(&e->lock);
		bool due = e->suppressed != 0 &&
		    (force || now - e->window_ns >= window);
		bool got = due && take_summary(e, &s);
		if (!due && e->suppressed != 0)
			left = true;
		wl_spin_unlock(&e->lock);
		if (got)
			deliver(&s);
	}
	if (left)
		__atomic_store_n(&pending, 1, __ATOMIC_RELAXED);
	wl_spin_unlock(&tick_lock);
	return left;
}

void
wl_ratelimit_after_fork(void)
{
	global.lock = errors.lock = tick_lock = 0;
	pending = 0;
	if (table == NULL)
		return;
	for (size_t i = 0; i < conf.keys; i++)
		if (table[i].hash != 0) {
			table[i].lock = 0;
			table[i].suppressed = 0;
		}
}
