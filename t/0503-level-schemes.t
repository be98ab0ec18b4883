#!/bin/sh
# 0503: the level schemes' names and numbers (unit test of level.c).
exec "$(dirname "$0")/bin/unit/level"
