#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server on loopback, and sets
# CRMSELECT_TEST_PG_URL for the tests that use it. The server and its data are removed after.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "PostgreSQL is not installed; the PostgreSQL tests are skipped" >&2
  exec "$@"
fi
workdir=$(mktemp -d /tmp/crmselect-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
runas=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$workdir"
  runas=(runuser -u postgres --)
fi
"${runas[@]}" "$bindir/initdb" -D "$workdir/data" -U postgres -A trust >/dev/null
"${runas[@]}" "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/log" -w \
  -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
cleanup() {
  "${runas[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT
export CRMSELECT_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
"$@"
