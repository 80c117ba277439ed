#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb in a temporary folder, a free local port,
# PIXORA_TEST_POSTGRES_URL pointing at it; the cluster is stopped and removed afterwards, whatever happens.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
    echo "PostgreSQL is not installed: run scripts/install-deps.sh --test" >&2
    exit 1
fi
folder=$(mktemp -d /tmp/pixora-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
# PostgreSQL refuses to run as root; use its own account then.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$folder"
    as_owner=(runuser -u postgres --)
fi
cleanup() {
    "${as_owner[@]}" "$bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$folder"
}
trap cleanup EXIT INT TERM
"${as_owner[@]}" "$bin/initdb" -D "$folder/data" -U pixora -A trust --no-sync >/dev/null
"${as_owner[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -o \
    "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null
export PIXORA_TEST_POSTGRES_URL="postgres://pixora@127.0.0.1:$port/postgres"
echo "postgresql: throwaway cluster on port $port"
"$@"
