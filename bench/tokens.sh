#!/usr/bin/env bash
# Tokens (issue 12), against one local mock (`codeartifact mock serve -v`, release build):
#  1. cargo's credential provider, per cargo invocation: `codeartifact --cargo-plugin` with a warm
#     token cache vs `cargo:token-from-stdout <.venv>/bin/aws codeartifact get-authorization-token`
#     (AWS CLI v1, AWS's own advice for cargo): the provider alone, then whole `cargo fetch` runs
#     of a crate with registry dependencies (index and downloads removed before each run, so
#     every run authenticates and downloads).
#  2. `login --tool npm --tool pip --tool maven` (warm cache, and --no-token-cache) vs three AWS
#     CLI v1 logins (npm, pip, twine: the v1 CLI has no maven).
#  3. GetAuthorizationToken calls the emulator sees for a CI job using three tools (login npm,
#     login pip, cargo fetch twice): codeartifact vs AWS CLI v1 logins and token-from-stdout.
# Results go to BENCHMARKS.md by hand, with the date and machine. Needs hyperfine
# (apt-get install hyperfine), .venv with awscli (see .ci/run), npm, cargo.
#
# Usage: bench/tokens.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${1:-20}
if [ -z "${CODEARTIFACT_BIN:-}" ]; then
  cargo build --release --quiet --bin codeartifact
fi
bin=$(realpath "${CODEARTIFACT_BIN:-target/release/codeartifact}")
aws=$root/.venv/bin/aws
# The toolchain's own cargo and rustc, first on PATH: rustup's proxies need the real HOME.
cargo_bin=$(rustup which cargo 2>/dev/null || command -v cargo)
export PATH="$(dirname "$cargo_bin"):$PATH"
work=$(mktemp -d)
trap 'kill $mock_pid 2>/dev/null; rm -rf "$work"' EXIT

"$bin" mock serve -v --listen 127.0.0.1:0 --data-dir "$work/data" > "$work/url" 2> "$work/mock.log" &
mock_pid=$!
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.05; done
url=$(head -n1 "$work/url")
token_calls() { sleep 0.2; grep -c ' GetAuthorizationToken -> 200' "$work/mock.log" || true; }

export HOME="$work/home" AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/credentials"
export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/xdg-config" AWS_EC2_METADATA_DISABLED=true
export CARGO_TERM_PROGRESS_WHEN=never
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_CODEARTIFACT
mkdir -p "$HOME"
printf '[default]\nregion = us-east-1\noutput = json\n' > "$AWS_CONFIG_FILE"
printf '[default]\naws_access_key_id = AKIDBENCH\naws_secret_access_key = bench\n' > "$AWS_SHARED_CREDENTIALS_FILE"
"$bin" create-domain --domain bench --endpoint-url "$url" > /dev/null
"$bin" create-repository --domain bench --repository repo --endpoint-url "$url" > /dev/null
index="sparse+$url/cargo/d/bench-111122223333/repo/"

echo "== publishing three crates with the provider"
export CARGO_HOME="$work/cargo-ours"
"$bin" login --tool cargo --domain bench --repository repo --endpoint-url "$url" > /dev/null
for name in tk-a tk-b tk-c; do
  mkdir -p "$work/$name/src"
  printf '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2021"\ndescription = "bench"\nlicense = "MIT"\n' "$name" > "$work/$name/Cargo.toml"
  echo 'pub fn f() {}' > "$work/$name/src/lib.rs"
  (cd "$work/$name" && "$cargo_bin" publish --quiet --registry codeartifact --allow-dirty --no-verify)
done
mkdir -p "$work/app/src"
printf '[package]\nname = "app"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n' > "$work/app/Cargo.toml"
for name in tk-a tk-b tk-c; do
  printf '%s = { version = "0.1", registry = "codeartifact" }\n' "$name" >> "$work/app/Cargo.toml"
done
echo 'fn main() {}' > "$work/app/src/main.rs"

# The same registry for AWS's way: no token file, `cargo:token-from-stdout` running AWS CLI v1.
mkdir -p "$work/cargo-aws"
cat > "$work/cargo-aws/config.toml" <<EOF
[registries.codeartifact]
index = "$index"
credential-provider = "cargo:token-from-stdout $aws codeartifact get-authorization-token --domain bench --domain-owner 111122223333 --endpoint-url $url --query authorizationToken --output text"
EOF

request="{\"v\":1,\"kind\":\"get\",\"operation\":\"read\",\"registry\":{\"index-url\":\"$index\",\"name\":\"codeartifact\"}}"
echo "$request" > "$work/request.json"
"$bin" --cargo-plugin < "$work/request.json" > /dev/null   # warms the cache
echo "== the provider alone (what cargo runs once per invocation)"
hyperfine --warmup 3 --runs "$runs" --export-markdown "$work/provider.md" \
  -n "codeartifact --cargo-plugin (warm cache)" "$bin --cargo-plugin < $work/request.json" \
  -n "aws codeartifact get-authorization-token (v1)" "$aws codeartifact get-authorization-token --domain bench --domain-owner 111122223333 --endpoint-url $url --query authorizationToken --output text"
cat "$work/provider.md"

echo "== cargo fetch of three registry dependencies, per invocation"
hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/fetch.md" \
  -n "cargo fetch, codeartifact provider" \
  --prepare "rm -rf $work/cargo-ours/registry $work/app/Cargo.lock" \
  "cd $work/app && CARGO_HOME=$work/cargo-ours $cargo_bin fetch --quiet" \
  -n "cargo fetch, token-from-stdout aws (v1)" \
  --prepare "rm -rf $work/cargo-aws/registry $work/app/Cargo.lock" \
  "cd $work/app && CARGO_HOME=$work/cargo-aws $cargo_bin fetch --quiet"
cat "$work/fetch.md"

echo "== login: npm, pip and maven in one codeartifact login vs three AWS CLI v1 logins"
export NPM_CONFIG_USERCONFIG="$work/npmrc"  # pip writes $XDG_CONFIG_HOME/pip/pip.conf
# AWS CLI v1 runs `npm config set` and `pip config set`: pip from .venv.
export PATH="$root/.venv/bin:$PATH"
"$bin" login --tool npm --domain bench --repository repo --endpoint-url "$url" > /dev/null
hyperfine --warmup 2 --runs "$runs" --export-markdown "$work/login.md" \
  -n "codeartifact login --tool npm --tool pip --tool maven" \
  "$bin login --tool npm --tool pip --tool maven --domain bench --repository repo --endpoint-url $url" \
  -n "the same, --no-token-cache" \
  "$bin login --tool npm --tool pip --tool maven --no-token-cache --domain bench --repository repo --endpoint-url $url" \
  -n "codeartifact login --tool npm --tool pip --tool twine" \
  "$bin login --tool npm --tool pip --tool twine --domain bench --repository repo --endpoint-url $url" \
  -n "aws codeartifact login (v1): npm, pip, twine" \
  "$aws codeartifact login --tool npm --domain bench --repository repo --endpoint-url $url && $aws codeartifact login --tool pip --domain bench --repository repo --endpoint-url $url && $aws codeartifact login --tool twine --domain bench --repository repo --endpoint-url $url"
cat "$work/login.md"

echo "== GetAuthorizationToken calls in one CI job using npm, pip and cargo (two cargo runs)"
job() { # $1: CARGO_HOME; the rest: the two logins
  local cargo_home=$1; shift
  rm -rf "$XDG_CACHE_HOME" "$cargo_home/registry" "$work/app/Cargo.lock"
  local before; before=$(token_calls)
  "$@" > /dev/null
  (cd "$work/app" && CARGO_HOME=$cargo_home "$cargo_bin" fetch --quiet)
  rm -rf "$cargo_home/registry" "$work/app/Cargo.lock"
  (cd "$work/app" && CARGO_HOME=$cargo_home "$cargo_bin" generate-lockfile --quiet)
  echo $(( $(token_calls) - before ))
}
ours() {
  "$bin" login --tool npm --domain bench --repository repo --endpoint-url "$url" &&
    "$bin" login --tool pip --domain bench --repository repo --endpoint-url "$url"
}
theirs() {
  "$aws" codeartifact login --tool npm --domain bench --repository repo --endpoint-url "$url" &&
    "$aws" codeartifact login --tool pip --domain bench --repository repo --endpoint-url "$url"
}
echo "codeartifact (login, login, provider):        $(job "$work/cargo-ours" ours)"
echo "AWS CLI v1 (login, login, token-from-stdout): $(job "$work/cargo-aws" theirs)"
