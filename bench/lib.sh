# Shared by the registry benchmarks (bench/registries.sh, bench/ruby.sh); source it from the
# repository root. It gives them one way to: find or build the release binary (`bin`), work in a
# temporary directory that goes away on exit with every server started there (`work`, `pids`),
# keep clients away from the user's configuration (HOME and AWS files inside `work`), start the
# mock on a free port (`start_mock`, then `url`, `mock_pid` and `ca`), and wait for a server.
#
# Environment: CODEARTIFACT_BIN (default target/release/codeartifact, built if missing),
#   MOCK_VERBOSE=1 (the mock logs each request with its time), KEEP=1 (keep the work dir).

bin=${CODEARTIFACT_BIN:-target/release/codeartifact}
if [ -z "${CODEARTIFACT_BIN:-}" ] && [ ! -x "$bin" ]; then
  cargo build --release --quiet --bin codeartifact
fi
bin=$(realpath "$bin")

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "work dir kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
die() {
  echo "$(basename "$0"): $*" >&2
  for log in "$work"/*.log; do [ -s "$log" ] && { echo "== $log" >&2; tail -n 20 "$log" >&2; }; done
  exit 1
}

export HOME="$work/home" AWS_CONFIG_FILE="$work/aws-config" AWS_SHARED_CREDENTIALS_FILE="$work/aws-credentials"
mkdir -p "$HOME"
printf '[default]\nregion = us-east-1\n' > "$AWS_CONFIG_FILE"
printf '[default]\naws_access_key_id = AKIDBENCH\naws_secret_access_key = bench\n' > "$AWS_SHARED_CREDENTIALS_FILE"
export AWS_EC2_METADATA_DISABLED=true

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_http() { # URL: wait up to 60 s for it to answer
  for _ in $(seq 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  die "nothing answered at $1"
}

start_mock() { # sets url and mock_pid; logs to $work/mock.log
  local args=(mock serve --listen 127.0.0.1:0 --data-dir "$work/mock-data")
  [ -n "${MOCK_VERBOSE:-}" ] && args+=(--verbose)
  "$bin" "${args[@]}" > "$work/mock.url" 2> "$work/mock.log" &
  mock_pid=$!
  pids+=("$mock_pid")
  for _ in $(seq 200); do [ -s "$work/mock.url" ] && break; sleep 0.05; done
  [ -s "$work/mock.url" ] || die "the mock did not start"
  url=$(head -n1 "$work/mock.url")
}
ca() { "$bin" "$@" --endpoint-url "$url"; }
