#!/bin/sh
# 0501: the classifier against the labeled corpus (t/corpus/lines.tsv and
# multiline.tsv): agreement, confusion matrices and every disagreement as
# TAP diagnostics; fails under 97% agreement on either file.
exec "$(dirname "$0")/bin/unit/corpus" "$(dirname "$0")/corpus"
