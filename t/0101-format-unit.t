#!/bin/sh
# 0101: the text and JSON formatters (unit test of interpose/format.c).
exec "$(dirname "$0")/bin/unit/format"
