/*
 * proc.c - process context and one-time initialisation.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "enrich.h"
#include "fdtrack.h"
#include "guard.h"
#include "linebuf.h"
#include "outbuf.h"
#include "proc.h"
#include "sink.h"
#include "ticker.h"
#include "tid.h"

struct wl_proc wl_proc;

/* 0 not started, 1 in progress, 2 done. */
static int init_state;

static void
copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The child's view after fork: a new pid, one thread (the forking one,
 * with a new tid), no ticker, and none of the parent's partial lines. */
static void
after_fork_child(void)
{
	wl_proc.pid = getpid();
	wl_tid_after_fork();
	wl_line_after_fork();
	wl_outbuf_after_fork();
	wl_ticker_after_fork();
	wl_sink_after_fork();
	wl_enrich_after_fork();
}

static void
read_options(void)
{
	const char *v;

	wl_proc.format = WL_FMT_TEXT;
	if ((v = getenv("WITHLOG_FORMAT")) != NULL && *v != '\0' &&
	    wl_format_parse(v, &wl_proc.format) != 0)
		wl_proc.format = WL_FMT_TEXT;
	if ((v = getenv("WITHLOG_OUTPUT")) != NULL && strcmp(v, "stderr") == 0)
		wl_proc.syslog_to_stderr = true;
	if ((v = getenv("WITHLOG_BUFFER")) != NULL && *v != '\0') {
		char *end;
		long ms = strtol(v, &end, 10);
		if (*end == '\0' && ms > 0 && ms <= 60000)
			wl_proc.buffer_ms = (int)ms;
	}
	if ((v = getenv("WITHLOG_SYSLOG_SOCKET")) != NULL)
		copy_str(wl_proc.syslog_socket, sizeof(wl_proc.syslog_socket),
		    v);
}

static void
init_once(void)
{
	const char *name = program_invocation_short_name;

	wl_proc.pid = getpid();
	copy_str(wl_proc.prog, sizeof(wl_proc.prog),
	    name != NULL && *name != '\0' ? name : "?");
	if (gethostname(wl_proc.host, sizeof(wl_proc.host)) != 0)
		copy_str(wl_proc.host, sizeof(wl_proc.host), "localhost");
	wl_proc.host[sizeof(wl_proc.host) - 1] = '\0';
	read_options();
	wl_fd_init();
	pthread_atfork(NULL, NULL, after_fork_child);
	if (wl_proc.buffer_ms > 0)
		wl_outbuf_init();
}

bool
wl_proc_ready(void)
{
	int st = __atomic_load_n(&init_state, __ATOMIC_ACQUIRE);
	if (st == 2)
		return true;
	st = 0;
	if (!__atomic_compare_exchange_n(&init_state, &st, 1, false,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return false;	/* another thread is at it: pass through */
	int saved = errno;
	wl_guard_depth++;
	init_once();
	wl_guard_depth--;
	errno = saved;
	__atomic_store_n(&init_state, 2, __ATOMIC_RELEASE);
	return true;
}

#if !defined(__x86_64__)
bool
wl_proc_foreign(void)
{
	return getpid() != wl_proc.pid;
}
#endif

__attribute__((constructor)) static void
proc_constructor(void)
{
	(void)wl_proc_ready();
}
