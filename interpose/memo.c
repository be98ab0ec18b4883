/*
 * memo.c - the calling thread's last lines, by their keys (see memo.h).
 *
 * The key is made, and compared with the slot's, in one pass of sixteen
 * bytes at a time (a digit minus its distance from '0' is '0').  The slot
 * is picked by the line's length and its first eight bytes, which is all
 * a flood needs: its lines share them.  A line that is no flood costs the
 * pass, and the key made again when something about it is kept.
 */
#include <string.h>
#include "simd.h"
#include "guard.h"
#include "memo.h"

_Static_assert((WL_MEMO_SLOTS & (WL_MEMO_SLOTS - 1)) == 0 &&
    WL_MEMO_SLOTS <= 256, "a slot is picked by eight bits of a hash");
static WL_TLS struct wl_memo_slot slots[WL_MEMO_SLOTS];

static inline struct wl_memo_slot *
pick(uint64_t first, size_t len)
{
	uint64_t h = (first ^ len) * 0x9e3779b97f4a7c15ULL;
	return &slots[h >> 56 & (WL_MEMO_SLOTS - 1)];
}

#if defined(__SSE2__)
/* The sixteen bytes X with their digits made '0'. */
static inline __m128i
blur16(__m128i x)
{
	__m128i d = _mm_sub_epi8(x, _mm_set1_epi8('0'));
	return _mm_sub_epi8(x, _mm_and_si128(wl_range16(x, '0', '9'), d));
}

static inline __m128i
load16(const void *p)
{
	return _mm_loadu_si128((const __m128i *)p);
}

/* A message shorter than sixteen bytes, padded with zeros (which blur to
 * themselves). */
static inline __m128i
load_short(const char *msg, size_t len)
{
	unsigned char tmp[16];
	memset(tmp, 0, sizeof(tmp));
	memcpy(tmp, msg, len);
	return load16(tmp);
}

/* The first chunk of the key of [msg, msg + len). */
static inline __m128i
first16(const char *msg, size_t len)
{
	if (__builtin_expect(len >= 16, 1))
		return blur16(load16(msg));
	return blur16(load_short(msg, len));
}

/* M's slot for the key whose first chunk is X, and whether it holds the
 * key (SAME: the chunks compared so far, EQUAL: the '=' seen so far). */
static inline void
settle(struct wl_memo *m, struct wl_memo_slot *s, size_t len, __m128i same,
    __m128i equal)
{
	m->slot = s;
	m->hit = s->used && s->len == len && _mm_movemask_epi8(same) == 0xffff;
	m->equal = _mm_movemask_epi8(equal) != 0;
}

/* The key of a line shorter than sixteen bytes: one chunk.  Out of line,
 * so that a longer line's pass needs no stack. */
static __attribute__((noinline)) void
key_short(struct wl_memo *m, const char *msg, size_t len)
{
	__m128i x = first16(msg, len);
	struct wl_memo_slot *s = pick((uint64_t)_mm_cvtsi128_si64(x), len);
	settle(m, s, len, _mm_cmpeq_epi8(x, load16(s->key)),
	    _mm_cmpeq_epi8(x, _mm_set1_epi8('=')));
}

/*
 * The pass compares the key with the slot's as it makes it, and keeps
 * nothing: a flood's line is a hit, and a miss makes the key again only
 * if something about the line is kept (wl_memo_claim).  The chunks after
 * the first: whole ones, then one that ends at the end, overlapping the
 * one before (the same bytes blur the same).
 */
void
wl_memo_key(struct wl_memo *m, const char *msg, size_t len)
{
	m->msg = msg;
	m->len = len;
	m->slot = NULL;
	m->hit = false;
	m->decided_len = 0;
	if (msg == NULL || len > WL_MEMO_MAX || wl_guard_depth > 1)
		return;
	if (len < 16) {
		key_short(m, msg, len);
		return;
	}
	const __m128i eq = _mm_set1_epi8('=');
	__m128i x = blur16(load16(msg));
	struct wl_memo_slot *s = pick((uint64_t)_mm_cvtsi128_si64(x), len);
	const unsigned char *k = s->key;
	__m128i same = _mm_cmpeq_epi8(x, load16(k));
	__m128i equal = _mm_cmpeq_epi8(x, eq);
	if (len > 16) {
		size_t i = 16;
		for (; i + 16 < len; i += 16) {
			x = blur16(load16(msg + i));
			same = _mm_and_si128(same, _mm_cmpeq_epi8(x,
			    load16(k + i)));
			equal = _mm_or_si128(equal, _mm_cmpeq_epi8(x, eq));
		}
		x = blur16(load16(msg + len - 16));
		same = _mm_and_si128(same, _mm_cmpeq_epi8(x,
		    load16(k + len - 16)));
		equal = _mm_or_si128(equal, _mm_cmpeq_epi8(x, eq));
	}
	settle(m, s, len, same, equal);
}

/* Write the key of [msg, msg + len) into KEY (a short one padded to
 * sixteen bytes). */
static void
make_key(unsigned char *key, const char *msg, size_t len)
{
	_mm_storeu_si128((__m128i *)(void *)key, first16(msg, len));
	if (len <= 16)
		return;
	for (size_t i = 16; i + 16 < len; i += 16)
		_mm_storeu_si128((__m128i *)(void *)(key + i),
		    blur16(load16(msg + i)));
	_mm_storeu_si128((__m128i *)(void *)(key + len - 16),
	    blur16(load16(msg + len - 16)));
}
#else
static inline unsigned char
blur(unsigned char c)
{
	return c >= '0' && c <= '9' ? '0' : c;
}

void
wl_memo_key(struct wl_memo *m, const char *msg, size_t len)
{
	uint64_t first = 0;

	m->msg = msg;
	m->len = len;
	m->slot = NULL;
	m->hit = false;
	m->equal = false;
	m->decided_len = 0;
	if (msg == NULL || len > WL_MEMO_MAX || wl_guard_depth > 1)
		return;
	for (size_t i = 0; i < 8 && i < len; i++)
		first |= (uint64_t)blur((unsigned char)msg[i]) << (8 * i);
	struct wl_memo_slot *s = pick(first, len);
	bool same = true;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)msg[i];
		same &= s->key[i] == blur(c);
		m->equal |= c == '=';
	}
	for (size_t i = len; i < 16; i++)
		same &= s->key[i] == 0;
	m->slot = s;
	m->hit = s->used && s->len == len && same;
}

static void
make_key(unsigned char *key, const char *msg, size_t len)
{
	memset(key, 0, 16);
	for (size_t i = 0; i < len; i++)
		key[i] = blur((unsigned char)msg[i]);
}
#endif

void
wl_memo_claim(struct wl_memo *m)
{
	struct wl_memo_slot *s = m->slot;
	if (m->hit)
		return;
	s->used = 1;
	s->len = (uint32_t)m->len;
	s->have_verdict = s->have_template = 0;
	make_key(s->key, m->msg, m->len);
	m->hit = true;
}

void
wl_memo_forget(void)
{
	memset(slots, 0, sizeof(slots));
}
