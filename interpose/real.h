/*
 * real.h - the real libc functions behind our hooks.
 *
 * Each WL_REAL(name) is a hidden function pointer that starts out pointing
 * at a resolver: the first call looks the next definition up with
 * dlsym(RTLD_NEXT) and replaces the pointer, so the pointer is never NULL
 * and a call through it costs one indirect jump.  If the lookup fails the
 * resolver falls back to a minimal implementation (a raw syscall, or an
 * error return with ENOSYS): the host is never exited.
 */
#ifndef WL_REAL_H
#define WL_REAL_H

#include <stdarg.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <signal.h>
#include <sys/uio.h>
#include <wchar.h>

#define WL_HIDDEN __attribute__((visibility("hidden")))

/*
 * The real functions we call.  X(ret, name, (params), (args), errval):
 * errval is what the fallback returns, with errno ENOSYS, if the symbol
 * cannot be found.  V(name, (params), (args)) for functions returning void.
 */
#define WL_REAL_LIST(X) \
	X(ssize_t, writev, (int fd, const struct iovec *v, int c), (fd, v, c), -1) \
	X(int, close, (int fd), (fd), -1) \
	X(int, dup, (int fd), (fd), -1) \
	X(int, dup2, (int a, int b), (a, b), -1) \
	X(int, dup3, (int a, int b, int f), (a, b, f), -1) \
	X(int, close_range, (unsigned a, unsigned b, int f), (a, b, f), -1) \
	X(int, socket, (int d, int t, int p), (d, t, p), -1) \
	X(int, connect, (int fd, const struct sockaddr *a, socklen_t l), \
	    (fd, a, l), -1) \
	X(ssize_t, send, (int fd, const void *b, size_t n, int f), \
	    (fd, b, n, f), -1) \
	X(ssize_t, sendto, (int fd, const void *b, size_t n, int f, \
	    const struct sockaddr *a, socklen_t l), (fd, b, n, f, a, l), -1) \
	X(ssize_t, sendmsg, (int fd, const struct msghdr *m, int f), \
	    (fd, m, f), -1) \
	X(ssize_t, copy_file_range, (int fi, off_t *oi, int fo, off_t *oo, \
	    size_t n, unsigned fl), (fi, oi, fo, oo, n, fl), -1) \
	X(ssize_t, sendfile, (int fo, int fi, off_t *o, size_t n), \
	    (fo, fi, o, n), -1) \
	X(ssize_t, sendfile64, (int fo, int fi, off_t *o, size_t n), \
	    (fo, fi, o, n), -1) \
	X(ssize_t, splice, (int fi, off_t *oi, int fo, off_t *oo, size_t n, \
	    unsigned fl), (fi, oi, fo, oo, n, fl), -1) \
	X(int, vfprintf, (FILE *s, const char *f, va_list ap), (s, f, ap), -1) \
	X(int, __vfprintf_chk, (FILE *s, int fl, const char *f, va_list ap), \
	    (s, fl, f, ap), -1) \
	X(int, vdprintf, (int fd, const char *f, va_list ap), (fd, f, ap), -1) \
	X(int, __vdprintf_chk, (int fd, int fl, const char *f, va_list ap), \
	    (fd, fl, f, ap), -1) \
	X(int, puts, (const char *s), (s), EOF) \
	X(int, fputs, (const char *s, FILE *f), (s, f), EOF) \
	X(int, fputs_unlocked, (const char *s, FILE *f), (s, f), EOF) \
	X(int, fputc, (int c, FILE *f), (c, f), EOF) \
	X(int, fputc_unlocked, (int c, FILE *f), (c, f), EOF) \
	X(int, putc, (int c, FILE *f), (c, f), EOF) \
	X(int, _IO_putc, (int c, FILE *f), (c, f), EOF) \
	X(int, putc_unlocked, (int c, FILE *f), (c, f), EOF) \
	X(size_t, fwrite, (const void *p, size_t s, size_t n, FILE *f), \
	    (p, s, n, f), 0) \
	X(size_t, fwrite_unlocked, (const void *p, size_t s, size_t n, FILE *f), \
	    (p, s, n, f), 0) \
	X(size_t, _IO_fwrite, (const void *p, size_t s, size_t n, FILE *f), \
	    (p, s, n, f), 0) \
	X(int, __overflow, (FILE *f, int c), (f, c), EOF) \
	X(int, vfwprintf, (FILE *s, const wchar_t *f, va_list ap), \
	    (s, f, ap), -1) \
	X(int, __vfwprintf_chk, (FILE *s, int fl, const wchar_t *f, va_list ap), \
	    (s, fl, f, ap), -1) \
	X(int, fputws, (const wchar_t *s, FILE *f), (s, f), -1) \
	X(wint_t, fputwc, (wchar_t c, FILE *f), (c, f), WEOF) \
	X(wint_t, putwc, (wchar_t c, FILE *f), (c, f), WEOF) \
	X(FILE *, fopen, (const char *p, const char *m), (p, m), NULL) \
	X(FILE *, fopen64, (const char *p, const char *m), (p, m), NULL) \
	X(FILE *, freopen, (const char *p, const char *m, FILE *s), \
	    (p, m, s), NULL) \
	X(FILE *, freopen64, (const char *p, const char *m, FILE *s), \
	    (p, m, s), NULL) \
	X(int, fclose, (FILE *s), (s), EOF) \
	X(int, daemon, (int a, int b), (a, b), -1) \
	X(int, setlogmask, (int m), (m), 0) \
	X(pid_t, fork, (void), (), -1)

#define WL_REAL_VOID_LIST(V) \
	V(perror, (const char *s), (s)) \
	V(psignal, (int sig, const char *s), (sig, s)) \
	V(psiginfo, (const siginfo_t *si, const char *s), (si, s)) \
	V(herror, (const char *s), (s)) \
	V(openlog, (const char *i, int o, int f), (i, o, f)) \
	V(closelog, (void), ()) \
	V(vsyslog, (int p, const char *f, va_list ap), (p, f, ap)) \
	V(__vsyslog_chk, (int p, int fl, const char *f, va_list ap), \
	    (p, fl, f, ap)) \
	V(_exit, (int st), (st)) \
	V(_Exit, (int st), (st)) \
	V(abort, (void), ()) \
	V(verr, (int st, const char *f, va_list ap), (st, f, ap)) \
	V(verrx, (int st, const char *f, va_list ap), (st, f, ap)) \
	V(vwarn, (const char *f, va_list ap), (f, ap)) \
	V(vwarnx, (const char *f, va_list ap), (f, ap)) \
	V(__assert_fail, (const char *a, const char *f, unsigned l, \
	    const char *fn), (a, f, l, fn))

/* Resolve every pointer that is still at its resolver (at start). */
void wl_real_init(void) WL_HIDDEN;

/* dlsym(RTLD_NEXT, NAME): the next definition after ours, or NULL. */
void *wl_real_lookup(const char *name) WL_HIDDEN;

/* Declared by hand: write(2), whose fallback is the raw syscall, and the
 * variadic open(2) and fcntl(2) families. */
extern ssize_t (*wl_real_write)(int, const void *, size_t) WL_HIDDEN;
extern int (*wl_real_open)(const char *, int, ...) WL_HIDDEN;
extern int (*wl_real_open64)(const char *, int, ...) WL_HIDDEN;
extern int (*wl_real_openat)(int, const char *, int, ...) WL_HIDDEN;
extern int (*wl_real_openat64)(int, const char *, int, ...) WL_HIDDEN;
extern int (*wl_real_fcntl)(int, int, ...) WL_HIDDEN;
extern int (*wl_real_fcntl64)(int, int, ...) WL_HIDDEN;

#define WL_REAL_DECL(ret, name, params, args, errval) \
	extern ret (*wl_real_##name) params WL_HIDDEN;
#define WL_REAL_VDECL(name, params, args) \
	extern void (*wl_real_##name) params WL_HIDDEN;
WL_REAL_LIST(WL_REAL_DECL)
WL_REAL_VOID_LIST(WL_REAL_VDECL)
#undef WL_REAL_DECL
#undef WL_REAL_VDECL

#endif
