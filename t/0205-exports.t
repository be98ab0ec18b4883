#!/bin/sh
# 0205: the library exports exactly the functions it interposes
# (interpose/exports.list), nothing else.
top=$(cd "$(dirname "$0")/.." && pwd)
echo "1..2"
got=$(nm -D --defined-only "$top/interpose/libwithlog.so" | awk '{print $3}' |
    sed 's/@.*//' | LC_ALL=C sort)
want=$(LC_ALL=C sort "$top/interpose/exports.list")
if [ "$got" = "$want" ]; then
	echo "ok 1 - nm -D lists exactly the interposed functions"
else
	echo "not ok 1 - nm -D lists exactly the interposed functions"
	printf '%s\n' "$got" > /tmp/wl-nm.$$
	printf '%s\n' "$want" | diff - /tmp/wl-nm.$$ | sed 's/^/# /'
	rm -f /tmp/wl-nm.$$
fi
# Every exported name is a real libc function we shadow.
missing=
for f in $want; do
	nm -D --defined-only /lib/x86_64-linux-gnu/libc.so.6 2>/dev/null |
	    awk '{print $3}' | sed 's/@.*//' | grep -qx "$f" || missing="$missing $f"
done
if [ -z "$missing" ]; then
	echo "ok 2 - every exported name is a C library function"
else
	echo "not ok 2 - every exported name is a C library function"
	echo "# not in libc:$missing"
fi
