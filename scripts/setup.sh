#!/usr/bin/env bash
# Set up Pixora on a fresh machine: installs what is missing, builds, makes a sample video, then starts the server
# (API + worker on SQLite under ./data) on http://127.0.0.1:8080. With --no-serve it stops after the video.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product pixora
mkdir -p out
.build/release/pixora generate "a 30-second vertical video about how bees make honey" --out out/bees.mp4
echo
echo "Watch out/bees.mp4; edit out/bees.editor-state.json and run: .build/release/pixora render out/bees.editor-state.json --out out/bees-v2.mp4"
if [ "${1:-}" = "--no-serve" ]; then
    exit 0
fi
echo "Starting the server on http://127.0.0.1:${PIXORA_PORT:-8080} (Ctrl-C stops it); the API is described at /openapi.json"
exec .build/release/pixora serve
