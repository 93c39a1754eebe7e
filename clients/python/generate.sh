#!/usr/bin/env bash
# Regenerates the committed Python stubs of proto/attribution/v1/attribution.proto
# into clients/python/src/attributor_client/_proto/ with grpcio-tools, and
# makes their imports package-relative.
#
#   clients/python/generate.sh            # regenerate in place
#   clients/python/generate.sh --check    # regenerate into a temp dir and diff
#                                         # against the committed files (exit 1
#                                         # if they differ)
#
# grpcio-tools is installed into a temporary venv, pinned below (the stubs
# depend on its protoc version). To skip the install, point GRPC_TOOLS_PYTHON
# at a Python that already has exactly that version of grpcio-tools.
set -euo pipefail

GRPCIO_TOOLS_VERSION=1.85.1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
dest="$here/src/attributor_client/_proto"

check=false
case "${1:-}" in
    --check) check=true ;;
    "") ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python="${GRPC_TOOLS_PYTHON:-}"
if [ -z "$python" ]; then
    python3 -m venv "$tmp/venv"
    "$tmp/venv/bin/pip" install --quiet --disable-pip-version-check "grpcio-tools==$GRPCIO_TOOLS_VERSION"
    python="$tmp/venv/bin/python"
fi
installed=$("$python" -c 'from importlib.metadata import version; print(version("grpcio-tools"))')
if [ "$installed" != "$GRPCIO_TOOLS_VERSION" ]; then
    echo "$python has grpcio-tools $installed, the stubs are generated with $GRPCIO_TOOLS_VERSION" >&2
    exit 2
fi

mkdir -p "$tmp/out" "$tmp/_proto"
"$python" -m grpc_tools.protoc -I "$repo/proto" \
    --python_out="$tmp/out" --pyi_out="$tmp/out" --grpc_python_out="$tmp/out" \
    "$repo/proto/attribution/v1/attribution.proto"
for file in attribution_pb2.py attribution_pb2.pyi attribution_pb2_grpc.py; do
    # protoc writes absolute imports (`from attribution.v1 import ...`);
    # inside the package they must be relative.
    sed -e 's/^from attribution\.v1 import /from . import /' \
        "$tmp/out/attribution/v1/$file" >"$tmp/_proto/$file"
done
if grep -n '^from attribution\|^import attribution' "$tmp/_proto/"*; then
    echo "an absolute import of the generated package is left (see above)" >&2
    exit 1
fi
cat >"$tmp/_proto/__init__.py" <<'PY'
"""Stubs generated from proto/attribution/v1/attribution.proto by
clients/python/generate.sh (grpcio-tools). Do not edit; regenerate."""
PY

if $check; then
    if ! diff -ru -x __pycache__ "$dest" "$tmp/_proto"; then
        echo "clients/python: the committed stubs differ from freshly generated ones; run clients/python/generate.sh" >&2
        exit 1
    fi
    echo "clients/python: the committed stubs match proto/ (grpcio-tools $GRPCIO_TOOLS_VERSION)"
else
    rm -rf "$dest"
    mkdir -p "$dest"
    cp "$tmp/_proto/"* "$dest/"
    echo "clients/python: stubs written to ${dest#"$repo/"}"
fi
