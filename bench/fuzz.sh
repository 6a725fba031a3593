#!/usr/bin/env bash
# Runs every fuzz target (tests/fuzz_*.rs, whoever wrote it) in release with many cases and prints
# a Markdown table of their summary lines for RELIABILITY.md:
#   fuzz <name>: <cases> cases in <secs> s (<rate> cases/s), <failures> failures
#
# Usage: bench/fuzz.sh [CASES]          (default 100000 per target)
#        CODEARTIFACT_FUZZ_TARGETS="jmespath shorthand" bench/fuzz.sh   (only those)
# Needs: .venv with awscli (the targets compare samples with Python's parsers).
set -uo pipefail
cd "$(dirname "$0")/.."
cases=${1:-100000}
targets=${CODEARTIFACT_FUZZ_TARGETS:-$(ls tests/fuzz_*.rs | sed 's|tests/fuzz_||; s|\.rs$||')}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

cargo test --release --quiet --no-run $(for t in $targets; do printf -- '--test fuzz_%s ' "$t"; done) || exit 1
status=0
echo "| target | cases | seconds | cases/s | failures |"
echo "|---|---:|---:|---:|---:|"
for t in $targets; do
  # One target at a time: the machine has two cores and some targets start processes.
  if ! CODEARTIFACT_FUZZ_CASES=$cases cargo test --release --quiet --test "fuzz_$t" -- --nocapture >"$log" 2>&1; then
    status=1
  fi
  line=$(grep -E "^fuzz $t: " "$log" | tail -n1)
  if [ -z "$line" ]; then
    echo "| $t | - | - | - | did not report (see below) |"
    sed -n '1,40p' "$log" >&2
    status=1
    continue
  fi
  echo "$line" | sed -E 's/^fuzz ([^:]+): ([0-9]+) cases in ([0-9.]+) s \(([0-9]+) cases\/s\), ([0-9]+) failures$/| \1 | \2 | \3 | \4 | \5 |/'
  if ! echo "$line" | grep -q ", 0 failures$"; then
    grep -E "minimal failing input|Test failed" -A20 "$log" >&2
  fi
done
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(uname -sm), cases per target: $cases"
exit $status
