/*
 * memo.h - what the classifier and the template scanner concluded about
 * the last few lines a thread wrote, so that a flood of lines that differ
 * only in their numbers ("retry 3 of 5", "retry 4 of 5") is read once and
 * not once per line.
 *
 * A line's key is the line itself with every ASCII digit blurred to '0':
 * the same length, every other byte exact.  The classifier and the
 * template scanner read digits by their class (is it a digit?) except at
 * a few places where a number's value decides ("0 errors" is not "3
 * errors", "<3>" is not "<4>", "level=3"); there they say so, and such a
 * conclusion is not kept.  Any line with the same key as a kept one takes
 * the same path through them, byte class by byte class, and so comes to
 * the same conclusion (classify.h, template.h).
 *
 * The memo is per thread (no lock, no allocation) and is not used inside
 * a signal handler that interrupted the library (wl_guard_depth > 1):
 * the interrupted code may be in the middle of changing it.
 */
#ifndef WL_MEMO_H
#define WL_MEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WL_MEMO_MAX 192		/* longer lines are not remembered */
#define WL_MEMO_SLOTS 4		/* lines remembered per thread */

/* One remembered line: its key and what was concluded about it. */
struct wl_memo_slot {
	uint32_t len;		/* of the key; a slot never used holds none */
	uint8_t used;
	uint8_t have_verdict, have_template;
	/* the classifier's inputs besides the line (wl_memo_inputs), and
	 * its verdict */
	uint64_t inputs;
	uint8_t sev;
	uint8_t decided_len;
	const char *decided_by;
	/* the template's hash (template.h) */
	uint64_t template_hash;
	unsigned char key[WL_MEMO_MAX + 16];
};

/* A line being processed, and the calling thread's slot for its key (on
 * the caller's stack, for the length of one event; the key itself is
 * made again from the line if the slot is to hold it). */
struct wl_memo {
	const char *msg;	/* the line the key was made of */
	size_t len;
	struct wl_memo_slot *slot;	/* NULL: no memo for this line */
	bool hit;		/* the slot holds this line's key */
	bool equal;		/* the line holds a '=' (a logfmt pair?) */
	uint8_t decided_len;	/* strlen(decided_by) of a verdict taken
				   from the slot, else 0 */
};

/*
 * Make M the key of the line [msg, msg + len) and find the calling
 * thread's slot for it: m->slot is NULL when the line is not remembered
 * (too long, or inside a nested signal handler), m->hit says whether the
 * slot holds this key already.  On the way, m->equal says whether the
 * line holds a '=' (valid while m->slot is not NULL).
 */
void wl_memo_key(struct wl_memo *m, const char *msg, size_t len)
    __attribute__((nonnull(1)));

/* Make M's slot hold M's key, forgetting whatever it held (m->slot must
 * not be NULL, and m->msg still the line the key was made of). */
void wl_memo_claim(struct wl_memo *m) __attribute__((nonnull));

/* Does M (NULL: none) hold the key of exactly this line, by its address
 * and length (a stage before may have replaced the message)? */
static inline bool
wl_memo_for(const struct wl_memo *m, const char *msg, size_t len)
{
	return m != NULL && m->slot != NULL && m->msg == msg && m->len == len;
}

/* The classifier's inputs besides the line, as one word: the source,
 * the priority sent, the level of the thread's line before. */
static inline uint64_t
wl_memo_inputs(int source, int orig_pri, int prev)
{
	return (uint64_t)(uint8_t)source << 48 |
	    (uint64_t)(uint32_t)orig_pri << 8 | (uint8_t)prev;
}

/* Forget the calling thread's lines (tests). */
void wl_memo_forget(void);

#endif
