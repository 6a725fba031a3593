#!/usr/bin/env bash
# Peak resident memory of `mock serve` (VmHWM in /proc/PID/status) across npm publish bodies of
# SIZE_MIB MiB of base64 (default 300): one refused by its declared length (--max-asset-bytes
# 1000), one chunked and refused as it passes the quota, one chunked and accepted (default 5 GB
# quota). Issue 9 item 6: bodies are streamed or refused before they are buffered.
#   bench/mock_memory.sh                 # target/release/codeartifact
#   BIN=/path/to/codeartifact bench/mock_memory.sh   # another build, for comparison
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/codeartifact}
SIZE_MIB=${SIZE_MIB:-300}
work=$(mktemp -d)
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
pids=()

# Starts a mock with extra arguments; sets URL and PID.
start() {
  "$BIN" mock serve --listen 127.0.0.1:0 --data-dir "$work/data-$#-$RANDOM" "$@" >"$work/url" 2>/dev/null &
  PID=$!
  pids+=("$PID")
  for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.1; done
  URL=$(cat "$work/url")
  : >"$work/url"
}

peak() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }

# python3: creates dom/repo, then sends one npm publish body; prints the status line.
publish() {
  python3 - "$URL" "$SIZE_MIB" "$1" <<'EOF'
import base64, json, socket, sys, urllib.request
url, size_mib, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def api(path):
    req = urllib.request.Request(url + path, method="POST", data=b"")
    try:
        return json.load(urllib.request.urlopen(req))
    except urllib.error.HTTPError:
        return {}
api("/v1/domain?domain=dom")
api("/v1/repository?domain=dom&repository=repo")
token = api("/v1/authorization-token?domain=dom")["authorizationToken"]
host, port = url[len("http://"):].split(":")
s = socket.create_connection((host, int(port)))
s.settimeout(60)
head = b'{"name":"big","versions":{"1.0.0":{"name":"big","version":"1.0.0"}},"_attachments":{"big-1.0.0.tgz":{"data":"'
tail = b'"}}}'
block = base64.b64encode(bytes(range(256)) * 3072)  # 1 MiB of base64
length = len(head) + size_mib * len(block) + len(tail)
start = f"PUT /npm/d/dom-111122223333/repo/big HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\n"
try:
    if mode == "declared":
        s.sendall((start + f"Content-Length: {length}\r\n\r\n").encode())
    else:
        s.sendall((start + "Transfer-Encoding: chunked\r\n\r\n").encode())
        for part in [head] + [block] * size_mib + [tail, b""]:
            s.sendall(b"%x\r\n%s\r\n" % (len(part), part))
except (BrokenPipeError, ConnectionResetError):
    pass
try:
    print(s.makefile("rb").readline().decode().strip() or "(closed without an answer)")
except (socket.timeout, ConnectionResetError) as e:
    print(f"(no answer: {type(e).__name__})")
EOF
}

echo "binary: $BIN, body: $SIZE_MIB MiB of base64 ($(nproc) cores, $(date -u +%F))"
for case in "declared --max-asset-bytes 1000" "chunked --max-asset-bytes 1000" "chunked"; do
  read -r mode args <<<"$case"
  # shellcheck disable=SC2086
  start $args
  before=$(peak "$PID")
  status=$(publish "$mode")
  after=$(peak "$PID")
  printf '%-40s %-28s VmHWM %6d KiB -> %6d KiB (+%d MiB)\n' "$case" "$status" "$before" "$after" $(((after - before) / 1024))
  kill "$PID"
done
