#!/usr/bin/env bash
# Asset transfer through the mock (issue 3): a SIZE-MiB generic asset uploaded with
# `codeartifact publish-package-version` and downloaded with `get-package-version-asset`, each
# against curl sending / fetching the same API URL (the mock does not check signatures, so curl
# needs none). Wall time and peak RSS by GNU time.
#
# Usage: bench/transfer.sh [SIZE_MIB] (default 1024). CODEARTIFACT_BIN overrides the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-1024}
bin=${CODEARTIFACT_BIN:-target/release/codeartifact}
[ -n "${CODEARTIFACT_BIN:-}" ] || cargo build --release --quiet --bin codeartifact
work=$(mktemp -d)
trap 'kill $mock_pid 2>/dev/null; rm -rf "$work"' EXIT
export HOME="$work/home" AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/credentials"
mkdir -p "$HOME"
printf '[default]\nregion = us-east-1\n' > "$AWS_CONFIG_FILE"
printf '[default]\naws_access_key_id = AKIDBENCH\naws_secret_access_key = bench\n' > "$AWS_SHARED_CREDENTIALS_FILE"
export AWS_EC2_METADATA_DISABLED=true
"$bin" mock serve --listen 127.0.0.1:0 --data-dir "$work/data" > "$work/url" &
mock_pid=$!
for _ in $(seq 200); do [ -s "$work/url" ] && break; sleep 0.05; done
url=$(head -n1 "$work/url")
"$bin" create-domain --domain bench --endpoint-url "$url" > /dev/null
"$bin" create-repository --domain bench --repository repo --endpoint-url "$url" > /dev/null

head -c "$((mib * 1024 * 1024))" /dev/urandom > "$work/asset.bin"
sha=$(sha256sum "$work/asset.bin" | cut -d' ' -f1)
coords="domain=bench&repository=repo&format=generic&namespace=ns&package=big"
sync

echo "== upload ${mib} MiB"
/usr/bin/time -f "codeartifact publish: %e s, peak RSS %M KiB" \
  "$bin" publish-package-version --domain bench --repository repo --format generic --namespace ns \
  --package big --package-version 1 --asset-content "$work/asset.bin" --asset-name asset.bin \
  --asset-sha256 "$sha" --endpoint-url "$url" > /dev/null
/usr/bin/time -f "curl publish: %e s, peak RSS %M KiB" \
  curl -sS -o /dev/null --fail -X POST -H "x-amz-content-sha256: $sha" -H 'Content-Type: application/octet-stream' \
  -T "$work/asset.bin" "$url/v1/package/version/publish?$coords&version=2&asset=asset.bin"

echo "== download ${mib} MiB"
/usr/bin/time -f "codeartifact get-package-version-asset: %e s, peak RSS %M KiB" \
  "$bin" get-package-version-asset --domain bench --repository repo --format generic --namespace ns \
  --package big --package-version 1 --asset asset.bin "$work/out.bin" --endpoint-url "$url" > /dev/null
cmp "$work/asset.bin" "$work/out.bin"
rm -f "$work/out.bin"
/usr/bin/time -f "curl download: %e s, peak RSS %M KiB" \
  curl -sS --fail -o "$work/out.bin" "$url/v1/package/version/asset?$coords&version=1&asset=asset.bin"
cmp "$work/asset.bin" "$work/out.bin"
