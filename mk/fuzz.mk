# mk/fuzz.mk - libFuzzer targets (fuzz/*.c) for line assembly,
# grouping and classification, configuration parsing and the formatters,
# built with clang, AddressSanitizer and UndefinedBehaviorSanitizer into
# build/fuzz/ from the library's own modules.
#
#   make fuzz          each target for FUZZ_SECONDS (60), starting from its
#                      kept corpus in t/fuzz/NAME/; new inputs collect in
#                      build/fuzz/corpus/NAME/
#   make fuzz-merge    fold those new inputs into t/fuzz/NAME/ (minimised)
#   make check-fuzz    (part of make check) every kept input and every
#                      regression input (t/fuzz/NAME-regress/, inputs that
#                      once crashed) run once, then FUZZ_CHECK_SECONDS (15)
#                      of fuzzing from the kept corpus
#
# A crash leaves crash-* in build/fuzz/; keep it as a regression input in
# t/fuzz/NAME-regress/ once fixed.

DEB_PKGS += clang libclang-rt-dev

FUZZ_CC = clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS = -std=gnu11 -g -O1 -fno-omit-frame-pointer -fPIC \
	-D_GNU_SOURCE -fvisibility=hidden -fno-strict-aliasing $(FUZZ_SAN)
FUZZ_TARGETS = linebuf classify config format
FUZZ_SECONDS = 60
FUZZ_CHECK_SECONDS = 15
FUZZ_OBJS = $(patsubst interpose/%.c,build/fuzz/interpose/%.o, \
	$(filter-out interpose/hook_%.c,$(LIB_SRCS)))
FUZZ_BINS = $(addprefix build/fuzz/fuzz_,$(FUZZ_TARGETS))
FUZZ_ENV = ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1

build/fuzz/interpose/%.o: interpose/%.c $(LIB_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

build/fuzz/libwl-fuzz.a: $(FUZZ_OBJS)
	rm -f $@
	ar rcs $@ $^

build/fuzz/fuzz_%: fuzz/fuzz_%.c build/fuzz/libwl-fuzz.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Iinterpose -o $@ $< \
	    build/fuzz/libwl-fuzz.a $$(pkg-config --libs $(PKGS)) -ldl -lpthread

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p build/fuzz/corpus/$$t t/fuzz/$$t; \
	    echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	    (cd build/fuzz && env $(FUZZ_ENV) ./fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	        corpus/$$t ../../t/fuzz/$$t) || exit 1; \
	done

fuzz-merge: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p build/fuzz/corpus/$$t t/fuzz/$$t; \
	    env $(FUZZ_ENV) build/fuzz/fuzz_$$t -merge=1 t/fuzz/$$t \
	        build/fuzz/corpus/$$t || exit 1; \
	done

check-fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	    files=$$(find t/fuzz/$$t t/fuzz/$$t-regress -type f 2>/dev/null); \
	    echo "fuzz_$$t: $$(echo "$$files" | grep -c .) kept inputs, then $(FUZZ_CHECK_SECONDS) s"; \
	    env $(FUZZ_ENV) build/fuzz/fuzz_$$t -timeout=10 $$files \
	        > build/fuzz/replay-$$t.log 2>&1 || \
	        { cat build/fuzz/replay-$$t.log; exit 1; }; \
	    rm -rf build/fuzz/check/$$t && mkdir -p build/fuzz/check/$$t; \
	    (cd build/fuzz && env $(FUZZ_ENV) ./fuzz_$$t \
	        -max_total_time=$(FUZZ_CHECK_SECONDS) -timeout=10 \
	        -rss_limit_mb=2048 check/$$t ../../t/fuzz/$$t \
	        > check-$$t.log 2>&1) || \
	        { tail -60 build/fuzz/check-$$t.log; exit 1; }; \
	done

CHECK_MORE += check-fuzz

.PHONY: fuzz fuzz-build fuzz-merge check-fuzz
