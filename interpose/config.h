/*
 * config.h - per-process configuration: defaults, a file chosen by
 * program name, then WITHLOG_* environment variables (which the withlog
 * command line sets), each value remembering where it came from.
 *
 * The file is INI-like, for people: '#' or ';' comments, [sections],
 * `key = value`.  See the README for the schema.  Loading happens once at
 * start, in normal context: it may allocate.  Errors are reported in a
 * caller-owned record; only the top layer prints them.
 */
#ifndef WL_CONFIG_H
#define WL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "format.h"
#include "ratelimit.h"
#include "redact.h"
#include "rules.h"
#include "sink_conf.h"

#define WL_CONFIG_MAX_FIELDS 16

/* Context fields given on request (context = exe, argv0, ppid, uid). */
#define WL_CTX_EXE 0x1
#define WL_CTX_ARGV0 0x2
#define WL_CTX_PPID 0x4
#define WL_CTX_UID 0x8
#define WL_CTX_CALLER 0x10

/* Where a value came from: "default", "FILE:LINE" or "environment". */
typedef char wl_origin[160];

struct wl_config_field {
	char key[48];
	char val[256];
	wl_origin origin;
};

/* The longest match = /REGEX/ value kept for --show-config. */
#define WL_CONFIG_MATCH 514

struct wl_config {
	enum wl_format format;
	wl_origin format_from;
	enum wl_scheme scheme;
	wl_origin scheme_from;
	bool has_text_tmpl;		/* format.text given */
	struct wl_text_tmpl text_tmpl;
	char text_tmpl_src[256];
	wl_origin text_tmpl_from;
	int color;			/* -1 auto, 0 never, 1 always */
	wl_origin color_from;
	char output[1024];		/* the output list as given, "" default */
	wl_origin output_from;
	bool passthrough;		/* stderr bytes reach stderr as written */
	wl_origin passthrough_from;
	int buffer_ms;			/* 0: one write per record */
	wl_origin buffer_from;
	int line_idle_ms;		/* a partial line's wait for more */
	wl_origin line_idle_from;
	int min_level;			/* severity number; below is dropped */
	unsigned context;		/* WL_CTX_* fields on request */
	wl_origin context_from;
	wl_origin min_level_from;
	char syslog_socket[108];
	wl_origin syslog_socket_from;
	struct wl_ratelimit_conf ratelimit;
	wl_origin ratelimit_from;
	unsigned nfields;
	struct wl_config_field fields[WL_CONFIG_MAX_FIELDS];
	bool redact;			/* the built-in secret patterns */
	bool extract;			/* fields from JSON/logfmt messages */
	wl_origin extract_from;
	wl_origin redact_from;
	unsigned nredacts;
	struct wl_redact_rule redacts[WL_MAX_REDACTS];
	wl_origin redact_at[WL_MAX_REDACTS];	/* FILE:LINE of each */
	bool redact_has[WL_MAX_REDACTS];	/* its match was compiled */
	char redact_match[WL_MAX_REDACTS][WL_CONFIG_MATCH];	/* as given */
	unsigned nrules;
	struct wl_rule rules[WL_MAX_RULES];
	wl_origin rule_at[WL_MAX_RULES];	/* FILE:LINE of each */
	char rule_match[WL_MAX_RULES][WL_CONFIG_MATCH];	/* "" none */
	/* Sinks: [sink NAME] sections, then those an output value made.
	 * None: the default routing (each event back to its channel). */
	unsigned nsinks;
	struct wl_sink_conf sinks[WL_SINK_MAX];
	char file[4096];		/* the file loaded, "" for none */
};

/* The first error met, "FILE:LINE: what is wrong". */
struct wl_config_error {
	char text[512];
};

/* Fill C with the defaults. */
void wl_config_defaults(struct wl_config *c) __attribute__((nonnull));

/* Free what loading C allocated (compiled rules); C is then the
 * defaults. */
void wl_config_release(struct wl_config *c) __attribute__((nonnull));

/*
 * Parse PATH into C for the program whose executable is named PROG and
 * whose argv[0] is named PROG2 (NULL if the same): sections
 * [program GLOB] apply when either matches.  SECURE: the process is privileged (setuid,
 * AT_SECURE): only root-owned files that no one else can write are read.
 * Returns 0, or -1 with ERR filled (C is then unspecified: start again
 * from the defaults).
 */
int wl_config_load(struct wl_config *c, const char *path, const char *prog,
    const char *prog2, bool secure, struct wl_config_error *err)
    __attribute__((nonnull(1, 2, 6), warn_unused_result));

/* Apply the WITHLOG_* environment variables.  Returns 0, or -1 with ERR
 * filled for a bad value (the others are applied). */
int wl_config_env(struct wl_config *c, bool secure,
    struct wl_config_error *err) __attribute__((nonnull));

/*
 * Find the configuration file for a program whose executable is named EXE
 * and whose argv[0] is named ARGV0 (either may be NULL): WITHLOG_CONFIG
 * (ignored when SECURE), then ~/.config/withlog/NAME.conf (not when
 * SECURE), /etc/withlog/NAME.conf, /etc/withlog/default.conf, NAME being
 * EXE and then ARGV0.  Returns 0 with the path in OUT, or -1 when there is
 * none.
 */
int wl_config_find(const char *exe, const char *argv0, bool secure,
    char *out, size_t cap) __attribute__((nonnull(4)));

/* Print C as a configuration file with the origin of each value. */
void wl_config_show(const struct wl_config *c, int fd) __attribute__((nonnull));

#endif
