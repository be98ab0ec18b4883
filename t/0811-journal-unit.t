#!/bin/sh
# 0811: the journal's native protocol encoder and its field names (unit
# test of interpose/journal.c).
exec "$(dirname "$0")/bin/unit/journal"
