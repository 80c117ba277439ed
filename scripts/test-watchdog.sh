#!/usr/bin/env bash
# Runs a test command with a time limit: `scripts/test-watchdog.sh MINUTES command…`. A hung test would otherwise
# hold CI until CI's own limit and show nothing about itself; at this limit the watchdog prints the tests that
# started and never ended, the process tree and every thread's stack of the test process, then stops it.
set -uo pipefail
minutes=$1
shift
log=$(mktemp /tmp/pixora-tests.XXXXXX)

report() {
    echo "=== the tests ran past $minutes minutes; started and never ended (as far as the buffered output shows):"
    python3 - "$log" <<'EOF'
import re, sys
started, ended = [], set()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if m := re.search(r'(?:Test|Suite) "(.*)" started\.', line):
        if "Test case passing" not in line:
            started.append(m.group(1))
    # A test with arguments ends as 'Test "name" with 2 test cases passed after …'.
    if m := re.search(r'(?:Test|Suite) "(.*)" (?:with \d+ test cases? )?(?:passed|failed|skipped)', line):
        ended.add(m.group(1))
for name in dict.fromkeys(started):
    if name not in ended:
        print("  -", name)
EOF
    if [ -n "${PIXORA_TOOL_TRACE:-}" ] && [ -f "$PIXORA_TOOL_TRACE" ]; then
        echo "=== tool runs with no exit noted (PIXORA_TOOL_TRACE; one that threw, as when cancelled, shows too):"
        python3 - "$PIXORA_TOOL_TRACE" <<'EOF'
import sys
runs = {}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    parts = line.rstrip("\n").split(" ", 2)
    if len(parts) == 3:
        runs.setdefault(parts[1], []).append(parts[2])
for run, events in runs.items():
    if not any(event.startswith("exited") for event in events):
        print("  -", " | ".join(events)[:300])
EOF
    fi
    echo "=== processes of the tests:"
    ps --forest -s "$runner" -o pid,ppid,etime,time,args | cut -c1-220 | tail -80
    for pid in $(pgrep -s "$runner" -f 'PackageTests\.xctest'); do
        echo "=== threads of $pid:"
        # gdb: the toolchain's lldb needs a libpython this system may not have.
        timeout 180 gdb -p "$pid" -batch -ex 'set pagination off' -ex 'thread apply all bt 30' 2>&1 \
            | grep -v '^\[New LWP' | cut -c1-220 | head -4000
    done
}

# Its own process group, so that a stop reaches everything it started.
setsid "$@" > >(tee "$log") 2>&1 &
runner=$!
# Polls rather than sleeping once, so nothing of the watchdog outlives the tests.
deadline=$((SECONDS + minutes * 60))
expired=0
while kill -0 "$runner" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
        expired=1
        report
        kill -TERM -- "-$runner" 2>/dev/null
        sleep 10
        kill -KILL -- "-$runner" 2>/dev/null
        break
    fi
    sleep 5
done
wait "$runner"
status=$?
sleep 1  # tee writes out what is left
rm -f "$log"
if [ "$expired" -eq 1 ]; then
    echo "the tests were stopped after $minutes minutes" >&2
    exit 124
fi
exit "$status"
