#!/usr/bin/env bash
# Pixora on several machines: two API nodes and two workers, each with its own data folder, on one throwaway
# PostgreSQL cluster and one S3-compatible bucket (rclone serve s3). Tests/MultiNode/multinode.py says what it checks.
# Needs .build/debug/pixora (or PIXORA_BIN) and rclone (scripts/install-deps.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${PIXORA_BIN:-.build/debug/pixora}"
[ -x "$binary" ] || { echo "error: $binary does not exist; build first (swift build)" >&2; exit 1; }
PIXORA_BIN="$binary" scripts/with-postgres.sh python3 -u Tests/MultiNode/multinode.py
