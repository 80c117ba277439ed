#!/usr/bin/env bash
# The guided studio's whole offline walk (`pixora studio`) for a 30 s 16:9 720p project with a cold asset cache,
# time and credits per step; then `--rerun hero` on the same cache in the same run: what changing the hero shot
# costs (its frames, clips, timeline and export again) against the first walk. Release build; work files in
# $PIXORA_BENCH_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
swift build -c release --product pixora >/dev/null
work="${PIXORA_BENCH_DIR:-/tmp/pixora-bench}/studio"
mkdir -p "$work"
rm -rf "$work/cache" "$work/out"
.build/release/pixora studio "how bees make honey" --out "$work/out" --duration 30 --aspect 16:9 --quality 720p \
    --rerun hero --cache "$work/cache" 2>/dev/null >"$work/walk.txt"
length=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/out/video.mp4")
python3 - "$work/walk.txt" "$length" <<'PY'
import sys
walk, rerun, section = {}, {}, None
for line in open(sys.argv[1]):
    words = line.split()
    if line.startswith("walk:"):
        section = walk
    elif line.startswith("rerun:"):
        section = rerun
    elif section is not None and "credits" in words:
        at = words.index("credits")
        section[words[0]] = (int(words[at - 1]), float(words[at + 1]))
print(f"30 s 16:9 720p project, {float(sys.argv[2]):.1f} s video, embedded generators")
print()
print("| step | first walk (s) | credits | rerun hero (s) | credits |")
print("|---|---|---|---|---|")
for step in ["idea", "storyboard", "hero", "frames", "clips", "audio", "edit", "export", "total"]:
    (wc, ws), (rc, rs) = walk[step], rerun[step]
    print(f"| {step} | {ws:.2f} | {wc} | {rs:.2f} | {rc} |")
(wc, ws), (rc, rs) = walk["total"], rerun["total"]
print()
print(f"rerun of the hero against the first walk: {rs / ws:.2f}x the time, {rc / wc:.2f}x the credits")
PY
