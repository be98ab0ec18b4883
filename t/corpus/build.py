#!/usr/bin/env python3
"""build.py [RAWDIR] -- turn the raw captures of collect.sh into lines.tsv and
multiline.tsv, using the hand-written labels below.

Every label here was decided by reading the captured output (see README.md for
the conventions).  Rules are (regex, level[, options]); the first rule whose
regex matches (re.search) the record text wins.  A record that no rule matches
stops the build, so every line that ends up in the corpus was looked at.

Special levels:  SKIP  - leave the record out (duplicates, our own prints,
                         interleaving artefacts, too many of one kind)
                 SKIPB - leave out this record and its PREV continuation lines
                 PREV  - continuation line: same level as the record before
                 NEXT  - header line: same level as the record after
Options: max=N   - keep at most N records matched by this rule
         prog=X  - program column for this record
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = sys.argv[1] if len(sys.argv) > 1 else "/tmp/wlc/raw"

T, D, I, N, W, E, F = "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "FATAL"
SKIP, PREV, NEXT, SKIPB = "SKIP", "PREV", "NEXT", "SKIPB"
LEVELS = [T, D, I, N, W, E, F]
PRIO = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"]


class Sec:
    def __init__(self, name, rules, prog=None, mode="lines", split=None,
                 groups=(), blank_splits=False, prog_re=None, cmd=None):
        self.name, self.rules, self.prog, self.mode = name, rules, prog, mode
        self.split = re.compile(split) if split else None
        self.groups = [(re.compile(a), re.compile(b)) for a, b in groups]
        self.blank_splits = blank_splits
        self.prog_re = [re.compile(p) for p in (prog_re or [])]
        self.cmd = cmd


def R(rx, level, **kw):
    return (re.compile(rx, re.S), level, kw)


# ---------------------------------------------------------------- shared rule sets
TRY = [R(r"^Try '.*--help'", I), R(r"^Valid arguments are:", I), R(r"^  - ", I, max=2)]

GCC = [
    R(r"^/usr/bin/ld: .*in function", E, prog="ld"),
    R(r"undefined reference to", E, prog="ld"),
    R(r"^collect2: error:", E, prog="collect2"),
    R(r": In (member )?function ", NEXT),
    R(r": At top level:", NEXT),
    R(r"^In file included from", NEXT),
    R(r"^\s+from \S+:\d+[:,]$", NEXT),
    R(r": fatal error: ", E),
    R(r": error: ", E),
    R(r": warning: ", W),
    R(r": note: ", I),
    R(r"^\s*\d* \| ", PREV),
    R(r"^compilation terminated\.", E),
    R(r"^cc1: all warnings being treated as errors", E),
]

VALGRIND = [
    R(r"^==\d+== $", SKIP),
    R(r"Memcheck, a memory error detector", I),
    R(r"== Copyright \(C\)", I),
    R(r"== Using Valgrind-", I),
    R(r"== Command: ", I),
    R(r"Conditional jump or move depends on uninitialised", E),
    R(r"^==\d+==    (at|by) 0x", PREV),
    R(r"HEAP SUMMARY:", I),
    R(r"in use at exit:", I),
    R(r"total heap usage:", I),
    R(r"are definitely lost in loss record", E),
    R(r"LEAK SUMMARY:", I),
    R(r"definitely lost: [1-9]", E),
    R(r"(lost|reachable|suppressed): 0 bytes in 0 blocks", I),
    R(r"Use --track-origins=yes", I),
    R(r"For lists of detected and suppressed errors", I),
    R(r"ERROR SUMMARY: 0 errors", I),
    R(r"ERROR SUMMARY: [1-9]", E),
    R(r"All heap blocks were freed -- no leaks are possible", I),
]

NGINX = [
    R(r"\[warn\] .*duplicate extension", W, max=1),
    R(r"\[warn\] .*conflicting server name", W, max=1),
    R(r"using the \"epoll\" event method", I, max=1),
    R(r"\[notice\] \d+#\d+: nginx/1", I),
    R(r"\[notice\] \d+#\d+: OS: ", SKIP),
    R(r"getrlimit\(RLIMIT_NOFILE\)", D),
    R(r"start worker processes", I, max=1),
    R(r"start worker process \d+", I, max=1),
    R(r"closed keepalive connection", D, max=1),
    R(r"\[error\] .*open\(\) .*favicon.ico\" failed \(2: No such file", W),
    R(r"\[error\] .*connect\(\) failed \(111: Connection refused\) while connecting to upstream", E),
    R(r"client intended to send too large body", W),
    R(r"client sent HTTP/1.1 request without \"Host\" header", W),
    R(r"client closed connection while waiting for request", D),
    R(r"signal 1 \(SIGHUP\) received from \d+, reconfiguring", I),
    R(r"\[notice\] \d+#\d+: reconfiguring", SKIP),
    R(r"gracefully shutting down", I, max=1),
    R(r"\[notice\] \d+#\d+: exiting$", I, max=1),
    R(r"\[notice\] \d+#\d+: exit$", I, max=1),
    R(r"signal 17 \(SIGCHLD\) received", D, max=1),
    R(r"worker process \d+ exited with code 0", I, max=1),
    R(r"signal 29 \(SIGIO\) received", D),
    R(r"signal 3 \(SIGQUIT\) received from \d+, shutting down", I),
    R(r"\[notice\] \d+#\d+: signal process started", I),
]

PG = [
    R(r"LOG:  ending log output to stderr", I),
    R(r"HINT:  Future log output will go to", I),
    R(r"LOG:  starting PostgreSQL", I),
    R(r"LOG:  listening on Unix socket", I),
    R(r"LOG:  database system was shut down at", I),
    R(r"LOG:  database system is ready to accept connections", I),
    R(r"LOG:  connection received:", D, max=1),
    R(r"LOG:  connection authorized:", D, max=1),
    R(r"FATAL:  (role|database) \".*\" does not exist", E),
    R(r"ERROR:  ", E),
    R(r"STATEMENT:  ", PREV),
    R(r"WARNING:  table t has no primary key", W),
    R(r"CONTEXT:  PL/pgSQL", PREV),
    R(r"LOG:  checkpoint starting: immediate force wait", I),
    R(r"LOG:  checkpoint starting: shutdown immediate", I),
    R(r"LOG:  checkpoint complete: wrote [1-9]", I),
    R(r"LOG:  checkpoint complete: wrote 0", SKIP),
    R(r"LOG:  received fast shutdown request", I),
    R(r"LOG:  aborting any active transactions", I),
    R(r"background worker \"logical replication launcher\" .* exited with exit code 1", I),
    R(r"LOG:  shutting down", I),
    R(r"LOG:  database system is shut down", I),
]

REDIS = [
    R(r"Redis is starting", I),
    R(r"Redis version=", I),
    R(r"Configuration loaded", I),
    R(r"monotonic clock", D),
    R(r"Running mode=standalone", I),
    R(r"Server initialized", I),
    R(r"WARNING Memory overcommit must be enabled", W),
    R(r"Loading RDB produced by version", I),
    R(r"RDB age \d+ seconds", D),
    R(r"RDB memory usage when created", D),
    R(r"Done loading RDB", I),
    R(r"DB loaded from disk", I),
    R(r"Ready to accept connections", I),
    R(r" - Accepted 127", D, max=1),
    R(r" - Client closed connection", D, max=1),
    R(r" - DB 0: \d+ keys", D, max=1),
    R(r"Background saving started by pid", I),
    R(r"Fork CoW for RDB", D, max=1),
    R(r"DB saved on disk", I),
    R(r"Background saving terminated with success", I),
    R(r"User requested shutdown", I),
    R(r"Redis is now ready to exit, bye bye", I),
]

PY_LOG = [
    R(r"DEBUG", D), R(r"INFO", I),
    R(r"WARNING", W), R(r"ERROR", E),
]

# ---------------------------------------------------------------- stderr sections
SECTIONS = [
    # ---- coreutils
    Sec("ls", [R(r"cannot access", E), R(r"invalid argument .* for", E),
               R(r"invalid option", E)] + TRY),
    Sec("ls_perm", [R(r"Permission denied", E)]),
    Sec("cp", [R(r"cannot stat", E), R(r"-r not specified; omitting directory", E),
               R(r"are the same file", E), R(r"cannot create regular file", E),
               R(r"missing file operand", E)] + TRY),
    Sec("mv", [R(r"^mv: cannot", E)]),
    Sec("rm", [R(r"^rm: cannot remove", E), R(r"^rm: remove regular empty file .*\? $", I)]),
    Sec("cat", [R(r"^cat: ", E)] + TRY),
    Sec("mkdir", [R(r"^mkdir: cannot create directory", E)]),
    Sec("chmod", [R(r"^chmod: ", E)] + TRY),
    Sec("ln", [R(r"^ln: ", E)]),
    Sec("head", [R(r"^head: ", E)]),
    Sec("sort", [R(r"^sort: ", E)]),
    Sec("dd", [R(r"^\d+\+\d+ records (in|out)$", I), R(r"bytes.* copied, ", I),
               R(r"^dd: ", E)]),
    Sec("touch", [R(r"^touch: ", E)]),
    Sec("rmdir", [R(r"^rmdir: failed to remove", E)]),
    Sec("chown", [R(r"^chown: invalid", E)]),
    Sec("tail", [R(r"cannot open 'grow.log' for reading", W),   # -F: keeps retrying
                 R(r"has appeared;  following new file", I),
                 R(r"file truncated", N),
                 R(r"has become inaccessible", W),
                 R(r"invalid number of lines", E)]),
    Sec("md5sum", [R(r"WARNING: \d+ lines? (is|are) improperly formatted", W),
                   R(r"WARNING: \d+ computed checksums? did NOT match", E),
                   R(r"No such file or directory", E)]),
    Sec("sha256sum", [R(r"No such file or directory", E),
                      R(r"WARNING: \d+ listed files? could not be read", E)]),
    Sec("date", [R(r"^date: invalid", E)] + TRY),
    Sec("env", [R(r"^env: ", E)] + TRY),
    Sec("misc_cu", [R(r"^shred: .*: removing$", I), R(r"^shred: .*: renamed to", D, max=2),
                    R(r"^shred: .*: removed$", I),
                    R(r"^bash: line 1: kill: ", E, prog="bash"),
                    R(r"^Try '(tr|cut|sleep)", I), R(r"^Try '", SKIP),
                    R(r"^\w+: ", E)],
        prog_re=[r"^(\w+): ", r"^Try '(\w+) --help'"]),
    # ---- text tools
    Sec("grep", [R(r"No such file or directory", E), R(r"Invalid regular expression", E),
                 R(r"missing closing parenthesis", E), R(r"binary file matches", I),
                 R(r"warning: stray", W), R(r"^egrep: warning", W, prog="egrep"),
                 R(r"Permission denied", E), R(r"invalid argument", E)] + TRY),
    Sec("grep_perm", [R(r"Permission denied", E)]),
    Sec("sed", [R(r"^sed: -e expression", E), R(r"^sed: can't read", E),
                R(r"^sed: couldn't open", E), R(r"^Usage: sed", I),
                R(r"^  -n, --quiet", I), R(r"suppress automatic printing", I),
                R(r"^  -i\[SUFFIX\]", I), R(r"edit files in place", I),
                R(r"^  -E, -r, --regexp-extended", I), R(r"^If no -e, --expression", I),
                R(r"^GNU sed home page", I), R(r".", SKIP)]),
    Sec("gawk", [R(r"^gawk: cmd\. line:1: \{print \$1$", E),
                 R(r"\^ unexpected newline or end of string", E),
                 R(r"error: division by zero attempted", E),
                 R(r"warning: ", W),
                 R(r"fatal: ", E),
                 R(r"^\t`%d %d$", PREV), R(r"^'$", PREV), R(r"\^ ran out for this one", PREV)]),
    Sec("mawk", [R(r"missing \} near end of file", E), R(r"cannot open nofile.awk", E),
                 R(r"vacuous option", W)]),
    # ---- archives
    Sec("tar", [R(r"Cannot open: No such file", E), R(r"Error is not recoverable: exiting now", E),
                R(r"Removing leading `/' from member names", N),
                R(r"This does not look like a tar archive", E),
                R(r"Exiting with failure status due to previous errors", E),
                R(r"Cannot stat", E), R(r"time stamp .* in the future", W),
                R(r"Not found in archive", E), R(r"unrecognized option", E),
                R(r"^Try 'tar --help'", I)]),
    Sec("gzip", [R(r"-- replaced with", I), R(r"No such file or directory", E),
                 R(r"already has \.gz suffix -- unchanged", W), R(r"not in gzip format", E),
                 R(r"unexpected end of file", E), R(r"unknown suffix -- ignored", W),
                 R(r"other links? -- file ignored", W)]),
    Sec("xz", [R(r"File format not recognized", E), R(r"^x1\.txt", I),
               R(r"No such file or directory", E),
               R(r"Memory usage limit is too low", E), R(r"MiB of memory is required", PREV)]),
    Sec("bzip2", [R(r"Can't guess original name", W), R(r"is not a bzip2 file", E),
                  R(r"Can't open input file", E), R(r"bits/byte", I)]),
    # ---- find / diff / misc
    Sec("find", [R(r"No such file or directory", E), R(r"paths must precede expression", E),
                 R(r"possible unquoted pattern after predicate", I),
                 R(r"File system loop detected", W), R(r"warning: you have specified", W),
                 R(r"invalid mode", E)]),
    Sec("find_perm", [R(r"Permission denied", E)]),
    Sec("diff", [R(r"No such file or directory", E), R(r"unrecognized option", E),
                 R(r"Try 'diff --help'", I)]),
    Sec("ip", [R(r"does not exist\.$", E), R(r"^Error: ", E), R(r"is unknown, try \"ip help\"", E)]),
    Sec("sqlite3", [R(r"^Error: ", E), R(r"^  selec 1$", PREV), R(r"\^--- error here", PREV)]),
    Sec("make_help", [R(r"^make: unrecognized option '--frob'", E), R(r"^Usage: make \[options\]", I),
                      R(r"^  -d  +Print lots of debugging information", I),
                      R(r"^  -i, --ignore-errors", I), R(r"^  -k, --keep-going", I),
                      R(r"^  --warn-undefined-variables", I), R(r".", SKIP)]),
    Sec("nginx_help", [R(r"^nginx version: nginx/", I), R(r"^Usage: nginx ", I),
                       R(r"^  -t  +: test configuration and exit", I),
                       R(r"^  -q  +: suppress non-error messages", I),
                       R(r"^  -e filename  +: set error log file", I), R(r".", SKIP)]),
    Sec("make", [R(r"\] Error \d+ \(ignored\)", W), R(r"\*\*\* \[.*\] Error \d+", E),
                 R(r"No rule to make target", E), R(r"missing separator", E),
                 R(r"warning: (overriding|ignoring old) recipe", W),
                 R(r"^Makefile\.fn:1: building with CC=", I),
                 R(r"TARGET is not set", E), R(r"No such file or directory", E)]),
    # ---- compilers
    Sec("gcc_err", [R(r"returning 'char \*' from a function", SKIPB)] + GCC),
    Sec("gcc_warn", [R(r"may be used uninitialized", W, max=1),
                     R(r"format ‘%s’ expects|suggest parentheses|unused variable ‘unused’|‘unused_helper’ defined", SKIPB),
                     R(r": At top level:", SKIP)] + GCC),
    Sec("gcc_misc", [R(r"^warn\.c:\d+:\d+: error: .*(format|parentheses|unused|#warning)", SKIP)] + GCC
        + [R(r"^gcc: warning: ", W)]),
    Sec("gcc_link", GCC),
    Sec("gxx", [R(r"^In file included from /usr/include/c\+\+/12/map:61", SKIP), R(r"^\s+from tmpl.cc:4:", SKIP),
                R(r"stl_map\.h:5\d\d:\d+: note: ", SKIPB),
                R(r"note:   (template argument deduction|deduced conflicting)", SKIPB)] + GCC, prog="g++"),
    Sec("gxx_warn", GCC, prog="g++"),
    # ---- C runtime
    Sec("assert", [R(r"Assertion .* failed\.", F)], prog="glibc"),
    Sec("doublefree", [R(r"double free detected", F)], prog="glibc"),
    Sec("smash", [R(r"stack smashing detected", F)], prog="glibc"),
    Sec("asan", [R(r"AddressSanitizer: heap-buffer-overflow", F)], mode="whole", prog="asan"),
    Sec("ubsan", [R(r"runtime error: ", E)], prog="ubsan"),
    Sec("segv_bash", [R(r"Segmentation fault", F)], prog="bash"),
    Sec("valgrind_leak", VALGRIND),
    Sec("valgrind_clean", [R(r"Memcheck, a memory|Copyright|Using Valgrind|Command:", SKIP)] + VALGRIND),
    Sec("glog_demo", [R(r"^I.*Starting shard server", I), R(r"^I.*shard 0 opened", D),
                      R(r"^I.*index has 1024 entries", D), R(r"^W", W), R(r"^E", E),
                      R(r"^I.*error_count=0", I), R(r"^F.*Check failed", F)],
        split=r"^[IWEF]\d{8} ", prog="glog"),
    Sec("glog_fatal", [R(r"^I.*loading model weights", I), R(r"^F.*Weights file truncated", F)],
        split=r"^[IWEF]\d{8} ", prog="glog"),
    # ---- git
    Sec("git_norepo", [R(r"fatal: not a git repository", E)]),

    Sec("git_init", [R(r"^hint: $", SKIP), R(r"^hint: (of your new|Names commonly|'development')", SKIP),
                     R(r"^hint: ", I), R(r"^Cloning into", I),
                     R(r"You appear to have cloned an empty repository", W), R(r"^done\.$", I)]),
    Sec("git_ident", [R(r"^Author identity unknown", E)],
        groups=[(r"^Author identity unknown", r"^fatal: unable to auto-detect email")]),
    Sec("git_errors", [R(r"^error: pathspec .* did not match", E),
                       R(r"^fatal: ambiguous argument 'nosuchrev'", E),
                       R(r"^fatal: ambiguous argument", SKIP),
                       R(r"^Use '--' to separate paths", I, max=1),
                       R(r"^'git <command> \[<revision>", SKIP),
                       R(r"^error: Cannot delete branch 'master'", E),
                       R(r"^fatal: No configured push destination", E),
                       R(r"^Either specify the URL", I), R(r"^    git remote add", I),
                       R(r"^and then push using", SKIP), R(r"^    git push <name>", SKIP),
                       R(r"^There is no tracking information for the current branch", E),
                       R(r"^Please specify which branch you want to merge with", SKIP),
                       R(r"^See git-pull\(1\)", SKIP), R(r"^    git pull <remote>", SKIP),
                       R(r"^If you wish to set tracking information", SKIP),
                       R(r"^    git branch --set-upstream-to", I),
                       R(r"^error: remote origin already exists", E),
                       R(r"^fatal: pathspec 'nosuchfile'", SKIP),
                       R(r"^No stash entries found", E),
                       R(r"is not a git command", E),
                       R(r"^warning: in the working copy of", W),
                       R(r"not something we can merge", E)]),
    Sec("git_push", [R(r"^To \.\./bare\.git", I), R(r"^ \* \[new branch\]", I),
                     R(r"^Everything up-to-date", I), R(r"^Switched to (a new )?branch", I, max=2),
                     R(r"^Note: switching to", N),
                     R(r"^You are in 'detached HEAD' state", I),
                     R(r"^Turn off this advice", I), R(r"^HEAD is now at", I),
                     R(r"^error: The branch 'topic' is not fully merged", E),
                     R(r"^If you are sure you want to delete it", I),
                     R(r"^Cloning into|^done\.$", SKIP),
                     R(r"does not appear to be a git repository", E),
                     R(r"^fatal: Could not read from remote repository", E),
                     R(r"^Please make sure you have the correct access rights", I),
                     R(r"^and the repository exists", I),
                     R(r".", SKIP)]),
    Sec("git_gc", [R(r"^fatal: ambiguous argument", SKIP), R(r"^Use '--'|^'git <command>", SKIP),
                   R(r"^error: No valid patches in input", E),
                   R(r"^Committer identity unknown", E),
                   R(r"^error: tag 'nosuchtag' not found", E)],
        groups=[(r"^Committer identity unknown", r"^fatal: unable to auto-detect email")]),
    # ---- apt / dpkg
    Sec("apt_get", [R(r"^E: ", E)]),
    Sec("apt_get_nobody", [R(r"^E: ", E)]),
    Sec("apt", [R(r"^WARNING: apt does not have a stable CLI interface", W), R(r"^E: ", E)], prog="apt"),
    Sec("apt_update_bad", [R(r"^W: ", W)]),
    Sec("apt_download", [R(r"^W: Download is performed unsandboxed", W)]),
    Sec("dpkg", [R(r"^dpkg: error: ", E), R(r"^dpkg-query: .*not installed", E, prog="dpkg-query"),
                 R(r"^dpkg-query: no packages found", E, prog="dpkg-query"),
                 R(r"^Use dpkg --(contents|info)", I),
                 R(r"^dpkg: warning: ignoring request to remove", W),
                 R(r"^dpkg: warning: version 'x' has bad syntax", W),
                 R(r"^Type dpkg --help", I), R(r"^Options marked \[\*\]", I),
                 R(r"^(Use 'apt'|Type dpkg)", SKIP)]),
    Sec("apt_reinstall", [R(r"^debconf: delaying package configuration", I)], prog="debconf"),
    # ---- nginx / curl / wget
    Sec("nginx_t", [R(r"open\(\) \"/nonexistent.conf\"|/nonexistent.conf test failed", SKIP), R(r"\[emerg\] ", E), R(r"test failed$", E), R(r"\[warn\] ", SKIP),
                    R(r"syntax is ok$", I), R(r"test is successful$", I)]),
    Sec("nginx_run", NGINX),
    Sec("nginx_bind", [R(r"\[warn\] ", SKIP),
                       R(r"bind\(\) to .* failed \(98: Address already in use\)", W, max=1),
                       R(r"try again to bind\(\) after 500ms", I, max=1),
                       R(r"still could not bind\(\)", F)]),
    Sec("curl", [R(r"^curl: \(\d+\) ", E), R(r"^\*   Trying", D), R(r"^\* Connected to", D),
                 R(r"^[<>] $", SKIP), R(r"^> ", D, max=3), R(r"^< HTTP/1.1 200 OK", D),
                 R(r"^< ", D, max=3), R(r"^\{ \[\d+ bytes data\]", D),
                 R(r"^\* Connection #0 to host .* left intact", D),
                 R(r"^Warning: Problem : connection refused\. Will retry", W),
                 R(r"^curl: option .* is unknown", E), R(r"^curl: try 'curl --help'", I)]),
    Sec("wget", [R(r"^--\d{4}-\d\d-\d\d ", I, max=1), R(r"^Connecting to .*connected\.$", I, max=1),
                 R(r"awaiting response\.\.\. 200 OK", I), R(r"awaiting response\.\.\. 404", SKIP),
                 R(r"^Length: ", I), R(r"^Saving to: ", I), R(r"^\s+0K ", I), R(r"saved \[\d+/\d+\]", I),
                 R(r"ERROR 404: Not Found\.", E), R(r"failed: Connection refused\.", E),
                 R(r"Unsupported scheme", E)]),
    # ---- python
    Sec("py_basic", [R(r"^CRITICAL:.*shutting down", F)] + PY_LOG),
    Sec("py_fmt", [R(r" - CRITICAL - ledger file corrupt, refusing to continue", F),
                   R(r" - ERROR - lookup failed while reconciling\nTraceback", E),
                   R(r" - WARNING - certificate .* expires in 9 days", W)] + PY_LOG,
        split=r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - "),
    Sec("py_json", [R(r"\"CRITICAL\".*config missing, exiting", F)] + PY_LOG),
    Sec("py_json2", PY_LOG),
    Sec("py_warn", [R(r"ResourceWarning: Enable tracemalloc", I),
                    R(r"(Deprecation|User|Resource)Warning: ", W), R(r"^  ", PREV)]),
    Sec("py_cli", [R(r"can't open file", E), R(r"^Expecting property name", E),
                   R(r"No module named nosuchmodule", E), R(r"^fatal: config directory", E)]),
    Sec("py_tb", [R(r"^Traceback .*FileNotFoundError", F)], mode="whole"),
    Sec("py_chained", [R(r"direct cause of the following exception", F)], mode="whole"),
    Sec("py_context", [R(r"During handling of the above exception", F)], mode="whole"),
    Sec("py_recursion", [R(r"RecursionError", F)], mode="whole"),
    Sec("py_syntax", [R(r"SyntaxError: invalid syntax", E)], mode="whole"),
    Sec("py_thread", [R(r"^Exception in thread fetcher:", E), R(r"^main: ", SKIP)],
        groups=[(r"^Exception in thread", r"^ConnectionResetError")]),
    Sec("py_exc_logged", [R(r"^ERROR:stats:could not compute mean\nTraceback", E)], mode="whole"),
    Sec("py_import", [R(r"ModuleNotFoundError", F)], mode="whole"),
    Sec("py_kbd", [R(r"KeyboardInterrupt$", N)], mode="whole"),
    Sec("pip", [R(r"^WARNING: Retrying", W), R(r"^ERROR: ", E)]),
    # ---- perl / shells / tcl
    Sec("perl", [R(r"^disk almost full$", W), R(r"^Use of uninitialized value", W),
                 R(r"^syntax error at -e", E), R(r"^Execution of -e aborted due to compilation errors", E, max=1),
                 R(r"^Scalar value @a\[0\] better written", W),
                 R(r"^Cannot open /etc/withlog.conf", F), R(r"^Died at -e line 1", F),
                 R(r"^Can't locate NoSuch/Module.pm", E), R(r"^BEGIN failed--compilation aborted", E),
                 R(r"^Global symbol", E), R(r"isn't numeric in addition", W), R(r"^4$", SKIP),
                 R(r"^deprecated option --old used", W)]),
    Sec("perl_carp", [R(r"schema version mismatch", F)], mode="whole"),
    Sec("bash", [R(r"command not found", E), R(r"syntax error", E), R(r"^bash: -c: line 1: `echo \)'", E),
                 R(r"unexpected EOF while looking for matching", E), R(r"^bash: line 1: ", E)]),
    Sec("bash_x", [R(r"^\+ ", T)]),
    Sec("dash", [R(r"^\+ ", T), R(r"^dash: 1: ", E)]),
    Sec("tclsh", [R(r"^backend unreachable\n    while executing", F),
                  R(r"^couldn't open \"/nonexistent/config.tcl\"", F)],
        split=r"^(?![\s\"])"),
    # ---- crypto / ssh
    Sec("ssh_keygen", [R(r"^@@@@", W), R(r"^ssh-keygen: /nonexistent", E),
                       R(r"^Load key .*: bad permissions", E), R(r"^Invalid RSA key length", E),
                       R(r"^Cannot stat /nonexistent", E), R(r"^unknown key type", E)],
        groups=[(r"^@@@@", r"^This private key will be ignored\.")]),
    Sec("openssl", [R(r"^Could not read certificate", E), R(r"^Unable to load certificate", E),
                    R(r"^[.+*]{20,}", I, max=1), R(r"^-----$", SKIP),
                    R(r"^[0-9A-F]{16}:error:", E, max=3), R(r"^connect:errno=111", E),
                    R(r"^Invalid command 'frob'", E), R(r"^Could not open file or uri", E),
                    R(r"^CN = ", NEXT), R(r"^error 18 at 0 depth lookup", E),
                    R(r"verification failed", E)]),
    Sec("gpg", [R(r"WARNING: unsafe permissions on homedir", W), R(r"keybox .* created", I),
                R(r"trustdb created", I), R(r"no valid OpenPGP data found", E),
                R(r"Total number processed: 0", I), R(r"can't open 'nofile.sig'", E),
                R(r"verify signatures failed", E), R(r"AES256.CFB encrypted data", I),
                R(r"encrypted with 1 passphrase", I), R(r"decryption failed: Bad session key", E),
                R(r"invalid option \"--frob\"", E),
                R(r"symmetric encryption of 'a.txt' failed: File exists", E)]),
    Sec("sshd_t", [R(r"Missing privilege separation directory", E)]),
    Sec("sshd_t2", [R(r"^@@@@", SKIP), R(r"Bad configuration option", E), R(r"unsupported option", E),
                    R(r"Unable to load host key", E), R(r"^/nonexistent: No such file", E),
                    R(r"no hostkeys available -- exiting", E)],
        groups=[(r"^@@@@", r"^This private key will be ignored\.")]),
    Sec("sshd_start", [R(r"Unable to load host key: /nonexistent_key", E),
                       R(r"no hostkeys available -- exiting", F),
                       R(r"Bad configuration option", E),
                       R(r"unsupported option", E), R(r"terminating, \d+ bad configuration options", F)]),
    Sec("ssh", [R(r"^Warning: Permanently added", N), R(r"Permission denied \(publickey", E),
                R(r"Connection refused", E), R(r"Bad configuration option", E),
                R(r"^cat: -: Connection reset by peer", E, prog="cat")]),
    Sec("ssh_changed", [R(r"REMOTE HOST IDENTIFICATION HAS CHANGED", E)], mode="whole"),
    # ---- syslog-ish tools run for their stderr
    Sec("logger_err", [R(r"^logger: ", E)]),
    Sec("sudo", [R(r"^sudo: ", E)]),
    Sec("su", [R(r"^su: ", E)]),
    Sec("useradd", [R(r"^\w+: ", E)], prog_re=[r"^(\w+): "]),
    Sec("crontab", [R(r"^no crontab for nobody", E), R(r"user `nosuchuser' unknown", E),
                    R(r"^/nonexistent: No such file", E), R(r"bad minute", E),
                    R(r"errors in crontab file, can't install", E)]),
    Sec("dnsmasq_busy", [R(r"failed to create listening socket", F)]),
    Sec("dnsmasq_stderr", [R(r"bad command line options", E), R(r"started, version", I),
                           R(r"compile time options", D), R(r"warning: no upstream servers configured", W),
                           R(r"read /etc/hosts", I), R(r"query\[", D, max=1), R(r"config test.local is", D),
                           R(r"config error is REFUSED", D), R(r"exiting on receipt of SIGTERM", I)]),
    Sec("dig", [R(r"^Invalid option: \+frob", E), R(r"^Usage:  dig", I),
                R(r"^Use \"dig -h\"", I), R(r".", SKIP)]),
    Sec("rsyslogd", [R(r"config validation run \(level 1\), master config /etc/rsyslog.conf", I),
                     R(r"config validation run", SKIP),
                     R(r"End of config validation run\. Bye\.", I),
                     R(r"error during parsing file", E), R(r"invalid or yet-unknown config file command", E),
                     R(r"could not open config file", E), R(r"run failed with error", E)]),
    Sec("systemd_prefixed", [R(r"^<27>.*Neither a valid executable name", E, prog="systemd-analyze"),
                             R(r"^<29>.*Unit configuration has fatal error", E, prog="systemd-analyze"),
                             R(r"^<27>Unit bad.service has a bad unit file setting", E, prog="systemd-analyze"),
                             R(r"^<31>Looking for configuration files", D, prog="systemd-tmpfiles"),
                             R(r"^<31>\t", SKIP),
                             R(r"^<31>SELinux enabled state cached", D, prog="systemd-tmpfiles"),
                             R(r"^<2[78]>.*bad-tmpfiles.conf:\d+: ", W, prog="systemd-tmpfiles"),
                             R(r"^<31>", D, max=3, prog="systemd-tmpfiles"),
                             R(r"^<27>.*sysusers.conf:\d+: ", E, prog="systemd-sysusers")]),
    Sec("systemd_plain", [R(r"Neither a valid executable name", E), R(r"Unit configuration has fatal error", E),
                          R(r"has a bad unit file setting", SKIP),
                          R(r"bad-tmpfiles.conf:\d+: ", W, prog="systemd-tmpfiles"),
                          R(r"System has not been booted with systemd", E, prog="systemctl"),
                          R(r"Failed to connect to bus: Host is down", E, prog="systemctl")]),
    # ---- postgres / redis / etcd / node_exporter
    Sec("initdb", [R(r"initdb: warning: enabling \"trust\" authentication", W), R(r"initdb: hint: ", I)]),
    Sec("postgres_perm", [R(r"FATAL:  data directory .* has invalid permissions", F),
                          R(r"DETAIL:  Permissions should be", PREV)]),
    Sec("postgres", PG),
    Sec("psql", [R(r"^psql: error: .*FATAL:  role", E), R(r"^psql: error: .*FATAL:  database", E),
                 R(r"^psql: error: .*port 9 failed: Connection refused", E),
                 R(r"^\tIs the server running on that host", PREV),
                 R(r"^ERROR:  ", E), R(r"^LINE 1: ", PREV), R(r"^\s+\^$", PREV),
                 R(r"^NOTICE:  ", N), R(r"^WARNING:  ", W)]),
    Sec("redis", REDIS),
    Sec("redis_crash", [R(r"=== REDIS BUG REPORT START", F), R(r"# Redis [\d.]+ crashed by signal", F),
                        R(r"# Crashed running the instruction at", F),
                        R(r"=== REDIS BUG REPORT END\. Make sure to include from START to END\. ===", F),
                        R(r".", SKIP)]),
    Sec("redis_cli", [R(r"^Could not connect to Redis at", E)]),
    Sec("redis_bad", [R(r"FATAL CONFIG FILE ERROR", F)],
        groups=[(r"\*\*\* FATAL CONFIG FILE ERROR", r"^(Bad directive|Fatal error, can't open config file)")]),
    Sec("etcd", [R(r"^\[WARNING\] Deprecated '--logger=capnslog' flag", W),
                 R(r" I \| etcdmain: etcd Version:", I), R(r" I \| etcdmain: (Git SHA|Go Version|Go OS)", SKIP),
                 R(r" I \| etcdmain: setting maximum number of CPUs", D),
                 R(r" I \| embed: (name|data dir|member dir) = ", D, max=2),
                 R(r" I \| embed: (heartbeat|election|snapshot count|advertise client URLs)", SKIP),
                 R(r" I \| etcdserver: starting member", I),
                 R(r"^raft.* INFO: .*switched to configuration", D, max=1),
                 R(r"^raft.* INFO: .*became (follower|candidate|leader) at term", I, max=2),
                 R(r"^raft.* INFO: newRaft", D),
                 R(r"^raft.* INFO: .*(starting a new election|received MsgVoteResp)", SKIP),
                 R(r"^raft.* INFO: raft.node: .* elected leader", I),
                 R(r" W \| auth: simple token is not cryptographically signed", W),
                 R(r" I \| etcdserver: starting server\.\.\.", I),
                 R(r" I \| pkg/fileutil: started to purge file", D, max=1),
                 R(r"as single-node; fast-forwarding", D),
                 R(r" I \| etcdserver/membership: added member", I),
                 R(r" I \| embed: listening for peers", I),
                 R(r" I \| etcdserver: published", I),
                 R(r"setting up the initial cluster version", SKIP),
                 R(r" I \| embed: ready to serve client requests", I),
                 R(r" N \| etcdserver/membership: set the initial cluster version", I),
                 R(r" I \| etcdserver/api: enabled capabilities", D),
                 R(r" N \| embed: serving insecure client requests on .*strongly discouraged", W),
                 R(r" N \| pkg/osutil: received terminated signal, shutting down", I),
                 R(r" I \| etcdserver: skipped leadership transfer", I)]),
    Sec("etcd_zap", [R(r"\"msg\":\"simple token is not cryptographically signed\"", W),
                     R(r"\"msg\":\"serving client traffic insecurely; this is strongly discouraged!\"", W),
                     R(r"\"msg\":\"server has been already initialized\"", I),
                     R(r"\"msg\":\"opened backend db\"", D),
                     R(r"\"msg\":\"restarting local member\"", I),
                     R(r"\"msg\":\"enabled backend quota with default value\"", D),
                     R(r"\"msg\":\"now serving peer/client/metrics\"", I),
                     R(r"\"msg\":\"received signal; shutting down\"", I),
                     R(r"\"msg\":\"closed etcd server\"", I),
                     R(r".", SKIP)]),
    Sec("etcd_bad", [R(r"^flag provided but not defined: -frob", E), R(r"^Usage:$", I),
                     R(r"\"level\":\"warn\".*\"msg\":\"failed to start etcd\"", F),
                     R(r"\"level\":\"fatal\".*\"msg\":\"discovery failed\"", F),
                     R(r".", SKIP)]),
    Sec("node_exporter", [R(r"level=info msg=\"Starting node_exporter\"", I),
                          R(r"level=info msg=\"Build context\"", I),
                          R(r"level=warn msg=\"Node Exporter is running as root user", W, max=1),
                          R(r"level=debug msg=\"Go MAXPROCS\"", D),
                          R(r"level=info collector=\w+ msg=\"Parsed flag", D, max=2),
                          R(r"level=error collector=diskstats msg=\"Failed to open directory, disabling udev", W, max=1),
                          R(r"level=debug collector=dmi msg=\"Platform does not support", D),
                          R(r"level=info msg=\"Enabled collectors\"", I, max=1),
                          R(r"node_exporter.go:117 level=info collector=\w+$", D, max=2),
                          R(r"level=info msg=\"Listening on\"", I, max=1),
                          R(r"level=info msg=\"TLS is disabled\.\"", I, max=1),
                          R(r"level=debug msg=\"collector succeeded\"", D, max=2),
                          R(r"level=debug msg=\"collector returned no data\"", D, max=1),
                          R(r"level=debug collector=\w+ msg=", D, max=2),
                          R(r"level=error err=\"listen tcp 127.0.0.1:19100: bind: address already in use\"", F),
                          R(r"^prometheus-node-exporter: error: ", E),
                          R(r"\"level\":\"error\",\"msg\":\"failed to read textfile collector directory\"", E),
                          R(r"\"level\":\"error\",\"msg\":\"collector failed\",\"name\":\"systemd\"", E, max=1),
                          R(r"\"level\":\"warn\",\"msg\":\"Node Exporter is running as root user", W),
                          R(r"\"level\":\"info\",\"msg\":\"Listening on\"", I),
                          R(r".", SKIP)]),
    # ---- Go
    Sec("go_logstd", [R(r"server starting on", I), R(r"loaded 12 routes, 0 errors", I),
                      R(r"warning: TLS disabled", W), R(r"main.go:10: cache warmed", I),
                      R(r"^\[fetcher\] .*retrying 127.0.0.1:9 in 1s: connection refused", W)], prog="go-log"),
    Sec("go_logfatal", [R(r"opening state file", I),
                        R(r"open /var/lib/withlog-demo/state.db: no such file or directory", F)], prog="go-log"),
    Sec("go_logpanic", [R(r"^\d{4}/\d\d/\d\d .*unexpected message type", F),
                        R(r"^panic: unexpected message type", F)],
        split=r"^(panic: |\d{4}/\d\d/\d\d )", prog="go-log"),
    Sec("go_panic", [R(r"^panic: invalid worker count", F)], mode="whole", prog="go-runtime"),
    Sec("go_deadlock", [R(r"^fatal error: all goroutines are asleep - deadlock!", F)], mode="whole", prog="go-runtime"),
    Sec("go_nilmap", [R(r"nil pointer dereference", F)], mode="whole", prog="go-runtime"),
    Sec("go_goroutine_panic", [R(r"index out of range", F)], mode="whole", prog="go-runtime"),
    Sec("go_logrus_text", [R(r"level=trace", T), R(r"level=debug", D), R(r"level=warning", W),
                           R(r"level=error", E), R(r"level=fatal", F), R(r"level=info", I)], prog="go-logrus"),
    Sec("go_logrus_json", [R(r"\"level\":\"panic\".*index corrupted", E), R(r"\"level\":\"debug\"", D),
                           R(r"\"level\":\"warning\"", W), R(r"\"level\":\"error\"", E),
                           R(r"\"level\":\"info\"", I)], prog="go-logrus"),
    Sec("go_jsonlog", [R(r"\"lvl\":\"dbug\"", D), R(r"\"lvl\":\"info\"", I), R(r"\"lvl\":\"warn\"", W),
                       R(r"\"lvl\":\"eror\"", E), R(r"\"lvl\":\"crit\".*exiting", F)], prog="go-json"),
    Sec("go_build", [R(r"^# demo/", NEXT), R(r"^\./main\.go:\d+:\d+: ", E)], prog="go"),
    Sec("go_vet", [R(r"^# demo/", NEXT), R(r"^\./main\.go:\d+:\d+: ", W)], prog="go"),
    Sec("go_misc", [R(r"^go frob: unknown command", E), R(r"^Run 'go help' for usage", I),
                    R(r"no such file or directory", E), R(r"go.mod file not found", E)], prog="go"),
    # ---- Rust
    Sec("rustc_err", [R(r"^error\[E\d+\]", E), R(r"^error: aborting due to", E),
                      R(r"^Some errors have detailed explanations", I),
                      R(r"^For more information about an error", I)],
        split=r"^(error|warning)(\[|:)|^Some errors|^For more information", blank_splits=True),
    Sec("rustc_warn", [R(r"^warning: \d+ warnings? emitted", W), R(r"^warning: ", W)],
        blank_splits=True),
    Sec("rustc_borrow", [R(r"^error\[E\d+\]", E), R(r"^error: aborting due to", SKIP),
                         R(r"^For more information about this error", I)],
        split=r"^(error|warning)(\[|:)|^Some errors|^For more information", blank_splits=True),
    Sec("rs_panic_main", [R(r"^thread 'main' .*panicked at", F)], mode="whole", prog="rust-panic"),
    Sec("rs_panic_bt", [R(r"^thread 'main' .*panicked at.*stack backtrace:", F)], mode="whole", prog="rust-panic"),
    Sec("rs_panic_unwrap", [R(r"called `Result::unwrap\(\)` on an `Err` value", F)], mode="whole", prog="rust-panic"),
    Sec("rs_panic_index", [R(r"index out of bounds.*stack backtrace", F)], mode="whole", prog="rust-panic"),
    Sec("rs_panic_thread", [R(r"^thread 'uploader' .*panicked at", E), R(r"^uploader thread panicked; falling back", SKIP)],
        groups=[(r"^thread 'uploader'", r"^note: run with `RUST_BACKTRACE=1`")], prog="rust-panic"),
    Sec("cargo", [R(r"^\s+Compiling cargodemo", I), R(r"^warning: unused variable", W),
                  R(r"^warning: `cargodemo` .* generated 1 warning", W), R(r"^\s+Finished `dev` profile", I),
                  R(r"^error: no such command: `frob`", E), R(r"^help: ", I),
                  R(r"^error: manifest path .* does not exist", E)],
        split=r"^(error|warning|help)(\[|:)|^\s+(Compiling|Finished) ", blank_splits=True),
    # ---- Java
    Sec("java_main", [R(r"^Exception in thread \"main\" java.lang.IllegalStateException.*Caused by", F)], mode="whole"),
    Sec("java_npe", [R(r"^Exception in thread \"main\" java.lang.NullPointerException", F)], mode="whole"),
    Sec("java_thread", [R(r"^Exception in thread \"indexer-1\"", E), R(r"^main: indexer-1 died", SKIP)],
        split=r"^(Exception in thread|main: )"),
    Sec("java_jul", [R(r"\nINFO: ", I), R(r"\nWARNING: ", W), R(r"\nSEVERE: ", E)],
        split=r"^[A-Z][a-z]{2} \d{1,2}, \d{4} ", prog="java-jul"),
    Sec("java_log4j", [R(r"\] TRACE ", T), R(r"\] DEBUG ", D), R(r"\] INFO  ", I), R(r"\] WARN  ", W),
                       R(r"\] ERROR .*\njava.io.IOException", E), R(r"\] FATAL .*terminating", F)],
        split=r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} ", prog="java-log4j2"),
    Sec("java_logback", [R(r"\] TRACE ", T), R(r"\] DEBUG ", D), R(r"\] INFO  ", I), R(r"\] WARN  ", W),
                         R(r"\] ERROR .*\njava.lang.IllegalArgumentException", E)],
        split=r"^\d\d:\d\d:\d\d\.\d{3} ", prog="java-logback"),
    Sec("java_slf4j_simple", [R(r"\] INFO ", I), R(r"\] WARN ", W), R(r"\] ERROR ", E)], prog="java-slf4j-simple"),
    Sec("java_slf4j_nop", [R(r"^SLF4J: Failed to load class", W), R(r"^SLF4J: Defaulting to no-operation", W),
                           R(r"^SLF4J: See http", I)], prog="java-slf4j"),
    Sec("java_misc", [R(r"^Error: Unable to access jarfile", E), R(r"^Error: Could not find or load main class", E),
                      R(r"^Caused by: java.lang.ClassNotFoundException", PREV),
                      R(r"^Unrecognized VM option", E), R(r"^Error: Could not create the Java Virtual Machine", E),
                      R(r"^Error: A fatal exception has occurred\. Program will exit\.", E)]),
    Sec("javac", [R(r"^Broken.java:\d+: error: ", E), R(r"^    ", PREV), R(r"^  (symbol|location): ", PREV),
                  R(r"^\d+ errors?$", E), R(r"^Note: .* uses or overrides a deprecated API", W),
                  R(r"^Note: .* uses unchecked or unsafe operations", W), R(r"^Note: Recompile with", I)]),
    # ---- node / npm
    Sec("node_throw", [R(r"Error: ENOENT: no such file or directory", F)], mode="whole"),
    Sec("node_reject", [R(r"TypeError: user id abc is not a number", F)], mode="whole"),
    Sec("node_warn", [R(r"^console\.", SKIP), R(r"\[DEP0005\] DeprecationWarning", W),
                      R(r"^\(Use `node --trace-deprecation", I), R(r"PerfWarning: cache dir is on tmpfs", W),
                      R(r"^node: bad option", E),
                      R(r"^node:internal/modules/cjs/loader.*Cannot find module '/tmp/wlc/play/nofile.js'", E)],
        split=r"^(console\.|\(node:|\(Use|node: |node:internal)"),
    Sec("npm", [R(r"^npm error code ", E)],
        groups=[(r"^npm error code ", r"^npm error A complete log of this run can be found in")]),
    # ---- strace / debconf
    Sec("strace", [R(r"^cat: /nonexistent-strace-file", SKIP), R(r"^: No such file", SKIP),
                   R(r"^openat\(AT_FDCWD, \"/nonexistent-strace-file\"", T),
                   R(r"^openat\(AT_FDCWD, \"/etc/ld.so.cache\"", T),
                   R(r"^read\(3, \"\\177ELF", T), R(r"^close\(3\)", T, max=1),
                   R(r"^\+\+\+ exited with 1 \+\+\+", T), R(r".", SKIP)]),
]

# ---------------------------------------------------------------- syslog
SYSLOG_CMDS = {
    "nginx_syslog": "nginx -c sys.conf (error_log syslog:server=unix:/dev/log,nohostname info); curl /favicon.ico /up/; nginx -s quit",
    "py_syslog": "python3 progs/py_syslog.py (logging.handlers.SysLogHandler)",
    "sshd_syslog": "sshd -D -f sshd_config (port 12222 on 127.0.0.1)",
    "sshd_start": "sshd -D -f sshd_config -h /nonexistent_key",
    "ssh": "ssh -p 12222 nosuchuser@127.0.0.1 / root@127.0.0.1; raw TCP garbage to port 12222",
    "ssh_changed": "ssh with a stale known_hosts entry; kill sshd",
    "logger": "logger -p user.err|user.warning|user.info|local0.notice|daemon.crit|user.debug|auth.alert|user.emerg -t TAG MESSAGE",
    "sudo": "sudo -n true; sudo -u nosuchuser true; sudo as nobody; sudo -l -U nobody",
    "su": "su -s /bin/true nobody; su nosuchuser -c true; su -s /bin/sh nobody -c 'exit 3'",
    "useradd": "groupadd/useradd/usermod/userdel/groupdel wlcorpus",
    "cron": "cron -f -L 15 with /etc/cron.d/withlog-corpus (a job) and withlog-corpus-bad (syntax error)",
    "crontab": "crontab -l as nobody",
    "dnsmasq_syslog": "dnsmasq --keep-in-foreground --port=15353 --log-queries ...; dig @127.0.0.1 -p 15353 test.local / other.example / MX",
    "dnsmasq_busy": "dnsmasq on an already used port",
    "dnsmasq_stderr": "dnsmasq --frob",
    "postgres_syslog": "postgres -c log_destination=syslog; psql -U nosuchrole; psql -c 'select * from nope'; pg_ctl stop",
    "redis_syslog": "redis-server --syslog-enabled yes --syslog-ident redis; redis-cli shutdown",
}
# (section, ident) pairs we produced; anything else that reached /dev/log while we
# listened came from other processes on the machine and is ignored.
SYSLOG_IDENTS = {
    "nginx_syslog": {"nginx"}, "py_syslog": {"pyapp"},
    "sshd_syslog": {"sshd"}, "sshd_start": {"sshd"}, "ssh": {"sshd"}, "ssh_changed": {"sshd"},
    "logger": {"backup", "deployd", "raidmon", "guard", "kernel-sim"},
    "sudo": {"sudo"}, "su": {"su"}, "useradd": {"groupadd", "useradd", "userdel", "usermod", "groupdel"},
    "cron": {"cron", "CRON"}, "crontab": {"crontab"},
    "dnsmasq_syslog": {"dnsmasq"}, "dnsmasq_busy": {"dnsmasq"}, "dnsmasq_stderr": {"dnsmasq"},
    "postgres_syslog": {"postgres"}, "redis_syslog": {"redis", "redis-server"},
}
SYSLOG_RULES = {
    "nginx": [R(r"^(err|info)\|.*\[error\] .*favicon.ico\" failed", W),
              R(r"^err\|.*connect\(\) failed \(111", E),
              R(r"closed keepalive connection", D, max=1),
              R(r"start worker processes", I), R(r"\[notice\] \d+#\d+: exit$", I),
              R(r".", SKIP)],
    "pyapp": [R(r"^debug\|loaded 3 plugins", D), R(r"^info\|listening on", I),
              R(r"^warning\|connection reset by peer, retrying", W),
              R(r"^err\|cannot open /var/lib/pyapp/state", E),
              R(r"^crit\|out of file descriptors, exiting", F)],
    "sshd": [R(r"Server listening on", I), R(r"\|Invalid user nosuchuser", N),
             R(r"Connection closed by invalid user", I), R(r"Connection closed by authenticating user root", I),
             R(r"client sent invalid protocol identifier", W), R(r"banner exchange: .*invalid format", W),
             R(r"kex_exchange_identification: Connection closed by remote host", I),
             R(r"Connection closed by 127.0.0.1 port \d+", I, max=1),
             R(r"Received signal 15; terminating", I, max=1),
             R(r"Unable to load host key: /nonexistent_key", W),
             R(r"no hostkeys available", F)],
    "backup": [R(r"^err\|rsync .* failed: connection refused, retrying in 60s", W),
               R(r"^warning\|snapshot older than 2 days", W), R(r"^info\|backup finished: 0 errors", I),
               R(r"^debug\|checksum of block 17 ok", D)],
    "deployd": [R(r"^notice\|release 4.2 activated", N)],
    "raidmon": [R(r"^crit\|array md0 degraded, disk sdb failed", E)],
    "guard": [R(r"^alert\|terror-level keyword filter reloaded", I)],
    "kernel-sim": [R(r"^emerg\|filesystem /data remounted read-only", E)],
    "sudo": [R(r"COMMAND=/usr/bin/true", N, max=1), R(r"pam_limits\(sudo:session\): Could not set limit", W, max=1),
             R(r"session opened for user root", I, max=1), R(r"session closed for user root", I, max=1),
             R(r"unknown user nosuchuser", E), R(r"a password is required", E),
             R(r"command not found", E), R(r"COMMAND=", SKIP), R(r"pam_", SKIP)],
    "su": [R(r"\(to nobody\) root on none", N, max=1), R(r"pam_limits\(su:session\): Could not set limit", W, max=1),
           R(r"session opened for user nobody", I, max=1), R(r"pam_systemd\(su:session\): Failed to connect to system bus", W, max=1),
           R(r"session closed for user nobody", I, max=1), R(r".", SKIP)],
    "groupadd": [R(r"group added to /etc/(group|gshadow)", I), R(r"new group: name=wlcorpus", I), R(r".", SKIP)],
    "useradd": [R(r"new user: name=wlcorpus", I), R(r"failed adding user 'wlcorpus', exit code: 9", E)],
    "usermod": [R(r"lock user 'wlcorpus' password", I)],
    "userdel": [R(r"delete user 'wlcorpus'", I), R(r"removed (shadow )?group 'wlcorpus'", I)],
    "groupdel": [R(r".", I)],
    "cron": [R(r"\(CRON\) INFO \(pidfile fd = \d+\)", D),
             R(r"pam_unix\(cron:session\): session opened", I), R(r"pam_unix\(cron:session\): session closed", I),
             R(r"pam_limits\(cron:session\): Could not set limit", W, max=1),
             R(r"\(CRON\) error \(grandchild #\d+ failed with exit status \d+\)", E),
             R(r"\(root\) END \(", D), R(r"Error: bad day-of-week; while reading", E),
             R(r"\(\*system\*withlog-corpus-bad\) ERROR \(Syntax error, this crontab file will be ignored\)", E),
             R(r"\(CRON\) INFO \(Running @reboot jobs\)", I),
             R(r"\(root\) CMD \(", I), R(r"No MTA installed, discarding output", W),
             R(r"\(CRON\) INFO \(Skipping @reboot jobs", I)],
    "crontab": [R(r"\(nobody\) LIST \(nobody\)", I)],
    "CRON": None,
    "dnsmasq": [R(r"started, version", I), R(r"compile time options", D), R(r"using nameserver", I),
                R(r"cleared cache", D), R(r"query\[A\] test.local", D), R(r"config test.local is", D),
                R(r"query\[", SKIP), R(r"forwarded other.example", D), R(r"forwarded", SKIP),
                R(r"failed to create listening socket .*Address already in use", F),
                R(r"FAILED to start up", F, max=1), R(r"exiting on receipt of SIGTERM", I),
                R(r"bad command line options", E)],
    "postgres": [R(r"LOG:  ending log output to stderr", I), R(r"HINT:  Future log output", I),
                 R(r"LOG:  database system is ready to accept connections", I),
                 R(r"FATAL:  role \".*\" does not exist", E), R(r"ERROR:  ", E), R(r"STATEMENT:  ", PREV),
                 R(r"LOG:  database system is shut down", I), R(r".", SKIP)],
    "redis": REDIS, "redis-server": REDIS,
}

SYSLOG_RULES["CRON"] = SYSLOG_RULES["cron"]

# ---------------------------------------------------------------- machinery
class BuildError(Exception):
    pass


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def read_meta(name):
    p = os.path.join(RAW, name + ".meta")
    if not os.path.exists(p):
        return None, None
    prog, cmd = (open(p, encoding="utf-8").read().split("\n") + [""])[:2]
    return prog, cmd


def records_of(sec, text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if sec.mode == "whole":
        body = "\n".join(lines).strip("\n")
        return [body] if body else []
    recs, cur, gi = [], None, None
    for ln in lines:
        if gi is not None:                     # inside a group
            cur.append(ln)
            if sec.groups[gi][1].search(ln):
                recs.append(cur); cur, gi = None, None
            continue
        started = False
        for k, (a, b) in enumerate(sec.groups):
            if a.search(ln):
                if cur:
                    recs.append(cur)
                cur, gi = [ln], k
                if b.search(ln):
                    recs.append(cur); cur, gi = None, None
                started = True
                break
        if started:
            continue
        if ln.strip() == "":
            if sec.blank_splits:
                if cur:
                    recs.append(cur)
                cur = None
            elif sec.split and cur:
                cur.append(ln)                 # blank inside a multi-line record
            continue
        if sec.split or sec.blank_splits:
            if cur is None or (sec.split and sec.split.search(ln)):
                if cur:
                    recs.append(cur)
                cur = [ln]
            else:
                cur.append(ln)
        else:
            recs.append([ln])
    if cur:
        recs.append(cur)
    out = []
    for r in recs:
        while r and r[-1].strip() == "":
            r.pop()
        if r:
            out.append("\n".join(r))
    return out


def label(records, rules, where, progs):
    """records: list of text; returns list of (level, prog, text)."""
    used = collections.Counter()
    out = []
    skipping = False
    for text, prog in zip(records, progs):
        for k, (rx, lvl, kw) in enumerate(rules):
            if rx.search(text):
                if "max" in kw:
                    used[k] += 1
                    if used[k] > kw["max"]:
                        lvl = SKIPB if lvl not in (PREV, NEXT) else SKIP
                if lvl == SKIPB:
                    skipping, lvl = True, SKIP
                elif lvl == PREV and skipping:
                    lvl = SKIP
                else:
                    skipping = False
                out.append([lvl, kw.get("prog", prog), text])
                break
        else:
            raise BuildError("%s: no rule for %r" % (where, text[:300]))
    # resolve PREV / NEXT against the neighbouring records (skips removed first)
    out = [o for o in out if o[0] != SKIP]
    for _ in range(len(out) + 1):
        changed = False
        for i, o in enumerate(out):
            if o[0] == PREV and i > 0 and out[i - 1][0] not in (PREV, NEXT):
                o[0] = out[i - 1][0]; changed = True
            if o[0] == NEXT and i + 1 < len(out) and out[i + 1][0] not in (PREV, NEXT):
                o[0] = out[i + 1][0]; changed = True
        if not changed:
            break
    for o in out:
        if o[0] not in LEVELS:
            raise BuildError("%s: unresolved %s for %r" % (where, o[0], o[2][:200]))
    return out


def stderr_section(sec):
    prog, cmd = read_meta(sec.name)
    if prog is None:
        raise BuildError("missing capture for section %s" % sec.name)
    prog = sec.prog or prog
    text = open(os.path.join(RAW, sec.name + ".err"), encoding="utf-8", errors="replace").read()
    recs, seen = [], set()
    for r in records_of(sec, text):
        if r in seen:
            continue                           # exact duplicate inside a section
        seen.add(r)
        recs.append(r)
    progs = []
    last = prog
    for r in recs:
        p = prog
        if sec.prog_re:
            p = last
            for rx in sec.prog_re:
                m = rx.search(r)
                if m:
                    p = m.group(1)
                    break
            last = p
        progs.append(p)
    return cmd, label(recs, sec.rules, sec.name, progs)


SYSLOG_RX = re.compile(r"^<(\d+)>(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d )?([^\s:\[]+)(?:\[(\d+)\])?: ?(.*)$", re.S)


def syslog_records():
    by_sec = collections.OrderedDict()
    p = os.path.join(RAW, "syslog.jsonl")
    for line in open(p, encoding="utf-8"):
        d = json.loads(line)
        raw = d["raw"].rstrip("\x00").rstrip("\n")
        m = SYSLOG_RX.match(raw)
        if not m:
            continue                           # e.g. RFC 5424 test traffic from other processes
        pri, ident, pid, msg = int(m.group(1)), m.group(2), m.group(3), m.group(4)
        if ident not in SYSLOG_IDENTS.get(d["section"], ()):
            continue
        by_sec.setdefault(d["section"], []).append((ident, PRIO[pri & 7] + "|" + msg))
    return by_sec


def main():
    lines_out, multi_out = [], []
    errors = []
    for sec in SECTIONS:
        try:
            cmd, recs = stderr_section(sec)
        except BuildError as e:
            errors.append(str(e)); continue
        one = [r for r in recs if "\n" not in r[2]]
        many = [r for r in recs if "\n" in r[2]]
        progs = sorted({r[1] for r in recs})
        hdr = "# %s (stderr): %s" % (", ".join(progs), cmd)
        if one:
            lines_out.append(hdr)
            lines_out += ["%s\tstderr\t%s\t%s" % (l, p, esc(t)) for l, p, t in one]
        if many:
            multi_out.append(hdr)
            multi_out += ["%s\tstderr\t%s\t%s" % (l, p, esc(t)) for l, p, t in many]
    for section, items in syslog_records().items():
        by_ident = collections.OrderedDict()
        for ident, msg in items:
            by_ident.setdefault(ident, []).append(msg)
        for ident, msgs in by_ident.items():
            seen, uniq = set(), []
            for m in msgs:
                if m not in seen:
                    seen.add(m); uniq.append(m)
            try:
                recs = label(uniq, SYSLOG_RULES[ident], "syslog %s/%s" % (section, ident), [ident] * len(uniq))
            except (BuildError, KeyError) as e:
                errors.append(str(e)); continue
            if recs:
                lines_out.append("# %s (syslog via /dev/log): %s" % (ident, SYSLOG_CMDS.get(section, section)))
                lines_out += ["%s\tsyslog\t%s\t%s" % (l, p, esc(t)) for l, p, t in recs]
    if errors:
        sys.stderr.write("\n".join(errors) + "\n")
        sys.exit(1)
    head = ("# withlog corpus: real log lines captured on Debian 12 (see README.md, collect.sh, build.py)\n"
            "# columns: expected_level<TAB>source<TAB>program<TAB>message\n")
    with open(os.path.join(HERE, "lines.tsv"), "w", encoding="utf-8") as f:
        f.write(head + "\n".join(lines_out) + "\n")
    with open(os.path.join(HERE, "multiline.tsv"), "w", encoding="utf-8") as f:
        f.write(head.replace("real log lines", "real multi-line log records") + "\n".join(multi_out) + "\n")
    report(lines_out, multi_out)


def report(lines_out, multi_out):
    def stats(rows):
        rows = [r.split("\t") for r in rows if not r.startswith("#")]
        return (len(rows), collections.Counter(r[0] for r in rows),
                collections.Counter(r[2] for r in rows), collections.Counter(r[1] for r in rows))
    n1, lv1, pg1, src1 = stats(lines_out)
    n2, lv2, pg2, src2 = stats(multi_out)
    print("lines.tsv: %d records, %d programs, sources %s" % (n1, len(pg1), dict(src1)))
    print("  levels: " + ", ".join("%s=%d" % (l, lv1[l]) for l in LEVELS))
    print("multiline.tsv: %d records, %d programs" % (n2, len(pg2)))
    print("  levels: " + ", ".join("%s=%d" % (l, lv2[l]) for l in LEVELS))
    big = [(p, c) for p, c in pg1.items() if c > 40]
    if big:
        print("  programs over 40 lines: %s" % big)
    table = ["| program | lines.tsv | multiline.tsv |", "| --- | ---: | ---: |"]
    for p in sorted(set(pg1) | set(pg2)):
        table.append("| %s | %d | %d |" % (p, pg1.get(p, 0), pg2.get(p, 0)))
    lt = ["| level | lines.tsv | multiline.tsv |", "| --- | ---: | ---: |"]
    for l in LEVELS:
        lt.append("| %s | %d | %d |" % (l, lv1[l], lv2[l]))
    lt.append("| **total** | **%d** | **%d** |" % (n1, n2))
    block = ("<!-- counts:begin (generated by build.py) -->\n"
             "Records per level (lines.tsv: %d records from %d programs; syslog %d, stderr %d):\n\n%s\n\n"
             "Records per program:\n\n%s\n<!-- counts:end -->" %
             (n1, len(pg1), src1["syslog"], src1["stderr"], "\n".join(lt), "\n".join(table)))
    readme = os.path.join(HERE, "README.md")
    if os.path.exists(readme):
        s = open(readme, encoding="utf-8").read()
        s2 = re.sub(r"<!-- counts:begin.*?<!-- counts:end -->", lambda m: block, s, flags=re.S)
        if s2 != s:
            open(readme, "w", encoding="utf-8").write(s2)


if __name__ == "__main__":
    main()
