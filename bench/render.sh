#!/usr/bin/env bash
# Reference timeline render vs. the bare encode floor, both measured in this run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
swift build -c release --product pixora-bench >/dev/null
.build/release/pixora-bench render "${1:-3}"
