/*
 * tool.c - withlog-tool, the helper behind `withlog --check-config` and
 * `withlog --show-config`.  It runs the library's own configuration code,
 * so what it says is what the library will do.
 *
 *   withlog-tool --check-config FILE [PROG]
 *   withlog-tool --show-config [FILE] PROG
 */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "config.h"

static int
usage(void)
{
	fprintf(stderr, "usage: withlog-tool --check-config FILE [PROG]\n"
	    "       withlog-tool --show-config [FILE] PROG\n");
	return 2;
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
	return usage();
}
