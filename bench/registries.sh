#!/usr/bin/env bash
# The mock as a package registry (issue 4) against the usual local registries, same work, one run:
#   - npm install (cold cache) of a project depending on COUNT packages: mock vs Verdaccio 6, in
#     its default configuration and with JWT tokens (see start_verdaccio);
#   - pip download --no-deps --no-cache-dir of COUNT wheels: mock vs pypiserver;
#   - peak RSS (VmHWM) of each server over the whole run.
# Everything listens on 127.0.0.1; nothing is fetched from the network except, on the first run,
# Verdaccio and pypiserver themselves (npm / PyPI registries), installed under bench/registries/.
#
# Usage: bench/registries.sh
# Environment: COUNT (packages per format, default 100), RUNS (hyperfine runs, default 5), and
#   bench/lib.sh's (CODEARTIFACT_BIN, MOCK_VERBOSE, KEEP).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${COUNT:-100}
runs=${RUNS:-5}
here=$(realpath bench/registries)
for tool in hyperfine node npm python3 curl; do
  command -v "$tool" > /dev/null || { echo "registries.sh: $tool is required" >&2; exit 1; }
done
. bench/lib.sh

# Isolate every client from the user's configuration (bench/lib.sh does HOME and AWS): no
# ~/.npmrc, no pip config (this machine's PIP_FIND_LINKS would make pip scan a wheel directory).
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL
export npm_config_update_notifier=false npm_config_audit=false npm_config_fund=false

peak_rss_mib() { # PID: the kernel's high-water mark of the resident set, in MiB
  awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# --- peers, installed once under bench/registries/ (gitignored) ---
if [ ! -x "$here/node_modules/.bin/verdaccio" ]; then
  echo "installing Verdaccio into $here/node_modules" >&2
  (cd "$here" && npm install --no-audit --no-fund --loglevel=error > /dev/null)
fi
if [ ! -x "$here/.venv/bin/pypi-server" ]; then
  echo "installing pypiserver into $here/.venv" >&2
  python3 -m venv "$here/.venv"
  "$here/.venv/bin/pip" install --quiet pypiserver passlib
fi
py="$here/.venv/bin/python"
pip="$here/.venv/bin/pip"
verdaccio_version=$(node -p "require('$here/node_modules/verdaccio/package.json').version")
pypiserver_version=$("$py" -c 'import pypiserver; print(pypiserver.__version__)')
pip_version=$("$pip" --version | cut -d' ' -f2)

# --- the mock ---
start_mock
ca create-domain --domain bench > /dev/null
ca create-repository --domain bench --repository repo > /dev/null
token=$(ca get-authorization-token --domain bench --query authorizationToken --output text)
mock_npm=$(ca get-repository-endpoint --domain bench --repository repo --format npm \
  --query repositoryEndpoint --output text)
mock_pypi=$(ca get-repository-endpoint --domain bench --repository repo --format pypi \
  --query repositoryEndpoint --output text)

# --- Verdaccio: no uplinks (nothing leaves the machine), anyone may publish. Two instances:
# the default configuration, whose legacy tokens carry the password, so every authenticated
# request runs a bcrypt check of the htpasswd entry; and one that issues JWT tokens instead
# (security.api.jwt), checked with an HMAC. Which one npm talks to changes its speed ~8x.
start_verdaccio() { # NAME EXTRA_CONFIG: sets v_url, v_token, v_pid
  local dir="$work/$1" port
  port=$(free_port)
  v_url="http://127.0.0.1:$port/"
  mkdir -p "$dir"
  cat > "$dir/config.yaml" << EOF
storage: $dir/storage
auth:
  htpasswd:
    file: $dir/htpasswd
uplinks: {}
packages:
  '**':
    access: \$all
    publish: \$all
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
$2
EOF
  node "$here/node_modules/.bin/verdaccio" --config "$dir/config.yaml" \
    --listen "127.0.0.1:$port" > "$work/$1.log" 2>&1 &
  v_pid=$!
  pids+=("$v_pid")
  wait_http "${v_url}-/ping"
  v_token=$(curl -sf -X PUT -H 'Content-Type: application/json' \
    -d '{"name": "bench", "password": "bench-password"}' \
    "${v_url}-/user/org.couchdb.user:bench" | "$py" -c 'import json, sys; print(json.load(sys.stdin)["token"])') \
    || die "could not create the user on $1"
}
start_verdaccio verdaccio ""
vurl=$v_url vtoken=$v_token verdaccio_pid=$v_pid
start_verdaccio verdaccio-jwt "security: { api: { jwt: { sign: { expiresIn: 7d } } } }"
jurl=$v_url jtoken=$v_token verdaccio_jwt_pid=$v_pid

# --- pypiserver: uploads need a password (passlib reads the htpasswd file), downloads do not ---
pport=$(free_port)
purl="http://127.0.0.1:$pport/"
mkdir -p "$work/pypiserver/packages"
"$py" -c 'import sys; from passlib.apache import HtpasswdFile as H
h = H(sys.argv[1], new=True); h.set_password("bench", "bench-password"); h.save()' "$work/pypiserver/htpasswd"
"$here/.venv/bin/pypi-server" run -i 127.0.0.1 -p "$pport" -P "$work/pypiserver/htpasswd" -a update \
  --disable-fallback "$work/pypiserver/packages" > "$work/pypiserver.log" 2>&1 &
pypiserver_pid=$!
pids+=("$pypiserver_pid")
wait_http "${purl}simple/"

# --- the same packages into every registry ---
echo "publishing $count npm packages and $count wheels to each registry" >&2
"$py" "$here/fixtures.py" npm-publish "$mock_npm" "$token" "$count" || die "npm publish to the mock"
"$py" "$here/fixtures.py" npm-publish "$vurl" "$vtoken" "$count" || die "npm publish to Verdaccio"
"$py" "$here/fixtures.py" npm-publish "$jurl" "$jtoken" "$count" || die "npm publish to Verdaccio (JWT)"
"$py" "$here/fixtures.py" wheels "$work/wheels" "$count"
"$py" "$here/fixtures.py" pypi-upload "$mock_pypi" aws "$token" "$work/wheels" || die "upload to the mock"
"$py" "$here/fixtures.py" pypi-upload "$purl" bench bench-password "$work/wheels" || die "upload to pypiserver"
mock_rss_setup=$(peak_rss_mib "$mock_pid")

# --- the clients' work, one directory per registry ---
npm_project() { # NAME REGISTRY TOKEN
  local dir="$work/npm-$1"
  "$py" "$here/fixtures.py" npm-project "$dir" "$count"
  # The token line is keyed by the registry URL without its scheme, as `npm login` writes it.
  printf 'registry=%s\n//%s:_authToken=%s\ncache=%s\n' "$2" "${2#http://}" "$3" "$work/npm-cache-$1" > "$dir/.npmrc"
}
npm_project mock "$mock_npm" "$token"
npm_project verdaccio "$vurl" "$vtoken"
npm_project verdaccio-jwt "$jurl" "$jtoken"
npm_cmd() { echo "cd '$work/npm-$1' && npm install --no-audit --no-fund --ignore-scripts --loglevel=error > /dev/null"; }
npm_prep() { echo "rm -rf '$work/npm-$1/node_modules' '$work/npm-$1/package-lock.json' '$work/npm-cache-$1'"; }

names=$("$py" -c "print(' '.join(f'bench-pkg-{i:03d}' for i in range($count)))")
mock_index="${mock_pypi/#http:\/\//http://aws:$token@}simple/"
pip_cmd() { echo "'$pip' download --no-deps --no-cache-dir --quiet -d '$work/dl-$1' -i '$2' $names"; }
pip_prep() { echo "rm -rf '$work/dl-$1'"; }

# One checked run of each before measuring: it proves every registry serves all COUNT packages
# (hyperfine only sees exit codes), and warms both servers alike.
check_npm() {
  bash -c "$(npm_prep "$1") && $(npm_cmd "$1")" || die "npm install from $1 failed"
  local n
  n=$(find "$work/npm-$1/node_modules" -maxdepth 1 -name 'bench-pkg-*' | wc -l)
  [ "$n" -eq "$count" ] || die "npm install from $1 installed $n packages, not $count"
}
check_pip() {
  bash -c "$(pip_prep "$1") && $(pip_cmd "$1" "$2")" || die "pip download from $1 failed"
  local n
  n=$(find "$work/dl-$1" -name '*.whl' | wc -l)
  [ "$n" -eq "$count" ] || die "pip download from $1 fetched $n wheels, not $count"
  cmp -s <(cd "$work/dl-$1" && sha256sum ./*.whl) <(cd "$work/wheels" && sha256sum ./*.whl) ||
    die "pip download from $1 returned other bytes than were uploaded"
}
check_npm mock
check_npm verdaccio
check_npm verdaccio-jwt
check_pip mock "$mock_index"
check_pip pypiserver "${purl}simple/"

echo "measuring ($runs runs each)" >&2
hyperfine --runs "$runs" --style basic --export-json "$work/npm.json" \
  -n "npm install from the mock" --prepare "$(npm_prep mock)" "$(npm_cmd mock)" \
  -n "npm install from Verdaccio" --prepare "$(npm_prep verdaccio)" "$(npm_cmd verdaccio)" \
  -n "npm install from Verdaccio (JWT tokens)" --prepare "$(npm_prep verdaccio-jwt)" "$(npm_cmd verdaccio-jwt)" >&2
hyperfine --runs "$runs" --style basic --export-json "$work/pip.json" \
  -n "pip download from the mock" --prepare "$(pip_prep mock)" "$(pip_cmd mock "$mock_index")" \
  -n "pip download from pypiserver" --prepare "$(pip_prep pypiserver)" "$(pip_cmd pypiserver "${purl}simple/")" >&2

mock_rss=$(peak_rss_mib "$mock_pid")
verdaccio_rss=$(peak_rss_mib "$verdaccio_pid")
verdaccio_jwt_rss=$(peak_rss_mib "$verdaccio_jwt_pid")
pypiserver_rss=$(peak_rss_mib "$pypiserver_pid")
mock_rev=$("$bin" --version 2> /dev/null || echo "$bin")

header="$(date -u +%Y-%m-%d) on $(nproc) CPUs ($(uname -sr)); $mock_rev; $count packages per format, \
hyperfine --runs $runs with client caches wiped before each run; Verdaccio $verdaccio_version \
(node $(node --version)), pypiserver $pypiserver_version, npm $(npm --version), pip $pip_version."
"$py" "$here/summary.py" "$header" "$work/npm.json" "$work/pip.json" \
  "mock, after publishing=$mock_rss_setup" "mock, end of run=$mock_rss" \
  "Verdaccio, end of run=$verdaccio_rss" "Verdaccio (JWT tokens), end of run=$verdaccio_jwt_rss" \
  "pypiserver, end of run=$pypiserver_rss"
