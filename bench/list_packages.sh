#!/usr/bin/env bash
# Auto-pagination over a large listing (issue 3): `codeartifact list-packages` vs
# `aws codeartifact list-packages` (v1) against the same mock holding N packages, both with
# `--page-size 1000`; wall time by hyperfine, peak RSS by GNU time. The packages are inserted
# straight into the mock's SQLite database (a bulk seed; publishing 100,000 packages through the
# API would take longer than the benchmark).
#
# Usage: bench/list_packages.sh [N] (default 100000). CODEARTIFACT_BIN overrides the binary;
# CODEARTIFACT_BASELINE_BIN=path adds that build (e.g. of the base commit) to the same runs.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
bin=${CODEARTIFACT_BIN:-target/release/codeartifact}
[ -n "${CODEARTIFACT_BIN:-}" ] || cargo build --release --quiet --bin codeartifact
work=$(mktemp -d)
mock_pid=
trap '[ -n "$mock_pid" ] && kill $mock_pid 2>/dev/null; rm -rf "$work"' EXIT
export HOME="$work/home" AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/credentials"
mkdir -p "$HOME"
printf '[default]\nregion = us-east-1\ncli_timestamp_format = iso8601\n' > "$AWS_CONFIG_FILE"
printf '[default]\naws_access_key_id = AKIDBENCH\naws_secret_access_key = bench\n' > "$AWS_SHARED_CREDENTIALS_FILE"
export AWS_EC2_METADATA_DISABLED=true

start_mock() {
  "$bin" mock serve --listen 127.0.0.1:0 --data-dir "$work/data" > "$work/url" &
  mock_pid=$!
  for _ in $(seq 200); do [ -s "$work/url" ] && break; sleep 0.05; done
  url=$(head -n1 "$work/url")
}

start_mock
"$bin" create-domain --domain bench --endpoint-url "$url" > /dev/null
"$bin" create-repository --domain bench --repository repo --endpoint-url "$url" > /dev/null
kill $mock_pid; wait $mock_pid 2>/dev/null || true; : > "$work/url"
python3 - "$work/data/codeartifact.sqlite3" "$n" <<'PY'
import sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
c.executemany(
    "INSERT INTO packages (domain, repository, format, namespace, name, publish, upstream)"
    " VALUES ('bench', 'repo', 'generic', 'ns', ?, 'ALLOW', 'BLOCK')",
    ((f"pkg-{i:06d}",) for i in range(n)),
)
c.commit()
PY
start_mock
echo "mock at $url with $n packages"

list="list-packages --domain bench --repository repo --page-size 1000 --endpoint-url $url"
"$bin" $list --query 'length(packages)'
baseline=${CODEARTIFACT_BASELINE_BIN:-}
for who in codeartifact baseline aws; do
  case $who in
    codeartifact) cmd="$bin $list" ;;
    baseline) [ -n "$baseline" ] || continue; cmd="$baseline $list" ;;
    aws) cmd=".venv/bin/aws codeartifact $list" ;;
  esac
  /usr/bin/time -f "$who: %e s, peak RSS %M KiB" $cmd > /dev/null
done
list_baseline=()
[ -z "$baseline" ] || list_baseline=(-n "codeartifact (baseline)" "$baseline $list")
hyperfine --warmup 1 --runs 5 -N \
  -n codeartifact "$bin $list" \
  "${list_baseline[@]}" \
  -n "aws codeartifact (v1)" ".venv/bin/aws codeartifact $list"
