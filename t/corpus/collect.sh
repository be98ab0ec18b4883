#!/bin/bash
# collect.sh - re-runs the commands whose stderr / syslog output became
# t/corpus/lines.tsv and t/corpus/multiline.tsv (provenance; best effort).
#
# Not needed by any test.  Run as root on Debian 12.  Packages used:
#   apt-get install golang-go nginx-light dnsmasq bind9-dnsutils libgoogle-glog-dev \
#     liblog4j2-java libslf4j-java liblogback-java cron sudo openssh-server gawk \
#     etcd-server prometheus-node-exporter golang-github-sirupsen-logrus-dev \
#     python3-pythonjsonlogger redis-server postgresql valgrind gnupg strace
# (plus what the image already had: gcc g++ make git curl wget perl python3 node npm
#  openjdk-17 rustc cargo rsyslog systemd sqlite3 ...)
#
# Every capture goes to $WORKDIR/raw/<section>.{meta,err,out,rc}; syslog datagrams
# received on /dev/log go to $WORKDIR/raw/syslog.jsonl tagged with the section that
# was running.  build.py then turns the raw captures + its hand-written labels into
# the TSV files.  Machine-specific values (PIDs, timestamps, temp names) differ
# from run to run, so build.py matches lines by pattern, not verbatim.
#
# It creates /dev/log (our listener), /run/sshd, /etc/cron.d/withlog-corpus and the
# user/group "wlcorpus" while it runs, and removes them again at the end.

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
PROGS=$HERE/progs
W=${WORKDIR:-/tmp/wlc}
OUT=$W/raw
P=$W/play
BIN=$W/bin
rm -rf "$OUT" "$P" "$W/gnupg" "$W/home"
rm -f "$W"/k1* "$W"/k2* "$W"/other* "$W"/hostkey* "$W"/kh* "$W"/a.gpg "$W"/dump.rdb
mkdir -p "$OUT" "$P" "$BIN" "$W/home"
chmod 755 "$W" "$P"
export RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup} CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
export PYENV_ROOT=${PYENV_ROOT:-$HOME/.pyenv}
export HOME=$W/home
export GOCACHE=$W/gocache GOPROXY=off GOFLAGS=-mod=mod
unset RUST_BACKTRACE
PY=/usr/bin/python3          # Debian's python3 (has python3-pythonjsonlogger)
ASNOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups"

# cap SECTION PROGRAM 'shell command'   -- run the command in $P via bash -c,
# keep its stderr (and stdout, for reference) and exit status.
cap() {
    local sec=$1 prog=$2 cmd=$3
    echo "$sec" > "$OUT/.cursec"
    printf '%s\n%s\n' "$prog" "$cmd" > "$OUT/$sec.meta"
    (cd "$P" && bash -c "$cmd") > "$OUT/$sec.out" 2> "$OUT/$sec.err" < /dev/null
    echo $? > "$OUT/$sec.rc"
}
# note SECTION : mark the section for syslog datagrams without capturing stderr
note() { echo "$1" > "$OUT/.cursec"; }

# ---------------------------------------------------------------- syslog listener
if [ -e /dev/log ]; then
    echo "collect.sh: /dev/log already exists (a syslog daemon or another test owns it); not touching it" >&2
    exit 1
fi
note start
$PY "$PROGS/syslog_listen.py" "$OUT/syslog.jsonl" "$OUT/.cursec" &
LISTENER=$!
sleep 1
DEVLOG_INODE=$(stat -c %i /dev/log)

# ---------------------------------------------------------------- fixtures
cd "$P"
echo hello > a.txt
printf 'b\na\nc\n' > unsorted.txt
mkdir -p d/sub nonempty && echo x > nonempty/f
touch e.txt
mkdir -p www && echo '<h1>ok</h1>' > www/index.html
head -c 3000 /dev/urandom > bin.dat
printf 'text\n\0\1\2binary\n' > mixed.bin
echo 'not gzip' > notgz.gz
echo 'not xz' > notxz.xz
echo 'plain' > plain.txt
gzip -c a.txt | head -c 20 > trunc.gz
echo 'already' > already.gz
echo 'x' > hl1 && ln hl1 hl2
touch -d '2035-01-01 00:00' future.txt && tar cf future.tar future.txt && rm future.txt
mkdir -p loop && ln -s .. loop/up
echo '{"a": 1,}' > bad.json
echo '5d41402abc4b2a76b9719d911017c592  a.txt' > sums.md5
echo 'garbage line' >> sums.md5
mkdir -p secret && echo s > secret/f && chmod 700 secret
cp -r "$PROGS/c" csrc

# ================================================================ coreutils
cap ls         ls      'ls /nonexistent-dir a.txt; ls -l --sort=bogus; ls -z'
cap ls_perm    ls      "$ASNOBODY ls /root $P/secret"
cap cp         cp      'cp nofile.txt /tmp/; cp d d2; cp a.txt a.txt; cp a.txt /nonexistent/dir/; cp'
cap mv         mv      'mv nofile.txt x; mv d d/sub; mv a.txt /proc/a.txt'
cap rm         rm      'rm nofile.txt; rm d; rm -d nonempty; rm -i e.txt; rm -rf nonexistent'
cap cat        cat     'cat nofile.txt; cat d; cat a.txt >> a.txt; cat -Z a.txt'
cap mkdir      mkdir   'mkdir d; mkdir x/y/z; mkdir /proc/newdir'
cap chmod      chmod   'chmod 999 a.txt; chmod 644 nofile.txt; chmod u+q a.txt'
cap ln         ln      'ln -s a.txt e.txt; ln d hardlink_to_dir; ln nofile.txt x'
cap head       head    'head -n abc a.txt; head nofile.txt; head -c 1Q a.txt'
cap sort       sort    'sort -k 0 a.txt; sort nofile.txt; sort -t ab a.txt; sort --parallel=0 a.txt'
cap dd         dd      'dd if=/dev/zero of=/dev/null bs=1k count=4; dd if=nofile.txt of=/dev/null; dd if=/dev/zero of=/dev/full bs=1k count=1; dd if=/dev/zero of=/dev/null bs=1x; dd if=/dev/zero of=/dev/null bs=1M count=64 status=progress'
cap touch      touch   'touch /nonexistent/x; touch -d "not a date" a.txt'
cap rmdir      rmdir   'rmdir nonempty; rmdir nofile'
cap chown      chown   'chown nosuchuser a.txt; chown root:nosuchgroup a.txt'
cap tail       tail    'rm -f grow.log; (sleep 1; echo one > grow.log; sleep 1.5; : > grow.log; sleep 1; rm grow.log) & timeout 5 tail -F grow.log >/dev/null; tail -n x a.txt'
cap md5sum     md5sum  'md5sum -c sums.md5; md5sum nofile.txt'
cap sha256sum  sha256sum 'echo "0000000000000000000000000000000000000000000000000000000000000000  nofile.txt" | sha256sum -c'
cap date       date    'date -d "next blurday"; date +%Q -d @0 >/dev/null; date --iso-8601=weeks'
cap env        env     'env nonexistent-cmd; env -u'
cap misc_cu    tr      'tr; cut a.txt; seq 1 x; wc nofile.txt; stat nofile.txt; du nofile.txt; df /nonexistent; realpath -e nofile.txt; numfmt abc; shred -v -n 1 -u e.txt; sleep 1x; kill 999999; readlink -f; split -l 0 a.txt'

# ================================================================ text tools
cap grep       grep    'grep foo nofile.txt; grep "[" a.txt; grep -P "(" a.txt; grep text mixed.bin; grep "\-x" a.txt; egrep hello a.txt; grep -r s secret; grep --colour=sometimes x a.txt'
cap grep_perm  grep    "$ASNOBODY grep -r s $P/secret"
cap sed        sed     'sed "s/a/b" a.txt; sed -i s/a/b/ nofile.txt; sed -n "w /nonexistent/x" a.txt; sed -e "y/abc/de/" a.txt; sed --posix -E "s/a+/b/" a.txt; sed -z'
cap gawk       gawk    'gawk "{print \$1" a.txt; gawk "BEGIN{print 1/0}"; gawk --lint "BEGIN{x; print y}"; gawk "{print > \"/nonexistent/x\"}" a.txt; gawk -f nofile.awk; gawk "BEGIN { printf \"%d %d\n\", 1 }"; gawk --lint "BEGIN { if (\"a\" ~ /\./) print }"; gawk --lint=fatal "BEGIN{print z}"'
cap mawk       mawk    'mawk "{print \$1" a.txt; mawk "BEGIN{print 1%0; x=1/0}"; mawk -f nofile.awk; mawk "BEGIN{getline < \"/nonexistent\"; print \"ok\"}"; mawk -W bogus "BEGIN{}"'

# ================================================================ archives
cap tar        tar     'tar xf nofile.tar; tar cf abs.tar /etc/hostname; tar tf a.txt; tar czf /dev/null nofile.txt; tar xf future.tar; tar xf abs.tar --wildcards "nomatch*"; tar cf - --warning=no-unknown-keyword a.txt >/dev/null; tar --foo'
cap gzip       gzip    'cp a.txt v.txt; gzip -v v.txt; gzip nofile.txt; gzip already.gz; gzip -d notgz.gz; gzip -t trunc.gz; gzip -d plain.txt; gzip hl1; gzip -d v.txt.gz -v'
cap xz         xz      'xz -d notxz.xz; cp a.txt x1.txt; xz -v x1.txt; xz -d nofile.xz; xz -9e --memlimit=1MiB -c a.txt >/dev/null'
cap bzip2      bzip2   'bzip2 -d plain.txt; bzip2 -d notgz.gz; bzip2 nofile.txt; cp a.txt b1.txt; bzip2 -v b1.txt'
cap zip        zip     'zip out.zip nofile.txt; zip -r out2.zip a.txt nofile2.txt'

# ================================================================ find / diff / misc
cap find       find    'find /nonexistent; find . -name *.txt; find . -type f -maxdepth 1 -name a.txt >/dev/null; find -L loop >/dev/null; find . -newer nofile.txt; find . -perm 999'
cap find_perm  find    "$ASNOBODY find $P/secret /root"
cap diff       diff    'diff nofile.txt a.txt; diff -r d a.txt; diff --foo'
cap ip         ip      'ip link show nosuchdev; ip route get 999.1.1.1; ip addr add 1.2.3.4/33 dev lo; ip -j bogus'
cap sqlite3    sqlite3 'sqlite3 :memory: "selec 1"; sqlite3 /nonexistent/x.db "select 1"; sqlite3 :memory: "select * from t"; sqlite3 :memory: "create table t(a unique); insert into t values(1); insert into t values(1)"'

# ================================================================ make / gcc / g++ / ld
mkdir -p mk && cd mk
printf 'all:\n\tfalse\n' > Makefile.fail
printf 'all:\n\t@true\n' > Makefile.ok
printf 'all:\n    echo spaces\n' > Makefile.sep
printf 'x:\n\t@true\nx:\n\t@true\nall: x\n' > Makefile.dup
printf 'all:\n\t-false\n\t@echo after\n' > Makefile.ign
printf 'all: sub\nsub:\n\t$(MAKE) -f Makefile.fail\n' > Makefile.rec
printf 'all: out.txt\nout.txt:\n\t@echo built > out.txt\n' > Makefile.uptodate
printf '$(warning building with CC=$(CC))\n$(info using defaults, no errors found)\nall:\n\t@true\n$(error TARGET is not set)\n' > Makefile.fn
cd "$P"
cap make_help  make    'make --frob'
cap nginx_help nginx   'nginx -h'
cap make       make    'cd mk; make -f Makefile.fail; make -f Makefile.ok; make -f Makefile.ok nosuchtarget; make -f Makefile.sep; make -f Makefile.dup; make -f Makefile.ign; make -f Makefile.rec; make -f Makefile.uptodate; make -f Makefile.uptodate; make -f Makefile.fn; make -f nofile.mk; make -j2 -f Makefile.fail -k'
cap gcc_err    gcc     'cd csrc; LC_ALL=C gcc -c err.c -o /dev/null'
cap gcc_warn   gcc     'cd csrc; gcc -Wall -Wextra -O2 -c warn.c -o /dev/null'
cap gcc_misc   gcc     'cd csrc; gcc -c bad.c; gcc -c errdirective.c; gcc nofile.c; gcc -std=c++17 -c /dev/null -x c -o /dev/null; gcc -Werror -Wall -c warn.c -o /dev/null 2>&1 | grep -E "^cc1|error:" >&2'
cap gcc_link   gcc     'cd csrc; gcc link.c -o link'
cap gxx        g++     'cd csrc; g++ -Wall -c tmpl.cc -o /dev/null'
cap gxx_warn   g++     'cd csrc; g++ -Wall -Wextra -std=c++11 -c warncc.cc -o /dev/null'

# ================================================================ C runtime (glibc, sanitizers, valgrind, glog)
cd "$P/csrc"
gcc -O0 -g assert.c -o "$BIN/assert" 2>/dev/null
gcc -O0 -g doublefree.c -o "$BIN/doublefree" 2>/dev/null
gcc -O0 -fstack-protector-all smash.c -o "$BIN/smash" 2>/dev/null
gcc -O0 -g -fsanitize=address asan.c -o "$BIN/asan" 2>/dev/null
gcc -O0 -g -fsanitize=undefined ubsan.c -o "$BIN/ubsan" 2>/dev/null
gcc -O0 -g leak.c -o "$BIN/leak" 2>/dev/null
gcc -O0 -g clean.c -o "$BIN/clean" 2>/dev/null
gcc -O0 -g segv.c -o "$BIN/segv" 2>/dev/null
g++ -O0 glog_demo.cc -o "$BIN/glog_demo" -lglog 2>/dev/null
g++ -O0 glog_fatal.cc -o "$BIN/glog_fatal" -lglog 2>/dev/null
cd "$P"
cap assert     assert     "$BIN/assert"
cap doublefree doublefree "$BIN/doublefree"
cap smash      smash      "$BIN/smash"
cap asan       asan       "$BIN/asan"
cap ubsan      ubsan      "$BIN/ubsan"
cap segv_bash  bash       "$BIN/segv; echo after"
cap valgrind_leak  valgrind "valgrind --leak-check=full $BIN/leak"
cap valgrind_clean valgrind "valgrind $BIN/clean"
cap glog_demo  glog_demo  "$BIN/glog_demo"
cap glog_fatal glog_fatal "$BIN/glog_fatal"

# ================================================================ git
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
mkdir -p gitplay && cd gitplay
cap git_norepo git 'cd gitplay; git status; git log'
cap git_init   git 'cd gitplay; git init r0 >/dev/null; git init -q r; git init -q --bare bare.git; git clone bare.git c1'
cap git_ident  git 'cd gitplay/r; echo x > f; git add f; git commit -q -m first'
cd "$P/gitplay/r"; git -c user.name=T -c user.email=t@localhost commit -q -m first; cd "$P"
cap git_errors git 'cd gitplay/r; git checkout nosuchbranch; git log nosuchrev; git branch -d master; git push; git pull; git remote add origin ../bare.git; git remote add origin ../bare.git; git rm nosuchfile; git stash pop; git show HEAD~5; git frobnicate; git -c core.autocrlf=true add f; printf "a\r\n" > crlf; git -c core.autocrlf=input add crlf; git merge nosuch'
cap git_push   git 'cd gitplay/r; git push origin master; git push origin master; git switch -c feature; git checkout -q master; git checkout HEAD~0^{commit}; git switch -; git -c user.name=T -c user.email=t@localhost commit --allow-empty -q -m "2"; git branch -d feature; git -c user.name=T -c user.email=t@localhost checkout -b topic; echo y >> f; git -c user.name=T -c user.email=t@localhost commit -qam topic; git checkout -q master; git branch -d topic; git clone ../bare.git ../c2; git fetch ../nonexistent.git'
cap git_gc     git 'cd gitplay/r; git gc; git fsck; git clean -n -x; git reset --hard nosuch; git apply /dev/null; git am </dev/null; git tag -d nosuchtag'
cd "$P"
unset GIT_CONFIG_NOSYSTEM GIT_CONFIG_GLOBAL

# ================================================================ apt / dpkg
cap apt_get    apt-get 'apt-get install -y nonexistent-pkg-withlog-xyz; apt-get install -s nginx-light >/dev/null; apt-get remove -y nonexistent-pkg-withlog-xyz; apt-get frobnicate; apt-get install -s "nginx=0.0.1"'
cap apt_get_nobody apt-get "$ASNOBODY apt-get remove -y hello; $ASNOBODY apt-get check"
cap apt        apt     'apt list --installed nginx-light >/dev/null; apt show nonexistent-pkg-withlog-xyz; apt-cache show nonexistent-pkg-withlog-xyz; apt-cache policy nginx-light >/dev/null'
cap dpkg       dpkg    'dpkg -i nofile.deb; dpkg -L nonexistent-pkg-withlog-xyz; dpkg -s nonexistent-pkg-withlog-xyz; dpkg -r nonexistent-pkg-withlog-xyz; dpkg --frob; dpkg -l "nonexistent-pkg-withlog*"; dpkg --compare-versions 1 gt x'
mkdir -p "$W/apt/lists/partial" "$W/apt/cache/archives/partial" "$W/apt/parts" "$W/apt/priv"; chmod 700 "$W/apt/priv"
printf 'deb http://127.0.0.1:9/debian bookworm main\ndeb http://127.0.0.1:9/debian bookworm main\n' > "$W/apt/bad.list"
cap apt_update_bad apt-get "apt-get update -o Dir::Etc::sourcelist=$W/apt/bad.list -o Dir::Etc::sourceparts=$W/apt/parts -o Dir::State::Lists=$W/apt/lists -o Dir::Cache=$W/apt/cache -o Acquire::Retries=0"
cap apt_download apt-get "cd $W/apt/priv && apt-get download -q bzip2"
cap apt_reinstall apt-get 'DEBIAN_FRONTEND=noninteractive apt-get install -y --reinstall bzip2 >/dev/null'

# ================================================================ nginx (loopback 18080)
mkdir -p "$W/nginx"
cat > "$W/nginx/bad.conf" <<EOF
pid $W/nginx/bad.pid;
events { worker_connections 64; }
http {
    server { listen 127.0.0.1:18081; frobnicate on; }
}
EOF
cat > "$W/nginx/bad2.conf" <<EOF
pid $W/nginx/bad.pid;
events { worker_connections 64; }
http {
    server { listen 127.0.0.1:18081; location / { root /tmp }
}
EOF
cat > "$W/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $W/nginx/nginx.pid;
error_log stderr info;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $W/nginx/body;
    proxy_temp_path $W/nginx/proxy;
    fastcgi_temp_path $W/nginx/fcgi;
    uwsgi_temp_path $W/nginx/uwsgi;
    scgi_temp_path $W/nginx/scgi;
    types { text/html html; text/html htm; text/html html; }
    server {
        listen 127.0.0.1:18080;
        server_name demo.local;
        root $P/www;
        client_body_buffer_size 1k;
        location /small { client_max_body_size 1k; }
        location /up { proxy_pass http://127.0.0.1:9; }
        location /upload { return 200 "ok\n"; }
    }
    server { listen 127.0.0.1:18080; server_name demo.local; }
}
EOF
sed -e 's#error_log stderr info;#error_log syslog:server=unix:/dev/log,nohostname info;#' \
    -e 's#18080#18090#g' -e 's#nginx.pid#nginx-sys.pid#' "$W/nginx/nginx.conf" > "$W/nginx/sys.conf"
cap nginx_t    nginx   "nginx -t -c $W/nginx/bad.conf; nginx -t -c $W/nginx/bad2.conf; nginx -t -c $W/nginx/nginx.conf; nginx -t -c /nonexistent.conf"
note nginx_run
nginx -c "$W/nginx/nginx.conf" 2> "$OUT/nginx_run.err" & BG=$!
sleep 1
printf '%s\n%s\n' nginx 'nginx -c nginx.conf (daemon off, error_log stderr info); curl requests; nginx -s reload; nginx -s quit' > "$OUT/nginx_run.meta"
curl -s -o /dev/null http://127.0.0.1:18080/
curl -s -o /dev/null http://127.0.0.1:18080/favicon.ico
curl -s -o /dev/null http://127.0.0.1:18080/up/x
head -c 5000 /dev/zero | curl -s -o /dev/null --data-binary @- http://127.0.0.1:18080/small
head -c 5000 /dev/zero | curl -s -o /dev/null --data-binary @- http://127.0.0.1:18080/upload
(exec 3<>/dev/tcp/127.0.0.1/18080; printf 'FROB / HTTP/1.1\r\n\r\n' >&3; cat <&3 >/dev/null)
(exec 3<>/dev/tcp/127.0.0.1/18080; exec 3>&-)
sleep 0.5
nginx -c "$W/nginx/nginx.conf" -s reload 2>> "$OUT/nginx_run.err"; sleep 1
sed 's#nginx.pid#second.pid#' "$W/nginx/nginx.conf" > "$W/nginx/second.conf"
cap nginx_bind nginx   "timeout 10 nginx -c $W/nginx/second.conf"
nginx -c "$W/nginx/nginx.conf" -s quit 2>> "$OUT/nginx_run.err"; sleep 1; wait $BG 2>/dev/null
note nginx_syslog
nginx -c "$W/nginx/sys.conf" 2>/dev/null & BG=$!; sleep 1
curl -s -o /dev/null http://127.0.0.1:18090/favicon.ico; curl -s -o /dev/null http://127.0.0.1:18090/up/
nginx -c "$W/nginx/sys.conf" -s quit 2>/dev/null; sleep 1; wait $BG 2>/dev/null

# ================================================================ curl / wget (against nginx on 18080)
nginx -c "$W/nginx/nginx.conf" -g 'error_log /dev/null;' 2>/dev/null & BG=$!; sleep 1
cap curl       curl    'curl -sS http://127.0.0.1:9/; curl -sSf http://127.0.0.1:18080/nope; curl -v -s -o /dev/null http://127.0.0.1:18080/; curl -sS --retry 2 --retry-delay 1 --retry-connrefused http://127.0.0.1:9/; curl -sS htp://x; curl -sS -m 1 http://127.0.0.1:18080/ -o /nonexistent/dir/f; curl -sS --unknown-opt'
cap wget       wget    'wget -O /dev/null http://127.0.0.1:18080/; wget -O /dev/null http://127.0.0.1:18080/nope; wget -t 1 http://127.0.0.1:9/; wget -O /dev/null ftpx://bad'
nginx -c "$W/nginx/nginx.conf" -s quit 2>/dev/null; sleep 1; wait $BG 2>/dev/null

# ================================================================ python3
cap py_basic   python3 "$PY $PROGS/py_logging_basic.py"
cap py_fmt     python3 "$PY $PROGS/py_logging_fmt.py"
cap py_json    python3 "$PY $PROGS/py_logging_json.py"
cap py_json2   python3 "$PY $PROGS/py_logging_json_stdlib.py"
cap py_warn    python3 "$PY -X dev $PROGS/py_warnings.py"
cap py_cli     python3 "$PY nofile.py; $PY -m json.tool bad.json; $PY -m nosuchmodule; $PY -W error -c 'import warnings; warnings.warn(\"x\")' 2>/dev/null; $PY -c 'import sys; sys.exit(\"fatal: config directory /etc/demo missing\")'; $PY -X frob -c pass"
cap py_tb      python3 "$PY $PROGS/py_traceback.py"
cap py_chained python3 "$PY $PROGS/py_chained.py"
cap py_context python3 "$PY $PROGS/py_context.py"
cap py_syntax  python3 "$PY $PROGS/py_syntax.py"
cap py_recursion python3 "$PY $PROGS/py_recursion.py"
cap py_thread  python3 "$PY $PROGS/py_thread.py"
cap py_exc_logged python3 "$PY $PROGS/py_exc_logged.py"
cap py_import  python3 "$PY -c 'import numpyy'"
cap py_kbd     python3 "timeout -s INT 1 $PY -c 'import time; time.sleep(5)'"
cap pip        pip     "pip download -d $W/pipdl --index-url http://127.0.0.1:9/simple --retries 1 --timeout 1 withlog-nothing-pkg"
note py_syslog; $PY "$PROGS/py_syslog.py"

# ================================================================ perl
cap perl       perl    'perl -e "warn qq{disk almost full\n}; print STDERR qq{}"; perl -we "my \$x; print STDERR \$x . qq{\n}"; perl -e "if (1 { }"; perl -we "my @a = (1); my \$s = @a[0];"; perl -e "open(my \$f, q{<}, q{/etc/withlog.conf}) or die qq{Cannot open /etc/withlog.conf: \$!\n}"; perl -e "die"; perl -MNoSuch::Module -e 1; perl -Mstrict -e "\$x = 1"; perl -we "print STDERR 1 + q{3abc}, qq{\n}"; perl -e "warn q{deprecated option --old used, please use --new}"'
cap perl_carp  perl    'perl -MCarp -e "sub load { confess q{schema version mismatch} } sub init { load() } init()"'

# ================================================================ bash / dash
cap bash       bash    'bash -c "nosuchcmd --x"; bash -c "echo )"; bash -c "if true; then"; bash -c "cd /nonexistent"; bash -c "x=\${a/"; bash -uc "echo \$UNSET_VAR_X; echo never"; bash -c "echo hi > /nonexistent/f"; bash -c "readonly R=1; R=2"; bash -c "kill -9999 999999"; bash -c "exec 3<&-; echo x >&3"; bash -c "declare -A m; m[a]=1; echo \${m[a]:?not set} >/dev/null; echo \${EMPTY:?must be set}"; bash -c "ulimit -n bogus"'
cap bash_x     bash    'bash -xc "name=world; echo hello \$name >/dev/null; for i in 1 2; do true \$i; done; [ -f /etc/hostname ] && cat /etc/hostname >/dev/null"'
cap dash       dash    'dash -c "nosuchcmd"; dash -c "echo )"; dash -c "cd /nonexistent"; dash -xc "a=1; echo \$a >/dev/null"; dash -c "set -u; echo \$NOPE"'

# ================================================================ ssh-keygen / ssh / sshd / openssl / gpg
cap ssh_keygen ssh-keygen "ssh-keygen -l -f /nonexistent; ssh-keygen -q -t ed25519 -N '' -f $W/k1 </dev/null; chmod 644 $W/k1; ssh-keygen -y -f $W/k1; ssh-keygen -t rsa -b 512 -N '' -f $W/k2; ssh-keygen -F 127.0.0.1 -f /nonexistent; ssh-keygen -t frob"
cap openssl    openssl "openssl x509 -in /dev/null -noout; openssl req -x509 -nodes -newkey rsa:2048 -keyout $W/ossl.key -out $W/ossl.crt -subj /CN=withlog.local -days 1; openssl s_client -connect 127.0.0.1:9 </dev/null >/dev/null; openssl frob; openssl rsa -in /nonexistent -noout; openssl verify $W/ossl.crt"
cap gpg        gpg     "mkdir -p $W/gnupg; chmod 755 $W/gnupg; gpg --homedir $W/gnupg --list-keys; gpg --homedir $W/gnupg --batch --import a.txt; gpg --homedir $W/gnupg --verify nofile.sig; gpg --homedir $W/gnupg --batch --passphrase pw -c -o $W/a.gpg a.txt; gpg --homedir $W/gnupg --batch --passphrase pw -d $W/a.gpg >/dev/null; gpg --homedir $W/gnupg --batch --passphrase wrong -d $W/a.gpg; gpg --homedir $W/gnupg --frob"
mkdir -p /run/sshd
cp "$W/k1" "$W/hostkey" 2>/dev/null || ssh-keygen -q -t ed25519 -N '' -f "$W/hostkey"
chmod 600 "$W/hostkey"
cat > "$W/sshd_config" <<EOF
Port 12222
ListenAddress 127.0.0.1
HostKey $W/hostkey
PidFile $W/sshd.pid
UsePAM yes
PasswordAuthentication no
KbdInteractiveAuthentication no
EOF
printf 'Port 12222\nFrobnicate yes\nPermitRootLogin maybe\n' > "$W/sshd_bad"
rmdir /run/sshd
cap sshd_t     sshd    "/usr/sbin/sshd -t -f $W/sshd_config"
mkdir -p /run/sshd
cap sshd_t2    sshd    "/usr/sbin/sshd -t -f $W/sshd_bad; /usr/sbin/sshd -t -f $W/sshd_config -h /nonexistent_key; /usr/sbin/sshd -t -f /nonexistent; chmod 644 $W/hostkey; /usr/sbin/sshd -t -f $W/sshd_config; chmod 600 $W/hostkey"
sed "s#^HostKey .*#HostKey /nonexistent_key#" "$W/sshd_config" > "$W/sshd_nokey"
cap sshd_start sshd "/usr/sbin/sshd -D -f $W/sshd_nokey; /usr/sbin/sshd -D -f $W/sshd_bad"
note sshd_syslog
/usr/sbin/sshd -D -f "$W/sshd_config" & SSHD=$!
sleep 1
cap ssh        ssh     "ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=$W/kh -p 12222 nosuchuser@127.0.0.1 true; ssh -o BatchMode=yes -o UserKnownHostsFile=$W/kh -p 12222 root@127.0.0.1 true; ssh -o BatchMode=yes -p 9 127.0.0.1 true; ssh -o Frob=1 x; (exec 3<>/dev/tcp/127.0.0.1/12222; printf 'GET / HTTP/1.0\r\n\r\n' >&3; cat <&3 >/dev/null); (exec 3<>/dev/tcp/127.0.0.1/12222; exec 3>&-)"
# a known_hosts entry with the wrong key for the server
ssh-keygen -q -t ed25519 -N '' -f "$W/other" </dev/null && echo "[127.0.0.1]:12222 $(cut -d' ' -f1-2 "$W/other.pub")" > "$W/kh_bad"
cap ssh_changed ssh    "ssh -o BatchMode=yes -o UserKnownHostsFile=$W/kh_bad -p 12222 root@127.0.0.1 true"
sleep 0.5; kill $SSHD; wait $SSHD 2>/dev/null

# ================================================================ syslog senders: logger, sudo, su, useradd, cron
note logger
logger -p user.err -t backup 'rsync to 127.0.0.1::nas failed: connection refused, retrying in 60s'
logger -p user.warning -t backup 'snapshot older than 2 days'
logger -p user.info -t backup 'backup finished: 0 errors, 1532 files'
logger -p local0.notice -t deployd 'release 4.2 activated'
logger -p daemon.crit -t raidmon 'array md0 degraded, disk sdb failed'
logger -p user.debug -t backup 'checksum of block 17 ok'
logger -p auth.alert -t guard 'terror-level keyword filter reloaded'
logger -p user.emerg -t kernel-sim 'filesystem /data remounted read-only'
cap logger_err logger  'logger --socket-errors=on -u /nonexistent/log "x"; logger -p user.frob x'
note sudo
cap sudo       sudo    "sudo -n true; sudo -u nosuchuser true; $ASNOBODY sudo -n true; sudo -n /nonexistent/cmd; sudo -l -U nobody"
note su
cap su         su      'su -s /bin/true nobody; su nosuchuser -c true; su -s /bin/sh nobody -c "exit 3"'
note useradd
cap useradd    useradd 'groupadd wlcorpus; useradd -g wlcorpus -M -s /usr/sbin/nologin wlcorpus; useradd wlcorpus; useradd -u abc bad; usermod -L wlcorpus; passwd -S wlcorpus >/dev/null; userdel wlcorpus; groupdel wlcorpus; userdel wlcorpus; groupadd -g 0 dup0'
note cron
cat > /etc/cron.d/withlog-corpus <<'EOF'
* * * * * root echo "cron job output"; ls /nonexistent-cron-dir
EOF
cat > /etc/cron.d/withlog-corpus-bad <<'EOF'
* * * * root missing-field
EOF
chmod 644 /etc/cron.d/withlog-corpus /etc/cron.d/withlog-corpus-bad
cron -f -L 15 2> "$OUT/cron_stderr.err" & CRON=$!
# wait for one minute boundary so the job runs
sleep $(( 66 - $(date +%S | sed 's/^0//') ))
kill $CRON; wait $CRON 2>/dev/null
rm -f /etc/cron.d/withlog-corpus /etc/cron.d/withlog-corpus-bad
cap crontab    crontab "$ASNOBODY crontab -l; crontab -u nosuchuser -l; crontab /nonexistent; echo 'bad line' | crontab -u nobody -"
crontab -u nobody -r 2>/dev/null

# ================================================================ dnsmasq (loopback 15353)
note dnsmasq_syslog
dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --port=15353 \
    --listen-address=127.0.0.1 --bind-interfaces --log-queries --pid-file="$W/dnsmasq.pid" \
    --address=/test.local/127.0.0.5 --server=127.0.0.1#9 --user=root & DNSM=$!
sleep 1
dig +short +tries=1 +time=1 @127.0.0.1 -p 15353 test.local >/dev/null
dig +short +tries=1 +time=1 @127.0.0.1 -p 15353 other.example >/dev/null
dig +short +tries=1 +time=1 @127.0.0.1 -p 15353 -t MX test.local >/dev/null
cap dnsmasq_busy dnsmasq "dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --port=15353 --listen-address=127.0.0.1 --bind-interfaces --pid-file=$W/dnsmasq2.pid --user=root"
kill $DNSM; wait $DNSM 2>/dev/null
cap dnsmasq_stderr dnsmasq "timeout -s TERM 3 dnsmasq --no-daemon --log-facility=- --conf-file=/dev/null --no-resolv --port=15354 --listen-address=127.0.0.1 --bind-interfaces --log-queries --address=/test.local/127.0.0.5 --user=root --frob; timeout -s TERM 3 dnsmasq --no-daemon --log-facility=- --conf-file=/dev/null --no-resolv --port=15354 --listen-address=127.0.0.1 --bind-interfaces --log-queries --address=/test.local/127.0.0.5 --user=root & sleep 1; dig +short @127.0.0.1 -p 15354 test.local >/dev/null; dig +short @127.0.0.1 -p 15354 nothing.invalid >/dev/null; wait"
cap dig        dig     'dig @127.0.0.1 -p 9 +tries=1 +time=1 example.test >/dev/null; dig +frob'

# ================================================================ rsyslogd / systemd tools
printf 'module(load="imuxsock")\nfrobnicate on\n*.* /nonexistent/dir/log\n$ActionFoo bar\n' > "$W/rsyslog-bad.conf"
cap rsyslogd   rsyslogd "rsyslogd -N1; rsyslogd -N1 -f $W/rsyslog-bad.conf; rsyslogd -N1 -f /nonexistent.conf"
printf '[Unit]\nDescription=demo\n[Service]\nExecStart=relative/path\nFooBar=1\nRestart=sometimes\n' > "$W/bad.service"
printf 'd /tmp/withlog-demo 0755 root root -\nz~ /tmp/x\nq /tmp/y 0755 nosuchuser - -\n' > "$W/bad-tmpfiles.conf"
printf 'u wl 999 "x"\nfoo bar\n' > "$W/sysusers.conf"
cap systemd_prefixed systemd-analyze "SYSTEMD_LOG_TARGET=console-prefixed systemd-analyze verify $W/bad.service; SYSTEMD_LOG_TARGET=console-prefixed SYSTEMD_LOG_LEVEL=debug systemd-tmpfiles --create --prefix=/nonexistent-prefix $W/bad-tmpfiles.conf; SYSTEMD_LOG_TARGET=console-prefixed systemd-sysusers --dry-run $W/sysusers.conf"
cap systemd_plain systemd-analyze "systemd-analyze verify $W/bad.service; systemd-tmpfiles --create --prefix=/nonexistent-prefix $W/bad-tmpfiles.conf; systemctl status nonexistent.service"

# ================================================================ postgres (unix socket only)
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
mkdir -p "$W/pgsock" && chown postgres "$W/pgsock"
rm -rf "$W/pg"; mkdir -p "$W/pg" && chown postgres "$W/pg"
PGU="setpriv --reuid=postgres --regid=postgres --init-groups"
cap initdb     initdb  "$PGU $PGBIN/initdb -D $W/pg >/dev/null"
chmod 755 "$W/pg"
cap postgres_perm postgres "$PGU $PGBIN/postgres -D $W/pg -k $W/pgsock -c listen_addresses="
chmod 700 "$W/pg"
note postgres
printf '%s\n%s\n' postgres "postgres -D pg -k pgsock -p 15432 -c listen_addresses= ; psql requests; pg_ctl stop" > "$OUT/postgres.meta"
$PGU $PGBIN/postgres -D "$W/pg" -k "$W/pgsock" -p 15432 -c listen_addresses= -c log_connections=on 2> "$OUT/postgres.err" & BG=$!
sleep 2
PSQL="$PGU psql -h $W/pgsock -p 15432 -X -q"
cap psql       psql    "$PSQL -U nosuchrole -c 'select 1'; $PSQL -c 'select * from nope'; $PSQL -c 'create table if not exists t(a int); create table if not exists t(a int)'; $PSQL -c \"do \\\$\\\$ begin raise notice 'vacuum skipped for t'; raise warning 'table t has no primary key'; end \\\$\\\$\"; $PSQL -c 'select 1/0'; $PSQL -c 'checkpoint'; $PSQL -d nosuchdb -c 'select 1'; psql -h 127.0.0.1 -p 9 -c 'select 1'; $PSQL -c 'drop table nope'; $PSQL -c 'drop table if exists nope'"
$PGU $PGBIN/pg_ctl -D "$W/pg" stop -m fast >/dev/null 2>&1; sleep 1; wait $BG 2>/dev/null
note postgres_syslog
$PGU $PGBIN/postgres -D "$W/pg" -k "$W/pgsock" -p 15432 -c listen_addresses= -c log_destination=syslog -c syslog_ident=postgres 2>/dev/null & BG=$!
sleep 2
$PSQL -U nosuchrole -c 'select 1' 2>/dev/null; $PSQL -c 'select * from nope' 2>/dev/null
$PGU $PGBIN/pg_ctl -D "$W/pg" stop -m fast >/dev/null 2>&1; sleep 1; wait $BG 2>/dev/null

# ================================================================ redis (loopback 16379)
note redis
printf '%s\n%s\n' redis-server "redis-server --port 16379 --bind 127.0.0.1 --save '' --logfile /dev/stderr --loglevel verbose; redis-cli; redis-cli shutdown" > "$OUT/redis.meta"
redis-server --port 16379 --bind 127.0.0.1 --save '' --appendonly no --logfile /dev/stderr --loglevel verbose --dir "$W" --maxmemory 1gb 2> "$OUT/redis.err" & BG=$!
sleep 1
redis-cli -p 16379 set k v >/dev/null; redis-cli -p 16379 config set save "60 1" >/dev/null
redis-cli -p 16379 bgsave >/dev/null; sleep 1
redis-cli -p 16379 shutdown nosave >/dev/null 2>&1; sleep 1; wait $BG 2>/dev/null
cap redis_cli  redis-cli 'redis-cli -p 9 ping; redis-cli -p 16379 frob'
cap redis_bad  redis-server 'redis-server --port 16379 --frobnicate yes; redis-server /nonexistent.conf'
note redis_syslog
redis-server --port 16379 --bind 127.0.0.1 --save '' --syslog-enabled yes --syslog-ident redis --logfile '' --daemonize no --dir "$W" >/dev/null 2>&1 & BG=$!
sleep 1; redis-cli -p 16379 shutdown nosave >/dev/null 2>&1; sleep 1; wait $BG 2>/dev/null
note redis_crash
redis-server --port 16379 --bind 127.0.0.1 --save '' --logfile /dev/stderr --dir "$W" --enable-debug-command yes 2> "$OUT/redis_crash.err" & BG=$!
sleep 1; redis-cli -p 16379 debug segfault >/dev/null 2>&1; sleep 2; wait $BG 2>/dev/null
printf '%s\n%s\n' redis-server "redis-server ... --enable-debug-command yes; redis-cli debug segfault" > "$OUT/redis_crash.meta"

# ================================================================ etcd (capnslog and zap), node_exporter (go-kit logfmt)
cap etcd       etcd    "rm -rf $W/etcd; timeout -s TERM 6 etcd --name default --data-dir $W/etcd --listen-client-urls http://127.0.0.1:12379 --advertise-client-urls http://127.0.0.1:12379 --listen-peer-urls http://127.0.0.1:12380 --initial-advertise-peer-urls http://127.0.0.1:12380 --initial-cluster default=http://127.0.0.1:12380"
cap etcd_zap   etcd    "timeout -s TERM 6 etcd --logger=zap --name default --data-dir $W/etcd --listen-client-urls http://127.0.0.1:12379 --advertise-client-urls http://127.0.0.1:12379 --listen-peer-urls http://127.0.0.1:12380 --initial-advertise-peer-urls http://127.0.0.1:12380 --initial-cluster default=http://127.0.0.1:12380"
cap etcd_bad   etcd    "etcd --frob; etcd --logger=zap --data-dir /proc/nope"
cap node_exporter prometheus-node-exporter "prometheus-node-exporter --web.listen-address=127.0.0.1:19100 --log.level=debug & sleep 2; curl -s -o /dev/null http://127.0.0.1:19100/metrics; prometheus-node-exporter --web.listen-address=127.0.0.1:19100; kill %1; wait; prometheus-node-exporter --collector.frob; prometheus-node-exporter --log.level=loud; prometheus-node-exporter --log.format=json --web.listen-address=127.0.0.1:19101 --collector.textfile.directory=/nonexistent & sleep 2; curl -s -o /dev/null http://127.0.0.1:19101/metrics; kill %1; wait"

# ================================================================ Go: log package, runtime panics, go toolchain
cd "$PROGS/go"
for d in panic deadlock nilmap logstd logfatal logpanic goroutine_panic jsonlog; do (cd $d && go build -o "$BIN/go-$d" .); done
for d in logrus_text logrus_json; do (cd $d && GO111MODULE=off GOPATH=/usr/share/gocode go build -o "$BIN/go-$d" .); done
cd "$P"
for d in logstd logfatal logpanic panic deadlock nilmap goroutine_panic logrus_text logrus_json jsonlog; do
    cap go_$d go-$d "$BIN/go-$d"
done
cap go_build   go      "cd $PROGS/go/badbuild && go build -o /dev/null ."
cap go_vet     go      "cd $PROGS/go/vetme && go vet ."
cap go_misc    go      'go frob; go run /nonexistent.go; cd /tmp && go build .'

# ================================================================ Rust: rustc diagnostics and panics
mkdir -p rs && cd rs
cap rustc_err  rustc   "cd rs; rustc $PROGS/rust/compile_err.rs -o /dev/null"
cap rustc_warn rustc   "cd rs; rustc $PROGS/rust/compile_warn.rs -o $BIN/rs_warn"
cap rustc_borrow rustc "cd rs; rustc $PROGS/rust/borrow_err.rs -o /dev/null"
for r in panic_main panic_unwrap panic_thread panic_index; do rustc -g "$PROGS/rust/$r.rs" -o "$BIN/rs_$r" 2>/dev/null; done
cd "$P"
cap rs_panic_main   rs_panic_main "$BIN/rs_panic_main"
cap rs_panic_bt     rs_panic_main "RUST_BACKTRACE=1 $BIN/rs_panic_main"
cap rs_panic_unwrap rs_panic_unwrap "$BIN/rs_panic_unwrap"
cap rs_panic_thread rs_panic_thread "$BIN/rs_panic_thread"
cap rs_panic_index  rs_panic_index "RUST_BACKTRACE=1 $BIN/rs_panic_index"
cap cargo      cargo   "rm -rf cargodemo; cargo new -q cargodemo && cd cargodemo && printf 'fn main() { let unused = 1; }\n' > src/main.rs && cargo build --offline; cargo build --offline; cargo frob; cargo build --offline --manifest-path /nonexistent/Cargo.toml"

# ================================================================ Java: exceptions, javac, JUL, log4j2, logback, slf4j-simple
mkdir -p "$W/java" && cp "$PROGS"/java/* "$W/java/"
cd "$W/java"
CP=/usr/share/java/log4j-api.jar:/usr/share/java/log4j-core.jar:/usr/share/java/slf4j-api.jar
javac Main.java Npe.java ThreadDies.java Jul.java 2>/dev/null
javac -cp "$CP" Log4j.java Logback.java Simple.java 2>/dev/null
printf 'public class Broken {\n  public static void main(String[] a) {\n    List<String> l = new ArrayList<>();\n    int x = "s";\n  }\n}\n' > Broken.java
printf 'import java.util.*;\npublic class Unchecked { public static void main(String[] a) { List l = new ArrayList(); l.add("x"); Thread.currentThread().stop(); } }\n' > Unchecked.java
cd "$P"
cap java_main  java    "cd $W/java && java Main"
cap java_npe   java    "cd $W/java && java Npe"
cap java_thread java   "cd $W/java && java ThreadDies"
cap java_jul   java    "cd $W/java && java Jul"
cap java_log4j java    "cd $W/java && java -cp .:$CP -Dlog4j.configurationFile=log4j2.xml Log4j"
cap java_logback java  "cd $W/java && java -cp .:/usr/share/java/slf4j-api.jar:/usr/share/java/logback-classic.jar:/usr/share/java/logback-core.jar -Dlogback.configurationFile=logback.xml Logback"
cap java_slf4j_simple java "cd $W/java && java -cp .:/usr/share/java/slf4j-api.jar:/usr/share/java/slf4j-simple.jar Simple"
cap java_slf4j_nop java "cd $W/java && java -cp .:/usr/share/java/slf4j-api.jar Simple"
cap java_misc  java    'java -jar /nonexistent.jar; java NoSuchClass; java -Xmx1k -version; java -XX:+FrobOption -version'
cap javac      javac   "cd $W/java && javac Broken.java; javac Unchecked.java"

# ================================================================ node / npm
cat > node_throw.js <<'EOF'
const fs = require('fs');
function readConfig(p) { return JSON.parse(fs.readFileSync(p, 'utf8')); }
readConfig('/etc/withlog-demo.json');
EOF
cat > node_reject.js <<'EOF'
async function fetchUser(id) { throw new TypeError(`user id ${id} is not a number`); }
fetchUser('abc');
EOF
cap node_throw node    'node node_throw.js'
cap node_reject node   'node node_reject.js'
cap node_warn  node    "node -e 'new Buffer(4); process.emitWarning(\"cache dir is on tmpfs\", \"PerfWarning\"); console.error(\"console.error: fetch failed, will retry\"); console.warn(\"console.warn: using default port 3000\")'; node --frob; node nofile.js"
cap npm        npm     'npm --registry http://127.0.0.1:9/ --fetch-retries 0 --fetch-timeout 2000 view left-pad; npm frob; npm --registry http://127.0.0.1:9/ --fetch-retries 0 --loglevel warn --prefix /tmp/npmx install --dry-run /nonexistent-dir'

# ================================================================ tclsh
printf 'proc f {} { error "backend unreachable" }\nf\n' > tcl_err.tcl
printf 'set fh [open /nonexistent/config.tcl r]\n' > tcl_open.tcl
cap tclsh      tclsh   'tclsh tcl_err.tcl; tclsh tcl_open.tcl'

# ================================================================ strace (syscall trace)
cap strace     strace  'strace -e trace=openat,read,close -e signal=none cat /nonexistent-strace-file'

# ---------------------------------------------------------------- done
note end
sleep 1
kill $LISTENER; wait $LISTENER 2>/dev/null
[ "$(stat -c %i /dev/log 2>/dev/null)" = "$DEVLOG_INODE" ] && rm -f /dev/log
rmdir /run/sshd 2>/dev/null
userdel wlcorpus 2>/dev/null; groupdel wlcorpus 2>/dev/null
echo "raw captures in $OUT; now run: python3 $HERE/build.py $OUT"
