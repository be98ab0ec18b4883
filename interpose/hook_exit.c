/*
 * hook_exit.c - the ways a process ends or replaces itself: whatever line
 * assembly holds is delivered first, and the delivery buffer and the
 * network sinks' queues are flushed, so nothing accepted is lost.
 *
 * exit() and return from main run the library's destructor; _exit, _Exit,
 * abort and the exec family do not, so they are hooked.  A fork child
 * drops the partial lines it inherited: the parent delivers them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include "capture.h"
#include "group.h"
#include "linebuf.h"
#include "outbuf.h"
#include "ratelimit.h"
#include "real.h"
#include "sink.h"

static void
flush(void)
{
	int saved = errno;
	if (wl_capture_enter()) {
		wl_line_flush_all();
		(void)wl_group_flush(true);
		(void)wl_ratelimit_tick(true);
		wl_outbuf_flush(false);
		wl_sink_flush(false);
	}
	wl_capture_leave();
	errno = saved;
}

WL_EXPORT void
_exit(int status)
{
	flush();
	wl_real__exit(status);
	__builtin_unreachable();
}

WL_EXPORT void
_Exit(int status)
{
	flush();
	wl_real__Exit(status);
	__builtin_unreachable();
}

WL_EXPORT void
abort(void)
{
	flush();
	wl_real_abort();
	__builtin_unreachable();
}

__attribute__((destructor)) static void
at_exit(void)
{
	flush();
}

/* Exec: the new image starts with empty buffers. */
extern char **environ;

#define EXEC_HOOK(name, params, args) \
	WL_EXPORT int \
	name params \
	{ \
		static int (*real) params; \
		if (real == NULL) \
			real = (int (*) params)wl_real_lookup(#name); \
		flush(); \
		if (real == NULL) { \
			errno = ENOSYS; \
			return -1; \
		} \
		return real args; \
	}

EXEC_HOOK(execve, (const char *p, char *const a[], char *const e[]),
    (p, a, e))
EXEC_HOOK(execv, (const char *p, char *const a[]), (p, a))
EXEC_HOOK(execvp, (const char *p, char *const a[]), (p, a))
EXEC_HOOK(execvpe, (const char *p, char *const a[], char *const e[]),
    (p, a, e))
EXEC_HOOK(fexecve, (int fd, char *const a[], char *const e[]), (fd, a, e))
EXEC_HOOK(execveat, (int d, const char *p, char *const a[],
    char *const e[], int f), (d, p, a, e, f))

/* The execl family is variadic: gather the arguments and use the v-form
 * (as glibc does), whose hook flushes. */
#define GATHER_ARGS(first, ap, argv) \
	size_t argc_ = 1; \
	va_list ap; \
	va_start(ap, first); \
	while (va_arg(ap, char *) != NULL) \
		argc_++; \
	va_end(ap); \
	char *argv[argc_ + 1]; \
	argv[0] = (char *)(first); \
	va_start(ap, first); \
	for (size_t i_ = 1; i_ <= argc_; i_++) \
		argv[i_] = va_arg(ap, char *);

WL_EXPORT int
execl(const char *path, const char *arg, ...)
{
	GATHER_ARGS(arg, ap, argv);
	va_end(ap);
	return execve(path, argv, environ);
}

WL_EXPORT int
execlp(const char *file, const char *arg, ...)
{
	GATHER_ARGS(arg, ap, argv);
	va_end(ap);
	return execvp(file, argv);
}

WL_EXPORT int
execle(const char *path, const char *arg, ...)
{
	GATHER_ARGS(arg, ap, argv);
	char **envp = va_arg(ap, char **);
	va_end(ap);
	return execve(path, argv, envp);
}
