# bench/bench.mk - the benchmarks, included by the top-level Makefile.
#
#   make bench        build the library and the workload programs, then
#                     run bench/run (a table on stdout, bench/results.json)
#   make bench-deps   install the peer tools the benchmarks compare with
#
# Not part of 'make check': the figures are measurements, not assertions.

# Debian packages: the build's and the tests' (DEB_PKGS, from the
# Makefile; valgrind among them, for callgrind), and the peers: ts
# (moreutils), logger (bsdutils), multilog (daemontools), svlogd (runit),
# s6-log (s6).  Without recommends: runit recommends an init.
BENCH_PKGS = $(DEB_PKGS) bsdutils moreutils daemontools runit s6

BENCH_CFLAGS = -std=gnu11 -O2 -g -Wall -Wextra -D_GNU_SOURCE -pthread \
	$(CFLAGS)
BENCH_BINS = bench/bin/lines bench/bin/dgram-sink bench/bin/timeit \
	bench/bin/classify

bench-deps:
	@missing=; for p in $(BENCH_PKGS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	    grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $$missing \
	    >/dev/null; fi

bench/bin/lines: bench/lines.c
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

bench/bin/dgram-sink: bench/dgram-sink.c
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

bench/bin/timeit: bench/timeit.c
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

# The classifier linked from the archive of the library's modules (the
# one the unit tests use), so that it pulls in whatever classify.o needs;
# optimised at link time, as the library is.
bench/bin/classify: bench/classify.c $(U_LIB)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) $(LTO) -Iinterpose -o $@ $< $(U_LIB) \
	    $$(pkg-config --libs $(PKGS)) -ldl -lpthread

bench-progs: $(BENCH_BINS)

bench: bench-deps
	$(MAKE) all bench-progs
	bench/run

.PHONY: bench bench-deps bench-progs
