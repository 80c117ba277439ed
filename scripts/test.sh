#!/usr/bin/env bash
# Run every test: installs what is missing (including a PostgreSQL server), builds the tests once, and runs
# them with a throwaway PostgreSQL cluster, so the store and API suites run on SQLite and on PostgreSQL, then
# runs two API nodes and two workers on one PostgreSQL and one bucket (scripts/multinode-test.sh), tests the API
# against its OpenAPI document with schemathesis (scripts/contract-test.sh), then drives the studio in headless
# Chromium (scripts/browser-test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift build --build-tests
# The Piper tests fail rather than skip here: install-deps.sh has just installed it.
# A hang stops the run at 35 minutes (it takes under 15) with the tests that never ended and their stacks.
# Every tool run is traced, so a run that never returns is named by the watchdog.
PIXORA_TOOL_TRACE=$(mktemp /tmp/pixora-tool-trace.XXXXXX)
export PIXORA_TOOL_TRACE
trap 'rm -f "$PIXORA_TOOL_TRACE"' EXIT
PIXORA_REQUIRE_PIPER=1 scripts/test-watchdog.sh 35 scripts/with-postgres.sh swift test --skip-build "$@"
scripts/multinode-test.sh
scripts/contract-test.sh
scripts/browser-test.sh
