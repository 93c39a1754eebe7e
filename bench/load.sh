#!/usr/bin/env bash
# Load test of the release server: unary Extract on the seed article driven by
# h2load (Debian's nghttp2-client, installed here when missing) at concurrency
# 1, 16 and 64, then ExtractStream throughput through the client crate.
#
#   bench/load.sh [SECONDS_PER_LEVEL]      (default 10)
#   SEED_ARTICLE=path STREAM_DOCUMENTS=n bench/load.sh
#
# Prints requests/s, p50/p99 latency (from h2load's per-request log) and the
# server's peak RSS (VmHWM). Everything runs on loopback; every loop is
# bounded by a request count and a duration.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
seed=${SEED_ARTICLE:-../shared/data/seed-article.txt}
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v h2load >/dev/null; then
  echo "installing h2load (nghttp2-client)"
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq nghttp2-client >/dev/null
fi
[ -f "$seed" ] || { echo "no seed article at $seed (set SEED_ARTICLE)"; exit 2; }

cargo build --release --quiet --bin attributor --example stream_load
bin=target/release/attributor
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
addr=127.0.0.1:$port
"$bin" serve --addr "$addr" --log-format json >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do "$bin" health --addr "http://$addr" >/dev/null 2>&1 && break; sleep 0.1; done
"$bin" health --addr "http://$addr" >/dev/null

# A gRPC request body is a 5-byte frame header (no compression, length) and
# the protobuf ExtractRequest: field 1 document_id, field 2 text.
python3 - "$seed" "$work/body.bin" <<'PY'
import struct, sys
def field(num, data):
    key, out, n = bytes([num << 3 | 2]), bytearray(), len(data)
    while True:
        b = n & 0x7F; n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n: break
    return key + bytes(out) + data
text = open(sys.argv[1], encoding="utf-8").read().encode()
msg = field(1, b"seed") + field(2, text)
open(sys.argv[2], "wb").write(b"\x00" + struct.pack(">I", len(msg)) + msg)
PY

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "request: Extract on the seed article ($(wc -c <"$seed") bytes), ${duration}s per level"

# h2load only sees HTTP 200: a gRPC error (bad body, deadline, ...) also comes
# back as 200 with grpc-status in the trailers. So every level is checked
# against the server's own JSON log: each Extract that really succeeded is
# one "extracted" line, and there must be no "extraction failed" line.
extracted() { grep '"rpc":"Extract"' "$work/server.log" | grep -c '"message":"extracted"' || true; }
failed() { grep -c '"message":"extraction failed"' "$work/server.log" || true; }

printf '%-12s %10s %10s %10s %10s %12s\n' concurrency requests req/s p50_ms p99_ms peak_rss_MB
for c in 1 16 64; do
  before=$(extracted)
  h2load --duration="$duration" --warm-up-time=1 -c "$c" -m 1 -t 1 \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    -d "$work/body.bin" --log-file="$work/h2-$c.log" \
    "http://$addr/attribution.v1.AttributionService/Extract" >"$work/h2.out" 2>&1 || {
      cat "$work/h2.out"; exit 1; }
  grep -q ' 0 failed, 0 errored, 0 timeout' "$work/h2.out" || { cat "$work/h2.out"; echo "h2load saw failures"; exit 1; }
  sleep 0.2 # let the last log lines reach the file
  succeeded=$(sed -n 's/.* \([0-9]*\) succeeded,.*/\1/p' "$work/h2.out")
  logged=$(( $(extracted) - before ))
  # h2load counts only the measured phase; the server also logged the warm-up.
  if [ "$logged" -lt "$succeeded" ] || [ "$(failed)" != 0 ]; then
    cat "$work/h2.out"
    echo "gRPC check failed: h2load saw $succeeded succeeded, the server logged $logged successful Extracts and $(failed) failures"
    exit 1
  fi
  rps=$(sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' "$work/h2.out")
  rss=$(awk '/VmHWM/ {printf "%.1f", $2 / 1024}' /proc/$server_pid/status)
  python3 - "$c" "$work/h2-$c.log" "$succeeded" "$rps" "$rss" <<'PY'
import sys
c, log, n, rps, rss = sys.argv[1:]
# h2load's log: start time, HTTP status, request duration in microseconds.
lat = sorted(int(l.split("\t")[2]) / 1000 for l in open(log) if l.strip())
pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
print("%-12s %10s %10.0f %10.2f %10.2f %12s" % (c, n, float(rps), pct(0.50), pct(0.99), rss))
PY
done
echo "gRPC check: every h2load request was a logged successful Extract; $(failed) failures logged"
echo "server peak RSS (VmHWM) after the unary levels: $(awk '/VmHWM/ {printf "%.1f MB", $2 / 1024}' /proc/$server_pid/status)"

target/release/examples/stream_load "http://$addr" "$seed" "${STREAM_DOCUMENTS:-2000}"
echo "server peak RSS (VmHWM) after the stream: $(awk '/VmHWM/ {printf "%.1f MB", $2 / 1024}' /proc/$server_pid/status)"
