/*
 * escape.h - a bounded output cursor and the byte escapers of the formats.
 *
 * The formatters build a record into a caller's buffer that may turn out
 * to be too small.  struct wl_out keeps counting past the end without
 * writing there, so one pass gives both the record and, when it does not
 * fit, the size the caller must retry with.  The escapers turn arbitrary
 * bytes (NUL, controls, invalid UTF-8) into text that can neither end a
 * record nor drive a terminal.  Nothing here allocates, locks or touches
 * global state: all of it may run in a signal handler.
 */
#ifndef WL_ESCAPE_H
#define WL_ESCAPE_H

#include <stddef.h>
#include <string.h>

/* "00", "01" ... "99": the two digits of 0-99 at twice the number. */
extern const char wl_digits2[201];

struct wl_out {
	char *buf;	/* may be NULL when cap is 0 */
	size_t cap;
	size_t len;	/* bytes produced so far, written or not */
};

/* Start an output of capacity CAP at BUF. */
static inline void
wl_out_init(struct wl_out *o, char *buf, size_t cap)
{
	o->buf = buf;
	o->cap = cap;
	o->len = 0;
}

/*
 * Append N bytes.  Bytes that do not fit are counted, not written; once
 * one piece has not fitted, len stays above cap and nothing more is
 * written, so the buffer never holds a piece after a hole.
 */
static inline void
wl_out_put(struct wl_out *o, const void *p, size_t n)
{
	/* n - 1 wraps for n == 0, so memcpy never sees a NULL buf. */
	if (o->len <= o->cap && n - 1 < o->cap - o->len)
		memcpy(o->buf + o->len, p, n);
	o->len += n;
}

static inline void
wl_out_putc(struct wl_out *o, char c)
{
	if (o->len < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

/* Append a string literal (its size is known at compile time). */
#define WL_OUT_LIT(o, lit)	wl_out_put((o), (lit), sizeof(lit) - 1)

/* Append V in decimal. */
void wl_out_udec(struct wl_out *o, unsigned long long v)
    __attribute__((nonnull));
void wl_out_sdec(struct wl_out *o, long long v) __attribute__((nonnull));

/*
 * Append S[0..N) escaped for a line people read: printable ASCII and valid
 * UTF-8 are copied; backslash, \n, \t, \r become two-character escapes;
 * every other control byte, DEL, the C1 controls U+0080-U+009F (byte by
 * byte) and every byte outside a valid UTF-8 sequence become \xHH.  With
 * QUOTE nonzero '"' becomes \" as well (for a value inside quotes).
 */
void wl_escape_text(struct wl_out *o, const char *s, size_t n, int quote)
    __attribute__((nonnull(1)));

/*
 * Append S[0..N) as the inside of a JSON string: '"' and '\' escaped,
 * controls as \b \f \n \r \t or \u00xx, DEL as \u007f, U+2028 and U+2029
 * as \u2028 and \u2029 (they end a line in JavaScript), every byte
 * outside a valid UTF-8 sequence as \ufffd.  The result is valid UTF-8.
 */
void wl_escape_json(struct wl_out *o, const char *s, size_t n)
    __attribute__((nonnull(1)));

/*
 * Returns 1 if S[0..N) may be written bare as a key=value value: not
 * empty, and only printable ASCII other than space, '"', '=' and '\'.
 */
int wl_escape_is_bare(const char *s, size_t n);

/*
 * The length of the strict UTF-8 sequence at S (at most N bytes, N > 0):
 * 1-4, or 0 if S does not start a valid sequence (overlong, surrogate,
 * above U+10FFFF, truncated, or a lone continuation byte).
 */
size_t wl_utf8_len(const unsigned char *s, size_t n)
    __attribute__((nonnull));

#endif
