/*
 * detect_vocab.c - the words of log messages and what each says.
 *
 * The scanner recognised the word (detect_scan.h, wl_scan_recognise): its
 * first letter picked a few candidates, each an integer comparison of
 * packed keys.  Here a keyword that is part of something else (an
 * identifier, a path, an option) is dropped; the others say what they
 * say, some only with the next word or two.
 *
 * The classes (struct wl_words in detect.h):
 *   problems    "failed", "cannot", "refused", "no such", "not found";
 *               weaker: "invalid", "unknown", "missing", "must", "bad"
 *   warnings    "warning", "deprecated", "slow", "insecure", "discarding"
 *   retries     "retrying", "will retry", "try again"
 *   recovery    "ignored", "skipping", "falling back", "-- using x"
 *   exits       "exiting", "shutting down", "cannot continue"
 *   crashes     "segmentation fault", "core dumped", "check failed"
 *   lifecycle   "starting", "ready", "listening", "reloaded"
 *   detail      start-up detail: "getrlimit", "parsed flag", "maximum
 *               number of", "compile time options:", "default value"
 *   success     "created", "removed", "saved", "successfully"
 *   absence     "no X found", "No X.", "There is no X"
 *   hint        "--explain E0308", "detailed explanations"
 */
#include "detect_scan.h"


void
wl_vocab_word(struct wl_scan *sc, size_t a, size_t b, uint64_t key,
    enum wl_kw k)
{
	struct wl_words *w = sc->w;
	size_t na, nb;

#define THEN(lit) WL_THEN(sc, b, lit)
#define NEXT(lit) WL_EQ(sc, na, nb, lit)
	if (k == KW_NONE)
		return;
	/* "--explain E0308": a pointer to documentation (an option, which
	 * is why it comes before the check for options) */
	if (k == KW_EXPLAIN) {
		if (a >= 2 && sc->s[a - 1] == '-' && sc->s[a - 2] == '-')
			wl_scan_bump(&w->hint);
		return;
	}
	/* resource limits shown: "getrlimit(RLIMIT_NOFILE): 20000:20000" */
	if (k == KW_RLIMIT) {
		wl_scan_bump(&w->detail);
		return;
	}
	/* "errno=111", "errno: 13" */
	if (k == KW_ERRNO) {
		size_t i = b < sc->n && (sc->s[b] == '=' || sc->s[b] == ':') ?
		    wl_skip_sp(sc->s, sc->n, b + 1) : sc->n;
		if (i < sc->n && wl_digit((unsigned char)sc->s[i]) &&
		    sc->s[i] != '0')
			wl_scan_bump(&w->err);
		return;
	}
	if (wl_scan_embedded(sc, a, b))
		return;
	switch (k) {
	case KW_ERR: wl_scan_err(sc, a, b, false); break;
	case KW_ERR_STRONG: wl_scan_err(sc, a, b, true); break;
	case KW_WARN: wl_scan_warn(sc, a, b, false); break;
	case KW_WARN_STRONG: wl_scan_warn(sc, a, b, true); break;
	case KW_RECOVER: wl_scan_bump(&w->recover); break;
	case KW_SUCCESS: wl_scan_bump(&w->success); break;
	case KW_LIFECYCLE: wl_scan_bump(&w->lifecycle); break;
	case KW_DETAIL: wl_scan_bump(&w->detail); break;
	case KW_CRASH: wl_scan_bump(&w->crash); break;
	case KW_RETRY: wl_scan_bump(&w->retry); break;
	case KW_INTEGRITY: sc->integrity = true; break;
	case KW_EXITS: wl_scan_bump(&w->exits); break;
	case KW_ABORTING:
		wl_scan_err(sc, a, b, true);
		wl_scan_bump(&w->exits);
		break;
	case KW_ALREADY:	/* "already in use", "already exists" */
		if (wl_scan_next(sc, b, &na, &nb) && NEXT("in") &&
		    WL_THEN(sc, nb, "use"))
			sc->in_use = true, wl_scan_bump(&w->err);
		else if (wl_scan_next(sc, b, &na, &nb) && NEXT("exists"))
			wl_scan_bump(&w->err);
		break;
	case KW_ASSERTION: sc->assertion = true; break;
	case KW_FULL_SOON:	/* "almost full", "nearly full" */
		if (THEN("full"))
			wl_scan_warn(sc, a, b, false);
		break;
	case KW_AVAILABLE:
	case KW_FOUND:
	case KW_NAMED: /* "no X available", "no X found", "No module named" */
		if (sc->no_pending) {
			wl_scan_bump(&w->absent);
			sc->no_pending = false;
		}
		break;
	case KW_BUG:	/* a program's own crash report */
		if (THEN("report"))
			wl_scan_bump(&w->crash);
		break;
	case KW_BIND: sc->listen = true; break;
	case KW_LISTEN:
		sc->listen = true;
		wl_scan_bump(&w->lifecycle);
		break;
	case KW_CANNOT:
		wl_scan_err(sc, a, b, true);
		if (THEN("continue"))
			wl_scan_bump(&w->exits);
		break;
	case KW_CAN:	/* "can't", "couldn't" */
		if (wl_scan_nt(sc, b))
			wl_scan_err(sc, a, b, true);
		break;
	case KW_COULD:	/* "could not", "could not start" */
		if (wl_scan_next(sc, b, &na, &nb) && NEXT("not")) {
			wl_scan_err(sc, a, b, true);
			if (WL_THEN(sc, nb, "start"))
				wl_scan_bump(&w->start_fail);
		}
		break;
	case KW_CLEARED:
		if (THEN("cache"))
			wl_scan_bump(&w->detail);
		break;
	case KW_CLOCK:
		if (THEN("source"))
			wl_scan_bump(&w->detail);
		break;
	case KW_MONOTONIC:
		if (THEN("clock"))
			wl_scan_bump(&w->detail);
		break;
	case KW_MEMORY:
		if (THEN("usage"))
			wl_scan_bump(&w->detail);
		break;
	case KW_MAXIMUM:	/* a limit shown */
		if (wl_scan_next(sc, b, &na, &nb) && NEXT("number") &&
		    WL_THEN(sc, nb, "of"))
			wl_scan_bump(&w->detail);
		break;
	case KW_CORE:
		if (THEN("dumped"))
			wl_scan_bump(&w->crash);
		break;
	case KW_CHECK:	/* glog's CHECK() */
		if (THEN("failed"))
			wl_scan_bump(&w->crash);
		break;
	case KW_CLIENT:	/* the client did it */
		if (wl_scan_next(sc, b, &na, &nb) && (NEXT("sent") ||
		    NEXT("intended") || NEXT("closed") || NEXT("prematurely")))
			wl_scan_bump(&w->client);
		break;
	case KW_CONNECTION:	/* one client's comings and goings */
		if (wl_scan_next(sc, b, &na, &nb) && (NEXT("received") ||
		    NEXT("authorized") || NEXT("accepted") ||
		    NEXT("established")))
			wl_scan_bump(&w->chatter);
		break;
	case KW_DISCARD: /* data thrown away: worth a warning at any level */
		wl_scan_bump(&w->recover);
		wl_scan_warn(sc, a, b, true);
		break;
	case KW_DEFAULT:	/* a configuration default shown */
		if (THEN("value"))
			wl_scan_bump(&w->detail);
		break;
	case KW_DOUBLE:
		if (THEN("free"))
			wl_scan_bump(&w->crash);
		break;
	case KW_DOES:	/* "does not exist", "did not match" */
		if (wl_scan_next(sc, b, &na, &nb) && NEXT("not"))
			wl_scan_after_not(sc, nb);
		break;
	case KW_DOESN:
	case KW_ISN:	/* "doesn't exist", "isn't installed" */
		if (wl_scan_nt(sc, b))
			wl_scan_after_not(sc, b + 2);
		break;
	case KW_EXITING:
		wl_scan_bump(&w->exits);
		wl_scan_bump(&w->lifecycle);
		break;
	case KW_EXPLANATION:	/* "detailed explanations": help */
		if (sc->prev_key == WL_K("detailed"))
			wl_scan_bump(&w->hint);
		break;
	case KW_FAIL:
		wl_scan_err(sc, a, b, true);
		if (sc->assertion && key == WL_K("failed"))
			wl_scan_bump(&w->crash);	/* assert() */
		if (wl_scan_next(sc, b, &na, &nb) && NEXT("to") &&
		    WL_THEN(sc, nb, "start") && !wl_scan_starts_other(sc, nb))
			wl_scan_bump(&w->start_fail);
		break;
	case KW_FALLING:
		if (THEN("back"))
			wl_scan_bump(&w->recover);
		break;
	case KW_FUTURE:	/* a time stamp "in the future" */
		if (sc->prev_key == WL_K("the"))
			wl_scan_warn(sc, a, b, false);
		break;
	case KW_IS:	/* "Is a directory" (EISDIR) */
		if (wl_scan_next(sc, b, &na, &nb) && NEXT("a") &&
		    WL_THEN(sc, nb, "directory"))
			wl_scan_bump(&w->err);
		break;
	case KW_LINE:	/* "line 1 column 9": where the input broke */
		if (wl_scan_position(sc, b))
			wl_scan_bump(&w->err);
		break;
	case KW_LOOP:
		if (THEN("detected"))
			wl_scan_warn(sc, a, b, false);
		break;
	case KW_MISMATCH:
		wl_scan_err(sc, a, b, sc->integrity);
		break;
	case KW_NEITHER:
	case KW_NOT:
		wl_scan_after_not(sc, b);
		break;
	case KW_NO:
		if (!wl_scan_next(sc, b, &na, &nb))
			break;
		if (NEXT("such") || NEXT("space")) {
			wl_scan_bump(&w->err), wl_scan_bump(&w->err_strong);
		} else if (NEXT("effect")) {
			wl_scan_bump(&w->warn);	/* "has no effect" */
		} else if (!NEXT("error") && !NEXT("errors") &&
		    !NEXT("problems") && !NEXT("warnings") &&
		    !NEXT("failures") && !NEXT("issues") && !NEXT("longer") &&
		    !NEXT("need")) {
			sc->no_pending = true;
			/* "No stash entries.", "There is no X": the message
			 * is about something that is not there */
			if (wl_skip_sp(sc->s, sc->n, 0) == a || sc->there_is)
				wl_scan_bump(&w->absent);
		}
		break;
	case KW_OPTIONS:	/* "compile time options: ..." */
		if (b < sc->n && sc->s[b] == ':')
			wl_scan_bump(&w->detail);
		break;
	case KW_OUT:	/* "out of memory", not "4 out of 5" */
		if (THEN("of") && !wl_scan_after(sc, a, true))
			wl_scan_err(sc, a, b, true);
		break;
	case KW_PARSED:
		if (wl_scan_next(sc, b, &na, &nb) && (NEXT("flag") ||
		    NEXT("option") || NEXT("config") || NEXT("configuration")))
			wl_scan_bump(&w->detail);
		break;
	case KW_RETRY_IN:	/* "retry in 5s", "will retry" */
		if (key == WL_K("will") ? THEN("retry") :
		    (wl_scan_next(sc, b, &na, &nb) && (NEXT("in") ||
		    NEXT("after"))))
			wl_scan_bump(&w->retry);
		break;
	case KW_RESET:	/* "connection reset by peer" */
		if (sc->prev_b != 0 &&
		    WL_EQ(sc, sc->prev_a, sc->prev_b, "connection"))
			wl_scan_err(sc, a, b, true);
		break;
	case KW_REFUSING:
		wl_scan_err(sc, a, b, false);
		if (wl_scan_next(sc, b, &na, &nb) && NEXT("to") &&
		    WL_THEN(sc, nb, "continue"))
			wl_scan_bump(&w->exits);
		break;
	case KW_SYNTAX:
		if (THEN("error"))
			wl_scan_bump(&w->syntax);
		break;
	case KW_SEGMENTATION:
		if (THEN("fault"))
			wl_scan_bump(&w->crash);
		break;
	case KW_STACK:
		if (THEN("smashing"))
			wl_scan_bump(&w->crash);
		break;
	case KW_SHUTTING:
		if (THEN("down")) {
			wl_scan_bump(&w->exits);
			wl_scan_bump(&w->lifecycle);
		}
		break;
	case KW_THERE:
		if (wl_skip_sp(sc->s, sc->n, 0) == a &&
		    wl_scan_next(sc, b, &na, &nb) &&
		    (NEXT("is") || NEXT("are")))
			sc->there_is = true;
		break;
	case KW_TIMED:
		if (THEN("out"))
			wl_scan_err(sc, a, b, false);
		break;
	case KW_TRY:
		if (THEN("again"))
			wl_scan_bump(&w->retry);
		break;
	case KW_TOO:	/* "too low", "too many": a limit was hit */
		if (!wl_scan_next(sc, b, &na, &nb))
			break;
		if (NEXT("low") || NEXT("large") || NEXT("long") ||
		    NEXT("many") || NEXT("small") || NEXT("big") ||
		    NEXT("short") || NEXT("old"))
			wl_scan_bump(&w->err);
		else if (NEXT("open") || NEXT("slow"))
			wl_scan_bump(&w->warn);
		break;
	case KW_USING:	/* "-- using x.out", ", using cached value" */
		if (wl_scan_after(sc, a, false) ||
		    (wl_scan_next(sc, b, &na, &nb) &&
		        (NEXT("default") || NEXT("cached") ||
		            NEXT("fallback"))))
			wl_scan_bump(&w->recover);
		break;
	default:
		break;
	}
#undef THEN
#undef NEXT
}
