#!/bin/sh
# 0502: the classification stage, detector by detector (unit test).
exec "$(dirname "$0")/bin/unit/classify"
