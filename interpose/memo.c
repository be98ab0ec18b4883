/*
 * memo.c - the calling thread's last lines, by their keys (see memo.h).
 *
 * The key is made, and compared with the slot's, in one pass of sixteen
 * bytes at a time (a digit minus its distance from '0' is '0').  The slot
 * is picked by the line's length and its first sixteen bytes, which is
 * all a flood needs: its lines share them.  A line that is no flood costs
 * the pass, and a copy of its key when something about it is kept.
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
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
	__m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
	return _mm_sub_epi8(x, _mm_and_si128(digit, d));
}

static inline __m128i
load16(const void *p)
{
	return _mm_loadu_si128((const __m128i *)p);
}

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
	/* the first chunk: a message shorter than sixteen bytes is
	 * padded with zeros (which blur to themselves) */
	__m128i x;
	if (len >= 16) {
		x = blur16(load16(msg));
	} else {
		unsigned char tmp[16];
		memset(tmp, 0, sizeof(tmp));
		memcpy(tmp, msg, len);
		x = blur16(load16(tmp));
	}
	struct wl_memo_slot *s = pick((uint64_t)_mm_cvtsi128_si64(x), len);
	const __m128i eq = _mm_set1_epi8('=');
	__m128i same = _mm_cmpeq_epi8(x, load16(s->key));
	__m128i equal = _mm_cmpeq_epi8(x, eq);
	_mm_storeu_si128((__m128i *)(void *)m->key, x);
	for (size_t i = 16; i < len; i += 16) {
		/* the last chunk ends at the end, overlapping the one
		 * before: the same bytes blur the same */
		size_t at = len - i >= 16 ? i : len - 16;
		x = blur16(load16(msg + at));
		same = _mm_and_si128(same, _mm_cmpeq_epi8(x,
		    load16(s->key + at)));
		equal = _mm_or_si128(equal, _mm_cmpeq_epi8(x, eq));
		_mm_storeu_si128((__m128i *)(void *)(m->key + at), x);
	}
	m->slot = s;
	m->hit = s->used && s->len == len && _mm_movemask_epi8(same) == 0xffff;
	m->equal = _mm_movemask_epi8(equal) != 0;
}
#else
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
	memset(m->key, 0, 16);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)msg[i];
		m->key[i] = c >= '0' && c <= '9' ? '0' : c;
		m->equal |= c == '=';
	}
	for (size_t i = 0; i < 8; i++)
		first |= (uint64_t)m->key[i] << (8 * i);
	m->slot = pick(first, len);
	m->hit = m->slot->used && m->slot->len == len &&
	    memcmp(m->slot->key, m->key, len < 16 ? 16 : len) == 0;
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
	/* a short key with its padding, which the first chunk compares */
	memcpy(s->key, m->key, m->len < 16 ? 16 : m->len);
	m->hit = true;
}

void
wl_memo_forget(void)
{
	memset(slots, 0, sizeof(slots));
}
