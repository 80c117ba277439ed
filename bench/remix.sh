#!/usr/bin/env bash
# Remix end to end for a 30 s 9:16 720p result: analysis → plan → two instructions → video, with a cold asset
# cache and again warm, beside a plain 30 s 9:16 `generate` with a cold cache in the same run (the ratio is what
# the remix adds: the analysis and the planning from it). Release build; work files in $PIXORA_BENCH_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
swift build -c release --product pixora >/dev/null
work="${PIXORA_BENCH_DIR:-/tmp/pixora-bench}/remix"
mkdir -p "$work"
ff() { ffmpeg -hide_banner -nostdin -loglevel error -y "$@"; }

# A 45 s 1080p sample: nine shots of 5 s with hard cuts, a chord pulsing at 100 BPM.
if [ ! -s "$work/sample.mp4" ]; then
    inputs=() filters=""
    for i in $(seq 0 8); do
        inputs+=(-f lavfi -i "testsrc2=s=1920x1080:r=30:d=5,hue=h=$((i * 40))")
        filters+="[$i:v]"
    done
    ff "${inputs[@]}" -f lavfi -i "aevalsrc='0.3*(sin(2*PI*220*t)+sin(2*PI*330*t))*exp(-4*mod(t,0.6))':s=48000:d=45" \
        -filter_complex "${filters}concat=n=9:v=1:a=0[v]" -map "[v]" -map 9:a -c:v libx264 -preset ultrafast \
        -pix_fmt yuv420p -c:a aac "$work/sample.mp4"
fi

source bench/timing.sh
ratio() { python3 -c "print($1 / $2)"; }
remix() {
    .build/release/pixora remix "$work/sample.mp4" --out "$work/remix.mp4" --topic "how bees make honey" \
        --duration 30 --instruction "faster" --instruction "more dramatic" --quiet --cache "$1"
}
rm -rf "$work/cache-remix" "$work/cache-generate"
cold=$(seconds remix "$work/cache-remix")
warm=$(seconds remix "$work/cache-remix")
plain=$(seconds .build/release/pixora generate "a 30-second vertical video about how bees make honey" \
    --out "$work/generate.mp4" --quiet --cache "$work/cache-generate")
length=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/remix.mp4")
echo "| run | wall (s) | × plain generate |"
echo "|---|---|---|"
printf "| remix, cold cache (45 s 1080p sample → %.1f s 9:16) | %.1f | %.2f |\n" "$length" "$cold" \
    "$(ratio "$cold" "$plain")"
printf "| remix, warm cache | %.1f | %.2f |\n" "$warm" "$(ratio "$warm" "$plain")"
printf "| generate, cold cache (30 s 9:16) | %.1f | 1.00 |\n" "$plain"
