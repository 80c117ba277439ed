#!/usr/bin/env bash
# Browser tests of the studio: real headless Chromium (Debian's chromium and chromium-driver) driven by Python
# Selenium and pytest, against a `pixora serve` started on SQLite in a temporary folder (removed afterwards).
# Installs what is missing (safe to run again), builds nothing: it needs .build/debug/pixora (or PIXORA_BIN).
# Screenshots of every page go to test-output/screenshots, downloaded videos to test-output/downloads, and what
# the browser showed when a test failed to test-output/failures. Extra arguments go to pytest (e.g. -k journey).
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium, its WebDriver, Selenium and pytest come with the test dependencies.
scripts/install-deps.sh --test >/dev/null

binary="${PIXORA_BIN:-.build/debug/pixora}"
if [ ! -x "$binary" ]; then
    echo "error: $binary does not exist. Build the server first with \`swift build\` (or point PIXORA_BIN at a pixora binary)." >&2
    exit 1
fi

mkdir -p test-output
set +e
python3 -m pytest -q Tests/Browser "$@"
status=$?
set -e
echo "browser tests: screenshots in test-output/screenshots"
exit $status
