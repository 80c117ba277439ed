#!/usr/bin/env bash
# HTTP throughput of `pixora serve --no-worker` (release build) with wrk, on SQLite and on a throwaway PostgreSQL:
#   GET /healthz with the same bearer header (token check, no database: the floor of the HTTP stack here)
#   GET /api/v1/videos (a user with 50 videos; the default page of 20, and all 50 with ?limit=50); on SQLite an
#     unchanged list is answered from the list cache, so the lists are also run with PIXORA_LIST_CACHE=off
#   POST /api/v1/videos (each request validates, prices, charges and queues a video)
# Usage: bench/api.sh [seconds per run, default 10] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test >/dev/null
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product pixora >/dev/null
duration="${1:-10}"
connections="${2:-32}"
results=$(mktemp)

run_engine() {
    local label="$1" database_url="$2" extra_env="${3:-PIXORA_LIST_CACHE=on}" only_lists="${4:-}"
    local data port pid token
    data=$(mktemp -d)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    env "$extra_env" DATABASE_URL="$database_url" PIXORA_LOG_LEVEL=error PIXORA_BCRYPT_COST=10 \
        .build/release/pixora serve --no-worker --data "$data" --port "$port" >"$data/serve.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    local base="http://127.0.0.1:$port/api/v1"
    token=$(curl -sf -X POST "$base/auth/register" -H 'Content-Type: application/json' \
        -d '{"email":"bench@example.com","password":"benchmark password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
    local user
    user=$(curl -sf "$base/users/me/profile" -H "Authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    curl -sf -X POST "$base/admin/users/$user/credits" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"delta":1000000,"reason":"benchmark"}' >/dev/null
    for i in $(seq 50); do
        curl -sf -X POST "$base/videos" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"prompt\":\"benchmark video $i about bees\",\"settings\":{\"durationSeconds\":5}}" >/dev/null
    done
    export PIXORA_TOKEN="$token"
    for target in "GET /healthz (HTTP floor)|http://127.0.0.1:$port/healthz|list.lua" "GET /videos (20 of 50)|$base/videos|list.lua" "GET /videos?limit=50|$base/videos?limit=50|list.lua" "POST /videos|$base/videos|create.lua"; do
        IFS='|' read -r name url script <<<"$target"
        if [ -n "$only_lists" ] && [[ "$name" != "GET /videos"* ]]; then continue; fi
        local out
        out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s "bench/wrk/$script" "$url")
        local rps p99 errors
        rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
        p99=$(awk '$1=="99%" {print $2}' <<<"$out")
        errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
        echo "| $label | $name | $rps | $p99 | ${errors:-0} |" >>"$results"
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$data"
}

run_engine sqlite ""
run_engine "sqlite, list cache off" "" PIXORA_LIST_CACHE=off lists
scripts/with-postgres.sh bash -c "$(declare -f run_engine); results='$results' duration='$duration' connections='$connections'; run_engine postgresql \"\${PIXORA_TEST_POSTGRES_URL}?pool=16\""
echo
echo "wrk -t2 -c$connections -d${duration}s against pixora serve --no-worker (release), same machine (2 cores shared with wrk)"
echo "| engine | request | req/s | p99 | non-2xx |"
echo "|---|---|---:|---:|---:|"
cat "$results"
rm -f "$results"
