# mk/hardening.mk - the sanitizer passes: the library, the helper tool, the
# test programs and the unit tests built with AddressSanitizer (plus
# UndefinedBehaviorSanitizer), UndefinedBehaviorSanitizer alone, or
# ThreadSanitizer, each into build/SAN/ so the normal build is never
# touched, and the test suite run against them.
#
#   make check-asan    the whole suite, ASan + UBSan (part of make check)
#   make check-ubsan   the whole suite, UBSan alone
#   make check-tsan    the threaded tests, TSan (part of make check)
#
# The tests find the instrumented build through WITHLOG_TEST_LIB,
# WITHLOG_TEST_BIN and WITHLOG_TEST_SCRIPT (t/lib/WL.pm).  build/SAN/t/ is
# a mirror of t/ (links to the test files) whose bin/ holds the
# instrumented programs, so the shell tests that run "$(dirname $0)/bin/..."
# get them too; build/SAN/scripts/withlog is a link to the wrapper, which
# looks for the library beside itself and so finds the instrumented one.
#
# An instrumented library loaded into an uninstrumented program (sh, ls,
# perl) needs its runtime loaded before everything else: WL.pm puts the
# runtime first in LD_PRELOAD (WITHLOG_TEST_PRELOAD).  A few tests set
# LD_PRELOAD themselves; for them ASan is told not to insist on the order.
# Every sanitizer report goes to a file under build/SAN/log/: a pass fails
# when any exists, whatever the tests said, so a report from a process
# whose output no test looks at still counts.

DEB_PKGS += clang libclang-rt-dev

SAN_NAMES = asan ubsan tsan
SAN_asan_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer
SAN_ubsan_FLAGS = -fsanitize=undefined -fno-omit-frame-pointer
SAN_tsan_FLAGS = -fsanitize=thread -fno-omit-frame-pointer
SAN_asan_RT =
SAN_ubsan_RT =
# The TSan runtime alone crashes the uninstrumented programs that call
# setjmp first (dash): build/tsan/tsan-init.so starts it (mk/tsan-init.c).
SAN_tsan_RT = $(shell readlink -f $$($(CC) -print-file-name=libtsan.so)) \
	$(CURDIR)/build/tsan/tsan-init.so
# Tests left out of a pass, with the reason.  0206 runs sh with
# LD_PRELOAD=libc.so.6 ahead of the library: ASan's runtime, loaded after
# libc there, fails in its own start-up (InitTlsSize calls a null
# pointer) before the library runs.
SAN_asan_EXCLUDE = 0206-wrapper.t
# The threaded tests, for TSan.
SAN_tsan_TESTS = 0202-capture-hazards.t 0505-grouping.t 0701-ratelimit.t \
	0803-sink-file.t 0810-netq-unit.t 0812-journald-sink.t \
	0813-rsyslog-udp-tcp.t 0814-rsyslog-outage.t \
	$(notdir $(wildcard t/0910-fault-*.t))

SAN_LOGOPTS = log_path=$(CURDIR)/build/$(1)/log/report:print_stacktrace=1
SAN_SIGS = handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:handle_abort=0
SAN_ENV_asan = ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0:$(SAN_SIGS):$(call SAN_LOGOPTS,asan) \
	UBSAN_OPTIONS=$(call SAN_LOGOPTS,asan)
SAN_ENV_ubsan = UBSAN_OPTIONS=$(call SAN_LOGOPTS,ubsan)
SAN_ENV_tsan = TSAN_OPTIONS=die_after_fork=0:report_signal_unsafe=1:$(SAN_SIGS):$(call SAN_LOGOPTS,tsan)

# The sanitizer runtimes define their own regexec (an interceptor) with no
# symbol version.  Linked the usual way (-fsanitize puts the runtime first)
# the library's reference binds to it unversioned, and the loader resolves
# an unversioned reference to glibc's oldest regexec, GLIBC_2.2.5, which
# ignores REG_STARTEND.  So the instrumented library is linked with libc
# ahead of the runtimes, as the normal one is.
SAN_asan_LIBS = -lasan -lubsan
SAN_ubsan_LIBS = -lubsan
SAN_tsan_LIBS = -ltsan

# Test programs crash on purpose through null pointers (the fatal-signal
# cases): that is not what the pass looks for.
SAN_PROG_NOT = -fno-sanitize=null

# SAN_rules(NAME): the build of one instrumented variant.
define SAN_rules
SAN_$(1)_DIR = build/$(1)
SAN_$(1)_CFLAGS = $$(BASE_CFLAGS) $$(SAN_$(1)_FLAGS) $$(CFLAGS)
SAN_$(1)_OBJS = $$(patsubst interpose/%,build/$(1)/interpose/%,$$(LIB_OBJS))
SAN_$(1)_UNITS = $$(patsubst t/unit/%.c,build/$(1)/t/bin/unit/%,$$(U_SRCS))
SAN_$(1)_PROGS = $$(patsubst t/prog/%.c,build/$(1)/t/bin/O0/%,$$(T_SRCS)) \
	$$(patsubst t/prog/%.c,build/$(1)/t/bin/O2/%,$$(T_SRCS)) \
	$$(patsubst t/prog/%.cc,build/$(1)/t/bin/O2/%,$$(wildcard t/prog/*.cc)) \
	build/$(1)/t/bin/libearly.so

build/$(1)/interpose/%.o: interpose/%.c $$(LIB_HDRS)
	@mkdir -p $$(@D)
	$$(CC) $$(SAN_$(1)_CFLAGS) -c $$< -o $$@

build/$(1)/interpose/libwithlog.so: $$(SAN_$(1)_OBJS) interpose/libwithlog.map
	$$(CC) -shared -Wl,--version-script=interpose/libwithlog.map \
	    -Wl,-z,now -Wl,-z,relro -o $$@ $$(SAN_$(1)_OBJS) $$(LDLIBS_LIB) \
	    -lc $$(SAN_$(1)_LIBS)

build/$(1)/interpose/libwl-modules.a: $$(filter-out build/$(1)/interpose/hook_%.o,$$(SAN_$(1)_OBJS))
	rm -f $$@
	ar rcs $$@ $$^

build/$(1)/interpose/withlog-tool: interpose/tool.c build/$(1)/interpose/libwl-modules.a
	$$(CC) $$(SAN_$(1)_CFLAGS) -fvisibility=default -o $$@ $$^

build/$(1)/t/bin/O0/%: t/prog/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(T_CFLAGS) $$(SAN_$(1)_FLAGS) $$(if $$(findstring undefined,$$(SAN_$(1)_FLAGS)),$$(SAN_PROG_NOT)) -O0 -U_FORTIFY_SOURCE -o $$@ $$< -lbsd

build/$(1)/t/bin/O2/%: t/prog/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(T_CFLAGS) $$(SAN_$(1)_FLAGS) $$(if $$(findstring undefined,$$(SAN_$(1)_FLAGS)),$$(SAN_PROG_NOT)) -O2 -D_FORTIFY_SOURCE=2 -o $$@ $$< -lbsd

build/$(1)/t/bin/O2/%: t/prog/%.cc
	@mkdir -p $$(@D)
	$$(CXX) -O2 -Wall -pthread $$(SAN_$(1)_FLAGS) $$(CXXFLAGS) -o $$@ $$<

build/$(1)/t/bin/unit/%: t/unit/%.c t/unit/tap.h build/$(1)/interpose/libwl-modules.a
	@mkdir -p $$(@D)
	$$(CC) -std=gnu11 -O2 -g -Wall -D_GNU_SOURCE -Iinterpose \
	    $$(SAN_$(1)_FLAGS) $$(CFLAGS) -o $$@ $$< \
	    build/$(1)/interpose/libwl-modules.a \
	    $$$$(pkg-config --libs $$(PKGS)) -ldl -lpthread

build/$(1)/t/bin/libearly.so: t/prog/early.c
	@mkdir -p $$(@D)
	$$(CC) -shared -fPIC -O2 -o $$@ $$<

# The mirror of t/: every entry but bin/ is a link to the real one.
san-tree-$(1):
	@mkdir -p build/$(1)/t build/$(1)/scripts
	@for f in t/*; do \
	    case $$$$f in t/bin) continue ;; esac; \
	    ln -sfn ../../../$$$$f build/$(1)/$$$$f; done
	@ln -sfn ../../../scripts/withlog build/$(1)/scripts/withlog
	@mkdir -p build/$(1)/interpose
	@ln -sfn ../../../interpose/exports.list build/$(1)/interpose/exports.list

san-build-$(1): san-tree-$(1) build/$(1)/interpose/libwithlog.so \
    build/$(1)/interpose/withlog-tool $$(SAN_$(1)_PROGS) $$(SAN_$(1)_UNITS)

.PHONY: san-tree-$(1) san-build-$(1)
endef
$(foreach s,$(SAN_NAMES),$(eval $(call SAN_rules,$(s))))

# SAN_prove(NAME, TESTS): run TESTS (files of build/NAME/t/) against the
# NAME build, then fail if any sanitizer report was written.
define SAN_prove
	@rm -rf build/$(1)/log && mkdir -p build/$(1)/log
	env $(SAN_ENV_$(1)) \
	    WITHLOG_TEST_LIB=$(CURDIR)/build/$(1)/interpose/libwithlog.so \
	    WITHLOG_TEST_BIN=$(CURDIR)/build/$(1)/t/bin \
	    WITHLOG_TEST_SCRIPT=$(CURDIR)/build/$(1)/scripts/withlog \
	    WITHLOG_TEST_PRELOAD="$(strip $(SAN_$(1)_RT))" WITHLOG_TEST_SAN=$(1) \
	    prove -j2 $(2)
	@if [ -n "$$(ls build/$(1)/log)" ]; then \
	    echo "$(1): sanitizer reports:"; cat build/$(1)/log/*; exit 1; \
	else echo "$(1): no sanitizer reports"; fi
endef

check-asan: all test-progs san-build-asan
	$(call SAN_prove,asan,$(filter-out $(addprefix build/asan/t/,$(SAN_asan_EXCLUDE)),$(patsubst t/%,build/asan/t/%,$(wildcard t/*.t))))

check-ubsan: all test-progs san-build-ubsan
	$(call SAN_prove,ubsan,build/ubsan/t/)

build/tsan/tsan-init.so: mk/tsan-init.c
	@mkdir -p $(@D)
	$(CC) -shared -fPIC $(SAN_tsan_FLAGS) -o $@ $<

check-tsan: all test-progs san-build-tsan build/tsan/tsan-init.so
	$(call SAN_prove,tsan,$(addprefix build/tsan/t/,$(SAN_tsan_TESTS)))

CHECK_MORE += check-asan check-tsan

clean-hardening:
	rm -rf build/asan build/ubsan build/tsan

.PHONY: check-asan check-ubsan check-tsan clean-hardening
