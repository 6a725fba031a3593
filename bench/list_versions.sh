#!/usr/bin/env bash
# Auto-pagination over a package with many versions: `codeartifact list-package-versions` vs
# `aws codeartifact list-package-versions` (v1) against the same mock holding one package with N
# versions, both with `--page-size 1000` (the default order, then --sort-by PUBLISHED_TIME);
# wall time by hyperfine, peak RSS by GNU time. The versions are inserted straight into the
# mock's SQLite database (publishing 20,000 versions through the API would take longer than the
# benchmark). Each version carries a readme and a few dependencies, as published versions do:
# a listing must not pay for columns its summaries do not show.
#
# Usage: bench/list_versions.sh [N] (default 20000). CODEARTIFACT_BIN overrides the binary,
# AWS_BIN the AWS CLI (default .venv/bin/aws).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
bin=${CODEARTIFACT_BIN:-target/release/codeartifact}
aws=${AWS_BIN:-.venv/bin/aws}
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
import base64, json, os, sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
c.execute(
    "INSERT INTO packages (domain, repository, format, namespace, name, publish, upstream)"
    " VALUES ('bench', 'repo', 'generic', 'ns', 'pkg', 'ALLOW', 'BLOCK')"
)
pkg = c.execute("SELECT last_insert_rowid()").fetchone()[0]
readme = "# pkg\n\n" + "A line of documentation about this version.\n" * 40
deps = json.dumps([
    {"namespace": "ns", "package": f"dep-{k}", "dependencyType": "regular",
     "versionRequirement": f"^{k}.0.0"} for k in range(5)
])
# Every tenth version Unlisted, so the status filter has something to skip.
c.executemany(
    "INSERT INTO package_versions (package_id, version, revision, status, origin_type,"
    " entry_repository, published_ms, readme, dependencies)"
    " VALUES (?, ?, ?, ?, 'INTERNAL', 'repo', ?, ?, ?)",
    ((pkg, f"1.{i // 1000}.{i % 1000}", base64.b64encode(os.urandom(32)).decode(),
      "Unlisted" if i % 10 == 9 else "Published", 1_704_067_200_000 + i * 1000, readme, deps)
     for i in range(n)),
)
c.commit()
PY
start_mock
echo "mock at $url with one package of $n versions"

list="list-package-versions --domain bench --repository repo --format generic --namespace ns --package pkg --page-size 1000 --endpoint-url $url"
"$bin" $list --query 'length(versions)'
for order in "" "--sort-by PUBLISHED_TIME"; do
  for who in codeartifact aws; do
    if [ $who = codeartifact ]; then cmd="$bin $list $order"; else cmd="$aws codeartifact $list $order"; fi
    /usr/bin/time -f "$who ${order:-(arrival order)}: %e s, peak RSS %M KiB" $cmd > /dev/null
  done
  hyperfine --warmup 1 --runs 5 -N \
    -n "codeartifact ${order}" "$bin $list $order" \
    -n "aws codeartifact (v1) ${order}" "$aws codeartifact $list $order"
done
