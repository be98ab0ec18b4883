# withlog - make the logs of unmodified legacy programs useful.
#
#   make            build interpose/libwithlog.so
#   make check      install missing build dependencies, build, run every test
#   make bench      the benchmarks (not part of check)
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib/withlog
VERSION = 0.1.0

CC ?= cc
PKGS = jansson libbsd
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wno-format-nonliteral
BASE_CFLAGS = -std=gnu11 -O2 -g -fPIC -fvisibility=hidden \
	-fno-strict-aliasing -D_GNU_SOURCE -D_FORTIFY_SOURCE=2 $(WARN)
CFLAGS ?=
ALL_CFLAGS = $(BASE_CFLAGS) $(CFLAGS)
# The library is optimised whole at link time: the classifier's detectors
# and the pipeline's stages are separate modules that call each other's
# small functions on every line.  The objects keep their ordinary code
# too (fat), so the archive of modules links without LTO.
LTO = -flto=auto -ffat-lto-objects
LDLIBS_LIB = $$(pkg-config --libs jansson) -ldl -lpthread

LIB = interpose/libwithlog.so
LIB_SRCS = $(filter-out interpose/tool.c,$(sort $(wildcard interpose/*.c)))
TOOL = interpose/withlog-tool
LIB_OBJS = $(LIB_SRCS:.c=.o)
LIB_HDRS = $(wildcard interpose/*.h)
# Unit tests and withlog-tool link the modules they use from an archive
# of the library's objects without the entry points, so each pulls in
# only what it needs.
U_LIB = interpose/libwl-modules.a

# Debian packages the build and the tests need.
DEB_PKGS = libjansson-dev libbsd-dev pkg-config jq valgrind

all: $(LIB) $(TOOL)

interpose/%.o: interpose/%.c $(LIB_HDRS)
	$(CC) $(ALL_CFLAGS) $(LTO) -c $< -o $@

interpose/libwithlog.map: interpose/exports.list
	{ echo '{ global:'; sed 's/$$/;/' $<; echo 'local: *; };'; } > $@

$(LIB): $(LIB_OBJS) interpose/libwithlog.map
	$(CC) $(ALL_CFLAGS) $(LTO) -shared \
	    -Wl,--version-script=interpose/libwithlog.map \
	    -Wl,-z,now -Wl,-z,relro -o $@ $(LIB_OBJS) $(LDLIBS_LIB)

# The helper behind --check-config and --show-config, built from the
# library's own configuration code.
$(TOOL): interpose/tool.c $(U_LIB)
	$(CC) $(ALL_CFLAGS) -fvisibility=default -o $@ $< $(U_LIB)

# Install whatever Debian package the build or the tests lack (as root on a
# fresh machine); a no-op when everything is present.
deps:
	@missing=; for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	    grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq $$missing >/dev/null; fi

# Test programs: built twice, plain -O0 and -O2 with _FORTIFY_SOURCE
# (which turns calls into their __*_chk forms).
T_SRCS = $(filter-out t/prog/early.c,$(wildcard t/prog/*.c))
T_O0 = $(patsubst t/prog/%.c,t/bin/O0/%,$(T_SRCS))
T_O2 = $(patsubst t/prog/%.c,t/bin/O2/%,$(T_SRCS))
T_CXX = $(patsubst t/prog/%.cc,t/bin/O2/%,$(wildcard t/prog/*.cc))
U_SRCS = $(wildcard t/unit/*.c)
U_BINS = $(patsubst t/unit/%.c,t/bin/unit/%,$(U_SRCS))
T_CFLAGS = -std=gnu11 -Wall -Wno-unused-result -pthread $(CFLAGS)

t/bin/O0/%: t/prog/%.c
	@mkdir -p $(@D)
	$(CC) $(T_CFLAGS) -O0 -U_FORTIFY_SOURCE -o $@ $< -lbsd

t/bin/O2/%: t/prog/%.c
	@mkdir -p $(@D)
	$(CC) $(T_CFLAGS) -O2 -D_FORTIFY_SOURCE=2 -o $@ $< -lbsd

t/bin/O2/%: t/prog/%.cc
	@mkdir -p $(@D)
	$(CXX) -O2 -Wall -pthread $(CXXFLAGS) -o $@ $<

$(U_LIB): $(filter-out interpose/hook_%.o,$(LIB_OBJS))
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^
t/bin/unit/%: t/unit/%.c t/unit/tap.h $(U_LIB)
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -g -Wall -D_GNU_SOURCE -Iinterpose $(CFLAGS) \
	    -o $@ $< $(U_LIB) $$(pkg-config --libs $(PKGS)) -ldl -lpthread

t/bin/libearly.so: t/prog/early.c
	@mkdir -p $(@D)
	$(CC) -shared -fPIC -O2 -o $@ $<

test-progs: $(T_O0) $(T_O2) $(T_CXX) $(U_BINS) t/bin/libearly.so

# The README's first command: run the shipped demo program under withlog.
demo: deps all demo/legacy-demo
	scripts/withlog -o stderr -- demo/legacy-demo

demo/legacy-demo: demo/legacy-demo.c
	$(CC) -O2 -D_FORTIFY_SOURCE=2 -o $@ $<

# Further passes that mk/*.mk files add to make check (target names).
CHECK_MORE =

check: deps
	$(MAKE) all test-progs
	prove -j2 t/
	$(if $(strip $(CHECK_MORE)),$(MAKE) $(CHECK_MORE))

install: $(LIB) $(TOOL)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libwithlog.so
	install -m 755 $(TOOL) $(DESTDIR)$(LIBDIR)/withlog-tool
	sed -e 's|^WITHLOG_LIBDIR=.*|WITHLOG_LIBDIR=$(LIBDIR)|' \
	    -e 's|^WITHLOG_VERSION=.*|WITHLOG_VERSION=$(VERSION)|' \
	    scripts/withlog > $(DESTDIR)$(BINDIR)/withlog
	chmod 755 $(DESTDIR)$(BINDIR)/withlog

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/withlog $(DESTDIR)$(LIBDIR)/libwithlog.so \
	    $(DESTDIR)$(LIBDIR)/withlog-tool
	-rmdir $(DESTDIR)$(LIBDIR)

strict:
	$(MAKE) clean
	$(MAKE) all CFLAGS=-Werror

clean:
	rm -rf interpose/*.o interpose/*.a $(LIB) $(TOOL) interpose/libwithlog.map t/bin demo/legacy-demo

# The benchmarks (`make bench`) live in bench/bench.mk; further targets
# (sanitizer passes, fuzzing) in mk/*.mk, which may add to DEB_PKGS and
# CHECK_MORE.
-include bench/bench.mk
-include $(sort $(wildcard mk/*.mk))

.PHONY: all demo deps check install uninstall strict clean test-progs
