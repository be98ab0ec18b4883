#!/bin/sh
# 0507: the cheap tests every line passes before extraction and before
# report grouping (unit test of interpose/extract.h and report.c).
exec "$(dirname "$0")/bin/unit/prefilter"
