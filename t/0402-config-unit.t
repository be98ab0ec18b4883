#!/bin/sh
# 0402: the configuration module in a privileged process (unit test).
exec "$(dirname "$0")/bin/unit/config"
