/*
 * config.c - unit test of the configuration module's privileged mode:
 * with SECURE set (a setuid or AT_SECURE process) the environment cannot
 * name a file or a home directory, and only files owned by root that no
 * one else can write are read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "config.h"
#include "tap.h"


int
main(void)
{
	static struct wl_config c;
	struct wl_config_error err;
	char dir[] = "/tmp/wl-config-XXXXXX", path[256], found[512];

	printf("1..6\n");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/x.conf", dir);
	FILE *f = fopen(path, "w");
	fputs("format = json\n", f);
	fclose(f);
	chmod(path, 0644);

	setenv("WITHLOG_CONFIG", path, 1);
	ok(wl_config_find("prog", NULL, false, found, sizeof(found)) == 0 &&
	    strcmp(found, path) == 0,
	    "WITHLOG_CONFIG names the file in an ordinary process");
	ok(wl_config_find("prog", NULL, true, found, sizeof(found)) != 0 ||
	    strcmp(found, path) != 0,
	    "WITHLOG_CONFIG is ignored in a privileged process");
	unsetenv("WITHLOG_CONFIG");

	wl_config_defaults(&c);
	ok(getuid() != 0 || wl_config_load(&c, path, "prog", NULL, true, &err) == 0,
	    "a root-owned file no one else can write is read when privileged");

	/* The same file owned by another user. */
	if (getuid() == 0 && chown(path, 65534, 65534) == 0) {
		wl_config_defaults(&c);
		int rc = wl_config_load(&c, path, "prog", NULL, true, &err);
		char want[400];
		snprintf(want, sizeof(want),
		    "refused '%s': owned by uid 65534, not root", path);
		ok(rc != 0 && strcmp(err.text, want) == 0,
		    "a file owned by another user is refused when privileged");
		rc = wl_config_load(&c, path, "prog", NULL, false, &err);
		ok(rc != 0, "and by root's own ordinary processes too");
	} else {
		ok(1, "# skip not root: cannot chown");
		ok(1, "# skip not root: cannot chown");
	}
	chmod(path, 0664);
	chown(path, getuid(), getgid());
	wl_config_defaults(&c);
	ok(wl_config_load(&c, path, "prog", NULL, false, &err) != 0 &&
	    strstr(err.text, "writable by other users") != NULL,
	    "a group-writable file is refused");
	unlink(path);
	rmdir(dir);
	return tap_done(0);
}
