#!/usr/bin/env bash
# Smoke test of every HTTP route of a running server, with curl:
#   tests/web/http_smoke.sh 127.0.0.1:50051
# GET / (the page and its CSP), POST /v1/extract (answer, bad input, malformed
# JSON, too large, HTTP/2 with prior knowledge), POST /v1/extract:batch
# (a bad line in the middle), 404, 405, and gRPC-Web calls (one too large).
# A too-large body must come back as its answer, not as curl's "Broken
# pipe": the server reads what it refused (src/web/linger.rs). Needs curl and
# python3; exits non-zero on the first check that fails. Assumes the server's
# default --max-message-size (8 MiB) and no --auth-token-file.
set -euo pipefail

ADDR=${1:?usage: $0 HOST:PORT}
URL="http://$ADDR"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SENTENCE='“We are well prepared,” Maria Keller told reporters on Tuesday.'

fail() { printf 'http_smoke FAILED: %s\n' "$*" >&2; exit 1; }
ok() { printf 'ok   %s\n' "$*"; }

# request NAME EXPECTED_STATUS CURL_ARGS...: body in $TMP/NAME, headers in $TMP/NAME.h
request() {
    local name=$1 expected=$2
    shift 2
    local status
    status=$(curl -sS -o "$TMP/$name" -D "$TMP/$name.h" -w '%{http_code}' "$@") ||
        fail "$name: curl failed"
    [ "$status" = "$expected" ] || fail "$name: HTTP $status, expected $expected: $(head -c 400 "$TMP/$name")"
}
contains() { grep -q -- "$2" "$TMP/$1" || fail "$1 lacks $2: $(head -c 400 "$TMP/$1")"; }
header() { grep -qi -- "^$2" "$TMP/$1.h" || fail "$1: no header $2: $(cat "$TMP/$1.h")"; }

request page 200 "$URL/"
header page "content-type: text/html"
header page "content-security-policy: default-src 'none'"
contains page "/v1/extract"
ok "GET / (page, CSP)"

python3 -c 'import json, sys; print(json.dumps({"documentId": "smoke", "text": sys.argv[1], "published": "2026-01-28"}))' \
    "$SENTENCE" >"$TMP/request.json"
request extract 200 -H 'content-type: application/json' --data-binary @"$TMP/request.json" "$URL/v1/extract"
contains extract '"documentId":"smoke"'
contains extract '"name":"Maria Keller"'
contains extract '"date":"2026-01-27"'
ok "POST /v1/extract"

request h2c 200 --http2-prior-knowledge --data-binary @"$TMP/request.json" "$URL/v1/extract"
grep -q '^HTTP/2 200' "$TMP/h2c.h" || fail "h2c: not HTTP/2: $(head -1 "$TMP/h2c.h")"
cmp -s "$TMP/h2c" "$TMP/extract" || fail "h2c answer differs from HTTP/1.1"
ok "POST /v1/extract over HTTP/2 (h2c, prior knowledge)"

request empty 400 -d '{"text": ""}' "$URL/v1/extract"
contains empty '"status":"INVALID_ARGUMENT"'
contains empty '"field":"text"'
ok "empty text: 400 INVALID_ARGUMENT naming text"

request malformed 400 -d '{"text": "a",}' "$URL/v1/extract"
contains malformed 'line 1 column'
ok "malformed JSON: 400 saying where"

python3 -c 'import json; print(json.dumps({"text": "x" * (9 << 20)}))' >"$TMP/big.json"
request big 413 -H 'transfer-encoding: chunked' --data-binary @"$TMP/big.json" "$URL/v1/extract"
contains big '"status":"RESOURCE_EXHAUSTED"'
ok "9 MiB body (chunked): 413"

python3 - "$SENTENCE" >"$TMP/batch.jsonl" <<'PY'
import json, sys
print(json.dumps({"documentId": "first", "text": sys.argv[1]}))
print('{"documentId": "broken"')
print(json.dumps({"documentId": "third", "text": "Keller said the grid was fine."}))
PY
request batch 200 --data-binary @"$TMP/batch.jsonl" "$URL/v1/extract:batch"
[ "$(wc -l <"$TMP/batch")" = 3 ] || fail "batch: not 3 lines: $(cat "$TMP/batch")"
sed -n 1p "$TMP/batch" | grep -q '"documentId":"first"' || fail "batch line 1"
sed -n 2p "$TMP/batch" | grep -q '"message":"line 2: ' || fail "batch line 2"
sed -n 3p "$TMP/batch" | grep -q '"documentId":"third"' || fail "batch line 3"
ok "POST /v1/extract:batch (a bad line answered in place)"

request missing 404 "$URL/v1/nothing"
contains missing '"status":"NOT_FOUND"'
request method 405 "$URL/v1/extract"
header method "allow: POST"
ok "404 unknown path, 405 wrong method with Allow"

# grpc_web_frame TEXT [TIMES]: an ExtractRequest whose text is TEXT
# repeated TIMES times (default once), as a gRPC-Web frame.
grpc_web_frame() {
    python3 - "$1" "${2:-1}" <<'PY'
import struct, sys
text = sys.argv[1].encode() * int(sys.argv[2])
def varint(n):
    out = b""
    while n > 0x7F:
        out += bytes([n & 0x7F | 0x80]); n >>= 7
    return out + bytes([n])
message = b"\x12" + varint(len(text)) + text          # ExtractRequest.text = 2
sys.stdout.buffer.write(b"\x00" + struct.pack(">I", len(message)) + message)
PY
}
grpc_web_frame "$SENTENCE" >"$TMP/grpc-web.bin"
request grpc-web 200 -H 'content-type: application/grpc-web+proto' -H 'x-grpc-web: 1' \
    --data-binary @"$TMP/grpc-web.bin" "$URL/attribution.v1.AttributionService/Extract"
header grpc-web "content-type: application/grpc-web+proto"
grep -aq 'grpc-status:0' "$TMP/grpc-web" || fail "grpc-web: no grpc-status:0 trailer"
grep -aq 'Maria Keller' "$TMP/grpc-web" || fail "grpc-web: no speaker in the answer"
ok "gRPC-Web Extract"

grpc_web_frame x $((9 << 20)) >"$TMP/grpc-web-big.bin"
request grpc-web-big 200 -H 'content-type: application/grpc-web+proto' -H 'x-grpc-web: 1' \
    --data-binary @"$TMP/grpc-web-big.bin" "$URL/attribution.v1.AttributionService/Extract"
header grpc-web-big "grpc-status: 8"
ok "gRPC-Web 9 MiB message: RESOURCE_EXHAUSTED"

echo "http_smoke: all checks passed against $ADDR"
