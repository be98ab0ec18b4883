/*
 * fuzz_linebuf.c - libFuzzer target for line assembly (interpose/linebuf.c).
 *
 * The input is cut into writes (the first byte seeds the cut points) fed
 * to wl_line_feed, with every partial line flushed now and then and at
 * the end.  The lines that come out must be the input with its newlines
 * taken out, in order, byte for byte; none may hold a newline or exceed
 * WL_LINE_MAX.  Grouping is replaced by a recorder.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "linebuf.h"
#include "group.h"
#include "ticker.h"

static char *got;
static size_t got_len, got_cap;

int
wl_group_line(const char *api, const char *line, size_t len, pid_t tid)
{
	(void)api;
	(void)tid;
	if (len > WL_LINE_MAX || memchr(line, '\n', len) != NULL)
		abort();
	if (len == 0)
		return 0;
	if (got_len + len > got_cap) {
		got_cap = (got_len + len) * 2 + 64;
		got = realloc(got, got_cap);
		if (got == NULL)
			abort();
	}
	memcpy(got + got_len, line, len);
	got_len += len;
	return 0;
}

void
wl_ticker_start(void)
{
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	uint32_t seed = data[0] * 2654435761u + 1;
	const char *p = (const char *)data + 1;
	size_t n = size - 1;

	got_len = 0;
	for (size_t off = 0; off < n;) {
		seed = seed * 1103515245u + 12345u;
		size_t k = 1 + (seed >> 16) % 97;
		/* Now and then a write far longer than a line. */
		if ((seed & 0x700) == 0)
			k = n - off;
		if (k > n - off)
			k = n - off;
		if (wl_line_feed("write", p + off, k) != 0)
			abort();
		off += k;
		if ((seed & 0x3000) == 0)
			wl_line_flush_all();
	}
	wl_line_flush_all();

	/* The input without its newlines. */
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n')
			continue;
		if (j >= got_len || got[j] != p[i])
			abort();
		j++;
	}
	if (j != got_len)
		abort();
	return 0;
}
