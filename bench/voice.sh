#!/usr/bin/env bash
# The voice round: seconds of work per minute of speech for Piper (joe) and flite (slt) on a 12-scene narration,
# Piper run as one process per scene against one process for the job; then a cold 30 s 9:16 720p `pixora
# generate` with each voice (each with its own empty asset cache), as ratios in the same run. Target: Piper adds
# at most 25 % to the cold generate. Release build (PIXORA_BENCH_CONFIG=debug: the debug one); work files in
# $PIXORA_BENCH_DIR. [runs] alternates the two generates that many times (default 1) and reports the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
# PIXORA_BENCH_CONFIG=debug uses the debug build instead (the work is ffmpeg, flite and Piper, not Swift code).
config="${PIXORA_BENCH_CONFIG:-release}"
swift build -c "$config" --product pixora >/dev/null
swift build -c "$config" --product pixora-bench >/dev/null
bin=".build/$config"
work="${PIXORA_BENCH_DIR:-/tmp/pixora-bench}/voice"
mkdir -p "$work"
runs="${1:-1}"

PIXORA_BENCH_DIR="$work" "$bin/pixora-bench" voice
echo

source bench/timing.sh
generate() { # voice → wall seconds of a cold generate
    rm -rf "$work/cache-$1"
    seconds "$bin/pixora" generate "a 30-second vertical video about how bees make honey" --voice "$1" \
        --out "$work/$1.mp4" --quiet --cache "$work/cache-$1"
}
flite=() piper=()
for _ in $(seq "$runs"); do
    flite+=("$(generate slt)")
    piper+=("$(generate joe)")
done
median() {
    printf '%s\n' "$@" | sort -g |
        awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
f=$(median "${flite[@]}")
p=$(median "${piper[@]}")
length() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/$1.mp4"; }
echo "| cold 30 s 9:16 720p generate | wall (s) | video (s) | × flite |"
echo "|---|---|---|---|"
printf "| flite slt | %.1f | %.1f | 1.00 |\n" "$f" "$(length slt)"
printf "| Piper joe | %.1f | %.1f | %.2f |\n" "$p" "$(length joe)" "$(python3 -c "print($p / $f)")"
