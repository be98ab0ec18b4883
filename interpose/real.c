/*
 * real.c - resolve the real libc functions behind our hooks: all of them
 * at initialisation (wl_real_init), and lazily before that.
 *
 * Every pointer starts at a resolver, so a hook can call through it before
 * the constructor ran (another library's constructor may log first).  The
 * resolver runs at most a few times per symbol (two threads may race to
 * store the same value; the store is atomic).  dlsym can call malloc and,
 * on failure, stdio: it runs inside the caller's re-entry guard, so those
 * nested calls pass straight through.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "real.h"

void *
wl_real_lookup(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

#define lookup wl_real_lookup

/*
 * Each pointer has one NAME_bind, which looks the symbol up and stores
 * it (or a fallback), called by its lazy resolver and by wl_real_init.
 */
#define WL_REAL_DEF(ret, name, params, args, errval) \
	static ret name##_missing params \
	{ \
		errno = ENOSYS; \
		return errval; \
	} \
	static ret name##_resolve params; \
	ret (*wl_real_##name) params = name##_resolve; \
	static void name##_bind(void) \
	{ \
		void *wl_sym_ = lookup(#name); \
		__atomic_store_n(&wl_real_##name, \
		    wl_sym_ != NULL ? (ret (*) params)wl_sym_ : name##_missing, \
		    __ATOMIC_RELAXED); \
	} \
	static ret name##_resolve params \
	{ \
		name##_bind(); \
		return wl_real_##name args; \
	}

#define WL_REAL_VDEF(name, params, args) \
	static void name##_missing params {} \
	static void name##_resolve params; \
	void (*wl_real_##name) params = name##_resolve; \
	static void name##_bind(void) \
	{ \
		void *wl_sym_ = lookup(#name); \
		__atomic_store_n(&wl_real_##name, \
		    wl_sym_ != NULL ? (void (*) params)wl_sym_ : name##_missing, \
		    __ATOMIC_RELAXED); \
	} \
	static void name##_resolve params \
	{ \
		name##_bind(); \
		wl_real_##name args; \
	}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
WL_REAL_LIST(WL_REAL_DEF)
WL_REAL_VOID_LIST(WL_REAL_VDEF)
#pragma GCC diagnostic pop

/*
 * write(2) is the one function a missing symbol must not break: it falls
 * back to the raw syscall.
 */
static ssize_t
write_syscall(int fd, const void *b, size_t n)
{
	return syscall(SYS_write, fd, b, n);
}

static ssize_t write_resolve(int fd, const void *b, size_t n);
ssize_t (*wl_real_write)(int, const void *, size_t) = write_resolve;

static void
write_bind(void)
{
	void *p = lookup("write");
	__atomic_store_n(&wl_real_write,
	    p != NULL ? (ssize_t (*)(int, const void *, size_t))p :
	    write_syscall, __ATOMIC_RELAXED);
}

static ssize_t
write_resolve(int fd, const void *b, size_t n)
{
	write_bind();
	return wl_real_write(fd, b, n);
}

/*
 * The variadic ones take an optional third argument (the mode of open, the
 * argument of fcntl).  The resolvers pass it on as a plain word: on the
 * x86-64 and aarch64 calling conventions an unused trailing argument is
 * harmless, which is what the C library itself relies on.  A missing one
 * stays at its resolver, which fails with ENOSYS.
 */
#define WL_REAL_VARIADIC(name, fixed, fargs, argtype) \
	static int name##_resolve fixed; \
	int (*wl_real_##name) fixed = name##_resolve; \
	static void name##_bind(void) \
	{ \
		void *wl_sym_ = lookup(#name); \
		if (wl_sym_ != NULL) \
			__atomic_store_n(&wl_real_##name, \
			    (int (*) fixed)wl_sym_, __ATOMIC_RELAXED); \
	} \
	static int name##_resolve fixed \
	{ \
		va_list ap; \
		va_start(ap, flag); \
		argtype a = va_arg(ap, argtype); \
		va_end(ap); \
		name##_bind(); \
		if (__atomic_load_n(&wl_real_##name, __ATOMIC_RELAXED) == \
		    name##_resolve) { \
			errno = ENOSYS; \
			return -1; \
		} \
		return wl_real_##name fargs; \
	}

WL_REAL_VARIADIC(open, (const char *path, int flag, ...), (path, flag, a),
    unsigned)
WL_REAL_VARIADIC(open64, (const char *path, int flag, ...), (path, flag, a),
    unsigned)
WL_REAL_VARIADIC(openat, (int dirfd, const char *path, int flag, ...),
    (dirfd, path, flag, a), unsigned)
WL_REAL_VARIADIC(openat64, (int dirfd, const char *path, int flag, ...),
    (dirfd, path, flag, a), unsigned)
WL_REAL_VARIADIC(fcntl, (int fd, int flag, ...), (fd, flag, a), long)
WL_REAL_VARIADIC(fcntl64, (int fd, int flag, ...), (fd, flag, a), long)

/*
 * Resolve every pointer now, at initialisation: dlsym can call malloc and
 * free, which must not happen in a signal handler whose write is the
 * first the library makes.  Stored before the host's threads exist, the
 * pointers are then only read.
 */
#define WL_REAL_BIND(name) \
	if (__atomic_load_n(&wl_real_##name, __ATOMIC_RELAXED) == \
	    name##_resolve) \
		name##_bind();
#define WL_REAL_INIT(ret, name, params, args, errval) WL_REAL_BIND(name)
#define WL_REAL_VINIT(name, params, args) WL_REAL_BIND(name)

void
wl_real_init(void)
{
	int saved = errno;
	WL_REAL_LIST(WL_REAL_INIT)
	WL_REAL_VOID_LIST(WL_REAL_VINIT)
	WL_REAL_BIND(write)
	WL_REAL_BIND(open)
	WL_REAL_BIND(open64)
	WL_REAL_BIND(openat)
	WL_REAL_BIND(openat64)
	WL_REAL_BIND(fcntl)
	WL_REAL_BIND(fcntl64)
	errno = saved;
}
