#!/bin/sh
# 0810: the queue of the network and journald sinks against real sockets
# (unit test of interpose/netq.c): exact drop counts, the drop notice,
# TCP framing, fork, UDP cuts, journal datagrams and memfds, the stderr
# fallback and the accounting at exit.
exec "$(dirname "$0")/bin/unit/netq"
