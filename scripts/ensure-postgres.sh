#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 and that the test database exists.
# Starts the local Debian cluster when it is down; installs PostgreSQL from Debian packages where none exists.
# Tests connect as postgres/postgres (the password is ignored under trust auth).
set -euo pipefail
HOST=127.0.0.1
PORT=${VORONKA_PG_PORT:-5432}
DB=${VORONKA_TEST_DB:-voronka_test}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
ready() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$HOST" -p "$PORT"; }
as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else sudo -u postgres bash -c "$*"; fi
}

if ! ready; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "ensure-postgres: PostgreSQL not found, installing it from Debian packages" >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
  for version in $(ls /etc/postgresql 2>/dev/null); do
    for cluster in $(ls "/etc/postgresql/$version"); do
      echo "ensure-postgres: starting cluster $version/$cluster" >&2
      as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || true
    done
  done
  for _ in $(seq 1 30); do ready && break; sleep 1; done
  ready || { echo "ensure-postgres: PostgreSQL does not answer on $HOST:$PORT" >&2; exit 1; }
  # a fresh Debian install asks for a password on TCP: give postgres the one the tests use
  as_postgres "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
fi

export PGPASSWORD=postgres
if ! psql -h "$HOST" -p "$PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  psql -q -h "$HOST" -p "$PORT" -U postgres -d postgres -c "CREATE DATABASE $DB" >/dev/null
fi
echo "ensure-postgres: PostgreSQL ready on $HOST:$PORT, database $DB" >&2
