/*
 * diag.h - the library's own messages: "withlog: ..." on the real stderr,
 * written directly (never through the pipeline, so never re-entering it).
 */
#ifndef WL_DIAG_H
#define WL_DIAG_H

/* Print "withlog: MESSAGE\n" on fd 2, errno kept. */
void wl_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
