/*
 * guard.c - storage for the per-thread state the hot path reads.
 */
#include "guard.h"
#include "tid.h"

WL_TLS int wl_guard_depth;
WL_TLS pid_t wl_tid_cache;
WL_TLS void *wl_caller;
