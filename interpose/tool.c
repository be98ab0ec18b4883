/*
 * tool.c - withlog-tool, the helper behind `withlog --check-config` and
 * `withlog --show-config`.  It runs the library's own configuration code,
 * so what it says is what the library will do.
 *
 *   withlog-tool --check-config FILE [PROG]
 *   withlog-tool --show-config [FILE] PROG
 *   withlog-tool --explain [json] LINE|-
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "classify.h"
#include "config.h"
#include "format.h"
#include "group.h"
#include "level.h"
#include "report.h"

static int
usage(void)
{
	fprintf(stderr, "usage: withlog-tool --check-config FILE [PROG]\n"
	    "       withlog-tool --show-config [FILE] PROG\n"
	    "       withlog-tool --explain text|json LINE|-\n");
	return 2;
}

/* The rules of the configuration named by -c (WITHLOG_CONFIG), if any. */
static struct wl_config rules_cfg;

/* Classify LINE as a stderr line, as the library would (the user's rules
 * first), and say what decided its level. */
static void
explain(const char *line, size_t len, bool json)
{
	struct wl_event ev;
	const char *name;
	int num;

	wl_event_init(&ev, WL_SRC_STDERR, "explain", line, len);
	enum wl_rule_result rr = wl_rules_apply(rules_cfg.rules,
	    rules_cfg.nrules, &ev);
	if (rr == WL_RULE_DROP) {
		if (json)
			printf("{\"level\":null,\"severity\":null,"
			    "\"decided_by\":\"dropped\"}\n");
		else
			printf("dropped by a rule\n");
		return;
	}
	if (rr == WL_RULE_NONE)
		wl_classify(&ev);
	wl_scheme_level(WL_SCHEME_OTEL, ev.severity, &name, &num);
	if (!json) {
		printf("%s (severity %d), decided by %s\n", name, num,
		    ev.decided_by != NULL ? ev.decided_by : "?");
		return;
	}
	/* The message through the library's own JSON escaper. */
	char buf[65536 * 6 + 512];
	ev.ts.tv_sec = 0;
	ev.prog = "explain";
	size_t n = wl_format_event(WL_FMT_JSON, &ev, buf, sizeof(buf));
	const char *msg = strstr(buf, ",\"msg\":");
	const char *end = msg != NULL ? strstr(msg, ",\"prog\":") : NULL;
	printf("{\"level\":\"%s\",\"severity\":%d,\"decided_by\":\"%s\"%.*s}\n",
	    name, num, ev.decided_by != NULL ? ev.decided_by : "?",
	    msg != NULL && end != NULL && n <= sizeof(buf) ?
	    (int)(end - msg) : 0, msg != NULL ? msg : "");
}

/* The report being gathered from stdin. */
struct gather {
	struct wl_report rep;
	char *text;
	size_t len, cap;
};

static int
add_line(struct gather *g, const char *line, size_t n)
{
	if (g->len + n + 1 > g->cap) {
		size_t cap = g->cap * 2 > g->len + n + 1 ? g->cap * 2 :
		    g->len + n + 1;
		char *t = realloc(g->text, cap);
		if (t == NULL)
			return -1;
		g->text = t;
		g->cap = cap;
	}
	memcpy(g->text + g->len, line, n);
	g->len += n;
	g->text[g->len++] = '\n';
	return 0;
}

/* Explain the gathered report as the event(s) grouping delivers. */
static void
close_report(struct gather *g, bool json)
{
	unsigned blanks;
	size_t n = wl_report_trim(g->text, g->len, &blanks);
	explain(g->text, n, json);
	while (blanks-- > 0)
		explain("", 0, json);
	g->len = 0;
	g->rep.kind = WL_REPORT_NONE;
}

/* Lines from stdin, grouped into events as the library groups them
 * (report.h, group.h): one explanation per event. */
static int
explain_stdin(bool json)
{
	struct gather g = { { WL_REPORT_NONE, 0 }, NULL, 0, 0 };
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	int rc = 0;

	while (rc == 0 && (got = getline(&line, &cap, stdin)) != -1) {
		size_t n = (size_t)got;
		if (n > 0 && line[n - 1] == '\n')
			n--;
		if (g.rep.kind != WL_REPORT_NONE) {
			enum wl_report_verdict v =
			    wl_report_continues(&g.rep, line, n);
			if (v != WL_REPORT_CLOSE) {
				if (g.len + n + 1 > WL_GROUP_MAX) {
					/* Too long for one event: the part
					 * held goes first, as in group.c. */
					explain(g.text, g.len - 1, json);
					g.len = 0;
				}
				if (n + 1 > WL_GROUP_MAX)
					n = WL_GROUP_MAX - 1;
				rc = add_line(&g, line, n);
				if (v == WL_REPORT_JOIN_AND_CLOSE)
					close_report(&g, json);
				continue;
			}
			close_report(&g, json);
		}
		enum wl_report_kind k = wl_report_starts(line, n);
		if (k != WL_REPORT_NONE) {
			g.rep = (struct wl_report){ (uint8_t)k, 0 };
			rc = add_line(&g, line, n < WL_GROUP_MAX ? n :
			    WL_GROUP_MAX - 1);
			continue;
		}
		explain(line, n, json);
	}
	if (rc == 0 && g.rep.kind != WL_REPORT_NONE)
		close_report(&g, json);
	free(line);
	free(g.text);
	if (rc != 0) {
		fprintf(stderr, "withlog: --explain: out of memory\n");
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static struct wl_config c;
	struct wl_config_error err;
	bool secure = getauxval(AT_SECURE) != 0;

	if (argc >= 3 && argc <= 4 && strcmp(argv[1], "--check-config") == 0) {
		const char *prog = argc == 4 ? argv[3] : "";
		wl_config_defaults(&c);
		if (wl_config_load(&c, argv[2], prog, NULL, secure, &err) != 0) {
			fprintf(stderr, "withlog: %s\n", err.text);
			return 1;
		}
		printf("withlog: %s: ok\n", argv[2]);
		return 0;
	}
	if (argc >= 3 && argc <= 4 && strcmp(argv[1], "--show-config") == 0) {
		char path[4096];
		const char *prog = argv[argc - 1];
		int rc = 0;
		wl_config_defaults(&c);
		if (argc == 4)
			snprintf(path, sizeof(path), "%s", argv[2]);
		if ((argc == 4 || wl_config_find(prog, NULL, secure, path,
		    sizeof(path)) == 0) &&
		    wl_config_load(&c, path, prog, NULL, secure, &err) != 0) {
			fprintf(stderr, "withlog: %s (using the defaults)\n",
			    err.text);
			wl_config_defaults(&c);
			rc = 1;
		}
		if (wl_config_env(&c, secure, &err) != 0) {
			fprintf(stderr, "withlog: %s (ignored)\n", err.text);
			rc = 1;
		}
		wl_config_show(&c, 1);
		return rc;
	}
	if (argc == 4 && strcmp(argv[1], "--explain") == 0) {
		bool json = strcmp(argv[2], "json") == 0;
		const char *cf = getenv("WITHLOG_CONFIG");
		wl_config_defaults(&rules_cfg);
		if (cf != NULL && *cf != '\0' &&
		    wl_config_load(&rules_cfg, cf, "", NULL, secure, &err) != 0) {
			fprintf(stderr, "withlog: %s\n", err.text);
			return 1;
		}
		if (strcmp(argv[3], "-") != 0) {
			explain(argv[3], strlen(argv[3]), json);
			return 0;
		}
		return explain_stdin(json);
	}
	return usage();
}
