#!/usr/bin/env bash
# `bundle install` (cold) of a Gemfile naming COUNT gems, from the mock's Ruby repository and
# from the same gems in RubyGems' own static index, one run, same machine:
#   - the mock: gems pushed with `gem push`, Bundler resolving through the Dependencies API
#     (what CodeArtifact serves) with its credentials in BUNDLE_127__0__0__1;
#   - the peer: `gem generate_index` (RubyGems' Gem::Indexer, the index `gem server` served
#     before it moved out of RubyGems into the rubygems-server gem, which does not install
#     here) served by WEBrick (`ruby -run -e httpd`, Ruby's own server) and, for a second
#     opinion, by python3's http.server; Bundler reads it as a full index (specs.4.8.gz).
# Each gem i > 0 depends on gem i/2, so resolving walks a tree. Everything listens on
# 127.0.0.1 and nothing is fetched from the network (ruby, ruby-bundler and hyperfine are
# Debian packages: apt-get install ruby ruby-bundler hyperfine).
#
# Usage: bench/ruby.sh
# Environment: COUNT (gems, default 30), RUNS (hyperfine runs, default 10), and bench/lib.sh's
#   (CODEARTIFACT_BIN, MOCK_VERBOSE, KEEP).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${COUNT:-30}
runs=${RUNS:-10}
for tool in hyperfine ruby gem bundle python3 curl; do
  command -v "$tool" > /dev/null || { echo "ruby.sh: $tool is required" >&2; exit 1; }
done
. bench/lib.sh
export BUNDLE_SILENCE_ROOT_WARNING=1 BUNDLE_RETRY=0
unset GEM_HOME GEM_PATH RUBYGEMS_HOST GEM_HOST_API_KEY

# --- the gems, built once with `gem build` ---
echo "building $count gems" >&2
mkdir -p "$work/gems/gems"
for i in $(seq 0 $((count - 1))); do
  name=$(printf 'bench-gem-%02d' "$i")
  dir="$work/src/$name"
  mkdir -p "$dir/lib"
  printf 'module BenchGem%02d; end\n' "$i" > "$dir/lib/$name.rb"
  dep=""
  [ "$i" -gt 0 ] && dep=$(printf '  s.add_dependency "bench-gem-%02d", "~> 1.0"' $((i / 2)))
  cat > "$dir/gem.gemspec" << EOF
Gem::Specification.new do |s|
  s.name = "$name"
  s.version = "1.0.$i"
  s.summary = "Benchmark gem $i"
  s.authors = ["bench"]
  s.licenses = ["MIT"]
  s.files = ["lib/$name.rb"]
$dep
end
EOF
  (cd "$dir" && gem build --silent gem.gemspec > /dev/null) || die "gem build $name"
  cp "$dir/$name-1.0.$i.gem" "$work/gems/gems/"
done

# --- the mock, filled with `gem push` ---
start_mock
ca create-domain --domain bench > /dev/null
ca create-repository --domain bench --repository repo > /dev/null
token=$(ca get-authorization-token --domain bench --query authorizationToken --output text)
mock_ruby=$(ca get-repository-endpoint --domain bench --repository repo --format ruby \
  --query repositoryEndpoint --output text)
echo "pushing $count gems to the mock" >&2
for gem in "$work"/gems/gems/*.gem; do
  GEM_HOST_API_KEY="Bearer $token" gem push --silent --host "${mock_ruby%/}" "$gem" > /dev/null \
    || die "gem push $gem"
done

# --- the peers: RubyGems' static index, served by WEBrick and by python3's http.server ---
gem generate_index --silent -d "$work/gems" || die "gem generate_index"
wport=$(free_port)
ruby -run -e httpd -- --bind-address=127.0.0.1 --port="$wport" "$work/gems" > "$work/webrick.log" 2>&1 &
pids+=($!)
pport=$(free_port)
python3 -m http.server --bind 127.0.0.1 --directory "$work/gems" "$pport" > "$work/http-server.log" 2>&1 &
pids+=($!)
webrick="http://127.0.0.1:$wport/"
pyserver="http://127.0.0.1:$pport/"
wait_http "${webrick}specs.4.8.gz"
wait_http "${pyserver}specs.4.8.gz"

# --- one project per registry: the same Gemfile but for its source ---
project() { # NAME SOURCE
  local dir="$work/project-$1"
  mkdir -p "$dir"
  {
    printf 'source "%s"\n' "$2"
    for i in $(seq 0 $((count - 1))); do printf 'gem "bench-gem-%02d"\n' "$i"; done
  } > "$dir/Gemfile"
}
project mock "$mock_ruby"
project webrick "$webrick"
project http-server "$pyserver"
# Bundler finds a host's credentials in BUNDLE_<HOST>, as `login --tool gem` writes them.
bundle_cmd() {
  echo "cd '$work/project-$1' && BUNDLE_127__0__0__1='aws:$token' BUNDLE_PATH='$work/project-$1/vendor' \
BUNDLE_USER_CACHE='$work/project-$1/cache' BUNDLE_APP_CONFIG='$work/project-$1/.bundle' \
GEM_SPEC_CACHE='$work/project-$1/spec-cache' bundle install --quiet"
}
bundle_prep() {
  echo "rm -rf '$work/project-$1/vendor' '$work/project-$1/cache' '$work/project-$1/.bundle' \
'$work/project-$1/spec-cache' '$work/project-$1/Gemfile.lock'"
}

# One checked run of each before measuring: every registry serves all COUNT gems (hyperfine
# only sees exit codes), and the servers are warmed alike.
for name in mock webrick http-server; do
  bash -c "$(bundle_prep "$name") && $(bundle_cmd "$name")" > "$work/check-$name.log" 2>&1 \
    || die "bundle install from $name failed: $(tail -n 5 "$work/check-$name.log")"
  n=$(find "$work/project-$name/vendor" -path '*/specifications/bench-gem-*.gemspec' | wc -l)
  [ "$n" -eq "$count" ] || die "bundle install from $name installed $n gems, not $count"
done

echo "measuring ($runs runs each)" >&2
hyperfine --runs "$runs" --style basic --export-json "$work/bundle.json" \
  -n "bundle install from the mock" --prepare "$(bundle_prep mock)" "$(bundle_cmd mock)" \
  -n "bundle install from gem generate_index + WEBrick" --prepare "$(bundle_prep webrick)" "$(bundle_cmd webrick)" \
  -n "bundle install from gem generate_index + python3 http.server" --prepare "$(bundle_prep http-server)" \
  "$(bundle_cmd http-server)" >&2

header="$(date -u +%Y-%m-%d) on $(nproc) CPUs ($(uname -sr)); $("$bin" --version 2> /dev/null || echo "$bin"); \
$count gems, hyperfine --runs $runs with Bundler's install dir, caches and lockfile wiped before each run; \
ruby $(ruby -e 'print RUBY_VERSION'), RubyGems $(gem --version), Bundler $(bundle --version | awk '{print $3}'), \
WEBrick $(ruby -rwebrick -e 'print WEBrick::VERSION'), Python $(python3 -c 'import platform; print(platform.python_version())')."
python3 - "$header" "$work/bundle.json" << 'EOF'
import json, statistics, sys
header, path = sys.argv[1], sys.argv[2]
results = json.load(open(path))["results"]
cell = lambda t: f"{statistics.median(t):.3f} ({min(t):.3f} to {max(t):.3f})"
mock = results[0]["times"]
print(header)
print()
print("| Work | Mock median [s] (min to max) | Peer | Peer median [s] (min to max) | Peer / mock | Goal |")
print("|:---|---:|:---|---:|---:|:---|")
for peer in results[1:]:
    ratio = statistics.median(peer["times"]) / statistics.median(mock)
    name = peer["command"].split(" from ", 1)[-1]
    verdict = "met" if ratio >= 1 else "NOT met"
    print(f"| bundle install, cold | {cell(mock)} | {name} | {cell(peer['times'])} | {ratio:.2f}x | >= 1x: {verdict} |")
EOF
