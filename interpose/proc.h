/*
 * proc.h - what the library knows about the process it lives in, and its
 * one-time initialisation.
 *
 * wl_proc_init() runs from the constructor, or from whichever hook runs
 * first (another library's constructor may write to stderr before ours
 * ran).  It reads the options from the environment, once.
 */
#ifndef WL_PROC_H
#define WL_PROC_H

#include <stdbool.h>
#include <sys/types.h>
#include "config.h"
#include "event.h"
#include "format.h"

/*
 * Set once by the initialisation, then only read; except pid and parent,
 * which a fork child's handler rewrites.  The parent's other threads may
 * have been reading them up to the fork, so those two are only ever read
 * and written atomically.
 */
struct wl_proc {
	pid_t pid;		/* this process */
	bool passthrough;	/* stderr bytes also reach stderr as written */
	enum wl_format format;	/* format of the stderr sink */
	/* The level scheme, colour, and text template records are written
	 * with. */
	struct wl_format_opts fmt_opts;
	int buffer_ms;		/* buffered delivery: max delay, 0 = off */
	int min_level;		/* events below this severity are dropped */
	char prog[64];		/* basename of argv[0] */
	char syslog_socket[108];	/* the syslog socket, or "" for /dev/log */
	const struct wl_rule *rules;	/* user rules, tried before detectors */
	bool redact;			/* built-in secret patterns */
	bool extract;			/* fields from JSON and logfmt lines */
	bool caller;			/* the caller field */
	const struct wl_redact_rule *redacts;
	unsigned nredacts;
	unsigned nrules;
	unsigned nfields;	/* static fields: configuration, context, trace */
	struct wl_field fields[WL_CONFIG_MAX_FIELDS + 6];
	/* Storage for the context and trace fields' values.  The ppid
	 * field's text is made per event from parent (enrich.c). */
	char exe[256], argv0[256], uid[24];
	char trace_id[33], span_id[17];
	int ppid_field;		/* index of ppid in fields, or -1 */
	pid_t parent;		/* getppid(), for the ppid field */
	char host[256];
};

extern struct wl_proc wl_proc __attribute__((visibility("hidden")));

/* Where the initialisation is: 0 not started, 1 in progress, 2 done
 * (proc.c; read here so that the test every hook makes is inline). */
extern int wl_proc_state __attribute__((visibility("hidden")));

/* wl_proc_ready() before the initialisation is done. */
bool wl_proc_ready_slow(void);

/* Initialise once; cheap after the first call.  Returns true when the
 * library is ready, false while another thread is still initialising (the
 * caller passes the call through). */
static inline bool
wl_proc_ready(void)
{
	if (__builtin_expect(__atomic_load_n(&wl_proc_state,
	    __ATOMIC_ACQUIRE) == 2, 1))
		return true;
	return wl_proc_ready_slow();
}

/*
 * True when the calling process is a vfork child: it shares the parent's
 * memory, so touching any buffer or opening anything there would corrupt
 * the parent.  On x86-64 the library's vfork marks the thread
 * (hook_vfork.c), a TLS load; elsewhere it costs a getpid() call.
 */
#if defined(__x86_64__)
#include "guard.h"
extern WL_TLS int wl_in_vfork;
static inline bool
wl_proc_foreign(void)
{
	return wl_in_vfork != 0;
}
#else
bool wl_proc_foreign(void);
#endif

#endif
