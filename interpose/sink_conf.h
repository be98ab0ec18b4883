/*
 * sink_conf.h - what a sink is, as configured: a [sink NAME] section, an
 * `output = SPEC` value or a `-o SPEC` option.
 *
 *   [sink local]
 *   type = file                  # stderr file syslog syslog-udp
 *                                # syslog-tcp journald
 *   path = /var/log/app.log      # file
 *   max_size = 10M               # file: rotate past this size
 *   keep = 5                     # file: app.log.1 .. app.log.5
 *   address = 127.0.0.1:6514     # network; a socket path for syslog
 *                                # and journald
 *   format = json                # the type's default otherwise
 *   min_level = debug            # the level range it takes
 *   max_level = warn
 *   source = stderr              # only events from stderr (or syslog)
 *   rule = retry, oom            # only events these rules classified
 *   passthrough = on             # stderr: the program's own bytes
 *
 * Parsing and checking only: no descriptor is opened here, so the module
 * serves both the library and withlog-tool.  Messages name the value and
 * say what is wrong; the caller adds FILE:LINE.
 */
#ifndef WL_SINK_CONF_H
#define WL_SINK_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WL_SINK_MAX 8

/*
 * The network queue (netq.c, with the journal encoder) is a separate
 * module: a build without it refuses the network and journald types when
 * the configuration is read, rather than losing records at run time.
 */
#if __has_include("netq.h") && __has_include("netq.c")
#define WL_HAVE_NETQ 1
#endif

enum wl_sink_type {
	WL_SINK_NONE = 0,	/* not given yet */
	WL_SINK_STDERR,
	WL_SINK_FILE,
	WL_SINK_SYSLOG,		/* the local syslog socket */
	WL_SINK_UDP,		/* syslog-udp */
	WL_SINK_TCP,		/* syslog-tcp */
	WL_SINK_JOURNALD,
};

/* format: an enum wl_format value, or one of these. */
#define WL_SINK_FMT_DEFAULT (-1)	/* the type's default */
#define WL_SINK_FMT_RFC3164 (-2)	/* syslog: "<PRI>ident[pid]: msg" */

/* Where journald listens for its native protocol. */
#define WL_JOURNAL_SOCKET "/run/systemd/journal/socket"

struct wl_sink_conf {
	char name[64];
	int type;			/* enum wl_sink_type */
	int format;			/* enum wl_format or WL_SINK_FMT_* */
	int min_level;			/* severity; 0: no minimum */
	int max_level;			/* severity; 0: no maximum */
	int source;			/* -1 any, else enum wl_source */
	uint32_t rules;			/* bit i: the config's rule i; 0 any */
	char rule_names[256];		/* as written, resolved after loading */
	bool passthrough;		/* stderr: the program's own bytes */
	bool by_output;			/* made by an `output` value */
	char target[1024];		/* path, socket path or host:port */
	unsigned long long max_size;	/* file: rotate past it; 0 never */
	int keep;			/* file: rotated files kept */
	unsigned long queue;		/* network: bytes queued at most, 0
					 * the queue's default */
	unsigned given;			/* WL_SK_* bits of the keys set */
	unsigned line;			/* where the section starts */
	char from[160];			/* "FILE:LINE" or "environment (...)" */
};

/* Key bits, for checking that each key applies to the type. */
#define WL_SK_PATH 0x01
#define WL_SK_ADDRESS 0x02
#define WL_SK_MAX_SIZE 0x04
#define WL_SK_KEEP 0x08
#define WL_SK_QUEUE 0x10
#define WL_SK_PASSTHROUGH 0x20
#define WL_SK_FORMAT 0x40

/* Start S as an empty sink called NAME (no type yet, every level, every
 * source, the type's default format). */
void wl_sink_conf_init(struct wl_sink_conf *s, const char *name)
    __attribute__((nonnull));

/* Is NAME a good sink name (1-63 bytes of a-z A-Z 0-9 _ . -)? */
bool wl_sink_name_ok(const char *name) __attribute__((nonnull));

/* Set KEY to VAL in S.  Returns 0, or -1 with a message in WHY. */
int wl_sink_conf_set(struct wl_sink_conf *s, const char *key,
    const char *val, char *why, size_t cap)
    __attribute__((nonnull, warn_unused_result));

/* Check S once all its keys are in: a type, the keys that type needs, no
 * key it does not take.  Returns 0, or -1 with a message in WHY. */
int wl_sink_conf_check(const struct wl_sink_conf *s, char *why, size_t cap)
    __attribute__((nonnull, warn_unused_result));

/*
 * Fill S from an output SPEC: stderr, syslog, journald, file:PATH (an
 * absolute path), udp://HOST:PORT or tcp://HOST:PORT.  ("default" is the
 * caller's: no sink at all.)  Returns 0, or -1 with a message in WHY.
 */
int wl_sink_conf_from_spec(struct wl_sink_conf *s, const char *spec,
    char *why, size_t cap) __attribute__((nonnull, warn_unused_result));

/* Is ADDR "HOST:PORT" (HOST a name, an IPv4 address or [IPv6], PORT
 * 1-65535)? */
bool wl_sink_address_ok(const char *addr) __attribute__((nonnull));

/* True when this build has the network and journald sinks. */
bool wl_sink_type_available(int type);

/* The configuration name of TYPE ("syslog-udp"). */
const char *wl_sink_type_name(int type);

/* Print S as a [sink] section, with where it came from. */
void wl_sink_conf_show(const struct wl_sink_conf *s, int fd)
    __attribute__((nonnull));

#endif
