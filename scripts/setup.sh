#!/usr/bin/env bash
# Set up Pixora on a fresh machine and make a sample video: installs what is missing, builds, generates.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product pixora
mkdir -p out
.build/release/pixora generate "a 30-second vertical video about how bees make honey" --out out/bees.mp4
echo
echo "Watch out/bees.mp4; edit out/bees.editor-state.json and run: .build/release/pixora render out/bees.editor-state.json --out out/bees-v2.mp4"
