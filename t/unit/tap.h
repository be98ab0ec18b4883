/*
 * tap.h - the TAP output every unit test shares: ok() prints one result
 * line (its description a printf format), tap_done() gives the exit
 * status.  Each test prints its own plan line first.
 */
#ifndef WL_T_TAP_H
#define WL_T_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_run, tap_failed;

static int ok(int cond, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), unused));

/* Print "ok N - DESCRIPTION" or "not ok ..."; returns COND. */
static int
ok(int cond, const char *fmt, ...)
{
	va_list ap;
	printf("%sok %d - ", cond ? "" : "not ", ++tap_run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);	/* before a fork child writes its own lines */
	tap_failed += !cond;
	return cond;
}

/* The exit status: 1 when a test failed or, PLAN above 0, when the
 * number run is not PLAN (which is then said). */
static __attribute__((unused)) int
tap_done(int plan)
{
	if (plan > 0 && tap_run != plan)
		printf("# planned %d tests, ran %d\n", plan, tap_run);
	return tap_failed != 0 || (plan > 0 && tap_run != plan);
}

#endif
