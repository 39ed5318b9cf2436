#!/bin/bash
# Instructions per extracted article under callgrind: the repeatable speed figure on a shared machine.
#   bash benchmarks/callgrind_extract.sh [TREE] [N]      (TREE: a checkout, default this one; N articles, default 120)
# Runs valgrind twice with PYTHONHASHSEED=0: building extract_bench's corpus of N articles and extracting
# each, then only building it; prints (difference) / N. Needs valgrind; PYTHON picks the interpreter.
set -euo pipefail
TREE=$(cd "${1:-$(dirname "$0")/..}" && pwd); N=${2:-120}; PY=${PYTHON:-python}
SETUP="import sys; sys.path.insert(0, '$TREE/benchmarks'); from extract_bench import corpus; from eventdb.extract import extract, tools_for; tools_for(); arts = list(corpus($N))"
count() {
  (cd /tmp && PYTHONHASHSEED=0 PYTHONPATH="$TREE" valgrind --tool=callgrind --callgrind-out-file=/dev/null "$PY" -c "$1" 2>&1) \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
WITH=$(count "$SETUP; [extract(a) for a in arts]")
WITHOUT=$(count "$SETUP")
"$PY" -c "print(f'{($WITH - $WITHOUT) / $N / 1e6:.2f} M instructions/article ($TREE, N=$N)')"
