#!/bin/sh
# 0702: templates and the rate limiter with an injected clock (unit test).
exec "$(dirname "$0")/bin/unit/ratelimit"
