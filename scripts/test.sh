#!/usr/bin/env bash
# Run every test: installs what is missing, builds the tests once, runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
