#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then run them:
# Debian's PostgreSQL (started on a free loopback port) and Chromium, the venv with dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "run-tests: missing ${need[*]}; install them (apt-get install ${need[*]}) for the full suite" >&2
  fi
fi

NEWSLEDGER_EXTRAS=dev bash scripts/setup.sh

# PostgreSQL: a throwaway cluster on a free port, owned by the postgres user when run as root.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
PG_DIR=""
cleanup() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    if [ "$(id -u)" = 0 ]; then su postgres -c "$PG_BIN/pg_ctl -D $PG_DIR/data -m immediate stop" >/dev/null 2>&1 || true
    else "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$PG_DIR"
  fi
}
trap cleanup EXIT
if [ -n "$PG_BIN" ] && [ -z "${NEWSLEDGER_TEST_POSTGRES_URL:-}" ]; then
  PG_PORT=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PG_DIR=$(mktemp -d /tmp/newsledger-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  as_pg "$PG_BIN/initdb -D $PG_DIR/data -U postgres -A trust >/dev/null"
  as_pg "$PG_BIN/pg_ctl -D $PG_DIR/data -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1' -l $PG_DIR/log -w start >/dev/null"
  as_pg "$PG_BIN/createdb -h 127.0.0.1 -p $PG_PORT -U postgres newsledger_test"
  export NEWSLEDGER_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/newsledger_test"
  echo "run-tests: PostgreSQL on 127.0.0.1:$PG_PORT"
fi

.venv/bin/python -m pytest -q "$@"
