#!/usr/bin/env bash
# A full 30 s 9:16 720p generate with the embedded generators: cold cache, then warm.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
swift build -c release --product pixora-bench >/dev/null
.build/release/pixora-bench generate
