#!/usr/bin/env bash
# HTTP throughput of `pixora serve --no-worker` (release build) with wrk, on SQLite and on a throwaway PostgreSQL:
#   GET /healthz with the same bearer header (token check, no database: the floor of the HTTP stack here)
#   GET /api/v1/videos (a user with 50 videos; the default page of 20, and all 50 with ?limit=50); on SQLite an
#     unchanged list is answered from the list cache, so the lists are also run with PIXORA_LIST_CACHE=off
#   POST /api/v1/videos (each request validates, prices, charges and queues a video)
# and then the list and the creation on PostgreSQL with two API nodes at once (one wrk per node, half the
# connections each, one JWT secret), beside one node in the same run.
# Usage: bench/api.sh [seconds per run, default 10] [connections, default 32]
# PIXORA_BENCH_CONFIG=debug uses the debug build (for the ratios; absolute numbers are the release build's).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test >/dev/null
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
config="${PIXORA_BENCH_CONFIG:-release}"
swift build -c "$config" --product pixora >/dev/null
export PIXORA_BIN=".build/$config/pixora"
duration="${1:-10}"
connections="${2:-32}"
results=$(mktemp)

# Gives the account of `token` a million credits (granted by `admin`) and 50 videos.
seed_account() {
    local base="$1" token="$2" admin="$3" user
    user=$(curl -sf "$base/users/me/profile" -H "Authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    curl -sf -X POST "$base/admin/users/$user/credits" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
        -d '{"delta":1000000,"reason":"benchmark"}' >/dev/null
    for i in $(seq 50); do
        curl -sf -X POST "$base/videos" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"prompt\":\"benchmark video $i about bees\",\"settings\":{\"durationSeconds\":5}}" >/dev/null
    done
}

run_engine() {
    local label="$1" database_url="$2" extra_env="${3:-PIXORA_LIST_CACHE=on}" only_lists="${4:-}"
    local data port pid token
    data=$(mktemp -d)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    env "$extra_env" DATABASE_URL="$database_url" PIXORA_LOG_LEVEL=error PIXORA_BCRYPT_COST=10 \
        "$PIXORA_BIN" serve --no-worker --data "$data" --port "$port" >"$data/serve.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    local base="http://127.0.0.1:$port/api/v1"
    token=$(curl -sf -X POST "$base/auth/register" -H 'Content-Type: application/json' \
        -d '{"email":"bench@example.com","password":"benchmark password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
    # The first account is the admin: it grants its own credits.
    seed_account "$base" "$token" "$token"
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

# Two API nodes on one PostgreSQL: a user registered on node A, 50 videos; wrk against both nodes at once.
run_two_nodes() {
    local database_url="$1" data_a data_b port_a port_b pid_a pid_b token
    data_a=$(mktemp -d); data_b=$(mktemp -d)
    port_a=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    port_b=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    local secret="bench-two-nodes-0123456789abcdef0123456789abcdef0123456789abcdef"
    for node in "a $port_a $data_a" "b $port_b $data_b"; do
        read -r name port data <<<"$node"
        DATABASE_URL="$database_url" PIXORA_JWT_SECRET="$secret" PIXORA_LOG_LEVEL=error PIXORA_BCRYPT_COST=10 \
            "$PIXORA_BIN" serve --no-worker --data "$data" --port "$port" >"$data/serve.log" 2>&1 &
        if [ "$name" = a ]; then pid_a=$!; else pid_b=$!; fi
    done
    for port in "$port_a" "$port_b"; do
        for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    done
    local base="http://127.0.0.1:$port_a/api/v1"
    token=$(curl -sf -X POST "$base/auth/register" -H 'Content-Type: application/json' \
        -d '{"email":"nodes@example.com","password":"benchmark password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
    local admin
    # The database is the one-node run's: its first account is the admin that grants the credits.
    admin=$(curl -sf -X POST "$base/auth/login" -H 'Content-Type: application/json' \
        -d '{"email":"bench@example.com","password":"benchmark password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
    seed_account "$base" "$token" "$admin"
    export PIXORA_TOKEN="$token"
    local half=$(( connections / 2 ))
    for target in "GET /videos (20 of 50)|/api/v1/videos|list.lua" "POST /videos|/api/v1/videos|create.lua"; do
        IFS='|' read -r name path script <<<"$target"
        local out_a out_b
        out_a=$(mktemp); out_b=$(mktemp)
        wrk -t1 -c"$half" -d"${duration}s" --latency -s "bench/wrk/$script" "http://127.0.0.1:$port_a$path" >"$out_a" &
        local wrk_a=$!
        wrk -t1 -c"$half" -d"${duration}s" --latency -s "bench/wrk/$script" "http://127.0.0.1:$port_b$path" >"$out_b"
        wait "$wrk_a"
        local rps p99 errors
        rps=$(awk '/Requests\/sec/ {sum += $2} END {printf "%.2f", sum}' "$out_a" "$out_b")
        p99=$(awk '$1=="99%" {print $2}' "$out_a" "$out_b" | paste -sd / -)
        errors=$(awk '/Non-2xx/ {sum += $5} END {print sum + 0}' "$out_a" "$out_b")
        echo "| postgresql, 2 nodes (sum; p99 A/B) | $name | $rps | $p99 | $errors |" >>"$results"
        rm -f "$out_a" "$out_b"
    done
    kill "$pid_a" "$pid_b"; wait "$pid_a" "$pid_b" 2>/dev/null || true
    rm -rf "$data_a" "$data_b"
}

run_engine sqlite ""
run_engine "sqlite, list cache off" "" PIXORA_LIST_CACHE=off lists
scripts/with-postgres.sh bash -c "$(declare -f seed_account run_engine run_two_nodes); results='$results' duration='$duration' connections='$connections'; run_engine postgresql \"\${PIXORA_TEST_POSTGRES_URL}?pool=16\"; run_two_nodes \"\${PIXORA_TEST_POSTGRES_URL}?pool=16\""
echo
echo "wrk -t2 -c$connections -d${duration}s against pixora serve --no-worker ($config), same machine (2 cores shared with wrk)"
echo "| engine | request | req/s | p99 | non-2xx |"
echo "|---|---|---:|---:|---:|"
cat "$results"
rm -f "$results"
