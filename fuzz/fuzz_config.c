/*
 * fuzz_config.c - libFuzzer target for configuration parsing
 * (interpose/config.c).
 *
 * The input is a configuration file (in a memfd, mode 0600, named through
 * /proc/self/fd so the ownership checks pass), loaded for a program named
 * "app", then shown and released.  Loading either succeeds or fills the
 * error record with one "FILE:LINE: ..." line.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "config.h"

static struct wl_config conf;
static int devnull = -1;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wl_config_error err;
	char path[64];

	if (devnull < 0)
		devnull = open("/dev/null", O_WRONLY);
	int fd = memfd_create("fuzz.conf", 0);
	if (fd < 0 || fchmod(fd, 0600) != 0)
		abort();
	for (size_t off = 0; off < size;) {
		ssize_t w = write(fd, data + off, size - off);
		if (w <= 0)
			abort();
		off += (size_t)w;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);

	wl_config_defaults(&conf);
	memset(&err, 0, sizeof(err));
	if (wl_config_load(&conf, path, "app", "app-argv0", false, &err) != 0) {
		size_t n = strnlen(err.text, sizeof(err.text));
		/* (Not every message names FILE:LINE yet: an empty
		 * include names the directory and no line.) */
		if (n == 0 || n == sizeof(err.text) ||
		    memchr(err.text, '\n', n) != NULL)
			abort();
		wl_config_release(&conf);
		wl_config_defaults(&conf);
	} else {
		wl_config_show(&conf, devnull);
	}
	wl_config_release(&conf);
	close(fd);
	return 0;
}
