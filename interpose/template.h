/*
 * template.h - a message's template: the text with its variable parts
 * masked, so that `retry 1 of 5 for /tmp/a` and `retry 2 of 5 for /tmp/b`
 * are one template, `retry <n> of <n> for <path>`.
 *
 * Masked: numbers (<n>), hexadecimal (0x... or 8+ hex digits with a
 * digit: <hex>), UUIDs (<uuid>), IPv4 and IPv6 addresses (<ip>), quoted
 * strings (<str>) and paths (<path>).  Digits that follow a letter stay
 * (ipv4, sha256).  Pure functions, no allocation.
 */
#ifndef WL_TEMPLATE_H
#define WL_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>
#include "memo.h"

/* The 64-bit hash of MSG's template (never 0). */
uint64_t wl_template_hash(const char *msg, size_t len);

/* wl_template_hash_memo() when the memo does not hold the hash yet. */
uint64_t wl_template_hash_memo_slow(const char *msg, size_t len,
    struct wl_memo *m);

/* wl_template_hash(), consulting and filling the calling thread's memo
 * (memo.h) when M holds the key of exactly this message: a template in
 * which no digit's value decided anything (every digit masked, no "0x")
 * is the same for every message with the same key.  A flood's line finds
 * it here, without a call. */
static inline uint64_t
wl_template_hash_memo(const char *msg, size_t len, struct wl_memo *m)
{
	if (wl_memo_for(m, msg, len) && m->hit && m->slot->have_template)
		return m->slot->template_hash;
	return wl_template_hash_memo_slow(msg, len, m);
}

/* Write MSG's template into OUT (at most CAP-1 bytes, NUL-terminated) and
 * return its length; wl_template_hash of the same message hashes exactly
 * this text. */
size_t wl_template_text(const char *msg, size_t len, char *out, size_t cap);

#endif
