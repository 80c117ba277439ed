#!/usr/bin/env bash
# Sample-video analysis speed and peak memory: a 60 s 1080p sample and a 10-minute 720p one, made by ffmpeg
# (cached in $PIXORA_BENCH_DIR), each analysed once with keyframes by a release build, under /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
[ -x /usr/bin/time ] || { echo "bench/analyze.sh needs /usr/bin/time (sudo apt-get install time)"; exit 1; }
swift build -c release --product pixora-analyze-bench >/dev/null
work="${PIXORA_BENCH_DIR:-/tmp/pixora-bench}/analyze"
mkdir -p "$work"
ff() { ffmpeg -hide_banner -nostdin -loglevel error -y "$@"; }

# One minute of material: 12 shots of 5 s joined by hard cuts (moving test patterns, a zooming fractal, cellular
# texture, bars), at 30 fps; sound: a chord pulsing at 100 BPM for 30 s, then flite speech and silence.
minute() { # size output
    local size="$1" out="$2" parts=() i=0
    local sources=("testsrc2" "mandelbrot" "smptehdbars" "cellauto=rule=110:random_fill_ratio=0.4" "rgbtestsrc"
        "life=mold=10:ratio=0.2" "testsrc" "yuvtestsrc" "testsrc2" "smptebars" "mandelbrot" "cellauto=rule=30")
    for source in "${sources[@]}"; do
        local name="${source%%=*}" options="${source#*=}"
        [ "$options" = "$source" ] && options="" || options=":$options"
        ff -t 5 -f lavfi -i "$name=s=480x270:r=30$options" -vf "scale=$size:flags=bicubic,format=yuv420p,setsar=1" \
            -c:v libx264 -preset ultrafast -crf 18 "$work/part-$i.mp4"
        parts+=("$work/part-$i.mp4")
        i=$((i + 1))
    done
    printf "file '%s'\n" "${parts[@]}" > "$work/parts.txt"
    ff -f concat -safe 0 -i "$work/parts.txt" -c copy "$work/silent.mp4"
    flite -voice slt -o "$work/speech.wav" -t "Pixora measures every shot of a sample video. It finds hard cuts \
and dissolves, reads the colours and the motion, listens to the sound and tells speech from music. Then it \
describes the look and the pace in a few sentences, so that a new video can follow the same rhythm."
    ff -i "$work/silent.mp4" -f lavfi -i "aevalsrc='0.3*(sin(2*PI*220*t)+sin(2*PI*277*t)+sin(2*PI*330*t))\
*exp(-4*mod(t,0.6))':s=48000:d=30" -i "$work/speech.wav" -filter_complex \
        "[2:a]aresample=48000,apad=whole_dur=30[s];[1:a][s]concat=n=2:v=0:a=1[a]" \
        -map 0:v -map "[a]" -c:v copy -c:a aac -b:a 128k -shortest "$out"
    rm -f "$work"/part-*.mp4 "$work/parts.txt" "$work/silent.mp4" "$work/speech.wav"
}

[ -s "$work/sample-1080p-60s.mp4" ] || minute 1920:1080 "$work/sample-1080p-60s.mp4"
if [ ! -s "$work/sample-720p-600s.mp4" ]; then
    minute 1280:720 "$work/minute-720p.mp4"
    ff -stream_loop 9 -i "$work/minute-720p.mp4" -c copy "$work/sample-720p-600s.mp4"
    rm -f "$work/minute-720p.mp4"
fi

echo "| sample | length | analysis (wall) | × real time | peak RSS (all / analyser) | shots | cuts/min |" \
    "speech / music | tempo |"
echo "|---|---|---|---|---|---|---|---|---|"
for sample in sample-1080p-60s sample-720p-600s; do
    rm -rf "$work/keyframes-$sample"
    line=$(/usr/bin/time -v -o "$work/time.txt" .build/release/pixora-analyze-bench "$work/$sample.mp4" \
        "$work/keyframes-$sample")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2 / 1024}' "$work/time.txt")
    cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u + s}' "$work/time.txt")
    get() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<< "$line"; }
    echo "| $sample | $(get duration) s | $(get wall) s ($cpu s CPU) | $(get realtime)× |" \
        "$rss / $(get selfPeakMB) MB | $(get shots) | $(get cutsPerMinute) | $(get speech) / $(get music) |" \
        "$(get tempo) |"
done
echo "CPU includes the ffmpeg decoders; peak RSS 'all' is the largest of the analyser and its ffmpeg children."
echo "Target: analysis faster than 4× real time (wall ≤ length / 4), memory flat in the length."
