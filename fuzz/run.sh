#!/usr/bin/env bash
# Fuzz govreport.parse for a bounded time; exit non-zero on a crash (issue 7).
#
#   fuzz/run.sh            # 60 s
#   fuzz/run.sh 30         # 30 s
#
# Fails on a crash (an exception or a broken invariant), a timeout (-timeout: 20 s for one input)
# and a slow unit (libFuzzer flags inputs over 10 s; lazy loads are paid before fuzzing starts).
#
# New interesting inputs go to a temporary working corpus, never into fuzz/corpus/ (the committed
# seed corpus, which is read only here). A crashing input is copied to fuzz/corpus/crash-<sha1>,
# so that tests/test_fuzz_regressions.py replays it until it is fixed; commit it with the fix.
# Without atheris, the corpus is replayed instead (and the script says so).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python}"
if [ -x .venv/bin/python ] && [ -z "${PYTHON:-}" ]; then PY=.venv/bin/python; fi
SECONDS_BUDGET="${1:-${FUZZ_SECONDS:-60}}"

if ! "$PY" -c "import atheris" 2>/dev/null; then
    echo "fuzz/run.sh: atheris is not installed (pip install atheris); replaying the corpus only" >&2
    exec "$PY" fuzz/fuzz_parse.py --replay fuzz/corpus
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/govreport-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/artifacts"

status=0
"$PY" fuzz/fuzz_parse.py "$work/corpus" fuzz/corpus \
    -max_total_time="$SECONDS_BUDGET" -timeout=20 -rss_limit_mb=4096 -max_len=4096 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 || status=$?

shopt -s nullglob
found=0
for f in "$work"/artifacts/*; do
    sha="$(sha1sum "$f" | cut -c1-16)"
    kind="$(basename "$f" | cut -d- -f1)"   # crash, timeout, oom, leak, slow-unit
    cp "$f" "fuzz/corpus/${kind}-${sha}"
    echo "fuzz/run.sh: $kind input saved as fuzz/corpus/${kind}-${sha}" >&2
    found=$((found + 1))
done
if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
    echo "fuzz/run.sh: FAILED (exit $status, $found artifact(s)); add the fix and keep the corpus file" >&2
    exit 1
fi
echo "fuzz/run.sh: no crash in ${SECONDS_BUDGET} s"
