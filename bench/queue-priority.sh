#!/usr/bin/env bash
# Claim latency on a deep queue (default 10,000 jobs in three priority levels): the plan-priority order against
# the oldest-first order, alternating in one run, on PostgreSQL and on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test >/dev/null
swift build -c release --product pixora-bench >/dev/null
jobs="${1:-10000}"
scripts/with-postgres.sh bash -c \
    'DATABASE_URL="${PIXORA_TEST_POSTGRES_URL%/postgres}/postgres" .build/release/pixora-bench queue-priority '"$jobs"
folder=$(mktemp -d)
DATABASE_URL="sqlite://$folder/queue.sqlite" .build/release/pixora-bench queue-priority "$jobs"
rm -rf "$folder"
