#!/usr/bin/env bash
# Whole-process comparison of one call against the same local mock:
#   codeartifact  vs  AWS CLI v1 (`aws codeartifact`)  vs  a minimal SDK program (the floor),
# and `login --tool npm` against AWS CLI v1's. Results go to BENCHMARKS.md by hand, with the date
# and machine. Needs: hyperfine (apt-get install hyperfine), .venv with awscli (see .ci/run).
#
# Usage: bench/compare.sh [RUNS]
# CODEARTIFACT_BASELINE_BIN=path adds that build (e.g. of the base commit) to the same runs, to
# compare two builds on a shared, noisy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
if [ -z "${CODEARTIFACT_BIN:-}" ]; then
  cargo build --release --quiet --bin codeartifact --example minimal_sdk
fi
bin=${CODEARTIFACT_BIN:-target/release/codeartifact}
minimal=${MINIMAL_SDK_BIN:-target/release/examples/minimal_sdk}
baseline=${CODEARTIFACT_BASELINE_BIN:-}
work=$(mktemp -d)
trap 'kill $mock_pid 2>/dev/null; rm -rf "$work"' EXIT

"$bin" mock serve --listen 127.0.0.1:0 --data-dir "$work/data" > "$work/url" &
mock_pid=$!
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.05; done
url=$(head -n1 "$work/url")

export HOME="$work/home" AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/credentials"
mkdir -p "$HOME"
printf '[default]\nregion = us-east-1\noutput = json\ncli_timestamp_format = iso8601\n' > "$AWS_CONFIG_FILE"
printf '[default]\naws_access_key_id = AKIDBENCH\naws_secret_access_key = bench\n' > "$AWS_SHARED_CREDENTIALS_FILE"
export AWS_EC2_METADATA_DISABLED=true
aws=.venv/bin/aws

"$bin" create-domain --domain bench --endpoint-url "$url" > /dev/null
"$bin" create-repository --domain bench --repository repo --endpoint-url "$url" > /dev/null

echo "== one call: get-authorization-token"
token_baseline=()
[ -z "$baseline" ] || token_baseline=(-n "codeartifact (baseline)" "$baseline get-authorization-token --domain bench --endpoint-url $url")
hyperfine --warmup 3 --runs "$runs" -N --export-markdown "$work/token.md" \
  -n codeartifact "$bin get-authorization-token --domain bench --endpoint-url $url" \
  "${token_baseline[@]}" \
  -n "aws codeartifact (v1)" "$aws codeartifact get-authorization-token --domain bench --endpoint-url $url" \
  -n "minimal SDK program" "$minimal $url bench"
cat "$work/token.md"

if "$bin" login --help 2>/dev/null | grep -q -- --tool; then
  echo "== login --tool npm"
  export NPM_CONFIG_USERCONFIG="$work/npmrc"
  login_baseline=()
  [ -z "$baseline" ] || login_baseline=(-n "codeartifact login (baseline)" "$baseline login --tool npm --domain bench --repository repo --endpoint-url $url")
  hyperfine --warmup 2 --runs "$((runs / 2))" -N --export-markdown "$work/login.md" \
    -n "codeartifact login" "$bin login --tool npm --domain bench --repository repo --endpoint-url $url" \
    "${login_baseline[@]}" \
    -n "aws codeartifact login (v1)" "$aws codeartifact login --tool npm --domain bench --repository repo --endpoint-url $url"
  cat "$work/login.md"
fi
