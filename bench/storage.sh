#!/usr/bin/env bash
# Media throughput from an S3-compatible bucket through an API node, against reading the same file directly, in
# one run: `rclone serve s3` (SigV4 keys) over a folder, `pixora serve` with PIXORA_STORAGE pointing at it, one video
# rendered by its worker, whose MP4 object is then replaced by a large file (PIXORA_BENCH_MB, default 256 MB) so
# that the copy dominates. Each figure is the best of 3 runs:
#   direct    cat of the object's file on the bucket's disk (the floor: page cache)
#   bucket    curl of the object from the S3 server with a presigned URL (what a 302 redirect gives a browser)
#   api       curl of GET /api/v1/videos/ID/video through the API node (the bucket streamed through)
#   api range the same with Range: bytes=0-(half) (the player's seeks)
# Usage: bench/storage.sh   (PIXORA_BIN picks the binary; default: a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test >/dev/null
if [ -z "${PIXORA_BIN:-}" ]; then
    swift build -c release --product pixora >/dev/null
    PIXORA_BIN=.build/release/pixora
fi
mb="${PIXORA_BENCH_MB:-256}"
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
s3_port=$(free_port)
api_port=$(free_port)
mkdir -p "$work/s3/media" "$work/data"
export AWS_ACCESS_KEY_ID=bench-key AWS_SECRET_ACCESS_KEY=bench-secret-0123456789
rclone serve s3 "$work/s3" --addr "127.0.0.1:$s3_port" --auth-key "$AWS_ACCESS_KEY_ID,$AWS_SECRET_ACCESS_KEY" \
    --config /dev/null >"$work/rclone.log" 2>&1 &
rclone_pid=$!
PIXORA_STORAGE="s3://media?endpoint=http://127.0.0.1:$s3_port" PIXORA_LOG_LEVEL=error PIXORA_BCRYPT_COST=4 \
    "$PIXORA_BIN" serve --data "$work/data" --port "$api_port" >"$work/serve.log" 2>&1 &
serve_pid=$!
trap 'kill $serve_pid $rclone_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 200); do curl -sf "http://127.0.0.1:$api_port/healthz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$api_port/api/v1"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
token=$(curl -sf -X POST "$base/auth/register" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"benchmark password"}' | json '["accessToken"]')
auth="Authorization: Bearer $token"
id=$(curl -sf -X POST "$base/videos" -H "$auth" -H 'Content-Type: application/json' \
    -d '{"prompt":"a 5-second video about bees","settings":{"durationSeconds":5,"quality":"480p"}}' | json '["id"]')
for _ in $(seq 600); do
    status=$(curl -sf "$base/videos/$id" -H "$auth" | json '["status"]')
    [ "$status" = completed ] && break
    [ "$status" = failed ] && { echo "the video failed: see $work/serve.log"; exit 1; }
    sleep 0.5
done
object="$work/s3/media/videos/$id/v1.mp4"
[ -s "$object" ] || { echo "the rendered video is not in the bucket"; exit 1; }
[ ! -e "$work/data/media/videos/$id" ] || { echo "the API node kept a copy of the video"; exit 1; }
head -c $((mb * 1048576)) /dev/urandom >"$object"
bytes=$(stat -c %s "$object")
presigned=$(python3 - "$s3_port" "$id" <<'PY'
import datetime, hashlib, hmac, sys, urllib.parse
port, video = sys.argv[1], sys.argv[2]
key, secret, region = "bench-key", "bench-secret-0123456789", "us-east-1"
now = datetime.datetime.now(datetime.timezone.utc)
stamp, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
path = f"/media/videos/{video}/v1.mp4"
query = {"X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Credential": f"{key}/{day}/{region}/s3/aws4_request",
         "X-Amz-Date": stamp, "X-Amz-Expires": "600", "X-Amz-SignedHeaders": "host"}
encoded = "&".join(f"{urllib.parse.quote(k, safe='')}={urllib.parse.quote(v, safe='')}" for k, v in sorted(query.items()))
canonical = f"GET\n{path}\n{encoded}\nhost:127.0.0.1:{port}\n\nhost\nUNSIGNED-PAYLOAD"
scope = f"{day}/{region}/s3/aws4_request"
to_sign = f"AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
k = ("AWS4" + secret).encode()
for part in (day, region, "s3", "aws4_request"):
    k = hmac.new(k, part.encode(), hashlib.sha256).digest()
signature = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
print(f"http://127.0.0.1:{port}{path}?{encoded}&X-Amz-Signature={signature}")
PY
)
best() { # command… → best MB/s of 3
    local top=0
    for _ in 1 2 3; do
        local start end rate
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        rate=$(python3 -c "print(f'{$bytes / 1048576 / ($end - $start):.0f}')")
        [ "$rate" -gt "$top" ] && top=$rate
    done
    echo "$top"
}
direct=$(best cat "$object")
bucket=$(best curl -sf -o /dev/null "$presigned")
api=$(best curl -sf -o /dev/null -H "$auth" "$base/videos/$id/video")
half=$((bytes / 2 - 1))
bytes_half=$((bytes / 2))
range_best() {
    local top=0
    for _ in 1 2 3; do
        local start end rate
        start=$(date +%s.%N)
        curl -sf -o /dev/null -H "$auth" -H "Range: bytes=0-$half" "$base/videos/$id/video"
        end=$(date +%s.%N)
        rate=$(python3 -c "print(f'{$bytes_half / 1048576 / ($end - $start):.0f}')")
        [ "$rate" -gt "$top" ] && top=$rate
    done
    echo "$top"
}
ranged=$(range_best)
echo "| path ($mb MB object, best of 3) | MB/s | vs direct |"
echo "|---|---|---|"
for row in "direct read of the file|$direct" "S3 server, presigned GET|$bucket" "API node streaming the bucket|$api" \
    "API node, Range of half|$ranged"; do
    IFS='|' read -r name rate <<<"$row"
    echo "| $name | $rate | $(python3 -c "print(f'{$rate / $direct:.2f}')") |"
done
echo "binary: $PIXORA_BIN"
