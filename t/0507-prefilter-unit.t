#!/bin/sh
# 0507: the cheap tests every line passes before extraction (unit test of
# interpose/extract.h).
exec "$(dirname "$0")/bin/unit/prefilter"
