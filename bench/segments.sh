#!/usr/bin/env bash
# The reference timeline (bench/render.sh) rendered in one pass against renders joined from cached segments: from
# an empty segment cache, unchanged, after one transition changed, after one scene of six regenerated; ratios to
# the one-pass render of the same run. Release build (PIXORA_BENCH_CONFIG=debug: the debug one; the work is ffmpeg).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
config="${PIXORA_BENCH_CONFIG:-release}"
swift build -c "$config" --product pixora-bench >/dev/null
".build/$config/pixora-bench" segments "${1:-3}"
