/*
 * proc.c - process context and one-time initialisation.
 */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <sys/auxv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "diag.h"
#include "enrich.h"
#include "fdtrack.h"
#include "guard.h"
#include "group.h"
#include "linebuf.h"
#include "outbuf.h"
#include "ratelimit.h"
#include "real.h"
#include "proc.h"
#include "sink.h"
#include "ticker.h"
#include "tid.h"

struct wl_proc wl_proc;

/* 0 not started, 1 in progress, 2 done. */
int wl_proc_state;

/* V in decimal into OUT (CAP >= 21). */
static void
put_decimal(char *out, size_t cap, long v)
{
	char tmp[24];
	size_t i = sizeof(tmp);
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		tmp[--i] = '-';
	size_t n = sizeof(tmp) - i < cap - 1 ? sizeof(tmp) - i : cap - 1;
	memcpy(out, tmp + i, n);
	out[n] = '\0';
}

/*
 * The child's view after fork: a new pid, one thread (the forking one,
 * with a new tid), no ticker, and none of the parent's partial lines.
 * The parent's other threads may have been reading pid and parent up to
 * the fork: both are stored atomically, and the ppid field's text is left
 * to wl_enrich, which makes it from parent.
 */
static void
after_fork_child(void)
{
	__atomic_store_n(&wl_proc.pid, getpid(), __ATOMIC_RELAXED);
	/* The child's parent is the process that forked it. */
	if (wl_proc.ppid_field >= 0)
		__atomic_store_n(&wl_proc.parent, getppid(), __ATOMIC_RELAXED);
	wl_tid_after_fork();
	wl_line_after_fork();
	wl_group_after_fork();
	wl_outbuf_after_fork();
	wl_ratelimit_after_fork();
	wl_ticker_after_fork();
	wl_sink_after_fork();
	wl_enrich_after_fork();
}

static void
add_field(const char *key, const char *val)
{
	wl_proc.fields[wl_proc.nfields++] = (struct wl_field){ key, val,
	    strlen(val) };
}

/* The context fields asked for (exe, argv0, ppid, uid), at start. */
static void
add_context(unsigned bits, const char *exe)
{
	wl_proc.ppid_field = -1;
	if ((bits & WL_CTX_EXE) && exe != NULL) {
		wl_copy_str(wl_proc.exe, sizeof(wl_proc.exe), exe);
		add_field("exe", wl_proc.exe);
	}
	if (bits & WL_CTX_ARGV0) {
		wl_copy_str(wl_proc.argv0, sizeof(wl_proc.argv0),
		    program_invocation_name != NULL ?
		    program_invocation_name : "");
		add_field("argv0", wl_proc.argv0);
	}
	if (bits & WL_CTX_PPID) {
		/* The value is a placeholder: wl_enrich makes the text
		 * from parent, which a fork child changes. */
		wl_proc.parent = getppid();
		wl_proc.ppid_field = (int)wl_proc.nfields;
		add_field("ppid", "");
	}
	if (bits & WL_CTX_UID) {
		put_decimal(wl_proc.uid, sizeof(wl_proc.uid), (long)getuid());
		add_field("uid", wl_proc.uid);
	}
}

static bool
all_hex(const char *s, size_t n)
{
	bool nonzero = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
		nonzero |= c != '0';
	}
	return nonzero;
}

/*
 * W3C trace context: TRACEPARENT = "00-<trace-id 32 hex>-<span-id 16
 * hex>-<flags 2 hex>".  A malformed value is ignored, as the
 * specification asks of a receiver.
 */
static void
add_trace(void)
{
	const char *t = getenv("TRACEPARENT");
	if (t == NULL || strlen(t) < 55 || t[2] != '-' || t[35] != '-' ||
	    t[52] != '-' || !all_hex(t + 3, 32) || !all_hex(t + 36, 16) ||
	    (t[0] == 'f' && t[1] == 'f') || (strlen(t) > 55 && t[55] != '-'))
		return;
	memcpy(wl_proc.trace_id, t + 3, 32);
	wl_proc.trace_id[32] = '\0';
	memcpy(wl_proc.span_id, t + 36, 16);
	wl_proc.span_id[16] = '\0';
	add_field("trace_id", wl_proc.trace_id);
	add_field("span_id", wl_proc.span_id);
}

/*
 * The configuration: the file found for this program (a bad one is
 * reported once and ignored as a whole: defaults, so no message is lost),
 * then the environment.  In a privileged process (AT_SECURE) the
 * environment cannot name a file and only root's files are read.  Static:
 * init may run on a thread with a small stack.
 */
static struct wl_config cfg;

static void
read_options(void)
{
	struct wl_config_error err;
	char exe[PATH_MAX], path[PATH_MAX];
	bool secure = getauxval(AT_SECURE) != 0;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *exe_name = NULL;

	if (n > 0) {
		exe[n] = '\0';	/* kept whole for the exe field */
		const char *slash = strrchr(exe, '/');
		exe_name = slash != NULL ? slash + 1 : exe;
	}
	wl_config_defaults(&cfg);
	if (wl_config_find(exe_name, wl_proc.prog, secure, path,
	    sizeof(path)) == 0 &&
	    wl_config_load(&cfg, path, exe_name != NULL ? exe_name :
	    wl_proc.prog, wl_proc.prog, secure, &err) != 0) {
		wl_diag("%s (using the defaults)", err.text);
		wl_config_release(&cfg);
	}
	if (wl_config_env(&cfg, secure, &err) != 0)
		wl_diag("%s (ignored)", err.text);
	wl_proc.format = cfg.format;
	wl_proc.fmt_opts.scheme = cfg.scheme;
	wl_proc.fmt_opts.text = cfg.has_text_tmpl ? &cfg.text_tmpl : NULL;
	/* Colour: asked for, or (auto) stderr is a terminal, NO_COLOR is
	 * not set (no-color.org) and TERM is not "dumb".  Decided once, at
	 * start. */
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	if (cfg.color == 1 || (cfg.color < 0 && isatty(2) &&
	    (nc == NULL || *nc == '\0') &&
	    (term == NULL || strcmp(term, "dumb") != 0)))
		wl_proc.fmt_opts.flags |= WL_FMT_COLOR;
	wl_proc.buffer_ms = cfg.buffer_ms;
	wl_line_set_idle_ms(cfg.line_idle_ms);
	wl_proc.min_level = cfg.min_level;
	wl_copy_str(wl_proc.syslog_socket, sizeof(wl_proc.syslog_socket),
	    cfg.syslog_socket);
	for (unsigned i = 0; i < cfg.nfields; i++)
		wl_proc.fields[i] = (struct wl_field){ cfg.fields[i].key,
		    cfg.fields[i].val, strlen(cfg.fields[i].val) };
	wl_proc.nfields = cfg.nfields;
	add_context(cfg.context, n > 0 ? exe : NULL);
	add_trace();
	wl_proc.rules = cfg.rules;
	wl_proc.redact = cfg.redact;
	wl_proc.extract = cfg.extract;
	wl_proc.caller = (cfg.context & WL_CTX_CALLER) != 0;
	wl_proc.redacts = cfg.redacts;
	wl_proc.nredacts = cfg.nredacts;
	wl_proc.nrules = cfg.nrules;
	wl_ratelimit_setup(&cfg.ratelimit);
	wl_sink_setup(&cfg);
}

/*
 * --no-inherit (WITHLOG_NO_INHERIT): take the library out of LD_PRELOAD,
 * so the programs this one starts run without it.  Done at start, when
 * the process is normally still single-threaded.
 */
static void
drop_from_preload(void)
{
	const char *pre = getenv("LD_PRELOAD");
	Dl_info info;
	char out[4096];
	size_t n = 0;

	if (pre == NULL || dladdr((void *)drop_from_preload, &info) == 0 ||
	    info.dli_fname == NULL)
		return;
	const char *me = strrchr(info.dli_fname, '/');
	me = me != NULL ? me + 1 : info.dli_fname;
	while (*pre != '\0') {
		size_t len = strcspn(pre, " :");
		const char *base = pre;
		for (size_t i = 0; i < len; i++)
			if (pre[i] == '/')
				base = pre + i + 1;
		size_t blen = len - (size_t)(base - pre);
		if (len > 0 && !(blen == strlen(me) &&
		    memcmp(base, me, blen) == 0) && n + len + 2 < sizeof(out)) {
			if (n > 0)
				out[n++] = ' ';
			memcpy(out + n, pre, len);
			n += len;
		}
		pre += len;
		pre += strspn(pre, " :");
	}
	out[n] = '\0';
	if (n == 0)
		unsetenv("LD_PRELOAD");
	else
		setenv("LD_PRELOAD", out, 1);
}

static void
init_once(void)
{
	const char *name = program_invocation_short_name;

	wl_real_init();
	wl_proc.pid = getpid();
	wl_copy_str(wl_proc.prog, sizeof(wl_proc.prog),
	    name != NULL && *name != '\0' ? name : "?");
	if (gethostname(wl_proc.host, sizeof(wl_proc.host)) != 0)
		wl_copy_str(wl_proc.host, sizeof(wl_proc.host), "localhost");
	wl_proc.host[sizeof(wl_proc.host) - 1] = '\0';
	read_options();
	if (getenv("WITHLOG_NO_INHERIT") != NULL)
		drop_from_preload();
	wl_fd_init();
	pthread_atfork(NULL, NULL, after_fork_child);
	/* The flush on fatal signals, for what waits in the delivery buffer
	 * or a network queue. */
	if (wl_proc.buffer_ms > 0 || wl_sink_queues())
		wl_outbuf_init();
}

bool
wl_proc_ready_slow(void)
{
	int st = __atomic_load_n(&wl_proc_state, __ATOMIC_ACQUIRE);
	if (st == 2)
		return true;
	st = 0;
	if (!__atomic_compare_exchange_n(&wl_proc_state, &st, 1, false,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return false;	/* another thread is at it: pass through */
	int saved = errno;
	wl_guard_depth++;
	init_once();
	wl_guard_depth--;
	errno = saved;
	__atomic_store_n(&wl_proc_state, 2, __ATOMIC_RELEASE);
	return true;
}

#if !defined(__x86_64__)
bool
wl_proc_foreign(void)
{
	return getpid() != __atomic_load_n(&wl_proc.pid, __ATOMIC_RELAXED);
}
#endif

__attribute__((constructor)) static void
proc_constructor(void)
{
	(void)wl_proc_ready();
}
