#!/usr/bin/env bash
# One 121 s 1080x1920 render shared through the job queue with 0, 1 and 3 other in-process workers (each runs its
# ffmpeg as its own process): wall and CPU seconds, CPU per segment, and the critical path (the longest segment
# alone). Release build (PIXORA_BENCH_CONFIG=debug: the debug one; the work is ffmpeg). Work files in
# $PIXORA_BENCH_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
config="${PIXORA_BENCH_CONFIG:-release}"
swift build -c "$config" --product pixora-bench >/dev/null
".build/$config/pixora-bench" fanout
