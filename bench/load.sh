#!/usr/bin/env bash
# Load test of the release server: unary Extract on the seed article driven by
# h2load (Debian's nghttp2-client, installed here when missing) at concurrency
# 1, 16 and 64, then ExtractStream throughput through the client crate, then
# what the server spends around the engine.
#
#   bench/load.sh [SECONDS_PER_LEVEL]      (default 10)
#   SEED_ARTICLE=path STREAM_DOCUMENTS=n STREAM_BATCH=n bench/load.sh
#   ATTRIBUTOR_BIN=path/to/old/attributor bench/load.sh   (another build's server)
#
# Prints requests/s, p50/p99 latency (from h2load's per-request log) and the
# server's peak RSS (VmHWM); then the server's CPU per request (user + system
# from /proc/PID/stat over each level, divided by the Extracts its metrics
# counted) next to the engine's own time per document (criterion's
# `seed/docs`, run here on the same machine), and ExtractStream against unary
# Extract with the same client (h2load sends STREAM_BATCH documents on each
# stream, so neither side pays for decoding answers in a client library).
# Everything runs on loopback; every loop is bounded by a request count and a
# duration.
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
bin=${ATTRIBUTOR_BIN:-target/release/attributor}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
addr=127.0.0.1:$(free_port)
metrics=127.0.0.1:$(free_port)
"$bin" serve --addr "$addr" --metrics-addr "$metrics" --log-format json >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do "$bin" health --addr "http://$addr" >/dev/null 2>&1 && break; sleep 0.1; done
"$bin" health --addr "http://$addr" >/dev/null

# A gRPC request body is a 5-byte frame header (no compression, length) and
# the protobuf ExtractRequest: field 1 document_id, field 2 text. A stream's
# body is STREAM_BATCH such frames, each an ExtractStreamRequest whose field 1
# is that ExtractRequest.
stream_batch=${STREAM_BATCH:-100}
python3 - "$seed" "$work/body.bin" "$work/stream-body.bin" "$stream_batch" <<'PY'
import struct, sys
def field(num, data):
    key, out, n = bytes([num << 3 | 2]), bytearray(), len(data)
    while True:
        b = n & 0x7F; n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n: break
    return key + bytes(out) + data
frame = lambda msg: b"\x00" + struct.pack(">I", len(msg)) + msg
text = open(sys.argv[1], encoding="utf-8").read().encode()
open(sys.argv[2], "wb").write(frame(field(1, b"seed") + field(2, text)))
batch = int(sys.argv[4])
stream = b"".join(frame(field(1, field(1, b"seed-%d" % i) + field(2, text))) for i in range(batch))
open(sys.argv[3], "wb").write(stream)
PY

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "request: Extract on the seed article ($(wc -c <"$seed") bytes), ${duration}s per level"

# h2load only sees HTTP 200: a gRPC error (bad body, deadline, ...) also comes
# back as 200 with grpc-status in the trailers. So every level is checked
# against the server's own metrics: each Extract that really succeeded is
# counted with code OK, and the server must log no "extraction failed".
metric() { curl -sf "http://$metrics/metrics" | awk -v m="$1" 'index($0, m) == 1 {s += $NF} END {printf "%d", s}'; }
extracted() { metric 'attributor_requests_total{method="attribution.v1.AttributionService/Extract",code="OK"}'; }
failed() { grep -c '"message":"extraction failed"' "$work/server.log" || true; }
# Server CPU (user + system) in microseconds.
server_cpu_us() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1e6 / hz}' /proc/$server_pid/stat; }

# h2load_run OUT CONCURRENCY BODY METHOD [OPTION...]: one h2load run of
# $duration seconds (after 1 s of warm-up), output in OUT; exits on any
# failure h2load itself saw.
h2load_run() {
  local out=$1 c=$2 body=$3 method=$4
  shift 4
  h2load --duration="$duration" --warm-up-time=1 -c "$c" -m 1 -t 1 \
    -H 'content-type: application/grpc' -H 'te: trailers' -d "$body" "$@" \
    "http://$addr/attribution.v1.AttributionService/$method" >"$out" 2>&1 || { cat "$out"; exit 1; }
  grep -q ' 0 failed, 0 errored, 0 timeout' "$out" || { cat "$out"; echo "h2load saw failures"; exit 1; }
  sleep 0.2 # let the server finish counting and writing its log
}
h2load_succeeded() { sed -n 's/.* \([0-9]*\) succeeded,.*/\1/p' "$1"; }
h2load_rps() { sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' "$1"; }

printf '%-12s %10s %10s %10s %10s %12s\n' concurrency requests req/s p50_ms p99_ms peak_rss_MB
declare -A cpu_per_request rps_at
for c in 1 16 64; do
  before=$(extracted)
  cpu_before=$(server_cpu_us)
  h2load_run "$work/h2.out" "$c" "$work/body.bin" Extract --log-file="$work/h2-$c.log"
  succeeded=$(h2load_succeeded "$work/h2.out")
  counted=$(( $(extracted) - before ))
  cpu_per_request[$c]=$(( ($(server_cpu_us) - cpu_before) / (counted > 0 ? counted : 1) ))
  # h2load counts only the measured phase; the server also counted the warm-up.
  if [ "$counted" -lt "$succeeded" ] || [ "$(failed)" != 0 ]; then
    cat "$work/h2.out"
    echo "gRPC check failed: h2load saw $succeeded succeeded, the server counted $counted successful Extracts and logged $(failed) failures"
    exit 1
  fi
  rps=$(h2load_rps "$work/h2.out")
  rps_at[$c]=$rps
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
echo "gRPC check: every h2load request was a successful Extract in the server's metrics; $(failed) failures logged"
echo "server peak RSS (VmHWM) after the unary levels: $(awk '/VmHWM/ {printf "%.1f MB", $2 / 1024}' /proc/$server_pid/status)"

target/release/examples/stream_load "http://$addr" "$seed" "${STREAM_DOCUMENTS:-2000}"
echo "server peak RSS (VmHWM) after the stream: $(awk '/VmHWM/ {printf "%.1f MB", $2 / 1024}' /proc/$server_pid/status)"

# What the server spends around the engine. Same machine, same run.
cargo bench --quiet -p attributor-engine --bench engine -- 'seed/docs' --warm-up-time 1 --measurement-time 5 >"$work/criterion.log" 2>&1 ||
  { cat "$work/criterion.log"; exit 1; }
engine_us=$(python3 -c 'import json, sys; print("%.1f" % (json.load(open(sys.argv[1]))["mean"]["point_estimate"] / 1000))' \
  target/criterion/seed/docs/new/estimates.json)
echo "engine alone (criterion seed/docs, one thread): $engine_us us a document"
echo "server CPU per Extract (user + system): c=1 ${cpu_per_request[1]} us, c=16 ${cpu_per_request[16]} us, c=64 ${cpu_per_request[64]} us"
python3 -c 'import sys; print("server CPU per Extract at c=16 / engine time per document: %.2fx" % (float(sys.argv[1]) / float(sys.argv[2])))' \
  "${cpu_per_request[16]}" "$engine_us"

# ExtractStream and unary Extract with the same client: h2load, 2 streams of
# $stream_batch documents at a time; each stream has up to --stream-buffer
# (16) documents in flight, so the server always has work waiting, as at c=16.
bytes_before=$(metric attributor_document_bytes_total)
cpu_before=$(server_cpu_us)
h2load_run "$work/h2-stream.out" 2 "$work/stream-body.bin" ExtractStream
streams=$(h2load_succeeded "$work/h2-stream.out")
stream_rps=$(h2load_rps "$work/h2-stream.out")
# Each document that succeeded counted its bytes; one that failed would be
# a logged "extraction failed" (and an in-band error to the client).
documents=$(( ($(metric attributor_document_bytes_total) - bytes_before) / $(wc -c <"$seed") ))
[ "$documents" -ge $(( streams * stream_batch )) ] && [ "$(failed)" = 0 ] || {
  echo "stream check failed: $streams streams of $stream_batch documents, $documents extracted, $(failed) failures logged"; exit 1; }
python3 - "$stream_rps" "$stream_batch" "${rps_at[16]}" "$(( ($(server_cpu_us) - cpu_before) / documents ))" "$engine_us" <<'PY'
import sys
stream_rps, batch, unary_rps, cpu, engine = map(float, sys.argv[1:])
docs = stream_rps * batch
print("ExtractStream via h2load (2 streams of %d documents at a time): %.0f documents/s, server CPU %.0f us a document (%.2fx the engine)" % (batch, docs, cpu, cpu / engine))
print("ExtractStream / unary Extract at c=16, same client: %.2fx (%.0f against %.0f documents/s)" % (docs / unary_rps, docs, unary_rps))
PY
