#!/usr/bin/env bash
# The Python client's CI, from scratch: clients/python/ci.sh BIN
#
# BIN is a built attributor release binary. Creates a fresh venv under
# build/, installs the package (as a user would: `pip install ./clients/python`)
# and pytest, checks that the committed stubs match proto/ (generate.sh
# --check), and runs the test suite against servers started from BIN.
# Exits non-zero on any failure; the last line is pytest's summary.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 path/to/attributor" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$BIN" ] || { echo "$0: $1 is not an executable" >&2; exit 2; }

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
VENV=build/python-client-venv

echo "==> fresh venv $VENV: pip install ./clients/python pytest==9.2.0"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check ./clients/python pytest==9.2.0

echo "==> clients/python/generate.sh --check"
clients/python/generate.sh --check

echo "==> pytest clients/python/tests (ATTRIBUTOR_BIN=$BIN)"
# Run from outside the source tree so the installed package is the one tested,
# and with no ATTRIBUTOR_* of the caller's deciding which servers are used.
unset ATTRIBUTOR_ADDR ATTRIBUTOR_TOKEN_ADDR ATTRIBUTOR_TOKEN
cd build
"../$VENV/bin/python" -c 'import attributor_client; print("testing", attributor_client.__file__)'
set +e
ATTRIBUTOR_BIN="$BIN" "../$VENV/bin/python" -m pytest -p no:cacheprovider -q -rs \
    ../clients/python/tests 2>&1 | tee python-client-pytest.log
status=${PIPESTATUS[0]}
set -e
summary=$(grep -E '^=+ .* in [0-9.]+s' python-client-pytest.log | tail -n 1 || true)
[ -n "$summary" ] || summary=$(tail -n 1 python-client-pytest.log)
echo "python client: $summary"
exit "$status"
