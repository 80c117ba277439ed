#!/usr/bin/env bash
# Job-queue throughput with 1 and 4 workers on a throwaway PostgreSQL cluster (and on SQLite for comparison).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test >/dev/null
swift build -c release --product pixora-bench >/dev/null
jobs="${1:-4000}"
scripts/with-postgres.sh bash -c 'DATABASE_URL="${PIXORA_TEST_POSTGRES_URL%/postgres}/postgres?pool=8" .build/release/pixora-bench queue '"$jobs"
folder=$(mktemp -d)
DATABASE_URL="sqlite://$folder/queue.sqlite" .build/release/pixora-bench queue "$jobs"
rm -rf "$folder"
