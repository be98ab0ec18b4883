#!/bin/sh
# 0805: sink definitions, output lists and WITHLOG_OUTPUT in a privileged
# process (unit test).
exec "$(dirname "$0")/bin/unit/sinkconf"
