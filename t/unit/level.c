/*
 * level.c - the level schemes: every canonical level (and syslog crit and
 * alert) written in every scheme, against the README's table.
 */
#include <stdio.h>
#include <string.h>
#include "level.h"

int
main(void)
{
	static const int sev[9] = { 1, 5, 9, 10, 13, 17, 18, 19, 21 };
	/* The README's table, row by row: name:number per column. */
	static const char *const want[6][9] = {
		{ "TRACE:1", "DEBUG:5", "INFO:9", "NOTICE:10", "WARN:13",
		  "ERROR:17", "ERROR:18", "ERROR:19", "FATAL:21" },
		{ "debug:7", "debug:7", "info:6", "notice:5", "warning:4",
		  "err:3", "crit:2", "alert:1", "emerg:0" },
		{ "DEBUG:10", "DEBUG:10", "INFO:20", "INFO:20", "WARNING:30",
		  "ERROR:40", "CRITICAL:50", "CRITICAL:50", "CRITICAL:50" },
		{ "DEBUG-4:-8", "DEBUG:-4", "INFO:0", "INFO+2:2", "WARN:4",
		  "ERROR:8", "ERROR:8", "ERROR:8", "ERROR+4:12" },
		{ "DEBUG:100", "DEBUG:100", "INFO:200", "NOTICE:300",
		  "WARNING:400", "ERROR:500", "CRITICAL:600", "ALERT:700",
		  "EMERGENCY:800" },
		{ "INFO:9", "INFO:9", "INFO:9", "INFO:9", "WARN:13",
		  "ERROR:17", "ERROR:17", "ERROR:17", "ERROR:17" },
	};
	static const char *const scheme[6] = { "otel", "syslog", "python",
		"slog", "gcp", "three" };
	int n = 0, failed = 0;

	printf("1..%d\n", 6 + 1);
	for (int s = 0; s < 6; s++) {
		enum wl_scheme sc;
		int bad = wl_scheme_parse(scheme[s], &sc) != 0 || (int)sc != s;
		for (int i = 0; i < 9 && !bad; i++) {
			const char *name;
			int num;
			char got[32];
			wl_scheme_level(sc, sev[i], &name, &num);
			snprintf(got, sizeof(got), "%s:%d", name, num);
			if (strcmp(got, want[s][i]) != 0) {
				printf("# %s severity %d: %s, want %s\n",
				    scheme[s], sev[i], got, want[s][i]);
				bad = 1;
			}
		}
		printf("%sok %d - the %s scheme writes each level as the README's table says\n",
		    bad ? "not " : "", ++n, scheme[s]);
		failed |= bad;
	}
	enum wl_scheme sc;
	int bad = wl_scheme_parse("loud", &sc) == 0;
	printf("%sok %d - an unknown scheme name is refused\n", bad ? "not " : "",
	    ++n);
	return failed | bad;
}
