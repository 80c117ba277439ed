#!/usr/bin/env bash
# The API contract tested from outside: schemathesis (pinned, from PyPI, in a private virtual environment) with
# every check against a `pixora serve` on SQLite in a temporary folder, signed in as its first account (an admin),
# for every operation of the served /openapi.json. Any finding fails. Needs .build/debug/pixora (or PIXORA_BIN).
# Extra arguments go to `schemathesis run` (e.g. --include-path-regex videos).
set -euo pipefail
cd "$(dirname "$0")/.."

version=4.32.5
venv=.venv-contract
binary="${PIXORA_BIN:-.build/debug/pixora}"
[ -x "$binary" ] || { echo "error: $binary does not exist; build first (swift build)" >&2; exit 1; }
if [ "$("$venv/bin/schemathesis" --version 2>/dev/null)" != "schemathesis, version $version" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "schemathesis==$version"
fi

data=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# Billing on, so the billing operations answer as a paying server does: Stripe is the browser suite's emulator,
# and the plans file's default plan limits nothing, so the other operations are tested as without plans. An
# OpenID Connect provider (its discovery document: Tests/Contract/emulators.py) lets a sign-in start.
python3 -u Tests/Contract/emulators.py >"$data/emulators.url" 2>"$data/emulators.log" &
emulators=$!
cleanup() {
    kill "${server:-}" "$emulators" 2>/dev/null || true
    wait "${server:-}" "$emulators" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 100); do [ "$(wc -l <"$data/emulators.url")" -ge 2 ] && break; sleep 0.1; done
cat >"$data/plans.yaml" <<'PLANS'
default: free
plans:
  - id: free
    name: Free
    price: {cents: 0}
    monthlyCredits: 0
  - id: pro
    name: Pro
    price: {cents: 1900, stripePriceId: price_contract_pro}
    monthlyCredits: 1500
    queuePriority: 5
PLANS
# No worker: accepted videos stay queued, so the run tests the API, not the generators.
# One access token serves the whole run, which on a loaded machine outlasts the default 15 minutes.
PIXORA_ACCESS_TOKEN_MINUTES=240 \
    PIXORA_LOG_LEVEL=warning PIXORA_LOGIN_LIMIT=100000 PIXORA_BCRYPT_COST=4 PIXORA_PLANS_FILE="$data/plans.yaml" \
    STRIPE_SECRET_KEY=sk_test_browser_emulated STRIPE_WEBHOOK_SECRET=whsec_browser_emulated \
    STRIPE_API_BASE="$(sed -n 1p "$data/emulators.url")" PIXORA_OIDC_ISSUER="$(sed -n 2p "$data/emulators.url")" \
    PIXORA_OIDC_CLIENT_ID=contract PIXORA_OIDC_CLIENT_SECRET=contract-secret PIXORA_OIDC_ALLOW_PRIVATE=1 \
    "$binary" serve --no-worker --data "$data" --port "$port" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done

token=$(curl -fs -H 'Content-Type: application/json' "$base/api/v1/auth/register" \
    -d '{"email": "contract@example.com", "password": "contract-password-1", "name": "Contract"}' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["accessToken"])')

# A remix project analyzed by a worker that runs only for that, with a plan: the project routes are tested on
# a real project (schemathesis cannot make a sample video). Without it they would only ever answer 404.
sample="$data/sample.mp4"
ffmpeg -v error -f lavfi -i testsrc2=s=320x240:r=25:d=4 -f lavfi -i sine=frequency=440:duration=4 \
    -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest "$sample"
project=$(curl -fs -H "Authorization: Bearer $token" -F kind=remix -F topic=bees -F "sample=@$sample" \
    "$base/api/v1/projects" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
# A data export made by the same worker, so the download operation serves a real zip instead of 404.
curl -fs -X POST -H "Authorization: Bearer $token" "$base/api/v1/users/me/export" >/dev/null
# A finished video for the share-link operations (the worker below makes it while it analyzes the sample).
video=$(curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$base/api/v1/videos" \
    -d '{"prompt": "bees", "settings": {"durationSeconds": 5, "quality": "480p", "music": false}}' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
PIXORA_LOG_LEVEL=warning PIXORA_PLANS_FILE="$data/plans.yaml" \
    "$binary" worker --data "$data" >"$data/worker.log" 2>&1 &
worker=$!
for _ in $(seq 600); do
    curl -fs -H "Authorization: Bearer $token" "$base/api/v1/projects/$project" | grep -q '"status":"analyzed"' &&
        break
    sleep 0.1
done
for _ in $(seq 600); do
    curl -fs -H "Authorization: Bearer $token" "$base/api/v1/users/me/export" | grep -q '"status":"ready"' && break
    sleep 0.1
done
for _ in $(seq 1200); do
    curl -fs -H "Authorization: Bearer $token" "$base/api/v1/videos/$video" | grep -q '"status":"completed"' && break
    sleep 0.1
done
kill "$worker"
wait "$worker" 2>/dev/null || true
curl -fs -X POST -H "Authorization: Bearer $token" "$base/api/v1/projects/$project/plans" >/dev/null
export PIXORA_CONTRACT_PROJECT="$project"
export PIXORA_CONTRACT_VIDEO="$video"
PIXORA_CONTRACT_SHARE=$(curl -fs -X POST -H "Authorization: Bearer $token" "$base/api/v1/videos/$video/shares" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["url"].rsplit("/", 1)[1])')
export PIXORA_CONTRACT_SHARE
# Collections for the collection operations (made-up ids would only ever answer 404): one holding the video, one
# to delete.
collection() {
    curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$base/api/v1/collections" \
        -d "{\"name\": \"$1\"}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}
PIXORA_CONTRACT_COLLECTION=$(collection Contract)
PIXORA_CONTRACT_SPARE_COLLECTION=$(collection Spare)
curl -fs -X PUT -H "Authorization: Bearer $token" \
    "$base/api/v1/collections/$PIXORA_CONTRACT_COLLECTION/items/videos/$video" >/dev/null
export PIXORA_CONTRACT_COLLECTION PIXORA_CONTRACT_SPARE_COLLECTION
PIXORA_CONTRACT_WEBHOOK=$(curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    "$base/api/v1/webhooks" -d '{"url": "https://hooks.example.com/pixora", "events": ["video.completed"]}' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["webhook"]["id"])')
export PIXORA_CONTRACT_WEBHOOK


mkdir -p test-output
set +e
# The examples phase runs on its own: run in one process with the generated phases, hypothesis 6 sometimes
# crashes inside its own code cache ("AST constructor recursion depth mismatch") while building examples.
# Examples run on one worker: two threads building examples at once also trip hypothesis ("FlakyFailure:
# Inconsistent results" while generating an example, never while testing the server).
run() {
    local workers=$1
    shift
    "$venv/bin/schemathesis" --config-file Tests/Contract/schemathesis.toml run "$base/openapi.json" --checks all \
        -H "Authorization: Bearer $token" --seed 1 --max-examples "${CONTRACT_EXAMPLES:-25}" --workers "$workers" \
        --request-timeout 20 "$@"
}
# Every phase on one worker: with two, Python 3.11's AST recursion counter races between threads
# (cpython gh-106905) and schemathesis stops with a "Runtime Error" in about half the runs.
run 1 --phases examples "$@" &&
    run 1 --phases coverage,fuzzing,stateful --report junit --report-dir test-output/contract "$@"
status=$?
set -e
if [ $status -ne 0 ]; then tail -20 "$data/server.log"; fi
exit $status
