/*
 * sinkconf.c - unit test of sink definitions: output specs, the sink
 * keys' values, and WITHLOG_OUTPUT in an ordinary and in a privileged
 * process (where an output that would create a file is ignored).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "sink_conf.h"
#include "tap.h"


int
main(void)
{
	static struct wl_config c;
	struct wl_sink_conf s;
	struct wl_config_error err;
	char why[300];

	printf("1..16\n");

	ok(wl_sink_conf_from_spec(&s, "file:/var/log/a,b.log", why,
	    sizeof(why)) == 0 && s.type == WL_SINK_FILE &&
	    strcmp(s.target, "/var/log/a,b.log") == 0,
	    "file:PATH takes the whole path, commas included");
	ok(wl_sink_conf_from_spec(&s, "udp://[::1]:514", why,
	    sizeof(why)) == 0 && s.type == WL_SINK_UDP &&
	    strcmp(s.target, "[::1]:514") == 0,
	    "udp://[::1]:514 is a UDP sink to an IPv6 address");
	ok(wl_sink_conf_from_spec(&s, "tcp://logs.example.com:70000", why,
	    sizeof(why)) != 0 && strstr(why, "tcp://HOST:PORT") != NULL,
	    "a port above 65535 is refused");
	ok(!wl_sink_address_ok("host") && !wl_sink_address_ok(":514") &&
	    !wl_sink_address_ok("a:b:514") && wl_sink_address_ok("10.0.0.1:6514"),
	    "an address is HOST:PORT, an IPv6 one in brackets");

	wl_sink_conf_init(&s, "x");
	ok(wl_sink_conf_set(&s, "max_size", "10M", why, sizeof(why)) == 0 &&
	    s.max_size == 10u << 20, "max_size = 10M is 10 MiB");
	ok(wl_sink_conf_set(&s, "max_size", "512", why, sizeof(why)) != 0,
	    "max_size below 1k is refused");
	ok(wl_sink_conf_set(&s, "max_size", "1KiB", why, sizeof(why)) == 0 &&
	    s.max_size == 1024, "max_size = 1KiB is 1024 bytes");
	ok(wl_sink_conf_set(&s, "keep", "5k", why, sizeof(why)) != 0,
	    "keep takes a plain number");
	wl_sink_conf_init(&s, "x");
	ok(wl_sink_conf_set(&s, "type", "stderr", why, sizeof(why)) == 0 &&
	    wl_sink_conf_set(&s, "queue", "64k", why, sizeof(why)) == 0 &&
	    wl_sink_conf_check(&s, why, sizeof(why)) != 0 &&
	    strcmp(why, "[sink x]: queue does not apply to a stderr sink") == 0,
	    "a key of another type is refused when the sink is checked");

	/* WITHLOG_OUTPUT: one spec per line; the command line replaces the
	 * file's sinks. */
	wl_config_defaults(&c);
	c.nsinks = 1;
	wl_sink_conf_init(&c.sinks[0], "from-file");
	c.sinks[0].type = WL_SINK_STDERR;
	setenv("WITHLOG_OUTPUT", "stderr\nfile:/tmp/x, y.log\n", 1);
	ok(wl_config_env(&c, false, &err) == 0 && c.nsinks == 2 &&
	    c.sinks[0].type == WL_SINK_STDERR && c.sinks[0].by_output &&
	    strcmp(c.sinks[1].target, "/tmp/x, y.log") == 0,
	    "WITHLOG_OUTPUT's lines replace the file's sinks");
	ok(strcmp(c.sinks[1].from, "environment (WITHLOG_OUTPUT)") == 0 &&
	    strcmp(c.output, "stderr, file:/tmp/x, y.log") == 0,
	    "and say where they came from");

	wl_config_defaults(&c);
	setenv("WITHLOG_OUTPUT", "stderr\nfile:/tmp/should-not-exist.log", 1);
	int rc = wl_config_env(&c, true, &err);
	ok(rc != 0 && c.nsinks == 1 && c.sinks[0].type == WL_SINK_STDERR,
	    "a privileged process ignores a file output from the environment");
	ok(strcmp(err.text, "WITHLOG_OUTPUT: 'file:/tmp/should-not-exist.log' "
	    "ignored: a privileged process creates no file from the "
	    "environment") == 0, "and says so");

	wl_config_defaults(&c);
	setenv("WITHLOG_OUTPUT", "stderr\nbogus", 1);
	ok(wl_config_env(&c, false, &err) != 0 && c.nsinks == 0 &&
	    strstr(err.text, "WITHLOG_OUTPUT: unknown output 'bogus'") == err.text,
	    "a bad list is reported and ignored as a whole");

	wl_config_defaults(&c);
	setenv("WITHLOG_OUTPUT", "default", 1);
	ok(wl_config_env(&c, false, &err) == 0 && c.nsinks == 0 &&
	    c.output[0] == '\0', "WITHLOG_OUTPUT=default is the default routing");
	unsetenv("WITHLOG_OUTPUT");

	setenv("WITHLOG_PASSTHROUGH", "yes", 1);
	wl_config_defaults(&c);
	ok(wl_config_env(&c, false, &err) == 0 && c.passthrough,
	    "WITHLOG_PASSTHROUGH=yes turns passthrough on");
	unsetenv("WITHLOG_PASSTHROUGH");
	return tap_done(0);
}
