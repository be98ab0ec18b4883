/*
 * tsan-init.c - an empty shared library built with -fsanitize=thread, for
 * the TSan pass (mk/hardening.mk) only.
 *
 * Every run of that pass preloads the TSan runtime, so that an
 * uninstrumented program (sh, perl) can load the instrumented library.
 * Preloaded alone, the runtime starts itself lazily, in the first
 * intercepted call that goes through its C++ interceptors; its assembly
 * setjmp interceptors do not, and jump through a pointer still null:
 * dash calls setjmp before anything else and dies of SIGSEGV.  The
 * compiler gives this object a constructor that calls __tsan_init, so
 * preloaded after the runtime it starts the runtime before main.
 */
int wl_tsan_init_unused;
